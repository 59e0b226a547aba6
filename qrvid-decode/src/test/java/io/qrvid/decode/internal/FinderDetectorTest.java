package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FinderDetectorTest {
  /** The row classification (window sums per row, unclamped interior) equals the per-pixel window test. */
  @Test
  void rowBitsAgreeWithThePerPixelWindowTest() {
    Random rnd = new Random(7);
    int checked = 0;
    for (int w : new int[] {1, 2, 7, 16, 17, 18, 40, 49, 50, 51, 97}) {
      for (int h : new int[] {1, 5, 60}) {
        byte[] px = new byte[w * h];
        for (int i = 0; i < px.length; i++) {
          // blobs of dark and light with noise, so both answers occur
          px[i] = (byte) (((i % w) / 3 + (i / w) / 4) % 2 == 0 ? 40 + rnd.nextInt(40) : 170 + rnd.nextInt(60));
        }
        LumaLevel lv = new LumaLevel(px, w, h, 1);
        for (int r : new int[] {FinderDetector.SMALL_RADIUS, FinderDetector.RADIUS}) {
          FinderDetector d = new FinderDetector(lv, r);
          boolean[] row = new boolean[w];
          int[] cols = new int[w + 1];
          for (int y = 0; y < h; y++) {
            d.rowBits(y, row, cols);
            for (int x = 0; x < w; x++) {
              assertThat(row[x]).as("w %d h %d r %d at %d,%d", w, h, r, x, y).isEqualTo(d.dark(x, y));
              checked++;
            }
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(10_000);
  }
}
