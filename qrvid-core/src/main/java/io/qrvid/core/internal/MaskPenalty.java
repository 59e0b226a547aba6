package io.qrvid.core.internal;

/**
 * The mask-pattern penalty of ISO/IEC 18004:2015 section 7.8.3.1 (table 11), computed bit-parallel on packed module
 * lines, with exactly the value ZXing 3.5's {@code MaskUtil} gives, so that the mask chosen from it is the one
 * ZXing's {@code Encoder.chooseMaskPattern} chooses. Written for qrvid (not taken from a library) because the search
 * over the eight mask patterns is what made best-mask encoding slow: ZXing looks at every module once per rule and
 * direction through a {@code byte[][]}; here 64 modules are handled per {@code long} operation.
 *
 * <p><b>Packing.</b> A symbol of {@code size x size} modules is given twice, as rows and as columns (the transposed
 * packing), each line in {@code words = (size + 63) / 64} longs: line {@code i} occupies
 * {@code lines[i * words .. i * words + words - 1]}, module {@code j} of the line is bit {@code j & 63} of word
 * {@code j >>> 6}, a set bit is a dark module, and bits at {@code j >= size} must be zero. Row {@code y} holds the
 * modules {@code (x, y)} by column {@code x}; column {@code x} holds them by row {@code y}.
 *
 * <p><b>The rules as ZXing implements them</b> (weights N1 = 3, N2 = 3, N3 = 40, N4 = 10), with where ZXing differs
 * from, or settles an ambiguity of, the standard:
 * <ol>
 *   <li>N1: every maximal run of {@code 5 + i} same-colour modules in a row or column costs {@code 3 + i}; as in
 *       the standard. Per line this is {@code (number of windows of 5 equal modules) + 2 * (number of runs)}:
 *       a run of length L has L - 4 such windows and costs L - 2.</li>
 *   <li>N2: every 2x2 block of one colour costs 3 (overlapping blocks all count), which equals the standard's
 *       {@code 3 * (m - 1) * (n - 1)} for an m x n block.</li>
 *   <li>N3: every occurrence of the exact seven-module pattern dark-light-dark-dark-dark-light-dark
 *       ({@code 1011101}) in a row or column that has four light modules right before it or right after it costs 40,
 *       once even when both sides are light. ZXing deviates from, or reads narrowly, the standard's table 11 and
 *       its note 3 ("a 1:1:3:1:1 ratio pattern ... preceded or followed by a light area 4 modules wide"): only
 *       modules inside the symbol count as light (the quiet zone does not, so a finder-like pattern at the symbol's
 *       edge costs nothing on that side), only the one-module scale of the ratio counts (not 2:2:6:2:2 and larger),
 *       and exactly four light modules are looked at, not "more than 4".</li>
 *   <li>N4: with d dark modules of t, {@code 10 * floor(|2d - t| * 10 / t)}: 10 for each full 5% step away from
 *       50% dark, as in the standard.</li>
 * </ol>
 * The rules are applied to the whole symbol as ZXing's {@code MatrixUtil.buildMatrix} lays it out for the mask:
 * finder, separator, timing and alignment patterns, the format information of that mask and level, the version
 * information, and the masked data and error-correction modules. The choice among the eight patterns is the lowest
 * total, the lowest pattern number among equal totals (the standard names no tie rule; this is ZXing's strict
 * {@code <} over patterns 0 to 7).
 *
 * <p>Stateless and thread-safe.
 */
public final class MaskPenalty {
  /** Penalty weight of rule 1 (runs). */
  static final int N1 = 3;
  /** Penalty weight of rule 2 (2x2 blocks). */
  static final int N2 = 3;
  /** Penalty weight of rule 3 (finder-like patterns). */
  static final int N3 = 40;
  /** Penalty weight of rule 4 (dark proportion). */
  static final int N4 = 10;

  /** The largest symbol side, version 40. */
  private static final int MAX_SIZE = 177;
  private static final long[][] VALID = new long[MAX_SIZE + 1][];

  static {
    for (int size = 1; size <= MAX_SIZE; size++) {
      VALID[size] = validMasks(size, words(size));
    }
  }

  private MaskPenalty() {}

  /** The number of longs per packed line of {@code size} modules. */
  public static int words(int size) {
    return (size + 63) >>> 6;
  }

  /**
   * The total penalty (all four rules, both directions) of a packed symbol.
   *
   * @param rows the rows, packed as described in the class comment
   * @param cols the same symbol's columns (the transposed packing)
   * @param size modules per side
   * @param limit a value at which the caller no longer cares: once the running total reaches it the computation
   *     may stop and return any value {@code >= limit}; {@link Integer#MAX_VALUE} for the exact total
   * @return the penalty, exact when below {@code limit}
   * @throws IllegalArgumentException if {@code size} is not in 1..177 (versions 1 to 40)
   */
  public static int penalty(long[] rows, long[] cols, int size, int limit) {
    int words = words(size);
    long[] valid = valid(size);
    int total = rule4(darkModules(rows, size), size);
    total += rule2(rows, size, words, valid);
    if (total >= limit) {
      return total;
    }
    total = rules13(rows, size, words, valid, total, limit);
    if (total >= limit) {
      return total;
    }
    return rules13(cols, size, words, valid, total, limit);
  }

  /**
   * The total penalty of a symbol given as {@code size * size} modules, row-major, {@code true} for dark.
   * For tests and single uses; the encoder packs once and calls {@link #penalty(long[], long[], int, int)}.
   *
   * @throws IllegalArgumentException if {@code modules.length != size * size} or {@code size} is not in 1..177
   */
  public static int penalty(boolean[] modules, int size) {
    return penalty(pack(modules, size, false), pack(modules, size, true), size, Integer.MAX_VALUE);
  }

  /** Rule 1 (runs) over rows and columns, as ZXing's {@code MaskUtil.applyMaskPenaltyRule1}. */
  static int rule1(boolean[] modules, int size) {
    return rule1(pack(modules, size, false), size) + rule1(pack(modules, size, true), size);
  }

  /** Rule 2 (2x2 blocks), as ZXing's {@code MaskUtil.applyMaskPenaltyRule2}. */
  static int rule2(boolean[] modules, int size) {
    int words = words(size);
    return rule2(pack(modules, size, false), size, words, valid(size));
  }

  /** Rule 3 (finder-like patterns) over rows and columns, as ZXing's {@code MaskUtil.applyMaskPenaltyRule3}. */
  static int rule3(boolean[] modules, int size) {
    return rule3(pack(modules, size, false), size) + rule3(pack(modules, size, true), size);
  }

  /** Rule 4 (dark proportion), as ZXing's {@code MaskUtil.applyMaskPenaltyRule4}. */
  static int rule4(boolean[] modules, int size) {
    return rule4(darkModules(pack(modules, size, false), size), size);
  }

  /**
   * Packs {@code size * size} row-major modules into lines: rows, or columns when {@code transpose}.
   *
   * @throws IllegalArgumentException if {@code modules.length != size * size}
   */
  public static long[] pack(boolean[] modules, int size, boolean transpose) {
    if (modules.length != size * size) {
      throw new IllegalArgumentException(modules.length + " modules for a " + size + "x" + size + " symbol");
    }
    int words = words(size);
    long[] lines = new long[size * words];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        if (modules[y * size + x]) {
          int line = transpose ? x : y;
          int pos = transpose ? y : x;
          lines[line * words + (pos >>> 6)] |= 1L << pos;
        }
      }
    }
    return lines;
  }

  private static int rule1(long[] lines, int size) {
    int words = words(size);
    long[] valid = valid(size);
    int penalty = 0;
    for (int line = 0; line < size; line++) {
      int o = line * words;
      for (int w = 0; w < words; w++) {
        long prev = w > 0 ? lines[o + w - 1] : 0;
        long cur = lines[o + w];
        long next = w + 1 < words ? lines[o + w + 1] : 0;
        penalty += runs(prev, cur, next, w, valid[3 * words + w]);
      }
    }
    return penalty;
  }

  private static int rule3(long[] lines, int size) {
    int words = words(size);
    long[] valid = valid(size);
    int count = 0;
    for (int line = 0; line < size; line++) {
      int o = line * words;
      for (int w = 0; w < words; w++) {
        long prev = w > 0 ? lines[o + w - 1] : 0;
        long cur = lines[o + w];
        long next = w + 1 < words ? lines[o + w + 1] : 0;
        count += finderLike(prev, cur, next, w, words, valid);
      }
    }
    return count * N3;
  }

  /**
   * Rules 1 and 3 over every line of one direction, added to {@code total}; stops after a line once the sum
   * reaches {@code limit}.
   */
  private static int rules13(long[] lines, int size, int words, long[] valid, int total, int limit) {
    int sum = total;
    for (int line = 0; line < size; line++) {
      int o = line * words;
      for (int w = 0; w < words; w++) {
        long prev = w > 0 ? lines[o + w - 1] : 0;
        long cur = lines[o + w];
        long next = w + 1 < words ? lines[o + w + 1] : 0;
        sum += runs(prev, cur, next, w, valid[3 * words + w]);
        sum += N3 * finderLike(prev, cur, next, w, words, valid);
      }
      if (sum >= limit) {
        return sum;
      }
    }
    return sum;
  }

  /**
   * Rule 1 for the 64 modules of word {@code w} of a line: windows of five equal modules starting in this word
   * (bit x: modules x..x+4 equal; {@code valid5} keeps x <= size - 5), plus two per run start (a window whose
   * module x - 1 differs from module x, or x = 0).
   */
  private static int runs(long prev, long cur, long next, int w, long valid5) {
    long s1 = cur >>> 1 | next << 63;
    long s2 = cur >>> 2 | next << 62;
    long s3 = cur >>> 3 | next << 61;
    long s4 = cur >>> 4 | next << 60;
    long allDark = cur & s1 & s2 & s3 & s4;
    long allLight = ~(cur | s1 | s2 | s3 | s4);
    long windows = (allDark | allLight) & valid5;
    if (windows == 0) {
      return 0;
    }
    long before = cur << 1 | prev >>> 63;             // bit x: module x - 1 (0 left of the symbol)
    long starts = windows & ((cur ^ before) | (w == 0 ? 1L : 0L));
    return Long.bitCount(windows) + 2 * Long.bitCount(starts);
  }

  /**
   * Rule 3 (count only) for word {@code w} of a line: bit x set where modules x..x+6 read 1011101 and modules
   * x-4..x-1 or x+7..x+10 are all light and inside the symbol.
   */
  private static int finderLike(long prev, long cur, long next, int w, int words, long[] valid) {
    long pattern = cur & ~(cur >>> 1 | next << 63) & (cur >>> 2 | next << 62) & (cur >>> 3 | next << 61)
        & (cur >>> 4 | next << 60) & ~(cur >>> 5 | next << 59) & (cur >>> 6 | next << 58);
    if (pattern == 0) {
      return 0;                                        // bits past the symbol are 0, so 1011101 lies inside it
    }
    long light = ~cur & valid[w];
    long lightPrev = w > 0 ? ~prev & valid[w - 1] : 0;
    long lightNext = w + 1 < words ? ~next & valid[w + 1] : 0;
    long before = (light << 1 | lightPrev >>> 63) & (light << 2 | lightPrev >>> 62)
        & (light << 3 | lightPrev >>> 61) & (light << 4 | lightPrev >>> 60);
    long after = (light >>> 7 | lightNext << 57) & (light >>> 8 | lightNext << 56)
        & (light >>> 9 | lightNext << 55) & (light >>> 10 | lightNext << 54);
    return Long.bitCount(pattern & (before | after));
  }

  /** Rule 2 on packed rows: same-colour 2x2 blocks with their top-left module at x <= size - 2. */
  private static int rule2(long[] rows, int size, int words, long[] valid) {
    int blocks = 0;
    for (int y = 0; y + 1 < size; y++) {
      int a = y * words;
      int b = a + words;
      for (int w = 0; w < words; w++) {
        long top = rows[a + w];
        long bottom = rows[b + w];
        long topNext = w + 1 < words ? rows[a + w + 1] : 0;
        long bottomNext = w + 1 < words ? rows[b + w + 1] : 0;
        long top1 = top >>> 1 | topNext << 63;
        long bottom1 = bottom >>> 1 | bottomNext << 63;
        long differs = (top ^ top1) | (bottom ^ bottom1) | (top ^ bottom);
        blocks += Long.bitCount(~differs & valid[words + w]);
      }
    }
    return blocks * N2;
  }

  private static int darkModules(long[] rows, int size) {
    int dark = 0;
    for (int i = 0, n = size * words(size); i < n; i++) {
      dark += Long.bitCount(rows[i]);
    }
    return dark;
  }

  private static int rule4(int dark, int size) {
    int total = size * size;
    return Math.abs(dark * 2 - total) * 10 / total * N4;
  }

  private static long[] valid(int size) {
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("symbol size not in 1.." + MAX_SIZE + ": " + size);
    }
    return VALID[size];
  }

  /**
   * Per word, the bits of positions that exist ({@code x < size}), that start a 2x2 block ({@code x <= size - 2})
   * and that start a window of five ({@code x <= size - 5}), at offsets 0, {@code words} and {@code 3 * words}
   * (offset {@code 2 * words} is unused).
   */
  private static long[] validMasks(int size, int words) {
    long[] v = new long[4 * words];
    for (int w = 0; w < words; w++) {
      v[w] = bitsBelow(size - 64 * w);
      v[words + w] = bitsBelow(size - 1 - 64 * w);
      v[3 * words + w] = bitsBelow(size - 4 - 64 * w);
    }
    return v;
  }

  /** The low {@code n} bits set, clamped to 0..64. */
  private static long bitsBelow(int n) {
    return n <= 0 ? 0 : n >= 64 ? -1L : (1L << n) - 1;
  }
}
