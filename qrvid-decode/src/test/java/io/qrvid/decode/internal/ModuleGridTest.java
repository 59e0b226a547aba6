package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link ModuleGrid#mapInModule}: bit for bit {@link ModuleGrid#map} for points inside the given module. */
class ModuleGridTest {
  private static Homography random(Random rnd, int dim) {
    double[] c = new double[8];
    double[] square = {0, 0, 400, 0, 400, 400, 0, 400};
    for (int k = 0; k < 8; k++) {
      c[k] = 50 + square[k] + rnd.nextGaussian() * 30;
    }
    return Homography.fromQuad(0, 0, c[0], c[1], dim, 0, c[2], c[3], dim, dim, c[4], c[5], 0, dim, c[6], c[7]);
  }

  @Test
  void mappingInsideAKnownModuleIsMapOnEveryKindOfGrid() {
    Random rnd = new Random(5);
    int points = 0;
    for (int trial = 0; trial < 40; trial++) {
      int dim = 21 + 4 * rnd.nextInt(20);
      int[] bounds = {0, 6 + rnd.nextInt(dim / 3), dim / 2 + rnd.nextInt(dim / 4), dim};
      Homography[] cells = new Homography[9];
      for (int k = 0; k < 9; k++) {
        cells[k] = random(rnd, dim);
      }
      double[] perModule = new double[2 * dim * dim];
      for (int k = 0; k < perModule.length; k++) {
        perModule[k] = rnd.nextGaussian();
      }
      ModuleGrid single = ModuleGrid.single(dim, random(rnd, dim));
      ModuleGrid piecewise = ModuleGrid.piecewise(dim, bounds, cells);
      ModuleGrid[] grids = {single, piecewise, ModuleGrid.residual(dim, random(rnd, dim), perModule),
          ModuleGrid.shifted(piecewise, perModule), ModuleGrid.shifted(single, perModule)};
      double[] a = new double[2];
      double[] b = new double[2];
      for (ModuleGrid g : grids) {
        for (int p = 0; p < 200; p++) {
          int i = rnd.nextInt(dim);
          int j = rnd.nextInt(dim);
          // the module's centre, its spread points (+-0.2) and anywhere else inside it, its edges included
          double fu = p % 4 == 0 ? 0.5 : p % 4 == 1 ? 0.3 : p % 4 == 2 ? 0 : rnd.nextDouble();
          double fv = p % 4 == 0 ? 0.5 : p % 4 == 1 ? 0.7 : p % 4 == 2 ? 0 : rnd.nextDouble();
          g.map(i + fu, j + fv, a);
          g.mapInModule(i, j, i + fu, j + fv, b);
          assertThat(b).containsExactly(a);
          if (g.projectiveOnly()) {
            assertThat(g.cell(i, j)).isSameAs(g.at(i + fu, j + fv));
          }
          points++;
        }
      }
    }
    assertThat(points).isEqualTo(40 * 5 * 200);
  }

  @Test
  void mappingARowOfEighthsIsMapOnEveryKindOfGrid() {
    Random rnd = new Random(8);
    int rows = 0;
    for (int trial = 0; trial < 30; trial++) {
      int dim = 21 + 4 * rnd.nextInt(20);
      int[] bounds = {0, 6 + rnd.nextInt(dim / 3), dim / 2 + rnd.nextInt(dim / 4), dim};
      Homography[] cells = new Homography[9];
      for (int k = 0; k < 9; k++) {
        cells[k] = random(rnd, dim);
      }
      double[] perModule = new double[2 * dim * dim];
      for (int k = 0; k < perModule.length; k++) {
        perModule[k] = rnd.nextGaussian();
      }
      ModuleGrid single = ModuleGrid.single(dim, random(rnd, dim));
      ModuleGrid piecewise = ModuleGrid.piecewise(dim, bounds, cells);
      ModuleGrid[] grids = {single, piecewise, ModuleGrid.residual(dim, random(rnd, dim), perModule),
          ModuleGrid.shifted(piecewise, perModule), ModuleGrid.shifted(single, perModule)};
      int cols = 8 * dim + 1;
      double[] xy = new double[2 * cols];
      double[] q = new double[2];
      for (ModuleGrid g : grids) {
        // every row of eighths, the last (v = dim) included
        for (int r = 0; r <= 8 * dim; r += 1 + rnd.nextInt(3)) {
          double v = r / 8.0;
          g.mapEighths(v, cols, xy);
          for (int c = 0; c < cols; c++) {
            g.map(c / 8.0, v, q);
            assertThat(new double[] {xy[2 * c], xy[2 * c + 1]}).containsExactly(q);
          }
          rows++;
        }
      }
    }
    assertThat(rows).isGreaterThan(30 * 5 * 40);
  }
}
