package io.qrvid.examples.bench.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.ChecksumException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.Decoder;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The codeword map against ZXing's own decoder: damage it can correct decodes, one codeword more does not. */
class CodewordMapTest {
  @Test
  void damageUpToHalfTheErrorCorrectionCodewordsOfEveryBlockStillDecodes() throws Exception {
    SplittableRandom r = new SplittableRandom(1);
    int[] versions = {1, 2, 5, 7, 10, 15, 22, 40};
    for (int v : versions) {
      for (ErrorCorrectionLevel ec : ErrorCorrectionLevel.values()) {
        QrSymbol q = Contents.symbol(r, v, ec, 0.8);
        CodewordMap map = CodewordMap.of(q.version(), q.ec());
        int e = map.ecCodewordsPerBlock();
        BitMatrix m = damaged(q, map, e / 2, r);
        assertThat(new Decoder().decode(m).getText()).as("v" + v + " " + ec).isEqualTo(q.text());
      }
    }
  }

  @Test
  void oneCodewordBeyondHalfInABlockFailsTheChecksum() throws Exception {
    SplittableRandom r = new SplittableRandom(2);
    for (int v : new int[] {1, 3, 8, 20}) {
      for (ErrorCorrectionLevel ec : ErrorCorrectionLevel.values()) {
        QrSymbol q = Contents.symbol(r, v, ec, 0.8);
        CodewordMap map = CodewordMap.of(q.version(), q.ec());
        BitMatrix m = damaged(q, map, map.ecCodewordsPerBlock() / 2 + 1, r);
        assertThatThrownBy(() -> new Decoder().decode(m)).as("v" + v + " " + ec)
            .isInstanceOf(ChecksumException.class);
      }
    }
  }

  @Test
  void everyDataModuleBelongsToExactlyOneCodewordBit() {
    for (int v = 1; v <= 40; v++) {
      CodewordMap map = CodewordMap.of(v, ErrorCorrectionLevel.M);
      int n = 17 + 4 * v;
      boolean[][] seen = new boolean[n][n];
      for (int k = 0; k < map.codewords(); k++) {
        for (int bit = 0; bit < 8; bit++) {
          assertThat(seen[map.y(k, bit)][map.x(k, bit)]).isFalse();
          seen[map.y(k, bit)][map.x(k, bit)] = true;
        }
      }
      assertThat(map.codewordsOfBlock(0)).isNotEmpty();
    }
  }

  /** The symbol's modules with {@code k} codewords of every block changed (random non-zero bit flips). */
  private static BitMatrix damaged(QrSymbol q, CodewordMap map, int k, SplittableRandom r) {
    int n = q.size();
    BitMatrix m = new BitMatrix(n);
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        if (q.dark(x, y)) {
          m.set(x, y);
        }
      }
    }
    for (int b = 0; b < map.blocks(); b++) {
      List<Integer> cws = new ArrayList<>(map.codewordsOfBlock(b));
      for (int i = 0; i < k; i++) {
        int cw = cws.remove(r.nextInt(cws.size()));
        int flips = 1 + r.nextInt(255);
        for (int bit = 0; bit < 8; bit++) {
          if ((flips & (0x80 >> bit)) != 0) {
            m.flip(map.x(cw, bit), map.y(cw, bit));
          }
        }
      }
    }
    return m;
  }

  @Test
  void binaryContentKeepsItsBytes() throws Exception {
    String text = "\u0000\u00ff\u0080abc";
    QrSymbol q = QrSymbol.encode(text, StandardCharsets.ISO_8859_1, ErrorCorrectionLevel.M, 2, 3, false);
    assertThat(q.bytes()).containsExactly(0, 0xff, 0x80, 'a', 'b', 'c');
    assertThat(q.version()).isEqualTo(2);
    assertThat(q.mask()).isEqualTo(3);
  }
}
