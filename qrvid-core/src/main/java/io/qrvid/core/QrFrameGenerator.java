package io.qrvid.core;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Encodes byte contents as QR symbols and renders them into frames: whole pixels per module, a white quiet zone,
 * one or several symbols per frame as set by a {@link FrameLayout}, written as 8-bit grey levels (0 = dark module,
 * 255 = light) straight into a luma plane. No {@code BufferedImage}, PNG or colour conversion is involved, so the
 * plane can be the Y plane of a video encoder's picture.
 *
 * <p>Contents go into QR byte mode as raw bytes (each byte one ISO-8859-1 character, no ECI segment), never
 * base64.
 *
 * <pre>{@code
 * QrFrameGenerator gen = QrFrameGenerator.builder()
 *     .layout(FrameLayout.builder().version(40).modulePixels(2).build())
 *     .maskPolicy(MaskPolicy.fixed(0))
 *     .build();
 * byte[] luma = gen.renderFrame(List.of(content));   // frameWidth * frameHeight bytes
 * }</pre>
 *
 * <p>Defaults: {@link FrameLayout#defaults()}, {@link MaskPolicy#searchBest()}. Instances are immutable and
 * thread-safe; rendering calls may run concurrently on different planes.
 */
public final class QrFrameGenerator {
  /** Grey level of a dark module. */
  public static final int DARK = 0;
  /** Grey level of a light module and of the quiet zone. */
  public static final int LIGHT = 255;

  private final FrameLayout layout;
  private final MaskPolicy maskPolicy;

  private QrFrameGenerator(Builder b) {
    this.layout = b.layout;
    this.maskPolicy = b.maskPolicy;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder initialised from this generator's settings. */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** The frame layout. */
  public FrameLayout layout() {
    return layout;
  }

  /** The mask policy. */
  public MaskPolicy maskPolicy() {
    return maskPolicy;
  }

  /**
   * Encodes one symbol's content to its module matrix, {@code symbolModules()} square, row-major, {@code true} for
   * dark modules (quiet zone not included).
   *
   * @throws QrEncodingException if the content does not fit the layout's version and level
   */
  public boolean[] encodeModules(byte[] content) {
    Objects.requireNonNull(content, "content == null");
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    hints.put(EncodeHintType.QR_VERSION, layout.version());
    if (maskPolicy.isFixed()) {
      hints.put(EncodeHintType.QR_MASK_PATTERN, maskPolicy.pattern());
    }
    QRCode code;
    try {
      code = Encoder.encode(new String(content, StandardCharsets.ISO_8859_1),
          FrameLayout.zxingLevel(layout.errorCorrection()), hints);
    } catch (WriterException e) {
      throw new QrEncodingException("cannot encode " + content.length + " bytes as a version " + layout.version()
          + "-" + layout.errorCorrection() + " symbol (capacity " + layout.symbolCapacity() + "): "
          + e.getMessage(), -1, e);
    }
    ByteMatrix m = code.getMatrix();
    int n = m.getWidth();
    boolean[] modules = new boolean[n * n];
    byte[][] rows = m.getArray();
    for (int y = 0; y < n; y++) {
      byte[] row = rows[y];
      for (int x = 0; x < n; x++) {
        modules[y * n + x] = row[x] == 1;
      }
    }
    return modules;
  }

  /**
   * Renders a whole frame into a new luma plane of {@code frameWidth * frameHeight} bytes, no row padding.
   *
   * @param contents one content per slot, at most {@link FrameLayout#symbolsPerFrame()}; empty slots stay white
   * @throws IllegalArgumentException if there are more contents than slots
   * @throws QrEncodingException if a content does not fit a symbol
   */
  public byte[] renderFrame(List<byte[]> contents) {
    byte[] luma = new byte[layout.frameWidth() * layout.frameHeight()];
    renderFrame(contents, luma, 0, layout.frameWidth());
    return luma;
  }

  /**
   * Renders a whole frame into an existing luma plane, such as a video picture's Y plane with row padding.
   *
   * @param plane the destination; every pixel of the frame is written
   * @param offset index of the frame's top-left pixel in {@code plane}
   * @param stride bytes from one row to the next, at least {@link FrameLayout#frameWidth()}
   * @throws IllegalArgumentException if there are more contents than slots, or the plane is too small
   * @throws QrEncodingException if a content does not fit a symbol
   */
  public void renderFrame(List<byte[]> contents, byte[] plane, int offset, int stride) {
    if (contents.size() > layout.symbolsPerFrame()) {
      throw new IllegalArgumentException(contents.size() + " contents for " + layout.symbolsPerFrame() + " slots");
    }
    int w = layout.frameWidth();
    int h = layout.frameHeight();
    if (stride < w || offset < 0 || (long) offset + (long) stride * (h - 1) + w > plane.length) {
      throw new IllegalArgumentException("plane too small for " + w + "x" + h + " at stride " + stride);
    }
    for (int y = 0; y < h; y++) {
      Arrays.fill(plane, offset + y * stride, offset + y * stride + w, (byte) LIGHT);
    }
    for (int slot = 0; slot < contents.size(); slot++) {
      drawModules(encodeModules(contents.get(slot)), plane, offset, stride, slot);
    }
  }

  /** Draws an encoded module matrix into {@code slot} of a frame that is already white. */
  public void drawModules(boolean[] modules, byte[] plane, int offset, int stride, int slot) {
    int n = layout.symbolModules();
    if (modules.length != n * n) {
      throw new IllegalArgumentException("modules.length " + modules.length + " != " + n + "^2");
    }
    int px = layout.modulePixels();
    int x0 = layout.symbolX(slot);
    int y0 = layout.symbolY(slot);
    byte[] row = new byte[n * px];
    for (int my = 0; my < n; my++) {
      for (int mx = 0; mx < n; mx++) {
        Arrays.fill(row, mx * px, mx * px + px, modules[my * n + mx] ? (byte) DARK : (byte) LIGHT);
      }
      int base = offset + (y0 + my * px) * stride + x0;
      for (int r = 0; r < px; r++) {
        System.arraycopy(row, 0, plane, base + r * stride, row.length);
      }
    }
  }

  /** Configures a {@link QrFrameGenerator}. Mutable and not thread-safe. */
  public static final class Builder {
    private FrameLayout layout = FrameLayout.defaults();
    private MaskPolicy maskPolicy = MaskPolicy.searchBest();

    private Builder() {}

    private Builder(QrFrameGenerator g) {
      layout = g.layout;
      maskPolicy = g.maskPolicy;
    }

    /** The frame layout (default {@link FrameLayout#defaults()}). */
    public Builder layout(FrameLayout layout) {
      this.layout = Objects.requireNonNull(layout, "layout == null");
      return this;
    }

    /** The mask policy (default {@link MaskPolicy#searchBest()}). */
    public Builder maskPolicy(MaskPolicy policy) {
      this.maskPolicy = Objects.requireNonNull(policy, "policy == null");
      return this;
    }

    /** Builds the generator. */
    public QrFrameGenerator build() {
      return new QrFrameGenerator(this);
    }
  }
}
