package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FinderDetectorTest {
  /**
   * The row classification as runs ({@link FinderDetector#rowEdges}: window sums per row, unclamped interior, no
   * branch per pixel) equals the per-pixel window test: every pixel's class, read back from the edges, is {@code
   * dark(x, y)}.
   */
  @Test
  void rowEdgesAgreeWithThePerPixelWindowTest() {
    Random rnd = new Random(7);
    int checked = 0;
    for (int w : new int[] {1, 2, 7, 16, 17, 18, 40, 49, 50, 51, 97}) {
      for (int h : new int[] {1, 5, 60}) {
        byte[] px = new byte[w * h];
        for (int i = 0; i < px.length; i++) {
          // blobs of dark and light with noise, so both answers occur, and some pixels at the extremes
          int v = ((i % w) / 3 + (i / w) / 4) % 2 == 0 ? 40 + rnd.nextInt(40) : 170 + rnd.nextInt(60);
          px[i] = (byte) (rnd.nextInt(50) == 0 ? rnd.nextInt(2) * 255 : v);
        }
        LumaLevel lv = new LumaLevel(px, w, h, 1);
        for (int r : new int[] {1, FinderDetector.SMALL_RADIUS, FinderDetector.RADIUS, FinderDetector.MAX_RADIUS}) {
          FinderDetector d = new FinderDetector(lv, r);
          int[] edges = new int[w + 2];
          int[] cols = new int[w + 1];
          for (int y = 0; y < h; y++) {
            int runs = d.rowEdges(y, edges, cols);
            assertThat(edges[0]).isZero();
            assertThat(edges[runs]).isEqualTo(w);
            boolean dark = d.dark(0, y);
            for (int j = 0; j < runs; j++) {
              assertThat(edges[j + 1]).as("edges ascend").isGreaterThan(edges[j]);
              for (int x = edges[j]; x < edges[j + 1]; x++) {
                assertThat(dark).as("w %d h %d r %d at %d,%d", w, h, r, x, y).isEqualTo(d.dark(x, y));
                checked++;
              }
              dark = !dark;
            }
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(40_000);
  }

  /**
   * A scan of every row that classifies an odd row only beside a row pattern ({@link FinderDetector#run} with row
   * step 1, {@link FinderDetector#runSkippingRows}) against the straightforward scan of every row ({@link
   * FinderDetector#runAllRows}) on shaded, noisy scenes with finder patterns of 2 to 24 pixel modules and clutter,
   * both windows, run test and edge to edge: it finds no candidate the other does not, loses none seen on two rows or
   * more, and gives the very same candidates, field by field and in order, on most scans.
   */
  @Test
  void skippingOddRowsKeepsEveryCandidateSeenOnTwoRows() {
    Random rnd = new Random(1414);
    int scans = 0;
    int identical = 0;
    int checked = 0;
    for (int round = 0; round < 6; round++) {
      Gray g = FinderScanSharingTest.scene(640, 480, rnd);
      LumaLevel level = new LumaLevel(g.px, g.width, g.height, 1);
      for (int r : new int[] {FinderDetector.SMALL_RADIUS, FinderDetector.RADIUS}) {
        for (boolean edgeToEdge : new boolean[] {false, true}) {
          FinderDetector all = new FinderDetector(level, r, edgeToEdge);
          assertThat(all.runAllRows(1, Deadline.none())).isTrue();
          FinderDetector skipping = new FinderDetector(level, r, edgeToEdge);
          assertThat(skipping.run(1, Deadline.none())).isTrue();
          for (FinderCandidate c : skipping.found()) {
            assertThat(all.found()).as("%s found only when skipping", c).anyMatch(o -> o.near(c) && o.hits >= c.hits);
          }
          for (FinderCandidate c : all.found()) {
            if (c.hits >= 2) {
              assertThat(skipping.found()).as("%s lost", c).anyMatch(o -> o.near(c));
              checked++;
            }
          }
          scans++;
          identical += same(skipping.found(), all.found()) ? 1 : 0;
        }
      }
    }
    assertThat(checked).isGreaterThan(40);
    assertThat(identical).isGreaterThan(scans / 2);
  }

  /**
   * The cross-checks a column's vertical centre run shares between rows ({@code FinderDetector.ColumnChecks}) change
   * nothing: on shaded, noisy scenes with finder patterns of 2 to 24 pixel modules, rotated ones and clutter, every
   * scan (both windows, run test and edge to edge, row steps 1 to 3, every row or skipping) finds the very same
   * candidates, field by field and in order, with the checks shared and made afresh for every row pattern.
   */
  @Test
  void sharedCrossChecksFindTheSameCandidates() {
    Random rnd = new Random(1516);
    int candidates = 0;
    int reuses = 0;
    for (int round = 0; round < 8; round++) {
      Gray g = round % 2 == 0
          ? FinderScanSharingTest.scene(640, 480, rnd)
          : rotated(FinderScanSharingTest.scene(480, 480, rnd), rnd);
      LumaLevel level = new LumaLevel(g.px, g.width, g.height, 1);
      for (int r : new int[] {FinderDetector.SMALL_RADIUS, FinderDetector.RADIUS}) {
        for (boolean edgeToEdge : new boolean[] {false, true}) {
          for (int variant = 0; variant < 4; variant++) {
            FinderDetector fresh = new FinderDetector(level, r, edgeToEdge);
            fresh.memo = false;
            FinderDetector shared = new FinderDetector(level, r, edgeToEdge);
            if (variant == 0) {
              fresh.runSkippingRows(Deadline.none());
              shared.runSkippingRows(Deadline.none());
            } else {
              fresh.runAllRows(variant, Deadline.none());
              shared.runAllRows(variant, Deadline.none());
            }
            assertThat(same(shared.found(), fresh.found())).as("round %d r %d e2e %b variant %d", round, r,
                edgeToEdge, variant).isTrue();
            candidates += fresh.found().size();
            reuses += shared.columnReuses;
            assertThat(fresh.columnReuses).isZero();
          }
        }
      }
    }
    assertThat(candidates).isGreaterThan(150);
    assertThat(reuses).as("row patterns that reused a column's checks").isGreaterThan(candidates);
  }

  /**
   * Without the integral image ({@link FinderDetector#FinderDetector(LumaLevel, int, boolean, boolean)}: the rows'
   * window sums moved down the image, the windows of {@code dark} summed pixel by pixel) every row gives the same
   * edges and window sums ({@code cols}) and every pixel the same class as with it, on random images of every size
   * class, every radius, rows visited in a random order (steps of one to three rows either way, and jumps), pixels
   * in row order and in random walks of one pixel along a row, a column or a diagonal (the cross-checks' order, in
   * which the windows are moved rather than summed afresh).
   */
  @Test
  void rowsAndWindowsWithoutTheIntegralImageAreTheSame() {
    Random rnd = new Random(1601);
    int rows = 0;
    int pixels = 0;
    int walked = 0;
    for (int w : new int[] {1, 2, 7, 17, 18, 49, 50, 97}) {
      for (int h : new int[] {1, 3, 17, 60}) {
        byte[] px = new byte[w * h];
        for (int i = 0; i < px.length; i++) {
          int v = ((i % w) / 3 + (i / w) / 4) % 2 == 0 ? 40 + rnd.nextInt(40) : 170 + rnd.nextInt(60);
          px[i] = (byte) (rnd.nextInt(50) == 0 ? rnd.nextInt(2) * 255 : v);
        }
        for (int r : new int[] {1, 2, FinderDetector.SMALL_RADIUS, FinderDetector.RADIUS, FinderDetector.MAX_RADIUS}) {
          FinderDetector with = new FinderDetector(new LumaLevel(px, w, h, 1), r, false, false);
          FinderDetector without = new FinderDetector(new LumaLevel(px, w, h, 1), r, false, true);
          without.directBudget = Long.MAX_VALUE;
          int[] edgesWith = new int[w + 2];
          int[] colsWith = new int[w + 1];
          int[] edgesWithout = new int[w + 2];
          int[] colsWithout = new int[w + 1];
          int y = 0;
          for (int k = 0; k < 3 * h; k++) {
            int m = with.rowEdges(y, edgesWith, colsWith);
            assertThat(without.rowEdges(y, edgesWithout, colsWithout)).isEqualTo(m);
            assertThat(edgesWithout).as("w %d h %d r %d row %d", w, h, r, y).startsWith(
                Arrays.copyOf(edgesWith, m + 1));
            assertThat(colsWithout).as("w %d h %d r %d row %d", w, h, r, y).isEqualTo(colsWith);
            rows++;
            int move = rnd.nextInt(8);
            y = move < 6 ? y + (move % 3 + 1) * (move < 3 ? 1 : -1) : rnd.nextInt(h);
            y = Math.floorMod(y, h);
          }
          for (int yy = 0; yy < h; yy++) {
            for (int x = 0; x < w; x++) {
              assertThat(without.dark(x, yy)).as("w %d h %d r %d at %d,%d", w, h, r, x, yy)
                  .isEqualTo(with.dark(x, yy));
              pixels++;
            }
          }
          // the cross-checks' order: walks of one pixel along a row, a column or a diagonal, either way, and jumps
          int x = rnd.nextInt(w);
          y = rnd.nextInt(h);
          for (int k = 0; k < 400; k++) {
            assertThat(without.dark(x, y)).as("w %d h %d r %d walk at %d,%d", w, h, r, x, y)
                .isEqualTo(with.dark(x, y));
            walked++;
            if (rnd.nextInt(30) == 0) {
              x = rnd.nextInt(w);
              y = rnd.nextInt(h);
            } else {
              x = Math.floorMod(x + rnd.nextInt(3) - 1, w);
              y = Math.floorMod(y + rnd.nextInt(3) - 1, h);
            }
          }
          assertThat(without.withoutIntegral()).isTrue();
        }
      }
    }
    assertThat(rows).isGreaterThan(9_000);
    assertThat(walked).isGreaterThan(50_000);
    assertThat(pixels).isGreaterThan(40_000);
  }

  /**
   * Scans without the integral image find the very same candidates, field by field and in order, as scans with it,
   * on shaded, noisy scenes with finder patterns of 2 to 24 pixel modules, rotated ones and clutter (both windows,
   * run test and edge to edge, row steps 1 to 3, every row or skipping), whether the windows of the cross-checks are
   * summed directly to the end or the integral image is made part way ({@link FinderDetector#directBudget}).
   */
  @Test
  void scansWithoutTheIntegralImageFindTheSameCandidates() {
    Random rnd = new Random(1602);
    int candidates = 0;
    int switched = 0;
    for (int round = 0; round < 6; round++) {
      Gray g = round % 2 == 0
          ? FinderScanSharingTest.scene(640, 480, rnd)
          : rotated(FinderScanSharingTest.scene(480, 480, rnd), rnd);
      LumaLevel level = new LumaLevel(g.px, g.width, g.height, 1);
      for (int r : new int[] {FinderDetector.SMALL_RADIUS, FinderDetector.RADIUS}) {
        for (boolean edgeToEdge : new boolean[] {false, true}) {
          for (int variant = 0; variant < 4; variant++) {
            for (long budget : new long[] {Long.MAX_VALUE, 1 + rnd.nextInt(g.width * g.height / 20)}) {
              FinderDetector with = new FinderDetector(level, r, edgeToEdge, false);
              FinderDetector without =
                  new FinderDetector(new LumaLevel(g.px, g.width, g.height, 1), r, edgeToEdge, true);
              without.directBudget = budget;
              if (variant == 0) {
                with.runSkippingRows(Deadline.none());
                without.runSkippingRows(Deadline.none());
              } else {
                with.runAllRows(variant, Deadline.none());
                without.runAllRows(variant, Deadline.none());
              }
              assertThat(same(without.found(), with.found())).as("round %d r %d e2e %b variant %d budget %d",
                  round, r, edgeToEdge, variant, budget).isTrue();
              if (budget == Long.MAX_VALUE) {
                assertThat(without.withoutIntegral()).isTrue();
                candidates += with.found().size();
              } else {
                switched += without.withoutIntegral() ? 0 : 1;
              }
            }
          }
        }
      }
    }
    assertThat(candidates).isGreaterThan(150);
    assertThat(switched).as("scans that made the integral image part way").isGreaterThan(50);
  }

  /**
   * A scan with the small window of a level that has no integral image makes none while its cross-checks are
   * few; the standard window, or a level that has one, uses it.
   */
  @Test
  void onlyTheSmallWindowMakesDoWithoutTheIntegralImage() {
    // a symbol of 3-pixel modules in a 600 x 600 image: a few hundred windows summed directly, against 360,000 pixels
    Gray g = render(600, 600, 3, 0, false, 25, 40, 40);
    LumaLevel level = new LumaLevel(g.px, g.width, g.height, 1);
    assertThat(new FinderDetector(level, FinderDetector.SMALL_RADIUS).withoutIntegral()).isTrue();
    List<FinderCandidate> found = FinderDetector.scan(level, 1, FinderDetector.SMALL_RADIUS, Deadline.none());
    assertThat(found).hasSize(3);
    assertThat(level.integralIfMade()).isNull();
    assertThat(new FinderDetector(level, FinderDetector.RADIUS).withoutIntegral()).isFalse();
    assertThat(level.integralIfMade()).isNotNull();
    assertThat(new FinderDetector(level, FinderDetector.SMALL_RADIUS).withoutIntegral()).isFalse();
  }

  /** {@code g} turned by a random angle about its centre (nearest neighbour, light outside). */
  private static Gray rotated(Gray g, Random rnd) {
    double a = rnd.nextDouble() * Math.PI / 2;
    double cos = Math.cos(a);
    double sin = Math.sin(a);
    byte[] px = new byte[g.px.length];
    double c = g.width / 2.0;
    for (int y = 0; y < g.height; y++) {
      for (int x = 0; x < g.width; x++) {
        int sx = (int) Math.round(c + (x - c) * cos - (y - c) * sin);
        int sy = (int) Math.round(c + (x - c) * sin + (y - c) * cos);
        boolean in = sx >= 0 && sy >= 0 && sx < g.width && sy < g.height;
        px[y * g.width + x] = in ? g.px[sy * g.width + sx] : (byte) 200;
      }
    }
    return new Gray(px, g.width, g.height);
  }

  private static boolean same(List<FinderCandidate> a, List<FinderCandidate> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      FinderCandidate p = a.get(i);
      FinderCandidate q = b.get(i);
      if (p.x != q.x || p.y != q.y || p.moduleSize != q.moduleSize || p.moduleX != q.moduleX
          || p.moduleY != q.moduleY || p.dark != q.dark || p.light != q.light || p.hits != q.hits) {
        return false;
      }
    }
    return true;
  }

  @Test
  void radiusBeyondTheIntegerRangeIsRefused() {
    LumaLevel lv = new LumaLevel(new byte[4], 2, 2, 1);
    assertThatThrownBy(() -> new FinderDetector(lv, FinderDetector.MAX_RADIUS + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FinderDetector(lv, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void edgeToEdgeTestAcceptsThinDarkRingsThatTheRunTestRejects() {
    // over-exposed version 1 of the development set (seed 2 brightness 13, 7.6-pixel modules): one row's runs
    assertThat(FinderDetector.ratioOk(4, 10, 20, 11, 4)).isFalse();
    assertThat(FinderDetector.edgeToEdgeOk(4, 10, 20, 11, 4)).isTrue();
    // dark rings grown by ink spread: 1.5 modules dark, 0.5 light
    assertThat(FinderDetector.ratioOk(12, 4, 28, 4, 12)).isFalse();
    assertThat(FinderDetector.edgeToEdgeOk(12, 4, 28, 4, 12)).isTrue();
    // a quarter module is the slack: pair sums 2.5 : 3.5 : 4 : 2 modules are not a finder pattern
    assertThat(FinderDetector.edgeToEdgeOk(12, 8, 20, 12, 4)).isFalse();
    assertThat(FinderDetector.edgeToEdgeOk(2, 2, 2, 2, 2)).isFalse();
    assertThat(FinderDetector.edgeToEdgeOk(8, 8, 8, 8, 8)).isFalse();
    // the centre must stay the longest dark run
    assertThat(FinderDetector.edgeToEdgeOk(10, 6, 9, 15, 2)).isFalse();
  }

  /**
   * A finder pattern whose dark parts are eroded by 0.4 module on every edge (over-exposure) is found edge to edge,
   * not by the run test.
   */
  @Test
  void findsAnOverExposedFinderPatternWithThinDarkRings() {
    double ms = 8;
    Gray g = render(200, 200, ms, 0.4 * ms, false, 0, 50, 50);
    LumaLevel level = new LumaLevel(g.px, g.width, g.height, 1);
    assertThat(FinderDetector.scan(level, 1, FinderDetector.RADIUS, Deadline.none())).as("run test").isEmpty();
    List<FinderCandidate> found = FinderDetector.scan(level, 1, FinderDetector.RADIUS, Deadline.none(), true);
    assertThat(found).anySatisfy(c -> {
      assertThat(Math.hypot(c.x - (50 + 3.5 * ms), c.y - (50 + 3.5 * ms))).isLessThan(ms);
      assertThat(c.moduleSize).isBetween(0.85 * ms, 1.15 * ms);
    });
  }

  /**
   * Three finder patterns printed as separate dots (radius 0.25 module, 7.5-pixel modules, sharp): the plain
   * search finds none of them, the second look (a 3x3 box on levels 1 and 2) all three. (On such sharp
   * renders the pyramid's own averaging often suffices; on the development set's blurred and JPEG-compressed dots
   * it did not, see {@link ScanImage#secondLookFinders}.)
   */
  @Test
  void secondLookFindsFinderPatternsPrintedAsDots() {
    double ms = 7.5;
    int n = 25;
    Gray g = render(300, 300, ms, 0.25, true, n, 40.3, 40.6);
    ScanImage image = new ScanImage(g);
    double[][] centres = {{40.3 + 3.5 * ms, 40.6 + 3.5 * ms}, {40.3 + (n - 3.5) * ms, 40.6 + 3.5 * ms},
        {40.3 + 3.5 * ms, 40.6 + (n - 3.5) * ms}};
    for (double[] c : centres) {
      assertThat(image.finders(Deadline.none())).as("plain search")
          .noneMatch(f -> Math.hypot(f.x - c[0], f.y - c[1]) < 2 * ms);
      assertThat(image.secondLookFinders(Deadline.none())).as("second look at %s", c[0] + "," + c[1])
          .anyMatch(f -> Math.hypot(f.x - c[0], f.y - c[1]) < ms && Math.abs(f.moduleSize - ms) < 0.25 * ms);
    }
  }

  /**
   * A light image with finder patterns of {@code ms}-pixel modules at ({@code x0}, {@code y0}): one pattern, or the
   * three of an {@code n}-module symbol; dark parts eroded by {@code erode} pixels, or ({@code dots}) each dark
   * module drawn as a dot of radius {@code erode} modules; 4x4 supersampled, dark 30, light 220.
   */
  private static Gray render(int w, int h, double ms, double erode, boolean dots, int n, double x0, double y0) {
    byte[] px = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int dark = 0;
        for (int sy = 0; sy < 4; sy++) {
          for (int sx = 0; sx < 4; sx++) {
            double u = (x + (sx + 0.5) / 4 - x0) / ms;
            double v = (y + (sy + 0.5) / 4 - y0) / ms;
            boolean d;
            if (dots) {
              d = finderModule(n, (int) Math.floor(u), (int) Math.floor(v))
                  && Math.hypot(u - Math.floor(u) - 0.5, v - Math.floor(v) - 0.5) <= erode;
            } else {
              double e = erode / ms;
              d = finderModule(n, (int) Math.floor(u), (int) Math.floor(v))
                  && finderModule(n, (int) Math.floor(u - e), (int) Math.floor(v - e))
                  && finderModule(n, (int) Math.floor(u + e), (int) Math.floor(v - e))
                  && finderModule(n, (int) Math.floor(u - e), (int) Math.floor(v + e))
                  && finderModule(n, (int) Math.floor(u + e), (int) Math.floor(v + e));
            }
            dark += d ? 1 : 0;
          }
        }
        px[y * w + x] = (byte) (220 - (220 - 30) * dark / 16);
      }
    }
    return new Gray(px, w, h);
  }

  /** Whether module (i, j) is dark in a finder pattern at (0, 0), or, for {@code n > 0}, in one of an n-module symbol's three. */
  private static boolean finderModule(int n, int i, int j) {
    if (n > 0) {
      return finderModule(0, i, j) || finderModule(0, i - (n - 7), j) || finderModule(0, i, j - (n - 7));
    }
    if (i < 0 || j < 0 || i > 6 || j > 6) {
      return false;
    }
    int ring = Math.min(Math.min(i, j), Math.min(6 - i, 6 - j));
    return ring != 1;
  }
}
