package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The warped fourth-corner search's score ({@link SymbolReader#spread(Homography, double[], boolean)} on
 * {@link SymbolReader#shiftedCheckerboard}'s coordinates, computed once per search) is bit for bit the spread of the
 * shifted grid it replaced, mapped module by module through {@code ModuleGrid.shifted(ModuleGrid.single(dim, h),
 * shift)}.
 */
class WarpedSpreadTest {
  /** The replaced form: the checkerboard's module centres mapped through the shifted grid object. */
  private static double reference(LumaLevel img, ModuleGrid g, int dim) {
    double[] p = new double[2];
    double sum = 0;
    double sq = 0;
    int n = 0;
    for (int j = 0; j < dim; j++) {
      for (int i = j & 1; i < dim; i += 2) {
        if ((i < 8 && j < 8) || (i >= dim - 8 && j < 8) || (i < 8 && j >= dim - 8)) {
          continue;
        }
        g.map(i + 0.5, j + 0.5, p);
        if (p[0] < 0 || p[1] < 0 || p[0] >= img.width || p[1] >= img.height) {
          return -1;
        }
        double v = img.bilinear(p[0], p[1]);
        sum += v;
        sq += v * v;
        n++;
      }
    }
    double mean = sum / n;
    return sq / n - mean * mean;
  }

  @Test
  void theSpreadOnPrecomputedCoordinatesIsTheShiftedGridsSpread() {
    Random random = new Random(9);
    int w = 400;
    byte[] px = new byte[w * w];
    random.nextBytes(px);
    LumaLevel img = new LumaLevel(px, w, w, 1);
    SymbolReader reader = new SymbolReader(img);
    int offImage = 0;
    for (int trial = 0; trial < 300; trial++) {
      int dim = 21 + 4 * random.nextInt(10);
      double[] shift = new double[2 * dim * dim];
      for (int k = 0; k < shift.length; k++) {
        shift[k] = (random.nextDouble() - 0.5) * 2;
      }
      double m = 3 + random.nextDouble() * 6;
      double x0 = 20 + random.nextDouble() * 60;
      double y0 = 20 + random.nextDouble() * 60;
      double hi = dim - 3.5;
      Homography h = Homography.fromQuad(3.5, 3.5, x0, y0, hi, 3.5, x0 + m * (dim - 7) + random.nextGaussian() * 5,
          y0 + random.nextGaussian() * 5, hi, hi, x0 + m * (dim - 7) + random.nextGaussian() * 20,
          y0 + m * (dim - 7) + random.nextGaussian() * 20, 3.5, hi, x0 + random.nextGaussian() * 5,
          y0 + m * (dim - 7));
      if (h == null) {
        continue;
      }
      double fast = reader.spread(h, SymbolReader.shiftedCheckerboard(dim, shift), false);
      double slow = reference(img, ModuleGrid.shifted(ModuleGrid.single(dim, h), shift), dim);
      assertThat(fast).isEqualTo(slow);
      if (slow == -1) {
        offImage++;
      }
    }
    // both outcomes were compared: inside the image and off it
    assertThat(offImage).isBetween(1, 299);
  }
}
