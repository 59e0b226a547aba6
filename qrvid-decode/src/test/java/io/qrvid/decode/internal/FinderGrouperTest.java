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
