package io.qrvid.remote;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrvid.remote.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MultipartBody;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * The OpenAI-style videos API ({@code /v1/videos}, Sora). Immutable and thread-safe.
 *
 * <ul>
 *   <li>Submit: {@code POST {base}/videos}, multipart/form-data with {@code prompt}, {@code model},
 *       {@code seconds} (a string: "4", "8" or "12"; an integer is a 400) and {@code size}
 *       ({@code 1280x720}/{@code 720x1280}; {@code 1792x1024}/{@code 1024x1792} for 1080p on {@code sora-2-pro}).
 *   <li>Poll: {@code GET {base}/videos/{id}}: {@code status} queued/in_progress/completed/failed, {@code progress}
 *       0-100, {@code error.{code,message}}; the {@code openai-poll-after-ms} header is honoured as the next poll
 *       delay (openai-python {@code videos.poll}).
 *   <li>Download: {@code GET {base}/videos/{id}/content}.
 *   <li>No cancel: {@code DELETE /videos/{id}} deletes assets of finished jobs; it is not a cancel.
 *   <li>No seed, no negative prompt; audio is always generated, so the audio switch is not accepted.
 * </ul>
 * Sources: research/videogen.md §2. Note: OpenAI announced the Sora API shutdown for 2026-09-24; compatible servers
 * remain usable through {@link Builder#baseUrl}.
 */
public final class OpenAiVideosProvider implements VideoProvider {
  /** The public endpoint. */
  public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1/";
  /** The default model. */
  public static final String DEFAULT_MODEL = "sora-2";

  private final HttpUrl baseUrl;
  private final String apiKey;
  private final String model;

  private OpenAiVideosProvider(Builder b) {
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
    return "openai-videos";
  }

  @Override
  public String defaultModel() {
    return model;
  }

  /** Durations 4/8/12 s, 16:9 and 9:16, 720p (plus 1080p on {@code sora-2-pro*}); no seed/audio/negative prompt. */
  @Override
  public ProviderCapabilities capabilities(String model) {
    Set<Resolution> res = model.startsWith("sora-2-pro") ? EnumSet.of(Resolution.P720, Resolution.P1080)
        : EnumSet.of(Resolution.P720);
    return ProviderCapabilities.builder()
        .durations(Set.of(Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(12)))
        .aspectRatios(EnumSet.of(AspectRatio.LANDSCAPE_16_9, AspectRatio.PORTRAIT_9_16))
        .resolutions(res)
        .seed(false)
        .audio(false)
        .negativePrompt(false)
        .build();
  }

  /** Returns the origin of the base URL: the only one that receives the API key. */
  @Override
  public Set<URI> credentialOrigins() {
    return Set.of(baseUrl.uri());
  }

  @Override
  public ProviderRequest submitRequest(GenerationRequest request, String model) {
    boolean landscape = request.aspectRatio().isLandscape();
    String size = request.resolution() == Resolution.P1080 ? (landscape ? "1792x1024" : "1024x1792")
        : (landscape ? "1280x720" : "720x1280");
    MultipartBody body = new MultipartBody.Builder().setType(MultipartBody.FORM)
        .addFormDataPart("prompt", request.prompt())
        .addFormDataPart("model", model)
        .addFormDataPart("seconds", Long.toString(request.duration().toSeconds()))
        .addFormDataPart("size", size)
        .build();
    Buffer bytes = new Buffer();
    try {
      body.writeTo(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a form to memory", e);
    }
    return auth(ProviderRequest.builder("POST", url("videos").uri()))
        .body(bytes.readByteArray(), String.valueOf(body.contentType())).build();
  }

  @Override
  public String parseOperationId(ProviderResponse submitResponse) {
    return Json.require(Json.parse(submitResponse), "/id", "video id");
  }

  @Override
  public ProviderRequest pollRequest(String operationId) {
    return auth(ProviderRequest.builder("GET", baseUrl.newBuilder().addPathSegment("videos")
        .addPathSegment(operationId).build().uri())).build();
  }

  @Override
  public JobStatus parseStatus(ProviderResponse response) {
    JsonNode v = Json.parse(response);
    String status = Json.require(v, "/status", "status").toLowerCase(Locale.ROOT);
    switch (status) {
      case "completed":
        return JobStatus.succeededById();
      case "failed": {
        String code = Json.text(v.at("/error/code"));
        boolean filtered = code != null && (code.contains("moderation") || code.contains("content_policy"));
        return JobStatus.failed(filtered ? GenerationFailedException.Kind.CONTENT_FILTERED
            : GenerationFailedException.Kind.PROVIDER_ERROR, code, Json.text(v.at("/error/message")), List.of());
      }
      case "cancelled":
      case "canceled":
        return JobStatus.cancelled(null);
      default: {
        JsonNode p = v.path("progress");
        return JobStatus.pending("queued".equals(status) ? JobState.QUEUED : JobState.RUNNING,
            p.isNumber() ? p.asDouble() / 100 : Double.NaN, pollAfter(response));
      }
    }
  }

  private static @Nullable Duration pollAfter(ProviderResponse response) {
    String h = response.header("openai-poll-after-ms").orElse(null);
    if (h == null) {
      return null;
    }
    try {
      long ms = Long.parseLong(h.trim());
      return ms >= 0 ? Duration.ofMillis(ms) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public ProviderRequest downloadRequest(String operationId, JobStatus status) {
    HttpUrl url = baseUrl.newBuilder().addPathSegment("videos").addPathSegment(operationId)
        .addPathSegment("content").build();
    return auth(ProviderRequest.builder("GET", url.uri())).header("Accept", "application/binary").build();
  }

  @Override
  public Optional<ProviderRequest> cancelRequest(String operationId) {
    return Optional.empty();
  }

  private HttpUrl url(String path) {
    return baseUrl.newBuilder().addPathSegments(path).build();
  }

  private ProviderRequest.Builder auth(ProviderRequest.Builder b) {
    return b.credential("Authorization", "Bearer " + apiKey);
  }

  @Override
  public String toString() {
    return "OpenAiVideosProvider{" + baseUrl + ", " + model + ", apiKey=***}";
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private HttpUrl baseUrl = HttpUrl.get(DEFAULT_BASE_URL);
    private @Nullable String apiKey;
    private String model = DEFAULT_MODEL;

    private Builder() {}

    /**
     * Sets the base URL including {@code /v1/} (default {@value #DEFAULT_BASE_URL}).
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
     * Sets the API key, sent as {@code Authorization: Bearer} and never logged.
     *
     * @param key the OpenAI API key
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
     * @throws IllegalArgumentException if {@code model} has another character
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
    public OpenAiVideosProvider build() {
      return new OpenAiVideosProvider(this);
    }
  }
}
