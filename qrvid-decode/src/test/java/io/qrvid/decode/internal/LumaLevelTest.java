package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LumaLevelTest {
  /**
   * {@link LumaLevel#box3} (running column sums, constant divisor in the interior, direct sums on the border) gives
   * the same bytes as the integral-image form on random images of every size class, extremes 0 and 255 included.
   */
  @Test
  void box3EqualsTheIntegralImageForm() {
    Random rnd = new Random(11);
    int checked = 0;
    for (int w : new int[] {1, 2, 3, 4, 7, 16, 33, 101}) {
      for (int h : new int[] {1, 2, 3, 4, 9, 40}) {
        byte[] px = new byte[w * h];
        for (int i = 0; i < px.length; i++) {
          int kind = rnd.nextInt(4);
          px[i] = (byte) (kind == 0 ? 0 : kind == 1 ? 255 : rnd.nextInt(256));
        }
        LumaLevel lv = new LumaLevel(px, w, h, 2);
        LumaLevel fast = lv.box3();
        LumaLevel ref = box3Reference(new LumaLevel(px, w, h, 2));
        assertThat(fast.width).isEqualTo(w);
        assertThat(fast.height).isEqualTo(h);
        assertThat(fast.scale).isEqualTo(2);
        assertThat(fast.px).as("w %d h %d", w, h).isEqualTo(ref.px);
        checked += w * h;
      }
    }
    assertThat(checked).isGreaterThan(5_000);
  }

  /** A pixel's box mean by hand: the 3x3 window's rounded mean inside, the clipped window's at a corner. */
  @Test
  void box3IsTheRoundedMeanOfTheClippedWindow() {
    byte[] px = new byte[16];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) (i * 10);
    }
    LumaLevel box = new LumaLevel(px, 4, 4, 1).box3();
    // (1, 1): pixels 0,1,2,4,5,6,8,9,10 times 10 = 450, mean 50
    assertThat(box.get(1, 1)).isEqualTo(50);
    // (0, 0): pixels 0,1,4,5 times 10 = 100, mean 25
    assertThat(box.get(0, 0)).isEqualTo(25);
    // (3, 3): pixels 10,11,14,15 times 10 = 500, mean 125
    assertThat(box.get(3, 3)).isEqualTo(125);
  }

  /**
   * {@link LumaLevel#box3} pixel by pixel from the integral image (its form before issue 9's eleventh pass): the
   * reference this test compares it with.
   */
  static LumaLevel box3Reference(LumaLevel l) {
    int w1 = l.width + 1;
    int[] s = l.integral();
    byte[] out = new byte[l.width * l.height];
    for (int y = 0; y < l.height; y++) {
      int y0 = Math.max(0, y - 1);
      int y1 = Math.min(l.height, y + 2);
      for (int x = 0; x < l.width; x++) {
        int x0 = Math.max(0, x - 1);
        int x1 = Math.min(l.width, x + 2);
        int area = (x1 - x0) * (y1 - y0);
        int sum = s[y1 * w1 + x1] - s[y0 * w1 + x1] - s[y1 * w1 + x0] + s[y0 * w1 + x0];
        out[y * l.width + x] = (byte) ((sum + area / 2) / area);
      }
    }
    return new LumaLevel(out, l.width, l.height, l.scale);
  }
}
