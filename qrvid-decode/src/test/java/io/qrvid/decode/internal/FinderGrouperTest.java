package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FinderGrouperTest {
  /**
   * The grouping before its nearest partners were chosen by bounded insertion (every candidate's partner list
   * sorted with boxed indices): the reference the new one must match triple for triple.
   */
  static List<FinderGrouper.Triple> reference(List<FinderCandidate> candidates) {
    List<FinderCandidate> c = new ArrayList<>(candidates);
    if (c.size() > FinderGrouper.MAX_CANDIDATES) {
      c.sort(Comparator.comparingInt((FinderCandidate f) -> -f.hits));
      c = new ArrayList<>(c.subList(0, FinderGrouper.MAX_CANDIDATES));
    }
    int n = c.size();
    List<FinderGrouper.Triple> out = new ArrayList<>();
    if (n < 3) {
      return out;
    }
    double[] dist = new double[n];
    Integer[] order = new Integer[n];
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < n; i++) {
      FinderCandidate a = c.get(i);
      int m = 0;
      for (int j = 0; j < n; j++) {
        if (j == i) {
          continue;
        }
        FinderCandidate b = c.get(j);
        double ratio = a.moduleSize / b.moduleSize;
        if (ratio > 2.2 || ratio < 1 / 2.2) {
          continue;
        }
        double d = Math.hypot(a.x - b.x, a.y - b.y);
        if (d > a.moduleSize * 190 || d < 10 * Math.min(a.moduleSize, b.moduleSize)) {
          continue;
        }
        dist[j] = d * (1 + 4.0 / Math.max(1, b.hits));
        order[m++] = j;
      }
      Arrays.sort(order, 0, m, Comparator.comparingDouble(j -> dist[j]));
      int k = Math.min(m, 12);
      for (int p = 0; p < k; p++) {
        for (int q = p + 1; q < k; q++) {
          int j = order[p];
          int l = order[q];
          int lo = Math.min(i, Math.min(j, l));
          int hi = Math.max(i, Math.max(j, l));
          int mid = i + j + l - lo - hi;
          if (!seen.add(((long) lo * n + mid) * n + hi)) {
            continue;
          }
          FinderGrouper.Triple t = FinderGrouper.evaluate(c.get(i), c.get(j), c.get(l));
          if (t != null) {
            out.add(t);
          }
          FinderGrouper.Triple w = FinderGrouper.foreshortened(c.get(i), c.get(j), c.get(l), t == null ? null : t.tl);
          if (w != null) {
            out.add(w);
          }
        }
      }
    }
    out.sort(Comparator.comparingDouble(t -> t.score));
    return out.size() > 3000 ? new ArrayList<>(out.subList(0, 3000)) : out;
  }

  private static String describe(List<FinderGrouper.Triple> triples) {
    StringBuilder s = new StringBuilder();
    for (FinderGrouper.Triple t : triples) {
      s.append(System.identityHashCode(t.tl)).append(',').append(System.identityHashCode(t.tr)).append(',')
          .append(System.identityHashCode(t.bl)).append(',').append(t.score).append('\n');
    }
    return s.toString();
  }

  @Test
  void choosesTheSamePartnersAndTriplesAsTheSortedReference() {
    Random rnd = new Random(11);
    int triples = 0;
    for (int trial = 0; trial < 41; trial++) {
      int n = trial < 40 ? 3 + rnd.nextInt(300) : 2600;
      List<FinderCandidate> c = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        // coarse positions and few module sizes and hit counts, so that equal distances (ties) occur
        double ms = 2 + rnd.nextInt(4);
        FinderCandidate f = new FinderCandidate(rnd.nextInt(60) * 10, rnd.nextInt(60) * 10, ms, 30, 200, 1);
        f.hits = 1 + rnd.nextInt(trial % 2 == 0 ? 3 : 40);
        f.moduleX = ms * (0.8 + 0.4 * rnd.nextDouble());
        c.add(f);
      }
      List<FinderGrouper.Triple> expected = reference(c);
      List<FinderGrouper.Triple> actual = FinderGrouper.group(c, Deadline.none());
      assertThat(describe(actual)).as("trial %d, %d candidates", trial, n).isEqualTo(describe(expected));
      triples += actual.size();
    }
    assertThat(triples).isGreaterThan(10_000);
  }

  private static FinderCandidate candidate(double x, double y, double moduleX, double moduleY, int hits) {
    FinderCandidate f = new FinderCandidate(x, y, (moduleX + moduleY) / 2, 30, 200, 1);
    f.moduleX = moduleX;
    f.moduleY = moduleY;
    f.hits = hits;
    return f;
  }

  /**
   * The three finder patterns qrvid's finder search found on three strongly foreshortened symbols of the synthetic
   * {@code perspective} category, seed 2 (images 3, 4 and 15: top-left, top-right, bottom-left with their module
   * sizes along x and y and hit counts): the ordinary test rejects them (an angle of 122 degrees at the top-left
   * pattern; a top-left pattern that does not face the longest side, twice), and qrvid's reader reads each once
   * handed the triple. They must be grouped, correctly oriented, and ranked after an ordinary symbol's triple. The
   * last two are seed 2's image 2 and seed 1's image 7, whose patterns' module sizes differ 3.4x and 2.5x (read on
   * the finder-corner homography, docs/decode.md, "issue 9, ninth pass").
   */
  @Test
  void groupsTheFinderPatternsOfStronglyForeshortenedSymbols() {
    double[][][] symbols = {
        {{125.0, 343.0, 7.57, 4.07, 24}, {294.0, 319.5, 7.43, 3.86, 20}, {66.0, 476.8, 10.64, 7.81, 37}},
        {{471.0, 445.0, 3.57, 4.57, 28}, {555.5, 467.1, 2.71, 4.14, 26}, {488.5, 574.5, 3.71, 5.20, 37}},
        {{788.5, 320.5, 5.71, 3.27, 20}, {894.5, 340.0, 5.71, 3.34, 17}, {799.5, 389.0, 6.43, 4.14, 22}},
        {{131.1, 76.6, 5.39, 6.35, 42}, {392.5, 241.9, 11.45, 7.47, 43}, {177.0, 240.9, 3.07, 2.45, 18}},
        {{177.0, 106.0, 3.57, 8.29, 54}, {350.0, 100.0, 9.14, 13.00, 65}, {199.0, 315.6, 3.11, 5.71, 28}}};
    for (double[][] s : symbols) {
      FinderCandidate tl = candidate(s[0][0], s[0][1], s[0][2], s[0][3], (int) s[0][4]);
      FinderCandidate tr = candidate(s[1][0], s[1][1], s[1][2], s[1][3], (int) s[1][4]);
      FinderCandidate bl = candidate(s[2][0], s[2][1], s[2][2], s[2][3], (int) s[2][4]);
      FinderGrouper.Triple ordinary = FinderGrouper.evaluate(tl, tr, bl);
      assertThat(ordinary == null || ordinary.tl != tl).as("rejected or misoriented by the ordinary test").isTrue();
      // an upright symbol of 33 modules at 4 pixels per module, far away
      FinderCandidate a = candidate(2000, 2000, 4, 4, 30);
      FinderCandidate b = candidate(2000 + 4 * 26, 2000, 4, 4, 30);
      FinderCandidate c = candidate(2000, 2000 + 4 * 26, 4, 4, 30);
      List<FinderGrouper.Triple> triples = FinderGrouper.group(List.of(tl, tr, bl, a, b, c));
      assertThat(triples).anyMatch(t -> t.tl == tl && t.tr == tr && t.bl == bl);
      assertThat(triples.get(0)).matches(t -> t.tl == a && t.tr == b && t.bl == c, "the upright symbol first");
    }
  }

  @Test
  void anExpiredDeadlineGroupsNothing() {
    Random rnd = new Random(5);
    List<FinderCandidate> c = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      c.add(new FinderCandidate(rnd.nextInt(1000), rnd.nextInt(1000), 3, 30, 200, 1));
    }
    assertThat(FinderGrouper.group(c, Deadline.none())).isNotEmpty();
    assertThat(FinderGrouper.group(c, Deadline.when(() -> true))).isEmpty();
  }
}
