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
    // the interpolation's column terms (nearest tile columns and weight) are the same on every row: computed once
    int[] left = new int[w];
    int[] right = new int[w];
    double[] weight = new double[w];
    for (int x = 0; x < w; x++) {
      double gx = (x + 0.5) * tilesX / w - 0.5;
      int tx0 = (int) Math.floor(gx);
      double fx = gx - tx0;
      int la = Math.max(0, tx0);
      int lb = Math.min(tilesX - 1, tx0 + 1);
      if (tx0 < 0) {
        fx = 0;
      } else if (tx0 >= tilesX - 1) {
        fx = 0;
        la = tilesX - 1;
      }
      left[x] = la;
      right[x] = lb;
      weight[x] = fx;
    }
    byte[] out = new byte[w * h];
    for (int y = 0; y < h; y++) {
      // position relative to tile centres
      double gy = (y + 0.5) * tilesY / h - 0.5;
      int ty0 = (int) Math.floor(gy);
      double fy = gy - ty0;
      int ta = Math.max(0, ty0);
      int tb = Math.min(tilesY - 1, ty0 + 1);
      if (ty0 < 0) {
        fy = 0;
      } else if (ty0 >= tilesY - 1) {
        fy = 0;
        ta = tilesY - 1;
      }
      int rowA = ta * tilesX;
      int rowB = tb * tilesX;
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
