package io.qrvid.decode;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A layered QR decoder: cheap decoders first, more expensive ones only when the cheap ones fail.
 *
 * <p>This first version runs ZXing's pure-barcode decoder (for clean, axis-aligned symbols with a quiet zone, such
 * as qrvid's own frames) and then ZXing's hybrid binarizer with {@code TRY_HARDER}.
 *
 * <pre>{@code
 * QrDecodeChain chain = QrDecodeChain.builder().build();
 * QrScanResult r = chain.scan(image);
 * if (r.found()) System.out.println(r.text().orElseThrow());
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe: each scan creates its own ZXing reader and bitmap.
 */
public final class QrDecodeChain {
  private QrDecodeChain(Builder builder) {}

  /** A builder with the default levels. */
  public static Builder builder() {
    return new Builder();
  }

  /** The chain with default settings. */
  public static QrDecodeChain defaults() {
    return builder().build();
  }

  /**
   * Scans an image of any {@link BufferedImage} type.
   *
   * @return the first symbol found, or {@link QrScanResult#notFound} when no decoder read one
   * @throws NullPointerException if {@code image} is null
   */
  public QrScanResult scan(BufferedImage image) {
    Objects.requireNonNull(image, "image == null");
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] luma = new byte[w * h];
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      image.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int p = row[x];
        int r = (p >> 16) & 0xff;
        int g = (p >> 8) & 0xff;
        int b = p & 0xff;
        luma[y * w + x] = (byte) ((r * 306 + g * 601 + b * 117) >> 10);
      }
    }
    return scanLuma(luma, w, h);
  }

  /**
   * Scans an 8-bit luma plane (one byte per pixel, row-major, no padding), such as the Y plane of a decoded video
   * frame.
   *
   * @param luma {@code width * height} grey levels, 0 = black; not modified
   * @throws IllegalArgumentException if the array is shorter than {@code width * height} or a dimension is not
   *     positive
   */
  public QrScanResult scanLuma(byte[] luma, int width, int height) {
    Objects.requireNonNull(luma, "luma == null");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("width and height must be positive: " + width + "x" + height);
    }
    if (luma.length < width * height) {
      throw new IllegalArgumentException("luma.length " + luma.length + " < " + width + "*" + height);
    }
    long start = System.nanoTime();
    LuminanceSource source = new PlanarYUVLuminanceSource(luma, width, height, 0, 0, width, height, false);
    Result result = attempt(source, true);
    String decoder = "zxing-pure";
    if (result == null) {
      result = attempt(source, false);
      decoder = "zxing-hybrid";
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    if (result == null) {
      return QrScanResult.notFound(ms);
    }
    return QrScanResult.found(result.getText(), rawBytesOf(result), decoder, ms);
  }

  private static Result attempt(LuminanceSource source, boolean pure) {
    Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
    if (pure) {
      hints.put(DecodeHintType.PURE_BARCODE, Boolean.TRUE);
    } else {
      hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
    }
    try {
      return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints);
    } catch (NotFoundException | ChecksumException | FormatException e) {
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  static byte[] rawBytesOf(Result result) {
    Object segments = result.getResultMetadata() == null
        ? null : result.getResultMetadata().get(ResultMetadataType.BYTE_SEGMENTS);
    if (segments instanceof List<?>) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (byte[] segment : (List<byte[]>) segments) {
        out.writeBytes(segment);
      }
      return out.toByteArray();
    }
    return result.getText().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Configures a {@link QrDecodeChain}. Mutable and not thread-safe; {@link #build()} may be called repeatedly. */
  public static final class Builder {
    private Builder() {}

    /** Builds an immutable chain. */
    public QrDecodeChain build() {
      return new QrDecodeChain(this);
    }
  }
}
