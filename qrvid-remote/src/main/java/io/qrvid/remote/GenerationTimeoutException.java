package io.qrvid.remote;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a generation did not finish within {@link TextToVideoClient.Builder#timeout(Duration)}. The provider
 * job may still be running: the record keeps its operation id, so {@link TextToVideoClient#resume(String,
 * ProgressListener)} can pick it up later without submitting a second job.
 */
public class GenerationTimeoutException extends RemoteVideoException {
  private static final long serialVersionUID = 1L;

  /** The overall timeout that elapsed. */
  private final Duration timeout;

  /**
   * Creates an exception.
   *
   * @param timeout the overall timeout that elapsed
   * @param operationId the operation id, if the job had been accepted
   * @param cause the last failure seen while waiting, if any
   */
  public GenerationTimeoutException(Duration timeout, @Nullable String operationId, @Nullable Throwable cause) {
    super("generation did not finish within " + describe(timeout), -1, null, operationId, cause);
    this.timeout = timeout;
  }

  private static String describe(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 != 0) {
      return ms + " ms";
    }
    long s = ms / 1000;
    return s % 60 == 0 && s > 0 ? s / 60 + " min" : s + " s";
  }

  /** {@return the overall timeout that elapsed} */
  public Duration timeout() {
    return timeout;
  }
}
