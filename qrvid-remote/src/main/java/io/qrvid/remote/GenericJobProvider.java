package io.qrvid.remote;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.qrvid.remote.internal.Json;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * A provider for any "create job, poll job, fetch URL" JSON API, configured with JSON pointers (RFC 6901). Defaults
 * fit Runway's task API shape ({@code POST text_to_video} returns {@code {"id"}}; {@code GET tasks/{id}} returns
 * {@code status} PENDING/THROTTLED/RUNNING/SUCCEEDED/FAILED/CANCELLED, {@code progress} 0..1, {@code output[0]},
 * {@code failureCode}, {@code failure}; {@code DELETE tasks/{id}} cancels), per research/videogen.md §3; Replicate
 * and Luma fit by changing paths and pointers. Immutable and thread-safe.
 *
 * <p>The API key is a credential for the base URL's origin only: an output URL on another host (a pre-signed asset
 * URL, or one an attacker-controlled response names) and any redirect leaving that origin get no credentials. A size
 * or SHA-256 the API reports for the output ({@link Builder#videoSizePointer}, {@link Builder#videoSha256Pointer})
 * is checked against the download.
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
  private final Function<GenerationRequest, ? extends Map<String, ?>> body;
  private final String model;
  private final JsonPointer idPointer;
  private final JsonPointer statusPointer;
  private final @Nullable JsonPointer progressPointer;
  private final double progressScale;
  private final JsonPointer videoUrlPointer;
  private final JsonPointer errorCodePointer;
  private final JsonPointer errorMessagePointer;
  private final @Nullable JsonPointer videoSizePointer;
  private final @Nullable JsonPointer videoSha256Pointer;
  private final Set<String> succeeded;
  private final Set<String> failed;
  private final Set<String> cancelled;
  private final Set<String> queued;
  private final Set<String> filteredCodePrefixes;
  private final Map<String, String> headers;
  private final @Nullable String authHeader;
  private final @Nullable String authValue;
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
    videoSizePointer = b.videoSizePointer;
    videoSha256Pointer = b.videoSha256Pointer;
    succeeded = upper(b.succeeded);
    failed = upper(b.failed);
    cancelled = upper(b.cancelled);
    queued = upper(b.queued);
    filteredCodePrefixes = upper(b.filteredCodePrefixes);
    headers = Map.copyOf(b.headers);
    authHeader = b.apiKey == null ? null : b.authHeader;
    authValue = b.apiKey == null ? null : b.authPrefix + b.apiKey;
    capabilities = b.capabilities;
  }

  private static Set<String> upper(Set<String> s) {
    return s.stream().map(x -> x.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }

  /**
   * Returns a builder with Runway-shaped defaults (see the class comment); {@code baseUrl} is required.
   *
   * @return a new builder; not thread-safe
   */
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

  /** Returns the origin of the base URL: the only one that receives the API key. */
  @Override
  public Set<URI> credentialOrigins() {
    return Set.of(baseUrl.uri());
  }

  @Override
  public ProviderRequest submitRequest(GenerationRequest request, String model) {
    Map<String, ?> json = body.apply(request.model().isPresent() ? request : request.newBuilder().model(model).build());
    return request("POST", baseUrl.newBuilder().addPathSegments(submitPath).build())
        .jsonBody(Json.write(Objects.requireNonNull(json, "the body mapping returned null"))).build();
  }

  @Override
  public String parseOperationId(ProviderResponse submitResponse) {
    return Json.require(Json.parse(submitResponse), idPointer.toString(), "job id");
  }

  @Override
  public ProviderRequest pollRequest(String operationId) {
    return request("GET", path(pollPath, operationId)).build();
  }

  @Override
  public JobStatus parseStatus(ProviderResponse response) {
    JsonNode r = Json.parse(response);
    String status = Json.require(r, statusPointer.toString(), "status").toUpperCase(Locale.ROOT);
    if (succeeded.contains(status)) {
      String url = Json.text(r.at(videoUrlPointer));
      if (url == null) {
        return JobStatus.failed(GenerationFailedException.Kind.INVALID_OUTPUT, null,
            "succeeded without a video URL at " + videoUrlPointer, List.of());
      }
      return checks(JobStatus.succeeded(url), r);
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

  /** Adds the reported size and SHA-256 of the output, when configured and present. */
  private JobStatus checks(JobStatus s, JsonNode r) {
    JobStatus out = s;
    if (videoSizePointer != null && r.at(videoSizePointer).canConvertToLong() && r.at(videoSizePointer).asLong() >= 0) {
      out = out.withExpectedSize(r.at(videoSizePointer).asLong());
    }
    if (videoSha256Pointer != null) {
      String sha = Json.text(r.at(videoSha256Pointer));
      if (sha != null) {
        if (!sha.matches("[0-9a-fA-F]{64}")) {
          return JobStatus.failed(GenerationFailedException.Kind.INVALID_OUTPUT, null,
              "the reported SHA-256 at " + videoSha256Pointer + " is not 64 hex digits", List.of());
        }
        out = out.withSha256(sha);
      }
    }
    return out;
  }

  @Override
  public ProviderRequest downloadRequest(String operationId, JobStatus status) {
    HttpUrl url = status.videoUri().map(u -> baseUrl.resolve(u)).orElse(null);
    if (url == null) {
      throw new GenerationFailedException(GenerationFailedException.Kind.INVALID_OUTPUT, null,
          "video URL is not http(s)", List.of(), operationId);
    }
    // The client attaches the credential only if the URL's origin is the base URL's (credentialOrigins()).
    return request("GET", url).build();
  }

  @Override
  public Optional<ProviderRequest> cancelRequest(String operationId) {
    if (cancelMethod == null || cancelPath == null) {
      return Optional.empty();
    }
    return Optional.of(request(cancelMethod, path(cancelPath, operationId)).build());
  }

  private ProviderRequest.Builder request(String method, HttpUrl url) {
    ProviderRequest.Builder b = ProviderRequest.builder(method, url.uri());
    headers.forEach(b::header);
    if (authHeader != null && authValue != null) {
      b.credential(authHeader, authValue);
    }
    return b;
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

  /**
   * The default body: {@code model, prompt, duration} (whole seconds){@code , ratio, resolution} and the optional
   * fields when set.
   */
  static Map<String, Object> defaultBody(GenerationRequest r) {
    Map<String, Object> n = new LinkedHashMap<>();
    r.model().ifPresent(m -> n.put("model", m));
    n.put("prompt", r.prompt());
    n.put("duration", r.duration().toSeconds());
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
    private Function<GenerationRequest, ? extends Map<String, ?>> body = GenericJobProvider::defaultBody;
    private String model = "default";
    private JsonPointer idPointer = JsonPointer.compile("/id");
    private JsonPointer statusPointer = JsonPointer.compile("/status");
    private @Nullable JsonPointer progressPointer = JsonPointer.compile("/progress");
    private double progressScale = 1.0;
    private JsonPointer videoUrlPointer = JsonPointer.compile("/output/0");
    private JsonPointer errorCodePointer = JsonPointer.compile("/failureCode");
    private JsonPointer errorMessagePointer = JsonPointer.compile("/failure");
    private @Nullable JsonPointer videoSizePointer;
    private @Nullable JsonPointer videoSha256Pointer;
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

    /**
     * Sets the provider name stored in records (default {@code generic}).
     *
     * @param name the name, matching {@code [A-Za-z0-9._-]+}
     * @return this builder
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} has another character
     */
    public Builder name(String name) {
      this.name = Providers.model(name);
      return this;
    }

    /**
     * Sets the base URL; paths below are relative to it. Required.
     *
     * @param url an http(s) URL; a missing trailing {@code /} is added
     * @return this builder
     * @throws NullPointerException if {@code url} is null
     * @throws IllegalArgumentException if not an http(s) URL
     */
    public Builder baseUrl(String url) {
      this.baseUrl = Providers.base(url);
      return this;
    }

    /**
     * Sets the submit path (POST; default {@code text_to_video}).
     *
     * @param path the path relative to the base URL, segments separated by {@code /}
     * @return this builder
     * @throws NullPointerException if {@code path} is null
     */
    public Builder submitPath(String path) {
      this.submitPath = Objects.requireNonNull(path, "path == null");
      return this;
    }

    /**
     * Sets the poll path template (GET; default {@code tasks/{id}}).
     *
     * @param template the path relative to the base URL; {@code {id}} is replaced by the percent-encoded job id
     * @return this builder
     * @throws NullPointerException if {@code template} is null
     */
    public Builder pollPath(String template) {
      this.pollPath = Objects.requireNonNull(template, "template == null");
      return this;
    }

    /**
     * Enables provider-side cancel with {@code method} (e.g. DELETE or POST) on {@code template}. Without it (the
     * default) cancelling only stops polling.
     *
     * @param method the HTTP method, case-insensitive
     * @param template the path relative to the base URL; {@code {id}} is replaced by the percent-encoded job id
     * @return this builder
     * @throws NullPointerException if an argument is null
     */
    public Builder cancel(String method, String template) {
      this.cancelMethod = Objects.requireNonNull(method, "method == null").toUpperCase(Locale.ROOT);
      this.cancelPath = Objects.requireNonNull(template, "template == null");
      return this;
    }

    /**
     * Replaces the submit body mapping (default: {@code model, prompt, duration, ratio, resolution, ...}). The map
     * is serialised as a JSON object; values may be strings, numbers, booleans, null, lists and nested maps.
     *
     * @param mapping maps a request (whose model is always set) to the JSON body; called once per submit, must not
     *     return null
     * @return this builder
     * @throws NullPointerException if {@code mapping} is null
     */
    public Builder body(Function<GenerationRequest, ? extends Map<String, ?>> mapping) {
      this.body = Objects.requireNonNull(mapping, "mapping == null");
      return this;
    }

    /**
     * Sets the model used when a request names none (default {@code default}).
     *
     * @param model the model name, matching {@code [A-Za-z0-9._-]+}
     * @return this builder
     * @throws NullPointerException if {@code model} is null
     * @throws IllegalArgumentException if {@code model} has another character
     */
    public Builder model(String model) {
      this.model = Providers.model(model);
      return this;
    }

    /**
     * Sets the pointer to the job id in the submit response (default {@code /id}).
     *
     * @param pointer a JSON pointer (RFC 6901)
     * @return this builder
     * @throws IllegalArgumentException if not a valid JSON pointer
     */
    public Builder idPointer(String pointer) {
      this.idPointer = JsonPointer.compile(pointer);
      return this;
    }

    /**
     * Sets the pointer to the status string in a poll response (default {@code /status}).
     *
     * @param pointer a JSON pointer (RFC 6901)
     * @return this builder
     * @throws IllegalArgumentException if not a valid JSON pointer
     */
    public Builder statusPointer(String pointer) {
      this.statusPointer = JsonPointer.compile(pointer);
      return this;
    }

    /**
     * Sets the pointer to the progress number and the value meaning 100 % (default {@code /progress}, 1.0); a null
     * pointer means no progress is reported.
     *
     * @param pointer a JSON pointer (RFC 6901), or null for none
     * @param scale the reported value meaning done (1.0 for a fraction, 100 for a percentage); the reported value is
     *     divided by it
     * @return this builder
     * @throws IllegalArgumentException if {@code scale} is not positive or {@code pointer} is not a valid JSON pointer
     */
    public Builder progressPointer(@Nullable String pointer, double scale) {
      if (!(scale > 0)) {
        throw new IllegalArgumentException("scale must be positive: " + scale);
      }
      this.progressPointer = pointer == null ? null : JsonPointer.compile(pointer);
      this.progressScale = scale;
      return this;
    }

    /**
     * Sets the pointer to the video URL of a succeeded job (default {@code /output/0}).
     *
     * @param pointer a JSON pointer (RFC 6901)
     * @return this builder
     * @throws IllegalArgumentException if not a valid JSON pointer
     */
    public Builder videoUrlPointer(String pointer) {
      this.videoUrlPointer = JsonPointer.compile(pointer);
      return this;
    }

    /**
     * Sets the pointer to the output's size in bytes in a succeeded status (default: none). When the status has a
     * number there, a download of any other size is refused.
     *
     * @param pointer a JSON pointer (RFC 6901), or null for none
     * @return this builder
     * @throws IllegalArgumentException if not a valid JSON pointer
     */
    public Builder videoSizePointer(@Nullable String pointer) {
      this.videoSizePointer = pointer == null ? null : JsonPointer.compile(pointer);
      return this;
    }

    /**
     * Sets the pointer to the output's SHA-256 (hex) in a succeeded status (default: none). When the status has a
     * value there, a download with another digest is refused.
     *
     * @param pointer a JSON pointer (RFC 6901), or null for none
     * @return this builder
     * @throws IllegalArgumentException if not a valid JSON pointer
     */
    public Builder videoSha256Pointer(@Nullable String pointer) {
      this.videoSha256Pointer = pointer == null ? null : JsonPointer.compile(pointer);
      return this;
    }

    /**
     * Sets the pointers to the error code and message of a failed job (defaults {@code /failureCode},
     * {@code /failure}).
     *
     * @param codePointer a JSON pointer (RFC 6901) to the machine-readable code
     * @param messagePointer a JSON pointer (RFC 6901) to the human-readable message
     * @return this builder
     * @throws IllegalArgumentException if either is not a valid JSON pointer
     */
    public Builder errorPointers(String codePointer, String messagePointer) {
      this.errorCodePointer = JsonPointer.compile(codePointer);
      this.errorMessagePointer = JsonPointer.compile(messagePointer);
      return this;
    }

    /**
     * Sets the status values (case-insensitive) meaning succeeded, failed, cancelled and queued; anything else is
     * running. Defaults: succeeded {@code SUCCEEDED, COMPLETED}; failed {@code FAILED, ERROR}; cancelled
     * {@code CANCELLED, CANCELED}; queued {@code PENDING, THROTTLED, QUEUED, STARTING}.
     *
     * @param succeeded the values meaning the video is ready
     * @param failed the values meaning the job failed
     * @param cancelled the values meaning the job was cancelled
     * @param queued the values meaning the job has not started
     * @return this builder
     * @throws NullPointerException if a set is null or holds null
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
     *
     * @param prefixes the code prefixes; empty means no failure is reported as filtered
     * @return this builder
     * @throws NullPointerException if the set is null or holds null
     */
    public Builder contentFilteredCodePrefixes(Set<String> prefixes) {
      this.filteredCodePrefixes = Set.copyOf(prefixes);
      return this;
    }

    /**
     * Adds a header sent with every API request (e.g. {@code X-Runway-Version}); not a credential. A second call
     * with the same name replaces the value.
     *
     * @param name the header name
     * @param value the header value
     * @return this builder
     * @throws NullPointerException if an argument is null
     */
    public Builder header(String name, String value) {
      headers.put(Objects.requireNonNull(name, "name == null"), Objects.requireNonNull(value, "value == null"));
      return this;
    }

    /**
     * Sets the API key, sent as the credential {@code <authHeader>: <authPrefix><key>} (default
     * {@code Authorization: Bearer}) to the base URL's origin only. Without a key no credential is sent.
     *
     * @param key the API key
     * @return this builder
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is blank
     */
    public Builder apiKey(String key) {
      this.apiKey = Providers.secret(key, "apiKey");
      return this;
    }

    /**
     * Sets the auth header name and value prefix (default {@code Authorization}, {@code "Bearer "}).
     *
     * @param name the header carrying the API key (e.g. {@code X-API-Key})
     * @param prefix the text before the key in the value, possibly empty
     * @return this builder
     * @throws NullPointerException if an argument is null
     */
    public Builder authHeader(String name, String prefix) {
      this.authHeader = Objects.requireNonNull(name, "name == null");
      this.authPrefix = Objects.requireNonNull(prefix, "prefix == null");
      return this;
    }

    /**
     * Sets the capabilities every model of this provider has (default: {@link ProviderCapabilities#unrestricted()}).
     *
     * @param capabilities the capabilities requests are checked against
     * @return this builder
     * @throws NullPointerException if {@code capabilities} is null
     */
    public Builder capabilities(ProviderCapabilities capabilities) {
      this.capabilities = Objects.requireNonNull(capabilities, "capabilities == null");
      return this;
    }

    /**
     * Builds the provider. The builder can be reused.
     *
     * @return an immutable, thread-safe provider
     * @throws NullPointerException if no base URL was set
     */
    public GenericJobProvider build() {
      return new GenericJobProvider(this);
    }
  }
}
