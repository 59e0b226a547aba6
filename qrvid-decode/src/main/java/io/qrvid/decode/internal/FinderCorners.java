package io.qrvid.decode.internal;

import org.jspecify.annotations.Nullable;

/**
 * The four outer corners of a finder pattern, found from its own edges: a finder pattern is a 7x7-module square
 * (ISO/IEC 18004:2015, 6.3.3) whose outer dark ring meets the light separator along four straight lines in any
 * projective view. Each side is found by rays cast from the pattern's middle along one axis, at nine offsets along
 * the other (within two modules of the middle, so that no ray reaches a neighbouring side), each stopping at the
 * ring's outer edge ({@link #crossing}: half-way in grey between the ring and the separator); a line is fitted to
 * each side's edge points (total least squares, the points more than a quarter module off the first fit dropped and
 * the line refitted), and adjacent sides intersect at the corners.
 *
 * <p>Why: three finder centres fix only an affine map, and a strongly foreshortened symbol (tilted 45-65 degrees)
 * needs the projective terms, which the centres cannot give without guessing the fourth corner. Three patterns'
 * corners are 12 point correspondences spread over the symbol, enough to fit the whole homography by least squares
 * ({@link Homography#fit}); zxing-cpp reads such symbols from the corners of its finder patterns' contours in the
 * same spirit (its code was not used). Written here because the corners are part of qrvid's own detector and
 * sampler (no library exposes them for a given candidate).
 *
 * <p>Stateless; the methods are thread-safe as long as the image is not written meanwhile.
 */
final class FinderCorners {
  /** Offsets of the rays along the side, in modules from the pattern's middle. */
  private static final double[] OFFSETS = {-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2};
  /** Fewest crossings a side needs after the outliers are dropped. */
  private static final int MIN_POINTS = 5;
  /** Crossings farther than this from the first line fit are dropped, in modules. */
  private static final double OUTLIER_MODULES = 0.25;

  private FinderCorners() {}

  /**
   * Finds the corners of {@code f}'s outer square.
   *
   * @param img the full-resolution image
   * @param f the pattern
   * @param ux unit direction (x) of the symbol's u axis (along rows) at the pattern
   * @param uy unit direction (y) of the u axis
   * @param mu module size along u, in pixels
   * @param vx unit direction (x) of the v axis (along columns) at the pattern
   * @param vy unit direction (y) of the v axis
   * @param mv module size along v, in pixels
   * @return x, y of the corners at (-u, -v), (+u, -v), (+u, +v), (-u, +v) of the pattern's middle (8 values), or
   *     null when a side shows fewer than {@value #MIN_POINTS} consistent crossings or two sides do not meet
   */
  static double @Nullable [] find(LumaLevel img, FinderCandidate f, double ux, double uy, double mu, double vx,
      double vy, double mv) {
    if (!(mu > 0) || !(mv > 0)) {
      return null;
    }
    double contrast = f.light - f.dark;
    // lines as (nx, ny, c): nx x + ny y = c, for the sides -u, +u, -v, +v
    double[][] lines = new double[4][];
    for (int side = 0; side < 4; side++) {
      boolean alongU = side < 2;
      double sign = (side & 1) == 0 ? -1 : 1;
      double dx = alongU ? sign * ux : sign * vx;
      double dy = alongU ? sign * uy : sign * vy;
      double m = alongU ? mu : mv;
      double ox = alongU ? vx * mv : ux * mu;
      double oy = alongU ? vy * mv : uy * mu;
      double[] xs = new double[OFFSETS.length];
      double[] ys = new double[OFFSETS.length];
      int n = 0;
      for (double o : OFFSETS) {
        double sx = f.x + o * ox;
        double sy = f.y + o * oy;
        double t = crossing(img, sx, sy, dx, dy, m, contrast);
        if (!Double.isNaN(t)) {
          xs[n] = sx + t * dx;
          ys[n] = sy + t * dy;
          n++;
        }
      }
      double[] line = fitLine(xs, ys, n, OUTLIER_MODULES * m);
      if (line == null) {
        return null;
      }
      lines[side] = line;
    }
    double[] out = new double[8];
    int[][] pairs = {{0, 2}, {1, 2}, {1, 3}, {0, 3}};
    for (int k = 0; k < 4; k++) {
      double[] a = lines[pairs[k][0]];
      double[] b = lines[pairs[k][1]];
      double det = a[0] * b[1] - a[1] * b[0];
      if (Math.abs(det) < 0.1) {
        // sides within 6 degrees of parallel: no usable corner
        return null;
      }
      out[2 * k] = (a[2] * b[1] - a[1] * b[2]) / det;
      out[2 * k + 1] = (a[0] * b[2] - a[2] * b[0]) / det;
    }
    return out;
  }

  /**
   * Distance along the ray from (sx, sy) in direction (dx, dy) to the outer edge of the pattern's outer dark ring:
   * the darkest sample between 2.25 and 3.75 modules (the ring's middle lies at 3), the lightest within 1.75
   * modules beyond it (the separator's middle at 4), and the crossing of their mean grey between the two (linear
   * interpolation between samples an eighth of a module apart). A local threshold, not the pattern's: a ring one or
   * two pixels wide, blurred, may never get darker than the pattern's threshold, while the edge still lies where
   * the grey passes half-way between the ring and the separator. NaN when the ring and separator differ by less
   * than a quarter of the pattern's contrast {@code contrast} or the ray leaves the image.
   */
  private static double crossing(LumaLevel img, double sx, double sy, double dx, double dy, double m,
      double contrast) {
    double step = Math.max(0.2, m / 8);
    int n = (int) Math.ceil(5.5 * m / step) + 1;
    double[] g = new double[n];
    for (int i = 0; i < n; i++) {
      double t = i * step;
      g[i] = sample(img, sx + t * dx, sy + t * dy);
      if (Double.isNaN(g[i]) && t <= 5.5 * m) {
        return Double.NaN;
      }
    }
    int a = -1;
    for (int i = (int) Math.ceil(2.25 * m / step); i * step <= 3.75 * m && i < n; i++) {
      if (a < 0 || g[i] < g[a]) {
        a = i;
      }
    }
    if (a < 0) {
      return Double.NaN;
    }
    int b = -1;
    for (int i = a + 1; i * step <= a * step + 1.75 * m && i < n; i++) {
      if (b < 0 || g[i] > g[b]) {
        b = i;
      }
    }
    if (b < 0 || g[b] - g[a] < 0.25 * contrast) {
      return Double.NaN;
    }
    double mid = (g[a] + g[b]) / 2;
    for (int i = a; i < b; i++) {
      if (g[i] < mid && g[i + 1] >= mid) {
        return (i + (mid - g[i]) / (g[i + 1] - g[i])) * step;
      }
    }
    return Double.NaN;
  }

  private static double sample(LumaLevel img, double x, double y) {
    return x < 0 || y < 0 || x > img.width - 1 || y > img.height - 1 ? Double.NaN : img.bilinear(x, y);
  }

  /**
   * The total-least-squares line through the first {@code n} points, refitted without the points farther than
   * {@code tolerance} from it; (nx, ny, c) with nx x + ny y = c and a unit normal, or null below
   * {@value #MIN_POINTS} points.
   */
  static double @Nullable [] fitLine(double[] xs, double[] ys, int n, double tolerance) {
    boolean[] keep = new boolean[n];
    java.util.Arrays.fill(keep, true);
    double[] line = null;
    for (int pass = 0; pass < 2; pass++) {
      double sx = 0;
      double sy = 0;
      int k = 0;
      for (int i = 0; i < n; i++) {
        if (keep[i]) {
          sx += xs[i];
          sy += ys[i];
          k++;
        }
      }
      if (k < MIN_POINTS) {
        return null;
      }
      double mx = sx / k;
      double my = sy / k;
      double cxx = 0;
      double cxy = 0;
      double cyy = 0;
      for (int i = 0; i < n; i++) {
        if (keep[i]) {
          double ax = xs[i] - mx;
          double ay = ys[i] - my;
          cxx += ax * ax;
          cxy += ax * ay;
          cyy += ay * ay;
        }
      }
      // the normal is the eigenvector of the smaller eigenvalue of the scatter matrix
      double theta = 0.5 * Math.atan2(2 * cxy, cxx - cyy);
      double nx = -Math.sin(theta);
      double ny = Math.cos(theta);
      line = new double[] {nx, ny, nx * mx + ny * my};
      if (pass == 0) {
        for (int i = 0; i < n; i++) {
          keep[i] = Math.abs(nx * xs[i] + ny * ys[i] - line[2]) <= tolerance;
        }
      }
    }
    return line;
  }
}
