package io.qrvid.decode.internal;

import java.awt.geom.AffineTransform;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one scan shares between its steps: the full-resolution grey image, its pyramid (each level half the
 * previous, area averaged, made once), each level's integral image, and the finder-pattern candidates found over
 * the pyramid. Not thread-safe: one scan, one thread (parallel steps get their own {@link SymbolReader}s and read
 * only what this class already made).
 */
public final class ScanImage {
  /** Levels smaller than this on their long side are not made. */
  private static final int MIN_LEVEL_SIDE = 48;

  private final Gray gray;
  private final List<LumaLevel> levels = new ArrayList<>();
  private List<FinderCandidate> finders;

  public ScanImage(Gray gray) {
    this.gray = gray;
    levels.add(new LumaLevel(gray.px, gray.width, gray.height, 1));
  }

  public Gray gray() {
    return gray;
  }

  LumaLevel full() {
    return levels.get(0);
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
   * resolution; {@code k = 0} is the full image.
   */
  public Gray scaled(int k) {
    LumaLevel l = level(k);
    if (l == null || k == 0) {
      return gray;
    }
    AffineTransform t = new AffineTransform(gray.toOriginal);
    t.scale(l.scale, l.scale);
    return new Gray(l.px, l.width, l.height, t);
  }

  /** Finder-pattern candidates over every pyramid level, found on first call (full-resolution coordinates). */
  List<FinderCandidate> finders(Deadline deadline) {
    if (finders == null) {
      List<List<FinderCandidate>> perLevel = new ArrayList<>();
      for (int k = 0; ; k++) {
        LumaLevel l = level(k);
        if (l == null || deadline.expired()) {
          break;
        }
        int step = (long) l.width * l.height > 2_000_000L ? 2 : 1;
        perLevel.add(FinderDetector.scan(l, step, deadline));
      }
      finders = FinderDetector.mergeLevels(perLevel);
    }
    return finders;
  }
}
