package io.qrvid.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrvid.core.internal.PlainDecoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QrImageWriterTest {
  @TempDir Path dir;

  private static String decode(byte[] png) throws IOException {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    byte[] bytes = PlainDecoder.decodeOne(PlainDecoder.luma(img), img.getWidth(), img.getHeight()).orElseThrow();
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void pngHasTheRequestedSizeAndDecodesBack() throws IOException {
    QrImage image = QrImageWriter.builder().size(300).margin(4).build().encode("https://example.org/a?b=c");
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(image.toPng()));
    assertThat(img.getWidth()).isEqualTo(300);
    assertThat(img.getHeight()).isEqualTo(300);
    // version 2 = 25 modules + 8 margin = 33; 300 / 33 = 9 whole pixels per module
    assertThat(image.version()).isEqualTo(2);
    assertThat(image.modulePixels()).isEqualTo(9);
    assertThat(decode(image.toPng())).isEqualTo("https://example.org/a?b=c");
  }

  @Test
  void growsTheImageWhenOnePixelPerModuleDoesNotFit() {
    QrImage image = QrImageWriter.builder().size(10).margin(2).build().encode("hello");
    assertThat(image.modulePixels()).isEqualTo(1);
    assertThat(image.pixelSize()).isEqualTo(image.modules() + 4);
  }

  @Test
  void encodesNonAsciiTextAsUtf8() throws IOException {
    String text = "Grüße, 世界 ✓";
    assertThat(decode(QrImageWriter.defaults().encode(text).toPng())).isEqualTo(text);
  }

  @Test
  void higherErrorCorrectionNeedsALargerSymbol() {
    String text = "x".repeat(100);
    int low = QrImageWriter.builder().errorCorrection(ErrorCorrection.L).build().encode(text).version();
    int high = QrImageWriter.builder().errorCorrection(ErrorCorrection.H).build().encode(text).version();
    assertThat(high).isGreaterThan(low);
  }

  @Test
  void appliesColours() {
    QrImage image = QrImageWriter.builder().size(66).margin(4).colors(0xFF112233, 0xFFFFEEDD).build().encode("c");
    BufferedImage img = image.toImage();
    assertThat(img.getRGB(0, 0)).isEqualTo(0xFFFFEEDD);
    int finder = (img.getWidth() - image.modules() * image.modulePixels()) / 2;
    assertThat(img.getRGB(finder, finder)).isEqualTo(0xFF112233);
    assertThat(image.toSvg()).contains("fill=\"#112233\"").contains("fill=\"#ffeedd\"");
  }

  @Test
  void svgDrawsExactlyTheDarkModules() {
    QrImage image = QrImageWriter.builder().size(200).margin(1).build().encode("svg");
    String svg = image.toSvg();
    assertThat(svg).startsWith("<?xml").contains("viewBox=\"0 0 " + (image.modules() + 2) + " "
        + (image.modules() + 2) + "\"").contains("width=\"200\"");
    int darkFromSvg = 0;
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("h(\\d+)v1").matcher(svg);
    while (m.find()) {
      darkFromSvg += Integer.parseInt(m.group(1));
    }
    int dark = 0;
    for (int y = 0; y < image.modules(); y++) {
      for (int x = 0; x < image.modules(); x++) {
        dark += image.isDark(x, y) ? 1 : 0;
      }
    }
    assertThat(darkFromSvg).isEqualTo(dark);
    // the top-left finder pattern's first row is a run of 7 dark modules at the margin
    assertThat(svg).contains("M1 1h7v1h-7z");
  }

  @Test
  void dataUriEmbedsTheImage() throws IOException {
    QrImage image = QrImageWriter.defaults().encode("data");
    String uri = image.toDataUri(ImageFormat.PNG);
    assertThat(uri).startsWith("data:image/png;base64,");
    assertThat(decode(Base64.getDecoder().decode(uri.substring(uri.indexOf(',') + 1)))).isEqualTo("data");
    assertThat(image.toDataUri(ImageFormat.SVG)).startsWith("data:image/svg+xml;base64,");
  }

  @Test
  void writesFilesAndLeavesNoTemporaryFiles() throws IOException {
    QrImage image = QrImageWriter.defaults().encode("file");
    image.writePng(dir.resolve("a.png"));
    image.writeSvg(dir.resolve("a.svg"));
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("a.png", "a.svg");
    }
    assertThat(decode(Files.readAllBytes(dir.resolve("a.png")))).isEqualTo("file");
  }

  @Test
  void rejectsAPayloadLargerThanVersion40() {
    assertThatThrownBy(() -> QrImageWriter.builder().errorCorrection(ErrorCorrection.H).build()
        .encode(new byte[1274])).isInstanceOf(QrEncodingException.class).hasMessageContaining("1273");
  }
}
