package io.qrvid.examples.quickstart;

import io.qrvid.core.QrImageWriter;
import io.qrvid.decode.ImageHeader;
import io.qrvid.decode.ImageLoader;
import io.qrvid.decode.Preprocessing;
import io.qrvid.decode.QrDecodeChain;
import io.qrvid.decode.QrDecodeServer;
import io.qrvid.decode.QrDecoderType;
import io.qrvid.decode.QrScanResult;
import io.qrvid.decode.RemoteQrDecoder;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * The {@code qrvid-decode} quick starts of {@code README.md} and {@code docs/decode.md}, as a program that compiles
 * against {@code qrvid-decode} alone and checks what each one produced.
 *
 * <p>Each {@code README-BEGIN name} / {@code README-END name} region is shown verbatim in the documentation (the
 * {@code QuickStartDriftTest} of {@code qrvid-examples} keeps them equal). Run {@link #main} in an empty folder: it
 * writes {@code photo.jpg} (a QR code on a noisy background, slightly rotated, saved as a JPEG) and
 * {@code two.png} (two codes side by side) there, scans them as the documentation does, and fails with an
 * {@link IllegalStateException} when a result is not what the documentation says. The HTTP service region is
 * compiled but not run: it serves until the process is stopped.
 */
public final class DecodeQuickStart {
  static final String TEXT = "https://example.org/qrvid?quick=start";
  static final String SECOND = "second symbol";

  private DecodeQuickStart() {}

  /**
   * Runs the {@code qrvid-decode} quick starts in the working directory.
   *
   * @param args ignored
   * @throws IOException if an image cannot be written or read
   * @throws IllegalStateException if a quick start did not produce what the documentation says
   */
  public static void main(String[] args) throws IOException {
    ImageIO.write(photo(TEXT, 5), "jpg", new File("photo.jpg"));
    BufferedImage two = new BufferedImage(900, 420, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = two.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, two.getWidth(), two.getHeight());
    g.drawImage(QrImageWriter.builder().size(360).build().encode(TEXT).toImage(), 30, 30, null);
    g.drawImage(QrImageWriter.builder().size(360).build().encode(SECOND).toImage(), 500, 30, null);
    g.dispose();
    ImageIO.write(two, "png", new File("two.png"));

    List<QrScanResult> all = readme(two);
    check(all.size() == 2 && all.stream().map(r -> r.text().orElse("")).sorted().toList()
        .equals(List.of(SECOND, TEXT).stream().sorted().toList()), "README scanAll: " + all);
    List<QrScanResult> again = quickStart(two, Path.of("photo.jpg"));
    check(again.size() == 2, "docs/decode.md scanAll: " + again);

    QrDecodeChain chain = configured();
    QrScanResult r = chain.scan(Path.of("photo.jpg"));
    check(r.found() && r.text().orElse("").equals(TEXT), "docs/decode.md configured chain: " + r);

    BufferedImage photo = loader(Path.of("photo.jpg"));
    check(photo.getWidth() == 640 && photo.getHeight() == 480, "docs/decode.md image loader: " + photo);
    System.out.println("qrvid-decode quick starts: OK");
  }

  /**
   * The README's {@code qrvid-decode} quick start, on {@code photo.jpg} in the working directory.
   *
   * @param image a multi-code image for {@code scanAll}
   * @return every symbol of {@code image}
   * @throws IOException if {@code photo.jpg} cannot be read
   * @throws IllegalStateException if no symbol was read from {@code photo.jpg}
   */
  static List<QrScanResult> readme(BufferedImage image) throws IOException {
    // README-BEGIN decode
    QrDecodeChain chain = QrDecodeChain.defaults();              // immutable, thread-safe; share it
    QrScanResult r = chain.scan(ImageIO.read(new File("photo.jpg")));
    if (r.found()) System.out.println(r.text().orElseThrow() + " via " + r.decoder().orElseThrow());
    List<QrScanResult> all = chain.scanAll(image);               // every symbol in a multi-code image
    // README-END decode
    check(r.found() && r.text().orElseThrow().equals(TEXT), "README scan of photo.jpg: " + r);
    return all;
  }

  private static List<QrScanResult> quickStart(BufferedImage image, Path path) throws IOException {
    // README-BEGIN decode quick start
    QrDecodeChain chain = QrDecodeChain.defaults();              // immutable, thread-safe; share it
    QrScanResult r = chain.scan(ImageIO.read(new File("photo.jpg")));
    if (r.found()) {
      System.out.println(r.text().orElseThrow());                 // decoded text
      byte[] bytes = r.rawBytes();                                // exact byte-mode bytes
      System.out.println(r.decoder().orElseThrow() + " level " + r.level() + " " + r.preprocessing()
          + " v" + r.version() + " ec " + r.errorCorrection() + " corners " + r.corners()
          + " " + r.processingTime().toMillis() + " ms");
    }
    List<QrScanResult> all = chain.scanAll(image);                // every symbol in a multi-code image
    QrScanResult fromFile = chain.scan(path);                      // header checked first (decompression bombs)
    // README-END decode quick start
    check(r.found() && fromFile.found() && fromFile.text().equals(r.text()), "docs/decode.md quick start: " + r
        + " / " + fromFile);
    return all;
  }

  private static QrDecodeChain configured() {
    // README-BEGIN decode configuration
    QrDecodeChain chain = QrDecodeChain.builder()
        .level1(QrDecoderType.QRVID, QrDecoderType.ZXING_HYBRID, QrDecoderType.BOOFCV)  // order = cost
        .level2(Preprocessing.GAMMA_DARKEN, Preprocessing.UPSCALE, Preprocessing.CLAHE, Preprocessing.SAUVOLA)
        .level2Decoders(QrDecoderType.QRVID, QrDecoderType.ZXING_TRY_HARDER, QrDecoderType.BOOFCV)
        .remoteFallback(RemoteQrDecoder.builder(URI.create("http://decoder:8008/qr/decode")).build())
        .timeBudget(Duration.ofMillis(1500))   // levels 1-2, checked between steps and inside qrvid's detector
        .workers(2)                            // scanAll: decoders side by side after qrvid's own reader
        .maxPixels(50_000_000)                 // limit for encoded input, read from the header
        .build();
    // README-END decode configuration
    return chain;
  }

  private static BufferedImage loader(Path path) throws IOException {
    // README-BEGIN decode image loader
    ImageLoader loader = ImageLoader.builder().maxPixels(20_000_000).build();   // default 50,000,000
    ImageHeader h = loader.probe(path);          // header only: format, width, height, samples, bits, frames, EXIF orientation
    BufferedImage photo = loader.load(path);     // as displayed: the EXIF orientation is applied
    // README-END decode image loader
    check(h.width() == photo.getWidth() && h.height() == photo.getHeight(), "probe " + h.width() + "x" + h.height());
    return photo;
  }

  /**
   * The HTTP service region of {@code docs/decode.md}: serves on port 8008 until the process is stopped. Compiled
   * with the other regions; not called by {@link #main}.
   *
   * @throws IOException if the port cannot be bound
   * @throws InterruptedException if interrupted while serving
   */
  static void serve() throws IOException, InterruptedException {
    // README-BEGIN decode server
    try (QrDecodeServer server = QrDecodeServer.builder().port(8008).build()) {   // built, then started, then closed
      server.start();
      server.awaitStop();
    }
    // README-END decode server
  }

  /**
   * A 640x480 photo-like image: {@code text} as a QR code rotated by 7 degrees on a noisy grey background.
   *
   * @param text the contents
   * @param seed the noise seed
   * @return the image
   */
  static BufferedImage photo(String text, long seed) {
    BufferedImage code = QrImageWriter.builder().size(280).build().encode(text).toImage();
    BufferedImage img = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(seed);
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int v = 150 + random.nextInt(60);
        img.setRGB(x, y, v << 16 | v << 8 | v);
      }
    }
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    AffineTransform t = AffineTransform.getRotateInstance(Math.toRadians(7), 320, 240);
    t.translate(320 - code.getWidth() / 2.0, 240 - code.getHeight() / 2.0);
    g.drawImage(code, t, null);
    g.dispose();
    return img;
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("quick start failed: " + what);
    }
  }
}
