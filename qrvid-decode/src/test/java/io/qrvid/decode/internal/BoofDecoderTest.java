package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import boofcv.abst.fiducial.QrCodeDetector;
import boofcv.alg.fiducial.qrcode.QrCode;
import boofcv.factory.fiducial.ConfigQrCode;
import boofcv.factory.fiducial.FactoryFiducial;
import boofcv.struct.image.GrayU8;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * BoofCV reads the chain's own pixel array ({@link BoofDecoder#wrap}) instead of a copy: the same detections, and
 * the array unchanged.
 */
class BoofDecoderTest {
  /** The form before issue 9's twelfth pass: a copy of the pixels. */
  private static GrayU8 copy(Gray g) {
    GrayU8 img = new GrayU8(g.width, g.height);
    System.arraycopy(g.px, 0, img.data, 0, g.width * g.height);
    return img;
  }

  private static List<String> detections(QrCodeDetector<GrayU8> d, GrayU8 img) {
    d.process(img);
    List<String> out = new ArrayList<>();
    for (QrCode qr : d.getDetections()) {
      out.add(qr.message + " " + qr.version + " " + qr.error + " " + qr.bounds + " " + Arrays.toString(qr.corrected));
    }
    for (QrCode qr : d.getFailures()) {
      out.add("failed " + qr.failureCause + " " + qr.bounds);
    }
    return out;
  }

  @Test
  void wrappedPixelsGiveTheDetectionsOfACopyAndStayUnchanged() throws Exception {
    Random rnd = new Random(1126);
    QrCodeDetector<GrayU8> a = FactoryFiducial.qrcode(new ConfigQrCode(), GrayU8.class);
    QrCodeDetector<GrayU8> b = FactoryFiducial.qrcode(new ConfigQrCode(), GrayU8.class);
    int read = 0;
    for (int i = 0; i < 80; i++) {
      Gray g = RandomScenes.scene(rnd);
      byte[] before = g.px.clone();
      GrayU8 wrapped = BoofDecoder.wrap(g);
      assertThat(wrapped.data).isSameAs(g.px);
      List<String> expected = detections(a, copy(g));
      assertThat(detections(b, wrapped)).as("scene %d", i).isEqualTo(expected);
      assertThat(g.px).as("scene %d: pixels unchanged", i).isEqualTo(before);
      read += a.getDetections().size();
      // and through the decoder
      assertThat(new BoofDecoder().decode(g, true).size()).isEqualTo(a.getDetections().size());
      assertThat(g.px).isEqualTo(before);
    }
    assertThat(read).isGreaterThan(30);
  }

  @Test
  void imageWithSpareBytesIsCopied() {
    byte[] px = new byte[5 * 4 + 3];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) i;
    }
    GrayU8 img = BoofDecoder.wrap(new Gray(px, 5, 4));
    assertThat(img.data).isNotSameAs(px);
    assertThat(img.get(4, 3)).isEqualTo(19);
    assertThat(img.getStride()).isEqualTo(5);
  }
}
