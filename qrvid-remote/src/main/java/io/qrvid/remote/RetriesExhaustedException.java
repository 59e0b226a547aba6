package io.qrvid.remote;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a retryable failure (an I/O error, HTTP 408/429 rate limit/5xx) persisted through every attempt the
 * {@link RetryOptions} allow. The cause is the last failure.
 */
public class RetriesExhaustedException extends RemoteVideoException {
  private static final long serialVersionUID = 1L;

  /** How many attempts were made. */
  private final int attempts;

  /**
   * Creates an exception.
   *
   * @param attempts how many attempts were made (at least 1)
   * @param statusCode the last HTTP status, or {@code -1}
   * @param requestId the last request id, if any
   * @param operationId the operation id, if known
   * @param cause the last failure
   */
  public RetriesExhaustedException(int attempts, int statusCode, @Nullable String requestId,
      @Nullable String operationId, Throwable cause) {
    super("gave up after " + attempts + " attempts: " + cause.getMessage(), statusCode, requestId, operationId,
        cause);
    this.attempts = attempts;
  }

  /** {@return how many attempts were made before giving up} */
  public int attempts() {
    return attempts;
  }
}
