package io.qrvid.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.Decoder;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.decoder.Version;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import io.qrvid.core.ErrorCorrection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SoftSymbolDecoderTest {
  private static final ErrorCorrectionLevel[] LEVELS = ErrorCorrectionLevel.values();

  /** A ZXing-encoded symbol: its modules (1 dark, 0 light), version, level and content. */
  private record Symbol(float[] modules, int size, int version, ErrorCorrectionLevel level, int mask,
      String content) {}

  private static Symbol symbol(Random random, int version, ErrorCorrectionLevel level, double fill)
      throws Exception {
    Version v = Version.getVersionForNumber(version);
    int dataCodewords = v.getTotalCodewords() - v.getECBlocksForLevel(level).getTotalECCodewords();
    int capacity = dataCodewords - 3;
    int length = Math.max(1, (int) (capacity * fill));
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append((char) ('a' + random.nextInt(26)));
    }
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    hints.put(EncodeHintType.QR_VERSION, version);
    QRCode qr = Encoder.encode(sb.toString(), level, hints);
    boolean[] m = FastSymbolEncoder.toModules(qr.getMatrix());
    float[] f = new float[m.length];
    for (int i = 0; i < m.length; i++) {
      f[i] = m[i] ? 1f : 0f;
    }
    return new Symbol(f, qr.getMatrix().getWidth(), version, level, qr.getMaskPattern(), sb.toString());
  }

  /** Module indices of interleaved codeword {@code c}. */
  private static int[] modulesOf(int version, int c) {
    int[] order = SoftSymbolDecoder.placementOrder(version);
    return java.util.Arrays.copyOfRange(order, 8 * c, 8 * c + 8);
  }

  /** Sets every module of codeword {@code c} to the wrong side of 0.5 with the given confidence (0..0.5). */
  private static void corrupt(float[] d, Symbol s, int c, float confidence, Random random) {
    for (int pos : modulesOf(s.version, c)) {
      if (random.nextBoolean() || confidence < 0.5f) { // uncertain codewords: every bit on the wrong side
        d[pos] = s.modules[pos] > 0.5f ? 0.5f - confidence : 0.5f + confidence;
      }
    }
  }

  private static boolean zxingReadsHardDecisions(float[] d, int size) {
    BitMatrix bits = new BitMatrix(size);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        if (d[y * size + x] > 0.5f) {
          bits.set(x, y);
        }
      }
    }
    try {
      new Decoder().decode(bits);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void decodesCleanSymbolsOfEveryVersionAndLevel() throws Exception {
    Random random = new Random(11);
    for (int version = 1; version <= 40; version++) {
      for (ErrorCorrectionLevel level : LEVELS) {
        Symbol s = symbol(random, version, level, 0.2 + 0.7 * random.nextDouble());
        SoftSymbolDecoder.Result r = SoftSymbolDecoder.decode(s.modules, s.size).orElseThrow();
        assertThat(r.text()).isEqualTo(s.content);
        assertThat(r.bytes()).isEqualTo(s.content.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(r.version()).isEqualTo(version);
        assertThat(r.errorCorrection()).isEqualTo(ErrorCorrection.valueOf(level.name()));
        assertThat(r.mask()).isEqualTo(s.mask);
        assertThat(r.errorsCorrected()).isZero();
        assertThat(r.erasuresUsed()).isZero();
        assertThat(r.mirrored()).isFalse();
      }
    }
  }

  @Test
  void uncertainCodewordsCostHalfAnError() throws Exception {
    Random random = new Random(12);
    int softOnly = 0;
    for (int trial = 0; trial < 60; trial++) {
      int version = 2 + random.nextInt(39);
      ErrorCorrectionLevel level = LEVELS[random.nextInt(4)];
      Symbol s = symbol(random, version, level, 0.5);
      float[] d = s.modules.clone();
      int ec = Version.getVersionForNumber(version).getECBlocksForLevel(level).getECCodewordsPerBlock();
      int[][] blocks = SoftSymbolDecoder.blockLayout(version, level);
      int errors = ec >= 12 ? 1 : 0; // one confident error, the rest uncertain
      int uncertain = 0; // the most uncertain codewords every block accepts
      while (acceptedInEvery(blocks, ec, errors, uncertain + 1)) {
        uncertain++;
      }
      int wrong = errors + uncertain;
      for (int[] block : blocks) {
        int[] picks = shuffled(block, random);
        for (int i = 0; i < errors; i++) {
          corrupt(d, s, picks[i], 0.45f, random);
        }
        for (int i = errors; i < errors + uncertain; i++) {
          corrupt(d, s, picks[i], 0.05f, random);
        }
      }
      SoftSymbolDecoder.Result r = SoftSymbolDecoder.decode(d, s.size).orElseThrow(
          () -> new AssertionError("version " + version + "-" + level));
      assertThat(r.text()).isEqualTo(s.content);
      if (wrong > ec / 2) { // more wrong codewords than errors-only decoding corrects
        assertThat(r.erasuresUsed()).as("%d-%s ec %d wrong %d", version, level, ec, wrong).isPositive();
      }
      if (!zxingReadsHardDecisions(d, s.size)) {
        softOnly++;
      }
    }
    // Errors-only decoding of the same hard decisions fails wherever uncertain codewords exceed half the EC count.
    assertThat(softOnly).isGreaterThan(40);
  }

  private static boolean acceptedInEvery(int[][] blocks, int ec, int errors, int erasures) {
    for (int[] block : blocks) {
      if (erasures > block.length || !SoftSymbolDecoder.accepts(block.length, ec, errors, erasures)) {
        return false;
      }
    }
    return true;
  }

  /** The acceptance rule's numbers: where it stops, per block size, against errors-only decoding's ec / 2. */
  @Test
  void erasureAcceptanceKeepsTheFalseDecodeChanceBelowItsBound() {
    // V2-H: 44 codewords, 28 for error correction. Erasures only: 22 (chance 256^-6 = 3.5e-15), not 23 (9e-13).
    assertThat(SoftSymbolDecoder.accepts(44, 28, 0, 22)).isTrue();
    assertThat(SoftSymbolDecoder.accepts(44, 28, 0, 23)).isFalse();
    // the margin still applies where the chance alone would allow more: 2e + s <= 30 - 3
    assertThat(SoftSymbolDecoder.accepts(150, 30, 0, 24)).isTrue();
    assertThat(SoftSymbolDecoder.accepts(150, 30, 2, 22)).isFalse();
    // V1-M: 26 codewords, 10 for error correction: at most 4 erasures (256^-6), and with one error 2 (1.9e-16)
    assertThat(SoftSymbolDecoder.accepts(26, 10, 0, 4)).isTrue();
    assertThat(SoftSymbolDecoder.accepts(26, 10, 0, 5)).isFalse();
    assertThat(SoftSymbolDecoder.accepts(26, 10, 1, 2)).isTrue();
    assertThat(SoftSymbolDecoder.accepts(26, 10, 1, 3)).isFalse();
    // V1-L: 7 codewords of error correction leave room for one erasure
    assertThat(SoftSymbolDecoder.accepts(26, 7, 0, 1)).isTrue();
    assertThat(SoftSymbolDecoder.accepts(26, 7, 0, 2)).isFalse();
  }

  /**
   * A texture that matches the mask pattern unmasks to the all-zero word, a codeword of every block: the damaged
   * synthetic photo that the chain misread as an empty V2-H symbol was such a texture.
   */
  @Test
  void neverReadsTheAllZeroWordFromAMaskLikeTexture() throws Exception {
    Random random = new Random(15);
    Symbol s = symbol(random, 2, ErrorCorrectionLevel.H, 0.5);
    float[] d = s.modules.clone();
    int[] order = SoftSymbolDecoder.placementOrder(2);
    int total = Version.getVersionForNumber(2).getTotalCodewords();
    for (int k = 0; k < total * 8; k++) {
      int pos = order[k];
      // the mask pattern itself (what unmasks to zero), with some modules uncertain and some wrong
      boolean dark = FastSymbolEncoder.maskBit(s.mask, pos % s.size, pos / s.size);
      float v = dark ? 0.9f : 0.1f;
      int codeword = k >>> 3;
      if (codeword % 3 == 0) {
        v = 0.45f + 0.1f * random.nextFloat(); // uncertain
      } else if (codeword % 11 == 1) {
        v = 1f - v; // wrong
      }
      d[pos] = v;
    }
    assertThat(SoftSymbolDecoder.decode(d, s.size)).isEmpty();
  }

  @Test
  void readsSymbolsWithNoisyModuleEstimates() throws Exception {
    Random random = new Random(13);
    for (int trial = 0; trial < 40; trial++) {
      int version = 1 + random.nextInt(40);
      Symbol s = symbol(random, version, LEVELS[random.nextInt(4)], 0.6);
      float[] d = s.modules.clone();
      for (int i = 0; i < d.length; i++) {
        d[i] += (float) (random.nextGaussian() * 0.12);
      }
      assertThat(SoftSymbolDecoder.decode(d, s.size).map(SoftSymbolDecoder.Result::text)).contains(s.content);
    }
  }

  /**
   * The misread sweep: symbols damaged beyond what their blocks can correct, with confident and uncertain wrong
   * codewords mixed, must never decode to anything but their own content. 1,200 symbols in CI; more by hand with
   * {@code -Dqrvid.softSweep=N}.
   */
  @Test
  void neverMisreadsOverDamagedSymbols() throws Exception {
    int trials = Integer.getInteger("qrvid.softSweep", 1200);
    Random random = new Random(Long.getLong("qrvid.softSweepSeed", 14));
    int tried = 0;
    int decoded = 0;
    for (int trial = 0; trial < trials; trial++) {
      int version = 1 + random.nextInt(25);
      ErrorCorrectionLevel level = LEVELS[random.nextInt(4)];
      Symbol s = symbol(random, version, level, random.nextDouble());
      float[] d = s.modules.clone();
      int ec = Version.getVersionForNumber(version).getECBlocksForLevel(level).getECCodewordsPerBlock();
      int[][] blocks = SoftSymbolDecoder.blockLayout(version, level);
      int target = random.nextInt(blocks.length); // one block over capacity, the others within it
      for (int b = 0; b < blocks.length; b++) {
        int[] picks = shuffled(blocks[b], random);
        int uncertain;
        int confident;
        if (b == target) {
          confident = random.nextInt(ec / 2 + 2);
          uncertain = Math.min(picks.length - confident, ec + 1 - 2 * confident + random.nextInt(ec + 1));
          uncertain = Math.max(uncertain, 0);
          if (2 * confident + uncertain <= ec) {
            confident = ec / 2 + 1;
            uncertain = 0;
          }
        } else {
          confident = 0;
          uncertain = random.nextInt(ec / 2 + 1);
        }
        for (int i = 0; i < confident && i < picks.length; i++) {
          corrupt(d, s, picks[i], 0.2f + 0.3f * random.nextFloat(), random);
        }
        for (int i = confident; i < confident + uncertain && i < picks.length; i++) {
          corrupt(d, s, picks[i], 0.15f * random.nextFloat(), random);
        }
      }
      tried++;
      Optional<SoftSymbolDecoder.Result> r = SoftSymbolDecoder.decode(d, s.size);
      if (r.isPresent()) {
        decoded++;
        assertThat(r.get().text()).as("misread of version %d-%s", version, level).isEqualTo(s.content);
      }
    }
    assertThat(tried).isEqualTo(trials);
    assertThat(decoded).isLessThan(tried / 10);
  }

  @Test
  void readsMirroredSymbols() throws Exception {
    Symbol s = symbol(new Random(15), 9, ErrorCorrectionLevel.Q, 0.5);
    float[] t = new float[s.modules.length];
    for (int y = 0; y < s.size; y++) {
      for (int x = 0; x < s.size; x++) {
        t[x * s.size + y] = s.modules[y * s.size + x];
      }
    }
    SoftSymbolDecoder.Result r = SoftSymbolDecoder.decode(t, s.size).orElseThrow();
    assertThat(r.text()).isEqualTo(s.content);
    assertThat(r.mirrored()).isTrue();
  }

  /** Module indices of the two format-information copies (ISO/IEC 18004:2015, figure 25), 15 each. */
  private static int[][] formatModules(int size) {
    int[] first = new int[15];
    int k = 0;
    for (int x : new int[] {0, 1, 2, 3, 4, 5, 7, 8}) {
      first[k++] = 8 * size + x;
    }
    for (int y : new int[] {7, 5, 4, 3, 2, 1, 0}) {
      first[k++] = y * size + 8;
    }
    int[] second = new int[15];
    k = 0;
    for (int y = size - 1; y >= size - 7; y--) {
      second[k++] = y * size + 8;
    }
    for (int x = size - 8; x < size; x++) {
      second[k++] = 8 * size + x;
    }
    return new int[][] {first, second};
  }

  private static float[] transposed(float[] d, int size) {
    float[] t = new float[d.length];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        t[x * size + y] = d[y * size + x];
      }
    }
    return t;
  }

  /** The 32 valid format codes (ISO/IEC 18004:2015, 7.9.1: BCH(15,5) with generator 0x537, masked with 0x5412). */
  private static int formatCode(int data) {
    int v = data << 10;
    for (int bit = 14; bit >= 10; bit--) {
      if ((v >>> bit & 1) != 0) {
        v ^= 0x537 << (bit - 10);
      }
    }
    return (data << 10 | v) ^ 0x5412;
  }

  /** The straightforward form: each orientation, each copy, each code, bit by bit. */
  private static int referenceFormatDistance(float[] d, int size) {
    int best = 15;
    for (float[] oriented : new float[][] {d, transposed(d, size)}) {
      for (int[] copy : formatModules(size)) {
        for (int data = 0; data < 32; data++) {
          int code = formatCode(data);
          int dist = 0;
          for (int k = 0; k < 15; k++) {
            boolean dark = oriented[copy[k]] > 0.5f;
            dist += dark != ((code >>> (14 - k) & 1) != 0) ? 1 : 0;
          }
          best = Math.min(best, dist);
        }
      }
    }
    return best;
  }

  /** A copy of {@code s}'s darkness with {@code flips[c]} random modules of format copy {@code c} flipped. */
  private static float[] withFlippedFormatBits(Symbol s, int[] flips, Random random) {
    int[][] copies = formatModules(s.size);
    float[] d = s.modules.clone();
    for (int c = 0; c < 2; c++) {
      int[] order = shuffled(copies[c], random);
      for (int i = 0; i < flips[c]; i++) {
        d[order[i]] = d[order[i]] > 0.5f ? 0.3f : 0.7f;
      }
    }
    return d;
  }

  @Test
  void formatDistanceAgreesWithTheStraightforwardForm() throws Exception {
    Random random = new Random(21);
    int[] seen = new int[16];
    for (int trial = 0; trial < 300; trial++) {
      Symbol s = symbol(random, 1 + random.nextInt(12), LEVELS[random.nextInt(4)], 0.5);
      assertThat(SoftSymbolDecoder.formatDistance(s.modules, s.size)).isZero();
      assertThat(SoftSymbolDecoder.formatDistance(transposed(s.modules, s.size), s.size)).isZero();
      // flipped format bits: the own code at most that far (the codes are 7 bits apart); random darkness
      int[] flips = {random.nextInt(8), random.nextInt(8)};
      float[] d = withFlippedFormatBits(s, flips, random);
      int dist = SoftSymbolDecoder.formatDistance(d, s.size);
      assertThat(dist).isEqualTo(referenceFormatDistance(d, s.size)).isLessThanOrEqualTo(Math.min(flips[0], flips[1]));
      float[] noise = new float[d.length];
      for (int i = 0; i < noise.length; i++) {
        noise[i] = random.nextInt(50) == 0 ? Float.NaN : random.nextFloat();
      }
      int n = SoftSymbolDecoder.formatDistance(noise, s.size);
      assertThat(n).isEqualTo(referenceFormatDistance(noise, s.size));
      seen[dist]++;
      seen[n]++;
    }
    assertThat(seen[1] + seen[2]).isPositive();
    assertThat(seen[4] + seen[5] + seen[6]).isPositive();
    assertThatThrownBy(() -> SoftSymbolDecoder.formatDistance(new float[22 * 22], 22))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SoftSymbolDecoder.formatDistance(new float[10], 21))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The bit-by-bit form of {@code formatAgreement}: both copies' distances to one code, summed, the least. */
  private static int referenceFormatAgreement(float[] d, int size) {
    int best = 30;
    for (float[] oriented : new float[][] {d, transposed(d, size)}) {
      int[][] copies = formatModules(size);
      for (int data = 0; data < 32; data++) {
        int code = formatCode(data);
        int dist = 0;
        for (int[] copy : copies) {
          for (int k = 0; k < 15; k++) {
            boolean dark = oriented[copy[k]] > 0.5f;
            dist += dark != ((code >>> (14 - k) & 1) != 0) ? 1 : 0;
          }
        }
        best = Math.min(best, dist);
      }
    }
    return best;
  }

  @Test
  void formatAgreementAgreesWithTheStraightforwardForm() throws Exception {
    Random random = new Random(23);
    int[] seen = new int[31];
    for (int trial = 0; trial < 300; trial++) {
      Symbol s = symbol(random, 1 + random.nextInt(12), LEVELS[random.nextInt(4)], 0.5);
      assertThat(SoftSymbolDecoder.formatAgreement(s.modules, s.size)).isZero();
      assertThat(SoftSymbolDecoder.formatAgreement(transposed(s.modules, s.size), s.size)).isZero();
      // flipped format bits: at most their sum from the own code; never below the format distance; random darkness
      int[] flips = {random.nextInt(8), random.nextInt(8)};
      float[] d = withFlippedFormatBits(s, flips, random);
      int agreement = SoftSymbolDecoder.formatAgreement(d, s.size);
      assertThat(agreement).isEqualTo(referenceFormatAgreement(d, s.size))
          .isLessThanOrEqualTo(flips[0] + flips[1])
          .isGreaterThanOrEqualTo(SoftSymbolDecoder.formatDistance(d, s.size));
      float[] noise = new float[d.length];
      for (int i = 0; i < noise.length; i++) {
        noise[i] = random.nextInt(50) == 0 ? Float.NaN : random.nextFloat();
      }
      int n = SoftSymbolDecoder.formatAgreement(noise, s.size);
      assertThat(n).isEqualTo(referenceFormatAgreement(noise, s.size))
          .isGreaterThanOrEqualTo(SoftSymbolDecoder.formatDistance(noise, s.size));
      seen[agreement]++;
      seen[n]++;
    }
    assertThat(seen[1] + seen[2] + seen[3]).isPositive();
    assertThat(seen[8] + seen[9] + seen[10] + seen[11]).isPositive();
    assertThatThrownBy(() -> SoftSymbolDecoder.formatAgreement(new float[22 * 22], 22))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SoftSymbolDecoder.formatAgreement(new float[10], 21))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * {@code blockFailures} counts the blocks damaged beyond what the soft decoder corrects, on the symbol and its
   * mirror image: symbols with every module intact ({0, blocks}), with a random subset of their blocks given more
   * confident errors than errors-only decoding corrects (exactly those fail; the rest carry errors within the
   * capacity), and random darkness (no format code within 3: {-1, 0}, or a count no larger than the blocks).
   */
  @Test
  void blockFailuresCountsTheBlocksBeyondCorrection() throws Exception {
    Random random = new Random(24);
    int partly = 0;
    for (int trial = 0; trial < 200; trial++) {
      int version = 1 + random.nextInt(20);
      ErrorCorrectionLevel level = LEVELS[random.nextInt(4)];
      Symbol s = symbol(random, version, level, 0.5);
      int[][] blocks = SoftSymbolDecoder.blockLayout(version, level);
      assertThat(SoftSymbolDecoder.blockFailures(s.modules, s.size)).containsExactly(0, blocks.length);
      int ec = Version.getVersionForNumber(version).getECBlocksForLevel(level).getECCodewordsPerBlock();
      float[] d = s.modules.clone();
      int failed = 0;
      for (int[] block : blocks) {
        int[] picks = shuffled(block, random);
        // beyond capacity: more confident errors than ec / 2 (no erasure candidate, so errors-only decides); a
        // random word is corrected to another codeword with a chance far below the test's size
        boolean beyond = random.nextBoolean() && picks.length >= ec;
        int wrong = beyond ? Math.min(picks.length, ec) : random.nextInt(ec / 2 + 1);
        for (int i = 0; i < wrong; i++) {
          int[] modules = modulesOf(version, picks[i]);
          int pos = modules[random.nextInt(8)];
          d[pos] = 1f - s.modules[pos];
        }
        failed += beyond ? 1 : 0;
      }
      int[] fb = SoftSymbolDecoder.blockFailures(d, s.size);
      assertThat(fb).as("version %d-%s", version, level).containsExactly(failed, blocks.length);
      // the mirror image: the same share (a candidate of another level read off the transposed format modules
      // may tie with it when every block fails, and comes first there)
      int[] mirrored = SoftSymbolDecoder.blockFailures(transposed(d, s.size), s.size);
      assertThat(mirrored[0] * blocks.length).isEqualTo(failed * mirrored[1]);
      if (failed == 0) {
        assertThat(SoftSymbolDecoder.decode(d, s.size)).isPresent();
      } else {
        assertThat(SoftSymbolDecoder.decode(d, s.size)).isEmpty();
        partly += failed < blocks.length ? 1 : 0;
      }
      float[] noise = new float[d.length];
      for (int i = 0; i < noise.length; i++) {
        noise[i] = random.nextFloat();
      }
      int[] n = SoftSymbolDecoder.blockFailures(noise, s.size);
      if (SoftSymbolDecoder.formatDistance(noise, s.size) > 3) {
        assertThat(n).containsExactly(-1, 0);
      } else {
        assertThat(n[0]).isBetween(0, n[1]);
      }
    }
    assertThat(partly).isGreaterThan(20);
  }

  /**
   * {@code everyBlockFails(d, size, k)} is {@code blockFailures(d, size)} being {@code {b, b}} with {@code b >= k}
   * (the cheap form against the full count), on symbols of versions 1-20 with none, some or all of their blocks
   * beyond correction, with confident and uncertain damage, their mirror images and random darkness, for k = 1..9.
   */
  @Test
  void everyBlockFailsAnswersAsTheFullCount() throws Exception {
    Random random = new Random(25);
    int trueSeen = 0;
    int falseSeen = 0;
    for (int trial = 0; trial < 250; trial++) {
      int version = 1 + random.nextInt(20);
      ErrorCorrectionLevel level = LEVELS[random.nextInt(4)];
      Symbol s = symbol(random, version, level, 0.5);
      int ec = Version.getVersionForNumber(version).getECBlocksForLevel(level).getECCodewordsPerBlock();
      float[] d = s.modules.clone();
      double share = random.nextInt(3) / 2.0; // none, about half or every block beyond correction
      for (int[] block : SoftSymbolDecoder.blockLayout(version, level)) {
        int[] picks = shuffled(block, random);
        int wrong = random.nextDouble() < share ? Math.min(picks.length, ec + 1) : random.nextInt(ec / 2 + 1);
        for (int i = 0; i < wrong; i++) {
          corrupt(d, s, picks[i], random.nextBoolean() ? 0.45f : 0.1f, random);
        }
      }
      float[] noise = new float[d.length];
      for (int i = 0; i < noise.length; i++) {
        noise[i] = random.nextFloat();
      }
      for (float[] x : new float[][] {d, transposed(d, s.size), noise}) {
        int[] fb = SoftSymbolDecoder.blockFailures(x, s.size);
        for (int k = 1; k <= 9; k++) {
          boolean expected = fb[0] >= 0 && fb[0] == fb[1] && fb[1] >= k;
          assertThat(SoftSymbolDecoder.everyBlockFails(x, s.size, k)).as("version %d-%s k %d", version, level, k)
              .isEqualTo(expected);
          trueSeen += expected ? 1 : 0;
          falseSeen += expected ? 0 : 1;
        }
      }
    }
    assertThat(trueSeen).isGreaterThan(300);
    assertThat(falseSeen).isGreaterThan(300);
    assertThatThrownBy(() -> SoftSymbolDecoder.everyBlockFails(new float[21 * 21], 21, 0))
        .isInstanceOf(IllegalArgumentException.class);
    // a size that is no symbol's, and an array of another length, as for decode
    assertThatThrownBy(() -> SoftSymbolDecoder.everyBlockFails(new float[22 * 22], 22, 4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a QR symbol size: 22");
    assertThatThrownBy(() -> SoftSymbolDecoder.everyBlockFails(new float[10], 21, 4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10 values for a 21x21 symbol");
    assertThatThrownBy(() -> SoftSymbolDecoder.blockFailures(new float[22 * 22], 22))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a QR symbol size: 22");
    assertThatThrownBy(() -> SoftSymbolDecoder.blockFailures(new float[10], 21))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10 values for a 21x21 symbol");
  }

  /**
   * {@code decode} reads nothing from a grid whose format distance is above 3 ({@code SymbolReader} stops a group's
   * later stages on that distance): symbols with their format-information modules replaced by random darkness.
   */
  @Test
  void decodesNothingWhenTheFormatDistanceIsAboveThree() throws Exception {
    Random random = new Random(22);
    int far = 0;
    for (int trial = 0; trial < 1500; trial++) {
      Symbol s = symbol(random, 1 + random.nextInt(10), LEVELS[random.nextInt(4)], 0.4);
      float[] d = s.modules.clone();
      for (int[] copy : formatModules(s.size)) {
        for (int pos : copy) {
          d[pos] = random.nextFloat();
        }
      }
      if (SoftSymbolDecoder.formatDistance(d, s.size) > 3) {
        far++;
        assertThat(SoftSymbolDecoder.decode(d, s.size)).isEmpty();
      }
    }
    assertThat(far).isGreaterThan(15); // about 3 % of such grids
  }

  @Test
  void readsVersionInformation() throws Exception {
    Random random = new Random(16);
    for (int version = 7; version <= 40; version++) {
      Symbol s = symbol(random, version, ErrorCorrectionLevel.M, 0.3);
      assertThat(SoftSymbolDecoder.readVersion(s.modules, s.size)).hasValue(version);
    }
    Symbol small = symbol(random, 3, ErrorCorrectionLevel.M, 0.3);
    assertThat(SoftSymbolDecoder.readVersion(small.modules, small.size)).isEmpty();
  }

  /**
   * The straightforward block correction that {@link SoftSymbolDecoder#correctBlock} was until issue 9's eleventh
   * pass: {@link ReedSolomonReference} called afresh per trial (syndromes recomputed each time), every codeword
   * sorted by reliability with a boxed stable sort.
   */
  private static int[] referenceCorrectBlock(int[] block, double[] rel, int ecCount) {
    int[] attempt = block.clone();
    int e = ReedSolomonReference.decode(attempt, ecCount, new int[0]);
    if (e >= 0 && e <= ecCount / 2) {
      System.arraycopy(attempt, 0, block, 0, block.length);
      return new int[] {e, 0};
    }
    Integer[] byReliability = new Integer[block.length];
    for (int i = 0; i < block.length; i++) {
      byReliability[i] = i;
    }
    java.util.Arrays.sort(byReliability, java.util.Comparator.comparingDouble(i -> rel[i]));
    int candidates = 0;
    while (candidates < block.length && rel[byReliability[candidates]] < SoftSymbolDecoder.ERASURE_RELIABILITY) {
      candidates++;
    }
    int maxErasures = Math.min(candidates, ecCount - SoftSymbolDecoder.margin(ecCount));
    for (int s = Math.min(2, maxErasures); s > 0; s = s == maxErasures ? 0 : Math.min(s + 2, maxErasures)) {
      int[] erasures = new int[s];
      for (int i = 0; i < s; i++) {
        erasures[i] = byReliability[i];
      }
      attempt = block.clone();
      e = ReedSolomonReference.decode(attempt, ecCount, erasures);
      if (e >= 0 && SoftSymbolDecoder.accepts(block.length, ecCount, e, s)) {
        System.arraycopy(attempt, 0, block, 0, block.length);
        return new int[] {e, s};
      }
    }
    return null;
  }

  /**
   * The optimised block correction (syndromes once per block, candidates by insertion sort) against the
   * straightforward form on random blocks of the QR block sizes' range: codewords damaged from not at all to well
   * beyond what erasures can correct, the damaged codewords mostly (not always) the least reliable, reliabilities
   * often tied (quantised to tenths) so that the order of ties matters. Same outcome and same block every time.
   */
  @Test
  void blockCorrectionAgreesWithTheStraightforwardForm() {
    Random random = new Random(12);
    com.google.zxing.common.reedsolomon.ReedSolomonEncoder encoder =
        new com.google.zxing.common.reedsolomon.ReedSolomonEncoder(
            com.google.zxing.common.reedsolomon.GenericGF.QR_CODE_FIELD_256);
    int[] outcomes = new int[3]; // clean or errors only, with erasures, refused
    for (int trial = 0; trial < 4000; trial++) {
      int ec = 7 + random.nextInt(24);
      int n = ec + 2 + random.nextInt(140);
      int[] block = new int[n];
      for (int i = 0; i < n - ec; i++) {
        block[i] = random.nextInt(256);
      }
      encoder.encode(block, ec);
      double[] rel = new double[n];
      boolean quantise = random.nextBoolean();
      for (int i = 0; i < n; i++) {
        rel[i] = 0.5 + 0.5 * random.nextDouble();
      }
      int damage = random.nextInt(ec + 6);
      for (int k = 0; k < damage; k++) {
        int p = random.nextInt(n);
        block[p] ^= 1 + random.nextInt(255);
        rel[p] = random.nextInt(6) == 0 ? 0.7 + 0.3 * random.nextDouble() : 0.75 * random.nextDouble();
      }
      for (int i = 0; i < n; i++) {
        rel[i] = quantise ? Math.round(rel[i] * 10) / 10.0 : rel[i];
      }
      int[] fast = block.clone();
      int[] slow = block.clone();
      int[] a = SoftSymbolDecoder.correctBlock(fast, rel, ec);
      int[] b = referenceCorrectBlock(slow, rel, ec);
      assertThat(a).as("trial %d n=%d ec=%d damage=%d", trial, n, ec, damage).isEqualTo(b);
      assertThat(fast).as("trial %d", trial).isEqualTo(slow);
      outcomes[b == null ? 2 : b[1] == 0 ? 0 : 1]++;
    }
    assertThat(java.util.Arrays.stream(outcomes).min().getAsInt()).as("outcomes %s", java.util.Arrays.toString(outcomes))
        .isGreaterThan(150);
  }

  @Test
  void rejectsArraysThatAreNotSymbols() {
    assertThatThrownBy(() -> SoftSymbolDecoder.decode(new float[22 * 22], 22))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SoftSymbolDecoder.decode(new float[10], 21))
        .isInstanceOf(IllegalArgumentException.class);
    float[] grey = new float[25 * 25];
    java.util.Arrays.fill(grey, 0.5f);
    assertThat(SoftSymbolDecoder.decode(grey, 25)).isEmpty();
  }

  private static int[] shuffled(int[] in, Random random) {
    int[] a = in.clone();
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }
}
