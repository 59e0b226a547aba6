package io.qrvid.remote;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrvid.remote.internal.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;

/**
 * A provider for any "create job, poll job, fetch URL" JSON API, configured with JSON pointers (RFC 6901). Defaults
 * fit Runway's task API shape ({@code POST text_to_video} returns {@code {"id"}}; {@code GET tasks/{id}} returns
 * {@code status} PENDING/THROTTLED/RUNNING/SUCCEEDED/FAILED/CANCELLED, {@code progress} 0..1, {@code output[0]},
 * {@code failureCode}, {@code failure}; {@code DELETE tasks/{id}} cancels), per research/videogen.md §3; Replicate
 * and Luma fit by changing paths and pointers. Immutable and thread-safe.
 *
 * <pre>{@code
 * VideoProvider runway = GenericJobProvider.builder()
 *     .baseUrl("https://api.dev.runwayml.com/v1/").apiKey(key).header("X-Runway-Version", "2024-11-06")
 *     .submitPath("text_to_video").pollPath("tasks/{id}").cancel("DELETE", "tasks/{id}")
 *     .model("gen4.5").build();
 * }</pre>
 */
public final class GenericJobProvider implements VideoProvider {
  private final String name;
  private final HttpUrl baseUrl;
  private final String submitPath;
  private final String pollPath;
  private final @Nullable String cancelMethod;
  private final @Nullable String cancelPath;
  private final Function<GenerationRequest, JsonNode> body;
  private final String model;
  private final JsonPointer idPointer;
  private final JsonPointer statusPointer;
  private final @Nullable JsonPointer progressPointer;
  private final double progressScale;
  private final JsonPointer videoUrlPointer;
  private final JsonPointer errorCodePointer;
  private final JsonPointer errorMessagePointer;
  private final Set<String> succeeded;
  private final Set<String> failed;
  private final Set<String> cancelled;
  private final Set<String> queued;
  private final Set<String> filteredCodePrefixes;
  private final Headers headers;
  private final ProviderCapabilities capabilities;

  private GenericJobProvider(Builder b) {
    name = b.name;
    baseUrl = Objects.requireNonNull(b.baseUrl, "baseUrl not set");
    submitPath = b.submitPath;
    pollPath = b.pollPath;
    cancelMethod = b.cancelMethod;
    cancelPath = b.cancelPath;
    body = b.body;
    model = b.model;
    idPointer = b.idPointer;
    statusPointer = b.statusPointer;
    progressPointer = b.progressPointer;
    progressScale = b.progressScale;
    videoUrlPointer = b.videoUrlPointer;
    errorCodePointer = b.errorCodePointer;
    errorMessagePointer = b.errorMessagePointer;
    succeeded = upper(b.succeeded);
    failed = upper(b.failed);
    cancelled = upper(b.cancelled);
    queued = upper(b.queued);
    filteredCodePrefixes = upper(b.filteredCodePrefixes);
    Headers.Builder hb = new Headers.Builder();
    b.headers.forEach(hb::set);
    if (b.apiKey != null) {
      hb.set(b.authHeader, b.authPrefix + b.apiKey);
    }
    headers = hb.build();
    capabilities = b.capabilities;
  }

  private static Set<String> upper(Set<String> s) {
    return s.stream().map(x -> x.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }

  /** Returns a builder with Runway-shaped defaults (see the class comment); {@code baseUrl} is required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String defaultModel() {
    return model;
  }

  @Override
  public ProviderCapabilities capabilities(String model) {
    return capabilities;
  }

  @Override
  public Request submitRequest(GenerationRequest request, String model) {
    JsonNode json = body.apply(request.model().isPresent() ? request : request.newBuilder().model(model).build());
    return new Request.Builder().url(baseUrl.newBuilder().addPathSegments(submitPath).build()).headers(headers)
        .post(Json.body(json)).build();
  }

  @Override
  public String parseOperationId(JsonNode submitResponse) {
    return Json.require(submitResponse, idPointer.toString(), "job id");
  }

  @Override
  public Request pollRequest(String operationId) {
    return new Request.Builder().url(path(pollPath, operationId)).headers(headers).get().build();
  }

  @Override
  public JobStatus parseStatus(JsonNode r, Headers responseHeaders) {
    String status = Json.require(r, statusPointer.toString(), "status").toUpperCase(Locale.ROOT);
    if (succeeded.contains(status)) {
      String url = Json.text(r.at(videoUrlPointer));
      if (url == null) {
        return JobStatus.failed(GenerationFailedException.Kind.INVALID_OUTPUT, null,
            "succeeded without a video URL at " + videoUrlPointer, List.of());
      }
      return JobStatus.succeeded(url);
    }
    if (failed.contains(status)) {
      String code = Json.text(r.at(errorCodePointer));
      boolean filtered = code != null
          && filteredCodePrefixes.stream().anyMatch(code.toUpperCase(Locale.ROOT)::startsWith);
      return JobStatus.failed(filtered ? GenerationFailedException.Kind.CONTENT_FILTERED
          : GenerationFailedException.Kind.PROVIDER_ERROR, code, Json.text(r.at(errorMessagePointer)), List.of());
    }
    if (cancelled.contains(status)) {
      return JobStatus.cancelled(Json.text(r.at(errorMessagePointer)));
    }
    double p = Double.NaN;
    if (progressPointer != null && r.at(progressPointer).isNumber()) {
      p = r.at(progressPointer).asDouble() / progressScale;
    }
    return JobStatus.pending(queued.contains(status) ? JobState.QUEUED : JobState.RUNNING, p, null);
  }

  @Override
  public Request downloadRequest(String operationId, JobStatus status) {
    HttpUrl url = status.videoUri().map(u -> baseUrl.resolve(u)).orElse(null);
    if (url == null) {
      throw new GenerationFailedException(GenerationFailedException.Kind.INVALID_OUTPUT, null,
          "video URL is not http(s)", List.of(), operationId);
    }
    // Credentials only go to the API host; pre-signed asset URLs elsewhere get none.
    Request.Builder b = new Request.Builder().url(url).get();
    if (url.host().equalsIgnoreCase(baseUrl.host()) && url.port() == baseUrl.port()) {
      b.headers(headers);
    }
    return b.build();
  }

  @Override
  public Optional<Request> cancelRequest(String operationId) {
    if (cancelMethod == null || cancelPath == null) {
      return Optional.empty();
    }
    RequestBody rb = "GET".equals(cancelMethod) || "DELETE".equals(cancelMethod) ? null
        : RequestBody.create(new byte[0]);
    return Optional.of(new Request.Builder().url(path(cancelPath, operationId)).headers(headers)
        .method(cancelMethod, rb).build());
  }

  private HttpUrl path(String template, String id) {
    HttpUrl.Builder b = baseUrl.newBuilder();
    for (String seg : template.split("/")) {
      if (seg.isEmpty()) {
        continue;
      }
      b.addPathSegment(seg.equals("{id}") ? id : seg);
    }
    return b.build();
  }

  @Override
  public String toString() {
    return "GenericJobProvider{" + name + ", " + baseUrl + ", " + model + "}";
  }

  /** The default body: {@code model, prompt, duration, ratio, resolution} and the optional fields when set. */
  static JsonNode defaultBody(GenerationRequest r) {
    ObjectNode n = Json.object();
    r.model().ifPresent(m -> n.put("model", m));
    n.put("prompt", r.prompt());
    n.put("duration", r.durationSeconds());
    n.put("ratio", r.aspectRatio().label());
    n.put("resolution", r.resolution().label());
    r.negativePrompt().ifPresent(v -> n.put("negative_prompt", v));
    r.seed().ifPresent(v -> n.put("seed", v));
    r.audio().ifPresent(v -> n.put("audio", v));
    return n;
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private String name = "generic";
    private @Nullable HttpUrl baseUrl;
    private String submitPath = "text_to_video";
    private String pollPath = "tasks/{id}";
    private @Nullable String cancelMethod;
    private @Nullable String cancelPath;
    private Function<GenerationRequest, JsonNode> body = GenericJobProvider::defaultBody;
    private String model = "default";
    private JsonPointer idPointer = JsonPointer.compile("/id");
    private JsonPointer statusPointer = JsonPointer.compile("/status");
    private @Nullable JsonPointer progressPointer = JsonPointer.compile("/progress");
    private double progressScale = 1.0;
    private JsonPointer videoUrlPointer = JsonPointer.compile("/output/0");
    private JsonPointer errorCodePointer = JsonPointer.compile("/failureCode");
    private JsonPointer errorMessagePointer = JsonPointer.compile("/failure");
    private Set<String> succeeded = Set.of("SUCCEEDED", "COMPLETED");
    private Set<String> failed = Set.of("FAILED", "ERROR");
    private Set<String> cancelled = Set.of("CANCELLED", "CANCELED");
    private Set<String> queued = Set.of("PENDING", "THROTTLED", "QUEUED", "STARTING");
    private Set<String> filteredCodePrefixes = Set.of("SAFETY");
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String authHeader = "Authorization";
    private String authPrefix = "Bearer ";
    private @Nullable String apiKey;
    private ProviderCapabilities capabilities = ProviderCapabilities.unrestricted();

    private Builder() {}

    /** Sets the provider name stored in records (default {@code generic}). */
    public Builder name(String name) {
      this.name = Providers.model(name);
      return this;
    }

    /**
     * Sets the base URL; paths below are relative to it. Required.
     *
     * @throws IllegalArgumentException if not an http(s) URL
     */
    public Builder baseUrl(String url) {
      this.baseUrl = Providers.base(url);
      return this;
    }

    /** Sets the submit path (POST; default {@code text_to_video}). */
    public Builder submitPath(String path) {
      this.submitPath = Objects.requireNonNull(path, "path == null");
      return this;
    }

    /** Sets the poll path template (GET; {@code {id}} is replaced by the encoded job id; default {@code tasks/{id}}). */
    public Builder pollPath(String template) {
      this.pollPath = Objects.requireNonNull(template, "template == null");
      return this;
    }

    /**
     * Enables provider-side cancel with {@code method} (e.g. DELETE or POST) on {@code template}.
     *
     * @throws NullPointerException if an argument is null
     */
    public Builder cancel(String method, String template) {
      this.cancelMethod = Objects.requireNonNull(method, "method == null").toUpperCase(Locale.ROOT);
      this.cancelPath = Objects.requireNonNull(template, "template == null");
      return this;
    }

    /** Replaces the submit body mapping (default: {@code model, prompt, duration, ratio, resolution, ...}). */
    public Builder body(Function<GenerationRequest, JsonNode> mapping) {
      this.body = Objects.requireNonNull(mapping, "mapping == null");
      return this;
    }

    /** Sets the default model (default {@code default}). */
    public Builder model(String model) {
      this.model = Providers.model(model);
      return this;
    }

    /**
     * Sets the pointer to the job id in the submit response (default {@code /id}).
     *
     * @throws IllegalArgumentException if not a valid JSON pointer
     */
    public Builder idPointer(String pointer) {
      this.idPointer = JsonPointer.compile(pointer);
      return this;
    }

    /** Sets the pointer to the status string (default {@code /status}). */
    public Builder statusPointer(String pointer) {
      this.statusPointer = JsonPointer.compile(pointer);
      return this;
    }

    /**
     * Sets the pointer to the progress number and the value meaning 100 % (default {@code /progress}, 1.0); a null
     * pointer means no progress is reported.
     *
     * @throws IllegalArgumentException if {@code scale} is not positive
     */
    public Builder progressPointer(@Nullable String pointer, double scale) {
      if (!(scale > 0)) {
        throw new IllegalArgumentException("scale must be positive: " + scale);
      }
      this.progressPointer = pointer == null ? null : JsonPointer.compile(pointer);
      this.progressScale = scale;
      return this;
    }

    /** Sets the pointer to the video URL of a succeeded job (default {@code /output/0}). */
    public Builder videoUrlPointer(String pointer) {
      this.videoUrlPointer = JsonPointer.compile(pointer);
      return this;
    }

    /** Sets the pointers to the error code and message (defaults {@code /failureCode}, {@code /failure}). */
    public Builder errorPointers(String codePointer, String messagePointer) {
      this.errorCodePointer = JsonPointer.compile(codePointer);
      this.errorMessagePointer = JsonPointer.compile(messagePointer);
      return this;
    }

    /**
     * Sets the status values (case-insensitive) meaning succeeded, failed, cancelled and queued; anything else is
     * running.
     */
    public Builder statuses(Set<String> succeeded, Set<String> failed, Set<String> cancelled, Set<String> queued) {
      this.succeeded = Set.copyOf(succeeded);
      this.failed = Set.copyOf(failed);
      this.cancelled = Set.copyOf(cancelled);
      this.queued = Set.copyOf(queued);
      return this;
    }

    /**
     * Sets the failure-code prefixes (case-insensitive) that mean the content filter removed the result (default
     * {@code SAFETY}, Runway's {@code SAFETY.INPUT.*}/{@code SAFETY.OUTPUT.*} codes).
     */
    public Builder contentFilteredCodePrefixes(Set<String> prefixes) {
      this.filteredCodePrefixes = Set.copyOf(prefixes);
      return this;
    }

    /** Adds a header sent with every API request (e.g. {@code X-Runway-Version}). */
    public Builder header(String name, String value) {
      headers.put(Objects.requireNonNull(name, "name == null"), Objects.requireNonNull(value, "value == null"));
      return this;
    }

    /** Sets the API key, sent as {@code <authHeader>: <authPrefix><key>} (default {@code Authorization: Bearer}). */
    public Builder apiKey(String key) {
      this.apiKey = Providers.secret(key, "apiKey");
      return this;
    }

    /** Sets the auth header name and value prefix (default {@code Authorization}, {@code "Bearer "}). */
    public Builder authHeader(String name, String prefix) {
      this.authHeader = Objects.requireNonNull(name, "name == null");
      this.authPrefix = Objects.requireNonNull(prefix, "prefix == null");
      return this;
    }

    /** Sets the capabilities (default: unrestricted). */
    public Builder capabilities(ProviderCapabilities capabilities) {
      this.capabilities = Objects.requireNonNull(capabilities, "capabilities == null");
      return this;
    }

    /**
     * Builds the provider.
     *
     * @throws NullPointerException if no base URL was set
     */
    public GenericJobProvider build() {
      return new GenericJobProvider(this);
    }
  }
}
