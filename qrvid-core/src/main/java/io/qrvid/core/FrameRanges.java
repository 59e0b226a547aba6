package io.qrvid.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a range of frame (or item) numbers into contiguous sub-ranges for parallel batches. Stateless.
 *
 * <pre>{@code
 * FrameRanges.split(0, 9, 3);   // [0..3], [4..6], [7..9]
 * }</pre>
 */
public final class FrameRanges {
  private FrameRanges() {}

  /**
   * An inclusive range of numbers {@code first..last}.
   *
   * @param first the first number
   * @param last the last number, {@code >= first}
   */
  public record Range(long first, long last) {
    /** Validates the bounds. @throws IllegalArgumentException if {@code first > last} */
    public Range {
      if (first > last) {
        throw new IllegalArgumentException("first " + first + " > last " + last);
      }
    }

    /** The number of items, {@code last - first + 1}. */
    public long size() {
      return last - first + 1;
    }

    @Override
    public String toString() {
      return "[" + first + ".." + last + "]";
    }
  }

  /**
   * Splits the inclusive range {@code first..last} into {@code min(n, last - first + 1)} contiguous ranges, in order,
   * covering every number once. Sizes differ by at most one: the remainder goes to the first ranges. Never more ranges
   * than items, so no range is empty.
   *
   * @throws IllegalArgumentException if {@code first > last}, {@code n < 1}, or the range holds more than
   *     {@link Long#MAX_VALUE} numbers
   */
  public static List<Range> split(long first, long last, int n) {
    if (first > last) {
      throw new IllegalArgumentException("first " + first + " > last " + last);
    }
    if (n < 1) {
      throw new IllegalArgumentException("n < 1: " + n);
    }
    long items = last - first + 1;
    if (items <= 0) {
      throw new IllegalArgumentException("range " + first + ".." + last + " holds more than Long.MAX_VALUE numbers");
    }
    int parts = (int) Math.min(n, items);
    long base = items / parts;
    long extra = items % parts;
    List<Range> out = new ArrayList<>(parts);
    long start = first;
    for (int i = 0; i < parts; i++) {
      long size = base + (i < extra ? 1 : 0);
      out.add(new Range(start, start + size - 1));
      start += size;
    }
    return List.copyOf(out);
  }
}
