package io.qrvid.video.memvid;

import java.util.Optional;

/**
 * Finds the module grid of the one symbol in a frame, using what memvid's pipeline guarantees: a single symbol, its
 * quiet zone of {@code b} modules, the whole image scaled to the frame (memvid v0.1.3: border 3, version 35 or more
 * by {@code fit=True}, 815 px or more scaled to 256 x 256; v0.1.2: border 4). Hypotheses: every version 1..40 with
 * the quiet zone filling the frame (borders 3 and 4), and every version over the bounding box of the dark pixels
 * (any other scale, such as a qrvid export at a whole number of pixels per module). Each hypothesis is scored by how
 * well the modules whose values are known in advance ({@link FunctionPatterns}) separate into dark and light when
 * sampled (bilinear) at their centres: the Fisher ratio {@code (mean light - mean dark) / pooled deviation}. The
 * best one is refined by a small search over sub-pixel offset and pitch.
 *
 * <p>Stateless; thread-safe.
 */
final class GridLocator {
  /** Below this score no hypothesis is trusted (the right hypotheses of the fixtures' frames score 4 to 20). */
  static final double MIN_SCORE = 2.0;

  private GridLocator() {}

  /** The best grid in the frame, or empty if no hypothesis separates the known modules. */
  static Optional<SymbolGrid> locate(Luma img) {
    SymbolGrid best = null;
    for (int border = 3; border <= 4; border++) {
      for (int v = 1; v <= 40; v++) {
        int n = 17 + 4 * v;
        double px = (double) img.width / (n + 2 * border);
        double py = (double) img.height / (n + 2 * border);
        if (px < 0.9 || py < 0.9) {
          continue;
        }
        SymbolGrid g = score(img, new SymbolGrid(v, border * px, border * py, px, py, 0));
        if (best == null || g.score > best.score) {
          best = g;
        }
      }
    }
    int[] box = darkBox(img);
    if (box != null) {
      for (int v = 1; v <= 40; v++) {
        int n = 17 + 4 * v;
        double px = (double) (box[2] - box[0]) / n;
        double py = (double) (box[3] - box[1]) / n;
        if (px < 0.9 || py < 0.9) {
          continue;
        }
        SymbolGrid g = score(img, new SymbolGrid(v, box[0], box[1], px, py, 0));
        if (best == null || g.score > best.score) {
          best = g;
        }
      }
    }
    if (best == null || best.score < MIN_SCORE) {
      return Optional.empty();
    }
    return Optional.of(refine(img, best));
  }

  /**
   * Searches around {@code g}: offsets of up to 3/8 pixel in steps of 1/8, then pitch changes of up to 0.5% about
   * the symbol's centre, then offsets of 1/16 pixel.
   */
  static SymbolGrid refine(Luma img, SymbolGrid g) {
    SymbolGrid best = shifts(img, g, 3, 0.125);
    SymbolGrid centre = best;
    for (int sy = -2; sy <= 2; sy++) {
      for (int sx = -2; sx <= 2; sx++) {
        double pxx = centre.pitchX * (1 + sx * 0.0025);
        double pyy = centre.pitchY * (1 + sy * 0.0025);
        double cx = centre.originX + centre.size * centre.pitchX / 2;
        double cy = centre.originY + centre.size * centre.pitchY / 2;
        SymbolGrid t = score(img, new SymbolGrid(centre.version, cx - centre.size * pxx / 2,
            cy - centre.size * pyy / 2, pxx, pyy, 0));
        if (t.score > best.score) {
          best = t;
        }
      }
    }
    return shifts(img, best, 1, 0.0625);
  }

  private static SymbolGrid shifts(Luma img, SymbolGrid g, int reach, double step) {
    SymbolGrid best = g;
    for (int dy = -reach; dy <= reach; dy++) {
      for (int dx = -reach; dx <= reach; dx++) {
        if (dx == 0 && dy == 0) {
          continue;
        }
        SymbolGrid t = score(img, new SymbolGrid(g.version, g.originX + dx * step, g.originY + dy * step, g.pitchX,
            g.pitchY, 0));
        if (t.score > best.score) {
          best = t;
        }
      }
    }
    return best;
  }

  /**
   * memvid's exact geometry for {@code located}'s version, when {@code located} is within 1% of its pitch and half
   * a pixel of its origin: the symbol with a quiet zone of 3 (or 4) modules scaled to fill the frame, so that the
   * pitch is {@code width / (n + 2 border)}. Otherwise {@code located}. On dithered frames the located grid is off
   * by up to 0.1 pixel (its score is noisy), which costs the scaler model of {@link DitherEqualiser} most of its
   * gain at versions 38-40 (on 51 frames of an H.265 library: 42 read on the located grids, 51 on the exact ones).
   */
  static SymbolGrid memvidGeometry(Luma img, SymbolGrid located) {
    for (int border = 3; border <= 4; border++) {
      double px = (double) img.width / (located.size + 2 * border);
      double py = (double) img.height / (located.size + 2 * border);
      if (Math.abs(px - located.pitchX) < 0.01 * px && Math.abs(py - located.pitchY) < 0.01 * py
          && Math.abs(border * px - located.originX) < 0.5 && Math.abs(border * py - located.originY) < 0.5) {
        return new SymbolGrid(located.version, border * px, border * py, px, py, located.score);
      }
    }
    return located;
  }

  /** Scores a grid hypothesis on the known modules. */
  static SymbolGrid score(Luma img, SymbolGrid g) {
    FunctionPatterns fp = FunctionPatterns.of(g.version);
    int n = fp.size;
    double sd = 0;
    double sd2 = 0;
    double sl = 0;
    double sl2 = 0;
    int nd = 0;
    int nl = 0;
    for (int i : fp.knownIndexes) {
      int r = i / n;
      int c = i % n;
      double s = img.bilinear(g.x(c), g.y(r));
      if (fp.dark[i]) {
        sd += s;
        sd2 += s * s;
        nd++;
      } else {
        sl += s;
        sl2 += s * s;
        nl++;
      }
    }
    double md = sd / nd;
    double ml = sl / nl;
    double var = (sd2 / nd - md * md + sl2 / nl - ml * ml) / 2;
    double score = (ml - md) / Math.sqrt(Math.max(var, 1e-6));
    return g.withScore(score);
  }

  /**
   * The bounding box {x0, y0, x1, y1} (x1, y1 exclusive) of the frame's dark pixels (below the midpoint of the 2nd
   * and 98th percentiles), counting a row or column when it has at least two; null if the frame has no contrast.
   */
  static int[] darkBox(Luma img) {
    int[] hist = new int[256];
    for (byte b : img.pixels) {
      hist[b & 0xFF]++;
    }
    int total = img.pixels.length;
    int lo = percentile(hist, total, 0.02);
    int hi = percentile(hist, total, 0.98);
    if (hi - lo < 32) {
      return null;
    }
    int t = (lo + hi) / 2;
    int w = img.width;
    int h = img.height;
    int[] cols = new int[w];
    int[] rows = new int[h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if ((img.pixels[y * w + x] & 0xFF) < t) {
          cols[x]++;
          rows[y]++;
        }
      }
    }
    int x0 = first(cols);
    int x1 = last(cols);
    int y0 = first(rows);
    int y1 = last(rows);
    if (x0 < 0 || y0 < 0 || x1 - x0 < 15 || y1 - y0 < 15) {
      return null;
    }
    return new int[] {x0, y0, x1 + 1, y1 + 1};
  }

  private static int first(int[] counts) {
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] >= 2) {
        return i;
      }
    }
    return -1;
  }

  private static int last(int[] counts) {
    for (int i = counts.length - 1; i >= 0; i--) {
      if (counts[i] >= 2) {
        return i;
      }
    }
    return -1;
  }

  private static int percentile(int[] hist, int total, double q) {
    long target = (long) Math.ceil(q * total);
    long seen = 0;
    for (int v = 0; v < 256; v++) {
      seen += hist[v];
      if (seen >= target) {
        return v;
      }
    }
    return 255;
  }
}
