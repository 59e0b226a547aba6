package io.qrvid.remote;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * An immutable, validated text-to-video request. Thread-safe.
 *
 * <p>The builder enforces the generic bounds: prompt non-blank and at most {@value #MAX_PROMPT_CODE_POINTS} Unicode
 * code points, duration 2..60 s in whole seconds ({@link #MIN_DURATION}..{@link #MAX_DURATION}), one of the four
 * {@link AspectRatio}s and {@link Resolution}s, seed 0..2<sup>32</sup>-1 (Vertex's {@code uint32}). These bounds are
 * wider than any provider supports; {@link ProviderCapabilities#apply} then rejects or snaps per provider.
 *
 * <pre>{@code
 * GenerationRequest req = GenerationRequest.builder("a red fox running through snow")
 *     .duration(Duration.ofSeconds(8)).aspectRatio(AspectRatio.LANDSCAPE_16_9).resolution(Resolution.P720).build();
 * }</pre>
 */
public final class GenerationRequest {
  /** Longest accepted prompt, in code points. */
  public static final int MAX_PROMPT_CODE_POINTS = 2000;
  /** Shortest accepted video duration (2 s). */
  public static final Duration MIN_DURATION = Duration.ofSeconds(2);
  /** Longest accepted video duration (60 s). */
  public static final Duration MAX_DURATION = Duration.ofSeconds(60);

  private final String prompt;
  private final Duration duration;
  private final AspectRatio aspectRatio;
  private final Resolution resolution;
  private final @Nullable String negativePrompt;
  private final @Nullable Long seed;
  private final @Nullable Boolean audio;
  private final @Nullable String model;

  private GenerationRequest(Builder b) {
    prompt = b.prompt;
    duration = b.duration;
    aspectRatio = b.aspectRatio;
    resolution = b.resolution;
    negativePrompt = b.negativePrompt;
    seed = b.seed;
    audio = b.audio;
    model = b.model;
  }

  /**
   * Starts a request for {@code prompt}; defaults: 8 s, 16:9, 720p, no negative prompt, no seed, provider-default
   * audio, the provider's model.
   *
   * @param prompt what the video should show
   * @return a new builder; not thread-safe
   * @throws NullPointerException if {@code prompt} is null
   * @throws IllegalArgumentException if the prompt is blank or longer than {@value #MAX_PROMPT_CODE_POINTS} code
   *     points
   */
  public static Builder builder(String prompt) {
    return new Builder().prompt(prompt);
  }

  /** {@return a builder initialised with this request's values} */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** {@return the prompt} */
  public String prompt() {
    return prompt;
  }

  /** {@return the video duration, a whole number of seconds} */
  public Duration duration() {
    return duration;
  }

  /** {@return the aspect ratio} */
  public AspectRatio aspectRatio() {
    return aspectRatio;
  }

  /** {@return the resolution} */
  public Resolution resolution() {
    return resolution;
  }

  /** {@return the negative prompt, if set} */
  public Optional<String> negativePrompt() {
    return Optional.ofNullable(negativePrompt);
  }

  /** {@return the seed, if set} */
  public OptionalLong seed() {
    return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
  }

  /** {@return whether audio was requested; empty means the provider's default} */
  public Optional<Boolean> audio() {
    return Optional.ofNullable(audio);
  }

  /** {@return the model override, if set; otherwise the provider's configured model is used} */
  public Optional<String> model() {
    return Optional.ofNullable(model);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof GenerationRequest)) {
      return false;
    }
    GenerationRequest r = (GenerationRequest) o;
    return duration.equals(r.duration) && prompt.equals(r.prompt) && aspectRatio == r.aspectRatio
        && resolution == r.resolution && Objects.equals(negativePrompt, r.negativePrompt)
        && Objects.equals(seed, r.seed) && Objects.equals(audio, r.audio) && Objects.equals(model, r.model);
  }

  @Override
  public int hashCode() {
    return Objects.hash(prompt, duration, aspectRatio, resolution, negativePrompt, seed, audio, model);
  }

  /** Describes the request without the prompt text (prompts are never logged). */
  @Override
  public String toString() {
    return "GenerationRequest{promptChars=" + prompt.length() + ", " + duration.toSeconds() + "s, " + aspectRatio.label()
        + ", " + resolution.label() + (seed == null ? "" : ", seed=" + seed) + (audio == null ? "" : ", audio=" + audio)
        + (model == null ? "" : ", model=" + model) + "}";
  }

  /** Mutable builder; not thread-safe. Every setter validates its argument at once. */
  public static final class Builder {
    private String prompt = "";
    private Duration duration = Duration.ofSeconds(8);
    private AspectRatio aspectRatio = AspectRatio.LANDSCAPE_16_9;
    private Resolution resolution = Resolution.P720;
    private @Nullable String negativePrompt;
    private @Nullable Long seed;
    private @Nullable Boolean audio;
    private @Nullable String model;

    private Builder() {}

    private Builder(GenerationRequest r) {
      prompt = r.prompt;
      duration = r.duration;
      aspectRatio = r.aspectRatio;
      resolution = r.resolution;
      negativePrompt = r.negativePrompt;
      seed = r.seed;
      audio = r.audio;
      model = r.model;
    }

    /**
     * Sets the prompt.
     *
     * @param prompt what the video should show
     * @return this builder
     * @throws NullPointerException if null
     * @throws IllegalArgumentException if blank or longer than {@value #MAX_PROMPT_CODE_POINTS} code points
     */
    public Builder prompt(String prompt) {
      Objects.requireNonNull(prompt, "prompt == null");
      if (prompt.isBlank()) {
        throw new IllegalArgumentException("prompt is blank");
      }
      int cps = prompt.codePointCount(0, prompt.length());
      if (cps > MAX_PROMPT_CODE_POINTS) {
        throw new IllegalArgumentException("prompt has " + cps + " code points; max " + MAX_PROMPT_CODE_POINTS);
      }
      this.prompt = prompt;
      return this;
    }

    /**
     * Sets the video duration (default 8 s).
     *
     * @param duration the video length, whole seconds in 2..60 s
     * @return this builder
     * @throws NullPointerException if null
     * @throws IllegalArgumentException if not a whole number of seconds, or outside 2..60 s
     */
    public Builder duration(Duration duration) {
      this.duration = checkDuration(duration);
      return this;
    }

    /**
     * Sets the aspect ratio (default 16:9).
     *
     * @param ratio the frame's width:height
     * @return this builder
     * @throws NullPointerException if null
     */
    public Builder aspectRatio(AspectRatio ratio) {
      this.aspectRatio = Objects.requireNonNull(ratio, "ratio == null");
      return this;
    }

    /**
     * Sets the resolution (default 720p).
     *
     * @param resolution the frame size class
     * @return this builder
     * @throws NullPointerException if null
     */
    public Builder resolution(Resolution resolution) {
      this.resolution = Objects.requireNonNull(resolution, "resolution == null");
      return this;
    }

    /**
     * Sets a negative prompt; null or blank clears it.
     *
     * @param negativePrompt what the video should not show, or null
     * @return this builder
     * @throws IllegalArgumentException if longer than {@value #MAX_PROMPT_CODE_POINTS} code points
     */
    public Builder negativePrompt(@Nullable String negativePrompt) {
      if (negativePrompt != null
          && negativePrompt.codePointCount(0, negativePrompt.length()) > MAX_PROMPT_CODE_POINTS) {
        throw new IllegalArgumentException("negative prompt too long");
      }
      this.negativePrompt = negativePrompt == null || negativePrompt.isBlank() ? null : negativePrompt;
      return this;
    }

    /**
     * Sets the seed; null clears it.
     *
     * @param seed the provider's random seed in 0..2^32-1, or null for a random one
     * @return this builder
     * @throws IllegalArgumentException outside 0..4294967295
     */
    public Builder seed(@Nullable Long seed) {
      if (seed != null && (seed < 0 || seed > 0xFFFF_FFFFL)) {
        throw new IllegalArgumentException("seed outside 0..2^32-1: " + seed);
      }
      this.seed = seed;
      return this;
    }

    /**
     * Requests audio on ({@code true}) or off ({@code false}); null leaves the provider's default.
     *
     * @param audio true for audio, false for none, null for the provider's default
     * @return this builder
     */
    public Builder audio(@Nullable Boolean audio) {
      this.audio = audio;
      return this;
    }

    /**
     * Overrides the provider's model for this request; null or blank clears the override.
     *
     * @param model a model name matching {@code [A-Za-z0-9._-]+}, or null
     * @return this builder
     * @throws IllegalArgumentException if it contains {@code /} or whitespace
     */
    public Builder model(@Nullable String model) {
      if (model != null && !model.isBlank() && !model.matches("[A-Za-z0-9._-]+")) {
        throw new IllegalArgumentException("model name must match [A-Za-z0-9._-]+: " + model);
      }
      this.model = model == null || model.isBlank() ? null : model;
      return this;
    }

    /** Returns {@code d} if it is a whole number of seconds within the generic bounds. */
    static Duration checkDuration(Duration d) {
      Objects.requireNonNull(d, "duration == null");
      if (d.getNano() != 0) {
        throw new IllegalArgumentException("duration must be whole seconds: " + d);
      }
      if (d.compareTo(MIN_DURATION) < 0 || d.compareTo(MAX_DURATION) > 0) {
        throw new IllegalArgumentException("duration " + d.toSeconds() + " s outside 2..60 s");
      }
      return d;
    }

    /**
     * Builds the request.
     *
     * @return the immutable request; the builder can be reused
     */
    public GenerationRequest build() {
      return new GenerationRequest(this);
    }
  }
}
