package io.qrvid.decode.internal;

import static io.qrvid.decode.internal.SymbolReader.TRACK_PULL;
import static io.qrvid.decode.internal.SymbolReader.TRACK_REACH;

import org.jspecify.annotations.Nullable;

/**
 * The image of a symbol printed on a cylinder (a bottle, a can, a rolled page) seen by a pinhole camera: one
 * parameter set per symbol, fitted to control points the reader found on the symbol itself (finder-pattern centres,
 * timing-pattern module centres, the alignment pattern).
 *
 * <p>Model. Let {@code s} be the module coordinate around the cylinder and {@code t} the one along its axis (either
 * {@code s = u, t = v} or the other way round), both measured from the symbol's middle. A point of the printed
 * plane lands on the cylinder of radius {@code 1/k} at {@code (sin(ks)/k, t, (1 - cos(ks))/k^2)} in the cylinder's
 * own frame; any pose and any pinhole camera then make the image point a projective function of those coordinates:
 * {@code (x, y) = (P1 . b, P2 . b) / (P3 . b)} with {@code b = (S(s), C(s), t, 1)}, {@code S(s) = sin(ks)/k},
 * {@code C(s) = (1 - cos(ks))/k^2} and a 3x4 matrix {@code P} (11 degrees of freedom, up to scale). For a fixed
 * curvature {@code k} the image is linear in {@code P}, so {@code P} is a linear least-squares fit (a DLT, as for a
 * homography: Hartley, Zisserman, Multiple View Geometry, 2nd ed., 4.1, with the same normalisation of the image
 * points, 4.4.4), and {@code k} is a one-dimensional search over the residual. At {@code k = 0} the basis tends to
 * {@code (s, s^2/2, t, 1)}: a homography plus a parabolic bow, so a flat symbol fits as well as by a homography.
 * Rows of a symbol wrapped round the cylinder are then conics in the image, its columns straight lines through one
 * vanishing point (ISO/IEC 18004 says nothing about curved surfaces: this is the geometry of the surface alone).
 *
 * <p>Written here, not taken from a library: the grid is part of the product (the sampler), and it is 12 unknowns.
 * Immutable; thread-safe.
 */
final class CylinderGrid {
  /** Curvatures searched: the half-angle the symbol's width subtends on the cylinder, radians (0 to 80 degrees). */
  private static final double MAX_HALF_ANGLE = Math.toRadians(80);
  private static final int CURVATURE_STEPS = 32;

  final int dimension;
  /** Whether the symbol wraps round the cylinder along u (the cylinder's axis runs along v). */
  final boolean aroundU;
  /** Curvature in normalised module units (half the symbol is 1): the half-angle subtended, radians. */
  final double halfAngle;
  /** Root-mean-square distance of the control points from the fit, pixels. */
  final double rms;
  /** Largest distance of a control point from the fit, pixels. */
  final double worst;
  private final double[] m;
  private final double half;
  private final double cx;
  private final double cy;
  private final double scale;

  CylinderGrid(int dimension, boolean aroundU, double halfAngle, double[] m, double cx, double cy,
      double scale, double rms, double worst) {
    this.dimension = dimension;
    this.aroundU = aroundU;
    this.halfAngle = halfAngle;
    this.m = m;
    this.half = dimension / 2.0;
    this.cx = cx;
    this.cy = cy;
    this.scale = scale;
    this.rms = rms;
    this.worst = worst;
  }

  /**
   * The best fit over both axes and every curvature searched, or null when fewer than 8 points are given or every
   * fit is degenerate.
   *
   * @param uv module coordinates of the control points (u, v pairs)
   * @param xy their image positions in pixels (x, y pairs)
   * @param n number of points
   */
  static @Nullable CylinderGrid fit(int dimension, double[] uv, double[] xy, int n) {
    CylinderGrid best = null;
    for (boolean around : new boolean[] {true, false}) {
      CylinderGrid c = fit(dimension, uv, xy, n, around);
      if (c != null && (best == null || c.rms < best.rms)) {
        best = c;
      }
    }
    return best;
  }

  /** The best fit with the given axis: a coarse search over the curvature, then a golden-section refinement. */
  static @Nullable CylinderGrid fit(int dimension, double[] uv, double[] xy, int n, boolean aroundU) {
    if (n < 8) {
      return null;
    }
    Points pts = Points.of(dimension, uv, xy, n);
    if (pts == null) {
      return null;
    }
    CylinderGrid best = null;
    int bestK = 0;
    for (int k = 0; k <= CURVATURE_STEPS; k++) {
      CylinderGrid c = fitAt(pts, aroundU, MAX_HALF_ANGLE * k / CURVATURE_STEPS);
      if (c != null && (best == null || c.rms < best.rms)) {
        best = c;
        bestK = k;
      }
    }
    if (best == null) {
      return null;
    }
    double step = MAX_HALF_ANGLE / CURVATURE_STEPS;
    double a = Math.max(0, (bestK - 1) * step);
    double b = Math.min(MAX_HALF_ANGLE, (bestK + 1) * step);
    double g = (Math.sqrt(5) - 1) / 2;
    for (int it = 0; it < 12; it++) {
      double x1 = b - g * (b - a);
      double x2 = a + g * (b - a);
      CylinderGrid c1 = fitAt(pts, aroundU, x1);
      CylinderGrid c2 = fitAt(pts, aroundU, x2);
      double r1 = c1 == null ? Double.MAX_VALUE : c1.rms;
      double r2 = c2 == null ? Double.MAX_VALUE : c2.rms;
      if (c1 != null && r1 < best.rms) {
        best = c1;
      }
      if (c2 != null && r2 < best.rms) {
        best = c2;
      }
      if (r1 < r2) {
        b = x2;
      } else {
        a = x1;
      }
    }
    return best;
  }

  /**
   * The control points of one {@link #fit}, with what every curvature's fit shares: the image points' centroid and
   * scale (Hartley's normalisation) and the normalised points, computed once per fit instead of once per curvature
   * (the fit tries 2 x 57 curvatures), plus the buffers each curvature's fit reuses. Not thread-safe; one per fit.
   */
  private static final class Points {
    final int dimension;
    final double[] uv;
    final double[] xy;
    final int n;
    final double cx;
    final double cy;
    final double scale;
    /** Normalised image points, x then y per point. */
    final double[] nxy;
    /** The basis of each point at the curvature being fitted (4 per point). */
    final double[] basis;
    final double[][] ata = new double[11][12];

    private Points(int dimension, double[] uv, double[] xy, int n, double cx, double cy, double scale) {
      this.dimension = dimension;
      this.uv = uv;
      this.xy = xy;
      this.n = n;
      this.cx = cx;
      this.cy = cy;
      this.scale = scale;
      this.nxy = new double[2 * n];
      for (int i = 0; i < n; i++) {
        nxy[2 * i] = (xy[2 * i] - cx) * scale;
        nxy[2 * i + 1] = (xy[2 * i + 1] - cy) * scale;
      }
      this.basis = new double[4 * n];
    }

    /**
     * The points' normalisation, as the reference fit ({@code CylinderGridTest.fitAtReference}) computes it; null
     * when they all coincide.
     */
    static @Nullable Points of(int dimension, double[] uv, double[] xy, int n) {
      double[] c = Homography.centroidAndMeanDistance(xy, n);
      if (c[2] < 1e-9) {
        return null;
      }
      return new Points(dimension, uv, xy, n, c[0], c[1], Math.sqrt(2) / c[2]);
    }
  }

  /** Indices of the unknowns an x equation ({@code P1.b - x P3'.b' = x}) involves; then those of a y equation. */
  private static final int[] X_TERMS = {0, 1, 2, 3, 8, 9, 10};
  private static final int[] Y_TERMS = {4, 5, 6, 7, 8, 9, 10};

  /**
   * The linear fit of P for one curvature ({@code CylinderGridTest.fitAtReference}, computed faster with the same
   * result): the normal equations get only the products of each equation's 7 non-zero terms (of 11 unknowns), on and
   * above the diagonal, then mirrored below it (the product of two terms is the same either way round, and a zero
   * product leaves a sum unchanged, so every entry is the same sum in the same order as {@link Homography#accumulate}
   * builds it); each point's basis is computed once and reused for its residual. Bit for bit the reference's fit
   * ({@code CylinderGridTest}); about a third of the multiplications. A whole {@link #fit} takes 0.64x the time of
   * the same search over the reference (300 random cylinders of versions 2-7, alternated in one JVM; issue 9,
   * eleventh pass).
   */
  static @Nullable CylinderGrid fitAt(int dimension, double[] uv, double[] xy, int n, boolean aroundU,
      double halfAngle) {
    Points pts = Points.of(dimension, uv, xy, n);
    return pts == null ? null : fitAt(pts, aroundU, halfAngle);
  }

  /** {@link #fitAt(int, double[], double[], int, boolean, double)} on points already normalised. */
  private static @Nullable CylinderGrid fitAt(Points pts, boolean aroundU, double halfAngle) {
    int n = pts.n;
    double half = pts.dimension / 2.0;
    double[][] ata = pts.ata;
    for (double[] r : ata) {
      java.util.Arrays.fill(r, 0);
    }
    double[] b = new double[4];
    double[] bs = pts.basis;
    double[] row = new double[12];
    for (int i = 0; i < n; i++) {
      basis(pts.uv[2 * i], pts.uv[2 * i + 1], half, aroundU, halfAngle, b);
      System.arraycopy(b, 0, bs, 4 * i, 4);
      double x = pts.nxy[2 * i];
      double y = pts.nxy[2 * i + 1];
      for (int k = 0; k < 4; k++) {
        row[k] = b[k];
      }
      for (int k = 0; k < 3; k++) {
        row[8 + k] = -x * b[k];
      }
      row[11] = x;
      accumulateUpper(ata, row, X_TERMS);
      for (int k = 0; k < 4; k++) {
        row[4 + k] = b[k];
      }
      for (int k = 0; k < 3; k++) {
        row[8 + k] = -y * b[k];
      }
      row[11] = y;
      accumulateUpper(ata, row, Y_TERMS);
    }
    for (int i = 1; i < 11; i++) {
      for (int j = 0; j < i; j++) {
        ata[i][j] = ata[j][i];
      }
    }
    double[] sol = Homography.solve(ata);
    if (sol == null) {
      return null;
    }
    double[] m = new double[12];
    System.arraycopy(sol, 0, m, 0, 11);
    m[11] = 1;
    CylinderGrid c = new CylinderGrid(pts.dimension, aroundU, halfAngle, m, pts.cx, pts.cy, pts.scale, 0, 0);
    double sum = 0;
    double worst = 0;
    double[] q = new double[2];
    for (int i = 0; i < n; i++) {
      if (!c.mapBasis(bs, 4 * i, q)) {
        return null;
      }
      double e = Math.hypot(q[0] - pts.xy[2 * i], q[1] - pts.xy[2 * i + 1]);
      sum += e * e;
      worst = Math.max(worst, e);
    }
    return new CylinderGrid(pts.dimension, aroundU, halfAngle, m, pts.cx, pts.cy, pts.scale, Math.sqrt(sum / n),
        worst);
  }

  /**
   * {@link Homography#accumulate} of one equation whose only non-zero terms are {@code terms} (ascending), on and
   * above the diagonal and in the right-hand side (column 11): the same products added in the same order there.
   */
  private static void accumulateUpper(double[][] ata, double[] row, int[] terms) {
    for (int p = 0; p < terms.length; p++) {
      int i = terms[p];
      double ri = row[i];
      if (ri == 0) {
        continue;
      }
      double[] a = ata[i];
      for (int q = p; q < terms.length; q++) {
        int j = terms[q];
        a[j] += ri * row[j];
      }
      a[11] += ri * row[11];
    }
  }

  static void basis(double u, double v, double half, boolean aroundU, double halfAngle, double[] b) {
    double s = ((aroundU ? u : v) - half) / half;
    double t = ((aroundU ? v : u) - half) / half;
    double k = halfAngle;
    if (k < 1e-6) {
      b[0] = s;
      b[1] = s * s / 2;
    } else {
      b[0] = Math.sin(k * s) / k;
      b[1] = (1 - Math.cos(k * s)) / (k * k);
    }
    b[2] = t;
    b[3] = 1;
  }

  /** Maps module coordinates to pixels; false (and {@code out} unchanged) when the point falls behind the camera. */
  boolean mapChecked(double u, double v, double[] out) {
    double[] b = new double[4];
    basis(u, v, half, aroundU, halfAngle, b);
    double x = m[0] * b[0] + m[1] * b[1] + m[2] * b[2] + m[3];
    double y = m[4] * b[0] + m[5] * b[1] + m[6] * b[2] + m[7];
    double w = m[8] * b[0] + m[9] * b[1] + m[10] * b[2] + m[11];
    if (w <= 1e-6) {
      return false;
    }
    out[0] = x / w / scale + cx;
    out[1] = y / w / scale + cy;
    return true;
  }

  /** {@link #mapChecked} of a point whose basis is {@code b[at..at+3]} (as {@link #basis} gives it). */
  private boolean mapBasis(double[] b, int at, double[] out) {
    double x = m[0] * b[at] + m[1] * b[at + 1] + m[2] * b[at + 2] + m[3];
    double y = m[4] * b[at] + m[5] * b[at + 1] + m[6] * b[at + 2] + m[7];
    double w = m[8] * b[at] + m[9] * b[at + 1] + m[10] * b[at + 2] + m[11];
    if (w <= 1e-6) {
      return false;
    }
    out[0] = x / w / scale + cx;
    out[1] = y / w / scale + cy;
    return true;
  }

  /**
   * The fit as a {@link ModuleGrid}: {@code base} plus, per module, the difference between the fit and {@code base}
   * at the module's centre (so module centres land exactly on the fit, points within a module move with it).
   * Null when a module centre falls behind the camera.
   */
  @Nullable ModuleGrid grid(Homography base) {
    int dim = dimension;
    double[] res = new double[2 * dim * dim];
    double[] q = new double[2];
    double[] h = new double[2];
    for (int j = 0; j < dim; j++) {
      for (int i = 0; i < dim; i++) {
        if (!mapChecked(i + 0.5, j + 0.5, q)) {
          return null;
        }
        base.map(i + 0.5, j + 0.5, h);
        int k = 2 * (j * dim + i);
        res[k] = q[0] - h[0];
        res[k + 1] = q[1] - h[1];
      }
    }
    return ModuleGrid.residual(dim, base, res);
  }

  /** Centres the prediction of {@link #track} is fitted to (the last ones found): about a fifth of a version 5. */
  private static final int TRACK_WINDOW = 8;

  /**
   * Follows a timing pattern (ISO/IEC 18004:2015, 6.3.5) module by module, from module {@code first} to
   * {@code last} (dark at even indices). Each centre is predicted from a least-squares straight line, in the module
   * index, through the last {@value #TRACK_WINDOW} centres found ({@link #predict}), not from the last step alone;
   * it is looked for within {@value SymbolReader#TRACK_REACH} module of the prediction (the reach, pull and
   * agreement of {@code SymbolReader.trackTiming}), where the five-module matched filter {@link #alternation} peaks
   * (nearer points preferred), then centred between the module's own two edges along the line ({@link #edgeCentre})
   * and in the middle of the band across where the filter stays above half its peak ({@link #bandCentre}). The
   * filter alone leaves a centre anywhere on its module's flat middle, where the prediction decides; that neutral
   * error, carried on by the next prediction, is how a track slips (on the development set's curved photos, followed
   * with a homography's step, 5 modules by the end of a version 4's row).
   *
   * @param seeds image positions (x, y) of the three modules before {@code first} (on the line, beside the finder
   *     pattern, where the caller's map is good)
   * @param cx the module vector across the line, x (pixels per module); likewise {@code cy}
   * @return the centres found (x, y per module, {@code first} to {@code last}), or null when the modules found do not
   *     alternate ({@link SymbolReader#alternates}: fewer than {@value SymbolReader#TRACK_AGREE} of them on the right
   *     side of their mean grey) or the track leaves the image
   */
  static double @Nullable [] track(LumaLevel img, double[] seeds, int first, int last, double cx, double cy) {
    int n = last - first + 1;
    if (n < 3) {
      return null;
    }
    int total = n + 3;
    double[] xs = new double[total];
    double[] ys = new double[total];
    for (int k = 0; k < 3; k++) {
      xs[k] = seeds[2 * k];
      ys[k] = seeds[2 * k + 1];
    }
    double[] val = new double[n];
    double cl = Math.hypot(cx, cy);
    if (cl < 1e-9) {
      return null;
    }
    for (int k = 3; k < total; k++) {
      // the prediction for index k from the window before it
      int w0 = Math.max(0, k - TRACK_WINDOW);
      double[] pred = predict(xs, ys, w0, k, k);
      double ex = pred[0];
      double ey = pred[1];
      double sx = pred[2];
      double sy = pred[3];
      // the vector across: the caller's length, perpendicular to the current step
      double sl = Math.hypot(sx, sy);
      if (sl < 1e-9) {
        return null;
      }
      double ax = -sy / sl * cl;
      double ay = sx / sl * cl;
      if (ax * cx + ay * cy < 0) {
        ax = -ax;
        ay = -ay;
      }
      boolean dark = ((first + k - 3) & 1) == 0;
      double best = Double.NEGATIVE_INFINITY;
      double bx = ex;
      double by = ey;
      double bv = 0;
      for (double a = -TRACK_REACH; a <= TRACK_REACH + 1e-9; a += 0.125) {
        for (double c = -TRACK_REACH; c <= TRACK_REACH + 1e-9; c += 0.125) {
          double qx = ex + a * sx + c * ax;
          double qy = ey + a * sy + c * ay;
          if (qx < 0 || qy < 0 || qx >= img.width - 1 || qy >= img.height - 1) {
            return null;
          }
          // the centre's grey once: the filter's own centre sample is the same point (inside the image here)
          double v = img.bilinear(qx, qy);
          double alt = alternation(img, qx, qy, sx, sy, v);
          double score = (dark ? -alt : alt) - TRACK_PULL * (a * a + c * c);
          if (score > best) {
            best = score;
            bx = qx;
            by = qy;
            bv = v;
          }
        }
      }
      // the extreme lies anywhere on the module's flat middle, where the prediction decides: centre it between the
      // module's two edges along the line, and across in the band where the five modules alternate, so that the
      // track neither lags nor drifts (a neutral error, carried on by the next prediction, is how a track slips)
      double along = edgeCentre(img, bx, by, sx, sy);
      bx += along * sx;
      by += along * sy;
      double across = bandCentre(img, bx, by, sx, sy, ax, ay, dark);
      bx += across * ax;
      by += across * ay;
      xs[k] = bx;
      ys[k] = by;
      val[k - 3] = sampleOr(img, bx, by, bv);
    }
    if (!SymbolReader.alternates(val, first)) {
      return null;
    }
    double[] out = new double[2 * n];
    for (int k = 0; k < n; k++) {
      out[2 * k] = xs[k + 3];
      out[2 * k + 1] = ys[k + 3];
    }
    return out;
  }

  /** Steps per module of the profiles {@link #edgeCentre} and {@link #bandCentre} read. */
  private static final int PROFILE_STEPS = 16;

  /**
   * Where the module through (x, y) is centred along (sx, sy), in modules from (x, y): the middle of the crossings
   * of its own grey and its neighbours' (one module each way) mean on either side; 0 when an edge is not found
   * within {@value SymbolReader#TRACK_REACH} module plus half a module.
   */
  private static double edgeCentre(LumaLevel img, double x, double y, double sx, double sy) {
    double c = sampleOr(img, x, y, 0);
    double nb = (sampleOr(img, x - sx, y - sy, c) + sampleOr(img, x + sx, y + sy, c)) / 2;
    double mid = (c + nb) / 2;
    if (Math.abs(c - nb) < 1e-6) {
      return 0;
    }
    double sign = c > nb ? 1 : -1;
    int max = (int) Math.ceil((0.5 + TRACK_REACH) * PROFILE_STEPS);
    double[] side = new double[2];
    for (int d = 0; d < 2; d++) {
      int dir = d == 0 ? -1 : 1;
      double prev = c;
      side[d] = Double.NaN;
      for (int k = 1; k <= max; k++) {
        double o = dir * (double) k / PROFILE_STEPS;
        double v = sampleOr(img, x + o * sx, y + o * sy, prev);
        if (sign * (v - mid) <= 0) {
          double f = (prev - mid) / (prev - v);
          side[d] = dir * (k - 1 + f) / PROFILE_STEPS;
          break;
        }
        prev = v;
      }
    }
    if (Double.isNaN(side[0]) || Double.isNaN(side[1])) {
      return 0;
    }
    double centre = (side[0] + side[1]) / 2;
    return Math.max(-TRACK_REACH, Math.min(TRACK_REACH, centre));
  }

  /**
   * Where, across the line (ax, ay), the five modules around (x, y) alternate: the middle of the band in which the
   * alternation score stays above half its best within one module each way, in modules from (x, y) (bounded by
   * {@value SymbolReader#TRACK_REACH}).
   */
  private static double bandCentre(LumaLevel img, double x, double y, double sx, double sy, double ax, double ay,
      boolean dark) {
    int half = PROFILE_STEPS / 2;
    double[] score = new double[2 * half + 1];
    int best = half;
    for (int k = -half; k <= half; k++) {
      double o = (double) k / half;
      double qx = x + o * ax;
      double qy = y + o * ay;
      double alt = alternation(img, qx, qy, sx, sy);
      score[k + half] = dark ? -alt : alt;
      if (score[k + half] > score[best]) {
        best = k + half;
      }
    }
    double top = score[best];
    if (top <= 0) {
      return 0;
    }
    int lo = best;
    while (lo > 0 && score[lo - 1] >= top / 2) {
      lo--;
    }
    int hi = best;
    while (hi < 2 * half && score[hi + 1] >= top / 2) {
      hi++;
    }
    double centre = ((lo + hi) / 2.0 - half) / half;
    return Math.max(-TRACK_REACH, Math.min(TRACK_REACH, centre));
  }

  /**
   * A matched filter for the timing pattern over five modules along (sx, sy), centred on (x, y): the centre's grey
   * minus its neighbours', plus half the next ones' (weights 1/2, -1, 1, -1, 1/2, which sum to 0, so a uniform
   * brightness change does not move it). Light centres score high, dark ones low. The timing pattern alternates and
   * the data rows beside it do not, so a track scored by it does not wander across onto them.
   */
  private static double alternation(LumaLevel img, double x, double y, double sx, double sy) {
    return alternation(img, x, y, sx, sy, sampleOr(img, x, y, 0));
  }

  /**
   * {@link #alternation(LumaLevel, double, double, double, double)} given the centre's grey {@code v} (as
   * {@link #sampleOr} with fallback 0 gives it): {@link #track} has sampled it already, and takes a sixth fewer
   * samples per position searched (issue 9, eleventh pass).
   */
  private static double alternation(LumaLevel img, double x, double y, double sx, double sy, double v) {
    double alt = v;
    for (int m = 1; m <= 2; m++) {
      double wm = m == 1 ? -1 : 0.5;
      alt += wm * (sampleOr(img, x + m * sx, y + m * sy, v) + sampleOr(img, x - m * sx, y - m * sy, v));
    }
    return alt;
  }

  private static double sampleOr(LumaLevel img, double x, double y, double fallback) {
    return x < 0 || y < 0 || x >= img.width - 1 || y >= img.height - 1 ? fallback : img.bilinear(x, y);
  }

  /**
   * The least-squares straight line through points {@code from..to-1} of (xs, ys), as functions of the index,
   * evaluated at index {@code at}: x, y and the step per module dx, dy. A straight fit, not a quadratic: the step
   * changes by a few percent per module on the cylinders of the development set (a module of compression over 20),
   * which the search absorbs, while a quadratic extrapolated the centres' noise into steps that ran away.
   */
  private static double[] predict(double[] xs, double[] ys, int from, int to, int at) {
    double c = to - 1;
    double[][] a = new double[2][4];
    for (int k = from; k < to; k++) {
      double t = k - c;
      double[] f = {1, t};
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2; j++) {
          a[i][j] += f[i] * f[j];
        }
        a[i][2] += f[i] * xs[k];
        a[i][3] += f[i] * ys[k];
      }
    }
    double[] cxs = solveSmall(a, 2, 2);
    double[] cys = solveSmall(a, 2, 3);
    double t = at - c;
    return new double[] {cxs[0] + cxs[1] * t, cys[0] + cys[1] * t, cxs[1], cys[1]};
  }

  /**
   * Solves the p x p system {@code a[i][0..p-1] x = a[i][col]} on a copy ({@link Homography#solve}); zeros when it is
   * singular.
   */
  private static double[] solveSmall(double[][] a0, int p, int col) {
    double[][] a = new double[p][p + 1];
    for (int i = 0; i < p; i++) {
      System.arraycopy(a0[i], 0, a[i], 0, p);
      a[i][p] = a0[i][col];
    }
    double[] x = Homography.solve(a);
    return x == null ? new double[p] : x;
  }
}
