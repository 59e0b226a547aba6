package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ModuleLevelsTest {
  private static final int DIM = 29; // version 3

  /** A random symbol body with the function patterns at their known colours: 1 dark, 0 light. */
  private static double[] symbol(long seed) {
    byte[] known = ModuleLevels.knownColours(DIM);
    Random rnd = new Random(seed);
    double[] x = new double[DIM * DIM];
    for (int k = 0; k < x.length; k++) {
      x[k] = known[k] == 2 ? (rnd.nextBoolean() ? 1 : 0) : known[k];
    }
    return x;
  }

  private static int wrong(double[] darkness, double[] truth) {
    int n = 0;
    for (int k = 0; k < truth.length; k++) {
      if ((darkness[k] > 0.5) != (truth[k] > 0.5)) {
        n++;
      }
    }
    return n;
  }

  private static double at(double[] x, int i, int j) {
    return i < 0 || j < 0 || i >= DIM || j >= DIM ? 0 : x[j * DIM + i];
  }

  @Test
  void knowsTheFunctionPatternColours() {
    byte[] k = ModuleLevels.knownColours(DIM);
    // top-left finder pattern: dark ring, light ring, dark 3x3 centre, light separator
    assertThat(k[0]).isEqualTo((byte) 1);
    assertThat(k[DIM + 1]).isEqualTo((byte) 0);
    assertThat(k[3 * DIM + 3]).isEqualTo((byte) 1);
    assertThat(k[7 * DIM + 3]).isEqualTo((byte) 0);
    // timing patterns: dark on even positions
    assertThat(k[6 * DIM + 8]).isEqualTo((byte) 1);
    assertThat(k[9 * DIM + 6]).isEqualTo((byte) 0);
    // version 3's alignment pattern at (22, 22): dark centre, light ring, dark edge
    assertThat(k[22 * DIM + 22]).isEqualTo((byte) 1);
    assertThat(k[21 * DIM + 22]).isEqualTo((byte) 0);
    assertThat(k[20 * DIM + 22]).isEqualTo((byte) 1);
    // data
    assertThat(k[12 * DIM + 12]).isEqualTo((byte) 2);
  }

  @Test
  void equaliserRecoversLoneModulesUnderBlur() {
    double[] truth = symbol(7);
    // a 3x3 blur: each sample is half its own module, a tenth of each edge neighbour, a fortieth of each corner one
    double[] blurred = new double[truth.length];
    for (int j = 0; j < DIM; j++) {
      for (int i = 0; i < DIM; i++) {
        double edge = at(truth, i - 1, j) + at(truth, i + 1, j) + at(truth, i, j - 1) + at(truth, i, j + 1);
        double corner = at(truth, i - 1, j - 1) + at(truth, i + 1, j - 1) + at(truth, i - 1, j + 1)
            + at(truth, i + 1, j + 1);
        blurred[j * DIM + i] = 0.5 * truth[j * DIM + i] + 0.1 * edge + 0.025 * corner;
      }
    }
    // a lone dark module samples 0.5 and a lone light one in a dark field 0.5: the first decisions miss them
    assertThat(wrong(blurred, truth)).isGreaterThan(0);
    assertThat(wrong(ModuleLevels.equalised(blurred, DIM), truth)).isZero();
  }

  @Test
  void equaliserLeavesAModelWithoutOwnColourAlone() {
    double[] flat = new double[DIM * DIM];
    java.util.Arrays.fill(flat, 0.5);
    assertThat(ModuleLevels.equalised(flat, DIM)).isSameAs(flat);
  }

  @Test
  void planesFollowAHighlightsGradientThatOneLevelPerWindowMisses() {
    double[] truth = symbol(11);
    // a highlight rising to the right: the dark level climbs 12 grey levels per module, the light one saturates
    double[] grey = new double[truth.length];
    for (int j = 0; j < DIM; j++) {
      for (int i = 0; i < DIM; i++) {
        double dark = Math.min(250, 30 + 12 * i);
        double light = Math.min(254, 150 + 12 * i);
        grey[j * DIM + i] = truth[j * DIM + i] > 0.5 ? dark : light;
      }
    }
    double contrast = 120;
    int window = wrong(SymbolReader.normalise(grey, DIM, 3, contrast), truth);
    int planes = wrong(ModuleLevels.planeLevels(grey, DIM, 3, contrast), truth);
    assertThat(window).isGreaterThan(0);
    assertThat(planes).isLessThan(window);
  }

  @Test
  void cleanSymbolsStayExact() {
    double[] truth = symbol(3);
    double[] grey = new double[truth.length];
    for (int k = 0; k < grey.length; k++) {
      grey[k] = truth[k] > 0.5 ? 40 : 210;
    }
    double[] planes = ModuleLevels.planeLevels(grey, DIM, 3, 170);
    assertThat(wrong(planes, truth)).isZero();
    assertThat(wrong(ModuleLevels.equalised(planes, DIM), truth)).isZero();
    for (double d : planes) {
      assertThat(Math.abs(d - 0.5)).isGreaterThan(0.49);
    }
  }

  /** The straightforward form of {@link ModuleLevels#fitPlane}: all nine products of {1, u, v} into a matrix. */
  private static double[] fitPlaneReference(double[] grey, int dim, int i0, int i1, int j0, int j1, int ci, int cj,
      double mean, boolean dark) {
    double[][] m = new double[3][4];
    int n = 0;
    double sum = 0;
    for (int y = j0; y <= j1; y++) {
      for (int x = i0; x <= i1; x++) {
        double g = grey[y * dim + x];
        if ((g < mean) != dark) {
          continue;
        }
        double u = x - ci;
        double v = y - cj;
        double[] f = {1, u, v};
        for (int r = 0; r < 3; r++) {
          for (int c = 0; c < 3; c++) {
            m[r][c] += f[r] * f[c];
          }
          m[r][3] += f[r] * g;
        }
        n++;
        sum += g;
      }
    }
    if (n == 0) {
      return new double[] {mean, 0, 0, 0};
    }
    double[] p = n >= 6 ? ModuleLevels.solve(m) : null;
    if (p == null) {
      p = new double[] {sum / n, 0, 0};
    }
    double r = 0;
    for (int y = j0; y <= j1; y++) {
      for (int x = i0; x <= i1; x++) {
        double g = grey[y * dim + x];
        if ((g < mean) == dark) {
          double e = g - (p[0] + p[1] * (x - ci) + p[2] * (y - cj));
          r += e * e;
        }
      }
    }
    return new double[] {p[0], p[1], p[2], Math.sqrt(r / n)};
  }

  @Test
  void thePlaneFitIsBitIdenticalToItsStraightforwardForm() {
    Random rnd = new Random(17);
    int flat = 0;
    for (int trial = 0; trial < 4000; trial++) {
      int dim = 21 + 4 * rnd.nextInt(10);
      double[] grey = new double[dim * dim];
      double gx = rnd.nextGaussian() * 3;
      double gy = rnd.nextGaussian() * 3;
      for (int j = 0; j < dim; j++) {
        for (int i = 0; i < dim; i++) {
          grey[j * dim + i] = (rnd.nextBoolean() ? 60 : 190) + gx * i + gy * j + rnd.nextGaussian() * 15;
        }
      }
      int radius = 1 + rnd.nextInt(7);
      int ci = rnd.nextInt(dim);
      int cj = rnd.nextInt(dim);
      int i0 = Math.max(0, ci - radius);
      int i1 = Math.min(dim - 1, ci + radius);
      int j0 = Math.max(0, cj - radius);
      int j1 = Math.min(dim - 1, cj + radius);
      double mean = SymbolReader.windowMean(grey, dim, i0, i1, j0, j1) + rnd.nextGaussian() * 40;
      for (boolean dark : new boolean[] {true, false}) {
        double[] fast = ModuleLevels.fitPlane(grey, dim, i0, i1, j0, j1, ci, cj, mean, dark);
        assertThat(fast).containsExactly(fitPlaneReference(grey, dim, i0, i1, j0, j1, ci, cj, mean, dark));
        if (fast[1] == 0 && fast[2] == 0) {
          flat++;
        }
      }
    }
    // windows both large enough for a plane and too small or one-sided (a flat level) occur
    assertThat(flat).isBetween(100, 7900);
  }
}
