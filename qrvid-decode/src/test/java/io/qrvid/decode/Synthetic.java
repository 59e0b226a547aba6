package io.qrvid.decode;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/**
 * Small, deterministic test scenes: real symbols (ZXing's encoder) drawn through a mapping from image pixels to
 * module coordinates, with 4x4 supersampling, then optional blur and noise. The mapping is inverse (pixel to
 * module) so that any distortion with a closed-form inverse can be drawn exactly.
 */
final class Synthetic {
  private Synthetic() {}

  /** Maps an image point to module coordinates of a symbol; NaN when the point is not on the symbol's plane. */
  interface InverseMap {
    void toModule(double x, double y, double[] uv);
  }

  /** The module matrix of {@code text} at the given version and level (true = dark), without quiet zone. */
  static boolean[][] modules(String text, int version, ErrorCorrectionLevel ec) {
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    hints.put(EncodeHintType.CHARACTER_SET, "UTF-8");
    if (version > 0) {
      hints.put(EncodeHintType.QR_VERSION, version);
    }
    try {
      QRCode code = Encoder.encode(text, ec, hints);
      ByteMatrix m = code.getMatrix();
      boolean[][] out = new boolean[m.getHeight()][m.getWidth()];
      for (int y = 0; y < m.getHeight(); y++) {
        for (int x = 0; x < m.getWidth(); x++) {
          out[y][x] = m.get(x, y) == 1;
        }
      }
      return out;
    } catch (WriterException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A grey canvas of one level. */
  static float[] canvas(int w, int h, float level) {
    float[] c = new float[w * h];
    java.util.Arrays.fill(c, level);
    return c;
  }

  /**
   * Draws a symbol (with its 4-module quiet zone, light) onto the canvas through {@code map}; dark modules get
   * {@code dark}, light ones {@code light}. Pixels whose module coordinates fall outside the quiet zone are left.
   */
  static void draw(float[] canvas, int w, int h, boolean[][] modules, InverseMap map, float dark, float light,
      int x0, int y0, int x1, int y1) {
    int n = modules.length;
    double[] uv = new double[2];
    for (int y = Math.max(0, y0); y < Math.min(h, y1); y++) {
      for (int x = Math.max(0, x0); x < Math.min(w, x1); x++) {
        float acc = 0;
        int inside = 0;
        for (int sy = 0; sy < 4; sy++) {
          for (int sx = 0; sx < 4; sx++) {
            map.toModule(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4, uv);
            double u = uv[0];
            double v = uv[1];
            if (Double.isNaN(u) || u < -4 || v < -4 || u >= n + 4 || v >= n + 4) {
              continue;
            }
            inside++;
            int i = (int) Math.floor(u);
            int j = (int) Math.floor(v);
            boolean d = i >= 0 && j >= 0 && i < n && j < n && modules[j][i];
            acc += d ? dark : light;
          }
        }
        if (inside > 0) {
          int idx = y * w + x;
          canvas[idx] = (canvas[idx] * (16 - inside) + acc) / 16;
        }
      }
    }
  }

  /** Box blur of radius r, applied twice (close to a Gaussian). */
  static float[] blur(float[] c, int w, int h, int r) {
    float[] a = c;
    for (int pass = 0; pass < 2; pass++) {
      float[] t = new float[w * h];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          float s = 0;
          int k = 0;
          for (int d = -r; d <= r; d++) {
            int xx = Math.min(w - 1, Math.max(0, x + d));
            s += a[y * w + xx];
            k++;
          }
          t[y * w + x] = s / k;
        }
      }
      float[] o = new float[w * h];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          float s = 0;
          int k = 0;
          for (int d = -r; d <= r; d++) {
            int yy = Math.min(h - 1, Math.max(0, y + d));
            s += t[yy * w + x];
            k++;
          }
          o[y * w + x] = s / k;
        }
      }
      a = o;
    }
    return a;
  }

  /** The canvas as an 8-bit grey image with Gaussian noise of the given standard deviation. */
  static BufferedImage image(float[] c, int w, int h, double noise, long seed) {
    Random random = new Random(seed);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    byte[] px = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < w * h; i++) {
      double v = c[i] + (noise > 0 ? random.nextGaussian() * noise : 0);
      px[i] = (byte) Math.max(0, Math.min(255, Math.round(v)));
    }
    return img;
  }

  /** An axis-aligned placement: module (0, 0)'s corner at (x, y), {@code px} pixels per module. */
  static InverseMap axis(double x, double y, double px) {
    return (ix, iy, uv) -> {
      uv[0] = (ix - x) / px;
      uv[1] = (iy - y) / px;
    };
  }

  /**
   * A symbol wrapped around a vertical cylinder seen from the front: the module column {@code u} lands at
   * {@code cx + radius * sin((u - n/2) * px / radius)}, and rows bulge towards the viewer in the middle
   * ({@code bulge} is the relative vertical magnification at the centre line, falling off with the cosine). No
   * single homography describes it.
   */
  static InverseMap cylinder(int n, double cx, double cy, double px, double radius, double bulge) {
    return (ix, iy, uv) -> {
      double s = (ix - cx) / radius;
      if (s <= -1 || s >= 1) {
        uv[0] = Double.NaN;
        uv[1] = Double.NaN;
        return;
      }
      double angle = Math.asin(s);
      uv[0] = n / 2.0 + angle * radius / px;
      double scale = px * (1 + bulge * Math.cos(angle));
      uv[1] = n / 2.0 + (iy - cy) / scale;
    };
  }
}
