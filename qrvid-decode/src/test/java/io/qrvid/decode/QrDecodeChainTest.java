package io.qrvid.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.qrvid.core.ErrorCorrection;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class QrDecodeChainTest {
  private final QrDecodeChain chain = QrDecodeChain.defaults();

  @Test
  void readsCleanSymbolAtLevelOneWithVersionEcLevelAndCorners() {
    BufferedImage img = TestImages.qr("hello qrvid", ErrorCorrectionLevel.L, 4);
    for (QrDecoderType t : List.of(QrDecoderType.ZXING_PURE, QrDecoderType.ZXING_HYBRID, QrDecoderType.BOOFCV)) {
      QrScanResult r = QrDecodeChain.builder().level1(t).level2().build().scan(img);
      assertThat(r.decoder()).contains(t);
    assertThat(r.found()).isTrue();
    assertThat(r.text()).contains("hello qrvid");
    assertThat(r.level()).isEqualTo(1);
    assertThat(r.errorCorrection()).contains(ErrorCorrection.L);
    assertThat(r.version()).hasValue(1);
    assertThat(r.corners()).hasSize(4);
    // version 1 = 21 modules, quiet zone 4 modules, 4 px per module: symbol spans 16..100 px
    assertThat(r.corners().get(0).x()).isCloseTo(16, org.assertj.core.data.Offset.offset(3.0));
    assertThat(r.corners().get(2).y()).isCloseTo(100, org.assertj.core.data.Offset.offset(3.0));
    }
  }

  @Test
  void returnsExactByteModeBytesForNonAsciiText() {
    String text = "Grüße, 東京 \r\n";
    QrScanResult r = chain.scan(TestImages.qr(text, ErrorCorrectionLevel.M, 3));
    assertThat(r.text()).contains(text);
    assertThat(r.rawBytes()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void scanLumaReadsGreyPlane() {
    BufferedImage img = TestImages.qr("luma", ErrorCorrectionLevel.L, 3);
    byte[] luma = new byte[img.getWidth() * img.getHeight()];
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        luma[y * img.getWidth() + x] = (byte) (img.getRGB(x, y) & 0xff);
      }
    }
    assertThat(chain.scanLuma(luma, img.getWidth(), img.getHeight()).text()).contains("luma");
  }

  @Test
  void readsInvertedSymbolOnlyThroughInvertingDecoders() {
    BufferedImage inverted = TestImages.invert(TestImages.qr("inverted", ErrorCorrectionLevel.M, 4));
    QrDecodeChain plain = QrDecodeChain.builder().level1(QrDecoderType.ZXING_HYBRID).level2().build();
    assertThat(plain.scan(inverted).found()).isFalse();
    QrScanResult r = chain.scan(inverted);
    assertThat(r.text()).contains("inverted");
  }

  @Test
  void levelTwoRecordsPreprocessingAndRotation() {
    // only level 2 with a 90 degree rotation; the ZXing decoder needs no rotation, so this checks bookkeeping
    QrDecodeChain c = QrDecodeChain.builder().level1().level2(Preprocessing.ROTATE_RIGHT_ANGLES)
        .level2Decoders(QrDecoderType.ZXING_HYBRID).build();
    BufferedImage img = TestImages.qr("rotated", ErrorCorrectionLevel.M, 4);
    QrScanResult r = c.scan(img);
    assertThat(r.found()).isTrue();
    assertThat(r.level()).isEqualTo(2);
    assertThat(r.preprocessing()).containsExactly(Preprocessing.GREY, Preprocessing.ROTATE_RIGHT_ANGLES);
    assertThat(r.rotationDegrees()).isEqualTo(90.0);
    // corners are mapped back into the unrotated image
    for (QrPoint p : r.corners()) {
      assertThat(p.x()).isBetween(-3.0, img.getWidth() + 3.0);
      assertThat(p.y()).isBetween(-3.0, img.getHeight() + 3.0);
    }
  }

  @Test
  void concurrentScansFromManyThreadsGiveTheSameResults() throws Exception {
    List<BufferedImage> images = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      images.add(TestImages.qr("thread-safe " + i, ErrorCorrectionLevel.M, 3));
    }
    // BoofCV first so that its per-thread detectors are exercised concurrently
    QrDecodeChain boofFirst = QrDecodeChain.builder().level1(QrDecoderType.BOOFCV, QrDecoderType.ZXING_HYBRID).build();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Boolean>> futures = new java.util.ArrayList<>();
      for (int i = 0; i < 80; i++) {
        int k = i % images.size();
        futures.add(pool.submit(() -> boofFirst.scan(images.get(k)).text().orElse("").equals("thread-safe " + k)));
      }
      for (java.util.concurrent.Future<Boolean> f : futures) {
        assertThat(f.get(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void scanAllWithWorkersReadsTheSameAndNeverWaitsOnAnIdleExecutor() {
    // ZXing and BoofCV as the level-1 decoders: with two workers they run side by side
    BufferedImage a = TestImages.qr("left", ErrorCorrectionLevel.H, 4);
    BufferedImage b = TestImages.qr("right", ErrorCorrectionLevel.H, 4);
    BufferedImage both = new BufferedImage(a.getWidth() + b.getWidth(), a.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = both.createGraphics();
    g.drawImage(a, 0, 0, null);
    g.drawImage(b, a.getWidth(), 0, null);
    g.dispose();
    QrDecodeChain.Builder two = QrDecodeChain.builder().level1(QrDecoderType.ZXING_HYBRID, QrDecoderType.BOOFCV)
        .level2();
    List<String> serial = texts(two.workers(1).build().scanAll(both));
    // an executor that drops every task: the calling thread must run them itself
    java.util.concurrent.Executor idle = task -> { };
    List<String> dropped = texts(two.workers(2).executor(idle).build().scanAll(both));
    List<String> parallel = texts(QrDecodeChain.builder().level1(QrDecoderType.ZXING_HYBRID, QrDecoderType.BOOFCV)
        .level2().workers(2).build().scanAll(both));
    assertThat(serial).containsExactlyInAnyOrder("left", "right");
    assertThat(dropped).containsExactlyInAnyOrderElementsOf(serial);
    assertThat(parallel).containsExactlyInAnyOrderElementsOf(serial);
    assertThatThrownBy(() -> QrDecodeChain.builder().workers(0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static List<String> texts(List<QrScanResult> results) {
    List<String> out = new java.util.ArrayList<>();
    for (QrScanResult r : results) {
      out.add(r.text().orElseThrow());
    }
    return out;
  }

  @Test
  void interruptedThreadGetsNotFoundPromptly() {
    BufferedImage blank = new BufferedImage(400, 400, BufferedImage.TYPE_BYTE_GRAY);
    Thread.currentThread().interrupt();
    try {
      QrScanResult r = QrDecodeChain.builder().timeBudget(Duration.ofMinutes(1)).build().scan(blank);
      assertThat(r.found()).isFalse();
      assertThat(r.processingTime()).isLessThan(Duration.ofSeconds(30));
    } finally {
      assertThat(Thread.interrupted()).isTrue();
    }
  }

  @Test
  void blankImageIsNotFoundWithoutException() {
    BufferedImage blank = new BufferedImage(300, 200, BufferedImage.TYPE_BYTE_GRAY);
    QrScanResult r = chain.scan(blank);
    assertThat(r.found()).isFalse();
    assertThat(r.text()).isEmpty();
    assertThat(r.rawBytes()).isEmpty();
    assertThat(r.level()).isZero();
  }

  @Test
  void scanAllReturnsEverySymbol() {
    BufferedImage a = TestImages.qr("first", ErrorCorrectionLevel.M, 4);
    BufferedImage b = TestImages.qr("second", ErrorCorrectionLevel.M, 4);
    BufferedImage both = new BufferedImage(a.getWidth() + b.getWidth(), Math.max(a.getHeight(), b.getHeight()),
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = both.createGraphics();
    g.drawImage(a, 0, 0, null);
    g.drawImage(b, a.getWidth(), 0, null);
    g.dispose();
    List<QrScanResult> all = chain.scanAll(both);
    assertThat(all).extracting(r -> r.text().orElseThrow()).containsExactlyInAnyOrder("first", "second");
  }

  @Test
  void multiQrImageYieldsAllFourCodes() throws Exception {
    Path dir = TestImages.blackbox().orElse(null);
    assumeTrue(dir != null, "shared data absent");
    List<QrScanResult> all = chain.scanAll(ImageIO.read(dir.resolve("multi-qrcode-1/1.png").toFile()));
    assertThat(all).extracting(r -> r.text().orElseThrow()).containsExactlyInAnyOrder(
        "You earned the class 5 EXTRA MINUTES OF RECESS!!  Fabulous!!  Way to go!!",
        "You earned the class a 5 MINUTE DANCE PARTY!!  Awesome!  Way to go!  Let's boogie!",
        "You get to SIT AT MRS. SIGMON'S DESK FOR A DAY!!  Awesome!!  Way to go!! Guess I better clean up! :)",
        "You get to CREATE OUR JOURNAL PROMPT FOR THE DAY!  Yay!  Way to go!  ");
  }

  @Test
  void negativeImageIsNotFoundAndStopsBeforeLevelTwo() throws Exception {
    Path dir = TestImages.blackbox().orElse(null);
    assumeTrue(dir != null, "shared data absent");
    BufferedImage img = ImageIO.read(dir.resolve("negative/triggeringImage1567.jpg").toFile());
    List<String> trace = new java.util.ArrayList<>();
    // an unbounded budget: the chain must stop by itself, not because the time ran out
    List<QrScanResult> r = chain.newBuilder().timeBudget(Duration.ofHours(1)).build().scanTraced(img, false, trace);
    assertThat(r).isEmpty();
    assertThat(trace).first().asString().startsWith("qrvid");
    assertThat(trace).anyMatch(s -> s.startsWith("no finder patterns on 4 rows: level 2 skipped"));
    assertThat(trace).noneMatch(s -> s.startsWith("level2"));
  }

  @Test
  void levelTwoSkipsAnImageWhoseBestFinderCandidateHasFewRows() throws Exception {
    // a 400x300 grey crop (from x 200, y 150) of the synthetic seed-2 set's negative_0004_text.jpg (`qrvid bench
    // decode --synthetic --seed 2 --write`): printed text whose one finder-pattern candidate is confirmed on 2 scan
    // rows, under UnreadGroup.LEVEL2_EVIDENCE_HITS (4); level 2 ran on it before the fourteenth pass
    BufferedImage img;
    try (java.io.InputStream in = getClass().getResourceAsStream("/images/weak-finder-text.jpg")) {
      img = ImageIO.read(in);
    }
    List<String> trace = new java.util.ArrayList<>();
    List<QrScanResult> r = chain.newBuilder().timeBudget(Duration.ofHours(1)).build().scanTraced(img, true, trace);
    assertThat(r).isEmpty();
    assertThat(trace).anyMatch(s -> s.startsWith("no finder patterns on 4 rows: level 2 skipped; evidence")
        && s.contains(" c2 1 c4 0 maxhits 2 "));
    assertThat(trace).noneMatch(s -> s.startsWith("level2"));
  }

  @Test
  void levelTwoGivesQrvidsReaderNoRescaledImage() {
    // the finder patterns stay, so level 2 runs, and nothing decodes, so every strategy is tried
    BufferedImage img = destroyedData();
    List<String> trace = new java.util.ArrayList<>();
    List<QrScanResult> r = chain.newBuilder().timeBudget(Duration.ofHours(1)).build().scanTraced(img, true, trace);
    assertThat(r).isEmpty();
    assertThat(trace).anyMatch(s -> s.startsWith("level2 GAMMA_DARKEN qrvid"));
    assertThat(trace).anyMatch(s -> s.startsWith("level2 UPSCALE boofcv"));
    assertThat(trace).noneMatch(s -> s.startsWith("level2 UPSCALE qrvid") || s.startsWith("level2 DOWNSCALE qrvid"));
  }

  /** A version-2 symbol whose data area is random modules: level 2 runs and every step is tried. */
  private static BufferedImage destroyedData() {
    BufferedImage img = TestImages.qr("the data area of this symbol is destroyed", ErrorCorrectionLevel.L, 4);
    java.util.Random rnd = new java.util.Random(9);
    int quiet = 4 * 4;
    for (int my = 9; my < 25 - 8; my++) {
      for (int mx = 9; mx < 25; mx++) {
        int rgb = rnd.nextBoolean() ? 0x000000 : 0xffffff;
        for (int y = 0; y < 4; y++) {
          for (int x = 0; x < 4; x++) {
            img.setRGB(quiet + mx * 4 + x, quiet + my * 4 + y, rgb);
          }
        }
      }
    }
    return img;
  }

  @Test
  void levelTwoGivesEachDefaultStrategysImagesOnlyToTheDecodersThatEverReadThem() {
    List<String> trace = new java.util.ArrayList<>();
    List<QrScanResult> r = chain.newBuilder().timeBudget(Duration.ofHours(1)).build()
        .scanTraced(destroyedData(), true, trace);
    assertThat(r).isEmpty();
    List<String> steps = trace.stream().filter(s -> s.startsWith("level2 ")).toList();
    assertThat(steps).isNotEmpty();
    for (String step : steps) {
      String[] f = step.split(" "); // level2 STRATEGY decoder WxH where @ms
      Preprocessing p = Preprocessing.valueOf(f[1]);
      assertThat(QrDecodeChain.DEFAULT_LEVEL2).as(step).contains(p);
      assertThat(f[4]).as(step).isIn("region0", "whole");
      java.util.Map<Preprocessing, java.util.Set<QrDecoderType>> table = f[4].equals("whole")
          ? QrDecodeChain.LEVEL2_WHOLE_DECODERS : QrDecodeChain.LEVEL2_REGION_DECODERS;
      assertThat(table.get(p).stream().map(QrDecoderType::id)).as(step).contains(f[2]);
    }
    assertThat(steps).anyMatch(s -> s.startsWith("level2 UPSCALE zxing-try-harder"));
    assertThat(steps).noneMatch(s -> s.startsWith("level2 CLAHE zxing-try-harder"));
    // read nothing in the fifteenth pass's trace
    assertThat(steps).noneMatch(s -> s.startsWith("level2 UNSHARP zxing-try-harder"));
  }

  @Test
  void levelTwoGivesTheDefaultDecodersOnlyTheThreeTimesUpScaledImage() {
    // destroyedData() is 132 pixels wide, under 500: up-scaling makes a 2x and a 3x image, and the default level-2
    // decoders get only the 3x one (LEVEL2_SKIPPED_UPSCALE); a decoder that is not a default one gets both
    List<String> trace = new java.util.ArrayList<>();
    assertThat(chain.newBuilder().timeBudget(Duration.ofHours(1)).build().scanTraced(destroyedData(), true, trace))
        .isEmpty();
    int[] region = regionSize(trace);
    String byTwo = " " + 2 * region[0] + "x" + 2 * region[1] + " region0";
    String byThree = " " + 3 * region[0] + "x" + 3 * region[1] + " region0";
    assertThat(trace).anyMatch(s -> s.startsWith("level2 UPSCALE boofcv") && s.contains(byThree));
    assertThat(trace).anyMatch(s -> s.startsWith("level2 UPSCALE zxing-try-harder") && s.contains(byThree));
    assertThat(trace).noneMatch(s -> s.startsWith("level2 UPSCALE") && s.contains(byTwo));

    List<String> other = new java.util.ArrayList<>();
    assertThat(chain.newBuilder().level2Decoders(QrDecoderType.ZXING_HYBRID, QrDecoderType.BOOFCV)
        .timeBudget(Duration.ofHours(1)).build().scanTraced(destroyedData(), true, other)).isEmpty();
    assertThat(regionSize(other)).containsExactly(region);
    assertThat(other).anyMatch(s -> s.startsWith("level2 UPSCALE zxing-hybrid") && s.contains(byTwo));
    assertThat(other).anyMatch(s -> s.startsWith("level2 UPSCALE zxing-hybrid") && s.contains(byThree));
    assertThat(other).anyMatch(s -> s.startsWith("level2 UPSCALE boofcv") && s.contains(byThree));
    assertThat(other).noneMatch(s -> s.startsWith("level2 UPSCALE boofcv") && s.contains(byTwo));
  }

  /** Width and height of level 2's first region, from its gamma-2.0 step in a scan's trace. */
  private static int[] regionSize(List<String> trace) {
    String step = trace.stream().filter(s -> s.startsWith("level2 GAMMA_DARKEN ") && s.contains(" region0 "))
        .findFirst().orElseThrow();
    String[] wh = step.split(" ")[3].split("x");
    return new int[] {Integer.parseInt(wh[0]), Integer.parseInt(wh[1])};
  }

  @Test
  void levelTwoStrategiesOutsideTheDefaultsGoToEveryDecoder() {
    List<String> trace = new java.util.ArrayList<>();
    List<QrScanResult> r = chain.newBuilder().level2(Preprocessing.OTSU).timeBudget(Duration.ofHours(1)).build()
        .scanTraced(destroyedData(), true, trace);
    assertThat(r).isEmpty();
    for (QrDecoderType t : QrDecodeChain.DEFAULT_LEVEL2_DECODERS) {
      assertThat(trace).anyMatch(s -> s.startsWith("level2 OTSU " + t.id() + " ") && s.contains(" region0 "));
    }
  }

  @Test
  void cleanSymbolStopsAfterQrvidsOwnReader() {
    BufferedImage img = TestImages.qr("one clean symbol", ErrorCorrectionLevel.M, 4);
    List<String> trace = new java.util.ArrayList<>();
    List<QrScanResult> r = chain.scanTraced(img, true, trace);
    assertThat(r).extracting(x -> x.text().orElseThrow()).containsExactly("one clean symbol");
    assertThat(trace).hasSize(1);
    assertThat(trace.get(0)).startsWith("qrvid @");
  }

  @Test
  void sheetOfManySmallSymbolsIsReadWhole() {
    // 12 version-2 symbols at 3.2 px per module on a 2400x1800 sheet, slightly blurred: the issue's "lots" case;
    // symbols 0, 4 and 8 are printed without their timing patterns (light), which qrvid's reader requires
    int w = 2400;
    int h = 1800;
    float[] c = Synthetic.canvas(w, h, 215);
    List<String> texts = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String text = "sheet symbol " + i + " of twelve";
      texts.add(text);
      double x = 250 + (i % 4) * 520;
      double y = 250 + (i / 4) * 520;
      boolean[][] m = Synthetic.modules(text, 2, ErrorCorrectionLevel.M);
      if (i % 4 == 0) {
        for (int k = 8; k < m.length - 8; k++) {
          m[6][k] = false;
          m[k][6] = false;
        }
      }
      Synthetic.draw(c, w, h, m, Synthetic.axis(x, y, 3.2), 35, 215, (int) x - 20, (int) y - 20, (int) x + 110,
          (int) y + 110);
    }
    BufferedImage img = Synthetic.image(Synthetic.blur(c, w, h, 1), w, h, 3, 7);
    List<String> trace = new java.util.ArrayList<>();
    List<QrScanResult> r = chain.newBuilder().timeBudget(Duration.ofHours(1)).build().scanTraced(img, true, trace);
    assertThat(r).extracting(x -> x.text().orElseThrow()).containsExactlyInAnyOrderElementsOf(texts);
    // qrvid's reader reads the nine with timing patterns (blurred, they alternate on the module centres' own levels,
    // not at the finder patterns' threshold); the other three are read in the regions around the finder patterns it
    // saw but could not read
    assertThat(r).filteredOn(x -> x.decoder().orElse(null) == QrDecoderType.QRVID).hasSize(9);
    assertThat(trace).anyMatch(s -> s.startsWith("crop "));
  }

  @Test
  void encodedBytesAreDecoded() {
    byte[] png = TestImages.png(TestImages.qr("png bytes", ErrorCorrectionLevel.M, 3));
    assertThat(chain.scan(png).text()).contains("png bytes");
  }

  @Test
  void rejectsNonImageBytes() {
    assertThatThrownBy(() -> chain.scan("not an image".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(QrImageException.class)
        .extracting(e -> ((QrImageException) e).reason()).isEqualTo(QrImageException.Reason.UNSUPPORTED_FORMAT);
  }

  @Test
  void rejectsTruncatedPng() {
    byte[] png = TestImages.png(TestImages.qr("truncated", ErrorCorrectionLevel.M, 3));
    byte[] half = java.util.Arrays.copyOf(png, png.length / 2);
    assertThatThrownBy(() -> chain.scan(half)).isInstanceOf(QrImageException.class);
  }

  @Test
  void rejectsDecompressionBombFromHeaderBeforeDecodingPixels() throws Exception {
    byte[] bomb = pngHeaderOnly(60_000, 60_000);
    assertThatThrownBy(() -> chain.scan(bomb)).isInstanceOf(QrImageException.class)
        .satisfies(e -> {
          QrImageException q = (QrImageException) e;
          assertThat(q.reason()).isEqualTo(QrImageException.Reason.TOO_LARGE);
          assertThat(q.width()).isEqualTo(60_000);
        });
    QrDecodeChain small = QrDecodeChain.builder().maxPixels(10_000).build();
    byte[] png = TestImages.png(TestImages.qr("big", ErrorCorrectionLevel.M, 4));
    assertThatThrownBy(() -> small.scan(png)).isInstanceOf(QrImageException.class);
  }

  @Test
  void builderValidatesArguments() {
    assertThatThrownBy(() -> QrDecodeChain.builder().timeBudget(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> QrDecodeChain.builder().level1(QrDecoderType.REMOTE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> QrDecodeChain.builder().level1().level2().build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> chain.scanLuma(new byte[10], 4, 4)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void jsonCarriesEveryField() {
    QrScanResult r = chain.scan(TestImages.qr("json", ErrorCorrectionLevel.H, 3));
    String json = r.toJson();
    assertThat(json).contains("\"found\":true", "\"text\":\"json\"", "\"rawBytesBase64\":\"anNvbg==\"",
        "\"decoder\":", "\"processingTimeMs\":", "\"level\":1", "\"preprocessing\":[\"grey\"]",
        "\"rotationDegrees\":0.0", "\"corners\":[", "\"version\":1", "\"errorCorrectionLevel\":\"H\"");
  }

  /** A valid PNG signature + IHDR declaring a huge greyscale image, followed by a tiny IDAT and IEND. */
  static byte[] pngHeaderOnly(int width, int height) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13);
    ihdr.putInt(width).putInt(height).put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(out, "IHDR", ihdr.array());
    Deflater d = new Deflater();
    d.setInput(new byte[1000]);
    d.finish();
    byte[] buf = new byte[2000];
    int n = d.deflate(buf);
    chunk(out, "IDAT", java.util.Arrays.copyOf(buf, n));
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(12 + data.length);
    b.putInt(data.length);
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    b.put(t).put(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    b.putInt((int) crc.getValue());
    out.writeBytes(b.array());
  }

  /**
   * Issue 9, seventh pass: ZXing's multi-symbol path sampled every group of finder patterns with no deadline (21 s
   * of a 1.5 s budget on a textured photo). On a lattice of identical finder patterns, where ZXing lists 20,050
   * groups, the chain's deadline (here: expired once 3 groups were sampled, a measure that does not depend on the
   * machine's speed) stops ZXing within one group per worker.
   */
  @Test
  void scanAllStopsZxingWithinOneGroupOfTheDeadline() {
    BufferedImage lattice = new BufferedImage(640, 480, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = lattice.createGraphics();
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, 640, 480);
    drawFinderLattice(g, 640, 480, 0);
    g.dispose();
    for (int workers : new int[] {1, 2}) {
      long before = io.qrvid.decode.internal.ZxingDecoder.groupsTried();
      io.qrvid.decode.internal.Deadline deadline = io.qrvid.decode.internal.Deadline.when(
          () -> io.qrvid.decode.internal.ZxingDecoder.groupsTried() - before >= 3);
      List<String> trace = new java.util.ArrayList<>();
      List<QrScanResult> r = chain.newBuilder().workers(workers).build().scanTraced(lattice, true, trace, deadline);
      assertThat(r).isEmpty();
      long tried = io.qrvid.decode.internal.ZxingDecoder.groupsTried() - before;
      // a ZXing decoder ran (the deadline expired in it, not before it) and stopped at its next check
      assertThat(tried).as("workers %d, trace %s", workers, trace).isBetween(3L, 3L + workers - 1);
      assertThat(trace).as("trace").anyMatch(s -> s.contains("zxing"));
    }
  }

  /**
   * Issue 9, thirteenth pass: once something was read in a textured image (more than UnreadGroup.TEXTURE_LOOSE
   * loose finder-pattern candidates), scanAll stops instead of running every decoder on regions around the texture.
   * A version-1 symbol beside a lattice of 595 identical finder patterns: qrvid's reader reads the symbol; before the
   * rule the chain went on to crop regions of the lattice for ZXing and BoofCV (4-7 s each here, to the end of a
   * 60 s budget, on main ffa1a70).
   */
  @Test
  void scanAllStopsAfterAReadInATexturedImage() throws Exception {
    int w = 1280;
    int h = 960;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, w, h);
    drawFinderLattice(g, w, h, 420); // the symbol's place left free
    com.google.zxing.common.BitMatrix m = new com.google.zxing.qrcode.QRCodeWriter()
        .encode("textured", com.google.zxing.BarcodeFormat.QR_CODE, 0, 0);
    for (int y = 0; y < m.getHeight(); y++) {
      for (int x = 0; x < m.getWidth(); x++) {
        g.setColor(m.get(x, y) ? java.awt.Color.BLACK : java.awt.Color.WHITE);
        g.fillRect(20 + x * 10, 20 + y * 10, 10, 10);
      }
    }
    g.dispose();
    List<String> trace = new java.util.ArrayList<>();
    List<QrScanResult> r = chain.newBuilder().workers(1).timeBudget(Duration.ofSeconds(60)).build()
        .scanTraced(img, true, trace);
    assertThat(texts(r)).containsExactly("textured");
    assertThat(trace).as("trace").noneMatch(s -> s.startsWith("crop") || s.startsWith("whole"));
  }

  /**
   * Draws identical finder patterns (7x7 modules of 3 pixels) 40 pixels apart on a {@code w} x {@code h} canvas,
   * from (10, 10), leaving the square {@code [0, free)^2} empty (0: none left).
   */
  private static void drawFinderLattice(Graphics2D g, int w, int h, int free) {
    for (int y = 10; y + 21 < h - 10; y += 40) {
      for (int x = 10; x + 21 < w - 10; x += 40) {
        if (x < free && y < free) {
          continue;
        }
        g.setColor(java.awt.Color.BLACK);
        g.fillRect(x, y, 21, 21);
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(x + 3, y + 3, 15, 15);
        g.setColor(java.awt.Color.BLACK);
        g.fillRect(x + 6, y + 6, 9, 9);
      }
    }
  }
}
