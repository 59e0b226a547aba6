package io.qrvid.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.qrvid.decode.QrImageException.Reason;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The image loader on one small fixture per format and per EXIF orientation (src/test/resources/images, made by
 * make-fixtures.sh): every fixture shows the same 160x100 picture with a QR symbol centred at (45.5, 45.5), so a
 * wrong orientation, mirror or colour conversion moves the symbol or loses it. And one image bomb per declared
 * dimension and format (issue 13 item 11).
 */
class ImageLoaderTest {
  private static final String TEXT = "qrvid fixture";
  private final ImageLoader loader = ImageLoader.defaults();
  private final QrDecodeChain chain = QrDecodeChain.defaults();

  static byte[] fixture(String name) {
    try (InputStream in = ImageLoaderTest.class.getResourceAsStream("/images/" + name)) {
      if (in == null) {
        throw new IllegalStateException("fixture missing: " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads, checks the displayed size, reads the symbol and checks that it sits where the reference has it. */
  private BufferedImage loadsAsDisplayed(String name) {
    BufferedImage img = loader.load(fixture(name));
    assertThat(img.getWidth()).as(name + " width").isEqualTo(160);
    assertThat(img.getHeight()).as(name + " height").isEqualTo(100);
    QrScanResult r = chain.scan(img);
    assertThat(r.text()).as(name).contains(TEXT);
    double cx = r.corners().stream().mapToDouble(QrPoint::x).average().orElseThrow();
    double cy = r.corners().stream().mapToDouble(QrPoint::y).average().orElseThrow();
    assertThat(cx).as(name + " symbol centre x").isCloseTo(45.5, within(3.0));
    assertThat(cy).as(name + " symbol centre y").isCloseTo(45.5, within(3.0));
    // The red mark is at the top right of the display, the background light grey-blue.
    int mark = img.getRGB(150, 10);
    assertThat((mark >> 16) & 0xff).as(name + " red mark").isGreaterThan(150);
    assertThat((mark >> 8) & 0xff).as(name + " red mark").isLessThan(100);
    int bg = img.getRGB(120, 80);
    assertThat(bg & 0xff).as(name + " background blue").isGreaterThan(180);
    return img;
  }

  private static void assertHeader(ImageHeader h, ImageFormat format, int samples, int bits) {
    assertThat(h.format()).isEqualTo(format);
    assertThat(h.samplesPerPixel()).as("samples").isEqualTo(samples);
    assertThat(h.bitsPerSample()).as("bits").isEqualTo(bits);
  }

  @Test
  void readsPng8BitRgb() {
    loadsAsDisplayed("reference.png");
    assertHeader(loader.probe(fixture("reference.png")), ImageFormat.PNG, 3, 8);
  }

  @Test
  void readsPng16BitGrey() {
    BufferedImage img = loader.load(fixture("png-grey16.png"));
    assertThat(img.getColorModel().getComponentSize(0)).isEqualTo(16);
    assertThat(chain.scan(img).text()).contains(TEXT);
    assertHeader(loader.probe(fixture("png-grey16.png")), ImageFormat.PNG, 1, 16);
  }

  @Test
  void readsPng16BitRgba() {
    loadsAsDisplayed("png-rgba16.png");
    assertHeader(loader.probe(fixture("png-rgba16.png")), ImageFormat.PNG, 4, 16);
  }

  @Test
  void readsPngGreyWithAlpha() {
    BufferedImage img = loader.load(fixture("png-grey-alpha8.png"));
    assertThat(img.getColorModel().hasAlpha()).isTrue();
    assertThat(chain.scan(img).text()).contains(TEXT);
    assertHeader(loader.probe(fixture("png-grey-alpha8.png")), ImageFormat.PNG, 2, 8);
  }

  @Test
  void readsPngPalette() {
    loadsAsDisplayed("png-palette.png");
    ImageHeader h = loader.probe(fixture("png-palette.png"));
    assertThat(h.format()).isEqualTo(ImageFormat.PNG);
    assertThat(h.samplesPerPixel()).isEqualTo(1);
  }

  @ParameterizedTest(name = "EXIF orientation {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void appliesJpegExifOrientationSoCornersAreAsDisplayed(int orientation) {
    String name = "jpeg-orientation-" + orientation + ".jpg";
    ImageHeader h = loader.probe(fixture(name));
    assertThat(h.orientation()).isEqualTo(orientation);
    assertThat(h.width()).as("stored width").isEqualTo(orientation >= 5 ? 100 : 160);
    assertThat(h.displayWidth()).isEqualTo(160);
    assertHeader(h, ImageFormat.JPEG, 3, 8);
    loadsAsDisplayed(name);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"jpeg-orientation-1.jpg", "jpeg-orientation-3.jpg", "jpeg-orientation-6.jpg",
      "jpeg-orientation-7.jpg", "jpeg-progressive.jpg"})
  void lumaPlaneDecodesYCbCrJpegsToTheirLumaAsDisplayed(String name) {
    BufferedImage colour = loader.load(fixture(name));
    BufferedImage luma = ImageLoader.builder().lumaPlane(true).build().load(fixture(name));
    assertThat(luma.getType()).as(name).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
    assertThat(luma.getWidth()).isEqualTo(160);
    assertThat(luma.getHeight()).isEqualTo(100);
    // Y' itself against the luma of the colour-converted, clipped RGB: a few grey levels apart at most
    byte[] y = luma.getRaster().getDataElements(0, 0, 160, 100, null) instanceof byte[] b ? b : new byte[0];
    byte[] fromRgb = io.qrvid.decode.internal.Luma.of(colour).px;
    int worst = 0;
    for (int i = 0; i < y.length; i++) {
      worst = Math.max(worst, Math.abs((y[i] & 0xff) - (fromRgb[i] & 0xff)));
    }
    assertThat(y).hasSize(160 * 100);
    assertThat(worst).as(name + " largest grey-level difference").isLessThanOrEqualTo(6);
    // as displayed: the symbol where the reference has it, the red mark (darker than the background) top right
    QrScanResult r = chain.scan(luma);
    assertThat(r.text()).as(name).contains(TEXT);
    assertThat(r.corners().stream().mapToDouble(QrPoint::x).average().orElseThrow()).isCloseTo(45.5, within(3.0));
    assertThat(r.corners().stream().mapToDouble(QrPoint::y).average().orElseThrow()).isCloseTo(45.5, within(3.0));
    assertThat(luma.getRaster().getSample(150, 10, 0)).isLessThan(luma.getRaster().getSample(120, 80, 0) - 60);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"jpeg-cmyk.jpg", "jpeg-ycck.jpg", "jpeg-rgb.jpg", "reference.png", "webp-lossy.webp"})
  void lumaPlaneLeavesOtherImagesInColour(String name) {
    BufferedImage img = ImageLoader.builder().lumaPlane(true).build().load(fixture(name));
    assertThat(img.getType()).as(name).isNotEqualTo(BufferedImage.TYPE_BYTE_GRAY);
    assertThat(img.getColorModel().getNumColorComponents()).as(name).isEqualTo(3);
    assertThat(chain.scan(img).text()).as(name).contains(TEXT);
  }

  @Test
  void lumaPlaneIsOffByDefaultAndKeptByNewBuilder() {
    assertThat(ImageLoader.defaults().lumaPlane()).isFalse();
    assertThat(ImageLoader.builder().lumaPlane(true).build().newBuilder().build().lumaPlane()).isTrue();
    assertThat(loader.load(fixture("jpeg-orientation-1.jpg")).getType()).isNotEqualTo(BufferedImage.TYPE_BYTE_GRAY);
  }

  @Test
  void scanOfEncodedBytesReportsCornersAsDisplayed() {
    QrScanResult r = chain.scan(fixture("jpeg-orientation-6.jpg"));
    assertThat(r.text()).contains(TEXT);
    assertThat(r.corners().stream().mapToDouble(QrPoint::x).average().orElseThrow()).isCloseTo(45.5, within(3.0));
    assertThat(r.corners().stream().mapToDouble(QrPoint::y).average().orElseThrow()).isCloseTo(45.5, within(3.0));
  }

  @Test
  void readsProgressiveJpeg() {
    loadsAsDisplayed("jpeg-progressive.jpg");
  }

  @Test
  void readsCmykJpeg() {
    loadsAsDisplayed("jpeg-cmyk.jpg");
    assertHeader(loader.probe(fixture("jpeg-cmyk.jpg")), ImageFormat.JPEG, 4, 8);
  }

  @Test
  void readsYcckJpeg() {
    loadsAsDisplayed("jpeg-ycck.jpg");
    assertHeader(loader.probe(fixture("jpeg-ycck.jpg")), ImageFormat.JPEG, 4, 8);
  }

  @Test
  void readsFirstFrameOfAnimatedGif() {
    loadsAsDisplayed("gif-animated.gif");
    ImageHeader h = loader.probe(fixture("gif-animated.gif"));
    assertThat(h.format()).isEqualTo(ImageFormat.GIF);
    assertThat(h.frames()).isEqualTo(2);
  }

  @Test
  void readsRleBmp() {
    loadsAsDisplayed("bmp-rle8.bmp");
    assertHeader(loader.probe(fixture("bmp-rle8.bmp")), ImageFormat.BMP, 1, 8);
  }

  @Test
  void readsLzwTiff() {
    loadsAsDisplayed("tiff-lzw.tif");
    assertThat(loader.probe(fixture("tiff-lzw.tif")).format()).isEqualTo(ImageFormat.TIFF);
  }

  @Test
  void readsLossyWebp() {
    loadsAsDisplayed("webp-lossy.webp");
    assertHeader(loader.probe(fixture("webp-lossy.webp")), ImageFormat.WEBP, 3, 8);
  }

  @Test
  void readsLosslessWebp() {
    loadsAsDisplayed("webp-lossless.webp");
    assertThat(loader.probe(fixture("webp-lossless.webp")).format()).isEqualTo(ImageFormat.WEBP);
  }

  @Test
  void readsWebpWithAlpha() {
    loadsAsDisplayed("webp-alpha.webp");
    assertHeader(loader.probe(fixture("webp-alpha.webp")), ImageFormat.WEBP, 4, 8);
  }

  @Test
  void readsFirstFrameOfAnimatedWebp() {
    loadsAsDisplayed("webp-animated.webp");
    assertThat(loader.probe(fixture("webp-animated.webp")).frames()).isEqualTo(2);
  }

  @Test
  void readsFilesWithoutReadingThemWhole(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("photo.jpg");
    Files.write(f, fixture("jpeg-orientation-8.jpg"));
    assertThat(loader.probe(f).orientation()).isEqualTo(8);
    assertThat(chain.scan(f).text()).contains(TEXT);
    assertThat(loader.load(f).getWidth()).isEqualTo(160);
  }

  @Test
  void missingFileAndDirectoryAreIoErrorsNamingThePath(@TempDir Path dir) {
    assertThatThrownBy(() -> loader.load(dir.resolve("nope.png"))).isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("nope.png");
    assertThatThrownBy(() -> chain.scan(dir.resolve("nope.png"))).isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> loader.load(dir)).isInstanceOf(IOException.class).hasMessageContaining(dir.toString());
  }

  // ------------------------------------------------------------ rejections

  private void rejected(byte[] bytes, Reason reason) {
    assertThatThrownBy(() -> loader.load(bytes)).isInstanceOf(QrImageException.class)
        .extracting(e -> ((QrImageException) e).reason()).isEqualTo(reason);
  }

  @Test
  void unknownBytesAreUnsupportedAndTruncatedImagesUnreadable() {
    rejected("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII), Reason.UNSUPPORTED_FORMAT);
    rejected(new byte[0], Reason.UNSUPPORTED_FORMAT);
    for (String name : new String[] {"reference.png", "jpeg-orientation-1.jpg", "gif-animated.gif",
        "bmp-rle8.bmp", "tiff-lzw.tif", "webp-lossy.webp"}) {
      byte[] full = fixture(name);
      for (int cut : new int[] {4, 13, 30, full.length / 2}) {
        byte[] part = Arrays.copyOf(full, cut);
        assertThatThrownBy(() -> loader.load(part)).as(name + " cut at " + cut)
            .isInstanceOf(QrImageException.class);
      }
    }
  }

  @Test
  void rejectsTheIssuesTiffDeclaringAThousandSamplesOf32Bits() {
    byte[] bomb = ImageBombs.tiffSamples();
    assertThat(bomb).hasSize(190);
    ImageHeader h = loader.probe(bomb);
    assertThat(h.samplesPerPixel()).isEqualTo(1000);
    assertThat(h.bitsPerSample()).isEqualTo(32);
    assertThat(h.pixels()).isEqualTo(1_000_000L).isLessThan(ImageLoader.DEFAULT_MAX_PIXELS);
    assertThat(h.cost()).isEqualTo(1_000_000_000L);
    assertThatThrownBy(() -> loader.check(bomb)).isInstanceOf(QrImageException.class)
        .extracting(e -> ((QrImageException) e).reason()).isEqualTo(Reason.TOO_LARGE);
    assertThat(loader.check(fixture("reference.png")).pixels()).isEqualTo(16_000L);
    assertThatThrownBy(() -> loader.load(bomb)).isInstanceOf(QrImageException.class)
        .satisfies(e -> {
          QrImageException q = (QrImageException) e;
          assertThat(q.reason()).isEqualTo(Reason.TOO_LARGE);
          assertThat(q.width()).isEqualTo(1000);
          assertThat(q.getMessage()).contains("1000 x 32 bits");
        });
  }

  @Test
  void rejectsEveryDeclaredDimensionBeforeDecoding() {
    // width x height
    rejected(ImageBombs.png(60_000, 60_000, 8, 0), Reason.TOO_LARGE);
    rejected(ImageBombs.bmp(30_000, 30_000, 24), Reason.TOO_LARGE);
    rejected(ImageBombs.bmp(30_000, -30_000, 8), Reason.TOO_LARGE); // top-down rows
    rejected(ImageBombs.jpeg(65_000, 65_000, 3, false, 1), Reason.TOO_LARGE);
    rejected(ImageBombs.gif(65_535, 65_535), Reason.TOO_LARGE);
    rejected(ImageBombs.webpCanvas(16_000_000, 16_000_000), Reason.TOO_LARGE);
    rejected(ImageBombs.webpLossless(16_384, 16_384), Reason.TOO_LARGE);
    // samples and bits: within the pixel count, over the cost
    ImageLoader small = ImageLoader.builder().maxPixels(1_000_000).build();
    byte[] rgba16 = ImageBombs.png(900, 900, 16, 6); // 810,000 pixels of 64 bits
    assertThat(small.probe(rgba16).cost()).isEqualTo(1_620_000L);
    assertThatThrownBy(() -> small.load(rgba16)).isInstanceOf(QrImageException.class)
        .extracting(e -> ((QrImageException) e).reason()).isEqualTo(Reason.TOO_LARGE);
    byte[] jpeg255 = ImageBombs.jpeg(500, 500, 255, false, 1); // 255 components
    assertThat(small.probe(jpeg255).cost()).isEqualTo(250_000L * 64);
    assertThatThrownBy(() -> small.load(jpeg255)).isInstanceOf(QrImageException.class)
        .extracting(e -> ((QrImageException) e).reason()).isEqualTo(Reason.TOO_LARGE);
    // tiles, strips and scans
    rejected(ImageBombs.tiffTile(), Reason.TOO_LARGE);
    rejected(ImageBombs.tiffStripBytes(), Reason.UNREADABLE);
    rejected(ImageBombs.jpeg(16, 16, 1, true, 501), Reason.TOO_LARGE);
    assertThat(loader.probe(ImageBombs.jpeg(16, 16, 1, true, 500)).frames()).isEqualTo(1);
  }

  @Test
  void limitIsInclusiveAndCountsPixelsOfUpTo32Bits() {
    byte[] rgba8 = ImageBombs.png(1000, 1000, 8, 6);
    ImageLoader exact = ImageLoader.builder().maxPixels(1_000_000).build();
    assertThat(exact.probe(rgba8).cost()).isEqualTo(1_000_000L);
    // accepted by the limit; the tiny IDAT then fails to decode, which is UNREADABLE, not TOO_LARGE
    assertThatThrownBy(() -> exact.load(rgba8)).isInstanceOf(QrImageException.class)
        .extracting(e -> ((QrImageException) e).reason()).isEqualTo(Reason.UNREADABLE);
    assertThatThrownBy(() -> exact.newBuilder().maxPixels(999_999).build().load(rgba8))
        .extracting(e -> ((QrImageException) e).reason()).isEqualTo(Reason.TOO_LARGE);
    assertThatThrownBy(() -> ImageLoader.builder().maxPixels(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void corruptTiffDirectoriesAreUnreadableNotLoops() {
    byte[] loop = ImageBombs.tiff(10, 10, 1, 8, 0, 0, 4);
    // point the next-IFD offset back at the first IFD: counted once, then the walk stops
    int next = 8 + 2 + 12 * 10;
    loop[next] = 8;
    assertThat(loader.probe(loop).frames()).isEqualTo(1);
    byte[] far = ImageBombs.tiff(10, 10, 1, 8, 0, 0, 4);
    far[4] = (byte) 0xf0; // first IFD offset past the end
    rejected(far, Reason.UNREADABLE);
  }
}
