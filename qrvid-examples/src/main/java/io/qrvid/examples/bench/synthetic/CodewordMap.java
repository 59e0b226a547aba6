package io.qrvid.examples.bench.synthetic;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.decoder.Version;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each codeword of a QR symbol lies: the eight modules of every codeword, and which Reed-Solomon block and
 * position each codeword of the interleaved sequence belongs to.
 *
 * <p>Written from ISO/IEC 18004:2015: function patterns (6.3: finder patterns with separators, timing patterns,
 * alignment patterns, format information 7.9, version information 7.10, the dark module), the two-column zig-zag
 * placement of the codeword sequence from the bottom-right corner that skips the vertical timing pattern (7.7.3),
 * and the interleaving of data then error-correction codewords block by block (7.6), with block sizes from ZXing's
 * version table. The over-damage sweep uses it to damage chosen codewords beyond a block's correction capacity; a
 * unit test checks it against ZXing's decoder (damage at capacity still decodes).
 */
public final class CodewordMap {
  private final int size;
  private final int blocks;
  private final int ecPerBlock;
  /** For each codeword of the interleaved sequence: its block. */
  private final int[] blockOf;
  /** For each codeword of the interleaved sequence: true when it is an error-correction codeword. */
  private final boolean[] isEc;
  /** Module (x, y) pairs of the 8 bits of each codeword, most significant bit first: [codeword][16]. */
  private final int[][] modules;

  private CodewordMap(Version version, ErrorCorrectionLevel level) {
    size = version.getDimensionForVersion();
    Version.ECBlocks ecb = version.getECBlocksForLevel(level);
    ecPerBlock = ecb.getECCodewordsPerBlock();
    List<Integer> dataLengths = new ArrayList<>();
    for (Version.ECB b : ecb.getECBlocks()) {
      for (int i = 0; i < b.getCount(); i++) {
        dataLengths.add(b.getDataCodewords());
      }
    }
    blocks = dataLengths.size();
    int total = version.getTotalCodewords();
    blockOf = new int[total];
    isEc = new boolean[total];
    int k = 0;
    int maxData = dataLengths.stream().mapToInt(Integer::intValue).max().orElse(0);
    for (int i = 0; i < maxData; i++) {
      for (int b = 0; b < blocks; b++) {
        if (i < dataLengths.get(b)) {
          blockOf[k++] = b;
        }
      }
    }
    for (int i = 0; i < ecPerBlock; i++) {
      for (int b = 0; b < blocks; b++) {
        blockOf[k] = b;
        isEc[k++] = true;
      }
    }
    if (k != total) {
      throw new IllegalStateException("codeword count " + k + " != " + total);
    }
    modules = place(functionPatterns(version), total);
  }

  /** The map for a version and level. */
  public static CodewordMap of(int version, ErrorCorrectionLevel level) {
    return new CodewordMap(Version.getVersionForNumber(version), level);
  }

  /** Codewords in the symbol. */
  public int codewords() {
    return blockOf.length;
  }

  /** Reed-Solomon blocks. */
  public int blocks() {
    return blocks;
  }

  /** Error-correction codewords per block (the same for every block of a version and level). */
  public int ecCodewordsPerBlock() {
    return ecPerBlock;
  }

  /** The block of codeword {@code k} of the interleaved sequence. */
  public int blockOf(int k) {
    return blockOf[k];
  }

  /** Whether codeword {@code k} is an error-correction codeword. */
  public boolean isEc(int k) {
    return isEc[k];
  }

  /** The codewords (indexes into the interleaved sequence) of block {@code b}. */
  public List<Integer> codewordsOfBlock(int b) {
    List<Integer> out = new ArrayList<>();
    for (int k = 0; k < blockOf.length; k++) {
      if (blockOf[k] == b) {
        out.add(k);
      }
    }
    return out;
  }

  /** Column of bit {@code bit} (0 = most significant) of codeword {@code k}. */
  public int x(int k, int bit) {
    return modules[k][2 * bit];
  }

  /** Row of bit {@code bit} (0 = most significant) of codeword {@code k}. */
  public int y(int k, int bit) {
    return modules[k][2 * bit + 1];
  }

  private boolean[][] functionPatterns(Version v) {
    boolean[][] f = new boolean[size][size];
    // finder patterns, separators and format information (9x9 at top-left, 9x8 / 8x9 at the others)
    fill(f, 0, 0, 9, 9);
    fill(f, size - 8, 0, 8, 9);
    fill(f, 0, size - 8, 9, 8);
    // timing patterns
    fill(f, 6, 0, 1, size);
    fill(f, 0, 6, size, 1);
    // alignment patterns, except where they would overlap a finder pattern
    int[] c = v.getAlignmentPatternCenters();
    for (int i = 0; i < c.length; i++) {
      for (int j = 0; j < c.length; j++) {
        boolean overlapsFinder = (i == 0 && j == 0) || (i == 0 && j == c.length - 1) || (i == c.length - 1 && j == 0);
        if (!overlapsFinder) {
          fill(f, c[i] - 2, c[j] - 2, 5, 5);
        }
      }
    }
    if (v.getVersionNumber() >= 7) {
      fill(f, size - 11, 0, 3, 6);
      fill(f, 0, size - 11, 6, 3);
    }
    return f;
  }

  private static void fill(boolean[][] f, int x0, int y0, int w, int h) {
    for (int y = y0; y < y0 + h; y++) {
      for (int x = x0; x < x0 + w; x++) {
        f[y][x] = true;
      }
    }
  }

  private int[][] place(boolean[][] function, int total) {
    int[][] out = new int[total][16];
    int bit = 0;
    boolean upward = true;
    for (int right = size - 1; right > 0; right -= 2) {
      if (right == 6) {
        right = 5; // the vertical timing pattern
      }
      for (int i = 0; i < size; i++) {
        int y = upward ? size - 1 - i : i;
        for (int dx = 0; dx < 2; dx++) {
          int x = right - dx;
          if (!function[y][x] && bit < total * 8) {
            int k = bit / 8;
            int b = bit % 8;
            out[k][2 * b] = x;
            out[k][2 * b + 1] = y;
            bit++;
          }
        }
      }
      upward = !upward;
    }
    if (bit != total * 8) {
      throw new IllegalStateException("placed " + bit + " bits of " + total * 8);
    }
    return out;
  }
}
