package io.qrvid.decode.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Groups finder-pattern candidates into plausible symbols: triples whose patterns have similar module sizes, whose
 * two legs from the corner pattern are of similar length and about perpendicular, and whose leg length in modules
 * fits a QR version (21 to 177 modules). A leg's length in modules uses each pattern's module size along the leg
 * ({@link FinderCandidate#moduleAlong}), so a symbol tilted 40-65 degrees away from the camera, whose legs differ
 * up to 3x in pixels, still has legs of equal length in modules (on the synthetic {@code perspective} set, seed 1,
 * qrvid's reader alone read 9 of 20 symbols with it and 6 without). Many symbols per photo are handled by looking, for each candidate, only at
 * its nearest plausible partners (the idea of zxing-cpp's spatial binning in {@code GenerateFinderPatternSets}, which
 * turns the cubic search into a near-linear one); every triple is oriented so that top-left, top-right and
 * bottom-left run clockwise in the image, as in an unmirrored symbol.
 *
 * <p>A strongly foreshortened symbol's triple fails the ordinary test, because a homography maps the top-left right
 * angle to any angle: the top-left pattern may show an angle past 120 degrees, or an acute one that leaves another
 * pattern facing the longest side. Each candidate triple is therefore also offered as a {@linkplain #foreshortened
 * foreshortened} triple (any pattern as the top-left one, a wider angle admitted only where the patterns' own module
 * sizes along the two legs agree with the legs' pixel lengths), ranked after every ordinary triple so that clutter
 * costs only what is left of the reader's failure budget (docs/decode.md, "issue 9, eighth pass").
 */
final class FinderGrouper {
  /** Nearest partners considered per candidate. */
  private static final int PARTNERS = 12;
  /**
   * Most candidates grouped (the most often confirmed ones); more means a textured image, not more symbols. Traced
   * (docs/decode.md, "issue 9, thirteenth pass"): of the 1,220 photos of the synthetic seeds 2 and 3 and the
   * count-10 set, one has more than 277 candidates in its first finder search ({@code noncompliant_0019} of seed 2,
   * a symbol on diagonal stripes: 2,050, whose grouping took 460-810 ms with them all and 42-48 ms with the 400
   * best; qrvid's reader reads it with neither). The later searches grouped too (full resolution, second look,
   * level 2's images) pass more than 400 on four other images (seed 2's {@code negative_0009_faces} 675, {@code
   * negative_0021_faces} 403, {@code pathological_0013} 472; seed 3's {@code negative_0028_finder-lookalikes} 512;
   * one call each, traced with qrvid's reader at levels 1 and 2 and a 60 s budget): qrvid's reader reads none of
   * them with or without the cap. The cap was 2,500 before.
   */
  static final int MAX_CANDIDATES = 400;
  /** Most triples returned. */
  private static final int MAX_TRIPLES = 3000;

  private FinderGrouper() {}

  /** Three finder patterns of one supposed symbol, oriented, with a plausibility score (lower is better). */
  static final class Triple {
    final FinderCandidate tl;
    final FinderCandidate tr;
    final FinderCandidate bl;
    final double score;

    Triple(FinderCandidate tl, FinderCandidate tr, FinderCandidate bl, double score) {
      this.tl = tl;
      this.tr = tr;
      this.bl = bl;
      this.score = score;
    }

    boolean anyUsed() {
      return tl.used || tr.used || bl.used;
    }

    double moduleSize() {
      return (tl.moduleSize + tr.moduleSize + bl.moduleSize) / 3;
    }

    @Override
    public String toString() {
      return "Triple{tl=" + tl + ", tr=" + tr + ", bl=" + bl + ", score=" + score + "}";
    }
  }

  /** {@link #group(List, Deadline)} with no deadline. */
  static List<Triple> group(List<FinderCandidate> candidates) {
    return group(candidates, Deadline.none());
  }

  /**
   * The plausible triples, best (lowest score) first. For each candidate only its {@link #PARTNERS} nearest
   * partners are paired, chosen by a bounded insertion over primitive arrays (O(n * {@value #PARTNERS}) per
   * candidate; ties keep the lower index, as a stable sort would). The deadline is checked before each candidate
   * (at most {@value #MAX_CANDIDATES} distance computations and {@value #PARTNERS} choose 2 triple evaluations run
   * past it); once it has expired, the triples found so far are returned.
   *
   * @param candidates the finder-pattern candidates, not modified
   * @param deadline when to stop
   * @return the triples, at most {@value #MAX_TRIPLES}
   */
  static List<Triple> group(List<FinderCandidate> candidates, Deadline deadline) {
    return group(candidates, deadline, null);
  }

  /**
   * {@link #group(List, Deadline)}, also collecting into {@code legMisses} (when not null) the foreshortened
   * triples that passed every test but the legs' agreement in modules as the scan rows measure the module sizes
   * ({@link #foreshortened}), for {@link #byCorners} to measure again.
   */
  static List<Triple> group(List<FinderCandidate> candidates, Deadline deadline, @Nullable List<Triple> legMisses) {
    List<FinderCandidate> c = new ArrayList<>(candidates);
    if (c.size() > MAX_CANDIDATES) {
      c.sort(Comparator.comparingInt((FinderCandidate f) -> -f.hits));
      c = new ArrayList<>(c.subList(0, MAX_CANDIDATES));
    }
    int n = c.size();
    List<Triple> out = new ArrayList<>();
    if (n < 3) {
      return out;
    }
    double[] xs = new double[n];
    double[] ys = new double[n];
    double[] ms = new double[n];
    int[] hits = new int[n];
    for (int i = 0; i < n; i++) {
      FinderCandidate f = c.get(i);
      xs[i] = f.x;
      ys[i] = f.y;
      ms[i] = f.moduleSize;
      hits[i] = f.hits;
    }
    // the nearest partners so far, nearest first: near[0..k) with their weighted distances nearDist[0..k)
    int[] near = new int[PARTNERS];
    double[] nearDist = new double[PARTNERS];
    java.util.Set<Long> seen = new java.util.HashSet<>();
    for (int i = 0; i < n; i++) {
      if (deadline.expired()) {
        break;
      }
      double msA = ms[i];
      double maxDist2 = msA * 190 * (msA * 190);
      int k = 0;
      for (int j = 0; j < n; j++) {
        if (j == i) {
          continue;
        }
        double ratio = msA / ms[j];
        if (ratio > 2.2 || ratio < 1 / 2.2) {
          continue;
        }
        double dx = xs[i] - xs[j];
        double dy = ys[i] - ys[j];
        double d2 = dx * dx + dy * dy;
        double closest = 10 * Math.min(msA, ms[j]);
        if (d2 > maxDist2 || d2 < closest * closest) {
          continue;
        }
        // Math.sqrt (an intrinsic), not Math.hypot (about 4x dearer in JDK 17, and 15 of the 21 samples of this
        // method in a JFR trace of a textured photo); the coordinates are pixel positions, far from overflow
        double d = Math.sqrt(d2);
        // nearest first, where a look-alike confirmed on one scan row counts as five times as far as a pattern
        // confirmed on many: in textured clutter the nearest twelve were all look-alikes, and the real partners of a
        // large symbol's finder pattern never met it
        double w = d * (1 + 4.0 / Math.max(1, hits[j]));
        if (k == PARTNERS && w >= nearDist[PARTNERS - 1]) {
          continue;
        }
        // insert after every kept partner at the same distance (the lower index first, as in a stable sort)
        int at = k == PARTNERS ? PARTNERS - 1 : k;
        while (at > 0 && nearDist[at - 1] > w) {
          near[at] = near[at - 1];
          nearDist[at] = nearDist[at - 1];
          at--;
        }
        near[at] = j;
        nearDist[at] = w;
        if (k < PARTNERS) {
          k++;
        }
      }
      for (int p = 0; p < k; p++) {
        for (int q = p + 1; q < k; q++) {
          int j = near[p];
          int l = near[q];
          // each unordered triple once
          int lo = Math.min(i, Math.min(j, l));
          int hi = Math.max(i, Math.max(j, l));
          int mid = i + j + l - lo - hi;
          long key = ((long) lo * n + mid) * n + hi;
          if (!seen.add(key)) {
            continue;
          }
          Triple t = evaluate(c.get(i), c.get(j), c.get(l));
          if (t != null) {
            out.add(t);
          }
          Triple w = foreshortened(c.get(i), c.get(j), c.get(l), t == null ? null : t.tl, legMisses);
          if (w != null) {
            out.add(w);
          }
        }
      }
    }
    out.sort(Comparator.comparingDouble(t -> t.score));
    return out.size() > MAX_TRIPLES ? new ArrayList<>(out.subList(0, MAX_TRIPLES)) : out;
  }

  /**
   * Weight of the confirmation term of a triple's score, {@code log(1 + 8 / h)} for the fewest scan rows {@code h}
   * that confirmed one of its patterns: a real finder pattern is crossed by about as many scan rows as its centre
   * is tall (5-40 in photos), while the look-alikes of a textured background are mostly confirmed once or twice.
   * Without it a photo of textured clutter offered its many well-shaped look-alike triples first and used up the
   * reader's failure budget before the real symbol (the synthetic {@code high_version} set, seed 1).
   */
  static final double HITS_WEIGHT = 0.15;

  private static int minHits(FinderCandidate a, FinderCandidate b, FinderCandidate c) {
    return Math.min(a.hits, Math.min(b.hits, c.hits));
  }

  /**
   * Least cosine magnitude of the angle at the top-left pattern that a foreshortened symbol can show, {@code
   * cos(2 atan(cos 70 deg))} = 0.79: a square tilted 70 degrees away from the camera about its diagonal shows its
   * right angle as 2 atan(cos 70 deg) = 37.8 degrees (or its supplement), and perspective tilts above 65 degrees are
   * outside what the finder search finds (the synthetic {@code perspective} category tilts up to 65). Rounded to 0.8.
   */
  static final double FORESHORTENED_COS = 0.8;
  /**
   * Most relative difference of a foreshortened triple's two legs in modules (each leg's pixel length over the
   * module size along it, {@link FinderCandidate#moduleAlong}, at its two ends). Both legs are {@code dimension - 7}
   * modules long, so under the local affine map of the symbol their ratio in pixels is the ratio of the module
   * sizes along them: this is the test that each pattern's own foreshortening agrees with the triple's shape. The
   * residue is the trapezoid rule's error where the module size changes along a leg (up to 14 % on the
   * foreshortened symbols of the synthetic seed-1 and seed-2 sets whose finder patterns the ordinary test rejects).
   */
  static final double FORESHORTENED_LEGS = 0.2;
  /**
   * Added to a foreshortened triple's score so that it ranks after every ordinary triple (whose score is below
   * 0.5 + 0.5 + 0.5 log 2.2 + 0.02 + 0.0005 * 380 + 0.15 log 9 = 1.93), and clutter costs the reader only what is
   * left of its failure budget.
   */
  static final double FORESHORTENED_RANK = 2;

  /**
   * A triple of a strongly foreshortened symbol that {@link #evaluate} rejects or orients wrongly: a homography maps
   * the top-left right angle to any angle, so the top-left pattern need not face the longest side and its angle may
   * pass 120 degrees. Each of the three candidates (except {@code skip}, the corner {@link #evaluate} already chose)
   * is tried as the top-left pattern; the angle there must satisfy {@code |cos| <= }{@value #FORESHORTENED_COS},
   * the pixel legs the bounds of {@link #evaluate}, and the two legs in modules must agree within
   * {@value #FORESHORTENED_LEGS} ({@link #FORESHORTENED_LEGS}: the patterns' own foreshortening agrees with the
   * triple's). The best corner is returned, scored {@value #FORESHORTENED_RANK} after the ordinary triples.
   *
   * <p>No bound on the patterns' module sizes beyond the partner search's (each partner within 2.2x of the
   * candidate it is paired with, so at most 2.2 squared = 4.84 between the other two): {@link
   * FinderCandidate#moduleSize} is the mean of the sizes seen along the image's x and y axes, and on a symbol tilted
   * 55-65 degrees that mean differs between its near and far patterns by the perspective scale times the
   * foreshortening of the pattern's axes against the image axes (2.5-3.4x on three symbols of the synthetic
   * {@code perspective} set, seed 1 image 7 and seed 2 images 0 and 2, which qrvid's reader reads on the finder-corner
   * homography). The shape check is the legs' agreement in modules, measured along the legs.
   *
   * @return the triple, or null when no corner passes
   */
  static Triple foreshortened(FinderCandidate p, FinderCandidate q, FinderCandidate r, FinderCandidate skip) {
    return foreshortened(p, q, r, skip, null);
  }

  /**
   * {@link #foreshortened(FinderCandidate, FinderCandidate, FinderCandidate, FinderCandidate)}, adding to
   * {@code legMisses} (when not null and no corner passes) each corner that failed only the legs' agreement.
   */
  static @Nullable Triple foreshortened(FinderCandidate p, FinderCandidate q, FinderCandidate r,
      @Nullable FinderCandidate skip, @Nullable List<Triple> legMisses) {
    List<Triple> misses = null;
    double maxMs = Math.max(p.moduleSize, Math.max(q.moduleSize, r.moduleSize));
    double minMs = Math.min(p.moduleSize, Math.min(q.moduleSize, r.moduleSize));
    Triple best = null;
    FinderCandidate[][] corners = {{p, q, r}, {q, p, r}, {r, p, q}};
    for (FinderCandidate[] k : corners) {
      FinderCandidate corner = k[0];
      if (corner == skip) {
        continue;
      }
      FinderCandidate a = k[1];
      FinderCandidate b = k[2];
      double ax = a.x - corner.x;
      double ay = a.y - corner.y;
      double bx = b.x - corner.x;
      double by = b.y - corner.y;
      // Math.sqrt, not Math.hypot (about 4x dearer; this runs for every triple the partner search offers)
      double la = Math.sqrt(ax * ax + ay * ay);
      double lb = Math.sqrt(bx * bx + by * by);
      boolean pixelLegsOk = la <= 3 * lb && lb <= 3 * la;
      if (!pixelLegsOk && (legMisses == null || la > CORNERS_PIXEL_LEGS * lb || lb > CORNERS_PIXEL_LEGS * la)) {
        continue;
      }
      double cos = (ax * bx + ay * by) / (la * lb);
      if (Math.abs(cos) > FORESHORTENED_COS) {
        continue;
      }
      double ma = la / ((corner.moduleAlong(ax / la, ay / la) + a.moduleAlong(ax / la, ay / la)) / 2);
      double mb = lb / ((corner.moduleAlong(bx / lb, by / lb) + b.moduleAlong(bx / lb, by / lb)) / 2);
      double legMismatch = Math.abs(ma - mb) / Math.max(ma, mb);
      if (ma < 10 || mb < 10 || ma > 190 || mb > 190) {
        continue;
      }
      if (legMismatch > FORESHORTENED_LEGS || !pixelLegsOk) {
        if (legMisses != null) {
          if (misses == null) {
            misses = new ArrayList<>(3);
          }
          double score = CORNERS_RANK + Math.abs(cos) + 0.5 * Math.log(maxMs / minMs)
              + HITS_WEIGHT * Math.log(1 + 8.0 / Math.max(1, minHits(corner, a, b)));
          misses.add(ax * by - ay * bx > 0 ? new Triple(corner, a, b, score) : new Triple(corner, b, a, score));
        }
        continue;
      }
      double score = FORESHORTENED_RANK + legMismatch + Math.abs(cos) + 0.5 * Math.log(maxMs / minMs)
          + 0.0005 * (ma + mb) + HITS_WEIGHT * Math.log(1 + 8.0 / Math.max(1, minHits(corner, a, b)));
      if (best == null || score < best.score) {
        best = ax * by - ay * bx > 0 ? new Triple(corner, a, b, score) : new Triple(corner, b, a, score);
      }
    }
    if (best == null && misses != null) {
      legMisses.addAll(misses);
    }
    return best;
  }

  /**
   * Most ratio of a {@link #byCorners} triple's two legs in pixels: the ordinary bound, 3 (a tilt of 70 degrees
   * shortens a leg to cos 70 = 0.34), times the perspective scale between the near and the far leg, which on seed 2's
   * {@code perspective_0011} makes it 3.01 (tilted about 65 degrees, its near pattern's modules 3.7x its far one's).
   * Admitted only for the corners' measurement, which is the shape check.
   */
  static final double CORNERS_PIXEL_LEGS = 4;
  /** Added to a {@link #byCorners} triple's score: after every ordinary and foreshortened triple. */
  static final double CORNERS_RANK = 4;

  /**
   * A foreshortened triple ({@code t}, oriented, that failed only the legs' agreement in {@link #foreshortened})
   * measured again on the patterns' own corners: each pattern's module size along each leg from its outer square
   * ({@link FinderCorners}: the two sides along the leg over 7 modules), and each leg in modules as its pixel length
   * over the <em>geometric</em> mean of its two ends' module sizes. The geometric mean is exact for a projective
   * map along a line: with {@code x(s) = a s / (1 + c s)}, the module size is {@code a} at {@code s = 0} and
   * {@code a / (1 + c n)^2} at {@code s = n}, and the length {@code a n / (1 + c n)} is {@code n} times their
   * geometric mean; the arithmetic mean of the trapezoid rule undercounts the modules of a leg whose scale changes
   * 2-4x (seed 2's {@code perspective_0011}: 28 modules where there are 34, 34.0 with the geometric mean). The scan
   * rows' module sizes ({@link FinderCandidate#moduleAlong}) are not enough there: on a pattern tilted 60 degrees a
   * row crosses its rings obliquely (16 pixels per module measured where the corners give 8). Returns the triple
   * when both legs agree within {@value #FORESHORTENED_LEGS} and lie in 10-190 modules, else null (also when a
   * pattern's corners are not found).
   */
  static @Nullable Triple byCorners(LumaLevel img, Triple t) {
    double ax = t.tr.x - t.tl.x;
    double ay = t.tr.y - t.tl.y;
    double bx = t.bl.x - t.tl.x;
    double by = t.bl.y - t.tl.y;
    double la = Math.sqrt(ax * ax + ay * ay);
    double lb = Math.sqrt(bx * bx + by * by);
    double ux = ax / la;
    double uy = ay / la;
    double vx = bx / lb;
    double vy = by / lb;
    FinderCandidate[] three = {t.tl, t.tr, t.bl};
    double[] mu = new double[3];
    double[] mv = new double[3];
    for (int k = 0; k < 3; k++) {
      FinderCandidate f = three[k];
      double[] c = FinderCorners.find(img, f, ux, uy, f.moduleAlong(ux, uy), vx, vy, f.moduleAlong(vx, vy));
      if (c == null) {
        return null;
      }
      // corners at (-u, -v), (+u, -v), (+u, +v), (-u, +v): the sides along u are 0-1 and 3-2, along v 0-3 and 1-2
      mu[k] = (Math.hypot(c[2] - c[0], c[3] - c[1]) + Math.hypot(c[4] - c[6], c[5] - c[7])) / 14;
      mv[k] = (Math.hypot(c[6] - c[0], c[7] - c[1]) + Math.hypot(c[4] - c[2], c[5] - c[3])) / 14;
    }
    double ma = la / Math.sqrt(mu[0] * mu[1]);
    double mb = lb / Math.sqrt(mv[0] * mv[2]);
    double legMismatch = Math.abs(ma - mb) / Math.max(ma, mb);
    if (!(ma >= 10 && mb >= 10 && ma <= 190 && mb <= 190 && legMismatch <= FORESHORTENED_LEGS)) {
      return null;
    }
    return new Triple(t.tl, t.tr, t.bl, t.score + legMismatch + 0.0005 * (ma + mb));
  }

  /** Orders and scores three candidates, or null when they cannot be one symbol's finder patterns. */
  static Triple evaluate(FinderCandidate p, FinderCandidate q, FinderCandidate r) {
    double dpq = Math.hypot(p.x - q.x, p.y - q.y);
    double dqr = Math.hypot(q.x - r.x, q.y - r.y);
    double dpr = Math.hypot(p.x - r.x, p.y - r.y);
    FinderCandidate corner;
    FinderCandidate a;
    FinderCandidate b;
    double hyp;
    if (dqr >= dpq && dqr >= dpr) {
      corner = p; a = q; b = r; hyp = dqr;
    } else if (dpr >= dpq && dpr >= dqr) {
      corner = q; a = p; b = r; hyp = dpr;
    } else {
      corner = r; a = p; b = q; hyp = dpq;
    }
    double ax = a.x - corner.x;
    double ay = a.y - corner.y;
    double bx = b.x - corner.x;
    double by = b.y - corner.y;
    double la = Math.hypot(ax, ay);
    double lb = Math.hypot(bx, by);
    // up to 3x in pixels (a symbol tilted 65 degrees), but at most 2x once measured in modules (below)
    if (la > 3 * lb || lb > 3 * la) {
      return null;
    }
    double cos = (ax * bx + ay * by) / (la * lb);
    if (Math.abs(cos) > 0.5) {
      return null;
    }
    double maxMs = Math.max(corner.moduleSize, Math.max(a.moduleSize, b.moduleSize));
    double minMs = Math.min(corner.moduleSize, Math.min(a.moduleSize, b.moduleSize));
    if (maxMs > 2.2 * minMs) {
      return null;
    }
    // legs in modules, each measured with the module size of the patterns at its ends
    // (along each leg's direction, so that a symbol tilted away from the camera keeps its legs' true lengths)
    double ma = la / ((corner.moduleAlong(ax / la, ay / la) + a.moduleAlong(ax / la, ay / la)) / 2);
    double mb = lb / ((corner.moduleAlong(bx / lb, by / lb) + b.moduleAlong(bx / lb, by / lb)) / 2);
    if (ma < 10 || mb < 10 || ma > 190 || mb > 190 || ma > 2 * mb || mb > 2 * ma) {
      return null;
    }
    double legMismatch = Math.abs(ma - mb) / Math.max(ma, mb);
    double sizeMismatch = Math.log(maxMs / minMs);
    // the last term prefers the smaller of otherwise equal groups (as zxing-cpp does), for rows of symbols
    double score = legMismatch + Math.abs(cos) + 0.5 * sizeMismatch + 0.02 * Math.abs(hyp / Math.hypot(la, lb) - 1)
        + 0.0005 * (ma + mb) + HITS_WEIGHT * Math.log(1 + 8.0 / Math.max(1, minHits(corner, a, b)));
    if (ax * by - ay * bx > 0) {
      return new Triple(corner, a, b, score);
    }
    return new Triple(corner, b, a, score);
  }
}
