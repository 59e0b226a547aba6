package io.qrvid.core;

/**
 * How the QR encoder chooses the mask pattern (ISO/IEC 18004:2015, section 7.8).
 *
 * <p>{@link #searchBest()} evaluates all eight patterns with the standard's penalty rules and keeps the best, as
 * ZXing does by default; it dominates encoding time. {@link #fixed(int)} skips the search. Immutable.
 */
public final class MaskPolicy {
  private static final MaskPolicy SEARCH = new MaskPolicy(-1);
  private final int pattern;

  private MaskPolicy(int pattern) {
    this.pattern = pattern;
  }

  /** Let the encoder evaluate all eight masks and keep the lowest-penalty one. */
  public static MaskPolicy searchBest() {
    return SEARCH;
  }

  /**
   * Always use mask pattern {@code pattern}.
   *
   * @throws IllegalArgumentException unless {@code 0 <= pattern <= 7}
   */
  public static MaskPolicy fixed(int pattern) {
    if (pattern < 0 || pattern > 7) {
      throw new IllegalArgumentException("mask pattern not in 0..7: " + pattern);
    }
    return new MaskPolicy(pattern);
  }

  /** True for {@link #fixed(int)} policies. */
  public boolean isFixed() {
    return pattern >= 0;
  }

  /** The fixed pattern, or -1 for {@link #searchBest()}. */
  public int pattern() {
    return pattern;
  }

  /** Parses {@code "best"} or a digit {@code 0..7}. */
  public static MaskPolicy parse(String s) {
    return "best".equalsIgnoreCase(s) ? searchBest() : fixed(Integer.parseInt(s.trim()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MaskPolicy && ((MaskPolicy) o).pattern == pattern;
  }

  @Override
  public int hashCode() {
    return pattern;
  }

  @Override
  public String toString() {
    return isFixed() ? String.valueOf(pattern) : "best";
  }
}
