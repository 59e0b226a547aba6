package io.qrvid.decode.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A region of the image around a group of three finder patterns that showed a symbol's timing patterns but that
 * qrvid's reader could not read: where the other decoders should look, and at what scale. Coordinates are in
 * full-resolution pixels. Immutable.
 */
public final class UnreadGroup {
  /** Module size of the group's finder patterns, in full-resolution pixels. */
  public final double moduleSize;
  public final double x0;
  public final double y0;
  public final double x1;
  public final double y1;

  private UnreadGroup(double moduleSize, double x0, double y0, double x1, double y1) {
    this.moduleSize = moduleSize;
    this.x0 = x0;
    this.y0 = y0;
    this.x1 = x1;
    this.y1 = y1;
  }

  /**
   * The unread groups of a scan, best first, overlapping ones merged into the first; a group whose centre lies
   * inside a symbol some decoder has read since is no longer unread.
   */
  public static List<UnreadGroup> unread(ScanImage image) {
    List<UnreadGroup> out = new ArrayList<>();
    for (FinderGrouper.Triple t : image.unread()) {
      if (image.insideRead((t.tr.x + t.bl.x) / 2, (t.tr.y + t.bl.y) / 2)) {
        continue;
      }
      double brx = t.tr.x + t.bl.x - t.tl.x;
      double bry = t.tr.y + t.bl.y - t.tl.y;
      double minX = Math.min(Math.min(t.tl.x, t.tr.x), Math.min(t.bl.x, brx));
      double maxX = Math.max(Math.max(t.tl.x, t.tr.x), Math.max(t.bl.x, brx));
      double minY = Math.min(Math.min(t.tl.y, t.tr.y), Math.min(t.bl.y, bry));
      double maxY = Math.max(Math.max(t.tl.y, t.tr.y), Math.max(t.bl.y, bry));
      double ms = t.moduleSize();
      // finder centres sit 3.5 modules inside the symbol; add a 4-module quiet zone and a quarter for perspective
      double pad = 8 * ms + 0.25 * Math.max(maxX - minX, maxY - minY);
      UnreadGroup g = new UnreadGroup(ms, minX - pad, minY - pad, maxX + pad, maxY + pad);
      boolean merged = false;
      for (UnreadGroup o : out) {
        double cx = (g.x0 + g.x1) / 2;
        double cy = (g.y0 + g.y1) / 2;
        if (cx > o.x0 && cx < o.x1 && cy > o.y0 && cy < o.y1) {
          merged = true;
          break;
        }
      }
      if (!merged) {
        out.add(g);
      }
    }
    return out;
  }

  /**
   * Regions around clusters of finder-pattern candidates that belong to no read symbol, lie inside no read symbol
   * and inside no {@linkplain #unread unread group}: symbols whose finder patterns qrvid's reader saw but could not
   * group or read (in photos of many small symbols, most of those BoofCV alone reads and the reader did not). Each
   * candidate confirmed on at least {@value #LOOSE_REGION_HITS} scan rows joins the first cluster whose box, grown
   * by 25 of its modules, contains it; a cluster's region is its box grown by 8 modules (quiet zone and the finder's
   * own half) plus its extent, at least 22 modules (a version-1 or -2 symbol around a single visible finder pattern).
   * Best confirmed first; at most {@code max}.
   */
  public static List<UnreadGroup> looseRegions(ScanImage image, List<UnreadGroup> covered, int max) {
    List<FinderCandidate> loose = new ArrayList<>();
    for (FinderCandidate c : image.findersIfKnown()) {
      if (!c.used && c.hits >= LOOSE_REGION_HITS && !image.insideRead(c.x, c.y) && !inside(covered, c.x, c.y)) {
        loose.add(c);
      }
    }
    loose.sort((a, b) -> Integer.compare(b.hits, a.hits));
    List<double[]> boxes = new ArrayList<>(); // x0, y0, x1, y1, module size sum, count, hits
    for (FinderCandidate c : loose) {
      double[] home = null;
      for (double[] b : boxes) {
        double reach = 25 * b[4] / b[5];
        if (c.x > b[0] - reach && c.x < b[2] + reach && c.y > b[1] - reach && c.y < b[3] + reach) {
          home = b;
          break;
        }
      }
      if (home == null) {
        if (boxes.size() >= 4 * max) {
          continue;
        }
        boxes.add(new double[] {c.x, c.y, c.x, c.y, c.moduleSize, 1, c.hits});
      } else {
        home[0] = Math.min(home[0], c.x);
        home[1] = Math.min(home[1], c.y);
        home[2] = Math.max(home[2], c.x);
        home[3] = Math.max(home[3], c.y);
        home[4] += c.moduleSize;
        home[5]++;
        home[6] += c.hits;
      }
    }
    // clusters of several well-confirmed patterns first: those are symbols, single sightings often texture
    boxes.sort((a, b) -> Double.compare(b[6], a[6]));
    List<UnreadGroup> out = new ArrayList<>();
    for (double[] b : boxes) {
      if (out.size() >= max) {
        break;
      }
      double ms = b[4] / b[5];
      double pad = 8 * ms + Math.max(22 * ms, Math.max(b[2] - b[0], b[3] - b[1]));
      out.add(new UnreadGroup(ms, b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad));
    }
    return out;
  }

  /**
   * The smallest module size (full-resolution pixels) of the finder-pattern candidates confirmed on at least
   * {@value #LOOSE_REGION_HITS} scan rows that belong to no read symbol and lie inside none; infinity when there
   * are none.
   */
  public static double smallestLooseModule(ScanImage image) {
    double m = Double.POSITIVE_INFINITY;
    for (FinderCandidate c : image.findersIfKnown()) {
      if (!c.used && c.hits >= LOOSE_REGION_HITS && !image.insideRead(c.x, c.y)) {
        m = Math.min(m, c.moduleSize);
      }
    }
    return m;
  }

  /**
   * Whether qrvid's finder search saw anything like a symbol: a finder-pattern candidate confirmed on at least
   * {@value #LEVEL2_EVIDENCE_HITS} scan rows (used or not). Without one, the chain's preprocessing retries (level 2)
   * are skipped: on the synthetic sets' images without such a candidate they read nothing and spent the rest of the
   * time budget (see docs/decode.md, and {@link #LEVEL2_EVIDENCE_HITS} for the trace behind the number).
   */
  public static boolean anyFinder(ScanImage image) {
    for (FinderCandidate c : image.findersIfKnown()) {
      if (c.hits >= LEVEL2_EVIDENCE_HITS) {
        return true;
      }
    }
    return false;
  }

  /**
   * Scan rows that must confirm some finder-pattern candidate of an image before the chain's level 2 runs on it
   * ({@link #anyFinder}). Traced (docs/decode.md, "issue 9, fourteenth pass: level 2 only on finder evidence"): with
   * a 60 s budget, every one of the 23 symbols level 2 read on the synthetic seeds 2 and 3 and the count-10 seed-1
   * set, and the one it read on the sample sets ({@code qrcode-4/30.png}), came from an image whose best candidate was
   * confirmed on 7 to 67 rows; on seed 2 the images whose best candidate had only 2 or 3 rows (10 of its 40
   * negatives, a blurred and two pathological photos) read nothing there and spent 7.3 of level 2's 52.2 s. The
   * margin: 4 rows against the weakest read's 7. It was 2 ({@link #LOOSE_REGION_HITS}) before.
   */
  static final int LEVEL2_EVIDENCE_HITS = 4;

  /** Scan rows that must confirm a finder-pattern candidate before a region is cut around it. */
  static final int LOOSE_REGION_HITS = 2;

  private static boolean inside(List<UnreadGroup> groups, double x, double y) {
    for (UnreadGroup g : groups) {
      if (x > g.x0 && x < g.x1 && y > g.y0 && y < g.y1) {
        return true;
      }
    }
    return false;
  }

  /**
   * Loose candidates ({@link #loose}, confirmed on at least four scan rows) beyond which they are texture, not
   * symbols still unread: once something was read the chain's {@code scanAll} then stops instead of running every
   * decoder on regions around them. Traced (docs/decode.md, "issue 9, thirteenth pass"): of the 1,220 photos of
   * the synthetic seeds 2 and 3 and the count-10 set, one has more than 60 candidates on four rows or more
   * ({@code noncompliant_0019} of seed 2, a symbol on diagonal stripes: 1,295); the most on any other is 60 (a
   * {@code lots} photo of seed 2 with many symbols).
   */
  public static final int TEXTURE_LOOSE = 400;

  /**
   * Finder-pattern candidates confirmed on at least four scan rows that belong to no read symbol and lie inside no
   * read symbol: evidence of a symbol not read yet.
   */
  public static int loose(ScanImage image) {
    int n = 0;
    for (FinderCandidate c : image.findersIfKnown()) {
      if (!c.used && c.hits >= 4 && !image.insideRead(c.x, c.y)) {
        n++;
      }
    }
    return n;
  }

  /**
   * What qrvid's finder search left at the end of level 1, for traces: unread groups, finder-pattern candidates
   * confirmed on at least 2 and 4 scan rows, the most rows any candidate had, and the smallest and largest module
   * size (full-resolution pixels) of those confirmed on at least 2.
   */
  public static String evidence(ScanImage image) {
    int c2 = 0;
    int c4 = 0;
    int maxHits = 0;
    double minM = Double.POSITIVE_INFINITY;
    double maxM = 0;
    for (FinderCandidate c : image.findersIfKnown()) {
      maxHits = Math.max(maxHits, c.hits);
      if (c.hits >= 2) {
        c2++;
        minM = Math.min(minM, c.moduleSize);
        maxM = Math.max(maxM, c.moduleSize);
      }
      if (c.hits >= 4) {
        c4++;
      }
    }
    return String.format(java.util.Locale.ROOT, "evidence unread %d triples %d c2 %d c4 %d maxhits %d module %.1f-%.1f",
        unread(image).size(), image.unread().size(), c2, c4, maxHits, minM, maxM);
  }
}
