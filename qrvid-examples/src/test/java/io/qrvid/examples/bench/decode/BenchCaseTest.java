package io.qrvid.examples.bench.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrvid.examples.bench.synthetic.SymbolLabel;
import java.awt.geom.Point2D;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchCaseTest {
  private static BenchCase.Truth square(String text, double x0, double y0, double size) {
    return new BenchCase.Truth(new SymbolLabel(text, text.getBytes(StandardCharsets.UTF_8), List.of(
        new Point2D.Double(x0, y0), new Point2D.Double(x0 + size, y0), new Point2D.Double(x0 + size, y0 + size),
        new Point2D.Double(x0, y0 + size)), 1, "M", 0, List.of()), true);
  }

  private static Read read(String text, double x, double y) {
    return new Read(text, text.getBytes(StandardCharsets.UTF_8), x, y, true);
  }

  @Test
  void aReadCountsOnlyInsideItsLabelsOutline() {
    List<BenchCase.Truth> truths = List.of(square("a", 0, 0, 10), square("b", 20, 0, 10));
    BenchCase.Score s = BenchCase.score(List.of(List.of(read("a", 5, 5), read("b", 5, 5))), truths, false);
    assertThat(s.read()).isEqualTo(1);
    assertThat(s.misread()).isEqualTo(1); // "b" decoded where only "a" lies
  }

  @Test
  void aDecodedSymbolOutsideEveryLabelIsAMisreadAndDuplicatesCountOnce() {
    List<BenchCase.Truth> truths = List.of(square("a", 0, 0, 10));
    BenchCase.Score s = BenchCase.score(List.of(List.of(read("a", 5, 5), read("a", 6, 6), read("a", 50, 50))),
        truths, false);
    assertThat(s.read()).isEqualTo(1);
    assertThat(s.misread()).isEqualTo(1);
  }

  @Test
  void bytesMatchWhenTheTextInterpretationDiffers() {
    List<BenchCase.Truth> truths = List.of(square("\u00e9", 0, 0, 10));
    Read latin1 = new Read("Ã©", "\u00e9".getBytes(StandardCharsets.UTF_8), 5, 5, true);
    assertThat(BenchCase.score(List.of(List.of(latin1)), truths, false).read()).isEqualTo(1);
  }

  @Test
  void outlineOnlyLabelsCountAnyTextAndNegativesCountEverything() {
    BenchCase.Truth polygon = new BenchCase.Truth(square("", 0, 0, 10).label(), false);
    assertThat(BenchCase.score(List.of(List.of(read("whatever", 5, 5))), List.of(polygon), false).read())
        .isEqualTo(1);
    BenchCase.Score negative = BenchCase.score(List.of(List.of(read("x", 1, 1))), List.of(), false);
    assertThat(negative.read()).isZero();
    assertThat(negative.misread()).isEqualTo(1);
  }

  @Test
  void textOnlyLabelsAcceptAnyPositionAndUnlocatedReadsLieEverywhere() {
    List<BenchCase.Truth> expected = List.of(new BenchCase.Truth(SymbolLabel.textOnly("hello"), true));
    assertThat(BenchCase.score(List.of(List.of(read("hello", -5, 1e6))), expected, false).read()).isEqualTo(1);
    Read unlocated = new Read("a", new byte[0], 0, 0, false);
    BenchCase.Score s = BenchCase.score(List.of(List.of(unlocated)), List.of(square("a", 100, 100, 5)), false);
    assertThat(s.read()).isEqualTo(1);
    assertThat(s.misread()).isZero();
  }

  @Test
  void structuredAppendJoinsTheTextsInOrder() {
    List<BenchCase.Truth> expected = List.of(new BenchCase.Truth(SymbolLabel.textOnly("abcdef"), true));
    assertThat(BenchCase.score(List.of(List.of(read("abc", 0, 0)), List.of(read("def", 0, 0))), expected, true))
        .isEqualTo(new BenchCase.Score(1, 0));
    assertThat(BenchCase.score(List.of(List.of(read("def", 0, 0)), List.of(read("abc", 0, 0))), expected, true))
        .isEqualTo(new BenchCase.Score(0, 1));
    assertThat(BenchCase.score(List.of(List.of(read("abc", 0, 0)), List.of()), expected, true))
        .isEqualTo(new BenchCase.Score(0, 0));
  }

  @Test
  void anAlsoAcceptedTextIsNeitherAReadNorAMisread() {
    List<BenchCase.Truth> t = List.of(new BenchCase.Truth(SymbolLabel.textOnly("inner"), true, List.of("outer")));
    assertThat(BenchCase.score(List.of(List.of(read("outer", 0, 0))), t, false)).isEqualTo(new BenchCase.Score(0, 0));
    assertThat(BenchCase.score(List.of(List.of(read("inner", 0, 0))), t, false)).isEqualTo(new BenchCase.Score(1, 0));
    assertThat(BenchCase.score(List.of(List.of(read("other", 0, 0))), t, false)).isEqualTo(new BenchCase.Score(0, 1));
  }

  @Test
  void correctionsAreKeyedByImageHash() {
    Map<String, List<String[]>> c = Suite.Corrections.load();
    List<String[]> photo = c.get("a8d498d6d2d6a3e27e24fd75ed023cd5b8b6b42cb4996674e88e555d68855ec1");
    assertThat(photo).hasSize(1);
    assertThat(photo.get(0)[0]).isEqualTo("replace");
    assertThat(photo.get(0)[1]).isEqualTo("The 2005 USGS aerial photography of the Washington Monument is censored.");
    assertThat(c.get("24fef8babbb2862f2f37fe05b74b45daaa87f1b0c5d7610c0f40eb63becfe9e1").get(0)[1])
        .startsWith("[\u5185\u5074QR").contains("\r\n");
  }

  @Test
  void readsBoofcvPointSetFiles() {
    List<List<Point2D.Double>> p = Suite.polygons("# truth\nSETS\n1 2 3 4 5 6 7 8\n10 20 30 40 50 60 70 80\n");
    assertThat(p).hasSize(2);
    assertThat(p.get(1).get(3)).isEqualTo(new Point2D.Double(70, 80));
    assertThat(Suite.polygons("1 2\n3 4\n5 6\n7 8\n")).hasSize(1);
    assertThat(Suite.polygons("http://example.com 1 2")).isNull();
    assertThat(Suite.polygons("12345")).isNull();
  }

  @Test
  void thresholdsFollowTheHarnesses() {
    assertThat(Thresholds.forFolder("zxing-blackbox").fast("qrcode-1", 90)).hasValue(14);
    assertThat(Thresholds.forFolder("zxing-cpp-qr").fast("qrcode-2", 0)).hasValue(50);
    assertThat(Thresholds.forFolder("zxing-cpp-qr").slow("qrcode-2", 0)).hasValue(53);
    assertThat(Thresholds.forFolder("zxing-cpp-qr").fast("qrcode-7", 90)).isEmpty();
    assertThat(Thresholds.forFolder("photos").fast("qrcode-1", 0)).isEmpty();
  }
}
