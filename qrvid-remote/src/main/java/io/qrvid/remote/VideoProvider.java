package io.qrvid.remote;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import okhttp3.Headers;
import okhttp3.Request;

/**
 * The provider SPI: maps qrvid's lifecycle onto one remote API. Implementations build requests and parse responses;
 * they never execute HTTP calls, retry, sleep or touch files, so they are small and easy to test. The client does the
 * rest. Implementations must be immutable and thread-safe.
 *
 * <p>Built-in: {@link GeminiVeoProvider}, {@link VertexVeoProvider}, {@link OpenAiVideosProvider},
 * {@link GenericJobProvider}.
 */
public interface VideoProvider {
  /** Returns a short provider name stored in records, e.g. {@code "gemini-veo"}. */
  String name();

  /** Returns the model used when the request does not override it. */
  String defaultModel();

  /** Returns what {@code model} accepts; the client applies it before submitting. */
  ProviderCapabilities capabilities(String model);

  /**
   * Returns the request that creates the job for an already validated and capability-checked request.
   *
   * @param model the model to use
   */
  Request submitRequest(GenerationRequest request, String model);

  /**
   * Extracts the operation id from a 2xx submit response.
   *
   * @throws RemoteVideoException if the body has no id
   */
  String parseOperationId(JsonNode submitResponse);

  /** Returns the request that reads the status of {@code operationId}. */
  Request pollRequest(String operationId);

  /**
   * Interprets a 2xx status response.
   *
   * @throws RemoteVideoException if the body cannot be interpreted
   */
  JobStatus parseStatus(JsonNode statusResponse, Headers headers);

  /**
   * Returns the request that downloads the video of a SUCCEEDED status without inline bytes. Credentials added
   * here are dropped by the client when a redirect leaves the request's host.
   *
   * @throws GenerationFailedException if the reference cannot be downloaded (kind INVALID_OUTPUT)
   */
  Request downloadRequest(String operationId, JobStatus status);

  /** Returns the request that cancels the job, or empty if the provider has no cancel (Veo, OpenAI videos). */
  Optional<Request> cancelRequest(String operationId);

  /**
   * Returns true if a 429 (or other error) response means the account quota is used up, so retrying is pointless.
   * The default recognises OpenAI's {@code insufficient_quota} and Google's "exceeded your current quota".
   *
   * @param body the parsed error body, or a missing node if it was not JSON
   */
  default boolean isQuotaExhausted(int statusCode, JsonNode body) {
    return io.qrvid.remote.internal.ErrorBodies.isQuotaExhausted(statusCode, body);
  }
}
