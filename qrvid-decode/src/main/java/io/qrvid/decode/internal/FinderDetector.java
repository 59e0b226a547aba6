package io.qrvid.decode.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds finder-pattern candidates on one pyramid level by scanning rows for the 1:1:3:1:1 dark-light-dark-light-dark
 * run ratio of ISO/IEC 18004:2015, 6.3.3 and 12 (the reference decode algorithm's step 1), then cross-checking the
 * same ratio vertically, horizontally again through the refined centre and along a diagonal. The technique is the
 * standard one (ZXing's {@code FinderPatternFinder}, zxing-cpp's {@code FindFinderPatterns}); this implementation is
 * qrvid's own and differs in where the binary decision comes from: each pixel is compared on demand with the mean
 * of a {@code (2r+1)^2} window taken from the level's integral image, so no binary image is stored and a level can
 * be scanned every other row.
 *
 * <p>One scan with radius {@code r} finds patterns whose modules span about 1.3 to {@code r / 4} pixels of the
 * level, as long as the window is not mostly background: around a small symbol on a light background a large
 * window's mean is pulled up until the antialiased edge pixels of the one-module light ring count as dark (measured
 * on 2.2-pixel modules: 11 of 252 patterns found with {@link #RADIUS}, 252 with {@link #SMALL_RADIUS}). The
 * pyramid covers larger modules, and full resolution is also scanned with the small radius. Not thread-safe per
 * instance.
 */
final class FinderDetector {
  /** Window radius of the local-mean threshold, in level pixels. */
  static final int RADIUS = 24;
  /** The radius of the extra full-resolution scan for the smallest modules. */
  static final int SMALL_RADIUS = 8;

  /** The largest radius whose window sums and comparisons fit in an {@code int}. */
  static final int MAX_RADIUS = 255;

  private final LumaLevel lv;
  private final int r;
  /** Whether {@link #edgeToEdgeOk} also accepts a pattern. */
  private final boolean edgeToEdge;
  /**
   * The level's integral image, or null while this scan makes do without it (see {@link #FinderDetector(LumaLevel,
   * int, boolean, boolean)}): then the rows' window sums come from {@link #columnSums} and {@link #dark} moves its
   * window ({@link #windowSum}) until {@link #directBudget} is spent.
   */
  private int[] integral;
  private final int w1;
  /**
   * Without the integral image: per column, the sum of the pixels in rows {@code [windowTop, windowBottom)} (the
   * window rows of the row {@link #rowEdges} classified last), moved row by row ({@link #slideWindow}).
   */
  private int[] columnSums;
  private int windowTop;
  private int windowBottom;
  /** Without the integral image: rows entering and leaving the window in one {@link #slideWindow} (scratch). */
  private int[] entering;
  private int[] leaving;
  /**
   * Without the integral image: the pixels {@link #windowSum} may still read before {@link #dark} makes the
   * integral image and uses that instead; at first the level's pixel count, the work of making the integral image
   * once. Changed only by tests.
   */
  long directBudget;
  /** Whether the first pixel of the row last classified by {@link #rowEdges} is dark. */
  private boolean rowStartsDark;
  private final Map<Long, List<FinderCandidate>> grid = new HashMap<>();
  private final List<FinderCandidate> found = new ArrayList<>();
  /**
   * Per column, the cross-checks of the last vertical centre run {@link #confirm} measured there ({@link
   * ColumnChecks}); null until one is. Whether they are kept at all: {@link #memo}.
   */
  private ColumnChecks[] columns;
  /** Whether {@link #confirm} reuses a column's cross-checks ({@link ColumnChecks}); false only in tests. */
  boolean memo = true;
  /** How many row patterns reused a column's vertical cross-check ({@link ColumnChecks}): for tests. */
  int columnReuses;

  FinderDetector(LumaLevel lv, int r) {
    this(lv, r, false);
  }

  /**
   * A scan with the level's integral image, except with the small window ({@code r <= }{@link #SMALL_RADIUS}) on a
   * level that has none yet: see {@link #FinderDetector(LumaLevel, int, boolean, boolean)}.
   */
  FinderDetector(LumaLevel lv, int r, boolean edgeToEdge) {
    this(lv, r, edgeToEdge, r <= SMALL_RADIUS && lv.integralIfMade() == null);
  }

  /**
   * A scan of {@code lv} with window radius {@code r}; {@code withoutIntegral}: without the level's integral image
   * as long as that is cheaper (issue 9, sixteenth pass). On a 12-megapixel photo the small window's scans (pyramid
   * level 1, 3 megapixels, every other row; full resolution, every third row) are on most photos the only users of
   * their level's integral image (the second look also scans level 1, where it runs), whose making (12 and 48 MB of
   * {@code int}s) cost as much as the scan itself, while the scan's cross-checks ({@link #dark}) ask for a few
   * thousand windows (1,300-17,300 on level 1 of 12 photos of {@code /tmp/big/big.lst}, 190-29,300 at full
   * resolution). Without it, the rows' window sums are moved down the image row by row ({@link #slideWindow}) and
   * {@link #dark} moves its window from the last one's sum ({@link #windowSum}) until it has read as many pixels as
   * the level holds ({@link #directBudget}; on the count-10 set's 160 photos at 12 MP, 3 level-1 scans and no
   * full-resolution scan got there), then makes the integral image (kept on the level, {@link LumaLevel#integral()})
   * and reads that. Exact: every window sum is the same integer either way, so every class, run and candidate is the
   * same ({@code FinderDetectorTest} compares both forms on random images, edges, classes and scans, field by
   * field). Measured (docs/decode.md, "issue 9, sixteenth pass"): the photo's finder search on {@code big.lst}
   * 0.68-0.72x the thread CPU, with the same candidates.
   */
  FinderDetector(LumaLevel lv, int r, boolean edgeToEdge, boolean withoutIntegral) {
    if (r < 1 || r > MAX_RADIUS) {
      // (2r + 1)^2 * 256 * 32 must stay below 2^31 for the comparisons of rowEdges and dark
      throw new IllegalArgumentException("radius out of 1.." + MAX_RADIUS + ": " + r);
    }
    this.lv = lv;
    this.r = r;
    this.edgeToEdge = edgeToEdge;
    this.w1 = lv.width + 1;
    if (withoutIntegral) {
      columnSums = new int[lv.width];
      entering = new int[2 * r + 1];
      leaving = new int[2 * r + 1];
      directBudget = (long) lv.width * lv.height;
    } else {
      this.integral = lv.integral();
    }
  }

  /** Whether this scan still works without the level's integral image: for tests. */
  boolean withoutIntegral() {
    return integral == null;
  }

  /**
   * Scans every {@code rowStep}-th row of the level (with step 1, an odd row only beside a run pattern: {@link
   * #run}).
   *
   * @return candidates in full-resolution coordinates (module size too), merged within the level
   */
  static List<FinderCandidate> scan(LumaLevel lv, int rowStep, int radius, Deadline deadline) {
    return scan(lv, rowStep, radius, deadline, false);
  }

  /**
   * Scans every {@code rowStep}-th row of the level (with step 1, an odd row only beside a run pattern: {@link
   * #run}), accepting a pattern by the run test or, when {@code edgeToEdge}, also by the edge-to-edge test ({@link
   * #edgeToEdgeOk}) on every run line (the row and each cross-check).
   *
   * <p>A scan that ran to its last row is kept with the level's pixels ({@link LumaLevel.Derived}); the same scan of
   * the same pixels asked again, at this or another scale (a {@linkplain ScanImage#reduced reduced view} of a
   * 12-megapixel photo searches the photo's coarser levels again), returns {@linkplain #copies copies} of it instead
   * of scanning: the same candidates (issue 9, thirteenth pass). Thread-safe as far as that store goes.
   *
   * @return new candidates in full-resolution coordinates (module size too), merged within the level; the caller
   *     may change them
   */
  static List<FinderCandidate> scan(LumaLevel lv, int rowStep, int radius, Deadline deadline, boolean edgeToEdge) {
    LumaLevel.Derived derived = lv.derived;
    List<Integer> key = List.of(rowStep, radius, edgeToEdge ? 1 : 0);
    synchronized (derived) {
      List<FinderCandidate> known = derived.scans.get(key);
      if (known != null) {
        return copies(known, (double) lv.scale / derived.scanScale, lv.scale);
      }
    }
    FinderDetector d = new FinderDetector(lv, radius, edgeToEdge);
    if (d.run(rowStep, deadline)) {
      synchronized (derived) {
        if (derived.scans.isEmpty()) {
          derived.scanScale = lv.scale;
        }
        derived.scans.put(key, copies(d.found, (double) derived.scanScale / lv.scale, derived.scanScale));
      }
    }
    return d.found;
  }

  /**
   * New candidates equal to {@code found} (a scan's result, as {@link #add} left it) but for their coordinates and
   * module sizes multiplied by {@code factor} (a power of two: the ratio of two pyramid scales) and their scale set to
   * {@code scale}: what the same scan of the same pixels finds at that scale. Exact: every coordinate and module size
   * the scan makes is a level-pixel quantity times the level's scale ({@link #confirm}), and within a level {@link
   * #add} merges by hit-weighted means and compares by ratios and by {@code Math.hypot} against a multiple of the
   * module size, all of which commute with multiplying by a power of two in binary floating point (no overflow or
   * subnormals at pixel coordinates); the grey levels and hits do not depend on the scale. {@code
   * FinderScanSharingTest} compares a reduced view's candidates with a fresh search of a copy of its pixels, field by
   * field.
   */
  private static List<FinderCandidate> copies(List<FinderCandidate> found, double factor, int scale) {
    List<FinderCandidate> out = new ArrayList<>(found.size());
    for (FinderCandidate f : found) {
      FinderCandidate c =
          new FinderCandidate(f.x * factor, f.y * factor, f.moduleSize * factor, f.dark, f.light, scale);
      c.moduleX = f.moduleX * factor;
      c.moduleY = f.moduleY * factor;
      c.hits = f.hits;
      out.add(c);
    }
    return out;
  }

  private boolean patternOk(int a, int b, int c, int d, int e) {
    return ratioOk(a, b, c, d, e) || (edgeToEdge && edgeToEdgeOk(a, b, c, d, e));
  }

  boolean dark(int x, int y) {
    int x0 = Math.max(0, x - r);
    int y0 = Math.max(0, y - r);
    int x1 = Math.min(lv.width, x + r + 1);
    int y1 = Math.min(lv.height, y + r + 1);
    int area = (x1 - x0) * (y1 - y0);
    int[] integral = this.integral;
    if (integral == null && directBudget < 0) {
      // the windows summed without it have cost as much as the integral image: make it once (kept on the level)
      integral = lv.integral();
      this.integral = integral;
    }
    int sum = integral != null
        ? integral[y1 * w1 + x1] - integral[y0 * w1 + x1] - integral[y1 * w1 + x0] + integral[y0 * w1 + x0]
        : windowSum(x0, y0, x1, y1);
    int v = lv.px[y * lv.width + x] & 0xff;
    // dark when below the local mean by at least 1/32 of it (plus one grey level against flat noise)
    return (v + 1) * area * 32 < sum * 31;
  }

  /**
   * Without the integral image: the window {@link #windowSum} summed last ({@code lastY1 < 0}: none) and its sum.
   */
  private int lastX0;
  private int lastY0;
  private int lastX1;
  private int lastY1 = -1;
  private int lastSum;

  /**
   * The sum of the pixels in {@code [x0, x1) x [y0, y1)} without the integral image: from the last window's sum,
   * moved to the new rows on the old columns and then to the new columns on the new rows (the strips between the
   * old and new edges added or subtracted; a cross-check's next pixel costs two or four strips of {@code 2r + 1}
   * pixels), or added up pixel by pixel when that is cheaper. Exact integer sums either way; the pixels read are
   * taken from {@link #directBudget}.
   */
  private int windowSum(int x0, int y0, int x1, int y1) {
    int area = (x1 - x0) * (y1 - y0);
    int moves = (Math.abs(y0 - lastY0) + Math.abs(y1 - lastY1)) * (lastX1 - lastX0)
        + (Math.abs(x0 - lastX0) + Math.abs(x1 - lastX1)) * (y1 - y0);
    int sum;
    if (lastY1 >= 0 && moves < area) {
      // S(rows [t, b)) = P(b) - P(t) on fixed columns, P a prefix over rows: S' - S = (P(b') - P(b)) - (P(t') - P(t))
      sum = lastSum + strip(lastX0, lastX1, lastY1, y1, true) - strip(lastX0, lastX1, lastY0, y0, true)
          + strip(y0, y1, lastX1, x1, false) - strip(y0, y1, lastX0, x0, false);
      directBudget -= moves;
    } else {
      sum = strip(x0, x1, y0, y1, true);
      directBudget -= area;
    }
    lastX0 = x0;
    lastY0 = y0;
    lastX1 = x1;
    lastY1 = y1;
    lastSum = sum;
    return sum;
  }

  /**
   * The signed sum of the pixels between {@code from} and {@code to} (rows when {@code rows}, else columns) over
   * {@code [a, b)} of the other axis: the pixels of {@code [from, to)} when {@code to >= from}, minus those of {@code
   * [to, from)} otherwise.
   */
  private int strip(int a, int b, int from, int to, boolean rows) {
    byte[] px = lv.px;
    int w = lv.width;
    int lo = Math.min(from, to);
    int hi = Math.max(from, to);
    int sum = 0;
    for (int i = lo; i < hi; i++) {
      for (int j = a; j < b; j++) {
        sum += px[rows ? i * w + j : j * w + i] & 0xff;
      }
    }
    return to >= from ? sum : -sum;
  }

  /**
   * Moves {@link #columnSums} to the rows {@code [top, bottom)}: the rows that leave the window are subtracted and
   * those that enter are added (one pass over the columns per pair of them), or, when the new window does not
   * overlap the old, the sums are made afresh. Every column sum is exact (at most {@code (2r + 1) * 255}).
   */
  private void slideWindow(int top, int bottom) {
    int[] sums = columnSums;
    int w = lv.width;
    byte[] px = lv.px;
    int in = 0;
    int out = 0;
    if (top >= windowBottom || bottom <= windowTop) {
      Arrays.fill(sums, 0);
      for (int y = top; y < bottom; y++) {
        entering[in++] = y;
      }
    } else {
      for (int y = windowTop; y < top; y++) {
        leaving[out++] = y;
      }
      for (int y = bottom; y < windowBottom; y++) {
        leaving[out++] = y;
      }
      for (int y = top; y < windowTop; y++) {
        entering[in++] = y;
      }
      for (int y = windowBottom; y < bottom; y++) {
        entering[in++] = y;
      }
    }
    int i = 0;
    for (; i < in && i < out; i++) {
      int a = entering[i] * w;
      int b = leaving[i] * w;
      for (int x = 0; x < w; x++) {
        sums[x] += (px[a + x] & 0xff) - (px[b + x] & 0xff);
      }
    }
    for (int j = i; j < in; j++) {
      int a = entering[j] * w;
      for (int x = 0; x < w; x++) {
        sums[x] += px[a + x] & 0xff;
      }
    }
    for (int j = i; j < out; j++) {
      int b = leaving[j] * w;
      for (int x = 0; x < w; x++) {
        sums[x] -= px[b + x] & 0xff;
      }
    }
    windowTop = top;
    windowBottom = bottom;
  }

  /**
   * Scans the rows; false when the deadline stopped it before the last row. A scan of every row ({@code rowStep} 1)
   * classifies an odd row only when a row beside it holds a run pattern ({@link #runSkippingRows}); a coarser
   * step scans its rows as they come ({@link #runAllRows}).
   */
  boolean run(int rowStep, Deadline deadline) {
    return rowStep == 1 ? runSkippingRows(deadline) : runAllRows(rowStep, deadline);
  }

  /**
   * Scans every {@code rowStep}-th row (from row {@code rowStep / 2}) and adds each row's candidates as they are
   * confirmed: the straightforward form, which {@link #runSkippingRows} must match. False when the deadline stopped
   * it before the last row.
   */
  boolean runAllRows(int rowStep, Deadline deadline) {
    int w = lv.width;
    // edges[0] = 0, then the x of every change of colour, then w: run j spans [edges[j], edges[j + 1])
    int[] edges = new int[w + 2];
    int[] cols = new int[w + 1];
    List<FinderCandidate> row = new ArrayList<>();
    for (int y = rowStep / 2; y < lv.height; y += rowStep) {
      if ((y & 63) == 0 && deadline.expired()) {
        return false;
      }
      scanRow(y, edges, cols, row);
      addAll(row);
    }
    return true;
  }

  /**
   * Every row scanned as by {@link #runAllRows runAllRows(1, deadline)}, but an odd row is classified only when an
   * even row beside it ({@code y - 1} or {@code y + 1}) holds a run pattern that went to {@link #confirm} (whether
   * or not it was confirmed); its candidates are added in the same row order, so when no skipped odd row would have
   * confirmed a candidate the scan's result is the same, field by field and in order. A finder pattern's centre
   * spans three modules, at least 3.9 rows at the 1.3-pixel modules a scan finds, so a row through it has a
   * neighbour through it too. Not exact in general (a row pattern alone on one row of a noisy image is skipped):
   * traced, docs/decode.md, "issue 9, fourteenth pass".
   */
  boolean runSkippingRows(Deadline deadline) {
    int w = lv.width;
    int h = lv.height;
    int[] edges = new int[w + 2];
    int[] cols = new int[w + 1];
    List<FinderCandidate> held = new ArrayList<>();
    List<FinderCandidate> current = new ArrayList<>();
    List<FinderCandidate> odd = new ArrayList<>();
    boolean heldMatched = false;
    for (int y = 0; y < h; y += 2) {
      if ((y & 63) == 0 && deadline.expired()) {
        return false;
      }
      boolean matched = scanRow(y, edges, cols, current);
      // row y - 2's candidates, then row y - 1's, in the order runAllRows adds them
      addAll(held);
      if (y > 0 && (heldMatched || matched)) {
        scanRow(y - 1, edges, cols, odd);
        addAll(odd);
      }
      List<FinderCandidate> t = held;
      held = current;
      current = t;
      heldMatched = matched;
    }
    addAll(held);
    if (h % 2 == 0 && h > 0 && heldMatched) {
      scanRow(h - 1, edges, cols, odd);
      addAll(odd);
    }
    return true;
  }

  private void addAll(List<FinderCandidate> row) {
    for (FinderCandidate c : row) {
      add(c);
    }
    row.clear();
  }

  /**
   * Classifies row {@code y} and appends to {@code out} the candidates confirmed from its run patterns, left to
   * right (not yet {@linkplain #add added}); true when any run pattern went to {@link #confirm}.
   */
  private boolean scanRow(int y, int[] edges, int[] cols, List<FinderCandidate> out) {
    int m = rowEdges(y, edges, cols);
    // m + 1 edges bound m runs; run 0 is dark when the row's first pixel is
    int start = rowStartsDark ? 0 : 1;
    boolean matched = false;
    for (int i = start; i + 4 < m; i += 2) {
      int e0 = edges[i];
      int a = edges[i + 1] - e0;
      int b = edges[i + 2] - edges[i + 1];
      int c = edges[i + 3] - edges[i + 2];
      int d = edges[i + 4] - edges[i + 3];
      int e = edges[i + 5] - edges[i + 4];
      // both tests require the centre run to be the longest dark one (and 2 pixels): checked first, in integers
      if (c >= 2 && c >= a && c >= e && patternOk(a, b, c, d, e)) {
        matched = true;
        FinderCandidate f = confirm(e0 + a + b + c / 2.0, y, a + b + c + d + e);
        if (f != null) {
          out.add(f);
        }
      }
    }
    return matched;
  }

  /** The candidates added so far (merged within the level). */
  List<FinderCandidate> found() {
    return found;
  }

  /**
   * Classifies row {@code y} pixel by pixel as {@link #dark} does and returns its runs as edges: {@code edges[0] =
   * 0}, then the x of every pixel whose class differs from its left neighbour's, then {@code width}; the return
   * value {@code m} is the number of runs ({@code m + 1} edges), and {@link #rowStartsDark} the class of run 0. The
   * window's rows are summed once per row ({@code cols}: the integral image's bottom minus top row, or without it the
   * running sum along the row of {@link #columnSums}), so each pixel
   * reads two sums instead of four, and the interior, where the window is whole, runs without clamping. This is the
   * optimised form of a boolean row followed by a run-length pass over it (qrvid 0.x before issue 9's eleventh
   * pass): one pass, no boolean row, and no branch per pixel (each pixel's class is the sign bit of
   * {@code (v + 1) * area * 32 - sum * 31}, and its x is written at the next edge slot, which advances by one only
   * where the class changes). Exact: {@code FinderDetectorTest} checks it against {@link #dark} pixel by pixel on
   * random images. Both sides of the comparison stay below 2^31 up to {@link #MAX_RADIUS}.
   */
  int rowEdges(int y, int[] edges, int[] cols) {
    int w = lv.width;
    int y0 = Math.max(0, y - r);
    int y1 = Math.min(lv.height, y + r + 1);
    int h = y1 - y0;
    int[] integral = this.integral;
    if (integral != null) {
      int top = y0 * w1;
      int bottom = y1 * w1;
      for (int x = 0; x <= w; x++) {
        cols[x] = integral[bottom + x] - integral[top + x];
      }
    } else {
      // the same values without the integral image: the window rows' column sums added up along the row (as
      // int, wrapping like the integral image's entries, so the differences below are the same)
      slideWindow(y0, y1);
      int[] sums = columnSums;
      int acc = 0;
      cols[0] = 0;
      for (int x = 0; x < w; x++) {
        acc += sums[x];
        cols[x + 1] = acc;
      }
    }
    int base = y * w;
    byte[] px = lv.px;
    int lo = Math.min(r, w);
    int hi = Math.max(lo, w - r - 1);
    int n = 0;
    // the class of pixel x - 1 (0 light, 1 dark); pixel 0's own class, so that x = 0 is never an edge
    int prev = (((px[base] & 0xff) + 1) * Math.min(w, r + 1) * h * 32 - cols[Math.min(w, r + 1)] * 31) >>> 31;
    rowStartsDark = prev == 1;
    edges[0] = 0;
    for (int x = 0; x < lo; x++) {
      int x1 = x + r + 1 > w ? w : x + r + 1;
      int bit = (((px[base + x] & 0xff) + 1) * x1 * h * 32 - (cols[x1] - cols[0]) * 31) >>> 31;
      edges[n + 1] = x;
      n += bit ^ prev;
      prev = bit;
    }
    int k = (2 * r + 1) * h * 32;
    for (int x = lo; x < hi; x++) {
      int bit = (((px[base + x] & 0xff) + 1) * k - (cols[x + r + 1] - cols[x - r]) * 31) >>> 31;
      edges[n + 1] = x;
      n += bit ^ prev;
      prev = bit;
    }
    for (int x = hi; x < w; x++) {
      int x0 = x - r < 0 ? 0 : x - r;
      int bit = (((px[base + x] & 0xff) + 1) * (w - x0) * h * 32 - (cols[w] - cols[x0]) * 31) >>> 31;
      edges[n + 1] = x;
      n += bit ^ prev;
      prev = bit;
    }
    edges[n + 1] = w;
    return n + 1;
  }

  /**
   * The 1:1:3:1:1 pattern measured edge to edge: the four distances between like edges (dark+light, light+dark,
   * ...) must be 2, 4, 4 and 2 modules within a quarter module each (and 0.75 pixel for tiny patterns). This is the
   * bar-code "e-measurement" (as in the edge-to-edge widths of Code 128, ISO/IEC 15417, and zxing-cpp's finder
   * search): a dark edge moved by over- or under-exposure, blur with a threshold off the middle, or ink spread
   * moves both edges of a pair the same way, so the sums keep their ratio while the runs do not. Measured on the
   * over-exposed version 1 of the seed-2 development set ({@code brightness_0013}, 7.6-pixel modules): runs of
   * 4, 10, 20, 11, 4 pixels (dark rings half their width, light rings 1.4 modules) fail the run test ({@link
   * #ratioOk}) on every row and level; their pair sums 14, 30, 31, 15 are 1.9, 4.0, 4.1 and 2.0 modules (0.13 module off at most: a
   * margin of 2x to the quarter module). The slack is half the run test's because a pure edge shift leaves the
   * sums exact up to the pixel quantisation of two edges; it keeps the extra candidates on clutter few (in the
   * plain search it would add 13 % candidates on the seed-2 set's 40 negatives, 5 % on its 100 over-damaged symbols,
   * 15 % on {@code lots}; half a module 28 %, 20 % and 24 %). The centre must still be the longest dark run, as in
   * the run test. Used only by the scans asked for it ({@link #scan(LumaLevel, int, int, Deadline, boolean)}): the
   * second look of {@link ScanImage#secondLookFinders}, not the plain search, whose candidates also decide whether
   * the chain's level 2 runs at all (edge-to-edge candidates on textures turned it on for 5 more of the seed-2
   * set's 40 negatives, which cost 1.2x main's time on them).
   */
  static boolean edgeToEdgeOk(int a, int b, int c, int d, int e) {
    // unit: the four pair sums span 12 modules
    double u = (a + 2.0 * (b + c + d) + e) / 12;
    if (u < 1) {
      return false;
    }
    double slack = Math.max(0.25 * u, 0.75);
    return Math.abs(a + b - 2 * u) <= slack && Math.abs(b + c - 4 * u) <= slack && Math.abs(c + d - 4 * u) <= slack
        && Math.abs(d + e - 2 * u) <= slack && c >= Math.max(a, e) && c >= 2;
  }

  /** The 1:1:3:1:1 test with half a module of slack per run (and one pixel for tiny patterns). */
  static boolean ratioOk(int a, int b, int c, int d, int e) {
    int total = a + b + c + d + e;
    if (total < 7) {
      return false;
    }
    double m = total / 7.0;
    double slack = Math.max(m * 0.5, 0.75);
    return Math.abs(a - m) <= slack && Math.abs(b - m) <= slack && Math.abs(d - m) <= slack
        && Math.abs(e - m) <= slack && Math.abs(c - 3 * m) <= Math.max(3 * slack, 1.5)
        && c >= Math.max(a, e) && c >= 2;
  }

  /** Counts the five runs along a line through (cx, cy) in direction (dx, dy); null when not a finder. */
  private int[] crossRuns(int cx, int cy, int dx, int dy, int maxRun) {
    if (cx < 0 || cy < 0 || cx >= lv.width || cy >= lv.height || !dark(cx, cy)) {
      return null;
    }
    int[] s = new int[5];
    // backwards: centre, light, dark
    int x = cx;
    int y = cy;
    int state = 2;
    while (true) {
      boolean inside = x >= 0 && y >= 0 && x < lv.width && y < lv.height;
      boolean dk = inside && dark(x, y);
      boolean want = state != 1;
      if (inside && dk == want) {
        s[state]++;
        if (s[state] > maxRun) {
          return null;
        }
      } else {
        if (state == 0) {
          break;
        }
        if (!inside) {
          return null;
        }
        state--;
        continue;
      }
      x -= dx;
      y -= dy;
    }
    int back = s[2];
    // forwards: rest of centre, light, dark
    x = cx + dx;
    y = cy + dy;
    state = 2;
    while (true) {
      boolean inside = x >= 0 && y >= 0 && x < lv.width && y < lv.height;
      boolean dk = inside && dark(x, y);
      boolean want = state != 3;
      if (inside && dk == want) {
        s[state]++;
        if (s[state] > maxRun) {
          return null;
        }
      } else {
        if (state == 4) {
          break;
        }
        if (!inside) {
          return null;
        }
        state++;
        continue;
      }
      x += dx;
      y += dy;
    }
    // s[2] now holds the whole centre run; encode the centre offset in a sixth slot via return of array copy
    return new int[] {s[0], s[1], s[2], s[3], s[4], back};
  }

  /**
   * The cross-checks {@link #confirm} made from one vertical centre run of one column: what every row pattern centred
   * on that column and crossing that run measures again. The vertical runs through any pixel of a dark run are the
   * same five runs (only the count above the start differs, {@code back = y - top + 1}), so the refined centre row,
   * and with it the horizontal and diagonal cross-checks' starting pixels, are the same too; only {@code maxRun}
   * (twice the row pattern's width) differs. A {@link #crossRuns} that returned runs with one {@code maxRun} returns
   * the same runs with any other as long as no run exceeds it, and null otherwise (it stops at the first run over
   * the limit, and a run that ends within it is counted the same); one that returned null does so again with a
   * smaller {@code maxRun} (the same run is over the limit or reaches the border sooner). So each check is kept with
   * the limit it was made with and made again only when a larger limit could change a null. Exact: {@code
   * FinderDetectorTest} compares scans with and without it, field by field and in order.
   */
  private static final class ColumnChecks {
    /** The first row of the vertical centre run, and the five vertical runs ({@code v[2]} the centre). */
    final int top;
    final int[] v;
    /** The horizontal check's runs (null when it found none), and the {@code maxRun} it was made with (0: not made). */
    int[] h;
    int hMax;
    /** The diagonal check's, likewise. */
    int[] dg;
    int dgMax;

    ColumnChecks(int top, int[] v) {
      this.top = top;
      this.v = v;
    }
  }

  /**
   * What {@link #crossRuns} returns with limit {@code maxRun} from the start that gave {@code runs} with another
   * limit, when that gave runs, or gave null with a limit of at least {@code maxRun} ({@link ColumnChecks}): null
   * when {@code runs} is null or one of the five exceeds {@code maxRun}, else {@code runs}.
   */
  private static int[] within(int[] runs, int maxRun) {
    if (runs == null) {
      return null;
    }
    for (int i = 0; i < 5; i++) {
      if (runs[i] > maxRun) {
        return null;
      }
    }
    return runs;
  }

  /** The candidate a row pattern centred at {@code cxRow} on row {@code y} confirms, or null. */
  private FinderCandidate confirm(double cxRow, int y, int totalRow) {
    int maxRun = totalRow * 2;
    int cx = (int) cxRow;
    ColumnChecks col = null;
    int[] v;
    if (memo) {
      if (columns == null) {
        columns = new ColumnChecks[lv.width];
      }
      col = cx >= 0 && cx < lv.width ? columns[cx] : null;
    }
    if (col != null && y >= col.top && y < col.top + col.v[2]) {
      columnReuses++;
      v = within(col.v, maxRun);
      if (v != null) {
        v = new int[] {v[0], v[1], v[2], v[3], v[4], y - col.top + 1};
      }
    } else {
      v = crossRuns(cx, y, 0, 1, maxRun);
      if (memo && v != null) {
        col = new ColumnChecks(y - (v[5] - 1), v);
        columns[cx] = col;
      } else {
        col = null;
      }
    }
    if (v == null || !patternOk(v[0], v[1], v[2], v[3], v[4])) {
      return null;
    }
    int totalV = v[0] + v[1] + v[2] + v[3] + v[4];
    if (totalV * 3 < totalRow || totalV > totalRow * 3) {
      return null;
    }
    // centre of the vertical centre run: it starts (back - 1) above y
    double cy = y - (v[5] - 1) + v[2] / 2.0 - 0.5;
    int icy = (int) Math.round(cy);
    int[] h;
    if (col == null) {
      h = crossRuns(cx, icy, 1, 0, maxRun);
    } else if (col.hMax != 0 && (col.h != null || maxRun <= col.hMax)) {
      h = within(col.h, maxRun);
    } else {
      h = crossRuns(cx, icy, 1, 0, maxRun);
      col.h = h;
      col.hMax = maxRun;
    }
    if (h == null || !patternOk(h[0], h[1], h[2], h[3], h[4])) {
      return null;
    }
    int totalH = h[0] + h[1] + h[2] + h[3] + h[4];
    double rcx = cx - (h[5] - 1) + h[2] / 2.0 - 0.5;
    int[] dg;
    if (col == null) {
      dg = crossRuns((int) Math.round(rcx), icy, 1, 1, maxRun * 2);
    } else if (col.dgMax != 0 && (col.dg != null || maxRun * 2 <= col.dgMax)) {
      dg = within(col.dg, maxRun * 2);
    } else {
      dg = crossRuns((int) Math.round(rcx), icy, 1, 1, maxRun * 2);
      col.dg = dg;
      col.dgMax = maxRun * 2;
    }
    if (dg == null) {
      return null;
    }
    int totalD = dg[0] + dg[1] + dg[2] + dg[3] + dg[4];
    // lenient on the diagonal: every ring present, total between the axis totals' plausible range
    if (totalD * 2 < Math.min(totalH, totalV) || totalD > 2 * Math.max(totalH, totalV) || dg[2] < Math.max(dg[0], dg[4]) / 2) {
      return null;
    }
    int s = lv.scale;
    double ms = (totalH + totalV) / 14.0;
    double fx = (rcx + 0.5) * s;
    double fy = (cy + 0.5) * s;
    double darkGrey = lv.bilinear(rcx + 0.5, cy + 0.5);
    double lightGrey = (lv.bilinear(rcx + 0.5 + 2 * ms, cy + 0.5) + lv.bilinear(rcx + 0.5 - 2 * ms, cy + 0.5)
        + lv.bilinear(rcx + 0.5, cy + 0.5 + 2 * ms) + lv.bilinear(rcx + 0.5, cy + 0.5 - 2 * ms)) / 4;
    FinderCandidate c = new FinderCandidate(fx, fy, ms * s, darkGrey, lightGrey, s);
    c.moduleX = totalH / 7.0 * s;
    c.moduleY = totalV / 7.0 * s;
    return c;
  }

  private void add(FinderCandidate c) {
    int cell = 64 * lv.scale;
    long gx = (long) Math.floor(c.x / cell);
    long gy = (long) Math.floor(c.y / cell);
    for (long yy = gy - 1; yy <= gy + 1; yy++) {
      for (long xx = gx - 1; xx <= gx + 1; xx++) {
        List<FinderCandidate> l = grid.get(yy * 1_000_003L + xx);
        if (l == null) {
          continue;
        }
        for (FinderCandidate o : l) {
          if (o.near(c)) {
            o.merge(c);
            return;
          }
        }
      }
    }
    grid.computeIfAbsent(gy * 1_000_003L + gx, k -> new ArrayList<>()).add(c);
    found.add(c);
  }

  /**
   * Merges candidates found on several levels (the same pattern seen at two scales) into one list.
   */
  static List<FinderCandidate> mergeLevels(List<List<FinderCandidate>> levels) {
    List<FinderCandidate> out = new ArrayList<>();
    Map<Long, List<FinderCandidate>> grid = new HashMap<>();
    double cell = 128;
    for (List<FinderCandidate> level : levels) {
      for (FinderCandidate c : level) {
        long gx = (long) Math.floor(c.x / cell);
        long gy = (long) Math.floor(c.y / cell);
        FinderCandidate match = null;
        int reach = (int) Math.ceil(2 * c.moduleSize / cell) + 1;
        for (long yy = gy - reach; yy <= gy + reach && match == null; yy++) {
          for (long xx = gx - reach; xx <= gx + reach && match == null; xx++) {
            List<FinderCandidate> l = grid.get(yy * 1_000_003L + xx);
            if (l != null) {
              for (FinderCandidate o : l) {
                if (o.near(c)) {
                  match = o;
                  break;
                }
              }
            }
          }
        }
        if (match != null) {
          // keep the finer level's position (more precise); count the hits of both
          if (c.scale < match.scale) {
            int hits = match.hits;
            match.x = c.x;
            match.y = c.y;
            match.moduleSize = c.moduleSize;
            match.moduleX = c.moduleX;
            match.moduleY = c.moduleY;
            match.dark = c.dark;
            match.light = c.light;
            match.scale = c.scale;
            match.hits = hits + c.hits;
          } else {
            match.hits += c.hits;
          }
        } else {
          grid.computeIfAbsent(gy * 1_000_003L + gx, k -> new ArrayList<>()).add(c);
          out.add(c);
        }
      }
    }
    return out;
  }
}
