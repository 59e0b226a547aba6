package io.qrvid.remote;

import io.qrvid.core.QrvidException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Base of every failure of the remote text-to-video client: an HTTP error the client does not retry, a protocol
 * violation (an unparseable response), or an I/O failure. Subtypes name the cases callers commonly react to:
 * {@link QuotaExceededException}, {@link GenerationTimeoutException}, {@link GenerationFailedException},
 * {@link GenerationCancelledException} and {@link RetriesExhaustedException}.
 */
public class RemoteVideoException extends QrvidException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status, or -1. */
  private final int statusCode;
  /** The provider's request id, or null. */
  private final @Nullable String requestId;
  /** The operation id, or null. */
  private final @Nullable String operationId;

  /**
   * Creates an exception.
   *
   * @param message what failed; never contains a prompt or an API key
   * @param statusCode the HTTP status of the failing response, or {@code -1} if there was none
   * @param requestId the provider's request id header, if any
   * @param operationId the provider's operation (job) id, if known
   * @param cause the underlying failure, if any
   */
  public RemoteVideoException(String message, int statusCode, @Nullable String requestId,
      @Nullable String operationId, @Nullable Throwable cause) {
    super(message, cause);
    this.statusCode = statusCode;
    this.requestId = requestId;
    this.operationId = operationId;
  }

  /**
   * Creates an exception without HTTP context.
   *
   * @param message what failed; never contains a prompt or an API key
   * @param cause the underlying failure, if any
   */
  public RemoteVideoException(String message, @Nullable Throwable cause) {
    this(message, -1, null, null, cause);
  }

  /** {@return the HTTP status code of the failing response, or {@code -1} if no response was received} */
  public int statusCode() {
    return statusCode;
  }

  /** {@return the provider's request id ({@code x-request-id} and similar headers), if the response had one} */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** {@return the provider operation (job) id, if the job had been accepted when this failure occurred} */
  public Optional<String> operationId() {
    return Optional.ofNullable(operationId);
  }
}
