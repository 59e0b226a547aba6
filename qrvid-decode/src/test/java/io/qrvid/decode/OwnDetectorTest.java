package io.qrvid.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What qrvid's own detector and sampler add: symbols that one homography cannot sample, many small symbols in one
 * large image, and symbol-shaped noise that must stay unread.
 */
class OwnDetectorTest {
  private static final QrDecodeChain QRVID_ALONE =
      QrDecodeChain.builder().level1(QrDecoderType.QRVID).level2().build();
  private static final QrDecodeChain ZXING_ALONE =
      QrDecodeChain.builder().level1(QrDecoderType.ZXING_HYBRID).level2().build();

  @Test
  void highVersionSymbolOnACylinderIsReadThroughItsAlignmentPatterns() {
    int version = 20;
    int n = 17 + 4 * version;
    String text = randomText(new Random(7), 500);
    boolean[][] m = Synthetic.modules(text, version, ErrorCorrectionLevel.M);
    int w = 900;
    int h = 900;
    float[] c = Synthetic.canvas(w, h, 200);
    // 4.5 px per module at the centre line; the edges are foreshortened to cos(0.75) = 0.73 of that and the rows
    // bow by about two modules, which no single projective map follows
    double px = 4.5;
    double radius = n / 2.0 * px / 0.75;
    Synthetic.draw(c, w, h, m, Synthetic.cylinder(n, w / 2.0, h / 2.0, px, radius, 0.35), 30, 220, 0, 0, w, h);
    BufferedImage img = Synthetic.image(Synthetic.blur(c, w, h, 1), w, h, 3, 1);

    QrScanResult r = QRVID_ALONE.scan(img);
    assertThat(r.text()).contains(text);
    assertThat(r.version()).hasValue(version);
    assertThat(r.decoder()).contains(QrDecoderType.QRVID);
    // ZXing samples with one perspective transform from three finder patterns and one alignment pattern
    assertThat(ZXING_ALONE.scan(img).found()).isFalse();
  }

  @Test
  void manySmallSymbolsInALargeImageAreReadWhole() {
    // 84 version-2 symbols at 2.2 pixels per module in a 1720 x 1020 image: at the old fixed working size of 1280
    // pixels their modules would be 1.6 pixels wide, below what any of the decoders reads
    int cols = 12;
    int rows = 7;
    double px = 2.2;
    int cell = 140;
    int w = cols * cell + 40;
    int h = rows * cell + 40;
    float[] c = Synthetic.canvas(w, h, 215);
    List<String> texts = new ArrayList<>();
    for (int j = 0; j < rows; j++) {
      for (int i = 0; i < cols; i++) {
        String t = "lot " + j + "-" + i;
        texts.add(t);
        boolean[][] m = Synthetic.modules(t, 2, ErrorCorrectionLevel.M);
        double x = 40 + i * cell;
        double y = 40 + j * cell;
        Synthetic.draw(c, w, h, m, Synthetic.axis(x, y, px), 40, 215, (int) x - 12, (int) y - 12,
            (int) (x + 40 * px), (int) (y + 40 * px));
      }
    }
    BufferedImage img = Synthetic.image(c, w, h, 2, 2);
    QrDecodeChain generous = QrDecodeChain.builder().timeBudget(java.time.Duration.ofSeconds(30)).build();
    List<QrScanResult> all = generous.scanAll(img);
    assertThat(all).extracting(r -> r.text().orElseThrow()).containsExactlyInAnyOrderElementsOf(texts);
    List<QrScanResult> own = generous.newBuilder().level1(QrDecoderType.QRVID).level2().build().scanAll(img);
    assertThat(own).extracting(r -> r.text().orElseThrow()).containsExactlyInAnyOrderElementsOf(texts);
    // corners are reported for each symbol where it is: the first symbol's top-left corner at (40, 40)
    QrScanResult first = own.stream().filter(r -> r.text().orElseThrow().equals("lot 0-0")).findFirst().orElseThrow();
    assertThat(first.corners().get(0).x()).isCloseTo(40, org.assertj.core.data.Offset.offset(2.0));
    assertThat(first.corners().get(0).y()).isCloseTo(40, org.assertj.core.data.Offset.offset(2.0));
  }

  @Test
  void symbolShapedNoiseStaysUnread() {
    Random random = new Random(11);
    for (int trial = 0; trial < 20; trial++) {
      int version = 1 + random.nextInt(12);
      int n = 17 + 4 * version;
      boolean[][] m = Synthetic.modules("x", version, ErrorCorrectionLevel.L);
      // keep every function pattern, replace the rest with noise
      boolean[][] noise = new boolean[n][n];
      for (int y = 0; y < n; y++) {
        for (int x = 0; x < n; x++) {
          boolean function = (x < 9 && y < 9) || (x >= n - 8 && y < 9) || (x < 9 && y >= n - 8) || x == 6 || y == 6;
          noise[y][x] = function ? m[y][x] : random.nextBoolean();
        }
      }
      int px = 4;
      int size = (n + 8) * px;
      float[] c = Synthetic.canvas(size, size, 220);
      Synthetic.draw(c, size, size, noise, Synthetic.axis(4 * px, 4 * px, px), 30, 220, 0, 0, size, size);
      BufferedImage img = Synthetic.image(c, size, size, 2, trial);
      assertThat(QRVID_ALONE.scanAll(img)).as("trial %d, version %d", trial, version).isEmpty();
      if (trial % 5 == 0) {
        assertThat(QrDecodeChain.defaults().scanAll(img)).as("chain, trial %d", trial).isEmpty();
      }
    }
  }

  private static String randomText(Random random, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append((char) ('a' + random.nextInt(26)));
    }
    return sb.toString();
  }
}
