package io.qrvid.video.memvid;

import io.qrvid.core.FrameProgressListener;
import java.util.Objects;

/**
 * How {@link MemvidLibrary#open(java.nio.file.Path, java.nio.file.Path, MemvidReadOptions)} reads a video: the
 * number of decoding threads and a progress listener. Immutable and thread-safe.
 *
 * <pre>{@code
 * MemvidReadOptions o = MemvidReadOptions.builder().workers(2).progressListener((done, total) -> { }).build();
 * }</pre>
 */
public final class MemvidReadOptions {
  private final int workers;
  private final FrameProgressListener progressListener;

  private MemvidReadOptions(Builder b) {
    workers = b.workers;
    progressListener = b.progressListener;
  }

  /** {@return a builder with the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the defaults: {@link Runtime#availableProcessors()} workers, no progress listener} */
  public static MemvidReadOptions defaults() {
    return builder().build();
  }

  /** {@return a builder initialised from these options} */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** {@return threads that decode frames (the video itself is demuxed and decoded on the calling thread)} */
  public int workers() {
    return workers;
  }

  /**
   * Receives progress in frames decoded; the total is the container's frame count, or -1 if it does not say.
   *
   * @return the listener; {@link FrameProgressListener#NONE} by default
   */
  public FrameProgressListener progressListener() {
    return progressListener;
  }

  /** Configures {@link MemvidReadOptions}. Mutable and not thread-safe. */
  public static final class Builder {
    private int workers = Runtime.getRuntime().availableProcessors();
    private FrameProgressListener progressListener = FrameProgressListener.NONE;

    private Builder() {}

    private Builder(MemvidReadOptions o) {
      workers = o.workers;
      progressListener = o.progressListener;
    }

    /**
     * Frame-decoding threads (default {@link Runtime#availableProcessors()}).
     *
     * @param workers the thread count, 1..256
     * @return this builder
     * @throws IllegalArgumentException unless 1..256
     */
    public Builder workers(int workers) {
      if (workers < 1 || workers > 256) {
        throw new IllegalArgumentException("workers not in 1..256: " + workers);
      }
      this.workers = workers;
      return this;
    }

    /**
     * Progress in frames decoded (default none); called from worker threads, so it must be thread-safe.
     *
     * @param listener receives frames decoded and the total
     * @return this builder
     * @throws NullPointerException if {@code listener} is null
     */
    public Builder progressListener(FrameProgressListener listener) {
      this.progressListener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the immutable options; the builder can be reused
     */
    public MemvidReadOptions build() {
      return new MemvidReadOptions(this);
    }
  }
}
