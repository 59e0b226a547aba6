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
    String out = run(new BenchDecodeCommand(), 0, dir.toString(), "--warmup", "0", "-q");
    // one row (images directly in DIR), then per decoder: read/codes and misreads
    assertThat(out).containsPattern("\\. @ 0 \\(2\\)\\s+\\| 1/2\\s+1 .*\\| 1/2\\s+1 .*\\| 1/2\\s+1 ");
    // mean, p95 and max ms per decoder, and the slowest image of each decoder named
    assertThat(out).contains("mean ms  p95 ms  max ms")
        .containsPattern("(?m)^slowest image: zxing \\d+\\.\\d ms [ab]\\.png @ 0; boofcv \\d+\\.\\d ms [ab]\\.png @ 0; "
            + "chain \\d+\\.\\d ms [ab]\\.png @ 0$");
  }

  @Test
  void benchDecodeReadsAWrittenSyntheticSetLikeTheInMemoryOne() throws Exception {
    Path set = dir.resolve("set");
    String written = run(new BenchDecodeCommand(), 0, "--write", set.toString(), "--categories", "nominal,negative",
        "--count", "2", "--negatives", "1", "-q");
    assertThat(written).contains("wrote 3 images");
    assertThat(set.resolve("nominal/nominal_0000.json")).exists();
    String memory = run(new BenchDecodeCommand(), 0, "--synthetic", "--categories", "nominal,negative", "--count",
        "2", "--negatives", "1", "--decoders", "zxing", "--json", "-q", "--warmup", "0");
    String folder = run(new BenchDecodeCommand(), 0, set.toString(), "--decoders", "zxing", "--json", "-q",
        "--warmup", "0");
    // the same counts from the same bytes (timings differ)
    assertThat(counts(folder)).isEqualTo(counts(memory)).contains("\"group\":\"nominal\"")
        .contains("\"codes\":2");
    assertThat(folder).containsPattern("\"maxMs\":[0-9.]+,\"slowest\":\"nominal/nominal_000[01]\\S* @ 0\"");
  }

  @Test
  void benchDecodeWritesPhoneSizeImagesWithScaledLabels() throws Exception {
    Path set = dir.resolve("big");
    String written = run(new BenchDecodeCommand(), 0, "--write", set.toString(), "--categories", "nominal",
        "--count", "1", "--long-side", "4032", "-q");
    assertThat(written).contains("wrote 1 images");
    BufferedImage img = ImageIO.read(set.resolve("nominal/nominal_0000.jpg").toFile());
    assertThat(Math.max(img.getWidth(), img.getHeight())).isEqualTo(4032);
    assertThat(Files.readString(set.resolve("nominal/nominal_0000.json"))).contains("\"width\" : " + img.getWidth());
    String folder = run(new BenchDecodeCommand(), 0, set.toString(), "--decoders", "zxing-hard", "--json", "-q",
        "--warmup", "0");
    assertThat(folder).contains("\"group\":\"nominal\"").contains("\"read\":1,\"misread\":0");
    run(new BenchDecodeCommand(), 2, "--synthetic", "--long-side", "-1", "-q");
  }

  private static String counts(String jsonLines) {
    return jsonLines.lines().filter(l -> l.contains("\"group\":\"nominal\"") || l.contains("\"negative\""))
        .map(l -> l.replaceAll(",\"meanMs\".*", "").replaceAll("\"suite\":\"[^\"]*\",", ""))
        .reduce("", (a, b) -> a + b + "\n");
  }
}
