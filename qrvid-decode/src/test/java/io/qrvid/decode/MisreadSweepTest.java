package io.qrvid.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The chain must never return wrong content (a small sample by default; {@code -Dqrvid.sweep.symbols=1000} runs a
 * longer sweep).
 * Symbols of versions 1 to 12 at every error-correction level are
 * damaged with dark and light blotches covering 5% to 35% of the symbol, from around to far beyond what their
 * error correction restores, then scanned by the whole level-1 chain (qrvid's soft-decision reader with erasures,
 * ZXing, BoofCV): each scan must find nothing or the original text. Moderately damaged symbols are
 * scanned too, and must mostly read (the soft decoder's purpose) and never misread.
 */
class MisreadSweepTest {
  private static final QrDecodeChain LEVEL1 = QrDecodeChain.builder().level2().build();

  @Test
  void damagedSymbolsAreNeverMisread() {
    Random random = new Random(2026);
    ErrorCorrectionLevel[] levels = ErrorCorrectionLevel.values();
    // -Dqrvid.sweep.symbols=N for a longer sweep (the unit-test run keeps it short)
    int symbols = Integer.getInteger("qrvid.sweep.symbols", 60);
    int found = 0;
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < symbols; i++) {
      int version = 1 + random.nextInt(12);
      ErrorCorrectionLevel ec = levels[random.nextInt(levels.length)];
      // 5 bytes: fits every version and level down to 1-H with the UTF-8 ECI header
      String text = (Integer.toString(i, 36) + "-" + Long.toString(random.nextLong() & 0xffffffffL, 36))
          .substring(0, 5);
      boolean[][] m = Synthetic.modules(text, version, ec);
      damage(m, random, 0.05 + 0.3 * random.nextDouble());
      String read = scan(m, random, i);
      if (read != null) {
        found++;
        if (!read.equals(text)) {
          wrong.add(i + ": " + read);
        }
      }
    }
    System.out.printf("damaged symbols: %d scanned, %d read, %d misread%n", symbols, found,
        wrong.size());
    assertThat(wrong).isEmpty();
    // the sweep must cross the boundary: some symbols still read, others do not
    assertThat(found).isBetween(1, symbols - 1);
  }

  @Test
  void moderatelyDamagedSymbolsReadAndNeverMisread() {
    Random random = new Random(7);
    int symbols = 60;
    int read = 0;
    for (int i = 0; i < symbols; i++) {
      int version = 2 + random.nextInt(8);
      String text = "mild " + i;
      boolean[][] m = Synthetic.modules(text, version, ErrorCorrectionLevel.H);
      damage(m, random, 0.06);
      String r = scan(m, random, i);
      if (r != null) {
        assertThat(r).isEqualTo(text);
        read++;
      }
    }
    System.out.printf("moderately damaged symbols (EC H, 6%% of the data area blotched): %d of %d read%n", read,
        symbols);
    assertThat(read).isGreaterThanOrEqualTo(symbols * 3 / 4);
  }

  /** Blotches of 2x2 to 4x4 modules, dark or light, outside the finder patterns, until {@code share} is covered. */
  private static void damage(boolean[][] m, Random random, double share) {
    int n = m.length;
    int target = (int) (share * (n * n - 3 * 64));
    int covered = 0;
    while (covered < target) {
      int s = 2 + random.nextInt(3);
      int x = random.nextInt(n - s);
      int y = random.nextInt(n - s);
      boolean dark = random.nextBoolean();
      for (int yy = y; yy < y + s; yy++) {
        for (int xx = x; xx < x + s; xx++) {
          boolean finder = (xx < 8 && yy < 8) || (xx >= n - 8 && yy < 8) || (xx < 8 && yy >= n - 8);
          if (!finder) {
            m[yy][xx] = dark;
            covered++;
          }
        }
      }
    }
  }

  private static String scan(boolean[][] m, Random random, int seed) {
    int px = 4;
    int size = (m.length + 10) * px;
    float[] c = Synthetic.canvas(size, size, 225);
    Synthetic.draw(c, size, size, m, Synthetic.axis(5 * px + random.nextDouble(), 5 * px + random.nextDouble(), px),
        35, 225, 0, 0, size, size);
    BufferedImage img = Synthetic.image(c, size, size, 3, seed);
    QrScanResult r = LEVEL1.scan(img);
    return r.found() ? r.text().orElseThrow() : null;
  }
}
