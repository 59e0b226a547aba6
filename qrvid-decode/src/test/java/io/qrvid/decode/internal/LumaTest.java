package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.junit.jupiter.api.Test;

class LumaTest {
  private static BufferedImage grey(int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    byte[] d = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < d.length; i++) {
      d[i] = (byte) (i * 7);
    }
    return img;
  }

  /** A packed 8-bit grey image is read in place: the same array, so the same values, and no copy. */
  @Test
  void packedGreyIsReadInPlace() {
    BufferedImage img = grey(13, 5);
    Gray g = Luma.of(img);
    assertThat(g.px).isSameAs(((DataBufferByte) img.getRaster().getDataBuffer()).getData());
    assertThat(g.width).isEqualTo(13);
    assertThat(g.height).isEqualTo(5);
    assertThat(g.get(3, 2)).isEqualTo(img.getRaster().getSample(3, 2, 0));
  }

  /** A grey sub-image (a raster with a parent and an offset) is copied pixel by pixel, never shared. */
  @Test
  void greySubImageIsCopied() {
    BufferedImage img = grey(13, 5);
    BufferedImage sub = img.getSubimage(2, 1, 6, 3);
    Gray g = Luma.of(sub);
    assertThat(g.px).isNotSameAs(((DataBufferByte) img.getRaster().getDataBuffer()).getData());
    assertThat(g.px).hasSize(18);
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 6; x++) {
        assertThat(g.get(x, y)).isEqualTo(img.getRaster().getSample(x + 2, y + 1, 0));
      }
    }
  }
}
