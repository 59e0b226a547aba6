package io.qrvid.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code qrvid scan} and {@code qrvid serve}: output lines, error objects, exit codes (docs/VOCABULARY.md). */
class ScanServeCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  /** What a run printed and returned. */
  private static final class Run {
    int exit;
    String out;
    String err;

    List<JsonNode> lines() throws Exception {
      List<JsonNode> l = new ArrayList<>();
      for (String s : out.strip().split("\n")) {
        if (!s.isBlank()) {
          l.add(JSON.readTree(s));
        }
      }
      return l;
    }
  }

  private static Run qrvid(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Run r = new Run();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      CommandLine cli = QrvidCli.commandLine();
      cli.setErr(new java.io.PrintWriter(System.err, true));
      r.exit = cli.execute(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    r.out = out.toString(StandardCharsets.UTF_8);
    r.err = err.toString(StandardCharsets.UTF_8);
    return r;
  }

  private Path qrPng(String name, String text) throws Exception {
    BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0);
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

  private Path bombTiff() throws Exception {
    Path p = dir.resolve("bomb.tif");
    try (InputStream in = ScanServeCommandsTest.class.getResourceAsStream("/bomb-1000-samples.tif")) {
      Files.write(p, in.readAllBytes());
    }
    return p;
  }

  @Test
  void scanPrintsOneJsonLinePerImageAndExitsOneForMisses() throws Exception {
    Path good = qrPng("good.png", "line one");
    Path blank = dir.resolve("blank.png");
    ImageIO.write(new BufferedImage(50, 50, BufferedImage.TYPE_BYTE_GRAY), "png", blank.toFile());
    Run r = qrvid("scan", good.toString(), blank.toString());
    assertThat(r.exit).isEqualTo(1);
    List<JsonNode> lines = r.lines();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).get("file").asText()).isEqualTo(good.toString());
    assertThat(lines.get(0).get("found").asBoolean()).isTrue();
    assertThat(lines.get(0).get("text").asText()).isEqualTo("line one");
    assertThat(lines.get(1).get("found").asBoolean()).isFalse();
    assertThat(lines.get(1).has("error")).isFalse();
  }

  @Test
  void missingFileIsExitThreeNamingThePathAndTheScanGoesOn() throws Exception {
    Path missing = dir.resolve("nope.png");
    Path good = qrPng("good.png", "after the missing one");
    Run r = qrvid("scan", missing.toString(), good.toString());
    assertThat(r.exit).isEqualTo(3);
    assertThat(r.err).contains(missing.toString());
    List<JsonNode> lines = r.lines();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).get("file").asText()).isEqualTo(missing.toString());
    assertThat(lines.get(0).get("error").get("code").asText()).isEqualTo("FILE_NOT_FOUND");
    assertThat(lines.get(0).get("error").get("message").asText()).contains(missing.toString());
    assertThat(lines.get(1).get("text").asText()).isEqualTo("after the missing one");
  }

  /** Issue 13 item 11: {@code qrvid scan} died on the TIFF bomb and never scanned the next file. */
  @Test
  void imageBombGetsAnErrorLineAndTheNextFileIsScanned() throws Exception {
    Path bomb = bombTiff();
    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "not an image");
    Path good = qrPng("good.png", "still scanned");
    Run r = qrvid("scan", bomb.toString(), text.toString(), good.toString());
    assertThat(r.exit).isEqualTo(3);
    List<JsonNode> lines = r.lines();
    assertThat(lines).hasSize(3);
    JsonNode bombError = lines.get(0).get("error");
    assertThat(bombError.get("code").asText()).isEqualTo("TOO_LARGE");
    assertThat(bombError.get("width").asInt()).isEqualTo(1000);
    assertThat(bombError.get("message").asText()).contains("1000 x 32 bits");
    assertThat(lines.get(1).get("error").get("code").asText()).isEqualTo("UNSUPPORTED_FORMAT");
    assertThat(lines.get(2).get("text").asText()).isEqualTo("still scanned");
    assertThat(r.err).contains(bomb.toString()).contains(text.toString());
  }

  @Test
  void scanAllReportsEverySymbolAndLimitsAreOptions() throws Exception {
    Path good = qrPng("good.png", "all of it");
    Run r = qrvid("scan", "--all", "--budget", "2s", good.toString());
    assertThat(r.exit).isZero();
    assertThat(r.lines()).hasSize(1);
    Run small = qrvid("scan", "--max-pixels", "100", good.toString());
    assertThat(small.exit).isEqualTo(3);
    assertThat(small.lines().get(0).get("error").get("code").asText()).isEqualTo("TOO_LARGE");
  }

  /** A miss under --all reports the time spent finding nothing (it printed 0 ms, lowering any mean taken). */
  @Test
  void scanAllMissReportsItsTime() throws Exception {
    BufferedImage noise = new BufferedImage(1200, 1200, BufferedImage.TYPE_BYTE_GRAY);
    java.util.Random random = new java.util.Random(3);
    for (int y = 0; y < noise.getHeight(); y++) {
      for (int x = 0; x < noise.getWidth(); x++) {
        noise.getRaster().setSample(x, y, 0, random.nextInt(256));
      }
    }
    Path p = dir.resolve("noise.png");
    ImageIO.write(noise, "png", p.toFile());
    Run r = qrvid("scan", "--all", p.toString());
    assertThat(r.exit).isEqualTo(1);
    JsonNode line = r.lines().get(0);
    assertThat(line.get("found").asBoolean()).isFalse();
    assertThat(line.get("processingTimeMs").asLong()).isPositive();
  }

  @Test
  void concurrentScanKeepsTheOrderOfTheArguments() throws Exception {
    List<String> args = new ArrayList<>(List.of("scan", "--workers", "3"));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Path p;
      if (i % 4 == 3) {
        p = dir.resolve("missing-" + i + ".png");
        expected.add("FILE_NOT_FOUND");
      } else if (i % 4 == 1) {
        p = dir.resolve("blank-" + i + ".png");
        // larger blank images take longer than the small symbols, so finishing order differs from argument order
        ImageIO.write(new BufferedImage(900, 700, BufferedImage.TYPE_BYTE_GRAY), "png", p.toFile());
        expected.add("not found");
      } else {
        p = qrPng("symbol-" + i + ".png", "symbol number " + i);
        expected.add("symbol number " + i);
      }
      args.add(p.toString());
    }
    Run r = qrvid(args.toArray(new String[0]));
    assertThat(r.exit).isEqualTo(3);
    List<JsonNode> lines = r.lines();
    assertThat(lines).hasSize(12);
    for (int i = 0; i < 12; i++) {
      JsonNode l = lines.get(i);
      assertThat(l.get("file").asText()).isEqualTo(args.get(3 + i));
      String got = l.has("error") ? l.get("error").get("code").asText()
          : l.get("found").asBoolean() ? l.get("text").asText() : "not found";
      assertThat(got).as("line %d", i).isEqualTo(expected.get(i));
    }
    Run one = qrvid(args.stream().map(a -> a.equals("3") ? "1" : a).toArray(String[]::new));
    assertThat(strip(one.out)).isEqualTo(strip(r.out));
    assertThat(one.exit).isEqualTo(3);
  }

  private static String strip(String jsonLines) {
    return jsonLines.replaceAll("\"processingTimeMs\":\\d+", "\"processingTimeMs\":0");
  }

  @Test
  void badOptionValuesAreUsageErrors() throws Exception {
    Path good = qrPng("good.png", "x");
    assertThat(qrvid("scan", "--budget", "1500", good.toString()).exit).as("a duration needs a unit").isEqualTo(2);
    assertThat(qrvid("scan", "--max-pixels", "0", good.toString()).exit).isEqualTo(2);
    assertThat(qrvid("scan", "--workers", "0", good.toString()).exit).isEqualTo(2);
    assertThat(qrvid("scan").exit).isEqualTo(2);
    assertThat(qrvid("serve", "--workers", "0").exit).isEqualTo(2);
  }

  @Test
  void servePortInUseIsExitThreeNamingThePort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      Run r = qrvid("serve", "--port", String.valueOf(port));
      assertThat(r.exit).isEqualTo(3);
      assertThat(r.err).contains("port " + port + " is already in use");
    }
  }

  @Test
  void durationsTakeUnits() {
    DurationConverter c = new DurationConverter();
    assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(c.convert("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.convert("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(c.convert("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.convert("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(c.convert("1m30s")).isEqualTo(Duration.ofSeconds(90));
    for (String bad : new String[] {"30", "s", "-1s", "1d", "", "1s 2s", "1m30"}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.convert(bad))
          .isInstanceOf(CommandLine.TypeConversionException.class);
    }
  }
}
