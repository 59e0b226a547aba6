package io.qrvid.decode;

import io.qrvid.core.QrvidException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when encoded image bytes cannot be scanned: they are in no supported {@link ImageFormat}, they are not a
 * readable image (truncated, corrupt, inconsistent header), or the header declares an image larger than the limit
 * ({@link ImageLoader.Builder#maxPixels(long)}). A readable image without a QR code is not an error: it yields a
 * "not found" {@link QrScanResult}.
 */
public final class QrImageException extends QrvidException {
  private static final long serialVersionUID = 2L;

  /** Why the image was rejected. */
  public enum Reason {
    /** The bytes are truncated, corrupt, or their header is inconsistent (the HTTP service answers 400). */
    UNREADABLE,
    /**
     * The header declares an image above the limit, checked before any pixel is decoded (the HTTP service answers
     * 413).
     */
    TOO_LARGE,
    /** The bytes are in no format listed in {@link ImageFormat} (the HTTP service answers 415). */
    UNSUPPORTED_FORMAT
  }

  /** Why the image was rejected. */
  private final Reason reason;
  /** The declared width in pixels, or -1 when unknown. */
  private final int width;
  /** The declared height in pixels, or -1 when unknown. */
  private final int height;

  /**
   * Creates the exception.
   *
   * @param reason why the image was rejected
   * @param message what is wrong, for people
   * @param width declared width, or -1 when unknown
   * @param height declared height, or -1 when unknown
   * @param cause the underlying failure, or null
   */
  public QrImageException(Reason reason, String message, int width, int height, @Nullable Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.width = width;
    this.height = height;
  }

  /**
   * Why the image was rejected.
   *
   * @return the reason, never null
   */
  public Reason reason() {
    return reason;
  }

  /**
   * The width declared in the image header.
   *
   * @return pixels, or -1 when unknown
   */
  public int width() {
    return width;
  }

  /**
   * The height declared in the image header.
   *
   * @return pixels, or -1 when unknown
   */
  public int height() {
    return height;
  }
}
