package io.qrvid.remote;

import java.time.Duration;
import java.util.Objects;

/**
 * How the client retries failed HTTP calls; immutable and thread-safe. Retries are executed by Failsafe's
 * {@code RetryPolicy}; this type only carries the numbers.
 *
 * <p>Defaults: 5 attempts, backoff from 1 s doubling to at most 30 s, jitter factor 0.25 (each computed backoff is
 * multiplied by a random factor in [0.75, 1]), at most 2 minutes across the attempts of one call, and a server
 * requested delay of at most 120 s (openai-python caps honoured {@code Retry-After} at 120 s, PR #3555). A delay the
 * server asks for ({@code Retry-After-Ms}, {@code Retry-After} in seconds or as an HTTP date, Google
 * {@code RetryInfo.retryDelay}) is waited exactly, without jitter; a longer request fails with
 * {@link QuotaExceededException}.
 */
public final class RetryOptions {
  private final int maxAttempts;
  private final Duration initialDelay;
  private final Duration maxDelay;
  private final double jitter;
  private final Duration maxDuration;
  private final Duration maxRetryAfter;

  private RetryOptions(Builder b) {
    maxAttempts = b.maxAttempts;
    initialDelay = b.initialDelay;
    maxDelay = b.maxDelay;
    jitter = b.jitter;
    maxDuration = b.maxDuration;
    maxRetryAfter = b.maxRetryAfter;
  }

  /** Returns a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the default options. */
  public static RetryOptions defaults() {
    return builder().build();
  }

  /** Returns a builder initialised with these options. */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** Returns the maximum number of attempts per call, including the first (default 5). */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Returns the first backoff delay (default 1 s). */
  public Duration initialDelay() {
    return initialDelay;
  }

  /** Returns the backoff cap (default 30 s). */
  public Duration maxDelay() {
    return maxDelay;
  }

  /** Returns the jitter factor in [0, 1) (default 0.25). */
  public double jitter() {
    return jitter;
  }

  /** Returns the longest time spent on the attempts of one call (default 2 min). */
  public Duration maxDuration() {
    return maxDuration;
  }

  /** Returns the longest server-requested delay the client is willing to wait (default 120 s). */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /**
   * Returns the backoff before retry number {@code retry} (1-based) for a random value {@code random} in [0, 1):
   * {@code min(initialDelay * 2^(retry-1), maxDelay) * (1 - jitter * random)}.
   */
  public Duration backoff(int retry, double random) {
    double base = initialDelay.toMillis() * Math.pow(2, Math.max(0, retry - 1));
    double capped = Math.min(base, maxDelay.toMillis());
    return Duration.ofMillis((long) (capped * (1 - jitter * random)));
  }

  @Override
  public String toString() {
    return "RetryOptions{maxAttempts=" + maxAttempts + ", initialDelay=" + initialDelay + ", maxDelay=" + maxDelay
        + ", jitter=" + jitter + ", maxDuration=" + maxDuration + ", maxRetryAfter=" + maxRetryAfter + "}";
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private int maxAttempts = 5;
    private Duration initialDelay = Duration.ofSeconds(1);
    private Duration maxDelay = Duration.ofSeconds(30);
    private double jitter = 0.25;
    private Duration maxDuration = Duration.ofMinutes(2);
    private Duration maxRetryAfter = Duration.ofSeconds(120);

    private Builder() {}

    private Builder(RetryOptions o) {
      maxAttempts = o.maxAttempts;
      initialDelay = o.initialDelay;
      maxDelay = o.maxDelay;
      jitter = o.jitter;
      maxDuration = o.maxDuration;
      maxRetryAfter = o.maxRetryAfter;
    }

    /**
     * Sets the attempts per call, including the first.
     *
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxAttempts(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxAttempts < 1: " + n);
      }
      this.maxAttempts = n;
      return this;
    }

    /**
     * Sets the first backoff delay.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder initialDelay(Duration d) {
      this.initialDelay = nonNegative(d, "initialDelay");
      return this;
    }

    /**
     * Sets the backoff cap.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder maxDelay(Duration d) {
      this.maxDelay = nonNegative(d, "maxDelay");
      return this;
    }

    /**
     * Sets the jitter factor.
     *
     * @throws IllegalArgumentException outside [0, 1)
     */
    public Builder jitter(double factor) {
      if (!(factor >= 0 && factor < 1)) {
        throw new IllegalArgumentException("jitter outside [0, 1): " + factor);
      }
      this.jitter = factor;
      return this;
    }

    /**
     * Sets the longest time spent on the attempts of one call.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxDuration(Duration d) {
      if (nonNegative(d, "maxDuration").isZero()) {
        throw new IllegalArgumentException("maxDuration is zero");
      }
      this.maxDuration = d;
      return this;
    }

    /**
     * Sets the longest server-requested delay the client waits; longer requests fail at once.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder maxRetryAfter(Duration d) {
      this.maxRetryAfter = nonNegative(d, "maxRetryAfter");
      return this;
    }

    /**
     * Builds the options.
     *
     * @throws IllegalStateException if {@code initialDelay > maxDelay}
     */
    public RetryOptions build() {
      if (initialDelay.compareTo(maxDelay) > 0) {
        throw new IllegalStateException("initialDelay > maxDelay");
      }
      return new RetryOptions(this);
    }

    private static Duration nonNegative(Duration d, String name) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " is negative: " + d);
      }
      return d;
    }
  }
}
