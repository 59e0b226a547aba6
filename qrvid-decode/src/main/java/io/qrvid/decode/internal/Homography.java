package io.qrvid.decode.internal;

import org.jspecify.annotations.Nullable;

/**
 * A plane projective transform (homography) from module coordinates {@code (u, v)} to pixel coordinates
 * {@code (x, y)}: {@code x = (a u + b v + c) / (g u + h v + 1)}, {@code y = (d u + e v + f) / (g u + h v + 1)}.
 *
 * <p>Fitted by the direct linear transform (R. Hartley, A. Zisserman, "Multiple View Geometry in Computer Vision",
 * 2nd ed., section 4.1, with the last entry fixed to 1) from four or more point pairs, least squares when more
 * are given; the 8x8 normal equations are solved by Gaussian elimination with partial pivoting. Coordinates are
 * centred and scaled before solving (Hartley's normalisation, section 4.4) so that module and pixel magnitudes do
 * not degrade the solution. Immutable and thread-safe.
 */
final class Homography {
  private final double a;
  private final double b;
  private final double c;
  private final double d;
  private final double e;
  private final double f;
  private final double g;
  private final double h;

  private Homography(double[] m) {
    a = m[0];
    b = m[1];
    c = m[2];
    d = m[3];
    e = m[4];
    f = m[5];
    g = m[6];
    h = m[7];
  }

  /** Maps module coordinates to pixels; writes into {@code out[0..1]}. */
  void map(double u, double v, double[] out) {
    double w = g * u + h * v + 1;
    out[0] = (a * u + b * v + c) / w;
    out[1] = (d * u + e * v + f) / w;
  }

  double x(double u, double v) {
    return (a * u + b * v + c) / (g * u + h * v + 1);
  }

  double y(double u, double v) {
    return (d * u + e * v + f) / (g * u + h * v + 1);
  }

  /** The denominator {@code g u + h v + 1}; a transform whose denominator changes sign inside the symbol is bogus. */
  double w(double u, double v) {
    return g * u + h * v + 1;
  }

  /**
   * Fits a homography to {@code n >= 4} pairs; {@code uv} and {@code xy} hold {@code u0, v0, u1, v1, ...}.
   *
   * @return the transform, or null when the points are degenerate (e.g. three collinear of four)
   */
  static @Nullable Homography fit(double[] uv, double[] xy, int n) {
    if (n < 4) {
      return null;
    }
    // Hartley normalisation of both point sets: centroid to 0, mean distance sqrt(2)
    double[] nu = normaliser(uv, n);
    double[] nx = normaliser(xy, n);
    double[][] ata = new double[8][9];
    double[] row = new double[9];
    for (int i = 0; i < n; i++) {
      double u = (uv[2 * i] - nu[0]) * nu[2];
      double v = (uv[2 * i + 1] - nu[1]) * nu[2];
      double x = (xy[2 * i] - nx[0]) * nx[2];
      double y = (xy[2 * i + 1] - nx[1]) * nx[2];
      // x (g u + h v + 1) = a u + b v + c  ->  a u + b v + c - g u x - h v x = x
      row[0] = u; row[1] = v; row[2] = 1; row[3] = 0; row[4] = 0; row[5] = 0; row[6] = -u * x; row[7] = -v * x;
      row[8] = x;
      accumulate(ata, row);
      row[0] = 0; row[1] = 0; row[2] = 0; row[3] = u; row[4] = v; row[5] = 1; row[6] = -u * y; row[7] = -v * y;
      row[8] = y;
      accumulate(ata, row);
    }
    double[] m = solve(ata);
    if (m == null) {
      return null;
    }
    // undo normalisation: H = Tx^-1 * Hn * Tu
    double[][] hn = {{m[0], m[1], m[2]}, {m[3], m[4], m[5]}, {m[6], m[7], 1}};
    double[][] tu = {{nu[2], 0, -nu[2] * nu[0]}, {0, nu[2], -nu[2] * nu[1]}, {0, 0, 1}};
    double[][] txInv = {{1 / nx[2], 0, nx[0]}, {0, 1 / nx[2], nx[1]}, {0, 0, 1}};
    double[][] full = mul(txInv, mul(hn, tu));
    double s = full[2][2];
    if (Math.abs(s) < 1e-12) {
      return null;
    }
    double[] out = new double[8];
    for (int i = 0; i < 8; i++) {
      out[i] = full[i / 3][i % 3] / s;
    }
    for (double x : out) {
      if (!Double.isFinite(x)) {
        return null;
      }
    }
    return new Homography(out);
  }

  /** The exact transform taking four module points to four pixel points. */
  static @Nullable Homography fromQuad(double u0, double v0, double x0, double y0, double u1, double v1, double x1,
      double y1, double u2, double v2, double x2, double y2, double u3, double v3, double x3, double y3) {
    return fit(new double[] {u0, v0, u1, v1, u2, v2, u3, v3}, new double[] {x0, y0, x1, y1, x2, y2, x3, y3}, 4);
  }

  private static double[] normaliser(double[] p, int n) {
    double[] c = centroidAndMeanDistance(p, n);
    double scale = c[2] > 1e-12 ? Math.sqrt(2) / c[2] : 1;
    return new double[] {c[0], c[1], scale};
  }

  /**
   * The centroid of {@code n} points (x, y pairs) and their mean distance from it, {@code {x, y, distance}}: what
   * Hartley's normalisation scales by (also {@link CylinderGrid}'s fit).
   */
  static double[] centroidAndMeanDistance(double[] p, int n) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += p[2 * i];
      my += p[2 * i + 1];
    }
    mx /= n;
    my /= n;
    double dist = 0;
    for (int i = 0; i < n; i++) {
      dist += Math.hypot(p[2 * i] - mx, p[2 * i + 1] - my);
    }
    return new double[] {mx, my, dist / n};
  }

  /**
   * Adds one equation's contribution to the normal equations: {@code ata} is n x (n + 1) (the n x n normal matrix
   * augmented with the right-hand side), {@code row} its n coefficients followed by the right-hand side. Also used
   * by {@link CylinderGrid}'s fit.
   */
  static void accumulate(double[][] ata, double[] row) {
    int n = ata.length;
    for (int i = 0; i < n; i++) {
      double ri = row[i];
      if (ri == 0) {
        continue;
      }
      for (int j = 0; j <= n; j++) {
        ata[i][j] += ri * row[j];
      }
    }
  }

  /**
   * Solves the n x n system held in the n x (n + 1) augmented matrix {@code m} (column n = right-hand side) by
   * Gaussian elimination with partial pivoting and back substitution, in place; null when a pivot is below 1e-12.
   * Also used by {@link CylinderGrid}'s fit.
   */
  static double @Nullable [] solve(double[][] m) {
    int n = m.length;
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
          pivot = r;
        }
      }
      if (Math.abs(m[pivot][col]) < 1e-12) {
        return null;
      }
      double[] t = m[col];
      m[col] = m[pivot];
      m[pivot] = t;
      for (int r = col + 1; r < n; r++) {
        double k = m[r][col] / m[col][col];
        if (k == 0) {
          continue;
        }
        for (int j = col; j <= n; j++) {
          m[r][j] -= k * m[col][j];
        }
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = m[r][n];
      for (int j = r + 1; j < n; j++) {
        s -= m[r][j] * x[j];
      }
      x[r] = s / m[r][r];
    }
    return x;
  }

  private static double[][] mul(double[][] p, double[][] q) {
    double[][] r = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        r[i][j] = p[i][0] * q[0][j] + p[i][1] * q[1][j] + p[i][2] * q[2][j];
      }
    }
    return r;
  }
}
