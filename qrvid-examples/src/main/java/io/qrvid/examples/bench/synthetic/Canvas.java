package io.qrvid.examples.bench.synthetic;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.SplittableRandom;

/**
 * A linear RGB image in floats (0 = black, 1 = white; values above 1 are highlights that clip on exposure) with the
 * operations the generator composes: painting a {@link Surface} through a mesh with supersampling, lighting,
 * specular highlights, blur, and exposure with sensor noise into 8-bit sRGB-like pixels. Not thread-safe.
 */
final class Canvas {
  /** The colour of a plane point: reflectance RGB and coverage (0 = the plane is transparent there). */
  interface Paint {
    void color(double u, double v, float[] rgba);
  }

  /** A scalar field over the image (lighting factor, highlight intensity). */
  interface Field {
    double at(double x, double y);
  }

  final int width;
  final int height;
  final float[] r;
  final float[] g;
  final float[] b;
  private float[] acc;

  Canvas(int width, int height) {
    this.width = width;
    this.height = height;
    r = new float[width * height];
    g = new float[width * height];
    b = new float[width * height];
  }

  void set(int i, float red, float green, float blue) {
    r[i] = red;
    g[i] = green;
    b[i] = blue;
  }

  /**
   * Paints the plane rectangle [u0, u1) x [v0, v1) seen through {@code surface}: the rectangle is cut into cells
   * of {@code cell} plane units, each cell's corners are projected and the cell is drawn as the homography of its
   * projected quad, sampling {@code samples x samples} points per pixel (1 leaves aliasing, as a camera sensor
   * without a low-pass filter does).
   */
  void paint(Surface surface, Paint paint, double u0, double v0, double u1, double v1, double cell, int samples) {
    if (acc == null) {
      acc = new float[4 * width * height];
    }
    int nu = Math.max(1, (int) Math.ceil((u1 - u0) / cell));
    int nv = Math.max(1, (int) Math.ceil((v1 - v0) / cell));
    double cu = (u1 - u0) / nu;
    double cv = (v1 - v0) / nv;
    double[][] px = new double[(nu + 1) * (nv + 1)][];
    double[] tmp = new double[2];
    for (int j = 0; j <= nv; j++) {
      for (int i = 0; i <= nu; i++) {
        if (surface.map(u0 + i * cu, v0 + j * cv, tmp)) {
          px[j * (nu + 1) + i] = new double[] {tmp[0], tmp[1]};
        }
      }
    }
    int minX = width;
    int minY = height;
    int maxX = -1;
    int maxY = -1;
    float[] rgba = new float[4];
    double[] h = new double[9];
    double inv = 1.0 / samples;
    for (int j = 0; j < nv; j++) {
      for (int i = 0; i < nu; i++) {
        double[] p0 = px[j * (nu + 1) + i];
        double[] p1 = px[j * (nu + 1) + i + 1];
        double[] p2 = px[(j + 1) * (nu + 1) + i + 1];
        double[] p3 = px[(j + 1) * (nu + 1) + i];
        if (p0 == null || p1 == null || p2 == null || p3 == null) {
          continue;
        }
        if (!quadToSquare(p0, p1, p2, p3, h)) {
          continue;
        }
        int bx0 = Math.max(0, (int) Math.floor(Math.min(Math.min(p0[0], p1[0]), Math.min(p2[0], p3[0]))));
        int by0 = Math.max(0, (int) Math.floor(Math.min(Math.min(p0[1], p1[1]), Math.min(p2[1], p3[1]))));
        int bx1 = Math.min(width - 1, (int) Math.floor(Math.max(Math.max(p0[0], p1[0]), Math.max(p2[0], p3[0]))));
        int by1 = Math.min(height - 1, (int) Math.floor(Math.max(Math.max(p0[1], p1[1]), Math.max(p2[1], p3[1]))));
        if (bx0 > bx1 || by0 > by1) {
          continue;
        }
        minX = Math.min(minX, bx0);
        minY = Math.min(minY, by0);
        maxX = Math.max(maxX, bx1);
        maxY = Math.max(maxY, by1);
        double cellU = u0 + i * cu;
        double cellV = v0 + j * cv;
        for (int y = by0; y <= by1; y++) {
          for (int x = bx0; x <= bx1; x++) {
            int o = 4 * (y * width + x);
            for (int sy = 0; sy < samples; sy++) {
              double yy = y + (sy + 0.5) * inv;
              for (int sx = 0; sx < samples; sx++) {
                double xx = x + (sx + 0.5) * inv;
                double w = h[6] * xx + h[7] * yy + h[8];
                double s = (h[0] * xx + h[1] * yy + h[2]) / w;
                if (s < 0 || s >= 1) {
                  continue;
                }
                double t = (h[3] * xx + h[4] * yy + h[5]) / w;
                if (t < 0 || t >= 1) {
                  continue;
                }
                paint.color(cellU + s * cu, cellV + t * cv, rgba);
                float a = rgba[3];
                acc[o] += rgba[0] * a;
                acc[o + 1] += rgba[1] * a;
                acc[o + 2] += rgba[2] * a;
                acc[o + 3] += a;
              }
            }
          }
        }
      }
    }
    float n = samples * samples;
    for (int y = minY; y <= maxY; y++) {
      for (int x = minX; x <= maxX; x++) {
        int i = y * width + x;
        int o = 4 * i;
        float a = Math.min(1f, acc[o + 3] / n);
        if (a > 0) {
          float k = 1f / n;
          r[i] = r[i] * (1 - a) + acc[o] * k;
          g[i] = g[i] * (1 - a) + acc[o + 1] * k;
          b[i] = b[i] * (1 - a) + acc[o + 2] * k;
        }
        acc[o] = 0;
        acc[o + 1] = 0;
        acc[o + 2] = 0;
        acc[o + 3] = 0;
      }
    }
  }

  /**
   * The homography taking image points to the unit square (p0 -> (0,0), p1 -> (1,0), p2 -> (1,1), p3 -> (0,1)),
   * as the inverse of Heckbert's square-to-quad mapping (1989); false when the quad is degenerate.
   */
  static boolean quadToSquare(double[] p0, double[] p1, double[] p2, double[] p3, double[] out) {
    double x0 = p0[0];
    double y0 = p0[1];
    double x1 = p1[0];
    double y1 = p1[1];
    double x2 = p2[0];
    double y2 = p2[1];
    double x3 = p3[0];
    double y3 = p3[1];
    double dx3 = x0 - x1 + x2 - x3;
    double dy3 = y0 - y1 + y2 - y3;
    double a;
    double b;
    double c;
    double d;
    double e;
    double f;
    double g;
    double h;
    if (Math.abs(dx3) < 1e-12 && Math.abs(dy3) < 1e-12) {
      a = x1 - x0;
      b = x3 - x0;
      c = x0;
      d = y1 - y0;
      e = y3 - y0;
      f = y0;
      g = 0;
      h = 0;
    } else {
      double dx1 = x1 - x2;
      double dx2 = x3 - x2;
      double dy1 = y1 - y2;
      double dy2 = y3 - y2;
      double den = dx1 * dy2 - dx2 * dy1;
      if (Math.abs(den) < 1e-12) {
        return false;
      }
      g = (dx3 * dy2 - dx2 * dy3) / den;
      h = (dx1 * dy3 - dx3 * dy1) / den;
      a = x1 - x0 + g * x1;
      b = x3 - x0 + h * x3;
      c = x0;
      d = y1 - y0 + g * y1;
      e = y3 - y0 + h * y3;
      f = y0;
    }
    // forward: [x y w] = [[a b c][d e f][g h 1]] [s t 1]; invert by the adjugate
    double det = a * (e - f * h) - b * (d - f * g) + c * (d * h - e * g);
    if (Math.abs(det) < 1e-12) {
      return false;
    }
    out[0] = e - f * h;
    out[1] = c * h - b;
    out[2] = b * f - c * e;
    out[3] = f * g - d;
    out[4] = a - c * g;
    out[5] = c * d - a * f;
    out[6] = d * h - e * g;
    out[7] = b * g - a * h;
    out[8] = a * e - b * d;
    return true;
  }

  /** Multiplies every pixel by {@code field} (illumination, shadows, vignetting). */
  void multiply(Field field) {
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        float k = (float) field.at(x + 0.5, y + 0.5);
        int i = y * width + x;
        r[i] *= k;
        g[i] *= k;
        b[i] *= k;
      }
    }
  }

  /** Adds {@code field} times the colour (specular highlights) inside the given box only (clamped). */
  void add(Field field, float red, float green, float blue, int x0, int y0, int x1, int y1) {
    for (int y = Math.max(0, y0); y < Math.min(height, y1); y++) {
      for (int x = Math.max(0, x0); x < Math.min(width, x1); x++) {
        float k = (float) field.at(x + 0.5, y + 0.5);
        if (k > 0) {
          int i = y * width + x;
          r[i] += k * red;
          g[i] += k * green;
          b[i] += k * blue;
        }
      }
    }
  }

  /**
   * Gaussian blur with standard deviation {@code sigma} pixels (edges clamp): a separable kernel below 2 pixels,
   * above it three box blurs of widths chosen to match the variance (Kovesi, "Fast almost-Gaussian filtering",
   * 2010), which cost the same for any sigma.
   */
  void blur(double sigma) {
    if (sigma < 0.2) {
      return;
    }
    for (float[] plane : new float[][] {r, g, b}) {
      if (sigma < 2) {
        int radius = (int) Math.ceil(3 * sigma);
        float[] k = new float[2 * radius + 1];
        float sum = 0;
        for (int i = -radius; i <= radius; i++) {
          k[i + radius] = (float) Math.exp(-i * i / (2 * sigma * sigma));
          sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
          k[i] /= sum;
        }
        horizontal(plane, k);
        vertical(plane, k);
      } else {
        for (int box : boxes(sigma)) {
          horizontalBox(plane, box / 2);
          verticalBox(plane, box / 2);
        }
      }
    }
  }

  /** Three odd box widths whose successive application has variance sigma squared (Kovesi 2010). */
  static int[] boxes(double sigma) {
    double ideal = Math.sqrt(12 * sigma * sigma / 3 + 1);
    int wl = (int) Math.floor(ideal);
    if (wl % 2 == 0) {
      wl--;
    }
    int wu = wl + 2;
    double mIdeal = (12 * sigma * sigma - 3 * wl * wl - 12 * wl - 9) / (-4.0 * wl - 4);
    long m = Math.round(mIdeal);
    int[] out = new int[3];
    for (int i = 0; i < 3; i++) {
      out[i] = i < m ? wl : wu;
    }
    return out;
  }

  private void horizontal(float[] p, float[] k) {
    int radius = k.length / 2;
    float[] line = new float[width + 2 * radius];
    for (int y = 0; y < height; y++) {
      int o = y * width;
      for (int i = 0; i < line.length; i++) {
        line[i] = p[o + Math.min(width - 1, Math.max(0, i - radius))];
      }
      for (int x = 0; x < width; x++) {
        float s = 0;
        for (int j = 0; j < k.length; j++) {
          s += k[j] * line[x + j];
        }
        p[o + x] = s;
      }
    }
  }

  private void vertical(float[] p, float[] k) {
    int radius = k.length / 2;
    float[] src = p.clone();
    java.util.Arrays.fill(p, 0f);
    for (int y = 0; y < height; y++) {
      int o = y * width;
      for (int j = 0; j < k.length; j++) {
        int q = Math.min(height - 1, Math.max(0, y + j - radius)) * width;
        float kj = k[j];
        for (int x = 0; x < width; x++) {
          p[o + x] += kj * src[q + x];
        }
      }
    }
  }

  private void horizontalBox(float[] p, int radius) {
    float norm = 1f / (2 * radius + 1);
    float[] line = new float[width];
    for (int y = 0; y < height; y++) {
      int o = y * width;
      System.arraycopy(p, o, line, 0, width);
      float s = 0;
      for (int j = -radius; j <= radius; j++) {
        s += line[Math.min(width - 1, Math.max(0, j))];
      }
      for (int x = 0; x < width; x++) {
        p[o + x] = s * norm;
        s += line[Math.min(width - 1, x + radius + 1)] - line[Math.max(0, x - radius)];
      }
    }
  }

  private void verticalBox(float[] p, int radius) {
    float norm = 1f / (2 * radius + 1);
    float[] src = p.clone();
    float[] sum = new float[width];
    for (int j = -radius; j <= radius; j++) {
      int q = Math.min(height - 1, Math.max(0, j)) * width;
      for (int x = 0; x < width; x++) {
        sum[x] += src[q + x];
      }
    }
    for (int y = 0; y < height; y++) {
      int o = y * width;
      int add = Math.min(height - 1, y + radius + 1) * width;
      int sub = Math.max(0, y - radius) * width;
      for (int x = 0; x < width; x++) {
        p[o + x] = sum[x] * norm;
        sum[x] += src[add + x] - src[sub + x];
      }
    }
  }

  /** Blur along a line of {@code length} pixels at {@code angle} degrees (camera shake). */
  void motionBlur(double length, double angle) {
    int steps = Math.max(2, (int) Math.ceil(length));
    double dx = Math.cos(Math.toRadians(angle)) * length / (steps - 1);
    double dy = Math.sin(Math.toRadians(angle)) * length / (steps - 1);
    for (float[] plane : new float[][] {r, g, b}) {
      float[] src = plane.clone();
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          float s = 0;
          for (int k = 0; k < steps; k++) {
            double t = k - (steps - 1) / 2.0;
            s += bilinear(src, x + t * dx, y + t * dy);
          }
          plane[y * width + x] = s / steps;
        }
      }
    }
  }

  private float bilinear(float[] p, double x, double y) {
    x = Math.max(0, Math.min(width - 1.001, x));
    y = Math.max(0, Math.min(height - 1.001, y));
    int x0 = (int) x;
    int y0 = (int) y;
    float fx = (float) (x - x0);
    float fy = (float) (y - y0);
    int i = y0 * width + x0;
    float top = p[i] + (p[i + 1] - p[i]) * fx;
    float bottom = p[i + width] + (p[i + width + 1] - p[i + width]) * fx;
    return top + (bottom - top) * fy;
  }

  /**
   * Exposes the image: multiplies by {@code gain}, applies the display gamma (1/2.2), adds Gaussian sensor noise
   * of standard deviation {@code noise} grey levels (shared by the three channels, plus 40 % of it per channel),
   * clips and quantises to 8 bits.
   */
  BufferedImage expose(double gain, double noise, SplittableRandom rnd) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    byte[] out = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    int[] lut = new int[4097];
    for (int i = 0; i <= 4096; i++) {
      lut[i] = (int) Math.round(255 * Math.pow(i / 4096.0, 1 / 2.2));
    }
    float[] gauss = new float[1 << 16];
    for (int i = 0; i < gauss.length; i++) {
      gauss[i] = (float) rnd.nextGaussian();
    }
    long state = rnd.nextLong();
    float[] c = new float[3];
    for (int i = 0; i < width * height; i++) {
      c[0] = b[i];
      c[1] = g[i];
      c[2] = r[i];
      state = state * 6364136223846793005L + 1442695040888963407L;
      float n = (float) noise * gauss[(int) (state >>> 48)];
      for (int ch = 0; ch < 3; ch++) {
        float v = Math.max(0, Math.min(1, (float) (c[ch] * gain)));
        int q = lut[(int) (v * 4096)];
        float own = 0.4f * (float) noise * gauss[(int) (state >>> (8 + 8 * ch)) & 0xffff];
        out[3 * i + ch] = (byte) Math.max(0, Math.min(255, Math.round(q + n + own)));
      }
    }
    return img;
  }
}
