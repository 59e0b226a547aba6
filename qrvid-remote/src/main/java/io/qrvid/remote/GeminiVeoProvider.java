package io.qrvid.remote;

import io.qrvid.remote.internal.Json;
import io.qrvid.remote.internal.Veo;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * Veo on the Gemini Developer API (API key). Immutable and thread-safe.
 *
 * <ul>
 *   <li>Submit: {@code POST {base}/models/{model}:predictLongRunning} with {@code instances[0].prompt} and
 *       {@code parameters.{sampleCount,durationSeconds,aspectRatio,resolution,negativePrompt}}.
 *   <li>Poll: {@code GET {base}/{operation name}}; result at
 *       {@code response.generateVideoResponse.generatedSamples[0].video.uri} (or inline {@code encodedVideo}).
 *   <li>Download: {@code GET {uri}}. The key is a credential for the API's origin only: a {@code uri} on another
 *       host, or a redirect that leaves the origin, gets no {@code x-goog-api-key} (OkHttp alone would forward it).
 *   <li>No cancel: neither python-genai nor java-genai offers one; cancelling stops polling.
 *   <li>Seed and audio are rejected by the Gemini API (python-genai raises for them outside Vertex), so the
 *       capability check rejects or drops them.
 * </ul>
 * Sources: research/videogen.md §1.1 (python-genai {@code models.py}, {@code operations.py}).
 *
 * <pre>{@code
 * VideoProvider veo = GeminiVeoProvider.builder().apiKey(System.getenv("GEMINI_API_KEY")).build();
 * }</pre>
 */
public final class GeminiVeoProvider implements VideoProvider {
  /** The public endpoint. */
  public static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com/v1beta/";
  /** The default model. */
  public static final String DEFAULT_MODEL = "veo-3.1-generate-preview";

  private final HttpUrl baseUrl;
  private final String apiKey;
  private final String model;

  private GeminiVeoProvider(Builder b) {
    baseUrl = b.baseUrl;
    apiKey = Objects.requireNonNull(b.apiKey, "apiKey not set");
    model = b.model;
  }

  /** {@return a builder (base URL {@value #DEFAULT_BASE_URL}, model {@value #DEFAULT_MODEL})} */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "gemini-veo";
  }

  @Override
  public String defaultModel() {
    return model;
  }

  @Override
  public ProviderCapabilities capabilities(String model) {
    return Veo.capabilities(model, false);
  }

  /** Returns the origin of the base URL: the only one that receives the API key. */
  @Override
  public Set<URI> credentialOrigins() {
    return Set.of(baseUrl.uri());
  }

  @Override
  public ProviderRequest submitRequest(GenerationRequest request, String model) {
    HttpUrl url = baseUrl.newBuilder().addPathSegments("models/" + model + ":predictLongRunning").build();
    return ProviderRequest.builder("POST", url.uri()).credential("x-goog-api-key", apiKey)
        .jsonBody(Veo.body(request, false).toString()).build();
  }

  @Override
  public String parseOperationId(ProviderResponse submitResponse) {
    return Json.require(Json.parse(submitResponse), "/name", "operation name");
  }

  @Override
  public ProviderRequest pollRequest(String operationId) {
    return ProviderRequest.builder("GET", baseUrl.newBuilder().addPathSegments(operationId).build().uri())
        .credential("x-goog-api-key", apiKey).build();
  }

  @Override
  public JobStatus parseStatus(ProviderResponse statusResponse) {
    return Veo.status(statusResponse, "/response/generateVideoResponse/generatedSamples", false);
  }

  @Override
  public ProviderRequest downloadRequest(String operationId, JobStatus status) {
    String uri = status.videoUri().orElseThrow(() -> new GenerationFailedException(
        GenerationFailedException.Kind.INVALID_OUTPUT, null, "no video uri", java.util.List.of(), operationId));
    HttpUrl url = HttpUrl.parse(uri);
    if (url == null) {
      throw new GenerationFailedException(GenerationFailedException.Kind.INVALID_OUTPUT, null,
          "video uri is not http(s)", java.util.List.of(), operationId);
    }
    return ProviderRequest.builder("GET", url.uri()).credential("x-goog-api-key", apiKey).build();
  }

  @Override
  public Optional<ProviderRequest> cancelRequest(String operationId) {
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "GeminiVeoProvider{" + baseUrl + ", " + model + ", apiKey=***}";
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private HttpUrl baseUrl = HttpUrl.get(DEFAULT_BASE_URL);
    private @org.jspecify.annotations.Nullable String apiKey;
    private String model = DEFAULT_MODEL;

    private Builder() {}

    /**
     * Sets the API base URL (default {@value #DEFAULT_BASE_URL}); tests point it at a local server.
     *
     * @param url an http(s) URL; a missing trailing {@code /} is added
     * @return this builder
     * @throws IllegalArgumentException if not an http(s) URL
     * @throws NullPointerException if {@code url} is null
     */
    public Builder baseUrl(String url) {
      this.baseUrl = Providers.base(url);
      return this;
    }

    /**
     * Sets the API key, sent as {@code x-goog-api-key} and never logged.
     *
     * @param key the Gemini API key
     * @return this builder
     * @throws IllegalArgumentException if blank
     * @throws NullPointerException if {@code key} is null
     */
    public Builder apiKey(String key) {
      this.apiKey = Providers.secret(key, "apiKey");
      return this;
    }

    /**
     * Sets the default model (default {@value #DEFAULT_MODEL}).
     *
     * @param model the model name, matching {@code [A-Za-z0-9._-]+}
     * @return this builder
     * @throws IllegalArgumentException if blank
     * @throws NullPointerException if {@code model} is null
     */
    public Builder model(String model) {
      this.model = Providers.model(model);
      return this;
    }

    /**
     * Builds the provider.
     *
     * @return an immutable, thread-safe provider; the builder can be reused
     * @throws NullPointerException if no API key was set
     */
    public GeminiVeoProvider build() {
      return new GeminiVeoProvider(this);
    }
  }
}
