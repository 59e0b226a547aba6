package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CylinderGridTest {
  /**
   * A version-4 symbol (33 modules, 7 px each) wrapped round a vertical cylinder so that its width subtends 2 x 30
   * degrees, turned 5 degrees about the cylinder's axis and tilted 6 degrees across it, seen by a pinhole camera
   * (focal length 800 px) from 300 modules away: the image of module point (u, v).
   */
  private static double[] view(double u, double v, boolean aroundU) {
    int dim = 33;
    double half = dim / 2.0;
    double r = half / Math.toRadians(30);
    double s = (aroundU ? u : v) - half;
    double t = (aroundU ? v : u) - half;
    double a = s / r;
    double x = r * Math.sin(a);
    double y = t;
    double z = r * (1 - Math.cos(a));
    if (!aroundU) {
      double tmp = x;
      x = y;
      y = tmp;
    }
    // yaw 5 degrees (about y), then tilt 6 degrees (about x)
    double cy = Math.cos(Math.toRadians(5));
    double sy = Math.sin(Math.toRadians(5));
    double x1 = cy * x + sy * z;
    double z1 = -sy * x + cy * z;
    double ct = Math.cos(Math.toRadians(6));
    double st = Math.sin(Math.toRadians(6));
    double y2 = ct * y - st * z1;
    double z2 = st * y + ct * z1 + 300.0 / 7;
    double f = 800;
    return new double[] {320 + f * x1 / z2, 240 + f * y2 / z2};
  }

  /**
   * Control points as the reader has them: three finder centres, both timing patterns and, when {@code alignment},
   * the alignment pattern near the far corner.
   */
  private static int controlPoints(double[] uv, double[] xy, boolean aroundU, double noise, Random random,
      boolean alignment) {
    int dim = 33;
    int n = 0;
    double[][] pts = new double[4 + 2 * (dim - 16)][];
    if (alignment) {
      pts[n++] = new double[] {dim - 6.5, dim - 6.5};
    }
    pts[n++] = new double[] {3.5, 3.5};
    pts[n++] = new double[] {dim - 3.5, 3.5};
    pts[n++] = new double[] {3.5, dim - 3.5};
    for (int i = 8; i <= dim - 9; i++) {
      pts[n++] = new double[] {i + 0.5, 6.5};
      pts[n++] = new double[] {6.5, i + 0.5};
    }
    for (int k = 0; k < n; k++) {
      double[] q = view(pts[k][0], pts[k][1], aroundU);
      uv[2 * k] = pts[k][0];
      uv[2 * k + 1] = pts[k][1];
      xy[2 * k] = q[0] + noise * random.nextGaussian();
      xy[2 * k + 1] = q[1] + noise * random.nextGaussian();
    }
    return n;
  }

  @Test
  void fitThroughFinderCentresAndTimingPatternsFollowsTheWholeCylinder() {
    for (boolean aroundU : new boolean[] {true, false}) {
      double[] uv = new double[200];
      double[] xy = new double[200];
      int n = controlPoints(uv, xy, aroundU, 0, new Random(1), false);
      CylinderGrid c = CylinderGrid.fit(33, uv, xy, n);
      assertThat(c).isNotNull();
      assertThat(c.aroundU).isEqualTo(aroundU);
      assertThat(Math.toDegrees(c.halfAngle)).isCloseTo(30, offset(0.5));
      assertThat(c.worst).isLessThan(0.01);
      // every module centre, the far corner included, which no control point is near
      double[] p = new double[2];
      double worst = 0;
      for (int j = 0; j < 33; j++) {
        for (int i = 0; i < 33; i++) {
          assertThat(c.mapChecked(i + 0.5, j + 0.5, p)).isTrue();
          double[] q = view(i + 0.5, j + 0.5, aroundU);
          worst = Math.max(worst, Math.hypot(p[0] - q[0], p[1] - q[1]));
        }
      }
      assertThat(worst).as("pixels, modules are 7 px").isLessThan(0.05);
    }
  }

  /** The largest distance, in modules, of a fit to noisy control points from the true module centres. */
  private static double noisyFitError(double noiseModules, boolean alignment, long seed) {
    double[] uv = new double[200];
    double[] xy = new double[200];
    int n = controlPoints(uv, xy, true, 7 * noiseModules, new Random(seed), alignment);
    CylinderGrid c = CylinderGrid.fit(33, uv, xy, n);
    assertThat(c).isNotNull();
    double[] p = new double[2];
    double worst = 0;
    for (int j = 0; j < 33; j++) {
      for (int i = 0; i < 33; i++) {
        c.mapChecked(i + 0.5, j + 0.5, p);
        double[] q = view(i + 0.5, j + 0.5, true);
        worst = Math.max(worst, Math.hypot(p[0] - q[0], p[1] - q[1]) / 7);
      }
    }
    return worst;
  }

  @Test
  void noisyControlPointsWithTheAlignmentPatternPlaceEveryModule() {
    // a tenth of a module of noise (standard deviation) on every point, about what the tracks show on the
    // development set's curved photos: the far corner, with no control point near it, is where the fit errs most,
    // and the alignment pattern there holds it
    // and the refinement that follows moves each 4x4 block by up to half a module. Measured over these 20 noise
    // draws: 0.11-0.60 module with the alignment pattern, 0.24-3.1 without (the fit's weakness: two lines and
    // three points leave the far corner an extrapolation)
    double with = 0;
    double without = 0;
    for (long seed = 1; seed <= 20; seed++) {
      double w = noisyFitError(0.1, true, seed);
      assertThat(w).as("seed %d", seed).isLessThan(0.75);
      with += w;
      without += noisyFitError(0.1, false, seed);
    }
    assertThat(with).isLessThan(without / 2);
  }

  @Test
  void aFlatSymbolFitsWithoutCurvatureAndASlippedTrackDoesNot() {
    // a homography's points: the fit is exact at (near) zero curvature
    double[] uv = new double[200];
    double[] xy = new double[200];
    int n = 0;
    for (int j = 0; j < 33; j += 4) {
      for (int i = 0; i < 33; i += 4) {
        double w = 0.002 * i + 0.001 * j + 1;
        uv[2 * n] = i;
        uv[2 * n + 1] = j;
        xy[2 * n] = (6 * i + 0.5 * j + 40) / w;
        xy[2 * n + 1] = (-0.3 * i + 6.5 * j + 30) / w;
        n++;
      }
    }
    CylinderGrid flat = CylinderGrid.fit(33, uv, xy, Math.min(n, 81));
    assertThat(flat).isNotNull();
    assertThat(flat.worst).isLessThan(0.01);
    // a timing track that slipped one module half way: its far end no longer meets the far finder pattern
    double[] uv2 = new double[200];
    double[] xy2 = new double[200];
    int m = controlPoints(uv2, xy2, true, 0, new Random(1), false);
    for (int k = 0; k < m; k++) {
      if (uv2[2 * k + 1] == 6.5 && uv2[2 * k] > 16) {
        double[] q = view(uv2[2 * k] + 1, 6.5, true);
        xy2[2 * k] = q[0];
        xy2[2 * k + 1] = q[1];
      }
    }
    CylinderGrid slipped = CylinderGrid.fit(33, uv2, xy2, m);
    assertThat(slipped == null || slipped.worst > SymbolReader.CYLINDER_FIT_MODULES * 7)
        .as("refused as the reader refuses it").isTrue();
  }

  @Test
  void tooFewPointsGiveNoFit() {
    assertThat(CylinderGrid.fit(21, new double[14], new double[14], 7)).isNull();
  }

  /**
   * The fit per curvature ({@link CylinderGrid#fitAt}: normalisation once per fit, only the non-zero products, the
   * upper triangle mirrored, each point's basis reused) is bit for bit the straightforward one
   * ({@link CylinderGrid#fitAtReference}) on random control points: the cylinder's, with noise up to several
   * modules, points on the symbol's middle line (a zero basis term), and random curvatures.
   */
  @Test
  void theFasterFitIsBitForBitTheStraightforwardOne() {
    Random random = new Random(11);
    int compared = 0;
    for (int trial = 0; trial < 400; trial++) {
      boolean aroundU = random.nextBoolean();
      double[] uv = new double[200];
      double[] xy = new double[200];
      int n = controlPoints(uv, xy, aroundU, random.nextDouble() * 20, random, random.nextBoolean());
      if (trial % 3 == 0) {
        // a point on the middle line: s = 0 exactly
        uv[0] = 16.5;
        uv[1] = random.nextInt(33) + 0.5;
      }
      if (trial % 7 == 0) {
        n = 8 + random.nextInt(5);
      }
      for (boolean around : new boolean[] {true, false}) {
        double angle = trial % 5 == 0 ? 0 : random.nextDouble() * Math.toRadians(80);
        CylinderGrid fast = CylinderGrid.fitAt(33, uv, xy, n, around, angle);
        CylinderGrid slow = fitAtReference(33, uv, xy, n, around, angle);
        assertThat(fast == null).isEqualTo(slow == null);
        if (fast == null) {
          continue;
        }
        compared++;
        assertThat(fast.rms).isEqualTo(slow.rms);
        assertThat(fast.worst).isEqualTo(slow.worst);
        assertThat(fast.halfAngle).isEqualTo(slow.halfAngle);
        double[] p = new double[2];
        double[] q = new double[2];
        for (int j = 0; j < 33; j += 4) {
          for (int i = 0; i < 33; i += 4) {
            assertThat(fast.mapChecked(i + 0.5, j + 0.5, p)).isEqualTo(slow.mapChecked(i + 0.5, j + 0.5, q));
            assertThat(p).isEqualTo(q);
          }
        }
      }
    }
    assertThat(compared).isGreaterThan(500);
  }

  /** {@link CylinderGrid#fit}'s search (both axes, coarse then golden section) over the reference fit per curvature. */
  private static CylinderGrid referenceFit(int dim, double[] uv, double[] xy, int n) {
    CylinderGrid best = null;
    for (boolean around : new boolean[] {true, false}) {
      CylinderGrid axis = null;
      int bestK = 0;
      double max = Math.toRadians(80);
      for (int k = 0; k <= 32; k++) {
        CylinderGrid c = fitAtReference(dim, uv, xy, n, around, max * k / 32);
        if (c != null && (axis == null || c.rms < axis.rms)) {
          axis = c;
          bestK = k;
        }
      }
      if (axis == null) {
        continue;
      }
      double step = max / 32;
      double a = Math.max(0, (bestK - 1) * step);
      double b = Math.min(max, (bestK + 1) * step);
      double g = (Math.sqrt(5) - 1) / 2;
      for (int it = 0; it < 12; it++) {
        double x1 = b - g * (b - a);
        double x2 = a + g * (b - a);
        CylinderGrid c1 = fitAtReference(dim, uv, xy, n, around, x1);
        CylinderGrid c2 = fitAtReference(dim, uv, xy, n, around, x2);
        double r1 = c1 == null ? Double.MAX_VALUE : c1.rms;
        double r2 = c2 == null ? Double.MAX_VALUE : c2.rms;
        if (c1 != null && r1 < axis.rms) {
          axis = c1;
        }
        if (c2 != null && r2 < axis.rms) {
          axis = c2;
        }
        if (r1 < r2) {
          b = x2;
        } else {
          a = x1;
        }
      }
      if (best == null || axis.rms < best.rms) {
        best = axis;
      }
    }
    return best;
  }

  /** The whole search, whose curvatures share one set of normalised points and buffers, gives the same fit. */
  @Test
  void theWholeFasterSearchGivesTheSameFit() {
    Random random = new Random(12);
    for (int trial = 0; trial < 40; trial++) {
      double[] uv = new double[200];
      double[] xy = new double[200];
      int n = controlPoints(uv, xy, random.nextBoolean(), random.nextDouble() * 3, random, random.nextBoolean());
      CylinderGrid fast = CylinderGrid.fit(33, uv, xy, n);
      CylinderGrid slow = referenceFit(33, uv, xy, n);
      assertThat(fast).isNotNull();
      assertThat(slow).isNotNull();
      assertThat(fast.aroundU).isEqualTo(slow.aroundU);
      assertThat(fast.halfAngle).isEqualTo(slow.halfAngle);
      assertThat(fast.rms).isEqualTo(slow.rms);
      assertThat(fast.worst).isEqualTo(slow.worst);
    }
  }

  /**
   * The linear fit of P for one curvature; null when degenerate or a point falls behind the camera. The
   * straightforward form: the reference that {@link CylinderGrid#fitAt} must reproduce bit for bit.
   */
  static CylinderGrid fitAtReference(int dimension, double[] uv, double[] xy, int n, boolean aroundU,
      double halfAngle) {
    double half = dimension / 2.0;
    double cx = 0;
    double cy = 0;
    for (int i = 0; i < n; i++) {
      cx += xy[2 * i];
      cy += xy[2 * i + 1];
    }
    cx /= n;
    cy /= n;
    double d = 0;
    for (int i = 0; i < n; i++) {
      d += Math.hypot(xy[2 * i] - cx, xy[2 * i + 1] - cy);
    }
    d /= n;
    if (d < 1e-9) {
      return null;
    }
    double scale = Math.sqrt(2) / d;
    // unknowns: P1 (4), P2 (4), P3 (3; its constant term is 1: the symbol's middle lies in front of the camera)
    double[][] ata = new double[11][12];
    double[] b = new double[4];
    double[] row = new double[12];
    for (int i = 0; i < n; i++) {
      CylinderGrid.basis(uv[2 * i], uv[2 * i + 1], half, aroundU, halfAngle, b);
      double x = (xy[2 * i] - cx) * scale;
      double y = (xy[2 * i + 1] - cy) * scale;
      // P1.b - x (P3'.b') = x  and  P2.b - y (P3'.b') = y, with P3 = (p9, p10, p11, 1)
      java.util.Arrays.fill(row, 0);
      for (int k = 0; k < 4; k++) {
        row[k] = b[k];
      }
      for (int k = 0; k < 3; k++) {
        row[8 + k] = -x * b[k];
      }
      row[11] = x;
      Homography.accumulate(ata, row);
      java.util.Arrays.fill(row, 0);
      for (int k = 0; k < 4; k++) {
        row[4 + k] = b[k];
      }
      for (int k = 0; k < 3; k++) {
        row[8 + k] = -y * b[k];
      }
      row[11] = y;
      Homography.accumulate(ata, row);
    }
    double[] sol = Homography.solve(ata);
    if (sol == null) {
      return null;
    }
    double[] m = new double[12];
    System.arraycopy(sol, 0, m, 0, 11);
    m[11] = 1;
    CylinderGrid c = new CylinderGrid(dimension, aroundU, halfAngle, m, cx, cy, scale, 0, 0);
    double sum = 0;
    double worst = 0;
    double[] q = new double[2];
    for (int i = 0; i < n; i++) {
      if (!c.mapChecked(uv[2 * i], uv[2 * i + 1], q)) {
        return null;
      }
      double e = Math.hypot(q[0] - xy[2 * i], q[1] - xy[2 * i + 1]);
      sum += e * e;
      worst = Math.max(worst, e);
    }
    return new CylinderGrid(dimension, aroundU, halfAngle, m, cx, cy, scale, Math.sqrt(sum / n), worst);
  }
}
