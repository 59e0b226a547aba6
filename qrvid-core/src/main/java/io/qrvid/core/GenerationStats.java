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

  /** Frames attempted. */
  public int totalFrames() {
    return totalFrames;
  }

  /** Frames generated successfully. */
  public int successfulFrames() {
    return successfulFrames;
  }

  /** Frames that failed; {@code failures().size()}. */
  public int failedFrames() {
    return failures.size();
  }

  /** Wall-clock time from the start of the generation to its last finished frame. */
  public Duration processingTime() {
    return processingTime;
  }

  /** Frames finished (successful or failed) per second of {@link #processingTime()}; 0 if no time elapsed. */
  public double framesPerSecond() {
    long nanos = processingTime.toNanos();
    return nanos <= 0 ? 0 : totalFrames * 1e9 / nanos;
  }

  /** The failed frames in index order; empty when all succeeded. */
  public List<FrameFailure> failures() {
    return failures;
  }

  /** True when every attempted frame was generated. */
  public boolean allSucceeded() {
    return failures.isEmpty();
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "GenerationStats{%d frames, %d ok, %d failed, %d ms, %.1f frames/s}",
        totalFrames, successfulFrames, failures.size(), processingTime.toMillis(), framesPerSecond());
  }
}
