package io.qrvid.remote;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * One provider status report, normalised. Providers build it in {@link VideoProvider#parseStatus(ProviderResponse)}.
 * Immutable and thread-safe.
 *
 * <p>A SUCCEEDED status may carry what the provider says about the file ({@link #withExpectedSize(long)},
 * {@link #withSha256(String)}); the client then refuses a download that disagrees.
 */
public final class JobStatus {
  private final JobState state;
  private final double fraction;
  private final @Nullable Duration pollAfter;
  private final @Nullable String videoUri;
  private final byte @Nullable [] inlineVideo;
  private final GenerationFailedException.@Nullable Kind failureKind;
  private final @Nullable String errorCode;
  private final @Nullable String errorMessage;
  private final List<String> filterReasons;
  private final long expectedSize;
  private final @Nullable String sha256;

  private JobStatus(JobState state, double fraction, @Nullable Duration pollAfter, @Nullable String videoUri,
      byte @Nullable [] inlineVideo, GenerationFailedException.@Nullable Kind failureKind, @Nullable String errorCode,
      @Nullable String errorMessage, List<String> filterReasons) {
    this(state, fraction, pollAfter, videoUri, inlineVideo, failureKind, errorCode, errorMessage, filterReasons, -1,
        null);
  }

  private JobStatus(JobState state, double fraction, @Nullable Duration pollAfter, @Nullable String videoUri,
      byte @Nullable [] inlineVideo, GenerationFailedException.@Nullable Kind failureKind, @Nullable String errorCode,
      @Nullable String errorMessage, List<String> filterReasons, long expectedSize, @Nullable String sha256) {
    this.state = state;
    this.fraction = fraction;
    this.pollAfter = pollAfter;
    this.videoUri = videoUri;
    this.inlineVideo = inlineVideo;
    this.failureKind = failureKind;
    this.errorCode = errorCode;
    this.errorMessage = errorMessage;
    this.filterReasons = List.copyOf(filterReasons);
    this.expectedSize = expectedSize;
    this.sha256 = sha256;
  }

  /**
   * A job that has not finished.
   *
   * @param state QUEUED or RUNNING
   * @param fraction the provider's own progress as a fraction in [0, 1] (clamped), or NaN if it reports none
   * @param pollAfter the provider's polling hint (OpenAI {@code openai-poll-after-ms}), or null
   * @return the status
   * @throws IllegalArgumentException if {@code state} is terminal
   */
  public static JobStatus pending(JobState state, double fraction, @Nullable Duration pollAfter) {
    if (state.isTerminal()) {
      throw new IllegalArgumentException("not a pending state: " + state);
    }
    double p = Double.isNaN(fraction) ? Double.NaN : Math.max(0, Math.min(1, fraction));
    return new JobStatus(state, p, pollAfter, null, null, null, null, null, List.of());
  }

  /**
   * A finished job whose video is at {@code videoUri} (absolute URL or a provider-specific reference).
   *
   * @param videoUri where the video is: an absolute URL or a provider-specific reference
   * @return the status
   * @throws NullPointerException if {@code videoUri} is null
   */
  public static JobStatus succeeded(String videoUri) {
    return new JobStatus(JobState.SUCCEEDED, 1, null, Objects.requireNonNull(videoUri, "videoUri == null"), null,
        null, null, null, List.of());
  }

  /**
   * A finished job whose video came inline in the status (Veo {@code encodedVideo}/{@code bytesBase64Encoded}). The
   * client checks its length against {@link TextToVideoClient.Builder#maxVideoBytes(long)}.
   *
   * @param video the video bytes (copied)
   * @return the status
   * @throws NullPointerException if {@code video} is null
   */
  public static JobStatus succeededInline(byte[] video) {
    return new JobStatus(JobState.SUCCEEDED, 1, null, null, video.clone(), null, null, null, List.of());
  }

  /**
   * A finished job whose operation id is itself the download reference (OpenAI {@code /videos/{id}/content}).
   *
   * @return the status
   */
  public static JobStatus succeededById() {
    return new JobStatus(JobState.SUCCEEDED, 1, null, null, null, null, null, null, List.of());
  }

  /**
   * A failed job.
   *
   * @param kind why it failed
   * @param code the provider's failure code, or null
   * @param message the provider's failure message, or null
   * @param filterReasons the content filter's reasons (empty unless {@code kind} is CONTENT_FILTERED)
   * @return the status
   */
  public static JobStatus failed(GenerationFailedException.Kind kind, @Nullable String code,
      @Nullable String message, List<String> filterReasons) {
    return new JobStatus(JobState.FAILED, Double.NaN, null, null, null, kind, code, message, filterReasons);
  }

  /**
   * A job cancelled on the provider side.
   *
   * @param message the provider's message, or null
   * @return the status
   */
  public static JobStatus cancelled(@Nullable String message) {
    return new JobStatus(JobState.CANCELLED, Double.NaN, null, null, null, null, null, message, List.of());
  }

  /**
   * {@return a copy of this SUCCEEDED status that records the video's size as the provider reports it; the download
   * must have exactly this size}
   *
   * @param bytes the video's size in bytes
   * @throws IllegalStateException if this status is not SUCCEEDED
   * @throws IllegalArgumentException if {@code bytes} is negative
   */
  public JobStatus withExpectedSize(long bytes) {
    if (state != JobState.SUCCEEDED) {
      throw new IllegalStateException("not a succeeded status: " + state);
    }
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes < 0: " + bytes);
    }
    return new JobStatus(state, fraction, pollAfter, videoUri, inlineVideo, failureKind, errorCode, errorMessage,
        filterReasons, bytes, sha256);
  }

  /**
   * {@return a copy of this SUCCEEDED status that records the video's SHA-256 as the provider reports it; the
   * download must match it}
   *
   * @param hex 64 hexadecimal digits
   * @throws IllegalStateException if this status is not SUCCEEDED
   * @throws IllegalArgumentException if {@code hex} is not 64 hex digits
   */
  public JobStatus withSha256(String hex) {
    if (state != JobState.SUCCEEDED) {
      throw new IllegalStateException("not a succeeded status: " + state);
    }
    if (hex == null || !hex.matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException("not a SHA-256 in hex: " + hex);
    }
    return new JobStatus(state, fraction, pollAfter, videoUri, inlineVideo, failureKind, errorCode, errorMessage,
        filterReasons, expectedSize, hex.toLowerCase(java.util.Locale.ROOT));
  }

  /** {@return the video size the provider reported, if any} */
  public java.util.OptionalLong expectedSize() {
    return expectedSize < 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(expectedSize);
  }

  /** {@return the video SHA-256 (lower-case hex) the provider reported, if any} */
  public Optional<String> sha256() {
    return Optional.ofNullable(sha256);
  }

  /** {@return the state} */
  public JobState state() {
    return state;
  }

  /** {@return the provider's own progress as a fraction in [0, 1], if it reports one} */
  public OptionalDouble fraction() {
    return Double.isNaN(fraction) ? OptionalDouble.empty() : OptionalDouble.of(fraction);
  }

  /** {@return the provider's polling hint, if any} */
  public Optional<Duration> pollAfter() {
    return Optional.ofNullable(pollAfter);
  }

  /** {@return the video reference of a SUCCEEDED job, if it is a URI} */
  public Optional<String> videoUri() {
    return Optional.ofNullable(videoUri);
  }

  /** {@return a copy of the inline video bytes of a SUCCEEDED job, if it carried them} */
  public Optional<byte[]> inlineVideo() {
    return inlineVideo == null ? Optional.empty() : Optional.of(inlineVideo.clone());
  }

  /** {@return the failure kind of a FAILED job} */
  public Optional<GenerationFailedException.Kind> failureKind() {
    return Optional.ofNullable(failureKind);
  }

  /** {@return the provider's error code, if any} */
  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  /** {@return the provider's error or cancellation message, if any} */
  public Optional<String> errorMessage() {
    return Optional.ofNullable(errorMessage);
  }

  /** {@return content-filter reasons, if any} */
  public List<String> filterReasons() {
    return filterReasons;
  }

  @Override
  public String toString() {
    return "JobStatus{" + state + (Double.isNaN(fraction) ? "" : ", fraction=" + fraction)
        + (failureKind == null ? "" : ", " + failureKind) + (errorCode == null ? "" : ", code=" + errorCode) + "}";
  }
}
