package io.qrvid.decode.internal;

import com.google.zxing.ResultPoint;
import com.google.zxing.common.BitArray;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.detector.FinderPattern;
import com.google.zxing.qrcode.detector.FinderPatternFinder;
import com.google.zxing.qrcode.detector.FinderPatternInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * ZXing's multi-symbol finder search ({@code MultiFinderPatternFinder.findMulti} in ZXing 3.5.4) with the scan's
 * deadline checked between rows and between first patterns of the triple search. ZXing's own {@code findMulti}
 * cannot be stopped: it scans every row, then tries every triple of finder-pattern centres of similar module size,
 * which is cubic in the centres; on a textured 1280x960 photo with TRY_HARDER (every third row scanned) it found 925
 * centres and 206,105 plausible triples in 0.7 s before the first triple was sampled (the synthetic set, seed 2,
 * {@code noncompliant_0019}). This class uses ZXing's own row-scan steps ({@link #foundPatternCross},
 * {@link #handlePossibleCenter}, which cross-check and merge the centres) and the same selection rules, so that
 * without a deadline it returns exactly the triples ZXing's {@code findMulti} returns, in the same order, up to
 * {@link #MAX_TRIPLES} of them (checked by ZxingDeadlineTest on generated images and, in docs/decode.md, on the
 * 1,542 images of the development sets).
 * Not thread-safe: one instance per search.
 */
final class ZxingFinderGroups extends FinderPatternFinder {
  /** ZXing's bounds on a symbol's side in modules estimated from two legs ({@code MultiFinderPatternFinder}). */
  private static final float MIN_MODULES_PER_EDGE = 9;
  private static final float MAX_MODULES_PER_EDGE = 180;
  /** Two centres may belong to one symbol when their module sizes differ by less than 5 % or 0.5 pixels. */
  private static final float MODULE_SIZE_RATIO = 0.05f;
  private static final float MODULE_SIZE_PIXELS = 0.5f;
  /** Most relative difference of the two legs, and of the diagonal from a right angle's. */
  private static final float LEG_MISMATCH = 0.1f;
  /**
   * Most triples listed per search (ZXing's {@code findMulti} has no bound). Traced with a 60 s budget on every
   * image of the synthetic sets of seeds 2 and 3 and seed 1's count-10 set (1,220 images) and the sample sets: no
   * search listed more than 1,179 triples (seed 2's {@code lots_0008}, 60 centres) except on {@code
   * noncompliant_0019}, a symbol on diagonal stripes (369 centres; 214,606 triples on the whole image with
   * TRY_HARDER, 0.28 ms each to sample). The bound is 7x that largest count, so no other traced search changes; on
   * the stripes it caps the cubic listing (docs/decode.md, "issue 9, thirteenth pass").
   */
  static final int MAX_TRIPLES = 8192;

  ZxingFinderGroups(BitMatrix image) {
    super(image);
  }

  /**
   * The plausible triples of finder patterns, in ZXing's order (by the first pattern's module size, largest
   * first), each ordered bottom-left, top-left, top-right ({@link ResultPoint#orderBestPatterns}).
   *
   * @param tryHarder scan every third row instead of skipping by the largest symbol's module size
   * @param deadline checked before each row and before each first pattern of the triple search: once expired, the
   *     row scan returns no triple and the triple search returns those found so far
   * @return the triples, possibly empty
   */
  List<FinderPatternInfo> find(boolean tryHarder, Deadline deadline) {
    return find(tryHarder, deadline, MAX_TRIPLES);
  }

  /**
   * {@link #find(boolean, Deadline)} listing at most {@code maxTriples} (at least 1) triples: the first ones of the
   * unbounded list, in its order (the tests compare the unbounded list with ZXing's).
   */
  List<FinderPatternInfo> find(boolean tryHarder, Deadline deadline, int maxTriples) {
    if (!scanRows(tryHarder, deadline)) {
      return List.of();
    }
    return select(deadline, maxTriples);
  }

  /**
   * ZXing's row scan of {@code findMulti}: the 1:1:3:1:1 state machine over every {@code rowStep}-th row, each
   * pattern cross-checked and merged into {@link #getPossibleCenters()} by ZXing's own {@link
   * #handlePossibleCenter}. It walks the row's runs (a whole black or white run at a time, found in the row's bit
   * words) instead of its pixels: the state machine adds a run's pixels to one count except at the first white pixel
   * after the fifth run, where it tests the counts, so feeding it a run's length at once, that first pixel on its
   * own, makes the same tests with the same counts at the same x, in the same order. The per-pixel form (ZXing's
   * loop, as here before issue 9's twelfth pass) is {@code ZxingFinderGroupsTest.PerPixel}, which checks that both
   * find the same centres on random scenes.
   *
   * @return false when the deadline expired before the last row
   */
  boolean scanRows(boolean tryHarder, Deadline deadline) {
    BitMatrix image = getImage();
    int height = image.getHeight();
    int width = image.getWidth();
    int rowStep = tryHarder ? MIN_SKIP : Math.max(MIN_SKIP, 3 * height / (4 * MAX_MODULES));
    // run lengths black, white, black, white, black of the 1:1:3:1:1 pattern, and which run is being counted
    int[] runs = new int[5];
    BitArray row = new BitArray(width);
    for (int y = rowStep - 1; y < height; y += rowStep) {
      if (deadline.expired()) {
        return false;
      }
      clearCounts(runs);
      int run = 0;
      row = image.getRow(y, row);
      for (int x = 0; x < width; ) {
        boolean black = row.get(x);
        int end = black ? row.getNextUnset(x) : row.getNextSet(x);
        int length = end - x;
        if (black) {
          if ((run & 1) == 1) {
            run++;
          }
          runs[run] += length;
        } else if ((run & 1) == 1) {
          runs[run] += length;
        } else if (run < 4) {
          runs[++run] += length;
        } else if (foundPatternCross(runs) && handlePossibleCenter(runs, y, x)) {
          // a centre: the counts restart, and the rest of this white run is the first light count
          clearCounts(runs);
          run = length > 1 ? 1 : 0;
          runs[1] = length - 1;
        } else {
          // no centre: keep the last three runs; this white run is the fourth
          shiftCounts2(runs);
          run = 3;
          runs[3] += length - 1;
        }
        x = end;
      }
      if (foundPatternCross(runs)) {
        handlePossibleCenter(runs, y, width);
      }
    }
    return true;
  }

  /** {@return the centres found by {@link #scanRows} so far, ZXing's list (read only)} */
  List<FinderPattern> centres() {
    return getPossibleCenters();
  }

  private List<FinderPatternInfo> select(Deadline deadline, int maxTriples) {
    // centres confirmed on at least two scan lines (as ZXing 3.5.4 does)
    List<FinderPattern> centres = new ArrayList<>();
    for (FinderPattern f : getPossibleCenters()) {
      if (f.getCount() >= 2) {
        centres.add(f);
      }
    }
    int n = centres.size();
    List<FinderPatternInfo> out = new ArrayList<>();
    if (n < 3) {
      return out;
    }
    if (n == 3) {
      FinderPattern[] only = centres.toArray(new FinderPattern[0]);
      ResultPoint.orderBestPatterns(only);
      out.add(new FinderPatternInfo(only));
      return out;
    }
    // largest module size first (a stable sort, as ZXing's)
    centres.sort((a, b) -> {
      float d = b.getEstimatedModuleSize() - a.getEstimatedModuleSize();
      return d < 0 ? -1 : d > 0 ? 1 : 0;
    });
    for (int i = 0; i < n - 2; i++) {
      if (deadline.expired()) {
        break;
      }
      FinderPattern a = centres.get(i);
      for (int j = i + 1; j < n - 1; j++) {
        FinderPattern b = centres.get(j);
        if (!similar(a, b)) {
          break; // sorted by module size: no later one is similar either
        }
        for (int k = j + 1; k < n; k++) {
          FinderPattern c = centres.get(k);
          if (!similar(b, c)) {
            break;
          }
          FinderPattern[] triple = {a, b, c};
          ResultPoint.orderBestPatterns(triple);
          if (plausible(triple, a.getEstimatedModuleSize())) {
            // ZXing orders each selected triple once more before making its info
            ResultPoint.orderBestPatterns(triple);
            out.add(new FinderPatternInfo(triple));
            if (out.size() >= maxTriples) {
              return out;
            }
          }
        }
      }
    }
    return out;
  }

  private static boolean similar(FinderPattern larger, FinderPattern smaller) {
    float pixels = Math.abs(larger.getEstimatedModuleSize() - smaller.getEstimatedModuleSize());
    float ratio = (larger.getEstimatedModuleSize() - smaller.getEstimatedModuleSize())
        / Math.min(larger.getEstimatedModuleSize(), smaller.getEstimatedModuleSize());
    return pixels <= MODULE_SIZE_PIXELS || ratio < MODULE_SIZE_RATIO;
  }

  /** Legs of a plausible length in modules, of about equal length, and about at a right angle. */
  private static boolean plausible(FinderPattern[] ordered, float moduleSize) {
    FinderPattern bottomLeft = ordered[0];
    FinderPattern topLeft = ordered[1];
    FinderPattern topRight = ordered[2];
    float left = ResultPoint.distance(topLeft, bottomLeft);
    float diagonal = ResultPoint.distance(topRight, bottomLeft);
    float top = ResultPoint.distance(topLeft, topRight);
    float modules = (left + top) / (moduleSize * 2.0f);
    if (modules > MAX_MODULES_PER_EDGE || modules < MIN_MODULES_PER_EDGE) {
      return false;
    }
    if (Math.abs((left - top) / Math.min(left, top)) >= LEG_MISMATCH) {
      return false;
    }
    float rightAngle = (float) Math.sqrt((double) left * left + (double) top * top);
    return Math.abs((diagonal - rightAngle) / Math.min(diagonal, rightAngle)) < LEG_MISMATCH;
  }
}
