package io.qrvid.core;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Encodes arbitrary payloads (a URL, any text, raw bytes) as standalone QR images for people and phone scanners,
 * in PNG or SVG, with a chosen size, margin, error-correction level and colours.
 *
 * <pre>{@code
 * QrImageWriter writer = QrImageWriter.builder().size(300).margin(4).errorCorrection(ErrorCorrection.M).build();
 * QrImage image = writer.encode("https://example.org");
 * image.writePng(Path.of("example.png"));
 * String html = "<img src=\"" + image.toDataUri(ImageFormat.PNG) + "\">";
 * }</pre>
 *
 * <p>The symbol uses the smallest QR version that holds the payload and ZXing's best mask. Text is encoded as
 * UTF-8 (with an ECI designator when it is not plain ASCII, as ZXing's own writer does); raw bytes go into byte
 * mode unchanged without ECI. Defaults: size 256 pixels, margin 4 modules (the standard quiet zone), level M,
 * black on white. Immutable and thread-safe.
 */
public final class QrImageWriter {
  private final int size;
  private final int margin;
  private final ErrorCorrection errorCorrection;
  private final int foreground;
  private final int background;

  private QrImageWriter(Builder b) {
    size = b.size;
    margin = b.margin;
    errorCorrection = b.errorCorrection;
    foreground = b.foreground;
    background = b.background;
  }

  /** {@return a builder with the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a writer with the defaults} */
  public static QrImageWriter defaults() {
    return builder().build();
  }

  /** {@return a builder initialised from this writer} */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** {@return the requested image side in pixels} */
  public int size() {
    return size;
  }

  /** {@return the margin (quiet zone) in modules} */
  public int margin() {
    return margin;
  }

  /** {@return the error-correction level} */
  public ErrorCorrection errorCorrection() {
    return errorCorrection;
  }

  /** {@return the colour of dark modules, {@code 0xAARRGGBB}} */
  public int foreground() {
    return foreground;
  }

  /** {@return the colour of light modules and the margin, {@code 0xAARRGGBB}} */
  public int background() {
    return background;
  }

  /**
   * Encodes text as UTF-8.
   *
   * @param text the content
   * @return the symbol, at the smallest version that holds the text
   * @throws QrEncodingException if the text does not fit a version 40 symbol at this level
   * @throws NullPointerException if {@code text} is null
   */
  public QrImage encode(String text) {
    Objects.requireNonNull(text, "text == null");
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
    return encode(text, hints, text.getBytes(StandardCharsets.UTF_8).length);
  }

  /**
   * Encodes raw bytes in byte mode, without ECI.
   *
   * @param content the content bytes; not modified
   * @return the symbol, at the smallest version that holds the bytes
   * @throws QrEncodingException if the bytes do not fit a version 40 symbol at this level
   * @throws NullPointerException if {@code content} is null
   */
  public QrImage encode(byte[] content) {
    Objects.requireNonNull(content, "content == null");
    return encode(new String(content, StandardCharsets.ISO_8859_1), new EnumMap<>(EncodeHintType.class),
        content.length);
  }

  private QrImage encode(String s, Map<EncodeHintType, Object> hints, int bytes) {
    QRCode code;
    try {
      code = Encoder.encode(s, FrameLayout.zxingLevel(errorCorrection), hints);
    } catch (WriterException e) {
      throw new QrEncodingException("cannot encode " + bytes + " bytes at level " + errorCorrection + " (at most "
          + FrameLayout.capacity(40, errorCorrection) + "): " + e.getMessage(), -1, e);
    }
    ByteMatrix m = code.getMatrix();
    int n = m.getWidth();
    boolean[] modules = new boolean[n * n];
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        modules[y * n + x] = m.get(x, y) == 1;
      }
    }
    return new QrImage(modules, n, code.getVersion().getVersionNumber(), this);
  }

  /** Configures a {@link QrImageWriter}. Mutable and not thread-safe. */
  public static final class Builder {
    private int size = 256;
    private int margin = 4;
    private ErrorCorrection errorCorrection = ErrorCorrection.M;
    private int foreground = 0xFF000000;
    private int background = 0xFFFFFFFF;

    private Builder() {}

    private Builder(QrImageWriter w) {
      size = w.size;
      margin = w.margin;
      errorCorrection = w.errorCorrection;
      foreground = w.foreground;
      background = w.background;
    }

    /**
     * The image side in pixels (default 256). Each module gets the largest whole number of pixels that fits
     * ({@code size / (modules + 2 * margin)}, at least 1) and the symbol is centred; if even one pixel per module
     * does not fit, the image grows to {@code modules + 2 * margin} pixels. SVG images use it as their width and
     * height.
     *
     * @param pixels the requested image side in pixels, 1..8192
     * @return this builder
     * @throws IllegalArgumentException unless 1..8192
     */
    public Builder size(int pixels) {
      if (pixels < 1 || pixels > 8192) {
        throw new IllegalArgumentException("size not in 1..8192: " + pixels);
      }
      this.size = pixels;
      return this;
    }

    /**
     * The margin (quiet zone) in modules (default 4).
     *
     * @param modules the quiet-zone width in modules, 0..64
     * @return this builder
     * @throws IllegalArgumentException unless 0..64
     */
    public Builder margin(int modules) {
      if (modules < 0 || modules > 64) {
        throw new IllegalArgumentException("margin not in 0..64: " + modules);
      }
      this.margin = modules;
      return this;
    }

    /**
     * The error-correction level (default M).
     *
     * @param level the error-correction level
     * @return this builder
     * @throws NullPointerException if {@code level} is null
     */
    public Builder errorCorrection(ErrorCorrection level) {
      this.errorCorrection = Objects.requireNonNull(level, "level == null");
      return this;
    }

    /**
     * The colours as {@code 0xAARRGGBB} (default opaque black on opaque white). Scanners need dark modules on a
     * lighter background.
     *
     * @param foreground the colour of dark modules, {@code 0xAARRGGBB}
     * @param background the colour of light modules and the margin, {@code 0xAARRGGBB}
     * @return this builder
     */
    public Builder colors(int foreground, int background) {
      this.foreground = foreground;
      this.background = background;
      return this;
    }

    /**
     * Builds the writer.
     *
     * @return the immutable writer; the builder can be reused
     */
    public QrImageWriter build() {
      return new QrImageWriter(this);
    }
  }
}
