package io.qrvid.examples.bench.decode;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The pass thresholds that the public sample sets' own test harnesses require, per set and rotation (images read):
 * ZXing's Java blackbox tests ({@code QRCodeBlackBox1TestCase} ... {@code 6TestCase}, as listed in
 * {@code shared/data/zxing-blackbox/README.md}) and zxing-cpp's {@code test/blackbox/BlackboxTestRunner.cpp} at
 * commit 77dceca0 ("fast" = its default options, the numbers in {@code shared/data/zxing-cpp-qr/README.md};
 * "slow" = tryHarder, tryRotate and tryInvert).
 */
enum Thresholds {
  /** ZXing's blackbox QR sets; one threshold (the same with and without TRY_HARDER). */
  ZXING("zxing-blackbox"),
  /** zxing-cpp's QR sample sets. */
  ZXING_CPP("zxing-cpp-qr"),
  /** No known thresholds. */
  NONE("");

  private final String folderName;
  private final Map<String, int[]> fast = new HashMap<>();
  private final Map<String, int[]> slow = new HashMap<>();

  Thresholds(String folderName) {
    this.folderName = folderName;
  }

  static {
    put(ZXING, "qrcode-1", 17, 14, 17, 14);
    put(ZXING, "qrcode-2", 32, 30, 31, 31);
    put(ZXING, "qrcode-3", 38, 39, 36, 39);
    put(ZXING, "qrcode-4", 36, 35, 35, 35);
    put(ZXING, "qrcode-5", 19, 19, 19, 19);
    put(ZXING, "qrcode-6", 15, 14, 13, 14);
    put(ZXING_CPP, "qrcode-1", 8, 8, 8, 8);
    put(ZXING_CPP, "qrcode-2", 50, 51, 50, 50);
    ZXING_CPP.slow.put("qrcode-2", new int[] {53, 54, 53, 53});
    put(ZXING_CPP, "qrcode-3", 18, 18, 18, 18);
    put(ZXING_CPP, "qrcode-4", 15, 15, 15, 15);
    put(ZXING_CPP, "qrcode-5", 16, 16, 16, 16);
    put(ZXING_CPP, "qrcode-6", 15, 15, 15, 15);
    put(ZXING_CPP, "qrcode-7", 1, -1, -1, -1);
  }

  private static void put(Thresholds t, String set, int r0, int r90, int r180, int r270) {
    t.fast.put(set, new int[] {r0, r90, r180, r270});
  }

  /** The thresholds for a suite folder, by its name ({@code zxing-blackbox}, {@code zxing-cpp-qr}), else NONE. */
  static Thresholds forFolder(String name) {
    for (Thresholds t : values()) {
      if (!t.folderName.isEmpty() && t.folderName.equals(name)) {
        return t;
      }
    }
    return NONE;
  }

  /** The required count for a set at a rotation (0, 90, 180, 270), if the harness tests it. */
  OptionalInt fast(String set, int rotation) {
    return lookup(fast, set, rotation);
  }

  /** zxing-cpp's "slow" (try harder) count, where it differs from {@link #fast}. */
  OptionalInt slow(String set, int rotation) {
    OptionalInt s = lookup(slow, set, rotation);
    return s.isPresent() ? s : fast(set, rotation);
  }

  private static OptionalInt lookup(Map<String, int[]> m, String set, int rotation) {
    int[] v = m.get(set);
    int r = ((rotation % 360) + 360) % 360;
    if (v == null || r % 90 != 0 || v[r / 90] < 0) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(v[r / 90]);
  }
}
