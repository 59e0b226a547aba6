package io.qrvid.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DecodeCommandsTest {
  @TempDir
  Path dir;

  private Path qrPng(String name, String text) throws Exception {
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    hints.put(EncodeHintType.CHARACTER_SET, "UTF-8");
    BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
    BufferedImage img = new BufferedImage(m.getWidth() * 3, m.getHeight() * 3, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        img.getRaster().setSample(x, y, 0, m.get(x / 3, y / 3) ? 0 : 255);
      }
    }
    Path p = dir.resolve(name);
    ImageIO.write(img, "png", p.toFile());
    return p;
  }

  private static String run(Object command, int expectedExit, String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      assertThat(new CommandLine(command).execute(args)).isEqualTo(expectedExit);
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void benchDecodeCountsExactReadsForAllThreeDecoders() throws Exception {
    qrPng("a.png", "alpha");
    Files.writeString(dir.resolve("a.txt"), "alpha");
    qrPng("b.png", "beta");
    Files.write(dir.resolve("b.txt"), "beta\r\n".getBytes(StandardCharsets.UTF_8)); // expected differs: CR/LF
    String out = run(new BenchDecodeCommand(), 0, dir.toString(), "--warmup", "0");
    assertThat(out).contains("2 images x 1 rotation(s)");
    assertThat(out).containsPattern("zxing\\s+1/2\\s+1\\s");
    assertThat(out).containsPattern("boofcv\\s+1/2\\s+1\\s");
    assertThat(out).containsPattern("chain\\s+1/2\\s+1\\s");
  }
}
