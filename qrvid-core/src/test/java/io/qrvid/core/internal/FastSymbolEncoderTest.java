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
