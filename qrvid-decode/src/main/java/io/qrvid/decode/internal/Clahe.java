package io.qrvid.decode.internal;

/**
 * Contrast Limited Adaptive Histogram Equalisation on an 8-bit image, written from the description in K.
 * Zuiderveld, "Contrast Limited Adaptive Histogram Equalization", Graphics Gems IV, Academic Press, 1994: the image
 * is divided into a grid of tiles; each tile's histogram is clipped at {@code clipLimit} times the mean bin count
 * and the excess is redistributed evenly over all bins; each tile's cumulative histogram becomes a grey-level
 * mapping; every pixel is mapped by bilinear interpolation between the mappings of the four nearest tile centres
 * (two at the borders, one in the corners).
 *
 * <p>Pure function, thread-safe.
 */
public final class Clahe {
  private Clahe() {}

  /**
   * Applies CLAHE.
   *
   * @param tilesX number of tiles across (at least 1)
   * @param tilesY number of tiles down (at least 1)
   * @param clipLimit clip level as a multiple of the mean bin count (at least 1; 1 = plain per-tile mean, no
   *     enhancement; typical 2..4)
   */
  public static Gray apply(Gray g, int tilesX, int tilesY, double clipLimit) {
    int w = g.width;
    int h = g.height;
    tilesX = Math.max(1, Math.min(tilesX, w));
    tilesY = Math.max(1, Math.min(tilesY, h));
    int[][] maps = tileMaps(g, tilesX, tilesY, clipLimit);
    // the interpolation's terms (nearest tiles and weight, relative to the tile centres) depend on the column
    // alone or the row alone: computed once per column and per row
    int[] left = new int[w];
    int[] right = new int[w];
    double[] weight = new double[w];
    axisTerms(w, tilesX, left, right, weight);
    int[] above = new int[h];
    int[] below = new int[h];
    double[] weightDown = new double[h];
    axisTerms(h, tilesY, above, below, weightDown);
    byte[] out = new byte[w * h];
    for (int y = 0; y < h; y++) {
      double fy = weightDown[y];
      int rowA = above[y] * tilesX;
      int rowB = below[y] * tilesX;
      int row = y * w;
      for (int x = 0; x < w; x++) {
        int v = g.px[row + x] & 0xff;
        double fx = weight[x];
        double top = (1 - fx) * maps[rowA + left[x]][v] + fx * maps[rowA + right[x]][v];
        double bottom = (1 - fx) * maps[rowB + left[x]][v] + fx * maps[rowB + right[x]][v];
        out[row + x] = (byte) (int) Math.round((1 - fy) * top + fy * bottom);
      }
    }
    return g.withPixels(out);
  }

  /**
   * Each tile's clipped histogram mapping ({@link #mapping}), row-major: {@code tilesX * tilesY} arrays of 256
   * grey levels. The tile counts must already be clamped to the image ({@code 1..width}, {@code 1..height}).
   */
  static int[][] tileMaps(Gray g, int tilesX, int tilesY, double clipLimit) {
    int w = g.width;
    int h = g.height;
    int[][] maps = new int[tilesX * tilesY][];
    for (int ty = 0; ty < tilesY; ty++) {
      int y0 = ty * h / tilesY;
      int y1 = (ty + 1) * h / tilesY;
      for (int tx = 0; tx < tilesX; tx++) {
        int x0 = tx * w / tilesX;
        int x1 = (tx + 1) * w / tilesX;
        int[] hist = new int[256];
        for (int y = y0; y < y1; y++) {
          int row = y * w;
          for (int x = x0; x < x1; x++) {
            hist[g.px[row + x] & 0xff]++;
          }
        }
        int n = (x1 - x0) * (y1 - y0);
        maps[ty * tilesX + tx] = mapping(hist, n, clipLimit);
      }
    }
    return maps;
  }

  /**
   * The bilinear interpolation's terms along one axis of {@code n} pixels split into {@code tiles} tiles: for each
   * pixel, relative to the tile centres, the tile before it ({@code lo}), the tile after it ({@code hi}) and the
   * weight of {@code hi} ({@code weight}; 0 before the first centre and after the last, where the nearest tile alone
   * applies).
   */
  private static void axisTerms(int n, int tiles, int[] lo, int[] hi, double[] weight) {
    for (int i = 0; i < n; i++) {
      double g = (i + 0.5) * tiles / n - 0.5;
      int t0 = (int) Math.floor(g);
      double f = g - t0;
      int a = Math.max(0, t0);
      int b = Math.min(tiles - 1, t0 + 1);
      if (t0 < 0) {
        f = 0;
      } else if (t0 >= tiles - 1) {
        f = 0;
        a = tiles - 1;
      }
      lo[i] = a;
      hi[i] = b;
      weight[i] = f;
    }
  }

  static int[] mapping(int[] hist, int n, double clipLimit) {
    int limit = Math.max(1, (int) Math.ceil(clipLimit * n / 256.0));
    int excess = 0;
    for (int i = 0; i < 256; i++) {
      if (hist[i] > limit) {
        excess += hist[i] - limit;
        hist[i] = limit;
      }
    }
    int perBin = excess / 256;
    int rest = excess % 256;
    for (int i = 0; i < 256; i++) {
      hist[i] += perBin;
    }
    // spread the remainder evenly over the range
    if (rest > 0) {
      int step = Math.max(1, 256 / rest);
      for (int i = 0; i < 256 && rest > 0; i += step) {
        hist[i]++;
        rest--;
      }
    }
    int[] map = new int[256];
    long cum = 0;
    for (int i = 0; i < 256; i++) {
      cum += hist[i];
      map[i] = (int) Math.min(255, Math.round(cum * 255.0 / Math.max(1, n)));
    }
    return map;
  }
}
