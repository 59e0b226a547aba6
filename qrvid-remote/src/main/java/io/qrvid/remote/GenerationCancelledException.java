package io.qrvid.remote;

import org.jspecify.annotations.Nullable;

/**
 * Reports a generation that was cancelled, either by the caller ({@link TextToVideoClient#cancel(String)}, or by
 * cancelling the future) or by the provider (a job whose state became cancelled). A cancelled future itself
 * completes with {@link java.util.concurrent.CancellationException}, as {@link java.util.concurrent.Future}
 * requires; this type is what the store records and what a provider-side cancellation completes the future with.
 */
public class GenerationCancelledException extends RemoteVideoException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what was cancelled and by whom
   * @param operationId the operation id, if known
   */
  public GenerationCancelledException(String message, @Nullable String operationId) {
    super(message, -1, null, operationId, null);
  }
}
