package io.qrvid.decode.internal;

import org.jspecify.annotations.Nullable;

/**
 * The four outer corners of a finder pattern, found from its own edges: a finder pattern is a 7x7-module square
 * (ISO/IEC 18004:2015, 6.3.3) whose outer dark ring meets the light separator along four straight lines in any
 * projective view. Each side is found by rays cast from the pattern's middle along one axis, at nine offsets along
 * the other (within two modules of the middle, so that no ray reaches a neighbouring side), each stopping at the
 * ring's outer edge ({@link #crossing}: half-way in grey between the ring and the separator); a line is fitted to
 * each side's edge points (total least squares over the points within a quarter module of the line through two of
 * them that most points agree with), and adjacent sides intersect at the corners. The rays are cast twice: along the
 * axes given, then along the axes the sides found (the far patterns' axes are only guessed by the caller).
 *
 * <p>Why: three finder centres fix only an affine map, and a strongly foreshortened symbol (tilted 45-65 degrees)
 * needs the projective terms, which the centres cannot give without guessing the fourth corner. Three patterns'
 * corners are 12 point correspondences spread over the symbol, enough to fit the whole homography by least squares
 * ({@link Homography#fit}). On the strongly foreshortened symbols of the synthetic {@code perspective} sets (seeds 1
 * and 2) that main's reader missed, the fit lies 0.01-0.09 module on average from the labelled outline's homography
 * on the nine it reads, 0.25 on a blurred one with 2.6-pixel modules (docs/decode.md, "issue 9, ninth pass"). Written here because the corners are part of qrvid's own detector and sampler (no library exposes
 * them for a given candidate).
 *
 * <p>Stateless; the methods are thread-safe as long as the image is not written meanwhile.
 */
final class FinderCorners {
  /** Offsets of the rays along the side, in modules from the pattern's middle. */
  private static final double[] OFFSETS = {-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2};
  /** Fewest crossings a side needs after the outliers are dropped. */
  private static final int MIN_POINTS = 5;
  /** Edge points farther than this from a side's line do not count for it, in modules. */
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
    double[][] lines = sides(img, f, ux, uy, vx, vy, new double[] {mu, mu, mv, mv});
    // the sides of constant u run along the pattern's own v axis, and those of constant v along its u axis: a
    // second pass casts the rays along the axes the first one found (the far patterns' axes are only guessed)
    double[] v2 = direction(lines[0], lines[1], vx, vy);
    double[] u2 = direction(lines[2], lines[3], ux, uy);
    if (v2 != null || u2 != null) {
      double[] u = u2 != null ? u2 : new double[] {ux, uy};
      double[] v = v2 != null ? v2 : new double[] {vx, vy};
      // each side 3.5 modules out along the new axis: the module size along it from where its ray meets the side
      // found (the new axis may cross the side at another angle than the old one)
      double[] m = {mu, mu, mv, mv};
      for (int side = 0; side < 4; side++) {
        double[] l = lines[side];
        double sign = (side & 1) == 0 ? -1 : 1;
        double[] d = side < 2 ? u : v;
        if (l != null) {
          double along = sign * (l[0] * d[0] + l[1] * d[1]);
          double t = along == 0 ? -1 : (l[2] - l[0] * f.x - l[1] * f.y) / along;
          if (t > 0 && t < 7 * m[side]) {
            m[side] = t / 3.5;
          }
        }
      }
      lines = sides(img, f, u[0], u[1], v[0], v[1], m);
    }
    double[] out = new double[8];
    int[][] pairs = {{0, 2}, {1, 2}, {1, 3}, {0, 3}};
    for (int k = 0; k < 4; k++) {
      double[] a = lines[pairs[k][0]];
      double[] b = lines[pairs[k][1]];
      if (a == null || b == null) {
        return null;
      }
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
   * The four sides' lines (-u, +u, -v, +v; null where not found) with rays cast along the given axes, {@code m}
   * holding the module size along each side's ray.
   */
  private static double[][] sides(LumaLevel img, FinderCandidate f, double ux, double uy, double vx, double vy,
      double[] m4) {
    double mu = (m4[0] + m4[1]) / 2;
    double mv = (m4[2] + m4[3]) / 2;
    double contrast = f.light - f.dark;
    // lines as (nx, ny, c): nx x + ny y = c
    double[][] lines = new double[4][];
    for (int side = 0; side < 4; side++) {
      boolean alongU = side < 2;
      double sign = (side & 1) == 0 ? -1 : 1;
      double dx = alongU ? sign * ux : sign * vx;
      double dy = alongU ? sign * uy : sign * vy;
      double m = m4[side];
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
      lines[side] = fitLine(xs, ys, n, OUTLIER_MODULES * m);
    }
    return lines;
  }

  /**
   * The unit direction of two sides' lines (the mean of those found), signed like (sx, sy); null when neither was
   * found.
   */
  private static double @Nullable [] direction(double @Nullable [] a, double @Nullable [] b, double sx, double sy) {
    double dx = 0;
    double dy = 0;
    for (double[] l : new double[][] {a, b}) {
      if (l != null) {
        // along the line: perpendicular to its normal, turned towards (sx, sy)
        double lx = -l[1];
        double ly = l[0];
        double s = lx * sx + ly * sy < 0 ? -1 : 1;
        dx += s * lx;
        dy += s * ly;
      }
    }
    double n = Math.hypot(dx, dy);
    return n == 0 ? null : new double[] {dx / n, dy / n};
  }

  /**
   * Distance along the ray from (sx, sy) in direction (dx, dy) to the outer edge of the pattern's outer dark ring:
   * the darkest sample between 2.25 and 3.75 modules (the ring's middle lies at 3), the lightest within 1.75
   * modules beyond it (the separator's middle at 4), and the crossing of their mean grey between the two (linear
   * interpolation between samples an eighth of a module apart). A local threshold, not the pattern's: a ring one or
   * two pixels wide, blurred, may never get darker than the pattern's threshold, while the edge still lies where
   * the grey passes half-way between the ring and the separator. NaN when the ring and separator differ by less
   * than a quarter of the pattern's contrast {@code contrast} or the ray leaves the image.
   *
   * <p>Only the samples from 2.25 modules on are ever compared, so the image is sampled only there; nearer the
   * middle each point is still tested against the image's bounds (a ray that leaves the image gives NaN, as
   * before). Exact: the same result as sampling every point first (a bilinear sample is NaN only where its point
   * lies outside the image or is NaN itself), which {@code FinderCornersTest} compares on random rays.
   */
  static double crossing(LumaLevel img, double sx, double sy, double dx, double dy, double m,
      double contrast) {
    double step = Math.max(0.2, m / 8);
    int n = (int) Math.ceil(5.5 * m / step) + 1;
    int first = (int) Math.ceil(2.25 * m / step);
    double[] g = new double[n];
    for (int i = 0; i < n; i++) {
      double t = i * step;
      double x = sx + t * dx;
      double y = sy + t * dy;
      if (x >= 0 && y >= 0 && x <= img.width - 1 && y <= img.height - 1) {
        if (i >= first) {
          g[i] = img.bilinear(x, y);
        }
      } else {
        g[i] = Double.NaN;
        if (t <= 5.5 * m) {
          return Double.NaN;
        }
      }
    }
    int a = -1;
    for (int i = first; i * step <= 3.75 * m && i < n; i++) {
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

  /**
   * The line through the first {@code n} points that most of them agree with: of the lines through each pair, the
   * one with the most points within {@code tolerance} (a ray that meets the neighbouring side near a corner, or a
   * stain, gives a point off the side), then the total-least-squares line through those points; (nx, ny, c) with
   * nx x + ny y = c and a unit normal, or null below {@value #MIN_POINTS} agreeing points.
   */
  static double @Nullable [] fitLine(double[] xs, double[] ys, int n, double tolerance) {
    boolean[] keep = new boolean[n];
    int bestCount = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double lx = xs[j] - xs[i];
        double ly = ys[j] - ys[i];
        double len = Math.hypot(lx, ly);
        if (len == 0) {
          continue;
        }
        double nx = -ly / len;
        double ny = lx / len;
        double c = nx * xs[i] + ny * ys[i];
        int count = 0;
        for (int k = 0; k < n; k++) {
          if (Math.abs(nx * xs[k] + ny * ys[k] - c) <= tolerance) {
            count++;
          }
        }
        if (count > bestCount) {
          bestCount = count;
          for (int k = 0; k < n; k++) {
            keep[k] = Math.abs(nx * xs[k] + ny * ys[k] - c) <= tolerance;
          }
        }
      }
    }
    if (bestCount < MIN_POINTS) {
      return null;
    }
    double sx = 0;
    double sy = 0;
    for (int i = 0; i < n; i++) {
      if (keep[i]) {
        sx += xs[i];
        sy += ys[i];
      }
    }
    double mx = sx / bestCount;
    double my = sy / bestCount;
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
    return new double[] {nx, ny, nx * mx + ny * my};
  }
}
