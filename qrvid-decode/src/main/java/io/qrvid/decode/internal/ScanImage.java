package io.qrvid.decode.internal;

import java.awt.geom.AffineTransform;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one scan shares between its steps: the full-resolution grey image, its pyramid (each level half the
 * previous, area averaged, made once), each level's integral image, and the finder-pattern candidates found over
 * the pyramid. Not thread-safe: one scan, one thread (parallel steps get their own {@link SymbolReader}s and read
 * only what this class already made).
 */
public final class ScanImage {
  /** Levels smaller than this on their long side are not made. */
  private static final int MIN_LEVEL_SIDE = 48;
  /** Images up to this many pixels are searched for finder patterns at full resolution. */
  static final long FULL_SCAN_PIXELS = 2_500_000L;

  private final Gray gray;
  private final List<LumaLevel> levels = new ArrayList<>();
  private List<FinderCandidate> finders;
  /**
   * The {@link Gray}s this image handed out ({@link #scaled}, {@link #crop}), by level and pixel rectangle: {@code
   * [k]} for a scaled level, {@code [scale, x0, y0, width, height]} (level pixels) for a crop. Before issue 9's
   * thirteenth pass each call made a new {@code Gray}, so the ZXing hybrid and try-harder decoders given one region
   * binarised it once each; a {@code Gray}'s pixels never change and what is kept on it is a function of them alone
   * ({@link Gray#hybridBits()}), so sharing one changes no result (docs/decode.md, "issue 9, thirteenth pass").
   * Guarded by itself (the chain asks on the scan's own thread; the lock costs nothing there and keeps a {@code Gray}
   * handed out once per key if a decoder thread ever asks). Holds the crops for the scan's life (a few small regions
   * per scan).
   */
  private final Map<List<Integer>, Gray> grays = new HashMap<>();
  /** Full-resolution pixels of the photo this image was {@linkplain #reduced reduced} from per pixel (1, 2, 4, ...). */
  private final int reduction;

  public ScanImage(Gray gray) {
    this.gray = gray;
    this.reduction = 1;
    levels.add(new LumaLevel(gray.px, gray.width, gray.height, 1));
  }

  /** A reduced view: {@code shared} are the photo's pyramid levels from the view's own resolution on. */
  private ScanImage(Gray gray, List<LumaLevel> shared, int reduction) {
    this.gray = gray;
    this.reduction = reduction;
    for (LumaLevel l : shared) {
      // the same pixels at the view's scale, sharing their integral image and finder scans (LumaLevel.rescaled)
      levels.add(l.rescaled(l.scale / reduction));
    }
  }

  public Gray gray() {
    return gray;
  }

  LumaLevel full() {
    return levels.get(0);
  }

  /** Whether pyramid level {@code k} exists (the image is large enough for it); makes it if needed. */
  public boolean hasLevel(int k) {
    return level(k) != null;
  }

  /** Level {@code k} (scale 2^k), or null when the image is too small for it. */
  LumaLevel level(int k) {
    while (levels.size() <= k) {
      LumaLevel last = levels.get(levels.size() - 1);
      if (Math.max(last.width, last.height) / 2 < MIN_LEVEL_SIDE || Math.min(last.width, last.height) < 4) {
        return null;
      }
      levels.add(last.half());
    }
    return levels.get(k);
  }

  /**
   * The image reduced by {@code 2^k} (a pyramid level) as a {@link Gray} whose transform maps back to full
   * resolution; {@code k = 0} is the full image. Made once per level and scan and returned again on every later
   * call (see {@link #grays}); thread-safe.
   */
  public Gray scaled(int k) {
    LumaLevel l = level(k);
    if (l == null || k == 0) {
      return gray;
    }
    synchronized (grays) {
      return grays.computeIfAbsent(List.of(k), key -> {
        AffineTransform t = new AffineTransform(gray.toOriginal);
        t.scale(l.scale, l.scale);
        return new Gray(l.px, l.width, l.height, t);
      });
    }
  }

  /**
   * A region of level {@code k} as a {@link Gray} whose transform maps back to the caller's coordinates; the
   * region is given in full-resolution pixels and clamped to the image. Made once per pixel rectangle of a level and
   * returned again to every later call that clamps to the same rectangle (see {@link #grays}), so that every decoder
   * given the region shares what was derived from it (ZXing's hybrid binarisation); thread-safe.
   */
  public Gray crop(int k, double x0, double y0, double x1, double y1) {
    LumaLevel l = level(k);
    if (l == null) {
      l = full();
    }
    int s = l.scale;
    int cx0 = Math.max(0, (int) Math.floor(x0 / s));
    int cy0 = Math.max(0, (int) Math.floor(y0 / s));
    int cx1 = Math.min(l.width, (int) Math.ceil(x1 / s));
    int cy1 = Math.min(l.height, (int) Math.ceil(y1 / s));
    int w = Math.max(1, cx1 - cx0);
    int h = Math.max(1, cy1 - cy0);
    LumaLevel from = l;
    synchronized (grays) {
      return grays.computeIfAbsent(List.of(s, cx0, cy0, w, h), key -> {
        byte[] out = new byte[w * h];
        for (int y = 0; y < h; y++) {
          System.arraycopy(from.px, (cy0 + y) * from.width + cx0, out, y * w, Math.min(w, from.width - cx0));
        }
        AffineTransform t = new AffineTransform(gray.toOriginal);
        t.scale(s, s);
        t.translate(cx0, cy0);
        return new Gray(out, w, h, t);
      });
    }
  }

  /**
   * This image reduced by {@code 2^k} as a scan image of its own: its full resolution is pyramid level {@code k}
   * (its pixels and the coarser levels made so far are shared, not copied; a coarser level made later is made again
   * from the view's own), its {@link #gray()}'s
   * transform maps to this image's original coordinates, and its finder patterns, reads and groups are its own
   * (searched on first use; a scan of a shared level that the photo's search made is not made again but copied at the
   * view's scale, {@link FinderDetector#scan(LumaLevel, int, int, Deadline, boolean)}, and the shared levels' integral
   * images are the photo's). {@code k = 0}, or a level the image is too small for, returns this image.
   * Not thread-safe, like the image itself.
   */
  public ScanImage reduced(int k) {
    if (k <= 0 || level(k) == null) {
      return this;
    }
    return new ScanImage(scaled(k), levels.subList(k, levels.size()), reduction << k);
  }

  /** Full-resolution pixels of the photo per pixel of this image: 1, or 2^k for a {@linkplain #reduced view}. */
  public int reduction() {
    return reduction;
  }

  /**
   * Fewest pixels a finder pattern's module keeps at the {@linkplain #workingReduction working scale}: 4. On the
   * count-10 development set scaled to 4032 x 3024 (docs/decode.md, "issue 9, twelfth pass") the reduced photos read
   * every symbol their originals read.
   */
  static final double WORKING_MODULE = 4;
  /**
   * Shortest long side, in pixels, of the {@linkplain #workingReduction working scale}: 1000, so that a 12-megapixel
   * photo (4032 pixels) is reduced at most to its level 2 (1008 pixels), about the size the chain's decoders were
   * tuned on, never to 504 pixels.
   */
  static final int WORKING_MIN_SIDE = 1000;

  /**
   * The pyramid level at which a large photo is read as a whole ({@link #reduced}): 0 unless the image has more than
   * {@value #FULL_SCAN_PIXELS} pixels, its finder search ({@link #finders}, made here if it was not) saw no
   * candidate with modules under {@link QrvidDetector#SMALL_MODULE} full-resolution pixels (on any number of scan
   * rows: small symbols, which the reader's own full-resolution search is for), and it found candidates confirmed on
   * at least {@value UnreadGroup#LOOSE_REGION_HITS} scan rows; then the coarsest level at which the smallest of
   * those keeps modules of at least {@value #WORKING_MODULE} pixels and the long side at least {@value
   * #WORKING_MIN_SIDE} pixels. An upscaled photo holds no more than its original, and read at full resolution
   * qrvid's reader lost symbols (modules of 10-18 pixels) that it reads at a few pixels per module, and spent up to
   * four times as long (docs/decode.md, "issue 9, twelfth pass"). Not thread-safe (one scan, one thread).
   */
  public int workingReduction(Deadline deadline) {
    if ((long) gray.width * gray.height <= FULL_SCAN_PIXELS) {
      return 0;
    }
    double smallest = Double.POSITIVE_INFINITY;
    for (FinderCandidate c : finders(deadline)) {
      if (c.moduleSize < QrvidDetector.SMALL_MODULE) {
        // seen on a single row or more: a small symbol the reader's full-resolution search is there for
        return 0;
      }
      if (c.hits >= UnreadGroup.LOOSE_REGION_HITS) {
        smallest = Math.min(smallest, c.moduleSize);
      }
    }
    if (Double.isInfinite(smallest)) {
      return 0;
    }
    int side = Math.max(gray.width, gray.height);
    int k = 0;
    while (smallest / (2 << k) >= WORKING_MODULE && (side >> (k + 1)) >= WORKING_MIN_SIDE && level(k + 1) != null) {
      k++;
    }
    return k;
  }

  /**
   * Notes a symbol read by another decoder, its corners (x0, y0, ..., x3, y3) given in the pixels of the photo this
   * image was {@linkplain #reduced reduced} from (for an image not reduced, its own pixels).
   */
  public void addReadOriginal(double[] corners) {
    if (reduction == 1) {
      addRead(corners);
      return;
    }
    double[] own = new double[corners.length];
    for (int i = 0; i < corners.length; i++) {
      own[i] = corners[i] / reduction;
    }
    addRead(own);
  }

  /** Triples of finder patterns that looked like a symbol (timing patterns present) but were not read. */
  private final List<FinderGrouper.Triple> unread = new ArrayList<>();

  void addUnread(FinderGrouper.Triple t) {
    unread.add(t);
  }

  List<FinderGrouper.Triple> unread() {
    List<FinderGrouper.Triple> out = new ArrayList<>();
    for (FinderGrouper.Triple t : unread) {
      if (!t.anyUsed()) {
        out.add(t);
      }
    }
    return out;
  }

  private List<Symbol> qrvidAll;
  private List<Symbol> qrvidFirst;

  /** Whether qrvid's own reader has looked for every symbol in this image. */
  public boolean qrvidRan() {
    return qrvidAll != null;
  }

  /** What qrvid's own reader found in this image (all symbols, or the first only), or null before it ran. */
  List<Symbol> qrvidSymbols(boolean all) {
    return all ? qrvidAll : qrvidAll != null ? qrvidAll : qrvidFirst;
  }

  void qrvidSymbols(boolean all, List<Symbol> symbols) {
    if (all) {
      qrvidAll = symbols;
    } else {
      qrvidFirst = symbols;
    }
  }

  /** Quadrilaterals (x0, y0, ..., x3, y3, full resolution) of the symbols qrvid's reader read. */
  private final List<double[]> read = new ArrayList<>();

  public void addRead(double[] corners) {
    read.add(corners);
  }

  /** Whether a point lies inside a symbol already read (by the crossing-number test). */
  boolean insideRead(double x, double y) {
    for (double[] q : read) {
      boolean in = false;
      for (int i = 0, j = 3; i < 4; j = i++) {
        double xi = q[2 * i];
        double yi = q[2 * i + 1];
        double xj = q[2 * j];
        double yj = q[2 * j + 1];
        if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
          in = !in;
        }
      }
      if (in) {
        return true;
      }
    }
    return false;
  }

  private List<FinderCandidate> secondLook;

  /** Pyramid levels of the second look ({@link #secondLookFinders}). */
  private static final int SECOND_LOOK_FIRST_LEVEL = 1;
  private static final int SECOND_LOOK_LAST_LEVEL = 2;

  /**
   * A second finder-pattern search for what the plain one ({@link #finders}) cannot see, made on first call when
   * qrvid's reader read nothing at level 1: on pyramid levels 1 and 2 with the standard window,
   *
   * <ul>
   *   <li>each level smoothed by a 3x3 box of its own pixels (6 and 12 full-resolution pixels) and searched with the
   *       run test: <b>symbols printed as separate dots</b> (or any module style with light gaps between dark
   *       modules). A box about one module wide fills the gaps between neighbouring dots and leaves each module of
   *       the pattern's light ring light (the dots beside it lie outside the box), so the rings become runs again,
   *       with lower contrast, which the local-mean threshold follows;
   *   <li>each level as it is, searched with the edge-to-edge test as well ({@link FinderDetector#edgeToEdgeOk}):
   *       <b>dark rings thinned by over-exposure</b> (or thickened by ink spread).
   * </ul>
   *
   * <p>Measured on the development sets' five unread {@code noncompliant} symbols, all printed as dots (4.0-7.6
   * pixel modules, dot radius 0.3-0.48 module; seeds 1 and 2), where the plain search found at most one pattern:
   * the 3x3 box on level 1 finds all three patterns of the three with a quiet zone (4.8, 5.0 and 7.4 pixel
   * modules); the two printed to the paper's edge on a dark surround are not found this way. A 5x5 box on full
   * resolution found the same three at four times the pixels; the box on full resolution with both windows found
   * nothing more that reads and cost 1.2x the plain search on the negatives, the boxed levels 1 and 2 a quarter of
   * it. The over-exposed version 1 of seed 2 ({@code brightness_0013}) has all three patterns found on level 1
   * edge to edge and none by the run test anywhere. These candidates are kept apart from {@link #finders} (which
   * also decide whether the chain's level 2 runs). Not thread-safe (one scan, one thread).
   */
  List<FinderCandidate> secondLookFinders(Deadline deadline) {
    if (secondLook == null) {
      List<List<FinderCandidate>> perLevel = new ArrayList<>();
      for (int k = SECOND_LOOK_FIRST_LEVEL; k <= SECOND_LOOK_LAST_LEVEL; k++) {
        LumaLevel l = level(k);
        if (l == null || deadline.expired()) {
          break;
        }
        int step = (long) l.width * l.height > 2_000_000L ? 2 : 1;
        perLevel.add(FinderDetector.scan(l.box3(), step, FinderDetector.RADIUS, deadline));
        perLevel.add(FinderDetector.scan(l, step, FinderDetector.RADIUS, deadline, true));
      }
      secondLook = FinderDetector.mergeLevels(perLevel);
    }
    return secondLook;
  }

  /** The finder candidates if they were searched, else none. */
  List<FinderCandidate> findersIfKnown() {
    return finders == null ? List.of() : finders;
  }

  /**
   * Finder-pattern candidates over the pyramid, found on first call (full-resolution coordinates). Every level from
   * 1 up is scanned with the standard window, and the finest level scanned with the small window (see
   * {@link FinderDetector}); full resolution, when it is the finest level, with both. The finest level is full
   * resolution up to {@value #FULL_SCAN_PIXELS} pixels, and level 1 above that: a full-resolution scan of a
   * 12-megapixel photo costs four times the rest, and modules under 2.6 pixels, the only ones it would add, are rare
   * in photos that large.
   */
  List<FinderCandidate> finders(Deadline deadline) {
    if (finders == null) {
      List<List<FinderCandidate>> perLevel = new ArrayList<>();
      boolean large = (long) gray.width * gray.height > FULL_SCAN_PIXELS;
      int finest = large && level(1) != null ? 1 : 0;
      for (int k = finest; ; k++) {
        LumaLevel l = level(k);
        if (l == null || deadline.expired()) {
          break;
        }
        int step = (long) l.width * l.height > 2_000_000L ? 2 : 1;
        // on level 1 of a large image the standard window adds nothing: the small window covers its modules up to
        // 2.7 pixels and level 2 those from 2.6 up
        if (k == 0 || k > finest) {
          perLevel.add(FinderDetector.scan(l, step, FinderDetector.RADIUS, deadline));
        }
        if (k == finest) {
          perLevel.add(FinderDetector.scan(l, step, FinderDetector.SMALL_RADIUS, deadline));
        }
      }
      finders = FinderDetector.mergeLevels(perLevel);
    }
    return finders;
  }
}
