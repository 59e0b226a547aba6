package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link SymbolReader#sameAsDecoded}: which candidate grids the reader skips as already decoded; the lazy form
 * against the straightforward one, and the module centres {@link SymbolReader#sample(ModuleGrid, double[])} writes
 * against {@link SymbolReader#centres}.
 */
class SameGridTest {
  private static final int DIM = 25;

  /** A version-2 grid at 4 pixels per module, its corners moved by the given pixel offsets (x, y per corner). */
  private static ModuleGrid grid(double... d) {
    double s = 4 * DIM;
    Homography h = Homography.fromQuad(0, 0, 10 + d[0], 20 + d[1], DIM, 0, 10 + s + d[2], 20 + d[3], DIM, DIM,
        10 + s + d[4], 20 + s + d[5], 0, DIM, 10 + d[6], 20 + s + d[7]);
    return ModuleGrid.single(DIM, h);
  }

  @Test
  void aGridWithinATenthOfAModuleOfADecodedOneIsTheSame() {
    List<double[]> decoded = List.of(SymbolReader.centres(grid(0, 0, 0, 0, 0, 0, 0, 0)));
    // 0.3 pixel = 0.075 module at every corner, in different directions
    assertThat(SymbolReader.sameAsDecoded(grid(0.3, 0, 0, -0.3, -0.3, 0.2, 0.2, 0.3), decoded)).isTrue();
  }

  @Test
  void aGridOneCornerOfWhichMovedAQuarterModuleIsNot() {
    List<double[]> decoded = List.of(SymbolReader.centres(grid(0, 0, 0, 0, 0, 0, 0, 0)));
    // the bottom-right corner 1 pixel (a quarter module) off: the modules near it move by up to about that much
    assertThat(SymbolReader.sameAsDecoded(grid(0, 0, 0, 0, 1, 1, 0, 0), decoded)).isFalse();
    // every module half a module off
    assertThat(SymbolReader.sameAsDecoded(grid(2, 0, 2, 0, 2, 0, 2, 0), decoded)).isFalse();
  }

  @Test
  void nothingDecodedYetOrAnotherSizeIsNeverTheSame() {
    assertThat(SymbolReader.sameAsDecoded(grid(0, 0, 0, 0, 0, 0, 0, 0), List.of())).isFalse();
    Homography h = Homography.fromQuad(0, 0, 10, 20, 29, 0, 110, 20, 29, 29, 110, 120, 0, 29, 10, 120);
    List<double[]> decoded = List.of(SymbolReader.centres(ModuleGrid.single(29, h)));
    assertThat(SymbolReader.sameAsDecoded(grid(0, 0, 0, 0, 0, 0, 0, 0), decoded)).isFalse();
  }

  /** The straightforward form {@code sameAsDecoded} had before it mapped lazily: every centre first, then compared. */
  private static boolean sameAsDecodedReference(ModuleGrid g, List<double[]> decoded) {
    if (decoded.isEmpty()) {
      return false;
    }
    double[] c = SymbolReader.centres(g);
    double[] a = new double[2];
    double[] b = new double[2];
    double m = g.dimension / 2.0;
    g.map(m, m, a);
    g.map(m + 1, m, b);
    double tol = SymbolReader.SAME_GRID_MODULES * Math.hypot(b[0] - a[0], b[1] - a[1]);
    double tol2 = tol * tol;
    for (double[] d : decoded) {
      if (d.length != c.length) {
        continue;
      }
      boolean same = true;
      for (int k = 0; k < c.length && same; k += 2) {
        double dx = c[k] - d[k];
        double dy = c[k + 1] - d[k + 1];
        same = dx * dx + dy * dy <= tol2;
      }
      if (same) {
        return true;
      }
    }
    return false;
  }

  /** Corners (x, y each, clockwise from the top left) of a grid of {@code dim} modules of about 4 pixels. */
  private static double[] corners(Random rnd, int dim) {
    double s = 4 * dim;
    double[] c = {10, 20, 10 + s, 20, 10 + s, 20 + s, 10, 20 + s};
    for (int k = 0; k < 8; k++) {
      c[k] += (2 * rnd.nextDouble() - 1) * 6;
    }
    return c;
  }

  /**
   * A grid of {@code dim} modules through {@code c}, each corner moved by up to {@code jitter} pixels, with a random
   * residual per module (a tenth of that) when {@code residual}.
   */
  private static ModuleGrid grid(Random rnd, int dim, double[] c, double jitter, boolean residual) {
    double[] m = new double[8];
    for (int k = 0; k < 8; k++) {
      m[k] = c[k] + (2 * rnd.nextDouble() - 1) * jitter;
    }
    Homography h = Homography.fromQuad(0, 0, m[0], m[1], dim, 0, m[2], m[3], dim, dim, m[4], m[5], 0, dim, m[6], m[7]);
    if (!residual) {
      return ModuleGrid.single(dim, h);
    }
    double[] r = new double[2 * dim * dim];
    for (int k = 0; k < r.length; k++) {
      r[k] = (2 * rnd.nextDouble() - 1) * jitter / 10;
    }
    return ModuleGrid.residual(dim, h, r);
  }

  @Test
  void theLazyFormAnswersAsTheStraightforwardOneOnRandomGrids() {
    Random rnd = new Random(15);
    int same = 0;
    int different = 0;
    for (int trial = 0; trial < 600; trial++) {
      int dim = trial % 5 == 0 ? 29 : DIM;
      double[] c = corners(rnd, dim);
      // up to three grids decoded near c (some of another size), then a candidate from the same grid to a module off
      List<double[]> decoded = new ArrayList<>();
      for (int n = rnd.nextInt(4); n > 0; n--) {
        int d = rnd.nextInt(4) == 0 ? 29 : DIM;
        decoded.add(SymbolReader.centres(grid(rnd, d, d == dim ? c : corners(rnd, d), 0.2, rnd.nextBoolean())));
      }
      ModuleGrid g = grid(rnd, dim, c, rnd.nextBoolean() ? 0.2 : 0.2 + rnd.nextDouble() * 4, rnd.nextBoolean());
      boolean expected = sameAsDecodedReference(g, decoded);
      assertThat(SymbolReader.sameAsDecoded(g, decoded)).isEqualTo(expected);
      if (expected) {
        same++;
      } else {
        different++;
      }
    }
    // both answers occur often, so the comparison covers both
    assertThat(same).isGreaterThan(50);
    assertThat(different).isGreaterThan(50);
  }

  @Test
  void theSamplingWritesTheCentresTheReaderComparesBitForBit() {
    Random rnd = new Random(16);
    byte[] p = new byte[300 * 300];
    rnd.nextBytes(p);
    SymbolReader reader = new SymbolReader(new LumaLevel(p, 300, 300, 1));
    int sampled = 0;
    for (int trial = 0; trial < 200; trial++) {
      int dim = 21 + 4 * rnd.nextInt(8);
      ModuleGrid g = grid(rnd, dim, corners(rnd, dim), 6, rnd.nextBoolean());
      double[] centres = new double[2 * dim * dim];
      double[] grey = reader.sample(g, centres);
      if (grey != null) {
        assertThat(centres).containsExactly(SymbolReader.centres(g));
        assertThat(grey).containsExactly(reader.sample(g));
        sampled++;
      }
    }
    assertThat(sampled).isGreaterThan(100);
  }
}
