package io.qrvid.decode.internal;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/**
 * Random grey scenes for the exactness tests of the decoders' inputs: zero to three QR symbols (ZXing's encoder,
 * versions 1 to about 6), each turned by a random angle and scaled to 2-7 pixels per module, on a background with a
 * brightness gradient, plus noise; some scenes inverted, some pure noise. Deterministic for a seed.
 */
final class RandomScenes {
  private RandomScenes() {}

  static Gray scene(Random rnd) throws Exception {
    int w = 120 + rnd.nextInt(360);
    int h = 100 + rnd.nextInt(300);
    float[] c = new float[w * h];
    double gx = rnd.nextDouble() * 80 - 40;
    double gy = rnd.nextDouble() * 80 - 40;
    double base = 150 + rnd.nextDouble() * 80;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        c[y * w + x] = (float) (base + gx * x / w + gy * y / h);
      }
    }
    int symbols = rnd.nextInt(8) == 0 ? 0 : 1 + rnd.nextInt(3);
    for (int s = 0; s < symbols; s++) {
      Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
      hints.put(EncodeHintType.MARGIN, 0);
      StringBuilder text = new StringBuilder("qrvid-" + s + "-");
      int len = 5 + rnd.nextInt(60);
      for (int i = 0; i < len; i++) {
        text.append((char) ('a' + rnd.nextInt(26)));
      }
      BitMatrix m = new QRCodeWriter().encode(text.toString(), BarcodeFormat.QR_CODE, 0, 0, hints);
      int n = m.getWidth();
      double module = 2 + rnd.nextDouble() * 5;
      double angle = rnd.nextInt(3) == 0 ? 0 : rnd.nextDouble() * 2 * Math.PI;
      double size = n * module;
      double cx = size / 2 + rnd.nextDouble() * Math.max(1, w - size);
      double cy = size / 2 + rnd.nextDouble() * Math.max(1, h - size);
      double cos = Math.cos(angle);
      double sin = Math.sin(angle);
      float dark = (float) (20 + rnd.nextDouble() * 60);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          // pixel to module coordinates (inverse rotation), quiet zone of 2 modules drawn light
          double dx = x + 0.5 - cx;
          double dy = y + 0.5 - cy;
          double u = (cos * dx + sin * dy) / module + n / 2.0;
          double v = (-sin * dx + cos * dy) / module + n / 2.0;
          if (u < -2 || v < -2 || u >= n + 2 || v >= n + 2) {
            continue;
          }
          boolean on = u >= 0 && v >= 0 && u < n && v < n && m.get((int) u, (int) v);
          c[y * w + x] = on ? dark : (float) base + 20;
        }
      }
    }
    double noise = rnd.nextDouble() * 25;
    boolean invert = rnd.nextInt(5) == 0;
    boolean pureNoise = rnd.nextInt(12) == 0;
    byte[] px = new byte[w * h];
    for (int i = 0; i < px.length; i++) {
      double v = pureNoise ? rnd.nextInt(256) : c[i] + rnd.nextGaussian() * noise;
      int b = (int) Math.max(0, Math.min(255, Math.round(v)));
      px[i] = (byte) (invert ? 255 - b : b);
    }
    return new Gray(px, w, h);
  }
}
