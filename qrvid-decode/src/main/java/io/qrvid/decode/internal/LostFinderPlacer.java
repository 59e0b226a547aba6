package io.qrvid.decode.internal;

import org.jspecify.annotations.Nullable;

/**
 * Places a finder pattern that the finder search lost (under a highlight, a stain or glare) from the two it found,
 * by what the symbol's geometry puts around it: the lost pattern's own 7x7-module ring structure with its
 * separator (ISO/IEC 18004:2015, 6.3.3 and 6.3.4) and the two timing patterns (6.3.5: row and column 6, dark on even
 * module indices between the separators), each scored as a <em>correlation</em> with the pattern that must be
 * there, not as a grey-level difference.
 *
 * <p>Why a correlation: a highlight lowers a pattern's contrast several times over without erasing its structure,
 * so the template's mean-light-minus-mean-dark score ({@link QrvidDetector#locateFinder}) falls below any fixed
 * share of the found patterns' contrast, and a timing pattern running into the highlight alternates with a fraction
 * of the contrast of its other half. The Pearson correlation of the samples with the expected pattern is invariant
 * to the local gain and offset: on the four symbols of the synthetic development sets that it places and the
 * previous placement (by the timing pattern's grey-level alternation alone, or none for a diagonal pair) missed
 * by 1.9-10 modules, the finder correlation at the true centre was 0.50-0.70 and the two timing correlations summed
 * to 0.19-1.69 (of 2, one timing pattern under the highlight in one of them; docs/decode.md, "issue 9, tenth
 * pass"). Written here because it is part of qrvid's own detector.
 *
 * <p>The search: the symbol is taken as the parallelogram through the three centres (an affine grid; the reader
 * fits its own grid afterwards and judges the result as for any triple). For each of the three versions nearest to
 * the found patterns' spacing, the lost centre is searched in whole-module steps within a quarter of the side
 * (at least 3, at most {@value #REACH} modules) of the prediction for the highest sum of the three correlations
 * (finder, row timing, column timing); the version and position with the highest sum win, and the position is
 * refined in quarter-module steps: on the sum within a module, and on the finder correlation alone within
 * {@value #REFINE} modules (see {@link #placement}: each is offered to the reader in turn). At most
 * 3 x 25 x 25 + 9 x 9 + 13 x 13 positions of at most 81 + 2 x 160 samples: bounded; the deadline is checked before each
 * version. A placement whose best whole-module score is not above {@link #FLOOR} is dropped unread (issue 9,
 * twelfth pass). The nearest version is searched first and its best score bounds the two others' searches, and the
 * quarter-module refinement starts from the coarse score (its centre's): the places are bit-identical to those of
 * the versions searched in increasing order and the refinement unbounded (issue 9, fourteenth pass;
 * {@code LostFinderPlacerEquivalenceTest}). Stateless; thread-safe as long as the image is not written meanwhile.
 */
final class LostFinderPlacer {
  /** Most modules searched each way around the prediction (a quarter of the side, capped; see the class). */
  static final int REACH = 12;
  /** Modules each way of the finder-only refinement, in quarter-module steps. */
  static final double REFINE = 1.5;

  /**
   * Upper bound of one computed correlation in the search's pruning: 1 (Pearson), with 1e-9 for the rounding of
   * its floating-point evaluation, so that pruning never drops a position that could win.
   */
  static final double MAX_CORRELATION = 1 + 1e-9;

  /**
   * Lowest coarse score (the sum of the three correlations at the best whole-module position over the versions
   * searched, at most 3) a placement must exceed to be offered to the reader; below it the hypothesis is dropped
   * unread. Traced (docs/decode.md, "issue 9, twelfth pass"): every placement of the recovery was recorded with its
   * scores and the reader's verdict on seed 2 ({@code /tmp/s2-syn}), the count-10 seed-1 set ({@code /tmp/ds4-syn}),
   * ZXing's blackbox and zxing-cpp's samples at 0/90/180/270 degrees: of 6,361 placements the reader read 5, at
   * coarse scores 1.25 to 2.00; the 4,730 at or below 1.0 (every one with a sample off the image among them) were
   * never read and took 29.1 s of the placements' 33.6 s and 23.5 s of the reader's 79.5 s on them. 1.0 leaves a
   * margin of 0.25 below the lowest score read. The floor is also the coarse search's first bound, so the pruning of
   * {@link #score} drops most positions of such a search after one or two correlations.
   */
  static final double FLOOR = 1.0;

  private LostFinderPlacer() {}

  /**
   * The lost pattern's centre, one or two places to try in turn (the second on demand): the best of all three correlations refined in
   * quarter-module steps within a module, then (when it differs by a quarter module or more) the finder
   * correlation's best within {@value #REFINE} modules of the same coarse place. Either the pattern or a timing
   * pattern may lie under the highlight or stain: on seed 2's {@code damaged_0014} the stained pattern's own
   * correlation is negative at its true centre and only the timing patterns place it; on seed 2's
   * {@code bright_spots_0016} and {@code glare_0011} the timing patterns pull the sum 0.8-1.9 modules off, and the
   * pattern's ring places it within 0.2 (docs/decode.md, "issue 9, tenth pass"). Null when no whole-module
   * position of any version scores above {@link #FLOOR}, or the deadline expired before any version was searched:
   * then nothing is read. Where the best score is above the floor, the place is the same as without the floor (the
   * first position with the highest score: a position above the floor is never pruned).
   *
   * @param img the full-resolution image
   * @param k a found pattern: the corner (top-left) one when {@code diagonal} is false, else one end of the diagonal
   * @param o the other found pattern: a neighbour of {@code k} along one side, or the other end of the diagonal
   * @param q the predicted centre of the lost pattern (pixels)
   * @param diagonal whether the found pair is the symbol's diagonal (the lost pattern is the top-left one)
   * @param ms the found patterns' module size (pixels)
   * @param deadline checked before each version searched
   * @return the first place, and the second searched only when {@link Placement#second} is called: the recovery
   *     reads it only after a read of the first that decoded beyond its error-correction share (issue 9, tenth and
   *     twelfth passes), so on photos where nothing is read
   *     the finder-only search (13 x 13 positions of 81 samples) would be computed and dropped about 4 times in 5
   *     (issue 9, eleventh pass); null when nothing scores above {@link #FLOOR} (see above)
   */
  static @Nullable Placement placement(LumaLevel img, FinderCandidate k, FinderCandidate o, double[] q,
      boolean diagonal, double ms, Deadline deadline) {
    double span = Math.hypot(o.x - k.x, o.y - k.y);
    // the found side, or the diagonal, in modules: the side is dimension - 7 between the finder centres
    double side = (diagonal ? span / Math.sqrt(2) : span) / ms;
    int v0 = (int) Math.round((side + 7 - 17) / 4);
    // only a position above the floor is read: the first search starts from it (see FLOOR)
    double best = FLOOR;
    double[] at = q;
    int bestDim = 0;
    int lo = Math.max(1, v0 - 1);
    int hi = Math.min(40, v0 + 1);
    // the nearest version first, where a symbol's pattern scores highest, so that its score bounds the two others'
    // searches; the result is the same as in increasing version order (the lowest version wins a tie: a lower
    // version searched after a higher one needs only to reach the best)
    int first = Math.max(lo, Math.min(hi, v0));
    for (int t = 0; t <= hi - lo; t++) {
      int v = t == 0 ? first : lo + t - 1 < first ? lo + t - 1 : lo + t;
      if (deadline.expired()) {
        break;
      }
      int dim = 17 + 4 * v;
      // only a position above the best of the versions searched before (in increasing order) can win: the search
      // starts from it, or from just below it for a version lower than the best one's
      double[] c = search(img, k, o, q, diagonal, dim, Math.max(3, Math.min(REACH, (dim - 7) / 4)), 1, true,
          bestDim != 0 && dim < bestDim ? Math.nextDown(best) : best);
      if (c[2] > best || bestDim != 0 && dim < bestDim && c[2] == best) {
        best = c[2];
        at = c;
        bestDim = dim;
      }
    }
    if (bestDim == 0) {
      return null;
    }
    // the refinement's centre is the coarse place itself, scoring exactly best: no position below it can win, so
    // the search starts from just below it
    double[] whole = search(img, k, o, at, diagonal, bestDim, 1, 0.25, true, Math.nextDown(best));
    return new Placement(new double[] {whole[0], whole[1]}, img, k, o, at, diagonal, bestDim, ms);
  }

  /**
   * A lost pattern's first place (the best of all three correlations) and, on demand, its second (the finder
   * correlation's best near the same coarse place). Not thread-safe; one per hypothesis.
   */
  static final class Placement {
    /** The first place, {@code {x, y}} in full-resolution pixels. */
    final double[] first;
    private final LumaLevel img;
    private final FinderCandidate k;
    private final FinderCandidate o;
    private final double[] at;
    private final boolean diagonal;
    private final int dim;
    private final double ms;

    private Placement(double[] first, LumaLevel img, FinderCandidate k, FinderCandidate o, double[] at,
        boolean diagonal, int dim, double ms) {
      this.first = first;
      this.img = img;
      this.k = k;
      this.o = o;
      this.at = at;
      this.diagonal = diagonal;
      this.dim = dim;
      this.ms = ms;
    }

    /**
     * The second place: the finder correlation's best within {@value LostFinderPlacer#REFINE} modules of the
     * coarse place, in quarter-module steps; null when it lies within a quarter module of {@link #first} (the
     * refinements' step: then it is the first). Computed on each call.
     */
    double @Nullable [] second() {
      double[] ring = search(img, k, o, at, diagonal, dim, REFINE, 0.25, false, Double.NEGATIVE_INFINITY);
      // a quarter module: the refinements' step; closer, the second place is the first
      if (Math.hypot(first[0] - ring[0], first[1] - ring[1]) < 0.25 * ms) {
        return null;
      }
      return new double[] {ring[0], ring[1]};
    }
  }

  /**
   * The position within {@code reach} modules of {@code q} (each way, in {@code step}-module steps, along the axis
   * from the anchor to {@code q} and across it) with the highest score above {@code floor}, and that score:
   * {x, y, score}; {q, floor} when no position scores above {@code floor}. The score is the finder correlation,
   * plus both timing correlations when {@code withTiming}.
   */
  static double[] search(LumaLevel img, FinderCandidate k, FinderCandidate o, double[] q,
      boolean diagonal, int dim, double reach, double step, boolean withTiming, double floor) {
    // one module along the axis from the anchor (the corner pattern, or the diagonal's middle) to the prediction
    double ax;
    double ay;
    if (diagonal) {
      // the middle of the diagonal is (dim - 7) / sqrt 2 modules from the top-left centre
      ax = (q[0] - (k.x + o.x) / 2) * Math.sqrt(2) / (dim - 7);
      ay = (q[1] - (k.y + o.y) / 2) * Math.sqrt(2) / (dim - 7);
    } else {
      ax = (q[0] - k.x) / (dim - 7);
      ay = (q[1] - k.y) / (dim - 7);
    }
    double best = floor;
    double bx = q[0];
    double by = q[1];
    int n = (int) Math.round(reach / step);
    for (int j = -n; j <= n; j++) {
      for (int i = -n; i <= n; i++) {
        double cx = q[0] + step * (i * ax - j * ay);
        double cy = q[1] + step * (i * ay + j * ax);
        // the lost pattern is the top-left one when the pair is the diagonal, else the corner is k
        double s = diagonal ? score(img, cx, cy, k.x, k.y, o.x, o.y, cx, cy, dim, withTiming, best)
            : score(img, k.x, k.y, o.x, o.y, cx, cy, cx, cy, dim, withTiming, best);
        if (s > best) {
          best = s;
          bx = cx;
          by = cy;
        }
      }
    }
    return new double[] {bx, by, best};
  }

  /**
   * Finder correlation at the lost centre (lx, ly), plus both timing correlations when {@code withTiming}, on the
   * affine grid of a {@code dim}-module symbol with its top-left centre at (tlx, tly) and its other two at (px, py)
   * and (rx, ry) (the score is the same whichever of those two is the top-right one); or
   * {@link Double#NEGATIVE_INFINITY} as soon as the correlations computed so far, plus {@value #MAX_CORRELATION} for
   * each one left, cannot exceed {@code bound} (the search's best so far, which only a higher score replaces).
   *
   * <p>The pruning is exact: a Pearson correlation is at most 1, so a pruned position's score could not have won, and
   * the score of a position that is not pruned is the same sum, added in the same order, as without pruning. The
   * cheaper samples are taken first: the two timing patterns ({@code 2 (dim - 16)} samples) up to version 9, else
   * the finder pattern (81) and the row timing pattern; where nothing is there to place, their sum is near 0 while
   * the best sum found so far is not, so the rest is skipped at most positions. The bound is also tested after the
   * first correlation (two left): it prunes where that one is off the image (-2) or the best so far is high.
   */
  static double score(LumaLevel img, double tlx, double tly, double px, double py, double rx, double ry,
      double lx, double ly, int dim, boolean withTiming, double bound) {
    double n = dim - 7;
    double ux = (px - tlx) / n;
    double uy = (py - tly) / n;
    double vx = (rx - tlx) / n;
    double vy = (ry - tly) / n;
    if (!withTiming) {
      return finderCorrelation(img, lx, ly, ux, uy, vx, vy);
    }
    if (2 * (dim - 16) < 81) {
      // the timing patterns are the cheaper samples: they first
      double row = timingCorrelation(img, tlx, tly, ux, uy, vx, vy, dim);
      if (row + 2 * MAX_CORRELATION <= bound) {
        return Double.NEGATIVE_INFINITY;
      }
      double timing = row + timingCorrelation(img, tlx, tly, vx, vy, ux, uy, dim);
      if (timing + MAX_CORRELATION <= bound) {
        return Double.NEGATIVE_INFINITY;
      }
      return finderCorrelation(img, lx, ly, ux, uy, vx, vy) + timing;
    }
    double finder = finderCorrelation(img, lx, ly, ux, uy, vx, vy);
    if (finder + 2 * MAX_CORRELATION <= bound) {
      return Double.NEGATIVE_INFINITY;
    }
    double row = timingCorrelation(img, tlx, tly, ux, uy, vx, vy, dim);
    if (finder + row + MAX_CORRELATION <= bound) {
      return Double.NEGATIVE_INFINITY;
    }
    return finder + (row + timingCorrelation(img, tlx, tly, vx, vy, ux, uy, dim));
  }

  /**
   * Pearson correlation of the module centres 8 to {@code dim - 9} of the timing pattern that leaves the top-left
   * pattern at (x, y) along {@code (ux, uy)}, three modules along {@code (vx, vy)} from its centre, with the
   * timing pattern (dark on even indices): 1 for a perfect alternation at any contrast; -2 when a sample falls
   * outside the image; 0 on a flat line.
   */
  static double timingCorrelation(LumaLevel img, double x, double y, double ux, double uy, double vx, double vy,
      int dim) {
    double sum = 0;
    double sumSq = 0;
    double sumDark = 0;
    int nDark = 0;
    int count = 0;
    for (int i = 8; i <= dim - 9; i++) {
      double sx = x + (i - 3) * ux + 3 * vx;
      double sy = y + (i - 3) * uy + 3 * vy;
      if (sx < 0 || sy < 0 || sx >= img.width || sy >= img.height) {
        return -2;
      }
      double g = img.bilinear(sx, sy);
      sum += g;
      sumSq += g * g;
      if ((i & 1) == 0) {
        sumDark += g;
        nDark++;
      }
      count++;
    }
    return correlation(sum, sumSq, sumDark, nDark, count);
  }

  /**
   * Pearson correlation of the 9x9 module centres around (x, y) (module vectors {@code (ux, uy)} and
   * {@code (vx, vy)}) with a finder pattern and its separator: dark 3x3 centre and dark outer ring, light ring
   * between them and light ring outside (the separator, or the quiet zone). 1 for a perfect pattern at any
   * contrast; -2 when a sample falls outside the image.
   */
  static double finderCorrelation(LumaLevel img, double x, double y, double ux, double uy, double vx, double vy) {
    double sum = 0;
    double sumSq = 0;
    double sumDark = 0;
    int nDark = 0;
    for (int j = -4; j <= 4; j++) {
      for (int i = -4; i <= 4; i++) {
        double sx = x + i * ux + j * vx;
        double sy = y + i * uy + j * vy;
        if (sx < 0 || sy < 0 || sx >= img.width || sy >= img.height) {
          return -2;
        }
        double g = img.bilinear(sx, sy);
        sum += g;
        sumSq += g * g;
        int ring = Math.max(Math.abs(i), Math.abs(j));
        if (ring != 2 && ring != 4) {
          sumDark += g;
          nDark++;
        }
      }
    }
    return correlation(sum, sumSq, sumDark, nDark, 81);
  }

  /**
   * Pearson correlation of {@code count} samples with a two-valued pattern, +1 on the light positions and -1 on
   * the {@code nDark} dark ones, from the samples' sum, sum of squares and sum over the dark positions: the
   * correlation with a two-valued pattern is {@code (mean light - mean dark) sqrt(p (1 - p)) / sd}, p the dark
   * share. 0 when the samples are flat or one class is empty.
   */
  private static double correlation(double sum, double sumSq, double sumDark, int nDark, int count) {
    int nLight = count - nDark;
    if (nDark == 0 || nLight == 0) {
      return 0;
    }
    double mean = sum / count;
    double var = sumSq / count - mean * mean;
    if (var <= 1e-9) {
      return 0;
    }
    double p = (double) nDark / count;
    double diff = (sum - sumDark) / nLight - sumDark / nDark;
    return diff * Math.sqrt(p * (1 - p)) / Math.sqrt(var);
  }
}
