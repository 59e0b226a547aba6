package io.qrvid.core;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of a bulk frame generation: frame counts, wall-clock processing time, throughput and the failed
 * frames with their reasons. Immutable and thread-safe.
 */
public final class GenerationStats {
  private final int totalFrames;
  private final int successfulFrames;
  private final Duration processingTime;
  private final List<FrameFailure> failures;

  GenerationStats(int totalFrames, int successfulFrames, Duration processingTime, List<FrameFailure> failures) {
    this.totalFrames = totalFrames;
    this.successfulFrames = successfulFrames;
    this.processingTime = processingTime;
    this.failures = List.copyOf(failures);
  }

  /** {@return frames attempted} */
  public int totalFrames() {
    return totalFrames;
  }

  /** {@return frames generated successfully} */
  public int successfulFrames() {
    return successfulFrames;
  }

  /** {@return frames that failed; {@code failures().size()}} */
  public int failedFrames() {
    return failures.size();
  }

  /** {@return wall-clock time from the start of the generation to its last finished frame} */
  public Duration processingTime() {
    return processingTime;
  }

  /** {@return frames finished (successful or failed) per second of {@link #processingTime()}; 0 if no time elapsed} */
  public double framesPerSecond() {
    long nanos = processingTime.toNanos();
    return nanos <= 0 ? 0 : totalFrames * 1e9 / nanos;
  }

  /** {@return the failed frames in index order; empty when all succeeded} */
  public List<FrameFailure> failures() {
    return failures;
  }

  /** {@return true when every attempted frame was generated} */
  public boolean allSucceeded() {
    return failures.isEmpty();
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "GenerationStats{%d frames, %d ok, %d failed, %d ms, %.1f frames/s}",
        totalFrames, successfulFrames, failures.size(), processingTime.toMillis(), framesPerSecond());
  }
}
