package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * {@link SymbolReader#profileScale}, the finder-pattern module-size fit: the same scale, bit for bit, as its
 * straightforward reference on random finder profiles, and the true module size found on a clean one.
 */
class ProfileScaleTest {
  /** Grey levels along a line through a finder of {@code module} pixels, as finderModuleAlong samples them. */
  private static double[] profile(Random rnd, double module, double ms0, double noise, int nanEnd) {
    double step = Math.max(0.25, ms0 / 6);
    int half = (int) Math.ceil(4.5 * 2.0 * ms0 / step);
    double[] val = new double[2 * half + 1];
    for (int i = 0; i < val.length; i++) {
      double a = Math.abs((i - half) * step) / module;
      boolean dark = a < 1.5 || (a >= 2.5 && a < 3.5);
      val[i] = (dark ? 50 : 200) + rnd.nextGaussian() * noise;
      if (i < nanEnd) {
        val[i] = Double.NaN;
      }
    }
    return val;
  }

  @Test
  void theIndexFormIsBitIdenticalToTheReferenceOnRandomProfiles() {
    Random rnd = new Random(9);
    int found = 0;
    for (int trial = 0; trial < 3000; trial++) {
      double ms0 = 0.4 + rnd.nextDouble() * (trial % 3 == 0 ? 3 : 30);
      double module = ms0 * (0.4 + 1.8 * rnd.nextDouble());
      double step = Math.max(0.25, ms0 / 6);
      int half = (int) Math.ceil(4.5 * 2.0 * ms0 / step);
      double[] val = profile(rnd, module, ms0, rnd.nextDouble() * 80, rnd.nextInt(4) == 0 ? rnd.nextInt(half) : 0);
      double min = rnd.nextDouble() * 200;
      double fast = SymbolReader.profileScale(val, half, step, ms0, min);
      assertThat(Double.doubleToRawLongBits(fast))
          .as("trial %d", trial)
          .isEqualTo(Double.doubleToRawLongBits(profileScaleReference(val, half, step, ms0, min)));
      if (fast > 0) {
        found++;
      }
    }
    // both outcomes occur: a scale found and none (no contrast, or the true size outside the searched range)
    assertThat(found).isBetween(300, 2900);
  }

  @Test
  void aCleanFinderGivesItsModuleSize() {
    double[] val = profile(new Random(1), 7.3, 6, 0, 0);
    double step = 1;
    int half = (val.length - 1) / 2;
    assertThat(SymbolReader.profileScale(val, half, step, 6, 30)).isCloseTo(7.3, Offset.offset(0.1));
  }

  /** The straightforward form of {@link SymbolReader#profileScale}: the reference this test compares it with. */
  static double profileScaleReference(double[] val, int half, double step, double ms0, double minContrast) {
    int n = 2 * half + 1;
    double[] pos = new double[n];
    for (int i = 0; i < n; i++) {
      pos[i] = Math.abs((i - half) * step);
    }
    double best = 0;
    double bestS = -1;
    double lo = 0.5 * ms0;
    double hi = 2.0 * ms0;
    double factor = 1.08;
    for (int pass = 0; pass < 2; pass++) {
      if (pass == 1) {
        if (bestS < 0) {
          break;
        }
        lo = bestS / 1.08;
        hi = bestS * 1.08;
        factor = 1.01;
      }
      for (double s = lo; s <= hi; s *= factor) {
        double dark = 0;
        double light = 0;
        int nd = 0;
        int nl = 0;
        for (int i = 0; i < n; i++) {
          double a = pos[i] / s;
          if (a >= 4.5 || Double.isNaN(val[i])) {
            continue;
          }
          if (a < 1.5 || (a >= 2.5 && a < 3.5)) {
            dark += val[i];
            nd++;
          } else {
            light += val[i];
            nl++;
          }
        }
        if (nd == 0 || nl == 0) {
          continue;
        }
        double c = light / nl - dark / nd;
        if (c > best) {
          best = c;
          bestS = s;
        }
      }
    }
    return best > minContrast ? bestS : -1;
  }
}
