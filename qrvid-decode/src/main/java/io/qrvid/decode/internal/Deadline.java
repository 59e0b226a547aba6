package io.qrvid.decode.internal;

/**
 * A point in {@link System#nanoTime()} time after which a scan stops starting new work; also expired when the
 * calling thread is interrupted. Immutable and thread-safe.
 */
public final class Deadline {
  private static final Deadline NONE = new Deadline(Long.MAX_VALUE, true);
  private final long at;
  private final boolean unbounded;

  private Deadline(long at, boolean unbounded) {
    this.at = at;
    this.unbounded = unbounded;
  }

  /** A deadline {@code nanos} after {@code startNanos} (both {@link System#nanoTime()} values). */
  public static Deadline after(long startNanos, long nanos) {
    return new Deadline(startNanos + nanos, false);
  }

  /** A deadline that only an interrupt ends. */
  public static Deadline none() {
    return NONE;
  }

  /** True when the time is spent or the current thread was interrupted. */
  public boolean expired() {
    return (!unbounded && System.nanoTime() - at > 0) || Thread.currentThread().isInterrupted();
  }

  /** Nanoseconds left (0 when expired; {@link Long#MAX_VALUE} when unbounded). */
  public long remainingNanos() {
    return unbounded ? Long.MAX_VALUE : Math.max(0, at - System.nanoTime());
  }
}
