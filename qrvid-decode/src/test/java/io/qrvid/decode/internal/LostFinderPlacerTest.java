package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import org.junit.jupiter.api.Test;

class LostFinderPlacerTest {
  private static final int MODULE = 6;
  private static final int QUIET = 6;

  /**
   * A version-3 symbol (29 modules) at 6 pixels per module, dark 30 and light 220, whose bottom-left finder pattern
   * and the ends of both timing patterns near it lie under a highlight that leaves a tenth of the contrast
   * (grey 221-240): the template's contrast test cannot match it there.
   */
  private static LumaLevel symbolUnderHighlight(int hx, int hy, double radius) throws Exception {
    ByteMatrix m = Encoder.encode("LOST FINDER 0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ", ErrorCorrectionLevel.M)
        .getMatrix();
    assertThat(m.getWidth()).isEqualTo(29);
    int w = (29 + 2 * QUIET) * MODULE;
    byte[] px = new byte[w * w];
    for (int y = 0; y < w; y++) {
      for (int x = 0; x < w; x++) {
        int i = x / MODULE - QUIET;
        int j = y / MODULE - QUIET;
        boolean dark = i >= 0 && j >= 0 && i < 29 && j < 29 && m.get(i, j) == 1;
        double g = dark ? 30 : 220;
        double d = Math.hypot(x - hx, y - hy);
        if (d < radius) {
          g = 221 + (g - 30) / 190 * 19;
        }
        px[y * w + x] = (byte) Math.round(g);
      }
    }
    return new LumaLevel(px, w, w, 1);
  }

  /** The placement's first place, then its second when it has one. */
  private static double[][] places(LostFinderPlacer.Placement p) {
    double[] second = p.second();
    return second == null ? new double[][] {p.first} : new double[][] {p.first, second};
  }

  private static double centre(int module) {
    return (QUIET + module + 0.5) * MODULE;
  }

  @Test
  void aPatternUnderAHighlightIsPlacedByItsStructureNotItsContrast() throws Exception {
    double blx = centre(3);
    double bly = centre(25);
    LumaLevel img = symbolUnderHighlight((int) blx + 10, (int) bly - 10, 9 * MODULE);
    FinderCandidate tl = new FinderCandidate(centre(3), centre(3), MODULE, 30, 220, 1);
    FinderCandidate tr = new FinderCandidate(centre(25), centre(3), MODULE, 30, 220, 1);
    // the right-angle prediction 4 modules off, as perspective turns and shortens the lost side
    double[] q = {blx + 3 * MODULE, bly - 2.5 * MODULE};
    assertThat(QrvidDetector.locateFinder(img, q[0], q[1], 0, -MODULE, 0.5 * 190 / 2)).isNull();
    double[][] places = places(LostFinderPlacer.placement(img, tl, tr, q, false, MODULE, Deadline.none()));
    double best = Double.MAX_VALUE;
    for (double[] p : places) {
      best = Math.min(best, Math.hypot(p[0] - blx, p[1] - bly) / MODULE);
    }
    assertThat(best).isLessThan(0.3);
  }

  @Test
  void aLostTopLeftPatternIsPlacedFromTheDiagonal() throws Exception {
    double tlx = centre(3);
    double tly = centre(3);
    LumaLevel img = symbolUnderHighlight((int) tlx, (int) tly, 9 * MODULE);
    FinderCandidate tr = new FinderCandidate(centre(25), centre(3), MODULE, 30, 220, 1);
    FinderCandidate bl = new FinderCandidate(centre(3), centre(25), MODULE, 30, 220, 1);
    double[] q = {tlx - 2 * MODULE, tly + 3 * MODULE};
    double[][] places = places(LostFinderPlacer.placement(img, tr, bl, q, true, MODULE, Deadline.none()));
    assertThat(Math.hypot(places[0][0] - tlx, places[0][1] - tly) / MODULE).isLessThan(0.3);
  }

  @Test
  void correlationsIgnoreContrastAndRejectTheWrongPattern() throws Exception {
    LumaLevel img = symbolUnderHighlight(0, 0, 0);
    double c = centre(3);
    assertThat(LostFinderPlacer.finderCorrelation(img, c, c, MODULE, 0, 0, MODULE)).isGreaterThan(0.95);
    // half a pattern off: the rings do not line up
    assertThat(LostFinderPlacer.finderCorrelation(img, c + 3.5 * MODULE, c, MODULE, 0, 0, MODULE))
        .isLessThan(0.3);
    assertThat(LostFinderPlacer.timingCorrelation(img, c, c, MODULE, 0, 0, MODULE, 29)).isGreaterThan(0.95);
    // the timing row shifted by one module alternates the other way
    assertThat(LostFinderPlacer.timingCorrelation(img, c + MODULE, c, MODULE, 0, 0, MODULE, 29)).isLessThan(-0.9);
    LumaLevel faint = symbolUnderHighlight((int) c, (int) c, 15 * MODULE);
    assertThat(LostFinderPlacer.finderCorrelation(faint, c, c, MODULE, 0, 0, MODULE)).isGreaterThan(0.95);
  }

  @Test
  void thePrunedScoreNeverDropsAPositionThatCouldWin() throws Exception {
    // a symbol under a highlight plus noise positions around it, versions 1 to 40 (both sample orders): a position
    // is pruned only when its full score cannot exceed the bound, and otherwise scores exactly the same
    LumaLevel img = symbolUnderHighlight((int) centre(3), (int) centre(25), 9 * MODULE);
    java.util.Random rnd = new java.util.Random(9);
    int pruned = 0;
    for (int k = 0; k < 4000; k++) {
      int dim = 21 + 4 * rnd.nextInt(40);
      double s = (dim - 7) * MODULE / 22.0;
      double tlx = centre(3) + rnd.nextGaussian() * MODULE;
      double tly = centre(3) + rnd.nextGaussian() * MODULE;
      double rx = tlx + rnd.nextGaussian() * 2 * MODULE;
      double ry = tly + s + rnd.nextGaussian() * 2 * MODULE;
      double full = LostFinderPlacer.score(img, tlx, tly, tlx + s, tly, rx, ry, rx, ry, dim, true,
          Double.NEGATIVE_INFINITY);
      double bound = full + rnd.nextGaussian();
      double got = LostFinderPlacer.score(img, tlx, tly, tlx + s, tly, rx, ry, rx, ry, dim, true, bound);
      if (got == Double.NEGATIVE_INFINITY) {
        pruned++;
        assertThat(full).isLessThanOrEqualTo(bound);
      } else {
        assertThat(got).isEqualTo(full);
      }
    }
    assertThat(pruned).isGreaterThan(100);
  }

  @Test
  void theFloorKeepsEveryPlaceAboveItAndDropsTheRest() throws Exception {
    // random pairs, predictions and versions around a symbol under a highlight: a search that starts from the floor
    // finds the same position with the same score as one that starts from nothing whenever that score is above the
    // floor, and otherwise reports nothing above it
    LumaLevel img = symbolUnderHighlight((int) centre(3), (int) centre(25), 9 * MODULE);
    java.util.Random rnd = new java.util.Random(12);
    int above = 0;
    int below = 0;
    for (int n = 0; n < 400; n++) {
      boolean diagonal = rnd.nextBoolean();
      FinderCandidate k = new FinderCandidate(centre(3) + rnd.nextGaussian() * MODULE,
          centre(3) + rnd.nextGaussian() * MODULE, MODULE, 30, 220, 1);
      double len = 22 * MODULE * (1 + 0.2 * rnd.nextGaussian());
      FinderCandidate o = new FinderCandidate(k.x + len, k.y + rnd.nextGaussian() * MODULE, MODULE, 30, 220, 1);
      double[] q = diagonal
          ? new double[] {(k.x + o.x) / 2 + rnd.nextGaussian() * 3 * MODULE, k.y + len / 2}
          : new double[] {k.x + rnd.nextGaussian() * 3 * MODULE, k.y + len + rnd.nextGaussian() * 3 * MODULE};
      int dim = 21 + 4 * rnd.nextInt(4);
      double reach = 1 + rnd.nextInt(6);
      double step = rnd.nextBoolean() ? 1 : 0.25;
      double[] all = LostFinderPlacer.search(img, k, o, q, diagonal, dim, reach, step, true,
          Double.NEGATIVE_INFINITY);
      double[] floored = LostFinderPlacer.search(img, k, o, q, diagonal, dim, reach, step, true,
          LostFinderPlacer.FLOOR);
      if (all[2] > LostFinderPlacer.FLOOR) {
        above++;
        assertThat(floored).containsExactly(all);
      } else {
        below++;
        assertThat(floored).containsExactly(q[0], q[1], LostFinderPlacer.FLOOR);
      }
    }
    assertThat(above).isGreaterThan(40);
    assertThat(below).isGreaterThan(40);
  }

  @Test
  void nothingIsPlacedWhereNoSymbolIs() {
    // a flat grey image and a smooth diagonal gradient (as a wall or a sky): no place scores above the floor, so
    // none is offered to the reader; without the floor the search's best place there would be read
    int w = 60 * MODULE;
    byte[] flat = new byte[w * w];
    java.util.Arrays.fill(flat, (byte) 128);
    byte[] noise = new byte[w * w];
    for (int y = 0; y < w; y++) {
      for (int x = 0; x < w; x++) {
        noise[y * w + x] = (byte) (40 + 160 * (x + y) / (2 * w));
      }
    }
    FinderCandidate k = new FinderCandidate(centre(3), centre(3), MODULE, 30, 220, 1);
    FinderCandidate o = new FinderCandidate(centre(25), centre(3), MODULE, 30, 220, 1);
    double[] q = {centre(3), centre(25)};
    for (byte[] px : new byte[][] {flat, noise}) {
      LumaLevel img = new LumaLevel(px, w, w, 1);
      assertThat(LostFinderPlacer.placement(img, k, o, q, false, MODULE, Deadline.none())).isNull();
      assertThat(LostFinderPlacer.placement(img, k, o, q, true, MODULE, Deadline.none())).isNull();
    }
  }
}
