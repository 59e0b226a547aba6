package io.qrvid.video.memvid;

/**
 * Reads the modules of a frame that FFmpeg scaled with an ordered dither to one bit (black and white pixels) before
 * lossy coding: a per-frame model of the whole scaler and dither chain, inverted module by module with decision
 * feedback.
 *
 * <p>Why: memvid writes each symbol as a PNG of 5 pixels per module and lets FFmpeg scale it to 256 x 256. When a
 * symbol above version 35 changes the PNG size, FFmpeg 5.1 rebuilds its filter graph, and from then on its scale
 * filter outputs 1-bit {@code monob}: each pixel is white exactly when the scaled grey level exceeds the entry of an
 * 8 x 8 ordered-dither matrix at that pixel's position. At 1.4-1.57 pixels per module, sampling such a frame at the
 * module centres misreads 3-5% of the modules (measured on 68 frames of versions 36-40, against their true
 * modules), beyond what Reed-Solomon at level M corrects. The bits themselves survive x265 at crf 28 almost intact
 * (0.2% of pixels flip when thresholded at mid-grey), so the frame still holds nearly all of the information.
 *
 * <p>Model (the forward chain, checked against those frames: it predicts 99.5% of their pixels from the true
 * modules): the symbol's source image has {@value #SOURCE_PX} pixels per module; swscale's default bicubic filter
 * ({@code SWS_BICUBIC}, Mitchell-Netravali cubic with B = 0, C = 0.6, stretched by the reduction factor; FFmpeg
 * {@code libswscale/utils.c}) gives each output pixel a grey level {@code G} that is linear in the modules' values,
 * separable in x and y; the pixel is white when {@code G > T[y mod 8][x mod 8]} ({@link #DITHER}, measured on FFmpeg
 * 5.1's output). The grid comes from {@link GridLocator}; the reduction factor from its pitch.
 *
 * <p>Inversion: the frame's pixels are thresholded at mid-grey; each is given the likelihood
 * {@code eps + (1 - 2 eps) sigmoid((G - T) / tau)} of being white (the codec's flips and the model's small errors).
 * Modules whose values are known ({@link FunctionPatterns}) and the quiet zone are fixed; every other module starts
 * at 1/2 and is updated in turn from the log-likelihood ratio of the pixels it touches, with its neighbours at their
 * current estimates (decision-feedback equalisation; mean-field updates, alternating sweep direction, at most {@value #SWEEPS}
 * sweeps, stopping when no estimate moves by {@value #CONVERGED}). The result is
 * each module's probability of being dark, the reliabilities {@link io.qrvid.core.internal.SoftSymbolDecoder} uses
 * to choose erasures.
 *
 * <p>Not thread-safe: one instance per frame and thread.
 */
final class DitherEqualiser {
  /** Pixels per module of memvid's source PNG (python-qrcode {@code box_size=5}). */
  static final int SOURCE_PX = 5;
  /** FFmpeg 5.1's ordered-dither thresholds for {@code monob} output, {@code [y mod 8][x mod 8]}, grey 0-255. */
  static final int[][] DITHER = {
      {117, 172, 76, 130, 121, 176, 77, 134},
      {199, 35, 213, 48, 201, 38, 216, 52},
      {90, 144, 101, 157, 93, 148, 106, 162},
      {234, 69, 192, 27, 224, 59, 182, 17},
      {124, 179, 82, 138, 114, 168, 72, 127},
      {205, 41, 219, 55, 196, 32, 209, 45},
      {96, 151, 110, 165, 86, 140, 98, 155},
      {227, 62, 186, 21, 232, 65, 187, 24}};
  static final int SWEEPS = 10;
  private static final int MARGIN = 4;
  private static final double EPS = 0.01;
  private static final double TAU = 6;
  /** Sweeps stop when no module's estimate moved by more than this. */
  private static final double CONVERGED = 0.02;
  private static final int STEPS_PER_GREY = 4;
  private static final int TABLE_HALF = 300 * STEPS_PER_GREY;
  /** log P(white | z) and log P(black | z), z = grey level minus dither threshold, in steps of 1/4 grey. */
  private static final double[] LOG_WHITE = logTable(true);
  private static final double[] LOG_BLACK = logTable(false);

  private final Luma img;
  private final FunctionPatterns fp;
  private final int n;
  private final int size;
  private final Axis ax;
  private final Axis ay;

  DitherEqualiser(Luma img, SymbolGrid grid) {
    this.img = img;
    this.fp = FunctionPatterns.of(grid.version);
    this.n = fp.size;
    this.size = n + 2 * MARGIN;
    this.ax = Axis.of(img.width, size, c -> grid.x(c - MARGIN), grid.pitchX);
    this.ay = Axis.of(img.height, size, r -> grid.y(r - MARGIN), grid.pitchY);
  }

  /**
   * True if the frame looks dithered to one bit: fewer than 1 pixel in 8 lies in the middle half of the grey range,
   * and more than 1.6% of the pixels differ from all four of their neighbours (thresholded at mid-grey). Measured on
   * memvid frames at versions 35-40: FFmpeg's dithered H.265 frames have 3-4% middle greys and 2.3-3.4% isolated
   * pixels; its grey H.265 frames 20-25% and at most 0.6%; OpenCV's mp4v frames (bilinear, which samples rather
   * than averages) 8-10% and at most 1.2%.
   */
  static boolean looksDithered(Luma img) {
    int w = img.width;
    int h = img.height;
    int mid = 0;
    for (byte b : img.pixels) {
      int v = b & 0xFF;
      if (v > 72 && v < 184) {
        mid++;
      }
    }
    if (mid * 8 >= img.pixels.length || w < 3 || h < 3) {
      return false;
    }
    int t = midGrey(img);
    int isolated = 0;
    for (int y = 1; y < h - 1; y++) {
      for (int x = 1; x < w - 1; x++) {
        boolean c = (img.pixels[y * w + x] & 0xFF) > t;
        if (c != (img.pixels[y * w + x - 1] & 0xFF) > t && c != (img.pixels[y * w + x + 1] & 0xFF) > t
            && c != (img.pixels[(y - 1) * w + x] & 0xFF) > t && c != (img.pixels[(y + 1) * w + x] & 0xFF) > t) {
          isolated++;
        }
      }
    }
    return isolated > 0.016 * (w - 2) * (h - 2);
  }

  /** Each module's probability of being dark, {@code n * n} row-major, known modules set to their values. */
  float[] estimate() {
    int w = img.width;
    int h = img.height;
    int threshold = midGrey(img);
    boolean[] white = new boolean[w * h];
    for (int i = 0; i < white.length; i++) {
      white[i] = (img.pixels[i] & 0xFF) > threshold;
    }
    // lightness of each module of the padded grid: 1 light, 0 dark
    double[] m = new double[size * size];
    boolean[] fixed = new boolean[size * size];
    for (int r = 0; r < size; r++) {
      for (int c = 0; c < size; c++) {
        int sr = r - MARGIN;
        int sc = c - MARGIN;
        int i = r * size + c;
        if (sr < 0 || sc < 0 || sr >= n || sc >= n) {
          fixed[i] = true;
          m[i] = 1;
        } else if (fp.known[sr * n + sc]) {
          fixed[i] = true;
          m[i] = fp.dark[sr * n + sc] ? 0 : 1;
        } else {
          m[i] = 0.5;
        }
      }
    }
    double[] g = new double[w * h];
    for (int r = 0; r < size; r++) {
      for (int c = 0; c < size; c++) {
        double v = m[r * size + c] * 255;
        if (v != 0) {
          addModule(g, r, c, v);
        }
      }
    }
    for (int sweep = 0; sweep < SWEEPS; sweep++) {
      boolean reverse = (sweep & 1) == 1;
      double change = 0;
      for (int k = 0; k < size * size; k++) {
        int i = reverse ? size * size - 1 - k : k;
        if (fixed[i]) {
          continue;
        }
        int r = i / size;
        int c = i % size;
        double cur = m[i];
        double llr = 0;
        for (int a = ay.first[r]; a < ay.first[r + 1]; a++) {
          int y = ay.pixel[a];
          double wy = ay.weight[a] * 255;
          int[] trow = DITHER[y & 7];
          for (int b = ax.first[c]; b < ax.first[c + 1]; b++) {
            int x = ax.pixel[b];
            double d = wy * ax.weight[b];
            int p = y * w + x;
            double z0 = g[p] - cur * d - trow[x & 7];
            double[] table = white[p] ? LOG_WHITE : LOG_BLACK;
            llr += table[index(z0 + d)] - table[index(z0)];
          }
        }
        double next = llr > 30 ? 1 : llr < -30 ? 0 : 1 / (1 + Math.exp(-llr));
        if (next != cur) {
          addModule(g, r, c, (next - cur) * 255);
          m[i] = next;
          change = Math.max(change, Math.abs(next - cur));
        }
      }
      if (change < CONVERGED) {
        break;
      }
    }
    float[] dark = new float[n * n];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        dark[r * n + c] = (float) (1 - m[(r + MARGIN) * size + c + MARGIN]);
      }
    }
    return dark;
  }

  /** The probability that a pixel whose grey level exceeds its dither threshold by {@code z} is seen white. */
  private static double pWhite(double z) {
    return EPS + (1 - 2 * EPS) / (1 + Math.exp(-z / TAU));
  }

  private static int index(double z) {
    int i = (int) Math.round(z * STEPS_PER_GREY) + TABLE_HALF;
    return i < 0 ? 0 : i >= 2 * TABLE_HALF ? 2 * TABLE_HALF : i;
  }

  private static double[] logTable(boolean white) {
    double[] t = new double[2 * TABLE_HALF + 1];
    for (int i = 0; i < t.length; i++) {
      double p = pWhite((i - TABLE_HALF) / (double) STEPS_PER_GREY);
      t[i] = Math.log(white ? p : 1 - p);
    }
    return t;
  }

  private void addModule(double[] g, int r, int c, double v) {
    int w = img.width;
    for (int a = ay.first[r]; a < ay.first[r + 1]; a++) {
      double wy = ay.weight[a] * v;
      int row = ay.pixel[a] * w;
      for (int b = ax.first[c]; b < ax.first[c + 1]; b++) {
        g[row + ax.pixel[b]] += wy * ax.weight[b];
      }
    }
  }

  /** The midpoint of the frame's 2nd and 98th grey percentiles. */
  private static int midGrey(Luma img) {
    int[] hist = new int[256];
    for (byte b : img.pixels) {
      hist[b & 0xFF]++;
    }
    int total = img.pixels.length;
    int lo = -1;
    int hi = 255;
    long seen = 0;
    for (int v = 0; v < 256; v++) {
      seen += hist[v];
      if (lo < 0 && seen >= total * 0.02) {
        lo = v;
      }
      if (seen >= total * 0.98) {
        hi = v;
        break;
      }
    }
    return (lo + hi) / 2;
  }

  /**
   * One axis of the scaler: for each module of the padded grid, the output pixels it reaches and its weight in
   * each (the bicubic kernel summed over the module's source pixels, normalised per output pixel).
   */
  private static final class Axis {
    final int[] first;
    final int[] pixel;
    final double[] weight;

    private Axis(int[] first, int[] pixel, double[] weight) {
      this.first = first;
      this.pixel = pixel;
      this.weight = weight;
    }

    static Axis of(int pixels, int modules, java.util.function.IntToDoubleFunction centre, double pitch) {
      double f = SOURCE_PX / pitch; // source pixels per output pixel
      double[][] w = new double[modules][pixels];
      double c0 = centre.applyAsDouble(0);
      for (int x = 0; x < pixels; x++) {
        // source pixels (all modules' SOURCE_PX sub-pixels) within the kernel's reach of 2 output pixels
        int lo = (int) Math.floor((x - 2.5 - c0) / pitch) - 1;
        int hi = (int) Math.ceil((x + 2.5 - c0) / pitch) + 1;
        double sum = 0;
        double[] local = new double[(hi - lo + 1) * SOURCE_PX];
        for (int j = lo; j <= hi; j++) {
          double cj = centre.applyAsDouble(0) + j * pitch;
          for (int s = 0; s < SOURCE_PX; s++) {
            double u = cj + (s - (SOURCE_PX - 1) / 2.0) / f;
            double k = cubic(x - u);
            local[(j - lo) * SOURCE_PX + s] = k;
            sum += k;
          }
        }
        if (sum <= 0) {
          continue;
        }
        for (int j = lo; j <= hi; j++) {
          int jj = j < 0 ? 0 : j >= modules ? modules - 1 : j; // outside the padded grid: the light edge
          for (int s = 0; s < SOURCE_PX; s++) {
            w[jj][x] += local[(j - lo) * SOURCE_PX + s] / sum;
          }
        }
      }
      int[] first = new int[modules + 1];
      int count = 0;
      for (int j = 0; j < modules; j++) {
        for (int x = 0; x < pixels; x++) {
          if (Math.abs(w[j][x]) > 1e-4) {
            count++;
          }
        }
      }
      int[] pixel = new int[count];
      double[] weight = new double[count];
      int k = 0;
      for (int j = 0; j < modules; j++) {
        first[j] = k;
        for (int x = 0; x < pixels; x++) {
          if (Math.abs(w[j][x]) > 1e-4) {
            pixel[k] = x;
            weight[k] = w[j][x];
            k++;
          }
        }
      }
      first[modules] = k;
      return new Axis(first, pixel, weight);
    }
  }

  /** swscale's default bicubic kernel (Mitchell-Netravali, B = 0, C = 0.6) at distance {@code t} output pixels. */
  static double cubic(double t) {
    double x = Math.abs(t);
    if (x < 1) {
      return 1.4 * x * x * x - 2.4 * x * x + 1;
    }
    if (x < 2) {
      return -0.6 * x * x * x + 3 * x * x - 4.8 * x + 2.4;
    }
    return 0;
  }
}
