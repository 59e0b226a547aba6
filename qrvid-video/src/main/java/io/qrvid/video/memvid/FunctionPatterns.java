package io.qrvid.video.memvid;

import com.google.zxing.qrcode.decoder.Version;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The modules of a QR symbol whose values do not depend on its content, for one version: finder patterns with
 * their separators, timing patterns, alignment patterns, version information (version 7 and up) and the dark
 * module (ISO/IEC 18004:2015, sections 6.3.3 to 6.3.6, 7.9 and 7.10). Format information is content-dependent
 * (error-correction level and mask) and is listed separately.
 *
 * <p>These modules are the training data of the grid sampler: their values are known before anything is decoded.
 * Immutable; instances are cached per version. Thread-safe.
 */
final class FunctionPatterns {
  private static final ConcurrentHashMap<Integer, FunctionPatterns> CACHE = new ConcurrentHashMap<>();
  /** The generator polynomial of the version information's BCH (18, 6) code (ISO/IEC 18004, annex D). */
  private static final int VERSION_GENERATOR = 0x1F25;

  final int version;
  final int size;
  /** {@code size * size}, row-major: true where the module's value is known. */
  final boolean[] known;
  /** The known modules' values (true = dark); false elsewhere. */
  final boolean[] dark;
  /** The format information modules (both copies). */
  final boolean[] format;
  /** Indexes of the known modules, in row-major order. */
  final int[] knownIndexes;

  private FunctionPatterns(int version) {
    this.version = version;
    this.size = 17 + 4 * version;
    int n = size;
    known = new boolean[n * n];
    dark = new boolean[n * n];
    format = new boolean[n * n];
    finder(0, 0);
    finder(0, n - 7);
    finder(n - 7, 0);
    for (int i = 8; i < n - 8; i++) {
      set(6, i, i % 2 == 0);
      set(i, 6, i % 2 == 0);
    }
    int[] centres = Version.getVersionForNumber(version).getAlignmentPatternCenters();
    for (int r : centres) {
      for (int c : centres) {
        boolean overlapsFinder = r <= 8 && c <= 8 || r <= 8 && c >= n - 9 || r >= n - 9 && c <= 8;
        if (overlapsFinder) {
          continue;
        }
        for (int dr = -2; dr <= 2; dr++) {
          for (int dc = -2; dc <= 2; dc++) {
            int d = Math.max(Math.abs(dr), Math.abs(dc));
            set(r + dr, c + dc, d == 2 || d == 0);
          }
        }
      }
    }
    if (version >= 7) {
      int bits = versionInformation(version);
      for (int i = 0; i < 18; i++) {
        boolean bit = ((bits >> i) & 1) != 0;
        set(n - 11 + i % 3, i / 3, bit);
        set(i / 3, n - 11 + i % 3, bit);
      }
    }
    set(n - 8, 8, true);
    for (int i = 0; i <= 8; i++) {
      if (i != 6) {
        format[8 * n + i] = true;
        format[i * n + 8] = true;
      }
    }
    for (int i = 0; i < 8; i++) {
      format[8 * n + n - 1 - i] = true;
    }
    for (int i = 0; i < 7; i++) {
      format[(n - 1 - i) * n + 8] = true;
    }
    int count = 0;
    for (boolean k : known) {
      count += k ? 1 : 0;
    }
    knownIndexes = new int[count];
    for (int i = 0, j = 0; i < known.length; i++) {
      if (known[i]) {
        knownIndexes[j++] = i;
      }
    }
  }

  /** The function patterns of {@code version}. @throws IllegalArgumentException unless 1..40 */
  static FunctionPatterns of(int version) {
    if (version < 1 || version > 40) {
      throw new IllegalArgumentException("version not in 1..40: " + version);
    }
    return CACHE.computeIfAbsent(version, FunctionPatterns::new);
  }

  /** The 18-bit version information: the version in the top 6 bits, its BCH remainder in the low 12. */
  static int versionInformation(int version) {
    int rem = version << 12;
    for (int bit = 17; bit >= 12; bit--) {
      if (((rem >> bit) & 1) != 0) {
        rem ^= VERSION_GENERATOR << (bit - 12);
      }
    }
    return (version << 12) | rem;
  }

  /** True if the module at (row, column) is a data or error-correction module (neither known nor format). */
  boolean isData(int row, int column) {
    int i = row * size + column;
    return !known[i] && !format[i];
  }

  private void finder(int row, int column) {
    for (int dr = -1; dr <= 7; dr++) {
      for (int dc = -1; dc <= 7; dc++) {
        int r = row + dr;
        int c = column + dc;
        if (r < 0 || c < 0 || r >= size || c >= size) {
          continue;
        }
        int d = Math.max(Math.abs(dr - 3), Math.abs(dc - 3));
        set(r, c, d <= 1 || d == 3);
      }
    }
  }

  private void set(int row, int column, boolean isDark) {
    int i = row * size + column;
    known[i] = true;
    dark[i] = isDark;
  }
}
