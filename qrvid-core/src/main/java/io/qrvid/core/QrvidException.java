package io.qrvid.core;

import org.jspecify.annotations.Nullable;

/**
 * The unchecked root of every exception qrvid throws on its own account.
 *
 * <p>Subclasses live in the module that throws them and carry context getters (a chunk index, an output path, an
 * HTTP status). Misuse of an API (a null argument, an out-of-range value, a call in the wrong state) is reported
 * with the JDK's {@link NullPointerException}, {@link IllegalArgumentException} and
 * {@link IllegalStateException} instead, and file or socket I/O failures surface as {@link java.io.IOException}.
 */
public class QrvidException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message and no cause.
   *
   * @param message what went wrong, for people
   */
  public QrvidException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the failure that caused it.
   *
   * @param message what went wrong, for people
   * @param cause the underlying failure, or null
   */
  public QrvidException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
