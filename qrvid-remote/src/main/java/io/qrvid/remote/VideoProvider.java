package io.qrvid.remote;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * The provider SPI: maps qrvid's lifecycle onto one remote API, in qrvid's own types only ({@link ProviderRequest},
 * {@link ProviderResponse}, {@link JobStatus}). Implementations build requests and interpret responses; they never
 * execute HTTP calls, retry, sleep or touch files, so they are small and easy to test. The client does the rest:
 * transport (OkHttp inside), redirects, retries, timeouts, size limits and the credential rule below.
 * Implementations must be immutable and thread-safe.
 *
 * <p><b>Credentials.</b> Every request's {@linkplain ProviderRequest#credentials() credential headers} are sent only
 * to an origin in {@link #credentialOrigins()}. A video URL chosen by the provider's response (Veo's {@code uri},
 * a generic job's output URL) on any other host, and every redirect hop that leaves those origins, goes out without
 * credentials. This is the client's rule for every provider; an implementation cannot opt out.
 *
 * <p>Built-in: {@link GeminiVeoProvider}, {@link VertexVeoProvider}, {@link OpenAiVideosProvider},
 * {@link GenericJobProvider}.
 */
public interface VideoProvider {
  /** {@return a short provider name stored in records, e.g. {@code "gemini-veo"}} */
  String name();

  /** {@return the model used when the request does not override it} */
  String defaultModel();

  /**
   * {@return what {@code model} accepts; the client applies it before submitting}
   *
   * @param model a model name of this provider
   */
  ProviderCapabilities capabilities(String model);

  /**
   * {@return the origins (scheme, host and port; any path is ignored) that may receive this provider's credentials,
   * typically the API's base URL and, for Vertex, the storage endpoint} Must not be empty.
   */
  Set<URI> credentialOrigins();

  /**
   * {@return the request that creates the job for an already validated and capability-checked request} The client
   * sends it at most once unless it provably never reached the server (connect failure) or was answered 429/503; a
   * redirect in answer to it is an error, never followed.
   *
   * @param model the model to use
   * @param request the request to send
   */
  ProviderRequest submitRequest(GenerationRequest request, String model);

  /**
   * Extracts the operation (job) id from a 2xx submit response.
   *
   * @param submitResponse the 2xx answer to {@link #submitRequest}
   * @return the operation id, never blank
   * @throws RemoteVideoException if the body has no id
   */
  String parseOperationId(ProviderResponse submitResponse);

  /**
   * {@return the request that reads the status of {@code operationId}}
   *
   * @param operationId the id {@link #parseOperationId} returned
   */
  ProviderRequest pollRequest(String operationId);

  /**
   * Interprets a 2xx status response.
   *
   * @param statusResponse the 2xx answer to {@link #pollRequest}
   * @return the job's state, progress and, when finished, its output or failure
   * @throws RemoteVideoException if the body cannot be interpreted
   */
  JobStatus parseStatus(ProviderResponse statusResponse);

  /**
   * {@return the request that downloads the video of a SUCCEEDED status without inline bytes}
   *
   * @param operationId the job's operation id
   * @param status the job's SUCCEEDED status
   * @throws GenerationFailedException if the reference cannot be downloaded (kind INVALID_OUTPUT)
   */
  ProviderRequest downloadRequest(String operationId, JobStatus status);

  /**
   * {@return the request that cancels the job, or empty if the provider has no cancel (Veo, OpenAI videos)}
   *
   * @param operationId the job's operation id
   */
  Optional<ProviderRequest> cancelRequest(String operationId);

  /**
   * {@return true if an error response means the account quota is used up, so retrying is pointless} The default
   * recognises OpenAI's {@code insufficient_quota} and Google's "exceeded your current quota" on 429 and 403.
   *
   * @param errorResponse a non-2xx response
   */
  default boolean isQuotaExhausted(ProviderResponse errorResponse) {
    return io.qrvid.remote.internal.ErrorBodies.isQuotaExhausted(errorResponse);
  }
}
