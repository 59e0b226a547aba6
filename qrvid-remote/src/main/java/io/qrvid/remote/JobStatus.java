package io.qrvid.remote;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * One provider status report, normalised. Providers build it in
 * {@link VideoProvider#parseStatus(com.fasterxml.jackson.databind.JsonNode, okhttp3.Headers)}. Immutable.
 */
public final class JobStatus {
  private final JobState state;
  private final double progress;
  private final @Nullable Duration pollAfter;
  private final @Nullable String videoUri;
  private final byte @Nullable [] inlineVideo;
  private final GenerationFailedException.@Nullable Kind failureKind;
  private final @Nullable String errorCode;
  private final @Nullable String errorMessage;
  private final List<String> filterReasons;

  private JobStatus(JobState state, double progress, @Nullable Duration pollAfter, @Nullable String videoUri,
      byte @Nullable [] inlineVideo, GenerationFailedException.@Nullable Kind failureKind, @Nullable String errorCode,
      @Nullable String errorMessage, List<String> filterReasons) {
    this.state = state;
    this.progress = progress;
    this.pollAfter = pollAfter;
    this.videoUri = videoUri;
    this.inlineVideo = inlineVideo;
    this.failureKind = failureKind;
    this.errorCode = errorCode;
    this.errorMessage = errorMessage;
    this.filterReasons = List.copyOf(filterReasons);
  }

  /**
   * A job that has not finished.
   *
   * @param state QUEUED or RUNNING
   * @param progress the provider's own progress in [0, 1], or NaN if it reports none
   * @param pollAfter the provider's polling hint (OpenAI {@code openai-poll-after-ms}), or null
   * @throws IllegalArgumentException if {@code state} is terminal
   */
  public static JobStatus pending(JobState state, double progress, @Nullable Duration pollAfter) {
    if (state.isTerminal()) {
      throw new IllegalArgumentException("not a pending state: " + state);
    }
    double p = Double.isNaN(progress) ? Double.NaN : Math.max(0, Math.min(1, progress));
    return new JobStatus(state, p, pollAfter, null, null, null, null, null, List.of());
  }

  /** A finished job whose video is at {@code videoUri} (absolute URL or a provider-specific reference). */
  public static JobStatus succeeded(String videoUri) {
    return new JobStatus(JobState.SUCCEEDED, 1, null, Objects.requireNonNull(videoUri, "videoUri == null"), null,
        null, null, null, List.of());
  }

  /** A finished job whose video came inline in the status (Veo {@code encodedVideo}/{@code bytesBase64Encoded}). */
  public static JobStatus succeededInline(byte[] video) {
    return new JobStatus(JobState.SUCCEEDED, 1, null, null, video.clone(), null, null, null, List.of());
  }

  /** A finished job whose operation id is itself the download reference (OpenAI {@code /videos/{id}/content}). */
  public static JobStatus succeededById() {
    return new JobStatus(JobState.SUCCEEDED, 1, null, null, null, null, null, null, List.of());
  }

  /** A failed job. */
  public static JobStatus failed(GenerationFailedException.Kind kind, @Nullable String code,
      @Nullable String message, List<String> filterReasons) {
    return new JobStatus(JobState.FAILED, Double.NaN, null, null, null, kind, code, message, filterReasons);
  }

  /** A job cancelled on the provider side. */
  public static JobStatus cancelled(@Nullable String message) {
    return new JobStatus(JobState.CANCELLED, Double.NaN, null, null, null, null, null, message, List.of());
  }

  /** Returns the state. */
  public JobState state() {
    return state;
  }

  /** Returns the provider's own progress in [0, 1], if it reports one. */
  public OptionalDouble progress() {
    return Double.isNaN(progress) ? OptionalDouble.empty() : OptionalDouble.of(progress);
  }

  /** Returns the provider's polling hint, if any. */
  public Optional<Duration> pollAfter() {
    return Optional.ofNullable(pollAfter);
  }

  /** Returns the video reference of a SUCCEEDED job, if it is a URI. */
  public Optional<String> videoUri() {
    return Optional.ofNullable(videoUri);
  }

  /** Returns a copy of the inline video bytes of a SUCCEEDED job, if it carried them. */
  public Optional<byte[]> inlineVideo() {
    return inlineVideo == null ? Optional.empty() : Optional.of(inlineVideo.clone());
  }

  /** Returns the failure kind of a FAILED job. */
  public Optional<GenerationFailedException.Kind> failureKind() {
    return Optional.ofNullable(failureKind);
  }

  /** Returns the provider's error code, if any. */
  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  /** Returns the provider's error or cancellation message, if any. */
  public Optional<String> errorMessage() {
    return Optional.ofNullable(errorMessage);
  }

  /** Returns content-filter reasons, if any. */
  public List<String> filterReasons() {
    return filterReasons;
  }

  @Override
  public String toString() {
    return "JobStatus{" + state + (Double.isNaN(progress) ? "" : ", progress=" + progress)
        + (failureKind == null ? "" : ", " + failureKind) + (errorCode == null ? "" : ", code=" + errorCode) + "}";
  }
}
