package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link SymbolReader#normalise}: bit for bit its straightforward form (a branch per sample, per-module weights). */
class NormaliseTest {
  /** The form before issue 9's eleventh pass, kept here as the reference. */
  private static double[] normaliseReference(double[] grey, int dim, int radius, double contrast) {
    int b = SymbolReader.LEVEL_BLOCK;
    int nb = (dim + b - 1) / b;
    double[] blo = new double[nb * nb];
    double[] bhi = new double[nb * nb];
    double minSpread = 0.3 * contrast;
    for (int bj = 0; bj < nb; bj++) {
      int cj = SymbolReader.blockCentre(bj, dim);
      int j0 = Math.max(0, cj - radius);
      int j1 = Math.min(dim - 1, cj + radius);
      for (int bi = 0; bi < nb; bi++) {
        int ci = SymbolReader.blockCentre(bi, dim);
        int i0 = Math.max(0, ci - radius);
        int i1 = Math.min(dim - 1, ci + radius);
        double mean = SymbolReader.windowMean(grey, dim, i0, i1, j0, j1);
        double lo = 0;
        double hi = 0;
        int nlo = 0;
        int nhi = 0;
        for (int y = j0; y <= j1; y++) {
          int row = y * dim;
          for (int x = i0; x <= i1; x++) {
            double v = grey[row + x];
            if (v < mean) {
              lo += v;
              nlo++;
            } else {
              hi += v;
              nhi++;
            }
          }
        }
        lo = nlo == 0 ? mean : lo / nlo;
        hi = nhi == 0 ? mean : hi / nhi;
        if (hi - lo < minSpread) {
          double mid = (hi + lo) / 2;
          lo = mid - minSpread / 2;
          hi = mid + minSpread / 2;
        }
        blo[bj * nb + bi] = lo;
        bhi[bj * nb + bi] = hi;
      }
    }
    double[] out = new double[grey.length];
    for (int j = 0; j < dim; j++) {
      double fy = (j - b / 2) / (double) b;
      int y0 = Math.max(0, Math.min(nb - 1, (int) Math.floor(fy)));
      int y1 = Math.min(nb - 1, y0 + 1);
      double ay = Math.max(0, Math.min(1, fy - y0));
      for (int i = 0; i < dim; i++) {
        double fx = (i - b / 2) / (double) b;
        int x0 = Math.max(0, Math.min(nb - 1, (int) Math.floor(fx)));
        int x1 = Math.min(nb - 1, x0 + 1);
        double ax = Math.max(0, Math.min(1, fx - x0));
        double lo = (blo[y0 * nb + x0] * (1 - ax) + blo[y0 * nb + x1] * ax) * (1 - ay)
            + (blo[y1 * nb + x0] * (1 - ax) + blo[y1 * nb + x1] * ax) * ay;
        double hi = (bhi[y0 * nb + x0] * (1 - ax) + bhi[y0 * nb + x1] * ax) * (1 - ay)
            + (bhi[y1 * nb + x0] * (1 - ax) + bhi[y1 * nb + x1] * ax) * ay;
        double d = (hi - grey[j * dim + i]) / (hi - lo);
        out[j * dim + i] = d < 0 ? 0 : d > 1 ? 1 : d;
      }
    }
    return out;
  }

  @Test
  void theBranchlessFormIsBitIdenticalToTheReference() {
    Random rnd = new Random(23);
    for (int trial = 0; trial < 600; trial++) {
      int dim = 21 + 4 * rnd.nextInt(30);
      double[] grey = new double[dim * dim];
      double base = 20 + rnd.nextDouble() * 200;
      double spread = trial % 5 == 0 ? rnd.nextDouble() * 4 : 20 + rnd.nextDouble() * 150;
      for (int k = 0; k < grey.length; k++) {
        // some windows all one level (the same value repeated): ties with the mean, and a class left empty
        boolean level = trial % 7 == 0 && k % 3 != 0;
        grey[k] = level ? base : base + (rnd.nextBoolean() ? spread : 0) + rnd.nextGaussian() * 6;
      }
      int radius = rnd.nextBoolean() ? 3 : 6;
      double contrast = 10 + rnd.nextDouble() * 150;
      double[] fast = SymbolReader.normalise(grey, dim, radius, contrast);
      assertThat(fast).containsExactly(normaliseReference(grey, dim, radius, contrast));
    }
  }
}
