package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link SymbolReader#refine}: the same grid, bit for bit, as its straightforward reference {@link
 * SymbolReader#refineReference} on random images and grids of every kind, and a grid half a module off put back
 * onto the module centres.
 */
class RefineTest {
  /** Random dark and light modules of {@code px} pixels, a 4-module quiet zone, blurred twice by a 3x3 box. */
  private static LumaLevel symbol(Random rnd, int dim, int px, boolean[] dark) {
    int side = (dim + 8) * px;
    byte[] p = new byte[side * side];
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        int i = x / px - 4;
        int j = y / px - 4;
        boolean d = i >= 0 && j >= 0 && i < dim && j < dim && dark[j * dim + i];
        p[y * side + x] = (byte) Math.max(0, Math.min(255, (d ? 40 : 210) + (int) (rnd.nextGaussian() * 12)));
      }
    }
    return new LumaLevel(p, side, side, 1).box3().box3();
  }

  private static boolean[] modules(Random rnd, int dim) {
    boolean[] dark = new boolean[dim * dim];
    for (int k = 0; k < dark.length; k++) {
      dark[k] = rnd.nextBoolean();
    }
    return dark;
  }

  /** The symbol's true homography (module to pixel), each corner moved by up to {@code jitter} pixels. */
  private static Homography near(Random rnd, int dim, int px, double jitter) {
    double o = 4 * px;
    double s = dim * px;
    double[] c = {o, o, o + s, o, o + s, o + s, o, o + s};
    for (int k = 0; k < 8; k++) {
      c[k] += (2 * rnd.nextDouble() - 1) * jitter;
    }
    return Homography.fromQuad(0, 0, c[0], c[1], dim, 0, c[2], c[3], dim, dim, c[4], c[5], 0, dim, c[6], c[7]);
  }

  @Test
  void theLatticeFormIsBitIdenticalToTheReferenceOnRandomGridsOfEveryKind() {
    Random rnd = new Random(11);
    int grids = 0;
    for (int trial = 0; trial < 24; trial++) {
      int dim = 21 + 4 * rnd.nextInt(12);
      int px = 2 + rnd.nextInt(5);
      LumaLevel img = symbol(rnd, dim, px, modules(rnd, dim));
      SymbolReader reader = new SymbolReader(img);
      // up to two modules off at the corners, sometimes far enough that the grid leaves the image
      double jitter = (trial % 4 == 3 ? 6 : 2) * px;
      ModuleGrid single = ModuleGrid.single(dim, near(rnd, dim, px, jitter));
      int mid = dim / 2;
      Homography[] cells = new Homography[4];
      for (int k = 0; k < 4; k++) {
        cells[k] = near(rnd, dim, px, px);
      }
      ModuleGrid piecewise = ModuleGrid.piecewise(dim, new int[] {0, mid, dim}, cells);
      double[] residual = new double[2 * dim * dim];
      for (int k = 0; k < residual.length; k++) {
        residual[k] = rnd.nextGaussian() * px / 4;
      }
      ModuleGrid withResidual = ModuleGrid.residual(dim, near(rnd, dim, px, px), residual);
      ModuleGrid refinedOnce = refineReference(reader, single);
      for (ModuleGrid g : new ModuleGrid[] {single, piecewise, withResidual, refinedOnce}) {
        assertSameGrid(reader.refine(g), refineReference(reader, g));
        grids++;
      }
    }
    assertThat(grids).isEqualTo(96);
  }

  /** Equal shifts give equal maps at every module centre; a shift differing anywhere moves that centre. */
  private static void assertSameGrid(ModuleGrid fast, ModuleGrid reference) {
    assertThat(SymbolReader.centres(fast)).containsExactly(SymbolReader.centres(reference));
  }

  @Test
  void aGridAThirdOfAModuleOffIsPutBackOnTheModuleCentres() {
    Random rnd = new Random(3);
    int dim = 37;
    int px = 6;
    LumaLevel img = symbol(rnd, dim, px, modules(rnd, dim));
    SymbolReader reader = new SymbolReader(img);
    double off = px / 3.0;
    double o = 4 * px;
    double s = dim * px;
    ModuleGrid g = ModuleGrid.single(dim, Homography.fromQuad(0, 0, o + off, o - off, dim, 0, o + s + off, o - off,
        dim, dim, o + s + off, o + s - off, 0, dim, o + off, o + s - off));
    double[] c = SymbolReader.centres(reader.refine(g));
    int close = 0;
    for (int j = 0; j < dim; j++) {
      for (int i = 0; i < dim; i++) {
        int k = 2 * (j * dim + i);
        if (Math.hypot(c[k] - (o + (i + 0.5) * px), c[k + 1] - (o + (j + 0.5) * px)) < 0.15 * px) {
          close++;
        }
      }
    }
    // before: every centre a third of a module off along each axis (0.47 module); after: all but the corners the
    // partial last blocks pull off (the symbol's 37 modules leave a last block one module wide) within 0.15 module
    assertThat(close).isGreaterThan(dim * dim * 9 / 10);
  }

  /**
   * The straightforward form of {@link SymbolReader#refine} (81 shifts x 16 module centres, each through
   * {@link ModuleGrid#map} and {@link LumaLevel#bilinear}): the reference this test compares it with.
   */
  static ModuleGrid refineReference(SymbolReader reader, ModuleGrid g) {
    int dim = g.dimension;
    int b = SymbolReader.REFINE_BLOCK;
    int nb = (dim + b - 1) / b;
    double[] su = new double[nb * nb];
    double[] sv = new double[nb * nb];
    double[] q = new double[2];
    double[] vals = new double[b * b];
    for (int bj = 0; bj < nb; bj++) {
      for (int bi = 0; bi < nb; bi++) {
        double best = -1;
        double bu = 0;
        double bv = 0;
        for (int dj = -4; dj <= 4; dj++) {
          for (int di = -4; di <= 4; di++) {
            double du = di / 8.0;
            double dv = dj / 8.0;
            int n = 0;
            double sum = 0;
            for (int j = bj * b; j < Math.min(dim, bj * b + b); j++) {
              for (int i = bi * b; i < Math.min(dim, bi * b + b); i++) {
                g.map(i + 0.5 + du, j + 0.5 + dv, q);
                double val = reader.image().bilinear(q[0], q[1]);
                vals[n++] = val;
                sum += val;
              }
            }
            double mean = sum / n;
            double var = 0;
            for (int k = 0; k < n; k++) {
              var += (vals[k] - mean) * (vals[k] - mean);
            }
            // a small preference for no shift, so that flat blocks stay put
            var = var / n - 0.5 * (du * du + dv * dv);
            if (var > best) {
              best = var;
              bu = du;
              bv = dv;
            }
          }
        }
        su[bj * nb + bi] = bu;
        sv[bj * nb + bi] = bv;
      }
    }
    return ModuleGrid.shifted(g, SymbolReader.interpolateShifts(dim, nb, su, sv));
  }
}
