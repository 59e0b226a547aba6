package io.qrvid.decode.internal;

import com.google.zxing.qrcode.decoder.Version;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Second estimates of module darkness for symbols whose first estimate ({@link SymbolReader#normalise}: each module
 * placed between the mean dark and light levels of a window of modules) does not decode: one for blur and one for
 * glare. Both are qrvid's own code (the decode chain's product); each is measured, not tuned, on the synthetic
 * development set (docs/decode.md, "issue 9, ninth pass").
 *
 * <ul>
 *   <li>{@link #equalised}: blur pulls a lone module towards its neighbours' colour (a dark module among light ones
 *       samples nearly light). A 3x3 linear model of the symbol's own blur, {@code u = c0 + a x + b n4 + c nd}
 *       ({@code u} the first darkness, {@code x} the module's colour, {@code n4} and {@code nd} the dark share of
 *       its four edge and four corner neighbours), is fitted by least squares over every module of the symbol
 *       against the first decisions (function modules at their known colours, ISO/IEC 18004:2015, 6.3), and each
 *       module's colour is then re-estimated given its neighbours', twice (a decision-feedback equaliser, the
 *       standard remedy for intersymbol interference).
 *   <li>{@link #planeLevels}: a highlight's gradient spans a window, so one dark and one light level per window puts
 *       a washed-out dark module at the window's bright side among the light ones. Here each class's level is a
 *       plane fitted by least squares over the window, evaluated at the module, and the threshold sits where a
 *       sample is equally many spreads (residual rms) from both planes, which moves it towards a clipped, nearly
 *       noise-free light level.
 * </ul>
 *
 * <p>Why: on the synthetic development set's symbols that do not decode even on their labelled outlines, 96-100 % of
 * the wrong modules under glare and bright spots are dark modules read light on a highlight's bright side, and
 * 41-43 % of those under blur are lone modules pulled to their neighbours' colour. Sampled on the outlines, the
 * first estimate and these two together decode 3 more blurred symbols of 20 (seed 2) and 3 more under glare (seed
 * 1), and never fewer in any category; qrvid's reader alone reads 15 instead of 13 of seed 1's 20 glare photos.
 * Clipped samples turned into erasures (a share of the window's missing dark modules) read nothing more and were
 * dropped (docs/decode.md, "issue 9, ninth pass").
 *
 * <p>Stateless; thread-safe. Costs {@code O(dim^2)} (equaliser) and {@code O(dim^2 r^2 / 9)} (planes), like the
 * first normalisation.
 */
final class ModuleLevels {
  /**
   * Below this own-colour gain {@code a} the equaliser returns its input: re-estimating a module divides by
   * {@code a}, so at 0.2 the sampling noise is already amplified five times, and the fit says the symbol's
   * modules barely show their own colour.
   */
  static final double MIN_GAIN = 0.2;
  /** Re-estimation rounds of the equaliser (neighbours from the previous round). */
  static final int ROUNDS = 2;
  /**
   * The least spread of a class of grey levels, as a share of the finder patterns' contrast (about the spread of one
   * colour's module centres on a clean photo); a window's spread estimate from a handful of samples is not trusted
   * below it, nor below 2 grey levels. On the synthetic sets read on their labelled outlines, 0, 0.02, 0.05 and 0.1 read the same.
   */
  static final double NOISE_SHARE = 0.05;

  private ModuleLevels() {}

  /**
   * The darkness of every module re-estimated given its neighbours' (see the class comment).
   *
   * @param darkness first darkness per module, row-major {@code dim x dim}, in [0, 1] (1 dark)
   * @return a new array, or {@code darkness} itself when the fitted model is degenerate
   */
  static double[] equalised(double[] darkness, int dim) {
    byte[] known = knownColours(dim);
    double[] x = new double[darkness.length];
    for (int k = 0; k < x.length; k++) {
      x[k] = known[k] == UNKNOWN ? (darkness[k] > 0.5 ? 1 : 0) : known[k];
    }
    double[][] m = new double[4][5];
    double[] f = new double[4];
    for (int j = 0; j < dim; j++) {
      for (int i = 0; i < dim; i++) {
        int k = j * dim + i;
        f[0] = 1;
        f[1] = x[k];
        f[2] = edgeNeighbours(x, dim, i, j);
        f[3] = cornerNeighbours(x, dim, i, j);
        for (int r = 0; r < 4; r++) {
          for (int c = 0; c < 4; c++) {
            m[r][c] += f[r] * f[c];
          }
          m[r][4] += f[r] * darkness[k];
        }
      }
    }
    double[] w = solve(m);
    if (w == null || w[1] < MIN_GAIN) {
      return darkness;
    }
    double[] cur = x;
    double[] out = new double[darkness.length];
    for (int round = 0; round < ROUNDS; round++) {
      for (int j = 0; j < dim; j++) {
        for (int i = 0; i < dim; i++) {
          int k = j * dim + i;
          double est = (darkness[k] - w[0] - w[2] * edgeNeighbours(cur, dim, i, j)
              - w[3] * cornerNeighbours(cur, dim, i, j)) / w[1];
          out[k] = est < 0 ? 0 : est > 1 ? 1 : est;
        }
      }
      double[] next = new double[out.length];
      for (int k = 0; k < out.length; k++) {
        next[k] = known[k] == UNKNOWN ? out[k] : known[k];
      }
      cur = next;
    }
    return out;
  }

  /**
   * Darkness in [0, 1] per module from grey levels, with each colour's level a plane per window (see the class
   * comment). Windows of {@code 2 radius + 1} modules are centred on 3x3-module blocks, as in
   * {@link SymbolReader#normalise}; each module blends the planes of its four nearest blocks, evaluated at the
   * module. Where the two planes lie closer than 0.3 times {@code contrast}, that much sets the scale around
   * their middle.
   *
   * @param grey grey level per module centre, row-major {@code dim x dim}
   * @param contrast the finder patterns' light minus dark level
   */
  static double[] planeLevels(double[] grey, int dim, int radius, double contrast) {
    int b = SymbolReader.LEVEL_BLOCK;
    int nb = (dim + b - 1) / b;
    // per block: dark plane (a, bx, by, rms), light plane (a, bx, by, rms), about the block's centre module
    double[][] planes = new double[nb * nb][];
    double noise = Math.max(2, NOISE_SHARE * contrast);
    double minSpread = 0.3 * contrast;
    for (int bj = 0; bj < nb; bj++) {
      int cj = SymbolReader.blockCentre(bj, dim);
      int j0 = Math.max(0, cj - radius);
      int j1 = Math.min(dim - 1, cj + radius);
      for (int bi = 0; bi < nb; bi++) {
        int ci = SymbolReader.blockCentre(bi, dim);
        int i0 = Math.max(0, ci - radius);
        int i1 = Math.min(dim - 1, ci + radius);
        double mean = SymbolReader.windowMean(grey, dim, i0, i1, j0, j1);
        double[] dark = fitPlane(grey, dim, i0, i1, j0, j1, ci, cj, mean, true);
        double[] light = fitPlane(grey, dim, i0, i1, j0, j1, ci, cj, mean, false);
        planes[bj * nb + bi] = new double[] {dark[0], dark[1], dark[2], Math.max(noise, dark[3]),
            light[0], light[1], light[2], Math.max(noise, light[3])};
      }
    }
    double[] out = new double[grey.length];
    int[] bx = new int[4];
    int[] by = new int[4];
    double[] wt = new double[4];
    for (int j = 0; j < dim; j++) {
      double fy = (j - b / 2) / (double) b;
      int y0 = Math.max(0, Math.min(nb - 1, (int) Math.floor(fy)));
      int y1 = Math.min(nb - 1, y0 + 1);
      double ay = Math.max(0, Math.min(1, fy - y0));
      for (int i = 0; i < dim; i++) {
        double fx = (i - b / 2) / (double) b;
        int x0 = Math.max(0, Math.min(nb - 1, (int) Math.floor(fx)));
        int x1 = Math.min(nb - 1, x0 + 1);
        double ax = Math.max(0, Math.min(1, fx - x0));
        bx[0] = x0;
        bx[1] = x1;
        bx[2] = x0;
        bx[3] = x1;
        by[0] = y0;
        by[1] = y0;
        by[2] = y1;
        by[3] = y1;
        wt[0] = (1 - ax) * (1 - ay);
        wt[1] = ax * (1 - ay);
        wt[2] = (1 - ax) * ay;
        wt[3] = ax * ay;
        double lo = 0;
        double hi = 0;
        double slo = 0;
        double shi = 0;
        for (int c = 0; c < 4; c++) {
          double[] q = planes[by[c] * nb + bx[c]];
          int u = i - SymbolReader.blockCentre(bx[c], dim);
          int v = j - SymbolReader.blockCentre(by[c], dim);
          lo += wt[c] * (q[0] + q[1] * u + q[2] * v);
          slo += wt[c] * q[3];
          hi += wt[c] * (q[4] + q[5] * u + q[6] * v);
          shi += wt[c] * q[7];
        }
        double t;
        if (hi - lo < minSpread) {
          double mid = (hi + lo) / 2;
          lo = mid - minSpread / 2;
          hi = mid + minSpread / 2;
          t = mid;
        } else {
          t = (lo * shi + hi * slo) / (slo + shi);
        }
        double g = grey[j * dim + i];
        double d = g <= t ? 0.5 + 0.5 * (t - g) / Math.max(1e-9, t - lo) : 0.5 - 0.5 * (g - t) / Math.max(1e-9, hi - t);
        out[j * dim + i] = d < 0 ? 0 : d > 1 ? 1 : d;
      }
    }
    return out;
  }

  /**
   * The least-squares plane through the samples of one class of a window (below {@code mean} for the dark class,
   * at or above it for the light one), about module ({@code ci}, {@code cj}): {a, slope x, slope y, residual rms}.
   * A class of fewer than 6 samples (twice the plane's parameters) gets a flat level; an empty one {@code mean}.
   *
   * <p>The normal equations are accumulated in locals (the count and the grey sum standing for the constant
   * term's entries), each of the six distinct entries of the symmetric 3x3 matrix once (the straightforward form added {@code f[r] * f[c]} for all nine, with {@code f = {1, u, v}}):
   * the same products summed in the same order, so the same bits ({@code ModuleLevelsTest} compares it with that
   * form on random windows).
   */
  static double[] fitPlane(double[] grey, int dim, int i0, int i1, int j0, int j1, int ci, int cj,
      double mean, boolean dark) {
    double m01 = 0;
    double m02 = 0;
    double m11 = 0;
    double m12 = 0;
    double m22 = 0;
    double r1 = 0;
    double r2 = 0;
    int n = 0;
    double sum = 0;
    for (int y = j0; y <= j1; y++) {
      double v = y - cj;
      int row = y * dim;
      for (int x = i0; x <= i1; x++) {
        double g = grey[row + x];
        if ((g < mean) != dark) {
          continue;
        }
        double u = x - ci;
        m01 += u;
        m02 += v;
        m11 += u * u;
        m12 += u * v;
        m22 += v * v;
        r1 += u * g;
        r2 += v * g;
        n++;
        sum += g;
      }
    }
    if (n == 0) {
      return new double[] {mean, 0, 0, 0};
    }
    double[] p = null;
    if (n >= 6) {
      // the count and the sum are the constant term's entries (adding 1 n times is exact)
      p = solve(new double[][] {{n, m01, m02, sum}, {m01, m11, m12, r1}, {m02, m12, m22, r2}});
    }
    if (p == null) {
      p = new double[] {sum / n, 0, 0};
    }
    double r = 0;
    for (int y = j0; y <= j1; y++) {
      for (int x = i0; x <= i1; x++) {
        double g = grey[y * dim + x];
        if ((g < mean) == dark) {
          double e = g - (p[0] + p[1] * (x - ci) + p[2] * (y - cj));
          r += e * e;
        }
      }
    }
    return new double[] {p[0], p[1], p[2], Math.sqrt(r / n)};
  }

  private static final byte UNKNOWN = 2;

  /**
   * The colour of every function module whose colour the symbol fixes (ISO/IEC 18004:2015, 6.3.3-6.3.6): finder
   * patterns with their separators, timing patterns, alignment patterns; 1 dark, 0 light, {@link #UNKNOWN}
   * elsewhere (format and version information, data).
   */
  static byte[] knownColours(int dim) {
    byte[] k = new byte[dim * dim];
    Arrays.fill(k, UNKNOWN);
    int[][] corners = {{0, 0}, {dim - 7, 0}, {0, dim - 7}};
    for (int[] c : corners) {
      for (int y = -1; y <= 7; y++) {
        for (int x = -1; x <= 7; x++) {
          int xx = c[0] + x;
          int yy = c[1] + y;
          if (xx < 0 || yy < 0 || xx >= dim || yy >= dim) {
            continue;
          }
          int ring = Math.max(Math.abs(x - 3), Math.abs(y - 3));
          k[yy * dim + xx] = (byte) (ring == 2 || ring == 4 ? 0 : 1);
        }
      }
    }
    for (int i = 8; i < dim - 8; i++) {
      byte c = (byte) ((i & 1) == 0 ? 1 : 0);
      k[6 * dim + i] = c;
      k[i * dim + 6] = c;
    }
    int version = (dim - 17) / 4;
    if (version >= 2 && version <= 40 && dim == 17 + 4 * version) {
      int[] centres = Version.getVersionForNumber(version).getAlignmentPatternCenters();
      for (int cy : centres) {
        for (int cx : centres) {
          if ((cx < 9 && cy < 9) || (cx > dim - 10 && cy < 9) || (cx < 9 && cy > dim - 10)) {
            continue;
          }
          for (int y = -2; y <= 2; y++) {
            for (int x = -2; x <= 2; x++) {
              k[(cy + y) * dim + cx + x] = (byte) (Math.max(Math.abs(x), Math.abs(y)) == 1 ? 0 : 1);
            }
          }
        }
      }
    }
    return k;
  }

  /** Dark share of the four edge neighbours; outside the symbol is the light quiet zone. */
  private static double edgeNeighbours(double[] x, int dim, int i, int j) {
    return (at(x, dim, i - 1, j) + at(x, dim, i + 1, j) + at(x, dim, i, j - 1) + at(x, dim, i, j + 1)) / 4;
  }

  /** Dark share of the four corner neighbours. */
  private static double cornerNeighbours(double[] x, int dim, int i, int j) {
    return (at(x, dim, i - 1, j - 1) + at(x, dim, i + 1, j - 1) + at(x, dim, i - 1, j + 1)
        + at(x, dim, i + 1, j + 1)) / 4;
  }

  private static double at(double[] x, int dim, int i, int j) {
    return i < 0 || j < 0 || i >= dim || j >= dim ? 0 : x[j * dim + i];
  }

  /** Gauss-Jordan elimination with partial pivoting on an n x (n + 1) augmented matrix; null when singular. */
  static double @Nullable [] solve(double[][] m) {
    int n = m.length;
    for (int c = 0; c < n; c++) {
      int p = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[p][c])) {
          p = r;
        }
      }
      double[] t = m[c];
      m[c] = m[p];
      m[p] = t;
      if (Math.abs(m[c][c]) < 1e-9) {
        return null;
      }
      for (int r = 0; r < n; r++) {
        if (r != c) {
          double f = m[r][c] / m[c][c];
          for (int k = c; k <= n; k++) {
            m[r][k] -= f * m[c][k];
          }
        }
      }
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = m[i][n] / m[i][i];
    }
    return out;
  }
}
