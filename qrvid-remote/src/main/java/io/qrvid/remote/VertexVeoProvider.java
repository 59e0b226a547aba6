package io.qrvid.remote;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrvid.remote.internal.Json;
import io.qrvid.remote.internal.Veo;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * Veo on Vertex AI (OAuth bearer token). Immutable and thread-safe if the token supplier is.
 *
 * <ul>
 *   <li>Submit: {@code POST {base}/projects/{p}/locations/{l}/publishers/google/models/{m}:predictLongRunning}, the
 *       Gemini body plus {@code parameters.seed}, {@code generateAudio} and optionally {@code storageUri}.
 *   <li>Poll: {@code POST {resource}:fetchPredictOperation} with {@code {"operationName": name}}, where the
 *       resource is the operation name before {@code /operations/} (not a plain GET; java-genai
 *       {@code Operations.get}).
 *   <li>Result: {@code response.videos[0].gcsUri} or inline {@code bytesBase64Encoded}. A {@code gs://bucket/obj}
 *       URI is downloaded from {@link Builder#storageBaseUrl} ({@code https://storage.googleapis.com/bucket/obj})
 *       with the same bearer token. The token is a credential for these two origins only
 *       ({@link #credentialOrigins()}): any other URL, and any redirect leaving them, gets none.
 *   <li>No cancel (neither Google SDK offers one for video operations).
 * </ul>
 * Sources: research/videogen.md §1.2. The token comes from a {@code Supplier<String>} so that qrvid needs no Google
 * auth library; call it with e.g. {@code gcloud auth print-access-token} output or google-auth-library.
 */
public final class VertexVeoProvider implements VideoProvider {
  /** The default model. */
  public static final String DEFAULT_MODEL = "veo-3.0-generate-001";

  private final HttpUrl baseUrl;
  private final String project;
  private final String location;
  private final String model;
  private final Supplier<String> token;
  private final HttpUrl storageBaseUrl;
  private final @Nullable String storageUri;

  private VertexVeoProvider(Builder b) {
    project = Objects.requireNonNull(b.project, "project not set");
    location = b.location;
    baseUrl = b.baseUrl != null ? b.baseUrl : HttpUrl.get("https://" + location + "-aiplatform.googleapis.com/v1/");
    model = b.model;
    token = Objects.requireNonNull(b.token, "bearerToken not set");
    storageBaseUrl = b.storageBaseUrl;
    storageUri = b.storageUri;
  }

  /** {@return a builder (location {@code us-central1}, model {@value #DEFAULT_MODEL})} */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "vertex-veo";
  }

  @Override
  public String defaultModel() {
    return model;
  }

  @Override
  public ProviderCapabilities capabilities(String model) {
    return Veo.capabilities(model, true);
  }

  /** Returns the origins of the API base URL and of the storage endpoint: the only ones that receive the token. */
  @Override
  public Set<URI> credentialOrigins() {
    return Set.of(baseUrl.uri(), storageBaseUrl.uri());
  }

  @Override
  public ProviderRequest submitRequest(GenerationRequest request, String model) {
    ObjectNode body = Veo.body(request, true);
    if (storageUri != null) {
      ((ObjectNode) body.path("parameters")).put("storageUri", storageUri);
    }
    HttpUrl url = baseUrl.newBuilder().addPathSegments("projects/" + project + "/locations/" + location
        + "/publishers/google/models/" + model + ":predictLongRunning").build();
    return auth(ProviderRequest.builder("POST", url.uri())).jsonBody(body.toString()).build();
  }

  @Override
  public String parseOperationId(ProviderResponse submitResponse) {
    return Json.require(Json.parse(submitResponse), "/name", "operation name");
  }

  @Override
  public ProviderRequest pollRequest(String operationId) {
    int i = operationId.indexOf("/operations/");
    String resource = i < 0 ? operationId : operationId.substring(0, i);
    HttpUrl url = baseUrl.newBuilder().addPathSegments(resource + ":fetchPredictOperation").build();
    ObjectNode body = Json.object().put("operationName", operationId);
    return auth(ProviderRequest.builder("POST", url.uri())).jsonBody(body.toString()).build();
  }

  @Override
  public JobStatus parseStatus(ProviderResponse statusResponse) {
    return Veo.status(statusResponse, "/response/videos", true);
  }

  @Override
  public ProviderRequest downloadRequest(String operationId, JobStatus status) {
    String uri = status.videoUri().orElseThrow(() -> new GenerationFailedException(
        GenerationFailedException.Kind.INVALID_OUTPUT, null, "no video uri", List.of(), operationId));
    HttpUrl url;
    if (uri.startsWith("gs://")) {
      url = storageBaseUrl.newBuilder().addPathSegments(uri.substring(5)).build();
    } else {
      url = HttpUrl.parse(uri);
    }
    if (url == null) {
      throw new GenerationFailedException(GenerationFailedException.Kind.INVALID_OUTPUT, null,
          "unsupported video uri scheme", List.of(), operationId);
    }
    return auth(ProviderRequest.builder("GET", url.uri())).build();
  }

  @Override
  public Optional<ProviderRequest> cancelRequest(String operationId) {
    return Optional.empty();
  }

  private ProviderRequest.Builder auth(ProviderRequest.Builder b) {
    return b.credential("Authorization", "Bearer " + token.get());
  }

  @Override
  public String toString() {
    return "VertexVeoProvider{" + baseUrl + ", " + project + "/" + location + ", " + model + "}";
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private @Nullable HttpUrl baseUrl;
    private @Nullable String project;
    private String location = "us-central1";
    private String model = DEFAULT_MODEL;
    private @Nullable Supplier<String> token;
    private HttpUrl storageBaseUrl = HttpUrl.get("https://storage.googleapis.com/");
    private @Nullable String storageUri;

    private Builder() {}

    /**
     * Sets the base URL (default {@code https://{location}-aiplatform.googleapis.com/v1/}).
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
     * Sets the Google Cloud project id.
     *
     * @param project the project id (not its number or display name); required
     * @return this builder
     * @throws IllegalArgumentException if empty or it has a character other than {@code [A-Za-z0-9._-]}
     * @throws NullPointerException if {@code project} is null
     */
    public Builder project(String project) {
      this.project = Providers.model(project);
      return this;
    }

    /**
     * Sets the location (default {@code us-central1}).
     *
     * @param location the Vertex AI region, e.g. {@code europe-west4}
     * @return this builder
     * @throws IllegalArgumentException if empty or it has a character other than {@code [A-Za-z0-9._-]}
     * @throws NullPointerException if {@code location} is null
     */
    public Builder location(String location) {
      this.location = Providers.model(location);
      return this;
    }

    /**
     * Sets the default model (default {@value #DEFAULT_MODEL}).
     *
     * @param model the Vertex model id
     * @return this builder
     * @throws IllegalArgumentException if empty or it has a character other than {@code [A-Za-z0-9._-]}
     * @throws NullPointerException if {@code model} is null
     */
    public Builder model(String model) {
      this.model = Providers.model(model);
      return this;
    }

    /**
     * Sets the bearer token supplier, called for every request (so it can refresh). Never logged.
     *
     * @param token returns an OAuth 2 access token, e.g. from {@code gcloud auth print-access-token} or Google's auth
     *     library; required
     * @return this builder
     * @throws NullPointerException if null
     */
    public Builder bearerToken(Supplier<String> token) {
      this.token = Objects.requireNonNull(token, "token == null");
      return this;
    }

    /**
     * Sets where {@code gs://} URIs are downloaded from (default {@code https://storage.googleapis.com/}).
     *
     * @param url an http(s) URL; a missing trailing {@code /} is added
     * @return this builder
     * @throws IllegalArgumentException if not an http(s) URL
     * @throws NullPointerException if {@code url} is null
     */
    public Builder storageBaseUrl(String url) {
      this.storageBaseUrl = Providers.base(url);
      return this;
    }

    /**
     * Sets {@code parameters.storageUri} (a {@code gs://} prefix); null (default) asks for inline bytes, which must
     * fit in one API response ({@link ProviderResponse#MAX_BODY_BYTES}, base64 included): use a storage URI for
     * long or 4k videos.
     *
     * @param uri a {@code gs://bucket/prefix/} the output is written under, or null
     * @return this builder
     */
    public Builder storageUri(@Nullable String uri) {
      this.storageUri = uri;
      return this;
    }

    /**
     * Builds the provider.
     *
     * @return an immutable, thread-safe provider; the builder can be reused
     * @throws NullPointerException if project or token is missing
     */
    public VertexVeoProvider build() {
      return new VertexVeoProvider(this);
    }
  }
}
