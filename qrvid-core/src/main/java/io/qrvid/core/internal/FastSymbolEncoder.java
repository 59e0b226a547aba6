package io.qrvid.core.internal;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.decoder.Version;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * QR byte-mode encoding for a fixed version and error-correction level, without rebuilding the symbol's function
 * patterns for every symbol, with a given mask pattern ({@link #encode}) or with the pattern ZXing's mask search
 * would choose ({@link #encodeBestMask}, scored bit-parallel by {@link MaskPenalty}). For each (version, level,
 * mask) it builds once the module values that do not depend on the data (finder, separator, timing and alignment
 * patterns, format and version information) and the order in which data and error-correction bits are placed
 * (ISO/IEC 18004:2015, section 7.7.3). A symbol then costs its Reed-Solomon blocks (this class's table-driven shift
 * register over GF(2^8)), the codeword interleaving (section 7.6) and one pass over the data modules.
 *
 * <p>The data positions come from the standard's function-pattern layout, the function modules' values from one
 * ZXing encoding. The template is checked: the number of data positions must be the symbol's codeword count times
 * eight plus 0..7 remainder bits, otherwise {@link #encode} returns empty and callers use ZXing. Results are
 * identical to ZXing's (tested module for module across versions, levels and masks, and for the mask choice).
 * Thread-safe; templates are cached.
 */
public final class FastSymbolEncoder {
  private static final Map<String, Optional<Template>> TEMPLATES = new ConcurrentHashMap<>();

  private FastSymbolEncoder() {}

  private static final class Template {
    final boolean[] base;
    final int[] order;
    final boolean[] maskAtOrder;
    final int dataCodewords;
    final int totalCodewords;
    final Version.ECBlocks blocks;

    Template(boolean[] base, int[] order, boolean[] maskAtOrder, int dataCodewords, int totalCodewords,
        Version.ECBlocks blocks) {
      this.base = base;
      this.order = order;
      this.maskAtOrder = maskAtOrder;
      this.dataCodewords = dataCodewords;
      this.totalCodewords = totalCodewords;
      this.blocks = blocks;
    }
  }

  /** True if ZXing would encode {@code content} in byte mode (it has a byte that is neither numeric nor alphanumeric, or is empty). */
  public static boolean isByteMode(byte[] content) {
    if (content.length == 0) {
      return true;
    }
    for (byte b : content) {
      int c = b & 0xFF;
      boolean digit = c >= '0' && c <= '9';
      boolean alnum = c >= 'A' && c <= 'Z' || " $%*+-./:".indexOf(c) >= 0;
      if (!digit && !alnum) {
        return true;
      }
    }
    return false;
  }

  /**
   * Encodes {@code content} in byte mode as a symbol of {@code version} at {@code level} with mask {@code mask}.
   *
   * @return the module matrix, row-major, {@code true} for dark; empty if no verified template exists for this
   *     combination (use ZXing then)
   * @throws IllegalArgumentException if the content does not fit
   */
  public static Optional<boolean[]> encode(byte[] content, int version, ErrorCorrectionLevel level, int mask) {
    Optional<Template> t = template(version, level, mask);
    if (t.isEmpty()) {
      return Optional.empty();
    }
    Template tpl = t.get();
    byte[] codewords = codewords(content, version, tpl.dataCodewords, tpl.totalCodewords, tpl.blocks);
    boolean[] modules = tpl.base.clone();
    int[] order = tpl.order;
    boolean[] maskBits = tpl.maskAtOrder;
    int dataBits = codewords.length * 8;
    for (int k = 0; k < order.length; k++) {
      boolean bit = k < dataBits && ((codewords[k >>> 3] >>> (7 - (k & 7))) & 1) != 0; // then remainder bits, 0
      modules[order[k]] = bit ^ maskBits[k];
    }
    return Optional.of(modules);
  }

  /**
   * Encodes {@code content} in byte mode as a symbol of {@code version} at {@code level} with the mask pattern
   * that ZXing's {@code Encoder} would choose: the lowest {@link MaskPenalty} total of the eight patterns, the
   * lowest pattern number among equal totals. The data modules are placed once into a row and a column packing;
   * each pattern's symbol is then three word operations per 64 modules (function patterns with that pattern's
   * format information, OR data XOR mask), scored by {@link MaskPenalty} with an early stop once a pattern's running
   * total reaches the best so far. The result is identical, module for module, to ZXing's encoding without a mask
   * hint (tested for versions 1 to 40, every level, many contents).
   *
   * @return the symbol and its mask pattern; empty if no verified template exists for this version and level (use
   *     ZXing then)
   * @throws IllegalArgumentException if the content does not fit
   */
  public static Optional<MaskedSymbol> encodeBestMask(byte[] content, int version, ErrorCorrectionLevel level) {
    Optional<SearchTemplate> t = SEARCH_TEMPLATES.computeIfAbsent(version + "-" + level,
        k -> learnSearch(version, level));
    if (t.isEmpty()) {
      return Optional.empty();
    }
    SearchTemplate st = t.get();
    byte[] codewords = codewords(content, version, st.dataCodewords, st.totalCodewords, st.blocks);
    int size = st.size;
    int n = st.lineWords;
    long[] dataRows = new long[n];
    long[] dataCols = new long[n];
    int[] rowPos = st.rowPos;
    int[] colPos = st.colPos;
    for (int i = 0; i < codewords.length; i++) {
      int c = codewords[i] & 0xFF;
      if (c == 0) {
        continue;
      }
      for (int b = 0, k = i << 3; b < 8; b++, k++) {
        if ((c & (0x80 >>> b)) != 0) {
          dataRows[rowPos[k] >>> 6] |= 1L << rowPos[k];   // the shift uses the low 6 bits: the column's bit
          dataCols[colPos[k] >>> 6] |= 1L << colPos[k];
        }
      }
    }
    long[] rows = new long[n];
    long[] cols = new long[n];
    int best = -1;
    int bestPenalty = Integer.MAX_VALUE;
    for (int m = 0; m < 8; m++) {
      combine(st.fnRows[m], st.maskRows[m], dataRows, rows);
      combine(st.fnCols[m], st.maskCols[m], dataCols, cols);
      int p = MaskPenalty.penalty(rows, cols, size, bestPenalty);
      if (p < bestPenalty) {
        bestPenalty = p;
        best = m;
      }
    }
    combine(st.fnRows[best], st.maskRows[best], dataRows, rows);
    int words = MaskPenalty.words(size);
    boolean[] modules = new boolean[size * size];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        modules[y * size + x] = (rows[y * words + (x >>> 6)] & (1L << x)) != 0;
      }
    }
    return Optional.of(new MaskedSymbol(modules, best));
  }

  /**
   * Starts building, on a new daemon thread, the template that {@link #encodeBestMask} ({@code mask < 0}) or
   * {@link #encode} with {@code mask} will use for {@code version} and {@code level}, and returns at once: a caller
   * that knows its symbol geometry before its first symbol (the video encoder, while it reads, chunks and compresses
   * its documents and opens the video encoder) overlaps the template's first-use cost with that work on a second
   * core. Does nothing when the template is cached already. Never fails: a problem is met again, and reported, by the
   * first symbol (the caches build a template once; a second caller waits for the first).
   *
   * @param version the QR version, 1..40 (other values do nothing)
   * @param level the error-correction level
   * @param mask the fixed mask pattern 0..7, or a negative value for the mask search
   */
  public static void prepareAsync(int version, ErrorCorrectionLevel level, int mask) {
    if (version < 1 || version > 40 || level == null || mask > 7) {
      return;
    }
    boolean cached = mask < 0 ? SEARCH_TEMPLATES.containsKey(version + "-" + level)
        : TEMPLATES.containsKey(version + "-" + level + "-" + mask);
    if (cached) {
      return;
    }
    Thread t = new Thread(() -> {
      try {
        if (mask < 0) {
          SEARCH_TEMPLATES.computeIfAbsent(version + "-" + level, k -> learnSearch(version, level));
        } else {
          template(version, level, mask);
        }
      } catch (RuntimeException | LinkageError e) {
        // the first symbol meets it again and reports it
      }
    }, "qrvid-symbol-template");
    t.setDaemon(true);
    t.start();
  }

  /** {@code out = function | (data ^ mask)} word by word. */
  private static void combine(long[] function, long[] mask, long[] data, long[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = function[i] | (data[i] ^ mask[i]);
    }
  }

  /** A symbol's modules (row-major, {@code true} for dark) and the mask pattern they were encoded with. */
  public static final class MaskedSymbol {
    private final boolean[] modules;
    private final int mask;

    MaskedSymbol(boolean[] modules, int mask) {
      this.modules = modules;
      this.mask = mask;
    }

    /** The modules, {@code size * size}, row-major, {@code true} for dark; the caller owns the array. */
    public boolean[] modules() {
      return modules;
    }

    /** The mask pattern, 0..7. */
    public int mask() {
      return mask;
    }
  }

  private static Optional<Template> template(int version, ErrorCorrectionLevel level, int mask) {
    return TEMPLATES.computeIfAbsent(version + "-" + level + "-" + mask, k -> learn(version, level, mask));
  }

  /**
   * The data codewords of byte-mode {@code content} (mode indicator, character count, bytes, terminator, pad
   * codewords 0xEC/0x11; section 7.4) followed by the interleaved error-correction codewords (section 7.6).
   */
  private static byte[] codewords(byte[] content, int version, int dataCodewords, int totalCodewords,
      Version.ECBlocks blocks) {
    int countBits = version < 10 ? 8 : 16;
    long bitsNeeded = 4L + countBits + 8L * content.length;
    if (bitsNeeded > dataCodewords * 8L) {
      throw new IllegalArgumentException("Data too big for requested version");
    }
    byte[] data = new byte[dataCodewords];
    BitWriter w = new BitWriter(data);
    w.put(0b0100, 4);
    w.put(content.length, countBits);
    for (byte b : content) {
      w.put(b & 0xFF, 8);
    }
    w.put(0, (int) Math.min(4, dataCodewords * 8L - w.bits));
    int bytesUsed = (w.bits + 7) / 8;
    for (int i = bytesUsed, pad = 0; i < data.length; i++, pad++) {
      data[i] = (byte) ((pad & 1) == 0 ? 0xEC : 0x11);
    }
    return interleave(data, totalCodewords, blocks);
  }

  /**
   * What the mask search needs for one version and level: per mask pattern the dark function modules (they differ
   * in the format information only) and the mask's dark data positions, in row and column packing; and for every
   * data bit, in placement order, its word and bit in both packings.
   *
   * <p>Built from packed words rather than from eight fixed-mask {@link Template}s: the function modules are packed
   * once (mask 0) and the 30 format-information modules rewritten for each other pattern; the mask patterns of
   * ISO/IEC 18004:2015 table 10 repeat every 12 rows and 12 columns (their conditions use {@code i mod 2},
   * {@code i mod 3} and {@code i div 2 mod 2} with {@code j div 3 mod 2}), so each pattern is 12 packed rows and 12
   * packed columns ANDed with the packed data positions. This is the first-use cost of a version and level (a
   * short CLI run pays it once per process): the first version-40-L symbol in a cold JVM (C1 only, compile
   * thresholds x5, class loading included) took 150-175 ms with the eight templates and 95-120 ms with this, in
   * interleaved runs. The result is the same words (tested through the mask choice and modules against ZXing).
   */
  private static final class SearchTemplate {
    /** Rows (and columns) after which every mask pattern of table 10 repeats. */
    private static final int MASK_PERIOD = 12;

    final int size;
    final int lineWords;
    final int dataCodewords;
    final int totalCodewords;
    final Version.ECBlocks blocks;
    final long[][] fnRows = new long[8][];
    final long[][] fnCols = new long[8][];
    final long[][] maskRows = new long[8][];
    final long[][] maskCols = new long[8][];
    final int[] rowPos;
    final int[] colPos;

    SearchTemplate(Version v, ErrorCorrectionLevel level, int size, int[] order, boolean[] data) {
      this.size = size;
      this.blocks = v.getECBlocksForLevel(level);
      this.totalCodewords = v.getTotalCodewords();
      this.dataCodewords = totalCodewords - blocks.getTotalECCodewords();
      int words = MaskPenalty.words(size);
      this.lineWords = size * words;
      rowPos = new int[order.length];
      colPos = new int[order.length];
      for (int k = 0; k < order.length; k++) {
        int x = order[k] % size;
        int y = order[k] / size;
        rowPos[k] = (y * words + (x >>> 6)) << 6 | (x & 63);
        colPos[k] = (x * words + (y >>> 6)) << 6 | (y & 63);
      }
      long[] dataRows = MaskPenalty.pack(data, size, false);
      long[] dataCols = MaskPenalty.pack(data, size, true);
      boolean[] function0 = functionPatterns(v, level, 0);
      long[] fnRows0 = MaskPenalty.pack(function0, size, false);
      long[] fnCols0 = MaskPenalty.pack(function0, size, true);
      for (int i = 0; i < lineWords; i++) {
        fnRows0[i] &= ~dataRows[i];
        fnCols0[i] &= ~dataCols[i];
      }
      for (int m = 0; m < 8; m++) {
        fnRows[m] = fnRows0.clone();
        fnCols[m] = fnCols0.clone();
        if (m > 0) {
          int format = formatBits(level, m);
          for (int i = 0; i < 15; i++) {
            boolean bit = ((format >>> i) & 1) != 0;
            set(fnRows[m], fnCols[m], words, FORMAT_X[i], FORMAT_Y[i], bit);
            if (i < 8) {
              set(fnRows[m], fnCols[m], words, size - 1 - i, 8, bit);
            } else {
              set(fnRows[m], fnCols[m], words, 8, size - 15 + i, bit);
            }
          }
        }
        maskRows[m] = maskLines(m, size, words, dataRows, false);
        maskCols[m] = maskLines(m, size, words, dataCols, true);
      }
    }

    /** Sets module (x, y) dark or light in both packings. */
    private static void set(long[] rows, long[] cols, int words, int x, int y, boolean dark) {
      int r = y * words + (x >>> 6);
      int c = x * words + (y >>> 6);
      if (dark) {
        rows[r] |= 1L << x;
        cols[c] |= 1L << y;
      } else {
        rows[r] &= ~(1L << x);
        cols[c] &= ~(1L << y);
      }
    }

    /**
     * The dark modules of mask pattern {@code mask} at the data positions, packed by row (or by column when
     * {@code transpose}): the {@value #MASK_PERIOD} distinct lines of the pattern, each ANDed with the data
     * positions of every line it repeats on.
     */
    private static long[] maskLines(int mask, int size, int words, long[] data, boolean transpose) {
      int period = Math.min(MASK_PERIOD, size);
      long[][] pattern = new long[period][words];
      for (int line = 0; line < period; line++) {
        for (int pos = 0; pos < size; pos++) {
          if (transpose ? maskBit(mask, line, pos) : maskBit(mask, pos, line)) {
            pattern[line][pos >>> 6] |= 1L << pos;
          }
        }
      }
      long[] out = new long[size * words];
      for (int line = 0; line < size; line++) {
        long[] p = pattern[line % MASK_PERIOD];
        for (int w = 0; w < words; w++) {
          out[line * words + w] = p[w] & data[line * words + w];
        }
      }
      return out;
    }
  }

  private static final Map<String, Optional<SearchTemplate>> SEARCH_TEMPLATES = new ConcurrentHashMap<>();

  private static Optional<SearchTemplate> learnSearch(int version, ErrorCorrectionLevel level) {
    Version v = Version.getVersionForNumber(version);
    int size = v.getDimensionForVersion();
    int[] order = PLACEMENTS.computeIfAbsent(version, k -> placementOrder(v, size));
    int remainderBits = order.length - v.getTotalCodewords() * 8;
    if (remainderBits < 0 || remainderBits > 7) {
      return Optional.empty(); // as learn(): a guard that never fires for versions 1 to 40
    }
    return Optional.of(new SearchTemplate(v, level, size, order, dataModules(v, size)));
  }

  private static byte[] interleave(byte[] data, int totalCodewords, Version.ECBlocks blocks) {
    int ecPerBlock = blocks.getECCodewordsPerBlock();
    int numBlocks = blocks.getNumBlocks();
    byte[][] dataBlocks = new byte[numBlocks][];
    byte[][] ecBlocks = new byte[numBlocks][];
    int[] generator = generator(ecPerBlock);
    int offset = 0;
    int block = 0;
    int maxData = 0;
    for (Version.ECB ecb : blocks.getECBlocks()) {
      for (int i = 0; i < ecb.getCount(); i++, block++) {
        int dc = ecb.getDataCodewords();
        byte[] d = java.util.Arrays.copyOfRange(data, offset, offset + dc);
        byte[] ec = remainder(d, generator);
        dataBlocks[block] = d;
        ecBlocks[block] = ec;
        offset += dc;
        maxData = Math.max(maxData, dc);
      }
    }
    byte[] out = new byte[totalCodewords];
    int n = 0;
    for (int i = 0; i < maxData; i++) {
      for (byte[] d : dataBlocks) {
        if (i < d.length) {
          out[n++] = d[i];
        }
      }
    }
    for (int i = 0; i < ecPerBlock; i++) {
      for (byte[] e : ecBlocks) {
        out[n++] = e[i];
      }
    }
    return out;
  }

  private static final Map<Integer, int[]> GENERATORS = new ConcurrentHashMap<>();

  /**
   * The QR generator polynomial of degree {@code n}, prod_{i<n} (x - 2^i) over GF(2^8) mod 0x11D (ISO/IEC
   * 18004:2015, 7.5.2 and annex A), as coefficients from x^(n-1) down to x^0 (the leading 1 omitted).
   */
  private static int[] generator(int n) {
    return GENERATORS.computeIfAbsent(n, k -> {
      int[] g = {1};
      for (int i = 0; i < k; i++) {
        int root = Gf256.exp(i);
        int[] next = new int[g.length + 1];
        for (int j = 0; j < g.length; j++) {
          next[j] ^= g[j];
          next[j + 1] ^= Gf256.mul(g[j], root);
        }
        g = next;
      }
      return java.util.Arrays.copyOfRange(g, 1, g.length);
    });
  }

  /** The remainder of data(x) * x^n divided by the generator: the block's n error-correction codewords. */
  private static byte[] remainder(byte[] data, int[] generator) {
    int n = generator.length;
    int[] reg = new int[n];
    for (byte b : data) {
      int feedback = (b & 0xFF) ^ reg[0];
      System.arraycopy(reg, 1, reg, 0, n - 1);
      reg[n - 1] = 0;
      if (feedback != 0) {
        for (int i = 0; i < n; i++) {
          reg[i] ^= Gf256.mul(feedback, generator[i]);
        }
      }
    }
    byte[] ec = new byte[n];
    for (int i = 0; i < n; i++) {
      ec[i] = (byte) reg[i];
    }
    return ec;
  }

  /**
   * Builds the template of one version, level and mask: the function patterns computed here (see
   * {@link #functionPatterns}), the data positions in placement order (shared by every level and mask of the
   * version), and the mask condition at each of them. Empty if the standard's counts do not agree (never for versions
   * 1 to 40; a guard, since a wrong template would mean wrong symbols).
   */
  private static Optional<Template> learn(int version, ErrorCorrectionLevel level, int mask) {
    Version v = Version.getVersionForNumber(version);
    Version.ECBlocks blocks = v.getECBlocksForLevel(level);
    int total = v.getTotalCodewords();
    int dataCodewords = total - blocks.getTotalECCodewords();
    int size = v.getDimensionForVersion();
    int[] order = PLACEMENTS.computeIfAbsent(version, k -> placementOrder(v, size));
    int remainderBits = order.length - total * 8;
    if (remainderBits < 0 || remainderBits > 7) {
      return Optional.empty();
    }
    boolean[] maskBits = new boolean[order.length];
    for (int k = 0; k < order.length; k++) {
      maskBits[k] = maskBit(mask, order[k] % size, order[k] / size);
    }
    return Optional.of(new Template(functionPatterns(v, level, mask), order, maskBits, dataCodewords, total,
        blocks));
  }

  /** Data positions ({@code y * size + x}) per version, in placement order. */
  private static final Map<Integer, int[]> PLACEMENTS = new ConcurrentHashMap<>();

  /**
   * The data and error-correction module positions in the order their bits are placed (ISO/IEC 18004:2015,
   * section 7.7.3): two-module-wide columns from the right, upwards then downwards, skipping the vertical timing
   * pattern and every function module.
   */
  private static int[] placementOrder(Version v, int size) {
    boolean[] data = dataModules(v, size);
    int positions = 0;
    for (boolean b : data) {
      positions += b ? 1 : 0;
    }
    int[] order = new int[positions];
    int k = 0;
    int direction = -1;
    int y = size - 1;
    for (int x = size - 1; x > 0; x -= 2) {
      if (x == 6) {
        x -= 1; // the vertical timing pattern
      }
      while (y >= 0 && y < size) {
        for (int i = 0; i < 2; i++) {
          if (data[y * size + x - i]) {
            order[k++] = y * size + x - i;
          }
        }
        y += direction;
      }
      direction = -direction;
      y += direction;
    }
    return order;
  }

  /**
   * The dark function modules of a symbol (ISO/IEC 18004:2015 section 6.3), {@code size * size}, row-major: the
   * three finder patterns (7 x 7) with their light separators, the alignment patterns (5 x 5) at the centres
   * {@link Version#getAlignmentPatternCenters()} lists except where they would overlap a finder pattern, the timing
   * patterns on row and column 6 (dark at even positions), the dark module at (8, size - 8), the format information
   * of {@code level} and {@code mask} (section 7.9: 5 data bits, BCH(15,5) with generator 0x537, XOR 0x5412; bit i
   * at the i-th of ZXing's {@code MatrixUtil} positions) and, from version 7, the version information (section
   * 7.10: 6 data bits, BCH(18,6) with generator 0x1F25). Data positions are left light. Tested equal to ZXing's
   * layout for every version, level and mask.
   */
  static boolean[] functionPatterns(Version v, ErrorCorrectionLevel level, int mask) {
    int size = v.getDimensionForVersion();
    boolean[] m = new boolean[size * size];
    finder(m, size, 0, 0);
    finder(m, size, size - 7, 0);
    finder(m, size, 0, size - 7);
    int[] centres = v.getAlignmentPatternCenters();
    for (int cy : centres) {
      for (int cx : centres) {
        boolean onFinder = cx <= 8 && cy <= 8 || cx >= size - 9 && cy <= 8 || cx <= 8 && cy >= size - 9;
        if (!onFinder) {
          for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
              m[(cy + dy) * size + cx + dx] = Math.max(Math.abs(dx), Math.abs(dy)) != 1;
            }
          }
        }
      }
    }
    for (int i = 8; i < size - 8; i += 2) {
      m[6 * size + i] = true;                         // horizontal timing pattern
      m[i * size + 6] = true;                         // vertical timing pattern
    }
    m[(size - 8) * size + 8] = true;                  // the dark module
    int format = formatBits(level, mask);
    for (int i = 0; i < 15; i++) {
      boolean bit = ((format >>> i) & 1) != 0;
      m[FORMAT_Y[i] * size + FORMAT_X[i]] = bit;
      if (i < 8) {
        m[8 * size + size - 1 - i] = bit;             // second copy: right of the top-left corner, bits 0..7
      } else {
        m[(size - 15 + i) * size + 8] = bit;          // and below it, bits 8..14
      }
    }
    if (v.getVersionNumber() >= 7) {
      int info = bch(v.getVersionNumber(), 0x1F25);
      for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 3; j++) {
          boolean bit = ((info >>> (i * 3 + j)) & 1) != 0;
          m[(size - 11 + j) * size + i] = bit;        // bottom left, 6 wide and 3 high
          m[i * size + size - 11 + j] = bit;          // top right, 3 wide and 6 high
        }
      }
    }
    return m;
  }

  /** The 15 format-information bits of {@code level} and {@code mask} (section 7.9), bit i of the result is bit i. */
  private static int formatBits(ErrorCorrectionLevel level, int mask) {
    return bch((FORMAT_LEVEL_BITS[level.ordinal()] << 3) | mask, 0x537) ^ 0x5412;
  }

  /** Format-information level bits (section 7.9.1, table 12) by {@link ErrorCorrectionLevel#ordinal()}: L M Q H. */
  private static final int[] FORMAT_LEVEL_BITS = {0b01, 0b00, 0b11, 0b10};
  /** The first copy of the format information, bit i at (FORMAT_X[i], FORMAT_Y[i]), around the top-left finder. */
  private static final int[] FORMAT_X = {8, 8, 8, 8, 8, 8, 8, 8, 7, 5, 4, 3, 2, 1, 0};
  private static final int[] FORMAT_Y = {0, 1, 2, 3, 4, 5, 7, 8, 8, 8, 8, 8, 8, 8, 8};

  /** {@code value} followed by its BCH check bits: the remainder of value * x^deg(generator) by the generator. */
  private static int bch(int value, int generator) {
    int degree = 31 - Integer.numberOfLeadingZeros(generator);
    int r = value << degree;
    while (r >= 1 << degree) {
      r ^= generator << (31 - Integer.numberOfLeadingZeros(r) - degree);
    }
    return value << degree | r;
  }

  /** A 7 x 7 finder pattern with its top-left corner at (x0, y0): dark border, light ring, dark 3 x 3 centre. */
  private static void finder(boolean[] m, int size, int x0, int y0) {
    for (int dy = 0; dy < 7; dy++) {
      for (int dx = 0; dx < 7; dx++) {
        int ring = Math.min(Math.min(dx, dy), Math.min(6 - dx, 6 - dy));
        m[(y0 + dy) * size + x0 + dx] = ring != 1;
      }
    }
  }

  /** A ZXing module matrix as {@code size * size} booleans, row-major, {@code true} for dark. */
  public static boolean[] toModules(ByteMatrix m) {
    int size = m.getWidth();
    byte[][] rows = m.getArray();
    boolean[] modules = new boolean[size * size];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        modules[y * size + x] = rows[y][x] == 1;
      }
    }
    return modules;
  }

  /**
   * The modules that carry data, error-correction and remainder bits: all but the function patterns of ISO/IEC
   * 18004:2015 section 6.3 (finder patterns with separators, timing patterns, alignment patterns at the centres
   * ZXing's {@link Version} lists, format information, the dark module, and version information from version 7).
   */
  static boolean[] dataModules(Version v, int size) {
    boolean[] reserved = new boolean[size * size];
    fill(reserved, size, 0, 0, 9, 9);                 // top-left finder, separator, format information
    fill(reserved, size, size - 8, 0, 8, 9);          // top-right finder, separator, format information
    fill(reserved, size, 0, size - 8, 9, 8);          // bottom-left finder, separator, format info, dark module
    fill(reserved, size, 6, 0, 1, size);              // vertical timing pattern
    fill(reserved, size, 0, 6, size, 1);              // horizontal timing pattern
    int[] centres = v.getAlignmentPatternCenters();
    for (int cy : centres) {
      for (int cx : centres) {
        boolean onFinder = cx <= 8 && cy <= 8 || cx >= size - 9 && cy <= 8 || cx <= 8 && cy >= size - 9;
        if (!onFinder) {
          fill(reserved, size, cx - 2, cy - 2, 5, 5);
        }
      }
    }
    if (v.getVersionNumber() >= 7) {
      fill(reserved, size, size - 11, 0, 3, 6);       // version information, top right
      fill(reserved, size, 0, size - 11, 6, 3);       // version information, bottom left
    }
    boolean[] data = new boolean[size * size];
    for (int i = 0; i < data.length; i++) {
      data[i] = !reserved[i];
    }
    return data;
  }

  private static void fill(boolean[] m, int size, int x0, int y0, int w, int h) {
    for (int y = Math.max(0, y0); y < Math.min(size, y0 + h); y++) {
      for (int x = Math.max(0, x0); x < Math.min(size, x0 + w); x++) {
        m[y * size + x] = true;
      }
    }
  }

  /** The data mask condition of ISO/IEC 18004:2015 table 10, with x the column and y the row. */
  static boolean maskBit(int mask, int x, int y) {
    int t;
    switch (mask) {
      case 0:
        return ((y + x) & 1) == 0;
      case 1:
        return (y & 1) == 0;
      case 2:
        return x % 3 == 0;
      case 3:
        return (y + x) % 3 == 0;
      case 4:
        return (((y / 2) + (x / 3)) & 1) == 0;
      case 5:
        t = y * x;
        return (t & 1) + (t % 3) == 0;
      case 6:
        t = y * x;
        return (((t & 1) + (t % 3)) & 1) == 0;
      case 7:
        t = y * x;
        return (((t % 3) + ((y + x) & 1)) & 1) == 0;
      default:
        throw new IllegalArgumentException("mask " + mask);
    }
  }

  private static final class BitWriter {
    private final byte[] out;
    int bits;

    BitWriter(byte[] out) {
      this.out = out;
    }

    void put(int value, int count) {
      for (int i = count - 1; i >= 0; i--) {
        if (((value >>> i) & 1) != 0) {
          out[bits >>> 3] |= (byte) (0x80 >>> (bits & 7));
        }
        bits++;
      }
    }
  }
}
