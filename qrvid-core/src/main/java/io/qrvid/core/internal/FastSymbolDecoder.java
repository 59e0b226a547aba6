package io.qrvid.core.internal;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.decoder.Version;
import io.qrvid.core.ErrorCorrection;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Table-driven decoding of a byte-mode QR symbol whose version and error-correction level are known (the symbols of
 * a qrvid video, whose index records them), from hard module decisions: the read path's fast case, about ten times
 * faster than ZXing's {@code Decoder} on a version-40 symbol (measured in {@code FastSymbolDecoderTest}'s timing
 * note and by {@code qrvid bench video}), with the same result whenever it returns one.
 *
 * <p>Steps (ISO/IEC 18004:2015 section numbers): format information (7.9.1) read from both copies and matched to the
 * nearest of the 32 valid codes within a Hamming distance of 3, as ZXing does; data modules read in placement order
 * (7.7.3) from a per-version table of module positions (the data modules of
 * {@link FastSymbolEncoder}), unmasked (7.8.2) with a per-version, per-mask table; codewords
 * de-interleaved into blocks (7.6, block structure from ZXing's {@link Version}); each block's syndromes computed
 * with one multiplication table per generator root, and, only when one is non-zero, corrected by
 * {@link ReedSolomonDecoder} (errors only: up to half the block's error-correction codewords, ZXing's acceptance
 * rule); the bit stream parsed (7.4) when it holds byte-mode segments (7.4.5) only.
 *
 * <p>Anything else (a level other than the expected one, numeric, alphanumeric, Kanji, ECI, FNC1 or structured
 * append segments, an uncorrectable block, a truncated segment) returns empty, and the caller falls back to ZXing's
 * decoder, which handles every case (and mirrored symbols). Why qrvid has its own: ZXing's decoder reads the module
 * matrix bit by bit through {@code BitMatrix} calls, unmasks by flipping the matrix, evaluates syndromes with
 * generic polynomial arithmetic and guesses a character set for the text of every byte segment; on the read path of
 * a video all of this is per frame, and it was 1.05 of the 1.6 ms of CPU per frame of a whole read
 * ({@code docs/ranges.md}).
 *
 * <p>Stateless apart from lazily built, immutable tables; thread-safe.
 */
public final class FastSymbolDecoder {
  private static final int[] FORMAT_CODES = new int[32];
  private static final int[][] FORMAT_COPY_1 = new int[15][];
  /** {@code ROOT_MUL[i << 8 | x] = x * 2^i} in GF(256): syndrome i by Horner's rule is one lookup per codeword. */
  private static final byte[] ROOT_MUL = new byte[68 << 8];
  private static final Map<Integer, Placement> PLACEMENTS = new ConcurrentHashMap<>();
  private static final Map<Integer, Blocks> BLOCKS = new ConcurrentHashMap<>();

  static {
    for (int data = 0; data < 32; data++) {
      FORMAT_CODES[data] = (data << 10 | bchRemainder(data << 10, 0x537, 10)) ^ 0x5412;
    }
    int k = 0;
    for (int x = 0; x <= 5; x++) {
      FORMAT_COPY_1[k++] = new int[] {x, 8};
    }
    FORMAT_COPY_1[k++] = new int[] {7, 8};
    FORMAT_COPY_1[k++] = new int[] {8, 8};
    FORMAT_COPY_1[k++] = new int[] {8, 7};
    for (int y = 5; y >= 0; y--) {
      FORMAT_COPY_1[k++] = new int[] {8, y};
    }
    // Through a local: each read of a static field of a class under initialisation takes the interpreter's slow
    // path (see Gf256#fill); 17,408 of them cost a cold decode a few ms.
    byte[] rootMul = ROOT_MUL;
    for (int i = 0; i < 68; i++) {
      int root = Gf256.exp(i);
      for (int x = 0; x < 256; x++) {
        rootMul[i << 8 | x] = (byte) Gf256.mul(x, root);
      }
    }
  }

  private FastSymbolDecoder() {}

  /**
   * Decodes a symbol from the mean grey level of each module.
   *
   * @param means {@code n * n} module means, row-major, {@code n = 17 + 4 * version}, the top-left finder pattern at
   *     (0, 0); a mean below {@code threshold} is a dark module
   * @param version the symbol's version, 1..40
   * @param level the symbol's error-correction level; a symbol whose format information says otherwise is not
   *     decoded here
   * @return the concatenated byte-mode segments, or empty if the symbol is not a clean byte-mode symbol of this
   *     version and level (decode it with ZXing then)
   * @throws IllegalArgumentException if {@code means} does not hold {@code n * n} values or the version is not 1..40
   */
  public static Optional<byte[]> decode(int[] means, int threshold, int version, ErrorCorrection level) {
    if (version < 1 || version > 40) {
      throw new IllegalArgumentException("version not in 1..40: " + version);
    }
    int n = 17 + 4 * version;
    if (means.length != n * n) {
      throw new IllegalArgumentException("means.length " + means.length + " != " + n + "^2");
    }
    int format = readFormat(means, n, threshold);
    if (format < 0 || (format >> 3) != levelBits(level)) {
      return Optional.empty();
    }
    int mask = format & 7;
    Placement placement = PLACEMENTS.computeIfAbsent(version, Placement::new);
    Blocks blocks = BLOCKS.computeIfAbsent(version << 2 | level.ordinal(), key -> new Blocks(version, level));
    int[] positions = placement.positions;
    byte[] maskBits = placement.mask(mask);
    int total = blocks.totalCodewords;
    int[] flat = new int[total];
    int[] target = blocks.target;
    for (int c = 0, bit = 0; c < total; c++) {
      int v = 0;
      for (int b = 0; b < 8; b++, bit++) {
        int dark = means[positions[bit]] < threshold ? 1 : 0;
        v = v << 1 | (dark ^ maskBits[bit]);
      }
      flat[target[c]] = v;
    }
    int ec = blocks.ecPerBlock;
    byte[] data = new byte[blocks.dataCodewords];
    int out = 0;
    for (int b = 0; b < blocks.count; b++) {
      int start = blocks.start[b];
      int len = blocks.start[b + 1] - start;
      if (!clean(flat, start, len, ec)) {
        int[] block = new int[len];
        System.arraycopy(flat, start, block, 0, len);
        if (ReedSolomonDecoder.decode(block, ec, new int[0]) < 0) {
          return Optional.empty();
        }
        System.arraycopy(block, 0, flat, start, len);
      }
      for (int i = 0; i < len - ec; i++) {
        data[out++] = (byte) flat[start + i];
      }
    }
    return parseByteSegments(data, version);
  }

  /**
   * True when every syndrome of the block {@code flat[start .. start+len)} is zero. The syndromes advance together,
   * one codeword at a time, so that their table lookups are independent (about three times faster than one syndrome
   * after the other, whose lookups each wait for the previous one).
   */
  private static boolean clean(int[] flat, int start, int len, int ec) {
    int[] s = new int[ec];
    for (int k = start, end = start + len; k < end; k++) {
      int c = flat[k];
      for (int i = 0; i < ec; i++) {
        s[i] = (ROOT_MUL[i << 8 | s[i]] & 0xFF) ^ c;
      }
    }
    int any = 0;
    for (int v : s) {
      any |= v;
    }
    return any == 0;
  }

  /** The byte-mode segments of the bit stream, or empty for any other segment or a truncated one. */
  private static Optional<byte[]> parseByteSegments(byte[] data, int version) {
    int available = data.length * 8;
    int pos = 0;
    int countBits = version <= 9 ? 8 : 16;
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
    while (available - pos >= 4) {
      int mode = bits(data, pos, 4);
      pos += 4;
      if (mode == 0) {
        break; // terminator
      }
      if (mode != 4 || available - pos < countBits) {
        return Optional.empty();
      }
      int count = bits(data, pos, countBits);
      pos += countBits;
      if ((long) count * 8 > available - pos) {
        return Optional.empty();
      }
      if ((pos & 7) == 0) {
        out.write(data, pos >> 3, count);
        pos += count * 8;
      } else {
        for (int i = 0; i < count; i++, pos += 8) {
          out.write(bits(data, pos, 8));
        }
      }
    }
    return Optional.of(out.toByteArray());
  }

  /** {@code n <= 16} bits of {@code data} from bit {@code pos}, most significant first. */
  private static int bits(byte[] data, int pos, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
      int p = pos + i;
      v = v << 1 | (data[p >> 3] >> (7 - (p & 7))) & 1;
    }
    return v;
  }

  /** The 5 data bits of the format information (level bits, then mask), or -1 if neither copy is near a code. */
  private static int readFormat(int[] means, int n, int threshold) {
    int copy1 = 0;
    for (int[] xy : FORMAT_COPY_1) {
      copy1 = copy1 << 1 | (means[xy[1] * n + xy[0]] < threshold ? 1 : 0);
    }
    int copy2 = 0;
    for (int y = n - 1; y >= n - 7; y--) {
      copy2 = copy2 << 1 | (means[y * n + 8] < threshold ? 1 : 0);
    }
    for (int x = n - 8; x < n; x++) {
      copy2 = copy2 << 1 | (means[8 * n + x] < threshold ? 1 : 0);
    }
    int best = -1;
    int bestDistance = Integer.MAX_VALUE;
    for (int data = 0; data < 32; data++) {
      int d = Math.min(Integer.bitCount(copy1 ^ FORMAT_CODES[data]), Integer.bitCount(copy2 ^ FORMAT_CODES[data]));
      if (d < bestDistance) {
        bestDistance = d;
        best = data;
      }
    }
    return bestDistance <= 3 ? best : -1;
  }

  /** The two level bits of the format information (7.9.1, table 12). */
  private static int levelBits(ErrorCorrection level) {
    switch (level) {
      case L:
        return 1;
      case M:
        return 0;
      case Q:
        return 3;
      default:
        return 2;
    }
  }

  private static int bchRemainder(int value, int poly, int degree) {
    int v = value;
    for (int bit = 31 - Integer.numberOfLeadingZeros(v); bit >= degree; bit--) {
      if ((v >>> bit & 1) != 0) {
        v ^= poly << (bit - degree);
      }
    }
    return v;
  }

  /** The data module positions of a version in placement order, and their mask bits per mask pattern. */
  private static final class Placement {
    final int[] positions;
    private final int n;
    private final byte[][] masks = new byte[8][];

    Placement(int version) {
      n = 17 + 4 * version;
      boolean[] data = FastSymbolEncoder.dataModules(Version.getVersionForNumber(version), n);
      int[] p = new int[n * n];
      int k = 0;
      boolean up = true;
      for (int j = n - 1; j > 0; j -= 2) {
        if (j == 6) {
          j--; // the vertical timing pattern
        }
        for (int count = 0; count < n; count++) {
          int i = up ? n - 1 - count : count;
          for (int col = 0; col < 2; col++) {
            if (data[i * n + j - col]) {
              p[k++] = i * n + j - col;
            }
          }
        }
        up = !up;
      }
      positions = java.util.Arrays.copyOf(p, k);
    }

    synchronized byte[] mask(int pattern) {
      byte[] m = masks[pattern];
      if (m == null) {
        m = new byte[positions.length];
        for (int k = 0; k < positions.length; k++) {
          int i = positions[k] / n; // row
          int j = positions[k] % n; // column
          m[k] = (byte) (masked(pattern, i, j) ? 1 : 0);
        }
        masks[pattern] = m;
      }
      return m;
    }

    /** The mask condition of ISO/IEC 18004 table 10 for row {@code i}, column {@code j}. */
    private static boolean masked(int pattern, int i, int j) {
      switch (pattern) {
        case 0:
          return (i + j) % 2 == 0;
        case 1:
          return i % 2 == 0;
        case 2:
          return j % 3 == 0;
        case 3:
          return (i + j) % 3 == 0;
        case 4:
          return (i / 2 + j / 3) % 2 == 0;
        case 5:
          return (i * j) % 2 + (i * j) % 3 == 0;
        case 6:
          return ((i * j) % 2 + (i * j) % 3) % 2 == 0;
        default:
          return ((i + j) % 2 + (i * j) % 3) % 2 == 0;
      }
    }
  }

  /** The block structure of a version and level, and where each codeword in reading order goes. */
  private static final class Blocks {
    final int totalCodewords;
    final int dataCodewords;
    final int ecPerBlock;
    final int count;
    /** Start of each block in the de-interleaved array, plus the end. */
    final int[] start;
    /** {@code target[c]}: index in the de-interleaved array of the c-th codeword read. */
    final int[] target;

    Blocks(int version, ErrorCorrection level) {
      Version v = Version.getVersionForNumber(version);
      Version.ECBlocks ecb = v.getECBlocksForLevel(ErrorCorrectionLevel.valueOf(level.name()));
      totalCodewords = v.getTotalCodewords();
      ecPerBlock = ecb.getECCodewordsPerBlock();
      int blocks = 0;
      for (Version.ECB b : ecb.getECBlocks()) {
        blocks += b.getCount();
      }
      count = blocks;
      int[] dataPer = new int[count];
      int k = 0;
      for (Version.ECB b : ecb.getECBlocks()) {
        for (int i = 0; i < b.getCount(); i++) {
          dataPer[k++] = b.getDataCodewords();
        }
      }
      start = new int[count + 1];
      int data = 0;
      for (int b = 0; b < count; b++) {
        start[b + 1] = start[b] + dataPer[b] + ecPerBlock;
        data += dataPer[b];
      }
      dataCodewords = data;
      // Interleaving (7.6): data codewords column by column over the blocks (shorter blocks come first and have one
      // data codeword fewer), then error-correction codewords column by column.
      target = new int[totalCodewords];
      int c = 0;
      int maxData = dataPer[count - 1];
      for (int i = 0; i < maxData; i++) {
        for (int b = 0; b < count; b++) {
          if (i < dataPer[b]) {
            target[c++] = start[b] + i;
          }
        }
      }
      for (int i = 0; i < ecPerBlock; i++) {
        for (int b = 0; b < count; b++) {
          target[c++] = start[b] + dataPer[b] + i;
        }
      }
      if (c != totalCodewords) {
        throw new IllegalStateException("block tables of version " + version + " do not add up");
      }
    }
  }
}
