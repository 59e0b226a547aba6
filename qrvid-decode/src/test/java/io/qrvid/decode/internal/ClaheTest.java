package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ClaheTest {
  @Test
  void applyEqualsTheStraightforwardFormOnRandomImages() {
    // the interpolation's column terms are computed once per column instead of once per pixel (issue 9, fifteenth
    // pass): the same expressions, so the same bytes on every image, tile grid and clip limit
    Random random = new Random(15);
    int clamped = 0;
    for (int i = 0; i < 400; i++) {
      int w = 1 + random.nextInt(i < 100 ? 12 : 320);
      int h = 1 + random.nextInt(i < 100 ? 12 : 320);
      byte[] px = new byte[w * h];
      int kind = random.nextInt(3);
      int cell = 1 + random.nextInt(9);
      int base = random.nextInt(256);
      int spread = 1 + random.nextInt(256);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int v = switch (kind) {
            case 0 -> random.nextInt(256);
            case 1 -> ((x / cell + y / cell) % 2 == 0 ? base : base + spread) + random.nextInt(8);
            default -> base + (x + y) * spread / (w + h) + random.nextInt(4);
          };
          px[y * w + x] = (byte) Math.max(0, Math.min(255, v));
        }
      }
      Gray g = new Gray(px, w, h);
      // more tiles than pixels (clamped) on the small images
      int tilesX = 1 + random.nextInt(i < 100 ? 20 : 12);
      int tilesY = 1 + random.nextInt(i < 100 ? 20 : 12);
      if (tilesX > w || tilesY > h) {
        clamped++;
      }
      double clip = 1 + random.nextDouble() * 4;
      assertThat(Clahe.apply(g, tilesX, tilesY, clip).px).as("image %d: %dx%d, tiles %dx%d, clip %.3f", i, w, h,
          tilesX, tilesY, clip).isEqualTo(straightforward(g, tilesX, tilesY, clip).px);
    }
    assertThat(clamped).isGreaterThan(50);
  }

  /** {@link Clahe#apply} as it was before the fifteenth pass: every term of the interpolation per pixel. */
  private static Gray straightforward(Gray g, int tilesX, int tilesY, double clipLimit) {
    int w = g.width;
    int h = g.height;
    tilesX = Math.max(1, Math.min(tilesX, w));
    tilesY = Math.max(1, Math.min(tilesY, h));
    // the tile mappings are not what changed: the same code serves both forms
    int[][] maps = Clahe.tileMaps(g, tilesX, tilesY, clipLimit);
    byte[] out = new byte[w * h];
    for (int y = 0; y < h; y++) {
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
        int v = g.px[y * w + x] & 0xff;
        double top = (1 - fx) * maps[ta * tilesX + la][v] + fx * maps[ta * tilesX + lb][v];
        double bottom = (1 - fx) * maps[tb * tilesX + la][v] + fx * maps[tb * tilesX + lb][v];
        out[y * w + x] = (byte) (int) Math.round((1 - fy) * top + fy * bottom);
      }
    }
    return g.withPixels(out);
  }
}
