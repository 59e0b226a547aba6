package io.qrvid.examples.bench.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.ResultPoint;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.geom.Point2D;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardImageGeneratorTest {
  @TempDir
  Path dir;

  @Test
  void sameSeedCategoryAndIndexGiveTheSameImageWhateverWasGeneratedBefore() {
    HardImageGenerator a = new HardImageGenerator(7);
    HardImageGenerator b = new HardImageGenerator(7);
    b.generate(Category.LOTS, 3); // generating other images first changes nothing
    SyntheticImage x = a.generate(Category.GLARE, 2);
    SyntheticImage y = b.generate(Category.GLARE, 2);
    assertThat(y.encoded()).isEqualTo(x.encoded());
    assertThat(y.labels()).hasSameSizeAs(x.labels());
    assertThat(y.labels().get(0).text()).isEqualTo(x.labels().get(0).text());
    assertThat(y.labels().get(0).outline()).isEqualTo(x.labels().get(0).outline());
    assertThat(new HardImageGenerator(8).generate(Category.GLARE, 2).encoded()).isNotEqualTo(x.encoded());
    assertThat(a.generate(Category.GLARE, 3).encoded()).isNotEqualTo(x.encoded());
  }

  /**
   * On easy images ZXing (try-harder, one symbol) reads most symbols, and every text it reads is the label's, with
   * its three finder-pattern centres inside the label's outline, each nearest the outline corner it belongs to.
   */
  @Test
  void labelsAgreeWithWhatZxingReadsOnNominalImages() throws Exception {
    HardImageGenerator g = new HardImageGenerator(3);
    int read = 0;
    int images = 8;
    for (int i = 0; i < images; i++) {
      SyntheticImage img = g.generate(Category.NOMINAL, i);
      SymbolLabel label = img.labels().get(0);
      assertThat(img.labels()).hasSize(1);
      Result r = zxingTryHarder(img);
      if (r == null) {
        continue;
      }
      read++;
      assertThat(r.getText()).as(img.name()).isEqualTo(label.text());
      ResultPoint[] p = r.getResultPoints(); // bottom-left, top-left, top-right finder centres
      List<Point2D.Double> o = label.outline();
      for (ResultPoint q : new ResultPoint[] {p[0], p[1], p[2]}) {
        assertThat(label.contains(q.getX(), q.getY())).as(img.name() + " finder inside outline").isTrue();
      }
      assertThat(nearest(o, p[1])).as("top-left finder").isEqualTo(0);
      assertThat(nearest(o, p[2])).as("top-right finder").isEqualTo(1);
      assertThat(nearest(o, p[0])).as("bottom-left finder").isEqualTo(3);
    }
    assertThat(read).isGreaterThanOrEqualTo(images * 3 / 4);
  }

  /** ZXing's QR reader with try-harder on the image, or null when it reads nothing. */
  private static @org.jspecify.annotations.Nullable Result zxingTryHarder(SyntheticImage img) {
    Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
    hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
    try {
      return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(
          img.image()))), hints);
    } catch (NotFoundException | com.google.zxing.ChecksumException | com.google.zxing.FormatException e) {
      return null;
    }
  }

  private static int nearest(List<Point2D.Double> outline, ResultPoint p) {
    int best = -1;
    double d = Double.MAX_VALUE;
    for (int i = 0; i < outline.size(); i++) {
      double e = outline.get(i).distance(p.getX(), p.getY());
      if (e < d) {
        d = e;
        best = i;
      }
    }
    return best;
  }

  /**
   * {@link SyntheticImage#withLongSide} makes a phone-size copy whose labels still hold the symbols: ZXing reads the
   * same text from the up-scaled image, with its finder centres inside the scaled outline.
   */
  @Test
  void upScaledImagesKeepTheirLabels() throws Exception {
    HardImageGenerator g = new HardImageGenerator(3);
    int read = 0;
    for (int i = 0; i < 4; i++) {
      SyntheticImage img = g.generate(Category.NOMINAL, i);
      SyntheticImage big = img.withLongSide(2400);
      double s = 2400.0 / Math.max(img.width(), img.height());
      assertThat(Math.max(big.width(), big.height())).isEqualTo(2400);
      assertThat(big.width()).isCloseTo((int) Math.round(img.width() * s), org.assertj.core.data.Offset.offset(1));
      assertThat(big.image().getWidth()).isEqualTo(big.width());
      assertThat(big.image().getHeight()).isEqualTo(big.height());
      assertThat(big.name()).isEqualTo(img.name());
      assertThat(big.format()).isEqualTo(img.format());
      SymbolLabel a = img.labels().get(0);
      SymbolLabel b = big.labels().get(0);
      assertThat(b.text()).isEqualTo(a.text());
      assertThat(b.area() / a.area()).isCloseTo(s * s, org.assertj.core.data.Offset.offset(0.01 * s * s));
      Result r = zxingTryHarder(big);
      if (r == null) {
        continue;
      }
      read++;
      assertThat(r.getText()).isEqualTo(b.text());
      for (ResultPoint q : new ResultPoint[] {r.getResultPoints()[0], r.getResultPoints()[1],
          r.getResultPoints()[2]}) {
        assertThat(b.contains(q.getX(), q.getY())).as(big.name() + " finder inside the scaled outline").isTrue();
      }
    }
    assertThat(read).isGreaterThanOrEqualTo(2);
    SyntheticImage small = g.generate(Category.NOMINAL, 0);
    assertThat(small.withLongSide(Math.max(small.width(), small.height()))).isSameAs(small);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> small.withLongSide(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longSide < 1");
  }

  @Test
  void everyCategoryMakesLabelledImagesInsideTheFrame() {
    HardImageGenerator g = new HardImageGenerator(11);
    for (Category c : Category.values()) {
      SyntheticImage img = g.generate(c, 0);
      assertThat(img.category()).isEqualTo(c);
      assertThat(img.name()).startsWith(c.id() + "_0000");
      if (c == Category.NEGATIVE) {
        assertThat(img.labels()).isEmpty();
        continue;
      }
      assertThat(img.labels()).as(c.id()).isNotEmpty();
      for (SymbolLabel l : img.labels()) {
        assertThat(l.outline().size()).isGreaterThanOrEqualTo(4);
        assertThat(l.area()).as(c.id() + " outline area").isGreaterThan(100);
        for (Point2D.Double p : l.outline()) {
          assertThat(p.x).isBetween(0.0, (double) img.width());
          assertThat(p.y).isBetween(0.0, (double) img.height());
        }
      }
      if (c == Category.HIGH_VERSION) {
        assertThat(img.labels().get(0).version()).isBetween(15, 40);
      }
      if (c == Category.LOTS) {
        assertThat(img.labels()).hasSizeGreaterThanOrEqualTo(6);
      }
    }
  }

  @Test
  void labelFilesRoundTrip() throws Exception {
    SyntheticImage img = new HardImageGenerator(5).generate(Category.LOTS, 1);
    Path file = LabelFiles.write(img, dir);
    assertThat(file).exists().hasParent(dir.resolve("lots"));
    List<SymbolLabel> back = LabelFiles.read(LabelFiles.labelFileOf(file));
    assertThat(back).hasSameSizeAs(img.labels());
    for (int i = 0; i < back.size(); i++) {
      SymbolLabel a = img.labels().get(i);
      SymbolLabel b = back.get(i);
      assertThat(b.text()).isEqualTo(a.text());
      assertThat(b.bytes()).isEqualTo(a.bytes());
      assertThat(b.version()).isEqualTo(a.version());
      assertThat(b.ec()).isEqualTo(a.ec());
      assertThat(b.outline().get(2).distance(a.outline().get(2))).isLessThan(0.01);
    }
  }

  @Test
  void containsUsesTheOutline() {
    SymbolLabel l = new SymbolLabel("x", new byte[0], List.of(new Point2D.Double(0, 0), new Point2D.Double(10, 0),
        new Point2D.Double(10, 10), new Point2D.Double(0, 10)), 1, "M", 0, List.of());
    assertThat(l.contains(5, 5)).isTrue();
    assertThat(l.contains(11, 5)).isFalse();
    assertThat(l.area()).isEqualTo(100.0);
    assertThat(SymbolLabel.textOnly("y").contains(-1e9, 1e9)).isTrue();
  }
}
