package io.qrvid.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.DecoderResult;
import com.google.zxing.qrcode.decoder.Decoder;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import io.qrvid.core.ErrorCorrection;
import io.qrvid.core.FrameLayout;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FastSymbolDecoderTest {
  /** Module means (0 dark, 255 light) of ZXing's encoding of {@code content} in byte mode. */
  private static int[] means(byte[] content, int version, ErrorCorrection level, int mask) throws Exception {
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    hints.put(EncodeHintType.QR_VERSION, version);
    hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
    QRCode qr = Encoder.encode(new String(content, StandardCharsets.ISO_8859_1),
        ErrorCorrectionLevel.valueOf(level.name()), hints);
    boolean[] modules = FastSymbolEncoder.toModules(qr.getMatrix());
    int[] means = new int[modules.length];
    for (int i = 0; i < modules.length; i++) {
      means[i] = modules[i] ? 0 : 255;
    }
    return means;
  }

  /** What ZXing's decoder reads from the same modules (its byte segments), or empty. */
  private static Optional<byte[]> zxing(int[] means, int n) {
    BitMatrix bits = new BitMatrix(n);
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        if (means[y * n + x] < 128) {
          bits.set(x, y);
        }
      }
    }
    try {
      DecoderResult r = new Decoder().decode(bits);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      List<byte[]> segments = r.getByteSegments();
      if (segments != null) {
        segments.forEach(out::writeBytes);
      }
      return Optional.of(out.toByteArray());
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] b = new byte[length];
    random.nextBytes(b);
    if (length > 0) {
      b[0] = (byte) 0xE9; // not digits or upper-case letters only, so ZXing chooses byte mode
    }
    return b;
  }

  @Test
  void readsEveryVersionLevelAndMaskLikeZxing() throws Exception {
    Random random = new Random(15);
    int symbols = 0;
    for (int version = 1; version <= 40; version++) {
      for (ErrorCorrection level : ErrorCorrection.values()) {
        int capacity = FrameLayout.capacity(version, level);
        for (int mask = 0; mask < 8; mask++) {
          // Full, empty-ish and random fills; full capacity exercises the longest segment and every block.
          int length = mask == 0 ? capacity : mask == 1 ? 1 : random.nextInt(capacity + 1);
          byte[] content = randomBytes(random, length);
          int[] means = means(content, version, level, mask);
          Optional<byte[]> fast = FastSymbolDecoder.decode(means, 128, version, level);
          assertThat(fast).as("v%d-%s mask %d, %d bytes", version, level, mask, length).isPresent();
          assertThat(fast.get()).isEqualTo(content);
          assertThat(zxing(means, 17 + 4 * version)).get().isEqualTo(fast.get());
          symbols++;
        }
      }
    }
    assertThat(symbols).isEqualTo(40 * 4 * 8);
  }

  @Test
  void correctsErrorsWithinCapacityAndNeverReturnsWrongBytes() throws Exception {
    Random random = new Random(16);
    int exact = 0;
    int refused = 0;
    for (int t = 0; t < 400; t++) {
      int version = 1 + random.nextInt(40);
      ErrorCorrection level = ErrorCorrection.values()[random.nextInt(4)];
      int mask = random.nextInt(8);
      byte[] content = randomBytes(random, random.nextInt(FrameLayout.capacity(version, level) + 1));
      int[] means = means(content, version, level, mask);
      int n = 17 + 4 * version;
      // Up to 3 flipped modules hit at most 3 codewords, within every block's capacity (at least 7 EC codewords, so
      // 3 errors, in the smallest block); more may exceed it. Format modules may be hit too.
      int flips = t < 200 ? 1 + random.nextInt(3) : 4 + random.nextInt(n * n / 8);
      for (int f = 0; f < flips; f++) {
        int p = random.nextInt(n * n);
        means[p] = 255 - means[p];
      }
      Optional<byte[]> fast = FastSymbolDecoder.decode(means, 128, version, level);
      if (fast.isPresent()) {
        assertThat(fast.get()).as("never wrong bytes: v%d-%s, %d flips", version, level, flips).isEqualTo(content);
        exact++;
      } else {
        refused++;
        if (t < 200) {
          // Few flips: only damaged format information (both copies within distance 3 of a code) could refuse, and
          // ZXing then reads it, so check that ZXing disagrees too or reads the same.
          assertThat(zxing(means, n)).as("v%d-%s, %d flips", version, level, flips)
              .satisfiesAnyOf(z -> assertThat(z).isEmpty(), z -> assertThat(z.get()).isEqualTo(content));
        }
      }
    }
    assertThat(exact).isGreaterThan(200);
    assertThat(refused).isGreaterThan(50); // the heavy damage half mostly fails, as it should
  }

  @Test
  void leavesOtherModesAndLevelsToZxing() throws Exception {
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    hints.put(EncodeHintType.QR_VERSION, 5);
    for (String text : new String[] {"0123456789", "HELLO WORLD"}) { // numeric, alphanumeric
      QRCode qr = Encoder.encode(text, ErrorCorrectionLevel.M, hints);
      boolean[] modules = FastSymbolEncoder.toModules(qr.getMatrix());
      int[] means = new int[modules.length];
      for (int i = 0; i < modules.length; i++) {
        means[i] = modules[i] ? 0 : 255;
      }
      assertThat(FastSymbolDecoder.decode(means, 128, 5, ErrorCorrection.M)).as(text).isEmpty();
    }
    int[] means = means("byte mode é".getBytes(StandardCharsets.ISO_8859_1), 5, ErrorCorrection.M, 3);
    assertThat(FastSymbolDecoder.decode(means, 128, 5, ErrorCorrection.M)).isPresent();
    assertThat(FastSymbolDecoder.decode(means, 128, 5, ErrorCorrection.Q)).as("another level").isEmpty();
  }

  @Test
  void readsGreyLevelsAtAGivenThreshold() throws Exception {
    byte[] content = randomBytes(new Random(3), 500);
    int[] means = means(content, 20, ErrorCorrection.L, 0);
    for (int i = 0; i < means.length; i++) {
      means[i] = means[i] == 0 ? 127 : 128; // the dense profile's levels
    }
    assertThat(FastSymbolDecoder.decode(means, 128, 20, ErrorCorrection.L)).get().isEqualTo(content);
  }

  @Test
  void rejectsMeansOfAnotherSize() {
    assertThatThrownBy(() -> FastSymbolDecoder.decode(new int[21 * 21], 128, 2, ErrorCorrection.L))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FastSymbolDecoder.decode(new int[0], 128, 41, ErrorCorrection.L))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
