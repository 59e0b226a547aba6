package io.qrvid.remote;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one provider and model accept, and the per-provider validation step that rejects or snaps a request
 * ({@link #apply(GenerationRequest, CapabilityPolicy)}). Immutable and thread-safe.
 *
 * <p>The values used by the built-in providers come from {@code research/videogen.md}: Veo 3.x accepts 4/6/8 s,
 * 16:9 and 9:16, 720p/1080p (4k on Veo 3.1); the OpenAI videos API accepts {@code seconds} "4"/"8"/"12".
 */
public final class ProviderCapabilities {
  private static final Logger log = LoggerFactory.getLogger("io.qrvid.remote");

  private final SortedSet<Duration> durations;
  private final Set<AspectRatio> aspectRatios;
  private final Set<Resolution> resolutions;
  private final boolean seed;
  private final boolean audio;
  private final boolean negativePrompt;
  private final int maxPromptCodePoints;

  private ProviderCapabilities(Builder b) {
    durations = new TreeSet<>(b.durations);
    aspectRatios = Set.copyOf(b.aspectRatios);
    resolutions = Set.copyOf(b.resolutions);
    seed = b.seed;
    audio = b.audio;
    negativePrompt = b.negativePrompt;
    maxPromptCodePoints = b.maxPromptCodePoints;
  }

  /** {@return a builder that accepts everything the generic bounds accept} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return capabilities that accept every request that passes {@link GenerationRequest}'s generic bounds} */
  public static ProviderCapabilities unrestricted() {
    return builder().build();
  }

  /** {@return the supported video durations (whole seconds), ascending} */
  public SortedSet<Duration> durations() {
    return java.util.Collections.unmodifiableSortedSet(durations);
  }

  /** {@return the supported aspect ratios} */
  public Set<AspectRatio> aspectRatios() {
    return aspectRatios;
  }

  /** {@return the supported resolutions} */
  public Set<Resolution> resolutions() {
    return resolutions;
  }

  /** {@return whether a seed is accepted} */
  public boolean supportsSeed() {
    return seed;
  }

  /** {@return whether the audio switch is accepted} */
  public boolean supportsAudio() {
    return audio;
  }

  /** {@return whether a negative prompt is accepted} */
  public boolean supportsNegativePrompt() {
    return negativePrompt;
  }

  /** {@return the longest accepted prompt in code points} */
  public int maxPromptCodePoints() {
    return maxPromptCodePoints;
  }

  /**
   * Checks {@code request} against these capabilities.
   *
   * <p>With {@link CapabilityPolicy#REJECT} any unsupported value fails. With {@link CapabilityPolicy#SNAP} the
   * duration snaps to the nearest supported one (the longer on a tie), the aspect ratio to a supported one of the
   * same orientation (else the first supported), the resolution to the nearest supported, and unsupported seed, audio
   * or negative prompt are dropped with a WARN log. A prompt that is too long is always rejected: cutting a prompt
   * would change its meaning.
   *
   * @return the request to send (the same instance if nothing changed)
   * @param request the request to check
   * @param policy what to do with an unsupported value
   * @throws IllegalArgumentException if the request is not supported and the policy is REJECT, or the prompt is too
   *     long
   * @throws NullPointerException if an argument is null
   */
  public GenerationRequest apply(GenerationRequest request, CapabilityPolicy policy) {
    Objects.requireNonNull(request, "request == null");
    Objects.requireNonNull(policy, "policy == null");
    String p = request.prompt();
    if (p.codePointCount(0, p.length()) > maxPromptCodePoints) {
      throw new IllegalArgumentException("prompt longer than this provider's " + maxPromptCodePoints
          + " code points");
    }
    List<String> problems = new ArrayList<>();
    GenerationRequest.Builder b = request.newBuilder();
    boolean changed = false;
    if (!durations.contains(request.duration())) {
      problems.add("duration " + request.duration().toSeconds() + " s (supported: " + seconds(durations) + ")");
      long d = request.duration().toSeconds();
      Duration best = durations.stream().min(Comparator.<Duration>comparingLong(x -> Math.abs(x.toSeconds() - d))
          .thenComparing(Comparator.reverseOrder())).orElseThrow();
      b.duration(best);
      changed = true;
    }
    if (!aspectRatios.contains(request.aspectRatio())) {
      problems.add("aspect ratio " + request.aspectRatio().label());
      boolean landscape = request.aspectRatio().isLandscape();
      AspectRatio best = aspectRatios.stream().filter(r -> r.isLandscape() == landscape)
          .min(Comparator.naturalOrder()).orElse(aspectRatios.stream().min(Comparator.naturalOrder()).orElseThrow());
      b.aspectRatio(best);
      changed = true;
    }
    if (!resolutions.contains(request.resolution())) {
      problems.add("resolution " + request.resolution().label());
      int lines = request.resolution().lines();
      Resolution best = resolutions.stream().min(Comparator.<Resolution>comparingInt(r -> Math.abs(r.lines() - lines))
          .thenComparing(Comparator.naturalOrder())).orElseThrow();
      b.resolution(best);
      changed = true;
    }
    if (request.seed().isPresent() && !seed) {
      problems.add("seed");
      b.seed(null);
      changed = true;
    }
    if (request.audio().isPresent() && !audio) {
      problems.add("audio switch");
      b.audio(null);
      changed = true;
    }
    if (request.negativePrompt().isPresent() && !negativePrompt) {
      problems.add("negative prompt");
      b.negativePrompt(null);
      changed = true;
    }
    if (!changed) {
      return request;
    }
    if (policy == CapabilityPolicy.REJECT) {
      throw new IllegalArgumentException("not supported by this provider: " + String.join(", ", problems));
    }
    GenerationRequest snapped = b.build();
    log.warn("request adjusted to provider capabilities ({}): {}", String.join(", ", problems), snapped);
    return snapped;
  }

  private static String seconds(SortedSet<Duration> ds) {
    StringBuilder sb = new StringBuilder();
    for (Duration d : ds) {
      sb.append(sb.length() == 0 ? "" : ", ").append(d.toSeconds()).append(" s");
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "ProviderCapabilities{durations=" + seconds(durations) + ", aspectRatios=" + aspectRatios + ", resolutions="
        + resolutions + ", seed=" + seed + ", audio=" + audio + ", negativePrompt=" + negativePrompt + "}";
  }

  /** Mutable builder; not thread-safe. Defaults accept everything the generic bounds accept. */
  public static final class Builder {
    private SortedSet<Duration> durations = new TreeSet<>();
    private Set<AspectRatio> aspectRatios = EnumSet.allOf(AspectRatio.class);
    private Set<Resolution> resolutions = EnumSet.allOf(Resolution.class);
    private boolean seed = true;
    private boolean audio = true;
    private boolean negativePrompt = true;
    private int maxPromptCodePoints = GenerationRequest.MAX_PROMPT_CODE_POINTS;

    private Builder() {
      long max = GenerationRequest.MAX_DURATION.toSeconds();
      for (long d = GenerationRequest.MIN_DURATION.toSeconds(); d <= max; d++) {
        durations.add(Duration.ofSeconds(d));
      }
    }

    /**
     * Sets the supported video durations.
     *
     * @param durations the durations, whole seconds (default: every second of 2..60 s)
     * @return this builder
     * @throws NullPointerException if the set or an element is null
     * @throws IllegalArgumentException if empty, or any value is not whole seconds within the generic 2..60 s
     */
    public Builder durations(Set<Duration> durations) {
      if (durations.isEmpty()) {
        throw new IllegalArgumentException("durations is empty");
      }
      SortedSet<Duration> copy = new TreeSet<>();
      for (Duration d : durations) {
        copy.add(GenerationRequest.Builder.checkDuration(d));
      }
      this.durations = copy;
      return this;
    }

    /**
     * Sets the supported aspect ratios.
     *
     * @param ratios the ratios (default: all)
     * @return this builder
     * @throws IllegalArgumentException if empty
     * @throws NullPointerException if {@code ratios} is null or holds null
     */
    public Builder aspectRatios(Set<AspectRatio> ratios) {
      if (ratios.isEmpty()) {
        throw new IllegalArgumentException("aspectRatios is empty");
      }
      this.aspectRatios = EnumSet.copyOf(ratios);
      return this;
    }

    /**
     * Sets the supported resolutions.
     *
     * @param resolutions the resolutions (default: all)
     * @return this builder
     * @throws IllegalArgumentException if empty
     * @throws NullPointerException if {@code resolutions} is null or holds null
     */
    public Builder resolutions(Set<Resolution> resolutions) {
      if (resolutions.isEmpty()) {
        throw new IllegalArgumentException("resolutions is empty");
      }
      this.resolutions = EnumSet.copyOf(resolutions);
      return this;
    }

    /**
     * Sets whether a seed is accepted (default true).
     *
     * @param supported whether requests may carry a seed
     * @return this builder
     */
    public Builder seed(boolean supported) {
      this.seed = supported;
      return this;
    }

    /**
     * Sets whether the audio switch is accepted (default true).
     *
     * @param supported whether requests may switch audio on or off
     * @return this builder
     */
    public Builder audio(boolean supported) {
      this.audio = supported;
      return this;
    }

    /**
     * Sets whether a negative prompt is accepted (default true).
     *
     * @param supported whether requests may carry a negative prompt
     * @return this builder
     */
    public Builder negativePrompt(boolean supported) {
      this.negativePrompt = supported;
      return this;
    }

    /**
     * Sets the longest accepted prompt in code points (default 2000).
     *
     * @param max the limit in Unicode code points, 1 or more
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxPromptCodePoints(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxPromptCodePoints < 1: " + max);
      }
      this.maxPromptCodePoints = max;
      return this;
    }

    /**
     * Builds the capabilities.
     *
     * @return the immutable capabilities; the builder can be reused
     */
    public ProviderCapabilities build() {
      return new ProviderCapabilities(this);
    }
  }
}
