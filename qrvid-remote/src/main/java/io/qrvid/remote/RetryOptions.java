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

  /** {@return a builder with the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the default options} */
  public static RetryOptions defaults() {
    return builder().build();
  }

  /** {@return a builder initialised with these options} */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** {@return the maximum number of attempts per call, including the first (default 5)} */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** {@return the first backoff delay (default 1 s)} */
  public Duration initialDelay() {
    return initialDelay;
  }

  /** {@return the backoff cap (default 30 s)} */
  public Duration maxDelay() {
    return maxDelay;
  }

  /** {@return the jitter factor in [0, 1) (default 0.25)} */
  public double jitter() {
    return jitter;
  }

  /** {@return the longest time spent on the attempts of one call (default 2 min)} */
  public Duration maxDuration() {
    return maxDuration;
  }

  /** {@return the longest server-requested delay the client is willing to wait (default 120 s)} */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /**
   * {@return the backoff before retry number {@code retry} (1-based) for a random value {@code random} in [0, 1):
   * {@code min(initialDelay * 2^(retry-1), maxDelay) * (1 - jitter * random)}}
   *
   * @param retry the retry number, 1 for the first retry
   * @param random a uniform random value in [0, 1)
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
     * @param n the attempts, 1 or more (default 5)
     * @return this builder
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
     * @param d the delay before the first retry (default 1 s)
     * @return this builder
     * @throws IllegalArgumentException if negative
     * @throws NullPointerException if {@code d} is null
     */
    public Builder initialDelay(Duration d) {
      this.initialDelay = nonNegative(d, "initialDelay");
      return this;
    }

    /**
     * Sets the backoff cap.
     *
     * @param d the longest delay between two attempts (default 30 s)
     * @return this builder
     * @throws IllegalArgumentException if negative
     * @throws NullPointerException if {@code d} is null
     */
    public Builder maxDelay(Duration d) {
      this.maxDelay = nonNegative(d, "maxDelay");
      return this;
    }

    /**
     * Sets the jitter factor.
     *
     * @param factor the largest fraction in [0, 1) by which a backoff is randomly shortened (default 0.25)
     * @return this builder
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
     * @param d the time budget of one call over all its attempts (default 2 min)
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @throws NullPointerException if {@code d} is null
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
     * @param d the longest {@code Retry-After} honoured (default 120 s)
     * @return this builder
     * @throws IllegalArgumentException if negative
     * @throws NullPointerException if {@code d} is null
     */
    public Builder maxRetryAfter(Duration d) {
      this.maxRetryAfter = nonNegative(d, "maxRetryAfter");
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the immutable options; the builder can be reused
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
