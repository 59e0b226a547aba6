package io.qrvid.examples.bench.synthetic;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.decoder.Version;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One real QR symbol made by ZXing's encoder ({@code com.google.zxing.qrcode.encoder.Encoder}): its module
 * matrix, version, error-correction level, mask pattern, and the content it encodes.
 *
 * <p>Byte-mode content that is not plain ASCII is encoded with an ECI designator for its character set (UTF-8 or
 * ISO-8859-1), as ZXing does when a character set is given, so every conforming decoder returns exactly
 * {@link #text()}. Immutable; {@link #dark(int, int)} reads the matrix.
 */
public final class QrSymbol {
  private final String text;
  private final byte[] bytes;
  private final boolean[] modules;
  private final int size;
  private final int version;
  private final ErrorCorrectionLevel ec;
  private final int mask;

  private QrSymbol(String text, byte[] bytes, boolean[] modules, int size, int version, ErrorCorrectionLevel ec,
      int mask) {
    this.text = text;
    this.bytes = bytes;
    this.modules = modules;
    this.size = size;
    this.version = version;
    this.ec = ec;
    this.mask = mask;
  }

  /**
   * Encodes {@code text}.
   *
   * @param charset the byte-mode character set: UTF-8 for text, ISO-8859-1 for binary content given as one char
   *     per byte; ignored for numeric, alphanumeric and plain-ASCII content
   * @param version 1..40, or 0 for the smallest that fits
   * @param mask 0..7, or -1 for ZXing's choice by the ISO/IEC 18004 penalty rules
   * @param compact whether ZXing's minimal encoder may mix numeric, alphanumeric and byte segments
   * @throws WriterException if the content does not fit the requested version
   */
  public static QrSymbol encode(String text, Charset charset, ErrorCorrectionLevel ec, int version, int mask,
      boolean compact) throws WriterException {
    Objects.requireNonNull(text, "text == null");
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    boolean ascii = text.chars().allMatch(c -> c < 0x80);
    if (!ascii) {
      hints.put(EncodeHintType.CHARACTER_SET, charset.name());
    }
    if (version > 0) {
      hints.put(EncodeHintType.QR_VERSION, version);
    }
    if (mask >= 0) {
      hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
    }
    if (compact) {
      hints.put(EncodeHintType.QR_COMPACT, Boolean.TRUE);
    }
    QRCode qr = Encoder.encode(text, ec, hints);
    ByteMatrix m = qr.getMatrix();
    int n = m.getWidth();
    boolean[] modules = new boolean[n * n];
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        modules[y * n + x] = m.get(x, y) == 1;
      }
    }
    byte[] bytes = text.getBytes(ascii ? StandardCharsets.US_ASCII : charset);
    return new QrSymbol(text, bytes, modules, n, qr.getVersion().getVersionNumber(), ec, qr.getMaskPattern());
  }

  /** The content as every conforming decoder returns it. */
  public String text() {
    return text;
  }

  /** The content bytes (UTF-8, ISO-8859-1 or ASCII, as encoded); a copy. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Modules per side, 17 + 4 x version. */
  public int size() {
    return size;
  }

  /** The version, 1..40. */
  public int version() {
    return version;
  }

  /** The error-correction level. */
  public ErrorCorrectionLevel ec() {
    return ec;
  }

  /** The mask pattern, 0..7. */
  public int mask() {
    return mask;
  }

  /** Whether the module in column {@code x}, row {@code y} is dark. */
  public boolean dark(int x, int y) {
    return modules[y * size + x];
  }

  /** ZXing's version object for {@link #version()}. */
  Version zxingVersion() {
    return Version.getVersionForNumber(version);
  }
}
