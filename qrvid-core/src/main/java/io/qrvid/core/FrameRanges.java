package io.qrvid.core;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a range of frame (or item) numbers into contiguous sub-ranges for parallel batches. Stateless.
 *
 * <pre>{@code
 * FrameRanges.split(0, 9, 3);   // [0..3], [4..6], [7..9]
 * }</pre>
 */
public final class FrameRanges {
  private static final Pattern RANGE = Pattern.compile("\\s*(\\d{1,18})\\s*\\.\\.\\s*(\\d{1,18})\\s*");

  private FrameRanges() {}

  /**
   * An inclusive range of numbers {@code first..last}. Serializable, so that a distributed engine can ship ranges
   * to its executors as partitions. Its serialized form is that of a record: the two components, checked again by
   * the constructor when deserialized. (Left off the generated serialized-form page: JDK 17's javadoc cannot take a
   * record component's {@code @param} as the comment of its serial field and would warn.)
   *
   * @param first the first number
   * @param last the last number, {@code >= first}
   * @serial exclude
   */
  public record Range(long first, long last) implements Serializable {
    /**
     * Validates the bounds.
     *
     * @param first the first number
     * @param last the last number, {@code >= first}
     * @throws IllegalArgumentException if {@code first > last}
     */
    public Range {
      if (first > last) {
        throw new IllegalArgumentException("first " + first + " > last " + last);
      }
    }

    /**
     * The number of items, {@code last - first + 1}. Overflows to a negative number for a range of more than
     * {@link Long#MAX_VALUE} numbers, such as {@code Long.MIN_VALUE..0}.
     *
     * @return the number of items, 1 or more for any range of frame numbers
     */
    public long size() {
      return last - first + 1;
    }

    /**
     * Tells whether a number lies in this range.
     *
     * @param n any number
     * @return true when {@code first <= n <= last}
     */
    public boolean contains(long n) {
      return n >= first && n <= last;
    }

    /**
     * Tells whether another range lies within this one.
     *
     * @param other the other range
     * @return true when every number of {@code other} lies in this range
     * @throws NullPointerException if {@code other} is null
     */
    public boolean contains(Range other) {
      return other.first >= first && other.last <= last;
    }

    @Override
    public String toString() {
      return "[" + first + ".." + last + "]";
    }
  }

  /**
   * Parses a range written {@code A..B} (inclusive, non-negative decimal numbers, spaces allowed around them), the
   * form of the CLI's {@code --frames} and {@code --range} options.
   *
   * @param text the range, e.g. {@code "0..99"}; each number has at most 18 digits
   * @return the range
   * @throws NullPointerException if {@code text} is null
   * @throws IllegalArgumentException if {@code text} is not of that form, or {@code A > B}
   */
  public static Range parse(String text) {
    Matcher m = RANGE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a range A..B of frame numbers (e.g. 0..99): '" + text + "'");
    }
    long first = Long.parseLong(m.group(1));
    long last = Long.parseLong(m.group(2));
    if (first > last) {
      throw new IllegalArgumentException("empty range " + text.trim() + ": first " + first + " > last " + last);
    }
    return new Range(first, last);
  }

  /**
   * Splits the inclusive range {@code first..last} into {@code min(n, last - first + 1)} contiguous ranges, in order,
   * covering every number once. Sizes differ by at most one: the remainder goes to the first ranges. Never more ranges
   * than items, so no range is empty.
   *
   * @param first the first number
   * @param last the last number, inclusive
   * @param n the number of ranges wanted
   * @return an unmodifiable list of the ranges, in order
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
