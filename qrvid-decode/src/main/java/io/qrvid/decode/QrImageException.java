package io.qrvid.decode;

import io.qrvid.core.QrvidException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when encoded image bytes (PNG, JPEG, GIF, BMP, ...) cannot be scanned because they are not a readable
 * image or because the image is larger than the configured limits. A readable image without a QR code is not an
 * error: it yields a "not found" {@link QrScanResult}.
 */
public final class QrImageException extends QrvidException {
  private static final long serialVersionUID = 1L;

  /** Why the image was rejected. */
  public enum Reason {
    /** The bytes are not an image in a format the JDK's ImageIO can read, or the data is truncated or corrupt. */
    UNREADABLE,
    /** The header declares dimensions above the limits (checked before any pixel is decoded). */
    TOO_LARGE
  }

  private final Reason reason;
  private final int width;
  private final int height;

  /**
   * Creates the exception.
   *
   * @param width declared width, or -1 when unknown
   * @param height declared height, or -1 when unknown
   */
  public QrImageException(Reason reason, String message, int width, int height, @Nullable Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.width = width;
    this.height = height;
  }

  /** Why the image was rejected. */
  public Reason reason() {
    return reason;
  }

  /** The width declared in the image header, or -1 when unknown. */
  public int width() {
    return width;
  }

  /** The height declared in the image header, or -1 when unknown. */
  public int height() {
    return height;
  }
}
