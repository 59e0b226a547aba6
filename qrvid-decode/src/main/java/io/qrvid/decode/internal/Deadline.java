package io.qrvid.decode.internal;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A point in {@link System#nanoTime()} time after which a scan stops starting new work; also expired when the
 * calling thread is interrupted. Every step of the decode chain checks it between units of its own work (see
 * {@link SymbolDecoder#decode(Gray, boolean, Deadline)}). Immutable and thread-safe.
 */
public final class Deadline {
  private static final Deadline NONE = new Deadline(Long.MAX_VALUE, true, null);
  private final long at;
  private final boolean unbounded;
  private final @Nullable BooleanSupplier condition;

  private Deadline(long at, boolean unbounded, @Nullable BooleanSupplier condition) {
    this.at = at;
    this.unbounded = unbounded;
    this.condition = condition;
  }

  /**
   * A deadline {@code nanos} after {@code startNanos} (both {@link System#nanoTime()} values).
   *
   * @param startNanos the start, a {@link System#nanoTime()} value
   * @param nanos the time allowed from the start, in nanoseconds
   * @return the deadline
   */
  public static Deadline after(long startNanos, long nanos) {
    return new Deadline(startNanos + nanos, false, null);
  }

  /** {@return a deadline that only an interrupt ends} */
  public static Deadline none() {
    return NONE;
  }

  /**
   * A deadline that expires once {@code condition} holds (or on an interrupt), with no time limit: for tests that
   * bound the work done after a deadline in units that do not depend on the machine's speed (e.g. "expired once
   * ZXing has sampled 3 finder-pattern groups", see {@link ZxingDecoder#groupsTried()}).
   *
   * @param condition asked on every check, from any thread; must be thread-safe and cheap
   * @return the deadline
   * @throws NullPointerException if {@code condition} is null
   */
  public static Deadline when(BooleanSupplier condition) {
    return new Deadline(Long.MAX_VALUE, true, Objects.requireNonNull(condition, "condition == null"));
  }

  /** {@return true when the time is spent, the condition holds, or the current thread was interrupted} */
  public boolean expired() {
    return (!unbounded && System.nanoTime() - at > 0) || Thread.currentThread().isInterrupted()
        || (condition != null && condition.getAsBoolean());
  }

  /** {@return nanoseconds left (0 when expired; {@link Long#MAX_VALUE} when there is no time limit)} */
  public long remainingNanos() {
    if (condition != null && condition.getAsBoolean()) {
      return 0;
    }
    return unbounded ? Long.MAX_VALUE : Math.max(0, at - System.nanoTime());
  }
}
