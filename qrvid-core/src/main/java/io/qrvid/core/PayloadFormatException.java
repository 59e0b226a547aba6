package io.qrvid.core;

/**
 * Thrown when bytes read from a symbol are not a valid qrvid payload, or when reassembled parts fail their
 * checks (wrong magic, unsupported format version, inconsistent parts, CRC32C mismatch, corrupt Deflate data).
 */
public class PayloadFormatException extends QrvidException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with a message that says what was wrong and where.
   *
   * @param message what was wrong and where
   */
  public PayloadFormatException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a message and the low-level failure behind it.
   *
   * @param message what was wrong and where
   * @param cause the low-level failure, e.g. a {@link java.util.zip.DataFormatException}
   */
  public PayloadFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
