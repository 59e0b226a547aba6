package io.qrvid.decode.internal;

import java.awt.geom.AffineTransform;

/**
 * Pixel filters on {@link Gray} images: thresholds, contrast, sharpening, morphology, geometry. Each returns a new
 * image and leaves its input unchanged. All methods are pure and thread-safe.
 */
public final class Filters {
  private Filters() {}

  /** 256-bin histogram. */
  static int[] histogram(Gray g) {
    int[] h = new int[256];
    int n = g.width * g.height;
    for (int i = 0; i < n; i++) {
      h[g.px[i] & 0xff]++;
    }
    return h;
  }

  /**
   * Otsu's global threshold: the grey level that maximises the between-class variance. N. Otsu, "A threshold
   * selection method from gray-level histograms", IEEE Trans. SMC 9(1), 1979.
   */
  public static int otsuLevel(Gray g) {
    int[] hist = histogram(g);
    long total = (long) g.width * g.height;
    double sum = 0;
    for (int i = 0; i < 256; i++) {
      sum += (double) i * hist[i];
    }
    double sumB = 0;
    long wB = 0;
    double best = -1;
    int level = 127;
    for (int t = 0; t < 256; t++) {
      wB += hist[t];
      if (wB == 0) {
        continue;
      }
      long wF = total - wB;
      if (wF == 0) {
        break;
      }
      sumB += (double) t * hist[t];
      double mB = sumB / wB;
      double mF = (sum - sumB) / wF;
      double between = (double) wB * wF * (mB - mF) * (mB - mF);
      if (between > best) {
        best = between;
        level = t;
      }
    }
    return level;
  }

  /** Binarises with Otsu's level: pixels at or below it become 0, others 255. */
  public static Gray otsu(Gray g) {
    int t = otsuLevel(g);
    byte[] out = new byte[g.width * g.height];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ((g.px[i] & 0xff) <= t ? 0 : 255);
    }
    return g.withPixels(out);
  }

  /**
   * Sauvola's local threshold T = m * (1 + k * (s / R - 1)) over a square window, computed with integral images.
   * J. Sauvola and M. Pietikainen, "Adaptive document image binarization", Pattern Recognition 33(2), 2000.
   *
   * @param radius window half-size in pixels
   * @param k sensitivity, typically 0.2..0.5
   */
  public static Gray sauvola(Gray g, int radius, double k) {
    int w = g.width;
    int h = g.height;
    long[] sum = new long[(w + 1) * (h + 1)];
    long[] sq = new long[(w + 1) * (h + 1)];
    for (int y = 0; y < h; y++) {
      long rowSum = 0;
      long rowSq = 0;
      for (int x = 0; x < w; x++) {
        int v = g.px[y * w + x] & 0xff;
        rowSum += v;
        rowSq += (long) v * v;
        int idx = (y + 1) * (w + 1) + x + 1;
        sum[idx] = sum[idx - (w + 1)] + rowSum;
        sq[idx] = sq[idx - (w + 1)] + rowSq;
      }
    }
    byte[] out = new byte[w * h];
    final double r = 128.0;
    for (int y = 0; y < h; y++) {
      int y0 = Math.max(0, y - radius);
      int y1 = Math.min(h, y + radius + 1);
      for (int x = 0; x < w; x++) {
        int x0 = Math.max(0, x - radius);
        int x1 = Math.min(w, x + radius + 1);
        int n = (x1 - x0) * (y1 - y0);
        long s = sum[y1 * (w + 1) + x1] - sum[y0 * (w + 1) + x1] - sum[y1 * (w + 1) + x0] + sum[y0 * (w + 1) + x0];
        long s2 = sq[y1 * (w + 1) + x1] - sq[y0 * (w + 1) + x1] - sq[y1 * (w + 1) + x0] + sq[y0 * (w + 1) + x0];
        double mean = (double) s / n;
        double var = Math.max(0, (double) s2 / n - mean * mean);
        double t = mean * (1 + k * (Math.sqrt(var) / r - 1));
        out[y * w + x] = (byte) ((g.px[y * w + x] & 0xff) <= t ? 0 : 255);
      }
    }
    return g.withPixels(out);
  }

  /** Global histogram equalisation (cumulative distribution mapped onto 0..255). */
  public static Gray equalize(Gray g) {
    int[] hist = histogram(g);
    int n = g.width * g.height;
    int[] lut = new int[256];
    long cum = 0;
    int cdfMin = 0;
    for (int i = 0; i < 256; i++) {
      if (hist[i] != 0) {
        cdfMin = hist[i];
        break;
      }
    }
    for (int i = 0; i < 256; i++) {
      cum += hist[i];
      lut[i] = n == cdfMin ? i : (int) Math.round((cum - cdfMin) * 255.0 / (n - cdfMin));
      lut[i] = Math.max(0, Math.min(255, lut[i]));
    }
    return applyLut(g, lut);
  }

  /** Power-law gamma correction: out = 255 * (in / 255)^gamma. */
  public static Gray gamma(Gray g, double gamma) {
    int[] lut = new int[256];
    for (int i = 0; i < 256; i++) {
      lut[i] = (int) Math.round(255 * Math.pow(i / 255.0, gamma));
    }
    return applyLut(g, lut);
  }

  /** Photographic negative. */
  public static Gray invert(Gray g) {
    byte[] out = new byte[g.width * g.height];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (255 - (g.px[i] & 0xff));
    }
    return g.withPixels(out);
  }

  static Gray applyLut(Gray g, int[] lut) {
    byte[] out = new byte[g.width * g.height];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) lut[g.px[i] & 0xff];
    }
    return g.withPixels(out);
  }

  /**
   * Separable box blur with the given radius (clamped edges): each output the integer mean (rounded down) of the
   * {@code (2 * radius + 1)^2} window, border pixels repeated. Row-major in both passes: the vertical pass keeps one
   * running sum per column and walks the rows in order, where the form before issue 9's thirteenth pass walked each
   * column down the image (a cache miss per pixel on images wider than a few hundred pixels); every column's running
   * sum takes the same integer values in the same order, so the output is the same ({@code FiltersTest} compares it
   * with that form, kept there, on random images and radii).
   */
  static int[] boxBlur(Gray g, int radius) {
    int w = g.width;
    int h = g.height;
    byte[] px = g.px;
    int[] tmp = new int[w * h];
    int[] out = new int[w * h];
    int win = 2 * radius + 1;
    int area = win * win;
    // x in [lo, hi): both ends of the window inside the row, so no clamping
    int lo = Math.min(radius, w);
    int hi = Math.max(lo, w - radius - 1);
    for (int y = 0; y < h; y++) {
      int row = y * w;
      int acc = 0;
      for (int i = -radius; i <= radius; i++) {
        acc += px[row + clamp(i, w)] & 0xff;
      }
      for (int x = 0; x < lo; x++) {
        tmp[row + x] = acc;
        acc += (px[row + clamp(x + radius + 1, w)] & 0xff) - (px[row + clamp(x - radius, w)] & 0xff);
      }
      for (int x = lo; x < hi; x++) {
        tmp[row + x] = acc;
        acc += (px[row + x + radius + 1] & 0xff) - (px[row + x - radius] & 0xff);
      }
      for (int x = hi; x < w; x++) {
        tmp[row + x] = acc;
        acc += (px[row + clamp(x + radius + 1, w)] & 0xff) - (px[row + clamp(x - radius, w)] & 0xff);
      }
    }
    int[] acc = new int[w];
    for (int i = -radius; i <= radius; i++) {
      int row = clamp(i, h) * w;
      for (int x = 0; x < w; x++) {
        acc[x] += tmp[row + x];
      }
    }
    for (int y = 0; y < h; y++) {
      int o = y * w;
      int add = clamp(y + radius + 1, h) * w;
      int sub = clamp(y - radius, h) * w;
      for (int x = 0; x < w; x++) {
        out[o + x] = acc[x] / area;
        acc[x] += tmp[add + x] - tmp[sub + x];
      }
    }
    return out;
  }

  private static int clamp(int i, int n) {
    return i < 0 ? 0 : (i >= n ? n - 1 : i);
  }

  /** Unsharp mask: out = in + amount * (in - blur(in)). */
  public static Gray unsharp(Gray g, int radius, double amount) {
    int[] blur = boxBlur(g, radius);
    byte[] out = new byte[g.width * g.height];
    for (int i = 0; i < out.length; i++) {
      int v = g.px[i] & 0xff;
      int s = (int) Math.round(v + amount * (v - blur[i]));
      out[i] = (byte) Math.max(0, Math.min(255, s));
    }
    return g.withPixels(out);
  }

  /**
   * Grey-level morphological close (dilation = local maximum, then erosion = local minimum, over a square of side
   * {@code 2 * radius + 1}): removes dark specks smaller than the square from light areas and keeps everything else.
   */
  public static Gray close(Gray g, int radius) {
    return erodeMin(dilateMax(g, radius), radius);
  }

  /** Grey-level erosion: local minimum (dark regions grow). */
  static Gray erodeMin(Gray g, int r) {
    return minMax(g, r, true);
  }

  /** Grey-level dilation: local maximum (light regions grow). */
  static Gray dilateMax(Gray g, int r) {
    return minMax(g, r, false);
  }

  private static Gray minMax(Gray g, int r, boolean min) {
    int w = g.width;
    int h = g.height;
    byte[] tmp = new byte[w * h];
    byte[] out = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int best = min ? 255 : 0;
        for (int i = Math.max(0, x - r); i <= Math.min(w - 1, x + r); i++) {
          int v = g.px[y * w + i] & 0xff;
          best = min ? Math.min(best, v) : Math.max(best, v);
        }
        tmp[y * w + x] = (byte) best;
      }
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int best = min ? 255 : 0;
        for (int j = Math.max(0, y - r); j <= Math.min(h - 1, y + r); j++) {
          int v = tmp[j * w + x] & 0xff;
          best = min ? Math.min(best, v) : Math.max(best, v);
        }
        out[y * w + x] = (byte) best;
      }
    }
    return g.withPixels(out);
  }

  /**
   * Resamples to {@code nw x nh}: area averaging when shrinking, bilinear interpolation when enlarging. The
   * result's mapping to the original is updated.
   */
  public static Gray resize(Gray g, int nw, int nh) {
    if (nw == g.width && nh == g.height) {
      return g;
    }
    double sx = (double) g.width / nw;
    double sy = (double) g.height / nh;
    byte[] out = new byte[nw * nh];
    if (sx >= 1 && sy >= 1) {
      for (int y = 0; y < nh; y++) {
        int y0 = (int) (y * sy);
        int y1 = Math.max(y0 + 1, Math.min(g.height, (int) ((y + 1) * sy)));
        for (int x = 0; x < nw; x++) {
          int x0 = (int) (x * sx);
          int x1 = Math.max(x0 + 1, Math.min(g.width, (int) ((x + 1) * sx)));
          int acc = 0;
          for (int yy = y0; yy < y1; yy++) {
            int row = yy * g.width;
            for (int xx = x0; xx < x1; xx++) {
              acc += g.px[row + xx] & 0xff;
            }
          }
          out[y * nw + x] = (byte) (acc / ((y1 - y0) * (x1 - x0)));
        }
      }
    } else {
      // bilinear; the columns' source pixels and weights are the same on every row, so they are computed once
      // (the same arithmetic as per pixel, so the same bytes)
      int[] xs0 = new int[nw];
      int[] xs1 = new int[nw];
      double[] dxs = new double[nw];
      for (int x = 0; x < nw; x++) {
        double fx = Math.max(0, (x + 0.5) * sx - 0.5);
        xs0[x] = Math.min(g.width - 1, (int) fx);
        xs1[x] = Math.min(g.width - 1, xs0[x] + 1);
        dxs[x] = fx - xs0[x];
      }
      // each source row's horizontal interpolation, (1 - dx) * left + dx * right per output column, is the same
      // double wherever that row is used (as the upper or the lower row), so it is made once per source row and
      // kept for the output rows that use it (two to three per source row when enlarging 2x or 3x); each output
      // pixel is then (1 - dy) * upper + dy * lower, the same operations in the same order as the per-pixel form
      // (FiltersTest.resizeReference), so the same bytes (FiltersTest compares the two on random images)
      byte[] px = g.px;
      double[] upper = new double[nw];
      double[] lower = new double[nw];
      int upperRow = -1;
      int lowerRow = -1;
      for (int y = 0; y < nh; y++) {
        double fy = Math.max(0, (y + 0.5) * sy - 0.5);
        int y0 = Math.min(g.height - 1, (int) fy);
        int y1 = Math.min(g.height - 1, y0 + 1);
        double dy = fy - y0;
        if (y0 != upperRow) {
          if (y0 == lowerRow) {
            double[] t = upper;
            upper = lower;
            lower = t;
            upperRow = y0;
            lowerRow = -1;
          } else {
            interpolateRow(px, y0 * g.width, xs0, xs1, dxs, upper);
            upperRow = y0;
          }
        }
        if (y1 != lowerRow) {
          if (y1 == upperRow) {
            System.arraycopy(upper, 0, lower, 0, nw);
          } else {
            interpolateRow(px, y1 * g.width, xs0, xs1, dxs, lower);
          }
          lowerRow = y1;
        }
        double wy = 1 - dy;
        int o = y * nw;
        for (int x = 0; x < nw; x++) {
          out[o + x] = (byte) (int) Math.round(wy * upper[x] + dy * lower[x]);
        }
      }
    }
    AffineTransform t = new AffineTransform(g.toOriginal);
    t.scale(sx, sy);
    return new Gray(out, nw, nh, t);
  }

  /**
   * One source row interpolated at the output columns: {@code (1 - dx) * left + dx * right} (see {@link #resize}).
   */
  private static void interpolateRow(byte[] px, int row, int[] xs0, int[] xs1, double[] dxs, double[] out) {
    for (int x = 0; x < out.length; x++) {
      double dx = dxs[x];
      out[x] = (1 - dx) * (px[row + xs0[x]] & 0xff) + dx * (px[row + xs1[x]] & 0xff);
    }
  }

  /**
   * Rotates clockwise by {@code degrees} about the centre onto a canvas enlarged to the rotated bounds; the
   * uncovered area is filled with white (a quiet zone). Exact for multiples of 90, bilinear otherwise.
   */
  public static Gray rotate(Gray g, double degrees) {
    double norm = ((degrees % 360) + 360) % 360;
    int w = g.width;
    int h = g.height;
    if (norm == 0) {
      return g;
    }
    double rad = Math.toRadians(norm);
    double cos = Math.cos(rad);
    double sin = Math.sin(rad);
    int nw;
    int nh;
    if (norm == 90 || norm == 270) {
      nw = h;
      nh = w;
    } else if (norm == 180) {
      nw = w;
      nh = h;
    } else {
      nw = (int) Math.ceil(Math.abs(w * cos) + Math.abs(h * sin));
      nh = (int) Math.ceil(Math.abs(w * sin) + Math.abs(h * cos));
    }
    // forward: new = R * (old - c_old) + c_new ; inverse maps new -> old
    AffineTransform newToOld = new AffineTransform();
    newToOld.translate(w / 2.0, h / 2.0);
    newToOld.rotate(-rad);
    newToOld.translate(-nw / 2.0, -nh / 2.0);
    byte[] out = new byte[nw * nh];
    boolean exact = norm == 90 || norm == 180 || norm == 270;
    // the map's coefficients, applied per pixel on the arrays (as AffineTransform.transform computes them)
    double m00 = newToOld.getScaleX();
    double m01 = newToOld.getShearX();
    double m02 = newToOld.getTranslateX();
    double m10 = newToOld.getShearY();
    double m11 = newToOld.getScaleY();
    double m12 = newToOld.getTranslateY();
    byte[] src = g.px;
    for (int y = 0; y < nh; y++) {
      double cy = y + 0.5;
      for (int x = 0; x < nw; x++) {
        double cx = x + 0.5;
        double fx = cx * m00 + cy * m01 + m02 - 0.5;
        double fy = cx * m10 + cy * m11 + m12 - 0.5;
        int v;
        if (exact) {
          int ix = (int) Math.round(fx);
          int iy = (int) Math.round(fy);
          v = ix >= 0 && iy >= 0 && ix < w && iy < h ? g.get(ix, iy) : 255;
        } else {
          int x0 = (int) Math.floor(fx);
          int y0 = (int) Math.floor(fy);
          if (x0 < -1 || y0 < -1 || x0 >= w || y0 >= h) {
            v = 255;
          } else {
            double dx = fx - x0;
            double dy = fy - y0;
            int a;
            int b;
            int c;
            int d;
            if (x0 >= 0 && y0 >= 0 && x0 + 1 < w && y0 + 1 < h) {
              int i = y0 * w + x0;
              a = src[i] & 0xff;
              b = src[i + 1] & 0xff;
              c = src[i + w] & 0xff;
              d = src[i + w + 1] & 0xff;
            } else {
              a = at(g, x0, y0);
              b = at(g, x0 + 1, y0);
              c = at(g, x0, y0 + 1);
              d = at(g, x0 + 1, y0 + 1);
            }
            double s = (1 - dy) * ((1 - dx) * a + dx * b) + dy * ((1 - dx) * c + dx * d);
            v = (int) Math.round(s);
          }
        }
        out[y * nw + x] = (byte) v;
      }
    }
    AffineTransform t = new AffineTransform(g.toOriginal);
    t.concatenate(newToOld);
    return new Gray(out, nw, nh, t);
  }

  private static int at(Gray g, int x, int y) {
    return x < 0 || y < 0 || x >= g.width || y >= g.height ? 255 : g.get(x, y);
  }

  /** Adds a white border of {@code border} pixels (helps decoders on tightly cropped symbols). */
  public static Gray pad(Gray g, int border) {
    int nw = g.width + 2 * border;
    int nh = g.height + 2 * border;
    byte[] out = new byte[nw * nh];
    java.util.Arrays.fill(out, (byte) 255);
    for (int y = 0; y < g.height; y++) {
      System.arraycopy(g.px, y * g.width, out, (y + border) * nw + border, g.width);
    }
    AffineTransform t = new AffineTransform(g.toOriginal);
    t.translate(-border, -border);
    return new Gray(out, nw, nh, t);
  }
}
