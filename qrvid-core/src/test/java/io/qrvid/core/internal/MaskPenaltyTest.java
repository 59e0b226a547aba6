package io.qrvid.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.EncodeHintType;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Checks every rule of {@link MaskPenalty} against ZXing's own {@code MaskUtil} rules (package-private, called
 * through reflection) on random and structured matrices, and the total against ZXing's
 * {@code Encoder.calculateMaskPenalty} on real symbols.
 */
class MaskPenaltyTest {
  private static final Method[] RULES = new Method[4];
  private static final Method TOTAL;

  static {
    try {
      Class<?> maskUtil = Class.forName("com.google.zxing.qrcode.encoder.MaskUtil");
      for (int i = 0; i < 4; i++) {
        RULES[i] = maskUtil.getDeclaredMethod("applyMaskPenaltyRule" + (i + 1), ByteMatrix.class);
        RULES[i].setAccessible(true);
      }
      TOTAL = Encoder.class.getDeclaredMethod("calculateMaskPenalty", ByteMatrix.class);
      TOTAL.setAccessible(true);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static int zxingRule(int rule, boolean[] modules, int size) throws Exception {
    return (Integer) RULES[rule - 1].invoke(null, matrix(modules, size));
  }

  private static ByteMatrix matrix(boolean[] modules, int size) {
    ByteMatrix m = new ByteMatrix(size, size);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        m.set(x, y, modules[y * size + x]);
      }
    }
    return m;
  }

  private static void assertRulesMatch(boolean[] modules, int size, String what) throws Exception {
    assertThat(MaskPenalty.rule1(modules, size)).as("rule 1, %s", what).isEqualTo(zxingRule(1, modules, size));
    assertThat(MaskPenalty.rule2(modules, size)).as("rule 2, %s", what).isEqualTo(zxingRule(2, modules, size));
    assertThat(MaskPenalty.rule3(modules, size)).as("rule 3, %s", what).isEqualTo(zxingRule(3, modules, size));
    assertThat(MaskPenalty.rule4(modules, size)).as("rule 4, %s", what).isEqualTo(zxingRule(4, modules, size));
    int total = (Integer) TOTAL.invoke(null, matrix(modules, size));
    assertThat(MaskPenalty.penalty(modules, size)).as("total, %s", what).isEqualTo(total);
  }

  @Test
  void everyRuleMatchesZxingOnRandomMatricesOfEverySizeAcrossWordBoundaries() throws Exception {
    Random r = new Random(18004);
    int[] sizes = {1, 2, 4, 5, 6, 7, 8, 11, 12, 21, 25, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71,
        72, 73, 74, 75, 77, 117, 121, 125, 127, 128, 129, 130, 133, 137, 173, 177};
    for (int size : sizes) {
      for (double dark : new double[] {0.05, 0.3, 0.5, 0.7, 0.95}) {
        boolean[] m = new boolean[size * size];
        for (int i = 0; i < m.length; i++) {
          m[i] = r.nextDouble() < dark;
        }
        assertRulesMatch(m, size, "size " + size + ", dark " + dark);
      }
    }
  }

  @Test
  void finderLikePatternsAndRunsAtEdgesAndWordBoundariesMatchZxing() throws Exception {
    Random r = new Random(7);
    boolean[] finder = {true, false, true, true, true, false, true};
    for (int size : new int[] {7, 11, 15, 21, 64, 65, 70, 128, 129, 177}) {
      for (int trial = 0; trial < 40; trial++) {
        boolean[] m = new boolean[size * size];
        double dark = trial % 2 == 0 ? 0.2 : 0.5;
        for (int i = 0; i < m.length; i++) {
          m[i] = r.nextDouble() < dark;
        }
        // finder-like patterns and long runs at random places, near the edges and across 64-module words
        for (int k = 0; k < 12; k++) {
          int line = r.nextInt(size);
          int[] starts = {0, size - 7, 60, 61, 62, 63, 64, 120, 124, 127, 128, r.nextInt(size)};
          int start = Math.max(0, Math.min(size - 7, starts[r.nextInt(starts.length)]));
          boolean vertical = r.nextBoolean();
          for (int j = 0; j < 7 && start + j < size; j++) {
            int x = vertical ? line : start + j;
            int y = vertical ? start + j : line;
            m[y * size + x] = finder[j];
          }
          int runLine = r.nextInt(size);
          int runStart = starts[r.nextInt(starts.length)] % size;
          int runLength = 4 + r.nextInt(9);
          boolean colour = r.nextBoolean();
          for (int j = runStart; j < Math.min(size, runStart + runLength); j++) {
            m[runLine * size + j] = colour;
          }
        }
        assertRulesMatch(m, size, "size " + size + ", trial " + trial);
      }
    }
  }

  @Test
  void countsRunsAsZxingDoes() throws Exception {
    boolean[] m = new boolean[9 * 9];                   // all light: every row and column one run of 9
    assertThat(MaskPenalty.rule1(m, 9)).isEqualTo(18 * (3 + 4)).isEqualTo(zxingRule(1, m, 9));
    for (int x = 0; x < 9; x++) {
      m[x] = x < 5;                                     // row 0: a dark run of 5, a light run of 4
    }
    assertThat(MaskPenalty.rule1(m, 9)).isEqualTo(zxingRule(1, m, 9));
  }

  @Test
  void ignoresTheQuietZoneAndCountsALightOnBothSidesPatternOnceLikeZxing() throws Exception {
    int size = 15;
    boolean[] m = new boolean[size * size];
    boolean[] finder = {true, false, true, true, true, false, true};
    for (int j = 0; j < 7; j++) {
      m[j] = finder[j];                                 // row 0 at x = 0: light only after it (x 7..10)
      m[3 * size + 4 + j] = finder[j];                  // row 3 at x = 4: light on both sides
      m[6 * size + 8 + j] = finder[j];                  // row 6 at x = 8, touching the right edge: light before
    }
    for (int j = 0; j < 7; j++) {
      m[9 * size + j] = finder[j];
      m[9 * size + 7] = true;                           // row 9: light only in the quiet zone, dark after: 0
    }
    assertThat(MaskPenalty.rule3(m, size)).isEqualTo(3 * 40).isEqualTo(zxingRule(3, m, size));
  }

  @Test
  void totalMatchesZxingOnRealSymbolsForEveryMaskPattern() throws Exception {
    Random r = new Random(42);
    for (int version : new int[] {1, 2, 3, 7, 10, 13, 15, 20, 27, 33, 40}) {
      for (ErrorCorrectionLevel level : ErrorCorrectionLevel.values()) {
        com.google.zxing.qrcode.decoder.Version v = com.google.zxing.qrcode.decoder.Version.getVersionForNumber(version);
        int dataCodewords = v.getTotalCodewords() - v.getECBlocksForLevel(level).getTotalECCodewords();
        byte[] content = new byte[Math.min(200, dataCodewords - 3)];
        r.nextBytes(content);
        content[0] = 'q';
        for (int mask = 0; mask < 8; mask++) {
          Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
          hints.put(EncodeHintType.QR_VERSION, version);
          hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
          ByteMatrix matrix = Encoder.encode(new String(content, StandardCharsets.ISO_8859_1), level, hints)
              .getMatrix();
          int size = matrix.getWidth();
          boolean[] modules = FastSymbolEncoder.toModules(matrix);
          assertThat(MaskPenalty.penalty(modules, size)).as("v%d-%s mask %d", version, level, mask)
              .isEqualTo((Integer) TOTAL.invoke(null, matrix));
        }
      }
    }
  }

  @Test
  void stopsEarlyOnlyAtOrAboveTheLimit() {
    Random r = new Random(3);
    for (int size : new int[] {21, 77, 177}) {
      boolean[] m = new boolean[size * size];
      for (int i = 0; i < m.length; i++) {
        m[i] = r.nextBoolean();
      }
      long[] rows = MaskPenalty.pack(m, size, false);
      long[] cols = MaskPenalty.pack(m, size, true);
      int exact = MaskPenalty.penalty(rows, cols, size, Integer.MAX_VALUE);
      assertThat(exact).isEqualTo(MaskPenalty.penalty(m, size));
      assertThat(MaskPenalty.penalty(rows, cols, size, exact + 1)).isEqualTo(exact);
      assertThat(MaskPenalty.penalty(rows, cols, size, exact)).isGreaterThanOrEqualTo(exact);
      assertThat(MaskPenalty.penalty(rows, cols, size, exact / 3)).isGreaterThanOrEqualTo(exact / 3);
    }
  }

  @Test
  void rejectsAModuleCountThatIsNotTheSquareOfTheSize() {
    assertThatThrownBy(() -> MaskPenalty.pack(new boolean[10], 3, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3x3");
    assertThatThrownBy(() -> MaskPenalty.penalty(new long[3 * 4], new long[3 * 4], 178, Integer.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("178");
  }
}
