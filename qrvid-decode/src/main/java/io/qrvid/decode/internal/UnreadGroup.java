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
}
