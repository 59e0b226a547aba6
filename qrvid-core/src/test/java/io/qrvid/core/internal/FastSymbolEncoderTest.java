package io.qrvid.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.EncodeHintType;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.decoder.Version;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FastSymbolEncoderTest {
  private static boolean[] zxing(byte[] content, int version, ErrorCorrectionLevel level, int mask) throws Exception {
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    hints.put(EncodeHintType.QR_VERSION, version);
    hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
    ByteMatrix m = Encoder.encode(new String(content, StandardCharsets.ISO_8859_1), level, hints).getMatrix();
    int n = m.getWidth();
    boolean[] out = new boolean[n * n];
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        out[y * n + x] = m.get(x, y) == 1;
      }
    }
    return out;
  }

  private static int capacity(int version, ErrorCorrectionLevel level) {
    Version v = Version.getVersionForNumber(version);
    int data = v.getTotalCodewords() - v.getECBlocksForLevel(level).getTotalECCodewords();
    return (data * 8 - 4 - (version < 10 ? 8 : 16)) / 8;
  }

  @Test
  void matchesZxingModuleForModuleAcrossVersionsLevelsMasksAndLengths() throws Exception {
    Random r = new Random(2026);
    int compared = 0;
    for (int version : new int[] {1, 2, 5, 6, 7, 9, 10, 14, 20, 21, 26, 27, 33, 34, 40}) {
      for (ErrorCorrectionLevel level : ErrorCorrectionLevel.values()) {
        for (int mask = 0; mask < 8; mask += (version % 3) + 1) {
          int cap = capacity(version, level);
          for (int len : new int[] {0, 1, cap / 2, cap - 1, cap}) {
            byte[] content = new byte[len];
            r.nextBytes(content);
            if (len > 0) {
              content[0] = (byte) 'q';
            }
            boolean[] fast = FastSymbolEncoder.encode(content, version, level, mask).orElseThrow();
            assertThat(fast).as("v%d-%s mask %d len %d", version, level, mask, len)
                .isEqualTo(zxing(content, version, level, mask));
            compared++;
          }
        }
      }
    }
    assertThat(compared).isGreaterThan(500);
  }

  /** ZXing's own choice: {@code Encoder.encode} with a version hint and no mask hint. */
  private static com.google.zxing.qrcode.encoder.QRCode zxingBest(byte[] content, int version,
      ErrorCorrectionLevel level) throws Exception {
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    hints.put(EncodeHintType.QR_VERSION, version);
    return Encoder.encode(new String(content, StandardCharsets.ISO_8859_1), level, hints);
  }

  /** Random bytes, text-like bytes, runs of one byte and repeating patterns: they give masks of very different scores. */
  private static byte[] content(Random r, int length, int kind) {
    byte[] c = new byte[length];
    switch (kind % 4) {
      case 0:
        r.nextBytes(c);
        break;
      case 1:
        for (int i = 0; i < length; i++) {
          c[i] = (byte) "the quick brown fox jumps over the lazy dog. ".charAt(r.nextInt(45));
        }
        break;
      case 2:
        java.util.Arrays.fill(c, (byte) (r.nextBoolean() ? 0 : 0xFF));
        break;
      default:
        for (int i = 0; i < length; i++) {
          c[i] = (byte) (i % (2 + kind % 7) == 0 ? 0xAA : 0x55);
        }
        break;
    }
    if (length > 0) {
      c[0] = 'q'; // byte mode
    }
    return c;
  }

  @Test
  void choosesZxingsMaskAndModulesForEveryVersionAndLevel() throws Exception {
    Random r = new Random(14);
    int[] chosen = new int[8];
    int compared = 0;
    for (int version = 1; version <= 40; version++) {
      for (ErrorCorrectionLevel level : ErrorCorrectionLevel.values()) {
        int cap = capacity(version, level);
        int[] lengths = version <= 20 ? new int[] {0, 1, r.nextInt(cap + 1), cap / 2, cap - 1, cap}
            : new int[] {1, r.nextInt(cap + 1), cap / 2, cap};  // ZXing's own search is slow on large symbols
        for (int i = 0; i < lengths.length; i++) {
          byte[] content = content(r, Math.max(0, lengths[i]), i + version);
          com.google.zxing.qrcode.encoder.QRCode expected = zxingBest(content, version, level);
          FastSymbolEncoder.MaskedSymbol fast = FastSymbolEncoder.encodeBestMask(content, version, level)
              .orElseThrow();
          assertThat(fast.mask()).as("v%d-%s length %d", version, level, content.length)
              .isEqualTo(expected.getMaskPattern());
          assertThat(fast.modules()).as("v%d-%s length %d", version, level, content.length)
              .isEqualTo(FastSymbolEncoder.toModules(expected.getMatrix()));
          chosen[fast.mask()]++;
          compared++;
        }
      }
    }
    assertThat(compared).isEqualTo(20 * 4 * 6 + 20 * 4 * 4);
    assertThat(chosen).as("every mask pattern chosen at least once").doesNotContain(0);
  }

  @Test
  void choosesZxingsMaskForManyPayloadsOfSmallVersionsIncludingTies() throws Exception {
    Random r = new Random(1804);
    int ties = 0;
    int compared = 0;
    for (int version = 1; version <= 6; version++) {
      for (ErrorCorrectionLevel level : ErrorCorrectionLevel.values()) {
        int cap = capacity(version, level);
        for (int i = 0; i < 60; i++) {
          byte[] content = content(r, r.nextInt(cap + 1), i);
          int expected = zxingBest(content, version, level).getMaskPattern();
          FastSymbolEncoder.MaskedSymbol fast = FastSymbolEncoder.encodeBestMask(content, version, level)
              .orElseThrow();
          assertThat(fast.mask()).as("v%d-%s payload %d", version, level, i).isEqualTo(expected);
          int best = Integer.MAX_VALUE;
          int atBest = 0;
          for (int mask = 0; mask < 8; mask++) {
            boolean[] m = FastSymbolEncoder.encode(content, version, level, mask).orElseThrow();
            int p = MaskPenalty.penalty(m, (int) Math.round(Math.sqrt(m.length)));
            if (p < best) {
              best = p;
              atBest = 1;
            } else if (p == best) {
              atBest++;
            }
          }
          ties += atBest > 1 ? 1 : 0;
          compared++;
        }
      }
    }
    assertThat(compared).isEqualTo(6 * 4 * 60);
    assertThat(ties).as("payloads whose best penalty two masks share (ZXing keeps the lower pattern)")
        .isGreaterThan(0);
  }

  @Test
  void bestMaskRejectsContentLargerThanTheSymbol() {
    byte[] tooBig = new byte[capacity(5, ErrorCorrectionLevel.M) + 1];
    tooBig[0] = 'q';
    assertThatThrownBy(() -> FastSymbolEncoder.encodeBestMask(tooBig, 5, ErrorCorrectionLevel.M))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too big");
  }

  @Test
  void functionPatternsEqualZxingsForEveryVersionLevelAndMask() throws Exception {
    int compared = 0;
    for (int version = 1; version <= 40; version++) {
      Version v = Version.getVersionForNumber(version);
      int size = v.getDimensionForVersion();
      boolean[] data = FastSymbolEncoder.dataModules(v, size);
      for (ErrorCorrectionLevel level : ErrorCorrectionLevel.values()) {
        for (int mask = 0; mask < 8; mask++) {
          if (version > 3 && version < 38 && mask != (version + level.ordinal()) % 8) {
            continue; // every (level, mask) pair still occurs; all pairs at the smallest and largest versions
          }
          boolean[] zxing = zxing(new byte[] {'q'}, version, level, mask);
          boolean[] ours = FastSymbolEncoder.functionPatterns(v, level, mask);
          for (int i = 0; i < zxing.length; i++) {
            if (!data[i]) {
              assertThat(ours[i]).as("v%d-%s mask %d module (%d, %d)", version, level, mask, i % size, i / size)
                  .isEqualTo(zxing[i]);
            } else {
              assertThat(ours[i]).isFalse();
            }
          }
          compared++;
        }
      }
    }
    assertThat(compared).isEqualTo(6 * 4 * 8 + 34 * 4);
  }

  @Test
  void rejectsContentLargerThanTheSymbol() {
    byte[] tooBig = new byte[capacity(5, ErrorCorrectionLevel.M) + 1];
    tooBig[0] = 'q';
    assertThatThrownBy(() -> FastSymbolEncoder.encode(tooBig, 5, ErrorCorrectionLevel.M, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too big");
  }

  @Test
  void byteModeMatchesZxingsModeChoice() {
    assertThat(FastSymbolEncoder.isByteMode("0123".getBytes(StandardCharsets.ISO_8859_1))).isFalse();
    assertThat(FastSymbolEncoder.isByteMode("HELLO WORLD $%*+-./:".getBytes(StandardCharsets.ISO_8859_1))).isFalse();
    assertThat(FastSymbolEncoder.isByteMode("hello".getBytes(StandardCharsets.ISO_8859_1))).isTrue();
    assertThat(FastSymbolEncoder.isByteMode(new byte[] {'A', 0})).isTrue();
    assertThat(FastSymbolEncoder.isByteMode(new byte[0])).isTrue();
  }
}
