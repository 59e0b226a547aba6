package io.qrvid.remote;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when the provider reports that the account's quota (not a short-term rate limit) is used up, for example
 * OpenAI's {@code insufficient_quota} or Google's "You exceeded your current quota". Such a failure is never retried:
 * Google documents it as sticky until the daily reset. Also thrown when the server asks to wait longer than
 * {@link RetryOptions#maxRetryAfter()}.
 */
public class QuotaExceededException extends RemoteVideoException {
  private static final long serialVersionUID = 1L;

  /** The delay the server asked for, or null. */
  private final @Nullable Duration retryAfter;

  /**
   * Creates an exception.
   *
   * @param message description, never containing a prompt or a key
   * @param statusCode the HTTP status (usually 429)
   * @param requestId the request id, if any
   * @param operationId the operation id, if known
   * @param retryAfter the delay the server asked for, if any
   */
  public QuotaExceededException(String message, int statusCode, @Nullable String requestId,
      @Nullable String operationId, @Nullable Duration retryAfter) {
    super(message, statusCode, requestId, operationId, null);
    this.retryAfter = retryAfter;
  }

  /** {@return the delay the server asked for ({@code Retry-After} or {@code RetryInfo}), if it sent one} */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
