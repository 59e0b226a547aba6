package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TimingAlternationTest {
  private static final int DIM = 25; // version 2
  private static final int PX = 8; // pixels per module
  private static final int QUIET = 4; // modules
  private static final int SIDE = (DIM + 2 * QUIET) * PX;

  /** A random symbol body with the function patterns at their known colours: true dark. */
  private static boolean[] symbol(long seed) {
    byte[] known = ModuleLevels.knownColours(DIM);
    Random rnd = new Random(seed);
    boolean[] x = new boolean[DIM * DIM];
    for (int k = 0; k < x.length; k++) {
      x[k] = known[k] == 2 ? rnd.nextBoolean() : known[k] == 1;
    }
    return x;
  }

  /** Grey levels (dark 40, light 220) of the symbol at {@link #PX} pixels per module with its quiet zone. */
  private static double[] render(boolean[] modules) {
    double[] g = new double[SIDE * SIDE];
    for (int y = 0; y < SIDE; y++) {
      for (int x = 0; x < SIDE; x++) {
        int i = x / PX - QUIET;
        int j = y / PX - QUIET;
        boolean dark = i >= 0 && j >= 0 && i < DIM && j < DIM && modules[j * DIM + i];
        g[y * SIDE + x] = dark ? 40 : 220;
      }
    }
    return g;
  }

  /** A separable box blur of {@code width} pixels, applied {@code passes} times (three approach a Gaussian). */
  private static double[] blur(double[] g, int width, int passes) {
    double[] cur = g;
    for (int p = 0; p < passes; p++) {
      double[] h = new double[cur.length];
      double[] v = new double[cur.length];
      int r = width / 2;
      for (int y = 0; y < SIDE; y++) {
        for (int x = 0; x < SIDE; x++) {
          double s = 0;
          for (int d = -r; d <= r; d++) {
            s += cur[y * SIDE + Math.max(0, Math.min(SIDE - 1, x + d))];
          }
          h[y * SIDE + x] = s / (2 * r + 1);
        }
      }
      for (int y = 0; y < SIDE; y++) {
        for (int x = 0; x < SIDE; x++) {
          double s = 0;
          for (int d = -r; d <= r; d++) {
            s += h[Math.max(0, Math.min(SIDE - 1, y + d)) * SIDE + x];
          }
          v[y * SIDE + x] = s / (2 * r + 1);
        }
      }
      cur = v;
    }
    return cur;
  }

  /** A highlight: {@code gain} grey levels added at the symbol's bottom-right corner, falling linearly to 0. */
  private static double[] highlight(double[] g, double gain) {
    double[] out = new double[g.length];
    for (int y = 0; y < SIDE; y++) {
      for (int x = 0; x < SIDE; x++) {
        out[y * SIDE + x] = g[y * SIDE + x] + gain * (x + y) / (2.0 * SIDE);
      }
    }
    return out;
  }

  private static LumaLevel image(double[] g) {
    byte[] px = new byte[g.length];
    for (int k = 0; k < g.length; k++) {
      px[k] = (byte) Math.max(0, Math.min(255, Math.round(g[k])));
    }
    return new LumaLevel(px, SIDE, SIDE, 1);
  }

  /** The map from module coordinates of a symbol of {@code dim} modules spanning the real one's outline. */
  private static Homography map(int dim, double shiftU, double shiftV) {
    double o = QUIET * PX;
    double s = DIM * PX;
    double du = shiftU * PX;
    double dv = shiftV * PX;
    return Homography.fromQuad(0, 0, o + du, o + dv, dim, 0, o + s + du, o + dv, dim, dim, o + s + du, o + s + dv,
        0, dim, o + du, o + s + dv);
  }

  /**
   * What a threshold between the finder patterns' dark and light levels sees: the share of timing modules (8 to
   * dim - 9 of row 6 and column 6) on the right side of it.
   */
  private static double thresholdShare(LumaLevel img, Homography h) {
    double[] q = new double[2];
    h.map(3.5, 3.5, q);
    double dark = img.bilinear(q[0], q[1]);
    double light = 0;
    for (int k = 0; k < 7; k++) {
      h.map(k + 0.5, 7.5, q);
      light += img.bilinear(q[0], q[1]) / 7;
    }
    double t = (dark + light) / 2;
    int good = 0;
    int n = 0;
    for (int k = 8; k <= DIM - 9; k++) {
      boolean wantDark = (k & 1) == 0;
      h.map(k + 0.5, 6.5, q);
      good += (img.bilinear(q[0], q[1]) < t) == wantDark ? 1 : 0;
      h.map(6.5, k + 0.5, q);
      good += (img.bilinear(q[0], q[1]) < t) == wantDark ? 1 : 0;
      n += 2;
    }
    return good / (double) n;
  }

  @Test
  void aCleanTimingPatternAlternatesEverywhere() {
    LumaLevel img = image(render(symbol(1)));
    assertThat(TimingAlternation.score(img, map(DIM, 0, 0), DIM)).isEqualTo(1.0);
  }

  @Test
  void blurAndAHighlightThatDefeatTheGlobalThresholdStillPass() {
    // a near-Gaussian blur of 0.56 module standard deviation (three passes of a 9 px box at 8 px per module: the
    // one-module alternation keeps a fifth of its amplitude) and a highlight of 180 grey levels across the symbol:
    // most timing modules sit on one side of the finder patterns' threshold
    LumaLevel img = image(highlight(blur(render(symbol(2)), 9, 3), 180));
    Homography h = map(DIM, 0, 0);
    assertThat(thresholdShare(img, h)).isLessThan(0.62);
    assertThat(TimingAlternation.score(img, h, DIM)).isGreaterThanOrEqualTo(TimingAlternation.PASS);
    assertThat(TimingAlternation.passes(img, DIM, null, h)).isTrue();
  }

  @Test
  void aGridHalfAModuleOffFails() {
    for (long seed = 0; seed < 20; seed++) {
      LumaLevel img = image(blur(render(symbol(seed)), 3, 2));
      assertThat(TimingAlternation.score(img, map(DIM, 0.5, 0.5), DIM)).as("seed %d", seed)
          .isLessThan(TimingAlternation.PASS);
    }
  }

  @Test
  void aWrongDimensionFails() {
    for (long seed = 0; seed < 20; seed++) {
      LumaLevel img = image(blur(render(symbol(seed)), 3, 2));
      assertThat(TimingAlternation.score(img, map(DIM + 4, 0, 0), DIM + 4)).as("seed %d, dim + 4", seed)
          .isLessThan(TimingAlternation.PASS);
      assertThat(TimingAlternation.score(img, map(DIM - 4, 0, 0), DIM - 4)).as("seed %d, dim - 4", seed)
          .isLessThan(TimingAlternation.PASS);
    }
  }

  @Test
  void randomDataWhereTheTimingPatternsShouldBeFails() {
    // the symbol transposed by one module: row 6 and column 6 of the map lie on rows 7 and 5 of data and separator
    int passed = 0;
    for (long seed = 0; seed < 200; seed++) {
      boolean[] s = symbol(seed);
      boolean[] noTiming = s.clone();
      Random rnd = new Random(~seed);
      for (int k = 8; k <= DIM - 9; k++) {
        noTiming[6 * DIM + k] = rnd.nextBoolean();
        noTiming[k * DIM + 6] = rnd.nextBoolean();
      }
      LumaLevel img = image(render(noTiming));
      if (TimingAlternation.score(img, map(DIM, 0, 0), DIM) >= TimingAlternation.PASS) {
        passed++;
      }
    }
    // the binomial null: 22 signs of which the 4 at the separators are fixed, 18 random; at least 19 must agree,
    // so at least 15 of the 18 random ones: 0.4 % of such lines
    assertThat(passed).isLessThanOrEqualTo(5);
  }

  @Test
  void agreeingCountsSignsOfTheSecondDifference() {
    // module 6 dark, 7 light, 8 dark, 9 light, 10 dark: every inner sign agrees
    assertThat(TimingAlternation.agreeing(new double[] {10, 200, 30, 190, 20})).isEqualTo(3);
    // a ramp without alternation: no second difference agrees
    assertThat(TimingAlternation.agreeing(new double[] {10, 20, 30, 40, 50})).isZero();
    // an alternation riding on a steep ramp still agrees
    assertThat(TimingAlternation.agreeing(new double[] {0, 100, 90, 190, 180})).isEqualTo(3);
  }
}
