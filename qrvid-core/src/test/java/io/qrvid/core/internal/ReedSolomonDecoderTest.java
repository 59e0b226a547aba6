package io.qrvid.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.common.reedsolomon.GenericGF;
import com.google.zxing.common.reedsolomon.ReedSolomonEncoder;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReedSolomonDecoderTest {
  private static final ReedSolomonEncoder ENCODER = new ReedSolomonEncoder(GenericGF.QR_CODE_FIELD_256);

  private static int[] codeword(Random random, int n, int ec) {
    int[] block = new int[n];
    for (int i = 0; i < n - ec; i++) {
      block[i] = random.nextInt(256);
    }
    ENCODER.encode(block, ec);
    return block;
  }

  /** Distinct random indices. */
  private static int[] pick(Random random, int n, int count) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    for (int i = 0; i < count; i++) {
      int j = i + random.nextInt(n - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    return java.util.Arrays.copyOf(all, count);
  }

  @Test
  void correctsEveryMixOfErrorsAndErasuresWithinTwoEPlusSAtMostEcCount() {
    Random random = new Random(1);
    for (int trial = 0; trial < 3000; trial++) {
      int ec = 2 + random.nextInt(29);
      int n = ec + 1 + random.nextInt(Math.min(120, 255 - ec - 1));
      int[] original = codeword(random, n, ec);
      int s = random.nextInt(ec + 1);
      int e = random.nextInt((ec - s) / 2 + 1);
      int[] positions = pick(random, n, s + e);
      int[] damaged = original.clone();
      int[] erasures = new int[s];
      for (int i = 0; i < s; i++) {
        erasures[i] = positions[i];
        damaged[positions[i]] = random.nextInt(256); // unknown value, maybe even right
      }
      for (int i = s; i < s + e; i++) {
        damaged[positions[i]] ^= 1 + random.nextInt(255);
      }
      int errors = ReedSolomonDecoder.decode(damaged, ec, erasures);
      assertThat(damaged).as("n=%d ec=%d s=%d e=%d", n, ec, s, e).isEqualTo(original);
      assertThat(errors).isEqualTo(e);
    }
  }

  @Test
  void errorsOnlyDecodingFindsWhatZxingFinds() throws Exception {
    Random random = new Random(2);
    com.google.zxing.common.reedsolomon.ReedSolomonDecoder zxing =
        new com.google.zxing.common.reedsolomon.ReedSolomonDecoder(GenericGF.QR_CODE_FIELD_256);
    for (int trial = 0; trial < 1000; trial++) {
      int ec = 4 + random.nextInt(27);
      int n = ec + 10 + random.nextInt(100);
      int[] block = codeword(random, n, ec);
      for (int p : pick(random, n, random.nextInt(ec / 2 + 1))) {
        block[p] ^= 1 + random.nextInt(255);
      }
      int[] ours = block.clone();
      int[] theirs = block.clone();
      assertThat(ReedSolomonDecoder.decode(ours, ec, new int[0])).isGreaterThanOrEqualTo(0);
      zxing.decode(theirs, ec);
      assertThat(ours).isEqualTo(theirs);
    }
  }

  @Test
  void leavesTheBlockUntouchedWhenItCannotCorrect() {
    Random random = new Random(3);
    int failures = 0;
    for (int trial = 0; trial < 500; trial++) {
      int ec = 10;
      int n = 60;
      int[] block = codeword(random, n, ec);
      for (int p : pick(random, n, 12)) { // far beyond 5 errors
        block[p] ^= 1 + random.nextInt(255);
      }
      int[] before = block.clone();
      int r = ReedSolomonDecoder.decode(block, ec, new int[0]);
      if (r < 0) {
        failures++;
        assertThat(block).isEqualTo(before);
      } else {
        // a miscorrection into another codeword: the result is at least a valid codeword
        assertThat(ReedSolomonDecoder.syndromes(block, ec)).containsOnly(0);
      }
    }
    assertThat(failures).isGreaterThan(450);
  }

  /**
   * The optimised decoder against the straightforward one it replaced ({@link ReedSolomonReference}) on random
   * received words: codewords with random errors and erasures from none to well beyond the capacity
   * ({@code 2e + s} up to {@code ecCount + 12}), erasures that were in fact right, and random words that are no
   * codeword at all. Both must return the same value and leave the same block, including the miscorrections beyond
   * the capacity (another codeword within reach) and every failure; the syndromes computed once are reused for
   * several erasure sets of the same block, as {@link SoftSymbolDecoder} does.
   */
  @Test
  void agreesWithTheStraightforwardDecoderOnRandomWords() {
    Random random = new Random(11);
    int corrected = 0;
    int failed = 0;
    int beyondButDecoded = 0;
    for (int trial = 0; trial < 8000; trial++) {
      int ec = 1 + random.nextInt(random.nextInt(4) == 0 ? 6 : 30);
      int n = ec + 1 + random.nextInt(Math.min(254 - ec, random.nextBoolean() ? 40 : 200));
      int[] received;
      int damage;
      if (random.nextInt(8) == 0) {
        received = new int[n];
        for (int i = 0; i < n; i++) {
          received[i] = random.nextInt(256);
        }
        damage = n;
      } else {
        received = codeword(random, n, ec);
        damage = random.nextInt(Math.min(n, ec + 12) + 1);
        for (int p : pick(random, n, damage)) {
          received[p] ^= 1 + random.nextInt(255);
        }
      }
      int[] syndromes = ReedSolomonDecoder.syndromes(received, ec);
      assertThat(syndromes).isEqualTo(ReedSolomonReference.syndromes(received, ec));
      for (int attempt = 0; attempt < 3; attempt++) {
        int s = random.nextInt(Math.min(n, ec + 2) + 1); // sometimes more than ecCount: -1 from both
        int[] erasures = pick(random, n, s);
        int[] fast = received.clone();
        int[] slow = received.clone();
        int a = ReedSolomonDecoder.decode(fast, ec, erasures, syndromes);
        int b = ReedSolomonReference.decode(slow, ec, erasures);
        assertThat(a).as("trial %d n=%d ec=%d damage=%d s=%d", trial, n, ec, damage, s).isEqualTo(b);
        assertThat(fast).as("trial %d", trial).isEqualTo(slow);
        int[] again = received.clone();
        assertThat(ReedSolomonDecoder.decode(again, ec, erasures)).isEqualTo(b);
        assertThat(again).isEqualTo(slow);
        if (b < 0) {
          failed++;
        } else {
          corrected++;
          if (2 * Math.max(0, damage - s) + s > ec) {
            beyondButDecoded++;
          }
        }
      }
      assertThat(syndromes).as("syndromes not modified").isEqualTo(ReedSolomonReference.syndromes(received, ec));
    }
    // the comparison covered every outcome: corrections, failures and decodes beyond the capacity
    assertThat(new int[] {corrected, failed, beyondButDecoded}).as("corrected, failed, decoded beyond capacity")
        .satisfies(c -> assertThat(c[0]).isGreaterThan(4000), c -> assertThat(c[1]).isGreaterThan(4000),
            c -> assertThat(c[2]).isGreaterThan(40));
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> ReedSolomonDecoder.decode(new int[10], 0, new int[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReedSolomonDecoder.decode(new int[10], 4, new int[] {1, 1}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReedSolomonDecoder.decode(new int[10], 4, new int[] {10}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ReedSolomonDecoder.decode(new int[10], 2, new int[] {1, 2, 3})).isEqualTo(-1);
    assertThatThrownBy(() -> ReedSolomonDecoder.decode(new int[] {1, 256, 3, 4}, 2, new int[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReedSolomonDecoder.decode(new int[10], 4, new int[0], new int[3]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
