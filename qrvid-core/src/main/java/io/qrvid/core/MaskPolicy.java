package io.qrvid.core;

/**
 * How the QR encoder chooses the mask pattern (ISO/IEC 18004:2015, section 7.8).
 *
 * <p>{@link #searchBest()} (the default of {@link QrFrameGenerator}) scores all eight patterns with the standard's
 * penalty rules (section 7.8.3) and keeps the lowest, choosing exactly the pattern ZXing's {@code Encoder} chooses,
 * including its reading of the finder-like pattern rule and its tie rule (the lowest pattern number); see
 * {@code io.qrvid.core.internal.MaskPenalty}. For byte-mode contents the penalties are computed bit-parallel on
 * packed module rows and columns, so the search costs little: {@code qrvid bench qr} measured best-mask frame
 * generation at about 0.7x to 0.95x the speed of a fixed pattern (version 15-M, 512x512 frames; ZXing's own search
 * was about 9x slower than a fixed pattern). {@link #fixed(int)} skips the search. Immutable and thread-safe.
 */
public final class MaskPolicy {
  private static final MaskPolicy SEARCH = new MaskPolicy(-1);
  private final int pattern;

  private MaskPolicy(int pattern) {
    this.pattern = pattern;
  }

  /**
   * Let the encoder score all eight mask patterns and keep the lowest-penalty one (the default).
   *
   * @return the search policy (a shared instance)
   */
  public static MaskPolicy searchBest() {
    return SEARCH;
  }

  /**
   * Always uses mask pattern {@code pattern}.
   *
   * @param pattern the mask pattern reference, 0..7 (ISO/IEC 18004:2015, 7.8.2)
   * @return the fixed policy
   * @throws IllegalArgumentException unless {@code 0 <= pattern <= 7}
   */
  public static MaskPolicy fixed(int pattern) {
    if (pattern < 0 || pattern > 7) {
      throw new IllegalArgumentException("mask pattern not in 0..7: " + pattern);
    }
    return new MaskPolicy(pattern);
  }

  /** {@return true for {@link #fixed(int)} policies} */
  public boolean isFixed() {
    return pattern >= 0;
  }

  /** {@return the fixed pattern, or -1 for {@link #searchBest()}} */
  public int pattern() {
    return pattern;
  }

  /**
   * Parses {@code "best"} (any case) or a digit {@code 0..7}, as the CLI's {@code --mask} option takes it.
   *
   * @param s the text, surrounding blanks ignored
   * @return the policy
   * @throws IllegalArgumentException (a {@link NumberFormatException} for a non-number) unless {@code s} is
   *     {@code best} or a number in 0..7
   * @throws NullPointerException if {@code s} is null
   */
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
