package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * {@link LostFinderPlacer#placement}'s search order and pruning (issue 9, fourteenth pass) against the
 * straightforward form it replaced: every version in increasing order, every position scored in full (the finder
 * correlation plus the sum of both timing correlations), the first highest score above the floor kept, the
 * refinement unbounded. The two must give bit-identical places on every input.
 */
class LostFinderPlacerEquivalenceTest {
  /** The straightforward search: every position scored in full, the first highest above {@code floor} kept. */
  private static double[] straightSearch(LumaLevel img, FinderCandidate k, FinderCandidate o, double[] q,
      boolean diagonal, int dim, double reach, double step, double floor) {
    double ax;
    double ay;
    if (diagonal) {
      ax = (q[0] - (k.x + o.x) / 2) * Math.sqrt(2) / (dim - 7);
      ay = (q[1] - (k.y + o.y) / 2) * Math.sqrt(2) / (dim - 7);
    } else {
      ax = (q[0] - k.x) / (dim - 7);
      ay = (q[1] - k.y) / (dim - 7);
    }
    double best = floor;
    double bx = q[0];
    double by = q[1];
    int n = (int) Math.round(reach / step);
    for (int j = -n; j <= n; j++) {
      for (int i = -n; i <= n; i++) {
        double cx = q[0] + step * (i * ax - j * ay);
        double cy = q[1] + step * (i * ay + j * ax);
        double s = diagonal ? straightScore(img, cx, cy, k.x, k.y, o.x, o.y, cx, cy, dim)
            : straightScore(img, k.x, k.y, o.x, o.y, cx, cy, cx, cy, dim);
        if (s > best) {
          best = s;
          bx = cx;
          by = cy;
        }
      }
    }
    return new double[] {bx, by, best};
  }

  private static double straightScore(LumaLevel img, double tlx, double tly, double px, double py, double rx,
      double ry, double lx, double ly, int dim) {
    double n = dim - 7;
    double ux = (px - tlx) / n;
    double uy = (py - tly) / n;
    double vx = (rx - tlx) / n;
    double vy = (ry - tly) / n;
    double row = LostFinderPlacer.timingCorrelation(img, tlx, tly, ux, uy, vx, vy, dim);
    double column = LostFinderPlacer.timingCorrelation(img, tlx, tly, vx, vy, ux, uy, dim);
    return LostFinderPlacer.finderCorrelation(img, lx, ly, ux, uy, vx, vy) + (row + column);
  }

  /** The straightforward placement's first place and version, or null. */
  private static double @Nullable [] straightPlacement(LumaLevel img, FinderCandidate k, FinderCandidate o,
      double[] q, boolean diagonal, double ms) {
    double span = Math.hypot(o.x - k.x, o.y - k.y);
    double side = (diagonal ? span / Math.sqrt(2) : span) / ms;
    int v0 = (int) Math.round((side + 7 - 17) / 4);
    double best = LostFinderPlacer.FLOOR;
    double[] at = q;
    int bestDim = 0;
    for (int v = Math.max(1, v0 - 1); v <= Math.min(40, v0 + 1); v++) {
      int dim = 17 + 4 * v;
      double[] c = straightSearch(img, k, o, q, diagonal, dim,
          Math.max(3, Math.min(LostFinderPlacer.REACH, (dim - 7) / 4)), 1, LostFinderPlacer.FLOOR);
      if (c[2] > best) {
        best = c[2];
        at = c;
        bestDim = dim;
      }
    }
    if (bestDim == 0) {
      return null;
    }
    double[] whole = straightSearch(img, k, o, at, diagonal, bestDim, 1, 0.25, Double.NEGATIVE_INFINITY);
    return new double[] {whole[0], whole[1]};
  }

  /**
   * A symbol of {@code version} at {@code module} pixels per module, rotated by {@code angle}, with noise of
   * {@code noise} grey levels and a highlight of {@code radius} pixels over its bottom-left finder pattern; the
   * three finder centres in {@code centres} (top-left, top-right, bottom-left).
   */
  private static LumaLevel symbol(Random rnd, int version, double module, double angle, double noise,
      double radius, double[][] centres) throws Exception {
    StringBuilder text = new StringBuilder();
    // fills about half the version's byte capacity at level L (version 1 holds 17 bytes)
    for (int i = 0; i < 8 * version * version / 2 + 6; i++) {
      text.append((char) ('A' + rnd.nextInt(26)));
    }
    ByteMatrix m = Encoder.encode(text.toString(), ErrorCorrectionLevel.L).getMatrix();
    int d = m.getWidth();
    int quiet = 8;
    int w = (int) Math.ceil((d + 2 * quiet) * module);
    double cos = Math.cos(angle);
    double sin = Math.sin(angle);
    double c0 = w / 2.0;
    double[][] mods = {{3.5, 3.5}, {d - 3.5, 3.5}, {3.5, d - 3.5}};
    for (int f = 0; f < 3; f++) {
      double mx = (mods[f][0] - d / 2.0) * module;
      double my = (mods[f][1] - d / 2.0) * module;
      centres[f] = new double[] {c0 + cos * mx - sin * my, c0 + sin * mx + cos * my};
    }
    byte[] px = new byte[w * w];
    for (int y = 0; y < w; y++) {
      for (int x = 0; x < w; x++) {
        double rx = x + 0.5 - c0;
        double ry = y + 0.5 - c0;
        double mx = (cos * rx + sin * ry) / module + d / 2.0;
        double my = (-sin * rx + cos * ry) / module + d / 2.0;
        int i = (int) Math.floor(mx);
        int j = (int) Math.floor(my);
        boolean dark = i >= 0 && j >= 0 && i < d && j < d && m.get(i, j) == 1;
        double g = (dark ? 40 : 210) + noise * rnd.nextGaussian();
        if (Math.hypot(x - centres[2][0], y - centres[2][1]) < radius) {
          g = 225 + (g - 40) / 170 * 20;
        }
        px[y * w + x] = (byte) Math.max(0, Math.min(255, Math.round(g)));
      }
    }
    return new LumaLevel(px, w, w, 1);
  }

  private static FinderCandidate found(Random rnd, double[] c, double module, double jitter) {
    return new FinderCandidate(c[0] + jitter * rnd.nextGaussian(), c[1] + jitter * rnd.nextGaussian(), module,
        40, 210, 2);
  }

  @Test
  void placesAreBitIdenticalToTheStraightforwardSearch() throws Exception {
    Random rnd = new Random(14);
    int placed = 0;
    int none = 0;
    for (int trial = 0; trial < 60; trial++) {
      int version = 1 + rnd.nextInt(trial % 4 == 3 ? 12 : 6);
      double module = 2.5 + 3 * rnd.nextDouble();
      double[][] centres = new double[3][];
      LumaLevel img = symbol(rnd, version, module, rnd.nextDouble() * 2 * Math.PI, 25 * rnd.nextDouble(),
          rnd.nextInt(3) == 0 ? 0 : 6 * module, centres);
      // the found patterns a little off, the module size up to 15 % off, the prediction up to 4 modules off
      double ms = module * (0.85 + 0.3 * rnd.nextDouble());
      FinderCandidate tl = found(rnd, centres[0], ms, 0.3 * module);
      FinderCandidate tr = found(rnd, centres[1], ms, 0.3 * module);
      FinderCandidate bl = found(rnd, centres[2], ms, 0.3 * module);
      double[] q = {centres[2][0] + 2 * module * rnd.nextGaussian(), centres[2][1] + 2 * module * rnd.nextGaussian()};
      double[] qd = {centres[0][0] + 2 * module * rnd.nextGaussian(),
          centres[0][1] + 2 * module * rnd.nextGaussian()};
      // a side pair (the lost pattern bottom-left), the diagonal (the lost pattern top-left), and a side pair
      // pointed at nothing (the lost pattern predicted on the wrong side: scores below the floor)
      Object[][] cases = {{tl, tr, q, false}, {tr, bl, qd, true},
          {tl, tr, new double[] {2 * tl.x - q[0], 2 * tl.y - q[1]}, false}};
      for (Object[] c : cases) {
        FinderCandidate k = (FinderCandidate) c[0];
        FinderCandidate o = (FinderCandidate) c[1];
        double[] p = (double[]) c[2];
        boolean diagonal = (Boolean) c[3];
        double[] expected = straightPlacement(img, k, o, p, diagonal, ms);
        LostFinderPlacer.Placement actual = LostFinderPlacer.placement(img, k, o, p, diagonal, ms, Deadline.none());
        if (expected == null) {
          assertThat(actual).isNull();
          none++;
        } else {
          assertThat(actual).isNotNull();
          assertThat(actual.first).containsExactly(expected);
          placed++;
        }
      }
    }
    // both outcomes are exercised
    assertThat(placed).isGreaterThan(20);
    assertThat(none).isGreaterThan(20);
  }
}
