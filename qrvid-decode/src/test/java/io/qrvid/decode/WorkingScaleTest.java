package io.qrvid.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The working scale of a large photo: read at the pyramid level where its finder patterns' modules are a few pixels
 * wide when every finder pattern is large, at full resolution when any is small.
 */
class WorkingScaleTest {
  private static final QrDecodeChain CHAIN = QrDecodeChain.builder().timeBudget(Duration.ofSeconds(30)).build();

  @Test
  void largeModulesInALargePhotoAreReadAtAReducedScaleWithCornersInThePhotosPixels() {
    // a version-3 symbol at 20 pixels per module in a 4000 x 3000 photo: level 2 (1000 x 750) keeps 5-pixel modules
    int w = 4000;
    int h = 3000;
    float[] c = Synthetic.canvas(w, h, 200);
    String text = "large modules";
    double[] centre = {2100.4, 1300.7};
    double px = 20;
    double angle = 0.3;
    boolean[][] m = draw(c, w, h, text, 3, centre, px, angle);
    BufferedImage img = Synthetic.image(Synthetic.blur(c, w, h, 3), w, h, 3, 3);

    List<String> trace = new ArrayList<>();
    List<QrScanResult> read = CHAIN.scanTraced(img, true, trace);

    assertThat(trace).anyMatch(s -> s.startsWith("working scale 1/4 1000x750"));
    assertThat(read).hasSize(1);
    QrScanResult r = read.get(0);
    assertThat(r.text()).contains(text);
    assertThat(r.decoder()).contains(QrDecoderType.QRVID);
    assertThat(r.preprocessing()).contains(Preprocessing.RESIZE);
    // the corners in the photo's pixels: each within a module of a drawn corner
    int n = m.length;
    double[][] drawn = {corner(centre, n, px, angle, 0, 0), corner(centre, n, px, angle, n, 0),
        corner(centre, n, px, angle, n, n), corner(centre, n, px, angle, 0, n)};
    assertThat(r.corners()).hasSize(4);
    for (QrPoint p : r.corners()) {
      double nearest = Double.POSITIVE_INFINITY;
      for (double[] d : drawn) {
        nearest = Math.min(nearest, Math.hypot(p.x() - d[0], p.y() - d[1]));
      }
      assertThat(nearest).as("corner %s", p).isLessThan(px);
    }
  }

  @Test
  void aSmallSymbolBesideALargeOneKeepsFullResolution() {
    // the large symbol alone would be read at level 2; the small one's 4-pixel modules would be 1 pixel there
    int w = 4000;
    int h = 3000;
    float[] c = Synthetic.canvas(w, h, 200);
    draw(c, w, h, "large beside small", 3, new double[] {1200.5, 1300.2}, 20, 0.3);
    draw(c, w, h, "small beside large", 2, new double[] {3100.3, 2200.8}, 4, 0.5);
    BufferedImage img = Synthetic.image(Synthetic.blur(c, w, h, 1), w, h, 3, 4);

    List<String> trace = new ArrayList<>();
    List<QrScanResult> read = CHAIN.scanTraced(img, true, trace);

    assertThat(trace).noneMatch(s -> s.startsWith("working scale"));
    assertThat(read).extracting(r -> r.text().orElseThrow())
        .containsExactlyInAnyOrder("large beside small", "small beside large");
  }

  /** Draws {@code text} as a symbol of {@code version} centred at {@code centre}, turned by {@code angle}. */
  private static boolean[][] draw(float[] c, int w, int h, String text, int version, double[] centre, double px,
      double angle) {
    boolean[][] m = Synthetic.modules(text, version, ErrorCorrectionLevel.M);
    int n = m.length;
    double cos = Math.cos(angle);
    double sin = Math.sin(angle);
    int reach = (int) ((n + 8) * px);
    Synthetic.draw(c, w, h, m, (ix, iy, uv) -> {
      double dx = ix - centre[0];
      double dy = iy - centre[1];
      uv[0] = n / 2.0 + (dx * cos + dy * sin) / px;
      uv[1] = n / 2.0 + (-dx * sin + dy * cos) / px;
    }, 40, 215, (int) centre[0] - reach, (int) centre[1] - reach, (int) centre[0] + reach, (int) centre[1] + reach);
    return m;
  }

  /** The image point of module coordinates (u, v) of the symbol {@link #draw} placed. */
  private static double[] corner(double[] centre, int n, double px, double angle, double u, double v) {
    double a = (u - n / 2.0) * px;
    double b = (v - n / 2.0) * px;
    return new double[] {centre[0] + a * Math.cos(angle) - b * Math.sin(angle),
        centre[1] + a * Math.sin(angle) + b * Math.cos(angle)};
  }
}
