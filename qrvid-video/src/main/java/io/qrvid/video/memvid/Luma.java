package io.qrvid.video.memvid;

/** An 8-bit grey plane, row-major without padding, with bilinear sampling. Not copied; treat as read-only. */
final class Luma {
  final byte[] pixels;
  final int width;
  final int height;

  Luma(byte[] pixels, int width, int height) {
    if (width < 1 || height < 1 || pixels.length < width * height) {
      throw new IllegalArgumentException("plane of " + pixels.length + " bytes for " + width + "x" + height);
    }
    this.pixels = pixels;
    this.width = width;
    this.height = height;
  }

  /** The grey level at pixel (x, y), clamped to the plane's edge. */
  int at(int x, int y) {
    x = x < 0 ? 0 : x >= width ? width - 1 : x;
    y = y < 0 ? 0 : y >= height ? height - 1 : y;
    return pixels[y * width + x] & 0xFF;
  }

  /** Bilinear interpolation at pixel-index coordinates (pixel centres at integers), clamped at the edges. */
  double bilinear(double x, double y) {
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    double fx = x - x0;
    double fy = y - y0;
    double a = at(x0, y0);
    double b = at(x0 + 1, y0);
    double c = at(x0, y0 + 1);
    double d = at(x0 + 1, y0 + 1);
    return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
  }
}
