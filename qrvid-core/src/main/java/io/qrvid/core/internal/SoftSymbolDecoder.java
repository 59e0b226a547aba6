package io.qrvid.core.internal;

import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.DecoderResult;
import com.google.zxing.qrcode.decoder.Decoder;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.decoder.Version;
import io.qrvid.core.ErrorCorrection;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Soft-decision decoding of a sampled QR symbol: module darkness estimates in, content out, with errors-and-erasures
 * Reed-Solomon correction.
 *
 * <p>Input: for a symbol of version {@code v}, an {@code n x n} array ({@code n = 17 + 4v}, row-major, top-left
 * finder pattern at module (0, 0), top-right at (n-1, 0)) of darkness estimates in {@code [0, 1]}: 1 for a surely
 * dark module, 0 for a surely light one, 0.5 for a module the sampler could not tell. Values outside [0, 1] are
 * clamped; NaN counts as 0.5.
 *
 * <p>Steps (ISO/IEC 18004:2015 section numbers):
 * <ol>
 *   <li>Format information (7.9): the 32 valid BCH(15,5) codes are scored against both copies by soft distance
 *       (the sum of |expected bit - darkness| over the 30 modules); candidates within a hard Hamming distance of 3
 *       in at least one copy (the limit ZXing uses) are tried in order of score, at most {@value #FORMAT_CANDIDATES}.
 *   <li>Data modules in placement order (7.7.3), unmasked (7.8.2); each codeword gets a reliability, the smallest
 *       |darkness - 0.5| * 2 of its eight modules.
 *   <li>Codewords de-interleaved into blocks (7.6, table 9 via ZXing's {@link Version}).
 *   <li>Each block: errors-only decoding first, accepted like ZXing's decoder accepts it
 *       ({@code e <= ecCount / 2}); if that fails, generalised minimum distance decoding (G. D. Forney, "Generalized
 *       minimum distance decoding", IEEE Trans. Inf. Theory 12(2), 1966): the {@code s} least reliable codewords
 *       are erased, for {@code s = 2, 4, ...} up to the number of candidates, and a correction is accepted only if
 *       {@code 2e + s <= ecCount - margin} ({@link #margin(int)}) and the chance that a random word is so
 *       "corrected" into some codeword is at most 10^{@value #MAX_FALSE_DECODE_LOG10} ({@link #accepts}).
 *       Only codewords less reliable than {@value #ERASURE_RELIABILITY} are erasure candidates. A correction
 *       that ends in the all-zero word (no encoder writes it, and textures that match the mask pattern are
 *       nearest to it) is refused.
 *   <li>The corrected codewords are written back into a clean module matrix with exact format and version
 *       information and handed to ZXing's {@link Decoder}, which parses the bit stream (modes, ECI, structured
 *       append); ZXing then finds no error left.
 * </ol>
 * If the symbol does not decode, the transposed (mirrored) symbol is tried the same way.
 *
 * <p>Why this exists: open decoders threshold every module and correct errors only, so an uncertain module costs a
 * full error; here it costs half. See the decode issue and the misread sweep in {@code SoftSymbolDecoderTest}.
 *
 * <p>Stateless; thread-safe.
 */
public final class SoftSymbolDecoder {
  /** The most format-information candidates tried. */
  static final int FORMAT_CANDIDATES = 3;
  /** Codewords at least this reliable (darkness within 0.5 +- 0.35 of certain) are never erased. */
  static final double ERASURE_RELIABILITY = 0.7;

  private static final int[] FORMAT_CODES = new int[32];
  private static final int[][] FORMAT_POSITIONS_1 = {
      {0, 8}, {1, 8}, {2, 8}, {3, 8}, {4, 8}, {5, 8}, {7, 8}, {8, 8}, {8, 7}, {8, 5}, {8, 4}, {8, 3}, {8, 2},
      {8, 1}, {8, 0}};
  private static final ErrorCorrectionLevel[] LEVEL_BY_BITS = {
      ErrorCorrectionLevel.M, ErrorCorrectionLevel.L, ErrorCorrectionLevel.H, ErrorCorrectionLevel.Q};
  private static final Map<Integer, Layout> LAYOUTS = new ConcurrentHashMap<>();
  private static final int[] NO_ERASURES = {};

  static {
    for (int data = 0; data < 32; data++) {
      FORMAT_CODES[data] = (data << 10 | bchRemainder(data << 10, 0x537, 10)) ^ 0x5412;
    }
  }

  private SoftSymbolDecoder() {}

  /** What a symbol decoded to, and what it cost. */
  public static final class Result {
    private final byte[] bytes;
    private final String text;
    private final int version;
    private final ErrorCorrection errorCorrection;
    private final int mask;
    private final int errors;
    private final int erasures;
    private final boolean mirrored;

    Result(byte[] bytes, String text, int version, ErrorCorrection errorCorrection, int mask, int errors,
        int erasures, boolean mirrored) {
      this.bytes = bytes;
      this.text = text;
      this.version = version;
      this.errorCorrection = errorCorrection;
      this.mask = mask;
      this.errors = errors;
      this.erasures = erasures;
      this.mirrored = mirrored;
    }

    /** The byte-mode segments' bytes concatenated; for a symbol with no byte segment, its text in ISO-8859-1. */
    public byte[] bytes() {
      return bytes.clone();
    }

    /** The decoded text as ZXing renders it (character set from ECI or guessed for byte segments). */
    public String text() {
      return text;
    }

    /** The symbol's version, 1..40. */
    public int version() {
      return version;
    }

    /** The error-correction level read from the format information. */
    public ErrorCorrection errorCorrection() {
      return errorCorrection;
    }

    /** The mask pattern, 0..7. */
    public int mask() {
      return mask;
    }

    /** Codewords corrected at positions that were not erased, over all blocks. */
    public int errorsCorrected() {
      return errors;
    }

    /** Codewords erased (value unknown, rebuilt) over all blocks. */
    public int erasuresUsed() {
      return erasures;
    }

    /** True if the symbol was read mirrored (transposed). */
    public boolean mirrored() {
      return mirrored;
    }
  }

  /**
   * Decodes a symbol from module darkness estimates.
   *
   * @param darkness {@code size * size} estimates, row-major, see the class description; not modified
   * @param size modules per side, {@code 17 + 4 * version} for a version in 1..40
   * @return the content, or empty if neither the symbol nor its mirror image decodes
   * @throws IllegalArgumentException if {@code size} is not a QR symbol size or the array has another length
   */
  public static Optional<Result> decode(float[] darkness, int size) {
    int version = checkedVersion(darkness, size);
    float[] d = sanitise(darkness);
    Optional<Result> r = decodeOriented(d, size, version, false);
    if (r.isPresent()) {
      return r;
    }
    return decodeOriented(transpose(d, size), size, version, true);
  }

  /**
   * The smallest Hamming distance between one of the two format-information copies (ISO/IEC 18004:2015, 7.9) and a
   * valid format code, over the symbol and its mirror image, with the hard decisions {@link #decode} makes (dark
   * above 0.5; NaN light). {@link #decode} tries only format codes within 3 of a copy, so it reads nothing when this
   * is above 3; a sampled grid whose value is far above 0 lies off the symbol's modules or is not a symbol.
   *
   * @param darkness {@code size * size} estimates, as for {@link #decode}; not modified
   * @param size modules per side, {@code 17 + 4 * version} for a version in 1..40
   * @return 0 to 15 (a valid code is at most 15 bits from any word)
   * @throws IllegalArgumentException if {@code size} is not a QR symbol size or the array has another length
   */
  public static int formatDistance(float[] darkness, int size) {
    checkedVersion(darkness, size);
    int best = 15;
    for (int[] copy : formatPositions(size)) {
      int plain = hardWord(darkness, copy, size, false);
      int mirrored = hardWord(darkness, copy, size, true);
      for (int code : FORMAT_CODES) {
        best = Math.min(best, Math.min(Integer.bitCount(plain ^ code), Integer.bitCount(mirrored ^ code)));
      }
    }
    return best;
  }

  /**
   * How far the two format-information copies (ISO/IEC 18004:2015, 7.9) are from agreeing on one valid format
   * code: the smallest, over the 32 valid codes and over the symbol and its mirror image, of the sum of both copies'
   * Hamming distances to that one code, with the hard decisions {@link #decode} makes (dark above 0.5; NaN light).
   * At least {@link #formatDistance} (each copy is at least that far from every code); 0 on an intact symbol. A
   * grid off a symbol's modules reads two words unrelated to each other: one may lie near some code (a random
   * word is within 2 bits of one 12 % of the time), but their distances to any one code add up, while a grid nearly
   * on a symbol has both copies near the symbol's own code.
   *
   * @param darkness {@code size * size} estimates, as for {@link #decode}; not modified
   * @param size modules per side, {@code 17 + 4 * version} for a version in 1..40
   * @return 0 to 30
   * @throws IllegalArgumentException if {@code size} is not a QR symbol size or the array has another length
   */
  public static int formatAgreement(float[] darkness, int size) {
    checkedVersion(darkness, size);
    int[][] copies = formatPositions(size);
    int best = 30;
    for (boolean mirrored : new boolean[] {false, true}) {
      int first = hardWord(darkness, copies[0], size, mirrored);
      int second = hardWord(darkness, copies[1], size, mirrored);
      for (int code : FORMAT_CODES) {
        best = Math.min(best, Integer.bitCount(first ^ code) + Integer.bitCount(second ^ code));
      }
    }
    return best;
  }

  /**
   * How far a symbol that {@link #decode} does not read is from reading, block by block: for each format candidate
   * {@link #decode} tries (within a hard distance of 3 of a copy, at most {@value #FORMAT_CANDIDATES}, in its
   * order), on the symbol and then its mirror image, every Reed-Solomon block is corrected as {@link #decode}
   * corrects it (errors only, then erasures within the margin), without stopping at the first block that fails;
   * the answer is the candidate with the smallest share of blocks that fail (the first such in {@link #decode}'s
   * order; a share, since candidates of other levels have other numbers of blocks).
   * {@link #decode} stops at the first failed block and so cannot tell one block one error beyond its capacity from
   * every block hopeless; this tells them apart.
   *
   * @param darkness {@code size * size} estimates, as for {@link #decode}; not modified
   * @param size modules per side, {@code 17 + 4 * version} for a version in 1..40
   * @return {@code {failed, blocks}}: that candidate's blocks that fail and its number of blocks (1..81);
   *     {@code {0, blocks}} when every block corrects (the symbol may still not decode: the all-zero word or ZXing's
   *     bit-stream parsing); {@code {-1, 0}} when no format code is within 3 of a copy (then {@link #decode} reads
   *     nothing)
   * @throws IllegalArgumentException if {@code size} is not a QR symbol size or the array has another length
   */
  public static int[] blockFailures(float[] darkness, int size) {
    int version = checkedVersion(darkness, size);
    float[] d = sanitise(darkness);
    Layout layout = LAYOUTS.computeIfAbsent(version, Layout::new);
    int[] best = {-1, 0};
    for (boolean mirrored : new boolean[] {false, true}) {
      float[] o = mirrored ? transpose(d, size) : d;
      for (int format : formatCandidates(o, size)) {
        ErrorCorrectionLevel level = LEVEL_BY_BITS[format >>> 3];
        Version v = Version.getVersionForNumber(version);
        Version.ECBlocks ecBlocks = v.getECBlocksForLevel(level);
        int total = v.getTotalCodewords();
        int[] raw = new int[total];
        double[] reliability = new double[total];
        codewords(o, size, layout, format & 7, total, raw, reliability);
        BlockMap map = BlockMap.of(ecBlocks, total);
        int ecCount = ecBlocks.getECCodewordsPerBlock();
        int failed = 0;
        for (int b = 0; b < map.blocks; b++) {
          if (correctBlockOf(raw, reliability, map.rawIndexOfBlock[b], ecCount) == null) {
            failed++;
          }
        }
        if (best[0] < 0 || failed * best[1] < best[0] * map.blocks) {
          best = new int[] {failed, map.blocks};
        }
      }
    }
    return best;
  }

  /**
   * Whether {@link #blockFailures} returns {@code {b, b}} with {@code b >= minBlocks}: some format code is within 3
   * of a copy, no candidate {@link #decode} tries (on the symbol and on its mirror image) corrects any of its
   * Reed-Solomon blocks, and the first of them, the one {@link #blockFailures} reports, has {@code minBlocks} blocks
   * or more. The same answer for less work: it stops when the first candidate has fewer blocks and at the first
   * block that corrects, so it costs little unless the answer is true. When true, {@link #decode} reads nothing.
   *
   * @param darkness {@code size * size} estimates, as for {@link #decode}; not modified
   * @param size modules per side, {@code 17 + 4 * version} for a version in 1..40
   * @param minBlocks the fewest blocks, 1 or more
   * @throws IllegalArgumentException if {@code size} is not a QR symbol size, the array has another length, or
   *     {@code minBlocks < 1}
   */
  public static boolean everyBlockFails(float[] darkness, int size, int minBlocks) {
    int version = checkedVersion(darkness, size);
    if (minBlocks < 1) {
      throw new IllegalArgumentException("minBlocks < 1: " + minBlocks);
    }
    float[] d = sanitise(darkness);
    Layout layout = LAYOUTS.computeIfAbsent(version, Layout::new);
    Version v = Version.getVersionForNumber(version);
    int total = v.getTotalCodewords();
    boolean first = true;
    for (boolean mirrored : new boolean[] {false, true}) {
      float[] o = mirrored ? transpose(d, size) : d;
      for (int format : formatCandidates(o, size)) {
        Version.ECBlocks ecBlocks = v.getECBlocksForLevel(LEVEL_BY_BITS[format >>> 3]);
        BlockMap map = BlockMap.of(ecBlocks, total);
        if (first && map.blocks < minBlocks) {
          return false;
        }
        first = false;
        int[] raw = new int[total];
        double[] reliability = new double[total];
        codewords(o, size, layout, format & 7, total, raw, reliability);
        int ecCount = ecBlocks.getECCodewordsPerBlock();
        for (int b = 0; b < map.blocks; b++) {
          if (correctBlockOf(raw, reliability, map.rawIndexOfBlock[b], ecCount) != null) {
            return false;
          }
        }
      }
    }
    return !first;
  }

  /**
   * The hard decisions (dark above 0.5; NaN light) at one format-information copy's 15 positions, packed most
   * significant bit first like {@link #FORMAT_CODES}; {@code mirrored}: read where the mirror image (the transposed
   * symbol) holds them.
   */
  private static int hardWord(float[] d, int[] positions, int size, boolean mirrored) {
    int word = 0;
    for (int pos : positions) {
      int at = mirrored ? (pos % size) * size + pos / size : pos;
      word = word << 1 | (d[at] > 0.5f ? 1 : 0);
    }
    return word;
  }

  /**
   * Reads the version from the two version-information blocks (section 7.10, versions 7-40) by soft distance to the
   * 34 valid BCH(18,6) codes; accepted if the best code is within a hard Hamming distance of 3 of either block.
   *
   * @param darkness {@code size * size} estimates, as for {@link #decode}
   * @param size modules per side of the sampled grid (the version information is read at its standard positions
   *     relative to this size)
   * @return the version, or empty if the blocks match no code closely enough (also for {@code size < 45})
   */
  public static OptionalInt readVersion(float[] darkness, int size) {
    if (size < 45 || darkness.length != size * size) {
      return OptionalInt.empty();
    }
    float[] d = sanitise(darkness);
    int[][] blocks = versionPositions(size);
    int best = -1;
    double bestScore = Double.MAX_VALUE;
    for (int v = 7; v <= 40; v++) {
      int code = v << 12 | bchRemainder(v << 12, 0x1F25, 12);
      double score = 0;
      int hard1 = 0;
      int hard2 = 0;
      for (int k = 0; k < 18; k++) {
        int bit = (code >>> (17 - k)) & 1;
        float a = d[blocks[0][k]];
        float b = d[blocks[1][k]];
        score += Math.abs(bit - a) + Math.abs(bit - b);
        hard1 += (a > 0.5f ? 1 : 0) != bit ? 1 : 0;
        hard2 += (b > 0.5f ? 1 : 0) != bit ? 1 : 0;
      }
      if (Math.min(hard1, hard2) <= 3 && score < bestScore) {
        bestScore = score;
        best = v;
      }
    }
    return best < 0 ? OptionalInt.empty() : OptionalInt.of(best);
  }

  /**
   * The margin kept below a block's error-correction capacity when erasures are used: 3 codewords, or 4 for blocks
   * with fewer than 16 error-correction codewords, where the chance of a wrong correction is largest (for a block
   * decoded to within {@code t} errors of a random word it is about {@code C(n, t) 255^t / 256^ecCount}).
   */
  static int margin(int ecCount) {
    return ecCount < 16 ? 4 : 3;
  }

  /**
   * log10 of the largest chance accepted, per block and attempt, that a random word is "corrected" into a codeword
   * with erasures. A photo may cost some 10^5 attempts (groups of finder patterns, preprocessing strategies, format
   * candidates, {@code s = 2, 4, ...}), a benchmark run 10^8; with a margin of 3 codewords alone (chance 256^-3 for a
   * block with 3 unverified check codewords) the chain misread a damaged synthetic photo (V2-H read from texture, an
   * empty text).
   */
  static final double MAX_FALSE_DECODE_LOG10 = -14;

  /**
   * Whether a block of {@code n} codewords, {@code ecCount} of them for error correction, decoded with {@code e}
   * errors and {@code s} erasures is accepted: {@code 2e + s <= ecCount - margin(ecCount)} and the chance that a
   * random word is within {@code e} errors of a codeword on its {@code n - s} unerased positions,
   * {@code V(n - s, e) / 256^(ecCount - s)} with {@code V(m, e) = sum over i <= e of C(m, i) 255^i} (the punctured
   * code is MDS: Reed-Solomon codes stay MDS when punctured), is at most 10^{@value #MAX_FALSE_DECODE_LOG10}.
   */
  static boolean accepts(int n, int ecCount, int e, int s) {
    if (2 * e + s > ecCount - margin(ecCount)) {
      return false;
    }
    int m = n - s;
    double sum = 0;
    double term = 1; // C(m, i) 255^i
    for (int i = 0; i <= e; i++) {
      sum += term;
      term = term * (m - i) / (i + 1) * 255;
    }
    return Math.log10(sum) - (ecCount - s) * Math.log10(256) <= MAX_FALSE_DECODE_LOG10;
  }

  /** Data-module indices ({@code y * size + x}) of a version in placement order; the first 8 are codeword 0's. */
  static int[] placementOrder(int version) {
    return LAYOUTS.computeIfAbsent(version, Layout::new).order.clone();
  }

  /** For each block of a version and level, the indices of its codewords in the interleaved sequence. */
  static int[][] blockLayout(int version, ErrorCorrectionLevel level) {
    Version v = Version.getVersionForNumber(version);
    int[][] map = BlockMap.of(v.getECBlocksForLevel(level), v.getTotalCodewords()).rawIndexOfBlock;
    int[][] copy = new int[map.length][];
    for (int i = 0; i < map.length; i++) {
      copy[i] = map[i].clone();
    }
    return copy;
  }

  private static Optional<Result> decodeOriented(float[] d, int size, int version, boolean mirrored) {
    Layout layout = LAYOUTS.computeIfAbsent(version, Layout::new);
    for (int format : formatCandidates(d, size)) {
      ErrorCorrectionLevel level = LEVEL_BY_BITS[format >>> 3];
      int mask = format & 7;
      Optional<Result> r = decodeWithFormat(d, size, version, layout, level, mask, mirrored);
      if (r.isPresent()) {
        return r;
      }
    }
    return Optional.empty();
  }

  private static Optional<Result> decodeWithFormat(float[] d, int size, int version, Layout layout,
      ErrorCorrectionLevel level, int mask, boolean mirrored) {
    Version v = Version.getVersionForNumber(version);
    Version.ECBlocks ecBlocks = v.getECBlocksForLevel(level);
    int total = v.getTotalCodewords();
    int[] raw = new int[total];
    double[] reliability = new double[total];
    codewords(d, size, layout, mask, total, raw, reliability);
    BlockMap map = BlockMap.of(ecBlocks, total);
    int ecCount = ecBlocks.getECCodewordsPerBlock();
    int errors = 0;
    int erased = 0;
    int[] corrected = new int[total];
    for (int b = 0; b < map.blocks; b++) {
      int[] rawIndex = map.rawIndexOfBlock[b];
      int[] block = new int[rawIndex.length];
      int[] outcome = correctBlockOf(raw, reliability, rawIndex, ecCount, block);
      if (outcome == null) {
        return Optional.empty();
      }
      errors += outcome[0];
      erased += outcome[1];
      for (int i = 0; i < block.length; i++) {
        corrected[rawIndex[i]] = block[i];
      }
    }
    if (errors + erased > 0 && isZero(corrected)) {
      // The all-zero word is a codeword of every block, and the nearest one to a striped or flat texture that
      // matches the mask pattern (a V2-H "symbol" read from a damaged photo's background, 5 errors and 14
      // erasures). No encoder writes it: a symbol's data ends with a terminator and the pad codewords 0xEC 0x11
      // (ISO/IEC 18004:2015 section 7.4.10).
      return Optional.empty();
    }
    BitMatrix clean = cleanMatrix(d, size, version, layout, corrected, total, level, mask);
    DecoderResult result;
    try {
      result = new Decoder().decode(clean);
    } catch (FormatException | ChecksumException e) {
      return Optional.empty();
    }
    return Optional.of(new Result(bytesOf(result), result.getText(), version,
        ErrorCorrection.valueOf(level.name()), mask, errors, erased, mirrored));
  }

  /**
   * The interleaved codewords of a symbol with the given mask, unmasked and in placement order, into {@code raw}
   * (hard decisions, dark above 0.5) and {@code reliability} (each codeword's smallest |darkness - 0.5| * 2).
   */
  private static void codewords(float[] d, int size, Layout layout, int mask, int total, int[] raw,
      double[] reliability) {
    Arrays.fill(reliability, 1.0);
    for (int k = 0; k < total * 8; k++) {
      int pos = layout.order[k];
      float value = d[pos];
      if (FastSymbolEncoder.maskBit(mask, pos % size, pos / size)) {
        value = 1f - value;
      }
      int c = k >>> 3;
      raw[c] = raw[c] << 1 | (value > 0.5f ? 1 : 0);
      reliability[c] = Math.min(reliability[c], Math.abs(value - 0.5) * 2);
    }
  }

  private static boolean isZero(int[] codewords) {
    for (int c : codewords) {
      if (c != 0) {
        return false;
      }
    }
    return true;
  }

  /** {@link #correctBlockOf(int[], double[], int[], int, int[])} into a scratch block: whether it corrects. */
  private static int @Nullable [] correctBlockOf(int[] raw, double[] reliability, int[] rawIndex, int ecCount) {
    return correctBlockOf(raw, reliability, rawIndex, ecCount, new int[rawIndex.length]);
  }

  /**
   * Gathers the block whose codewords sit at {@code rawIndex} in the symbol's raw codewords, with their
   * reliabilities, into {@code block} ({@code rawIndex.length} entries) and corrects it there ({@link
   * #correctBlock}): {errors, erasures}, or null when it cannot be corrected.
   */
  private static int @Nullable [] correctBlockOf(int[] raw, double[] reliability, int[] rawIndex, int ecCount,
      int[] block) {
    double[] rel = new double[rawIndex.length];
    for (int i = 0; i < rawIndex.length; i++) {
      block[i] = raw[rawIndex[i]];
      rel[i] = reliability[rawIndex[i]];
    }
    return correctBlock(block, rel, ecCount);
  }

  /**
   * Corrects one block in place; {errors, erasures} or null. The block's syndromes are computed once and shared by
   * the errors-only attempt and every erasure trial (they do not depend on the erasures; a block whose syndromes
   * are all zero is a codeword, and the errors-only attempt returns it at once). The erasure candidates are
   * ordered by a stable insertion sort of the codewords less reliable than {@value #ERASURE_RELIABILITY} (ties in
   * index order, the order the boxed stable sort of every codeword gave before issue 9's eleventh pass). The
   * decisions are those of the straightforward form kept in {@code SoftSymbolDecoderTest}, which checks that both
   * agree on random blocks.
   */
  static int @Nullable [] correctBlock(int[] block, double[] rel, int ecCount) {
    int[] syndromes = ReedSolomonDecoder.syndromes(block, ecCount);
    int[] attempt = block.clone();
    int e = ReedSolomonDecoder.decode(attempt, ecCount, NO_ERASURES, syndromes);
    if (e >= 0 && e <= ecCount / 2) {
      System.arraycopy(attempt, 0, block, 0, block.length);
      return new int[] {e, 0};
    }
    int maxErasures = ecCount - margin(ecCount);
    if (maxErasures <= 0) {
      return null;
    }
    int[] byReliability = new int[block.length];
    int candidates = 0;
    for (int i = 0; i < block.length; i++) {
      double r = rel[i];
      if (r < ERASURE_RELIABILITY) {
        int k = candidates++;
        while (k > 0 && rel[byReliability[k - 1]] > r) {
          byReliability[k] = byReliability[k - 1];
          k--;
        }
        byReliability[k] = i;
      }
    }
    maxErasures = Math.min(candidates, maxErasures);
    for (int s = Math.min(2, maxErasures); s > 0; s = s == maxErasures ? 0 : Math.min(s + 2, maxErasures)) {
      int[] erasures = Arrays.copyOf(byReliability, s);
      System.arraycopy(block, 0, attempt, 0, block.length);
      e = ReedSolomonDecoder.decode(attempt, ecCount, erasures, syndromes);
      if (e >= 0 && accepts(block.length, ecCount, e, s)) {
        System.arraycopy(attempt, 0, block, 0, block.length);
        return new int[] {e, s};
      }
    }
    return null;
  }

  /** The matrix ZXing's decoder reads: hard decisions, corrected data, exact format and version information. */
  private static BitMatrix cleanMatrix(float[] d, int size, int version, Layout layout, int[] codewords, int total,
      ErrorCorrectionLevel level, int mask) {
    boolean[] m = new boolean[size * size];
    for (int i = 0; i < m.length; i++) {
      m[i] = d[i] > 0.5f;
    }
    for (int k = 0; k < layout.order.length; k++) {
      int pos = layout.order[k];
      boolean bit = k < total * 8 && ((codewords[k >>> 3] >>> (7 - (k & 7))) & 1) != 0;
      m[pos] = bit ^ FastSymbolEncoder.maskBit(mask, pos % size, pos / size);
    }
    int levelBits = level == ErrorCorrectionLevel.L ? 1 : level == ErrorCorrectionLevel.M ? 0
        : level == ErrorCorrectionLevel.Q ? 3 : 2;
    int format = FORMAT_CODES[levelBits << 3 | mask];
    int[][] copies = formatPositions(size);
    for (int[] copy : copies) {
      for (int k = 0; k < 15; k++) {
        m[copy[k]] = ((format >>> (14 - k)) & 1) != 0;
      }
    }
    if (version >= 7) {
      int code = version << 12 | bchRemainder(version << 12, 0x1F25, 12);
      for (int[] block : versionPositions(size)) {
        for (int k = 0; k < 18; k++) {
          m[block[k]] = ((code >>> (17 - k)) & 1) != 0;
        }
      }
    }
    BitMatrix bits = new BitMatrix(size);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        if (m[y * size + x]) {
          bits.set(x, y);
        }
      }
    }
    return bits;
  }

  /** Format candidates (5-bit data: level bits then mask) in order of soft distance, within hard distance 3. */
  private static List<Integer> formatCandidates(float[] d, int size) {
    int[][] copies = formatPositions(size);
    int word1 = hardWord(d, copies[0], size, false);
    int word2 = hardWord(d, copies[1], size, false);
    List<double[]> scored = new ArrayList<>();
    for (int data = 0; data < 32; data++) {
      int code = FORMAT_CODES[data];
      double score = 0;
      for (int k = 0; k < 15; k++) {
        int bit = (code >>> (14 - k)) & 1;
        score += Math.abs(bit - d[copies[0][k]]) + Math.abs(bit - d[copies[1][k]]);
      }
      if (Math.min(Integer.bitCount(word1 ^ code), Integer.bitCount(word2 ^ code)) <= 3) {
        scored.add(new double[] {score, data});
      }
    }
    scored.sort(Comparator.comparingDouble(s -> s[0]));
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < Math.min(FORMAT_CANDIDATES, scored.size()); i++) {
      out.add((int) scored.get(i)[1]);
    }
    return out;
  }

  /** Module indices of the two format-information copies, most significant bit first (ZXing's reading order). */
  private static int[][] formatPositions(int size) {
    int[] first = new int[15];
    for (int k = 0; k < 15; k++) {
      first[k] = FORMAT_POSITIONS_1[k][1] * size + FORMAT_POSITIONS_1[k][0];
    }
    int[] second = new int[15];
    int k = 0;
    for (int y = size - 1; y >= size - 7; y--) {
      second[k++] = y * size + 8;
    }
    for (int x = size - 8; x < size; x++) {
      second[k++] = 8 * size + x;
    }
    return new int[][] {first, second};
  }

  /** Module indices of the two version-information blocks, most significant bit first (ZXing's reading order). */
  private static int[][] versionPositions(int size) {
    int[] topRight = new int[18];
    int[] bottomLeft = new int[18];
    int k = 0;
    for (int y = 5; y >= 0; y--) {
      for (int x = size - 9; x >= size - 11; x--) {
        topRight[k++] = y * size + x;
      }
    }
    k = 0;
    for (int x = 5; x >= 0; x--) {
      for (int y = size - 9; y >= size - 11; y--) {
        bottomLeft[k++] = y * size + x;
      }
    }
    return new int[][] {topRight, bottomLeft};
  }

  private static int bchRemainder(int value, int generator, int degree) {
    int topBit = 31 - Integer.numberOfLeadingZeros(generator);
    int v = value;
    while (31 - Integer.numberOfLeadingZeros(v) >= topBit && v != 0) {
      v ^= generator << (31 - Integer.numberOfLeadingZeros(v) - topBit);
    }
    return v & ((1 << degree) - 1);
  }

  /**
   * The version of a {@code size x size} symbol whose estimates are {@code darkness}.
   *
   * @throws IllegalArgumentException if {@code size} is not a QR symbol size or the array has another length
   */
  private static int checkedVersion(float[] darkness, int size) {
    if (size < 21 || size > 177 || (size - 17) % 4 != 0) {
      throw new IllegalArgumentException("not a QR symbol size: " + size);
    }
    if (darkness.length != size * size) {
      throw new IllegalArgumentException(darkness.length + " values for a " + size + "x" + size + " symbol");
    }
    return (size - 17) / 4;
  }

  private static float[] sanitise(float[] in) {
    float[] out = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      float v = in[i];
      out[i] = Float.isNaN(v) ? 0.5f : Math.max(0f, Math.min(1f, v));
    }
    return out;
  }

  private static float[] transpose(float[] d, int size) {
    float[] t = new float[d.length];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        t[x * size + y] = d[y * size + x];
      }
    }
    return t;
  }

  @SuppressWarnings("unchecked")
  private static byte[] bytesOf(DecoderResult r) {
    List<byte[]> segments = r.getByteSegments();
    if (segments != null && !segments.isEmpty()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (byte[] s : segments) {
        out.writeBytes(s);
      }
      return out.toByteArray();
    }
    return r.getText().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Data-module positions of a version in placement order (section 7.7.3). */
  private static final class Layout {
    final int[] order;

    Layout(int version) {
      Version v = Version.getVersionForNumber(version);
      int size = v.getDimensionForVersion();
      boolean[] data = FastSymbolEncoder.dataModules(v, size);
      int count = 0;
      for (boolean b : data) {
        count += b ? 1 : 0;
      }
      order = new int[count];
      int k = 0;
      int direction = -1;
      int y = size - 1;
      for (int x = size - 1; x > 0; x -= 2) {
        if (x == 6) {
          x -= 1;
        }
        while (y >= 0 && y < size) {
          for (int i = 0; i < 2; i++) {
            int pos = y * size + x - i;
            if (data[pos]) {
              order[k++] = pos;
            }
          }
          y += direction;
        }
        direction = -direction;
        y += direction;
      }
    }
  }

  /** Where each block's codewords sit in the interleaved sequence (section 7.6). */
  private static final class BlockMap {
    private static final Map<String, BlockMap> CACHE = new ConcurrentHashMap<>();
    final int blocks;
    final int[][] rawIndexOfBlock;

    private BlockMap(Version.ECBlocks ecBlocks, int total) {
      int ec = ecBlocks.getECCodewordsPerBlock();
      List<Integer> dataLengths = new ArrayList<>();
      for (Version.ECB ecb : ecBlocks.getECBlocks()) {
        for (int i = 0; i < ecb.getCount(); i++) {
          dataLengths.add(ecb.getDataCodewords());
        }
      }
      blocks = dataLengths.size();
      rawIndexOfBlock = new int[blocks][];
      int maxData = 0;
      for (int b = 0; b < blocks; b++) {
        rawIndexOfBlock[b] = new int[dataLengths.get(b) + ec];
        maxData = Math.max(maxData, dataLengths.get(b));
      }
      int n = 0;
      for (int i = 0; i < maxData; i++) {
        for (int b = 0; b < blocks; b++) {
          if (i < dataLengths.get(b)) {
            rawIndexOfBlock[b][i] = n++;
          }
        }
      }
      for (int i = 0; i < ec; i++) {
        for (int b = 0; b < blocks; b++) {
          rawIndexOfBlock[b][dataLengths.get(b) + i] = n++;
        }
      }
      if (n != total) {
        throw new IllegalStateException("block layout covers " + n + " of " + total + " codewords");
      }
    }

    static BlockMap of(Version.ECBlocks ecBlocks, int total) {
      return CACHE.computeIfAbsent(ecBlocks.getECCodewordsPerBlock() + "/" + ecBlocks.getNumBlocks() + "/" + total,
          k -> new BlockMap(ecBlocks, total));
    }
  }
}
