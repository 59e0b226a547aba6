package io.qrvid.decode;

import io.qrvid.decode.internal.BoofDecoder;
import io.qrvid.decode.internal.Clahe;
import io.qrvid.decode.internal.Filters;
import io.qrvid.decode.internal.Gray;
import io.qrvid.decode.internal.Symbol;
import io.qrvid.decode.internal.SymbolDecoder;
import io.qrvid.decode.internal.ZxingDecoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A layered QR decoder that tries cheap decoders first and more expensive strategies only when they fail.
 *
 * <ul>
 *   <li>First, colour is converted to grey and an image whose long side exceeds {@link Builder#maxLongSide}
 *       (default 1280 px) is scaled down to it (area averaging): large phone photos decode better smaller, and
 *       ZXing's finder search can take seconds on a large noisy photo.
 *   <li>Level 1: the {@linkplain Builder#level1 level-1 decoders} on that image, in order (default: ZXing pure,
 *       ZXing hybrid, BoofCV, ZXing global histogram, ZXing try-harder, ZXing inverted).
 *   <li>Level 2: each {@linkplain Builder#level2 preprocessing strategy} in order derives an image from it, and the
 *       {@linkplain Builder#level2Decoders level-2 decoders} (default ZXing try-harder, BoofCV) are retried on it.
 *   <li>Level 3 (off by default): a {@link RemoteQrDecoder} that posts the image to an HTTP service.
 * </ul>
 *
 * <p>{@link #scan} stops at the first symbol read (when a decoder reads several, the largest wins); {@link #scanAll}
 * returns every distinct symbol. Levels 1 and 2 stop when the {@linkplain Builder#timeBudget time budget} (default
 * 1500 ms) is spent, checked between steps, and when the calling thread is interrupted; level 3 is bounded by the
 * remote client's own timeouts. "Nothing found" is a {@link QrScanResult#notFound} result, never an exception.
 *
 * <pre>{@code
 * QrDecodeChain chain = QrDecodeChain.builder()
 *     .timeBudget(Duration.ofSeconds(1))
 *     .build();
 * QrScanResult r = chain.scan(ImageIO.read(file));
 * if (r.found()) System.out.println(r.text().orElseThrow() + " via " + r.decoder().orElseThrow());
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe: every scan uses its own images and ZXing readers, and BoofCV
 * detectors are kept per thread. Scans run on the calling thread.
 */
public final class QrDecodeChain {
  /** Default level-1 decoders, cheapest first. */
  public static final List<QrDecoderType> DEFAULT_LEVEL1 = List.of(QrDecoderType.ZXING_PURE,
      QrDecoderType.ZXING_HYBRID, QrDecoderType.BOOFCV, QrDecoderType.ZXING_GLOBAL_HISTOGRAM,
      QrDecoderType.ZXING_TRY_HARDER, QrDecoderType.ZXING_INVERTED);
  /** Default level-2 strategies, in the order tried (most useful on the ZXing blackbox photos first). */
  public static final List<Preprocessing> DEFAULT_LEVEL2 = List.of(Preprocessing.GAMMA_DARKEN, Preprocessing.UPSCALE, Preprocessing.ROTATE_SMALL, Preprocessing.CLAHE,
      Preprocessing.EQUALIZE, Preprocessing.UNSHARP, Preprocessing.OTSU, Preprocessing.SAUVOLA,
      Preprocessing.DOWNSCALE, Preprocessing.ROTATE_45, Preprocessing.GAMMA_BRIGHTEN, Preprocessing.CLOSE,
      Preprocessing.PAD, Preprocessing.INVERT, Preprocessing.ROTATE_RIGHT_ANGLES);
  /** Default level-2 decoders. */
  public static final List<QrDecoderType> DEFAULT_LEVEL2_DECODERS =
      List.of(QrDecoderType.ZXING_TRY_HARDER, QrDecoderType.BOOFCV);

  private static final Map<QrDecoderType, SymbolDecoder> DECODERS = createDecoders();

  private final List<QrDecoderType> level1;
  private final List<Preprocessing> level2;
  private final List<QrDecoderType> level2Decoders;
  private final @Nullable RemoteQrDecoder remote;
  private final Duration timeBudget;
  private final int maxLongSide;
  private final long maxPixels;
  private final int maxSide;

  private QrDecodeChain(Builder b) {
    this.level1 = b.level1;
    this.level2 = b.level2;
    this.level2Decoders = b.level2Decoders;
    this.remote = b.remote;
    this.timeBudget = b.timeBudget;
    this.maxLongSide = b.maxLongSide;
    this.maxPixels = b.maxPixels;
    this.maxSide = b.maxSide;
  }

  private static Map<QrDecoderType, SymbolDecoder> createDecoders() {
    Map<QrDecoderType, SymbolDecoder> m = new EnumMap<>(QrDecoderType.class);
    m.put(QrDecoderType.ZXING_PURE, new ZxingDecoder(ZxingDecoder.Mode.PURE));
    m.put(QrDecoderType.ZXING_HYBRID, new ZxingDecoder(ZxingDecoder.Mode.HYBRID));
    m.put(QrDecoderType.ZXING_GLOBAL_HISTOGRAM, new ZxingDecoder(ZxingDecoder.Mode.GLOBAL_HISTOGRAM));
    m.put(QrDecoderType.ZXING_TRY_HARDER, new ZxingDecoder(ZxingDecoder.Mode.TRY_HARDER));
    m.put(QrDecoderType.ZXING_INVERTED, new ZxingDecoder(ZxingDecoder.Mode.INVERTED));
    m.put(QrDecoderType.BOOFCV, new BoofDecoder());
    return m;
  }

  /** A builder with the default levels (see the class description). */
  public static Builder builder() {
    return new Builder();
  }

  /** The chain with default settings: levels 1 and 2, no remote fallback, a 1500 ms budget. */
  public static QrDecodeChain defaults() {
    return builder().build();
  }

  /** A builder initialised with this chain's settings. */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /**
   * Scans an image of any {@link BufferedImage} type (colour is converted to luminance; see
   * {@link Preprocessing#GREY}).
   *
   * @return the first symbol read, or a "not found" result
   * @throws NullPointerException if {@code image} is null
   */
  public QrScanResult scan(BufferedImage image) {
    Objects.requireNonNull(image, "image == null");
    long start = System.nanoTime();
    return first(run(toGray(image), isColour(image), false, start), start);
  }

  /**
   * Scans an 8-bit luma plane (one byte per pixel, row-major, no padding), such as the Y plane of a decoded video
   * frame.
   *
   * @param luma {@code width * height} grey levels, 0 = black; not modified
   * @return the first symbol read, or a "not found" result
   * @throws NullPointerException if {@code luma} is null
   * @throws IllegalArgumentException if the array is shorter than {@code width * height} or a dimension is not
   *     positive
   */
  public QrScanResult scanLuma(byte[] luma, int width, int height) {
    long start = System.nanoTime();
    return first(run(lumaGray(luma, width, height), false, false, start), start);
  }

  /**
   * Decodes encoded image bytes (PNG, JPEG, GIF, BMP; whatever the JDK's ImageIO reads) and scans them. The
   * header is read first, and images above {@link Builder#maxPixels} or {@link Builder#maxImageSide} are rejected
   * before their pixels are decoded. The processing time and the time budget include reading the image.
   *
   * @return the first symbol read, or a "not found" result
   * @throws NullPointerException if {@code encodedImage} is null
   * @throws QrImageException if the bytes are not a readable image or the image exceeds the limits
   */
  public QrScanResult scan(byte[] encodedImage) {
    Objects.requireNonNull(encodedImage, "encodedImage == null");
    long start = System.nanoTime();
    BufferedImage image = ImageLoader.builder().maxPixels(maxPixels).build().load(encodedImage);
    return first(run(toGray(image), isColour(image), false, start), start);
  }

  /**
   * Reads an image file and scans it like {@link #scan(byte[])}.
   *
   * @throws IOException if the file cannot be read
   * @throws QrImageException if the file is not a readable image or exceeds the limits
   */
  public QrScanResult scan(Path imageFile) throws IOException {
    long start = System.nanoTime();
    BufferedImage image = ImageLoader.builder().maxPixels(maxPixels).build().load(imageFile);
    return first(run(toGray(image), isColour(image), false, start), start);
  }

  /**
   * Returns every distinct symbol in the image: the union of what each level-1 decoder finds (duplicates, the same
   * content at about the same place, are merged; the pure-barcode decoder, which assumes a single symbol filling the
   * image, is skipped unless it is the only level-1 decoder); when level 1 finds nothing, the first level-2 strategy that finds
   * anything; when that finds nothing either, the remote fallback's answer.
   *
   * @return the symbols, largest first; empty when none was found
   * @throws NullPointerException if {@code image} is null
   */
  public List<QrScanResult> scanAll(BufferedImage image) {
    Objects.requireNonNull(image, "image == null");
    long start = System.nanoTime();
    return stamp(run(toGray(image), isColour(image), true, start), start);
  }

  /**
   * Like {@link #scanAll(BufferedImage)} for a luma plane (see {@link #scanLuma}).
   *
   * @throws NullPointerException if {@code luma} is null
   * @throws IllegalArgumentException if the array is shorter than {@code width * height} or a dimension is not
   *     positive
   */
  public List<QrScanResult> scanAllLuma(byte[] luma, int width, int height) {
    long start = System.nanoTime();
    return stamp(run(lumaGray(luma, width, height), false, true, start), start);
  }

  /**
   * Like {@link #scanAll(BufferedImage)} for encoded image bytes, with the checks of {@link #scan(byte[])}.
   *
   * @throws NullPointerException if {@code encodedImage} is null
   * @throws QrImageException if the bytes are not a readable image or the image exceeds the limits
   */
  public List<QrScanResult> scanAll(byte[] encodedImage) {
    Objects.requireNonNull(encodedImage, "encodedImage == null");
    long start = System.nanoTime();
    BufferedImage image = ImageLoader.builder().maxPixels(maxPixels).build().load(encodedImage);
    return stamp(run(toGray(image), isColour(image), true, start), start);
  }

  /** The time budget for levels 1 and 2 of one scan. */
  public Duration timeBudget() {
    return timeBudget;
  }

  /** The maximum number of pixels accepted from encoded images. */
  public long maxPixels() {
    return maxPixels;
  }

  /** The maximum width or height accepted from encoded images, in pixels. */
  public int maxImageSide() {
    return maxSide;
  }

  private static QrScanResult first(List<QrScanResult> all, long start) {
    long ms = (System.nanoTime() - start) / 1_000_000;
    return all.isEmpty() ? QrScanResult.notFound(ms) : all.get(0).withProcessingTimeMs(ms);
  }

  private static List<QrScanResult> stamp(List<QrScanResult> all, long start) {
    long ms = (System.nanoTime() - start) / 1_000_000;
    List<QrScanResult> out = new ArrayList<>(all.size());
    for (QrScanResult r : all) {
      out.add(r.withProcessingTimeMs(ms));
    }
    return List.copyOf(out);
  }

  /** A derived image and how it was made. */
  private static final class Variant {
    final Gray gray;
    final List<String> steps;
    final double rotation;

    Variant(Gray gray, List<String> steps, double rotation) {
      this.gray = gray;
      this.steps = steps;
      this.rotation = rotation;
    }
  }

  private List<QrScanResult> run(Gray original, boolean colour, boolean all, long start) {
    long deadline = start + timeBudget.toNanos();
    List<String> base = new ArrayList<>();
    if (colour) {
      base.add(Preprocessing.GREY.id());
    }
    Gray g = Filters.boundLongSide(original, maxLongSide);
    if (g != original) {
      base.add(Preprocessing.RESIZE.id() + "-" + maxLongSide);
    }
    List<QrScanResult> found = new ArrayList<>();
    for (QrDecoderType t : level1) {
      if (expired(deadline)) {
        break;
      }
      if (all && t == QrDecoderType.ZXING_PURE && level1.size() > 1) {
        continue; // it assumes one symbol filling the image; its answer would duplicate others'
      }
      for (Symbol s : DECODERS.get(t).decode(g, all)) {
        add(found, toResult(s, 1, base, 0), original);
      }
      if (!found.isEmpty() && !all) {
        return sorted(found);
      }
    }
    if (!found.isEmpty()) {
      return sorted(found);
    }
    if (!level2Decoders.isEmpty()) {
      for (Preprocessing p : level2) {
        if (expired(deadline)) {
          break;
        }
        for (Variant v : variants(p, g, base)) {
          for (QrDecoderType t : level2Decoders) {
            if (expired(deadline)) {
              break;
            }
            for (Symbol s : DECODERS.get(t).decode(v.gray, all)) {
              add(found, toResult(s, 2, v.steps, v.rotation), original);
            }
            if (!found.isEmpty()) {
              return sorted(found);
            }
          }
        }
      }
    }
    if (remote != null && !Thread.currentThread().isInterrupted()) {
      QrScanResult r = remote.decodeGray(g);
      if (r != null) {
        found.add(r);
      }
    }
    return found;
  }

  private static boolean expired(long deadline) {
    return System.nanoTime() - deadline > 0 || Thread.currentThread().isInterrupted();
  }

  private static List<Variant> variants(Preprocessing p, Gray b, List<String> steps) {
    switch (p) {
      case GREY:
      case RESIZE:
        return List.of();
      case GAMMA_DARKEN:
        return one(Filters.gamma(b, 2.0), steps, p);
      case GAMMA_BRIGHTEN:
        return one(Filters.gamma(b, 0.5), steps, p);
      case UPSCALE:
        if (b.longSide() >= 800) {
          return List.of();
        }
        List<Variant> up = new ArrayList<>(one(Filters.resize(b, b.width * 2, b.height * 2), steps, p));
        if (b.longSide() < 500) {
          List<String> s3 = new ArrayList<>(steps);
          s3.add("upscale-3x");
          up.add(new Variant(Filters.resize(b, b.width * 3, b.height * 3), s3, 0));
        }
        return up;
      case DOWNSCALE:
        return b.longSide() < 160 ? List.of() : one(Filters.resize(b, b.width / 2, b.height / 2), steps, p);
      case ROTATE_SMALL:
        return List.of(rotated(b, 10, steps), rotated(b, 350, steps));
      case ROTATE_45:
        return List.of(rotated(b, 45, steps));
      case CLAHE:
        return one(Clahe.apply(b, 8, 8, 3.0), steps, p);
      case EQUALIZE:
        return one(Filters.equalize(b), steps, p);
      case OTSU:
        return one(Filters.otsu(b), steps, p);
      case SAUVOLA:
        return one(Filters.sauvola(b, Math.max(7, b.longSide() / 16), 0.3), steps, p);
      case UNSHARP:
        return one(Filters.unsharp(b, 2, 1.5), steps, p);
      case CLOSE:
        return one(Filters.close(b, 1), steps, p);
      case PAD:
        return one(Filters.pad(b, Math.max(8, b.longSide() / 8)), steps, p);
      case INVERT:
        return one(Filters.invert(b), steps, p);
      case ROTATE_RIGHT_ANGLES:
        return List.of(rotated(b, 90, steps), rotated(b, 180, steps), rotated(b, 270, steps));
      default:
        throw new AssertionError(p);
    }
  }

  private static List<Variant> one(Gray g, List<String> steps, Preprocessing p) {
    List<String> s = new ArrayList<>(steps);
    s.add(p.id());
    return List.of(new Variant(g, s, 0));
  }

  private static Variant rotated(Gray g, double degrees, List<String> steps) {
    List<String> s = new ArrayList<>(steps);
    s.add("rotate-" + (degrees == Math.rint(degrees) ? String.valueOf((long) degrees) : String.valueOf(degrees)));
    return new Variant(Filters.rotate(g, degrees), s, degrees);
  }

  private static QrScanResult toResult(Symbol s, int level, List<String> steps, double rotation) {
    List<QrPoint> corners = new ArrayList<>();
    for (int i = 0; i + 1 < s.points.length; i += 2) {
      corners.add(new QrPoint(s.points[i], s.points[i + 1]));
    }
    return QrScanResult.builder(s.text, s.raw, s.decoder).level(level).preprocessing(steps)
        .rotationDegrees(rotation).corners(corners).version(s.version).errorCorrectionLevel(s.ecLevel).build();
  }

  /** Adds unless the same content was already found at about the same place (or without a known place). */
  private static void add(List<QrScanResult> found, QrScanResult r, Gray original) {
    double near = Math.max(original.width, original.height) / 10.0;
    for (QrScanResult f : found) {
      if (Arrays.equals(f.rawBytes(), r.rawBytes()) && f.text().equals(r.text())
          && (f.corners().isEmpty() || r.corners().isEmpty() || distance(centre(f), centre(r)) < near)) {
        return;
      }
    }
    found.add(r);
  }

  private static List<QrScanResult> sorted(List<QrScanResult> found) {
    found.sort((a, b) -> Double.compare(area(b), area(a)));
    return found;
  }

  private static QrPoint centre(QrScanResult r) {
    double x = 0;
    double y = 0;
    for (QrPoint p : r.corners()) {
      x += p.x();
      y += p.y();
    }
    int n = Math.max(1, r.corners().size());
    return new QrPoint(x / n, y / n);
  }

  private static double distance(QrPoint a, QrPoint b) {
    return Math.hypot(a.x() - b.x(), a.y() - b.y());
  }

  /** Polygon area by the shoelace formula (0 without corners). */
  private static double area(QrScanResult r) {
    List<QrPoint> c = r.corners();
    double s = 0;
    for (int i = 0; i < c.size(); i++) {
      QrPoint p = c.get(i);
      QrPoint q = c.get((i + 1) % c.size());
      s += p.x() * q.y() - q.x() * p.y();
    }
    return Math.abs(s) / 2;
  }

  static boolean isColour(BufferedImage image) {
    int t = image.getType();
    return t != BufferedImage.TYPE_BYTE_GRAY && t != BufferedImage.TYPE_USHORT_GRAY
        && t != BufferedImage.TYPE_BYTE_BINARY;
  }

  static Gray toGray(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] luma = new byte[w * h];
    int[] row = new int[w];
    boolean alpha = image.getColorModel().hasAlpha();
    for (int y = 0; y < h; y++) {
      image.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int p = row[x];
        int r = (p >> 16) & 0xff;
        int g = (p >> 8) & 0xff;
        int b = p & 0xff;
        int v = (r * 306 + g * 601 + b * 117) >> 10;
        if (alpha) {
          int a = p >>> 24;
          v = (v * a + 255 * (255 - a)) / 255;
        }
        luma[y * w + x] = (byte) v;
      }
    }
    return new Gray(luma, w, h);
  }

  private static Gray lumaGray(byte[] luma, int width, int height) {
    Objects.requireNonNull(luma, "luma == null");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("width and height must be positive: " + width + "x" + height);
    }
    if (luma.length < (long) width * height) {
      throw new IllegalArgumentException("luma.length " + luma.length + " < " + width + "*" + height);
    }
    return new Gray(luma, width, height);
  }

  /** Configures a {@link QrDecodeChain}. Mutable and not thread-safe; {@link #build()} may be called repeatedly. */
  public static final class Builder {
    private List<QrDecoderType> level1 = DEFAULT_LEVEL1;
    private List<Preprocessing> level2 = DEFAULT_LEVEL2;
    private List<QrDecoderType> level2Decoders = DEFAULT_LEVEL2_DECODERS;
    private @Nullable RemoteQrDecoder remote;
    private Duration timeBudget = Duration.ofMillis(1500);
    private int maxLongSide = 1280;
    private long maxPixels = 50_000_000L;
    private int maxSide = 20_000;

    private Builder() {}

    private Builder(QrDecodeChain c) {
      level1 = c.level1;
      level2 = c.level2;
      level2Decoders = c.level2Decoders;
      remote = c.remote;
      timeBudget = c.timeBudget;
      maxLongSide = c.maxLongSide;
      maxPixels = c.maxPixels;
      maxSide = c.maxSide;
    }

    /**
     * The level-1 decoders, in the order tried (default {@link QrDecodeChain#DEFAULT_LEVEL1}); none disables level 1.
     *
     * @throws NullPointerException if an element is null
     */
    public Builder level1(QrDecoderType... decoders) {
      this.level1 = List.copyOf(Arrays.asList(decoders));
      return this;
    }

    /**
     * The level-2 strategies, in the order tried (default {@link QrDecodeChain#DEFAULT_LEVEL2}); none disables level 2.
     *
     * @throws NullPointerException if an element is null
     */
    public Builder level2(Preprocessing... strategies) {
      this.level2 = List.copyOf(Arrays.asList(strategies));
      return this;
    }

    /**
     * The decoders retried on each level-2 image, in order (default {@link QrDecodeChain#DEFAULT_LEVEL2_DECODERS}).
     *
     * @throws NullPointerException if an element is null
     */
    public Builder level2Decoders(QrDecoderType... decoders) {
      this.level2Decoders = List.copyOf(Arrays.asList(decoders));
      return this;
    }

    /** The level-3 remote fallback, or null for none (default). */
    public Builder remoteFallback(@Nullable RemoteQrDecoder remote) {
      this.remote = remote;
      return this;
    }

    /**
     * The wall-time budget for levels 1 and 2 of one scan (default 1500 ms), checked between steps, so one step
     * (a decoder on one image) may overrun it.
     *
     * @throws NullPointerException if null
     * @throws IllegalArgumentException if not positive
     */
    public Builder timeBudget(Duration budget) {
      Objects.requireNonNull(budget, "budget == null");
      if (budget.isNegative() || budget.isZero()) {
        throw new IllegalArgumentException("timeBudget not positive: " + budget);
      }
      this.timeBudget = budget;
      return this;
    }

    /**
     * The long side, in pixels, that larger images are scaled down to before any decoding (default 1280). Raise it
     * to read small symbols in very large images, at a cost in time.
     *
     * @throws IllegalArgumentException if below 64
     */
    public Builder maxLongSide(int pixels) {
      if (pixels < 64) {
        throw new IllegalArgumentException("maxLongSide < 64: " + pixels);
      }
      this.maxLongSide = pixels;
      return this;
    }

    /**
     * The largest image, in pixels (width times height), accepted from encoded bytes (default 50,000,000).
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxPixels(long pixels) {
      if (pixels <= 0) {
        throw new IllegalArgumentException("maxPixels not positive: " + pixels);
      }
      this.maxPixels = pixels;
      return this;
    }

    /**
     * The largest width or height, in pixels, accepted from encoded bytes (default 20,000).
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxImageSide(int pixels) {
      if (pixels <= 0) {
        throw new IllegalArgumentException("maxImageSide not positive: " + pixels);
      }
      this.maxSide = pixels;
      return this;
    }

    /**
     * Builds an immutable chain.
     *
     * @throws IllegalStateException if no level is enabled
     */
    public QrDecodeChain build() {
      if (level1.isEmpty() && (level2.isEmpty() || level2Decoders.isEmpty()) && remote == null) {
        throw new IllegalStateException("no decode level enabled");
      }
      return new QrDecodeChain(this);
    }
  }
}
