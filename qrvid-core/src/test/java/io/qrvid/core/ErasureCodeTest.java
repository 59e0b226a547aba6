package io.qrvid.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrvid.core.internal.Gf256;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ErasureCodeTest {

  // ---- field arithmetic -------------------------------------------------------------------------------------

  /** Shift-and-add multiplication modulo 0x11D, independent of the tables under test. */
  private static int slowMul(int a, int b) {
    int p = 0;
    while (b != 0) {
      if ((b & 1) != 0) {
        p ^= a;
      }
      a <<= 1;
      if ((a & 0x100) != 0) {
        a ^= 0x11D;
      }
      b >>= 1;
    }
    return p;
  }

  @Test
  void fieldMultiplicationMatchesCarryLessReferenceForAllPairs() {
    for (int a = 0; a < 256; a++) {
      for (int b = 0; b < 256; b++) {
        assertThat(Gf256.mul(a, b)).as("%d * %d", a, b).isEqualTo(slowMul(a, b));
      }
    }
  }

  @Test
  void everyNonZeroElementTimesItsInverseIsOne() {
    assertThatThrownBy(() -> Gf256.inv(0)).isInstanceOf(ArithmeticException.class);
    for (int a = 1; a < 256; a++) {
      assertThat(Gf256.mul(a, Gf256.inv(a))).as("a=%d", a).isEqualTo(1);
      assertThat(Gf256.div(a, a)).isEqualTo(1);
    }
  }

  @Test
  void expAndLogAreInverseAndTwoGeneratesTheWholeGroup() {
    // Known answers for 0x11D: 2^7 = 0x80, 2^8 = 0x100 ^ 0x11D = 0x1D, 2^255 = 1, 0x1D has log 8.
    assertThat(Gf256.exp(0)).isEqualTo(1);
    assertThat(Gf256.exp(7)).isEqualTo(0x80);
    assertThat(Gf256.exp(8)).isEqualTo(0x1D);
    assertThat(Gf256.exp(9)).isEqualTo(0x3A);
    assertThat(Gf256.exp(255)).isEqualTo(1);
    assertThat(Gf256.log(0x1D)).isEqualTo(8);
    boolean[] seen = new boolean[256];
    for (int e = 0; e < 255; e++) {
      int x = Gf256.exp(e);
      assertThat(seen[x]).as("2^%d repeats", e).isFalse();
      seen[x] = true;
      assertThat(Gf256.log(x)).isEqualTo(e);
      assertThat(x).isEqualTo(e == 0 ? 1 : slowMul(Gf256.exp(e - 1), 2));
    }
    assertThat(seen[0]).isFalse();
    for (int a = 1; a < 256; a++) {
      assertThat(Gf256.exp(Gf256.log(a))).isEqualTo(a);
      assertThat(Gf256.pow(a, 255)).isEqualTo(1);
      assertThat(Gf256.pow(a, 3)).isEqualTo(slowMul(a, slowMul(a, a)));
    }
    assertThat(Gf256.pow(0, 0)).isEqualTo(1);
    assertThat(Gf256.pow(0, 5)).isZero();
  }

  @Test
  void matrixInverseTimesMatrixIsIdentityAndSingularMatricesAreRejected() {
    Random rnd = new Random(7);
    for (int trial = 0; trial < 50; trial++) {
      int n = 1 + rnd.nextInt(12);
      byte[][] m = new byte[n][n];
      byte[][] inv = null;
      while (inv == null) {
        for (byte[] row : m) {
          rnd.nextBytes(row);
        }
        try {
          inv = Gf256.invert(m);
        } catch (ArithmeticException singular) {
          // draw again
        }
      }
      byte[][] product = Gf256.multiply(m, inv);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          assertThat(product[i][j]).isEqualTo((byte) (i == j ? 1 : 0));
        }
      }
    }
    assertThatThrownBy(() -> Gf256.invert(new byte[][] {{1, 2}, {2, 4}})).isInstanceOf(ArithmeticException.class);
  }

  // ---- construction -----------------------------------------------------------------------------------------

  @Test
  void parityMatchesHandDerivedGeneratorForTwoPlusTwo() {
    // V = [[1,0],[1,1],[1,2],[1,3]], inverse of top = [[1,0],[1,1]], parity rows [3,2] and [2,3].
    ErasureCode code = ErasureCode.of(2, 2);
    assertThat(code.encodeParity(new byte[][] {{1}, {0}})).isDeepEqualTo(new byte[][] {{3}, {2}});
    assertThat(code.encodeParity(new byte[][] {{0}, {1}})).isDeepEqualTo(new byte[][] {{2}, {3}});
    byte a = (byte) 0x57;
    byte b = (byte) 0xC3;
    assertThat(code.encodeParity(new byte[][] {{a}, {b}})).isDeepEqualTo(new byte[][] {
        {(byte) (slowMul(3, 0x57) ^ slowMul(2, 0xC3))}, {(byte) (slowMul(2, 0x57) ^ slowMul(3, 0xC3))}});
  }

  @Test
  void singleDataShardParityIsAReplica() {
    byte[] data = randomBytes(new Random(3), 100);
    byte[][] parity = ErasureCode.of(1, 4).encodeParity(new byte[][] {data});
    assertThat(List.of(parity)).hasSize(4).allSatisfy(p -> assertThat(p).isEqualTo(data));
  }

  @Test
  void encodeParityIsSystematicLinearAndLeavesDataUntouched() {
    ErasureCode code = ErasureCode.of(10, 4);
    Random rnd = new Random(11);
    byte[][] zero = new byte[10][64];
    assertThat(List.of(code.encodeParity(zero))).hasSize(4)
        .allSatisfy(p -> assertThat(p).hasSize(64).containsOnly((byte) 0));
    byte[][] a = randomShards(rnd, 10, 64);
    byte[][] b = randomShards(rnd, 10, 64);
    byte[][] aCopy = deepCopy(a);
    byte[][] pa = code.encodeParity(a);
    assertThat(a).isDeepEqualTo(aCopy);
    assertThat(List.of(pa)).hasSize(4).allSatisfy(p -> assertThat(p).hasSize(64));
    assertThat(pa[0]).isNotEqualTo(new byte[64]);
    byte[][] pb = code.encodeParity(b);
    byte[][] sum = new byte[10][64];
    for (int i = 0; i < 10; i++) {
      for (int j = 0; j < 64; j++) {
        sum[i][j] = (byte) (a[i][j] ^ b[i][j]);
      }
    }
    byte[][] ps = code.encodeParity(sum);
    for (int r = 0; r < 4; r++) {
      for (int j = 0; j < 64; j++) {
        assertThat(ps[r][j]).isEqualTo((byte) (pa[r][j] ^ pb[r][j]));
      }
    }
    assertThat(ErasureCode.of(10, 0).encodeParity(a)).isEmpty();
    assertThat(List.of(code.encodeParity(new byte[10][0]))).hasSize(4).allSatisfy(p -> assertThat(p).isEmpty());
  }

  // ---- reconstruction ---------------------------------------------------------------------------------------

  @Test
  void roundTripsRandomErasuresForManyShapes() {
    int[][] shapes = {
      {1, 0}, {1, 1}, {1, 3}, {2, 1}, {3, 2}, {3, 5}, {4, 4}, {10, 2}, {10, 4}, {20, 4}, {32, 8}, {40, 8}, {17, 0},
      {1, 254}, {128, 127}, {250, 5}, {255, 0}, {200, 55}
    };
    Random rnd = new Random(42);
    for (int[] shape : shapes) {
      int k = shape[0];
      int m = shape[1];
      ErasureCode code = ErasureCode.of(k, m);
      assertThat(code.dataShards()).isEqualTo(k);
      assertThat(code.parityShards()).isEqualTo(m);
      assertThat(code.totalShards()).isEqualTo(k + m);
      int len = k + m > 100 ? 16 : 200;
      int trials = k + m > 100 ? 3 : 12;
      for (int t = 0; t < trials; t++) {
        int erase = t == 0 ? m : rnd.nextInt(m + 1); // always include a maximal erasure
        roundTrip(code, rnd, len, pickErasures(rnd, k + m, erase));
      }
      if (m >= k) { // every data shard lost, rebuilt from parity alone
        List<Integer> allData = new ArrayList<>();
        for (int i = 0; i < k; i++) {
          allData.add(i);
        }
        roundTrip(code, rnd, len, allData);
      }
    }
  }

  @Test
  void everyErasurePatternUpToParityCountIsRecoverable() {
    // Exhaustive MDS check for a small code: all subsets of size <= m of the n = 9 shards.
    int k = 6;
    int m = 3;
    ErasureCode code = ErasureCode.of(k, m);
    Random rnd = new Random(5);
    int patterns = 0;
    for (int mask = 0; mask < 1 << (k + m); mask++) {
      if (Integer.bitCount(mask) > m) {
        continue;
      }
      List<Integer> erased = new ArrayList<>();
      for (int i = 0; i < k + m; i++) {
        if ((mask & 1 << i) != 0) {
          erased.add(i);
        }
      }
      roundTrip(code, rnd, 8, erased);
      patterns++;
    }
    assertThat(patterns).isEqualTo(1 + 9 + 36 + 84);
  }

  @Test
  void propertyRandomShapesLengthsAndErasuresRoundTripWithFixedSeed() {
    Random rnd = new Random(20261121L);
    for (int iter = 0; iter < 400; iter++) {
      int k = 1 + rnd.nextInt(40);
      int m = rnd.nextInt(9);
      int len = rnd.nextInt(300);
      ErasureCode code = ErasureCode.of(k, m);
      roundTrip(code, rnd, len, pickErasures(rnd, k + m, rnd.nextInt(m + 1)));
    }
  }

  @Test
  void reconstructReplacesStaleOrWrongLengthMissingEntriesAndKeepsPresentOnes() {
    ErasureCode code = ErasureCode.of(4, 2);
    Random rnd = new Random(9);
    byte[][] data = randomShards(rnd, 4, 50);
    byte[][] parity = code.encodeParity(data);
    byte[][] shards = concat(data, parity);
    byte[][] expected = deepCopy(shards);
    byte[] keptData = shards[0];
    shards[1] = new byte[3]; // garbage of the wrong length
    shards[5] = randomBytes(rnd, 50); // stale bytes of the right length
    boolean[] present = {true, false, true, true, true, false};
    code.reconstruct(shards, present);
    assertThat(shards).isDeepEqualTo(expected);
    assertThat(shards[0]).isSameAs(keptData);
    assertThat(present).containsExactly(true, false, true, true, true, false);
  }

  @Test
  void moreMissingThanParityThrowsTypedExceptionAndLeavesShardsAlone() {
    ErasureCode code = ErasureCode.of(4, 2);
    byte[][] data = randomShards(new Random(1), 4, 10);
    byte[][] shards = concat(data, code.encodeParity(data));
    shards[0] = null;
    byte[][] before = shards.clone();
    boolean[] present = {false, true, false, true, false, true};
    assertThatThrownBy(() -> code.reconstruct(shards, present))
        .isInstanceOfSatisfying(ErasureException.class, e -> {
          assertThat(e.missing()).isEqualTo(3);
          assertThat(e.parityShards()).isEqualTo(2);
          assertThat(e).isInstanceOf(QrvidException.class).hasMessageContaining("3").hasMessageContaining("2");
        });
    for (int i = 0; i < shards.length; i++) {
      assertThat(shards[i]).isSameAs(before[i]);
    }

    ErasureCode noParity = ErasureCode.of(3, 0);
    assertThatThrownBy(() -> noParity.reconstruct(new byte[][] {{1}, null, {3}}, new boolean[] {true, false, true}))
        .isInstanceOfSatisfying(ErasureException.class, e -> assertThat(e.missing()).isEqualTo(1));
    assertThatThrownBy(() -> code.reconstruct(new byte[6][], new boolean[6]))
        .isInstanceOfSatisfying(ErasureException.class, e -> assertThat(e.missing()).isEqualTo(6));
  }

  @Test
  void rejectsInvalidShapes() {
    assertThatThrownBy(() -> ErasureCode.of(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ErasureCode.of(1, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ErasureCode.of(200, 56)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("255");
    assertThatThrownBy(() -> ErasureCode.of(256, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(ErasureCode.of(1, 254).totalShards()).isEqualTo(255);
  }

  @Test
  void encodeParityRejectsWrongCountUnequalLengthsAndNulls() {
    ErasureCode code = ErasureCode.of(3, 2);
    assertThatThrownBy(() -> code.encodeParity(new byte[2][4])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3");
    assertThatThrownBy(() -> code.encodeParity(new byte[4][4])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> code.encodeParity(new byte[][] {new byte[4], new byte[4], new byte[5]}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length");
    assertThatThrownBy(() -> code.encodeParity(new byte[][] {new byte[4], null, new byte[4]}))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> code.encodeParity(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void reconstructRejectsWrongCountsUnequalLengthsAndNullPresentShards() {
    ErasureCode code = ErasureCode.of(3, 2);
    boolean[] all = {true, true, true, true, true};
    assertThatThrownBy(() -> code.reconstruct(new byte[4][2], new boolean[] {true, true, true, true}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> code.reconstruct(new byte[5][2], new boolean[4]))
        .isInstanceOf(IllegalArgumentException.class);
    byte[][] unequal = {new byte[2], new byte[2], new byte[3], new byte[2], new byte[2]};
    assertThatThrownBy(() -> code.reconstruct(unequal, all)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("length");
    byte[][] unequalWithGap = {null, new byte[2], new byte[2], new byte[3], new byte[2]};
    assertThatThrownBy(() -> code.reconstruct(unequalWithGap, new boolean[] {false, true, true, true, true}))
        .isInstanceOf(IllegalArgumentException.class);
    byte[][] nullPresent = {new byte[2], null, new byte[2], new byte[2], new byte[2]};
    assertThatThrownBy(() -> code.reconstruct(nullPresent, all)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("1");
    assertThatThrownBy(() -> code.reconstruct(null, all)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> code.reconstruct(new byte[5][2], null)).isInstanceOf(NullPointerException.class);
  }

  // ---- helpers ----------------------------------------------------------------------------------------------

  /** Encodes random data, erases {@code erased} (filling them with null or junk), reconstructs, compares. */
  private static void roundTrip(ErasureCode code, Random rnd, int len, List<Integer> erased) {
    int k = code.dataShards();
    int n = code.totalShards();
    byte[][] data = randomShards(rnd, k, len);
    byte[][] shards = concat(data, code.encodeParity(data));
    byte[][] expected = deepCopy(shards);
    boolean[] present = new boolean[n];
    java.util.Arrays.fill(present, true);
    for (int i : erased) {
      present[i] = false;
      shards[i] = rnd.nextBoolean() ? null : randomBytes(rnd, len);
    }
    code.reconstruct(shards, present);
    assertThat(shards).as("k=%d m=%d len=%d erased=%s", k, code.parityShards(), len, erased)
        .isDeepEqualTo(expected);
  }

  private static List<Integer> pickErasures(Random rnd, int n, int count) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(i);
    }
    Collections.shuffle(all, rnd);
    return new ArrayList<>(all.subList(0, count));
  }

  private static byte[] randomBytes(Random rnd, int len) {
    byte[] b = new byte[len];
    rnd.nextBytes(b);
    return b;
  }

  private static byte[][] randomShards(Random rnd, int count, int len) {
    byte[][] s = new byte[count][];
    for (int i = 0; i < count; i++) {
      s[i] = randomBytes(rnd, len);
    }
    return s;
  }

  private static byte[][] concat(byte[][] a, byte[][] b) {
    byte[][] out = new byte[a.length + b.length][];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[][] deepCopy(byte[][] a) {
    byte[][] out = new byte[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }
}
