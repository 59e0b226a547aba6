package io.qrvid.video.memvid;

/**
 * Estimates every module's darkness by undoing the blur of scaling and lossy coding: a least-squares deconvolution
 * on the known module grid.
 *
 * <p>Model: the frame's normalised darkness {@code J = (L - I) / (L - D)} (light and dark levels {@code L},
 * {@code D} of the frame) is {@code Hy M Hx^T}, where {@code M} holds the modules' darkness (0 light, 1 dark) on the
 * symbol's grid plus a light margin of {@value #MARGIN} modules, and {@code H} spreads each module over the pixels
 * near it: the module's footprint (a box one pitch wide) blurred by a Gaussian of width {@code sigma} pixels, i.e.
 * {@code h(u) = Phi((u + p/2) / sigma) - Phi((u - p/2) / sigma)} for a pixel at distance {@code u} from the
 * module's centre. A Gaussian stands in for the scaler's kernel (OpenCV's bilinear, swscale's bicubic) and the
 * codec's loss of high frequencies; {@code sigma} is chosen per frame by the smallest residual. The modules whose
 * values are known ({@link FunctionPatterns}, the margin) are fixed, the others solved by conjugate gradients on
 * {@code min ||Hy M Hx^T - J||^2 + lambda ||M - 1/2||^2}. The separable {@code H} keeps each iteration at a few
 * multiply-adds per pixel.
 *
 * <p>Measured in a prototype of the same model on memvid-style frames (version 35, 1.57 px per module) against their
 * true modules: sampling at the centres and thresholding misread 0.2-0.4% of the modules (mp4v and H.265); after
 * this deconvolution, 0.004-0.05% on H.265 frames, and 0.35-0.42% (from 0.46-0.54%) on the hardest mp4v frames
 * with the sharpest blur (0.18-0.25 px): their errors are quantisation noise rather than blur. Frames that FFmpeg dithered to one bit stay at 1-3%.
 *
 * <p>Not thread-safe: one instance per frame and thread.
 */
final class Deconvolver {
  static final int MARGIN = 3;
  private final Luma img;
  private final SymbolGrid grid;
  private final FunctionPatterns fp;
  private final int n;
  private final int size;
  private final int x0;
  private final int x1;
  private final int y0;
  private final int y1;
  private final int ww;
  private final int wh;
  /** Fixed modules: known function patterns and the margin; their values in {@link #fixedValue}. */
  private final boolean[] fixed;
  private final float[] fixedValue;
  private double light;
  private double dark;

  Deconvolver(Luma img, SymbolGrid grid) {
    this.img = img;
    this.grid = grid;
    this.fp = FunctionPatterns.of(grid.version);
    this.n = fp.size;
    this.size = n + 2 * MARGIN;
    x0 = Math.max(0, (int) Math.floor(grid.x(-MARGIN - 1)));
    x1 = Math.min(img.width, (int) Math.ceil(grid.x(n + MARGIN)) + 1);
    y0 = Math.max(0, (int) Math.floor(grid.y(-MARGIN - 1)));
    y1 = Math.min(img.height, (int) Math.ceil(grid.y(n + MARGIN)) + 1);
    ww = x1 - x0;
    wh = y1 - y0;
    fixed = new boolean[size * size];
    fixedValue = new float[size * size];
    for (int r = 0; r < size; r++) {
      for (int c = 0; c < size; c++) {
        int sr = r - MARGIN;
        int sc = c - MARGIN;
        int i = r * size + c;
        if (sr < 0 || sc < 0 || sr >= n || sc >= n) {
          fixed[i] = true;
        } else if (fp.known[sr * n + sc]) {
          fixed[i] = true;
          fixedValue[i] = fp.dark[sr * n + sc] ? 1f : 0f;
        }
      }
    }
    estimateLevels();
  }

  /** The light and dark levels from the margin and the finder patterns' cores. */
  private void estimateLevels() {
    double sum = 0;
    int count = 0;
    for (int k = -3; k <= -2; k++) {
      for (int i = -2; i < n + 2; i++) {
        double[][] pts = {{k, i}, {n - 1 - k, i}, {i, k}, {i, n - 1 - k}};
        for (double[] p : pts) {
          double x = grid.x(p[1]);
          double y = grid.y(p[0]);
          if (x >= 0 && y >= 0 && x <= img.width - 1 && y <= img.height - 1) {
            sum += img.bilinear(x, y);
            count++;
          }
        }
      }
    }
    double darkSum = 0;
    int darkCount = 0;
    int[][] cores = {{3, 3}, {3, n - 4}, {n - 4, 3}};
    for (int[] c : cores) {
      for (int dr = -1; dr <= 1; dr++) {
        for (int dc = -1; dc <= 1; dc++) {
          darkSum += img.bilinear(grid.x(c[1] + dc), grid.y(c[0] + dr));
          darkCount++;
        }
      }
    }
    dark = darkSum / darkCount;
    light = count > 0 ? sum / count : 255;
    if (light - dark < 16) {
      light = dark + 16;
    }
  }

  /** The result of one solve. */
  static final class Estimate {
    /** {@code n * n} darkness values in [0, 1], row-major. */
    final float[] darkness;
    /** Mean squared residual per pixel, in normalised darkness units. */
    final double residual;
    final double sigma;

    Estimate(float[] darkness, double residual, double sigma) {
      this.darkness = darkness;
      this.residual = residual;
      this.sigma = sigma;
    }
  }

  /**
   * Solves for the modules with blur {@code sigma} (pixels), starting from {@code start} ({@code n * n} darkness
   * values, or null for 1/2).
   */
  Estimate solve(double sigma, float[] start, int iterations, double lambda) {
    Sparse hx = Sparse.of(ww, x0, size, c -> grid.x(c - MARGIN), grid.pitchX, sigma);
    Sparse hy = Sparse.of(wh, y0, size, r -> grid.y(r - MARGIN), grid.pitchY, sigma);
    double scale = light - dark;
    double[] target = new double[wh * ww];
    for (int y = 0; y < wh; y++) {
      for (int x = 0; x < ww; x++) {
        target[y * ww + x] = (light - (img.pixels[(y + y0) * img.width + x + x0] & 0xFF)) / scale;
      }
    }
    double[] m = new double[size * size];
    for (int i = 0; i < m.length; i++) {
      if (fixed[i]) {
        m[i] = fixedValue[i];
      } else {
        int sr = i / size - MARGIN;
        int sc = i % size - MARGIN;
        m[i] = start == null ? 0.5 : start[sr * n + sc];
      }
    }
    // r = b - A x on free entries, with b = H^T (J - H m_fixed) + lambda/2 and A = H^T H + lambda I
    double[] resid = subtract(target, forward(m, hx, hy));
    double[] g = adjoint(resid, hx, hy);
    double[] r = new double[m.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = fixed[i] ? 0 : g[i] - lambda * (m[i] - 0.5);
    }
    double[] p = r.clone();
    double rs = dot(r, r);
    for (int it = 0; it < iterations && rs > 1e-12; it++) {
      double[] ap = adjoint(forward(p, hx, hy), hx, hy);
      for (int i = 0; i < ap.length; i++) {
        ap[i] = fixed[i] ? 0 : ap[i] + lambda * p[i];
      }
      double alpha = rs / dot(p, ap);
      for (int i = 0; i < m.length; i++) {
        if (!fixed[i]) {
          m[i] += alpha * p[i];
          r[i] -= alpha * ap[i];
        }
      }
      double rs2 = dot(r, r);
      double beta = rs2 / rs;
      for (int i = 0; i < p.length; i++) {
        p[i] = r[i] + beta * p[i];
      }
      rs = rs2;
    }
    double[] fit = forward(m, hx, hy);
    double err = 0;
    for (int i = 0; i < fit.length; i++) {
      double d = fit[i] - target[i];
      err += d * d;
    }
    float[] out = new float[n * n];
    for (int sr = 0; sr < n; sr++) {
      for (int sc = 0; sc < n; sc++) {
        double v = m[(sr + MARGIN) * size + sc + MARGIN];
        out[sr * n + sc] = (float) (v < 0 ? 0 : v > 1 ? 1 : v);
      }
    }
    return new Estimate(withKnown(out), err / fit.length, sigma);
  }

  /**
   * Darkness from bilinear samples at the module centres, normalised by the frame's levels; the modules whose
   * values are known are set to them.
   */
  float[] sampleCentres() {
    float[] out = new float[n * n];
    double scale = light - dark;
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        double v = (light - img.bilinear(grid.x(c), grid.y(r))) / scale;
        out[r * n + c] = (float) (v < 0 ? 0 : v > 1 ? 1 : v);
      }
    }
    return withKnown(out);
  }

  /**
   * Sets the modules whose values are known (finder, timing and alignment patterns, version information, the dark
   * module) to those values: a misread version block would otherwise make the decoder take the wrong version.
   */
  private float[] withKnown(float[] d) {
    for (int i : fp.knownIndexes) {
      d[i] = fp.dark[i] ? 1f : 0f;
    }
    return d;
  }

  /** P = Hy M Hx^T over the pixel window. */
  private double[] forward(double[] m, Sparse hx, Sparse hy) {
    double[] t = new double[size * ww];
    for (int i = 0; i < size; i++) {
      int row = i * size;
      for (int x = 0; x < ww; x++) {
        double s = 0;
        for (int k = hx.start[x]; k < hx.start[x + 1]; k++) {
          s += m[row + hx.index[k]] * hx.weight[k];
        }
        t[i * ww + x] = s;
      }
    }
    double[] p = new double[wh * ww];
    for (int y = 0; y < wh; y++) {
      for (int k = hy.start[y]; k < hy.start[y + 1]; k++) {
        int i = hy.index[k];
        double w = hy.weight[k];
        int ti = i * ww;
        int pi = y * ww;
        for (int x = 0; x < ww; x++) {
          p[pi + x] += w * t[ti + x];
        }
      }
    }
    return p;
  }

  /** G = Hy^T R Hx over the module grid. */
  private double[] adjoint(double[] res, Sparse hx, Sparse hy) {
    double[] u = new double[size * ww];
    for (int y = 0; y < wh; y++) {
      for (int k = hy.start[y]; k < hy.start[y + 1]; k++) {
        int i = hy.index[k];
        double w = hy.weight[k];
        int ui = i * ww;
        int ri = y * ww;
        for (int x = 0; x < ww; x++) {
          u[ui + x] += w * res[ri + x];
        }
      }
    }
    double[] g = new double[size * size];
    for (int i = 0; i < size; i++) {
      int row = i * size;
      for (int x = 0; x < ww; x++) {
        double v = u[i * ww + x];
        for (int k = hx.start[x]; k < hx.start[x + 1]; k++) {
          g[row + hx.index[k]] += v * hx.weight[k];
        }
      }
    }
    return g;
  }

  private static double[] subtract(double[] a, double[] b) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] - b[i];
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** One axis of H in compressed rows: for pixel {@code x} of the window, the modules it sees and their weights. */
  private static final class Sparse {
    final int[] start;
    final int[] index;
    final double[] weight;

    private Sparse(int[] start, int[] index, double[] weight) {
      this.start = start;
      this.index = index;
      this.weight = weight;
    }

    static Sparse of(int pixels, int firstPixel, int modules, java.util.function.IntToDoubleFunction centre,
        double pitch, double sigma) {
      double reach = pitch / 2 + 4 * sigma;
      int[] start = new int[pixels + 1];
      int[] idx = new int[pixels * 16];
      double[] w = new double[pixels * 16];
      int k = 0;
      double c0 = centre.applyAsDouble(0);
      for (int p = 0; p < pixels; p++) {
        start[p] = k;
        double x = p + firstPixel;
        int lo = Math.max(0, (int) Math.floor((x - reach - c0) / pitch));
        int hi = Math.min(modules - 1, (int) Math.ceil((x + reach - c0) / pitch));
        for (int j = lo; j <= hi; j++) {
          double u = x - centre.applyAsDouble(j);
          if (Math.abs(u) > reach) {
            continue;
          }
          double v = phi((u + pitch / 2) / sigma) - phi((u - pitch / 2) / sigma);
          if (v > 1e-4) {
            if (k == idx.length) {
              idx = java.util.Arrays.copyOf(idx, k * 2);
              w = java.util.Arrays.copyOf(w, k * 2);
            }
            idx[k] = j;
            w[k] = v;
            k++;
          }
        }
      }
      start[pixels] = k;
      return new Sparse(start, idx, w);
    }
  }

  /** The standard normal distribution function (Abramowitz and Stegun 7.1.26 for erf, error below 1.5e-7). */
  static double phi(double z) {
    double x = Math.abs(z) / Math.sqrt(2);
    double t = 1 / (1 + 0.3275911 * x);
    double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
        * Math.exp(-x * x);
    return z >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
  }
}
