package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link FinderGrouper#byCorners}: the legs of a strongly foreshortened triple measured on the patterns' corners. */
class FinderGrouperCornersTest {
  private static final int W = 560;
  private static final int H = 420;

  /**
   * The three finder patterns (and their separators) of a {@code dim}-module symbol whose bottom-left pattern
   * is drawn {@code blShift} modules further down than it belongs, seen through {@code toPixels} (2x2
   * supersampling, dark 30, light 220).
   */
  private static LumaLevel render(Homography toModules, int dim, double blShift) {
    byte[] px = new byte[W * H];
    double[][] origins = {{0, 0}, {dim - 7, 0}, {0, dim - 7 + blShift}};
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        double sum = 0;
        for (int s = 0; s < 4; s++) {
          double u = toModules.x(x + 0.25 + 0.5 * (s & 1), y + 0.25 + 0.5 * (s >> 1));
          double v = toModules.y(x + 0.25 + 0.5 * (s & 1), y + 0.25 + 0.5 * (s >> 1));
          boolean dark = false;
          for (double[] o : origins) {
            double r = Math.max(Math.abs(u - o[0] - 3.5), Math.abs(v - o[1] - 3.5));
            dark |= r <= 1.5 || (r >= 2.5 && r <= 3.5);
          }
          sum += dark ? 30 : 220;
        }
        px[y * W + x] = (byte) Math.round(sum / 4);
      }
    }
    return new LumaLevel(px, W, H, 1);
  }

  /** A candidate at module (u, v) whose scan-row module sizes are the true ones along u and v scaled by su, sv. */
  private static FinderCandidate at(Homography toPixels, double u, double v, double su, double sv) {
    double mu = Math.hypot(toPixels.x(u + 0.5, v) - toPixels.x(u - 0.5, v),
        toPixels.y(u + 0.5, v) - toPixels.y(u - 0.5, v));
    double mv = Math.hypot(toPixels.x(u, v + 0.5) - toPixels.x(u, v - 0.5),
        toPixels.y(u, v + 0.5) - toPixels.y(u, v - 0.5));
    FinderCandidate f = new FinderCandidate(toPixels.x(u, v), toPixels.y(u, v), (mu * su + mv * sv) / 2, 30, 220, 1);
    f.moduleX = mu * su;
    f.moduleY = mv * sv;
    f.hits = 20;
    return f;
  }

  /**
   * A version-6 symbol (41 modules) tilted strongly away from the camera, its modules along the top edge 19
   * pixels at the top-left pattern and 6.8 at the top-right one, 6.2 and 3.6 down the left edge, its legs 2.4x apart
   * in pixels, with scan-row module sizes off by 20-30 %
   * (as on seed 2's {@code perspective_0011}): measured on the corners, its legs agree and the triple is kept,
   * oriented; the same patterns with the bottom-left one drawn 20 modules too far (legs of 34 and 54 modules) are
   * refused.
   */
  @Test
  void aTiltedSymbolIsGroupedOnItsCornersAndAWrongShapeIsNot() {
    double[][] quad = {{40, 150}, {520, 40}, {500, 170}, {150, 330}};
    int dim = 41;
    for (double shift : new double[] {0, 20}) {
      double d = dim + shift;
      Homography toPixels = Homography.fromQuad(0, 0, quad[0][0], quad[0][1], dim, 0, quad[1][0], quad[1][1],
          dim, d, quad[2][0], quad[2][1], 0, d, quad[3][0], quad[3][1]);
      Homography toModules = Homography.fromQuad(quad[0][0], quad[0][1], 0, 0, quad[1][0], quad[1][1], dim, 0,
          quad[2][0], quad[2][1], dim, d, quad[3][0], quad[3][1], 0, d);
      LumaLevel img = render(toModules, dim, shift);
      FinderCandidate tl = at(toPixels, 3.5, 3.5, 1.3, 0.8);
      FinderCandidate tr = at(toPixels, dim - 3.5, 3.5, 0.8, 1.2);
      FinderCandidate bl = at(toPixels, 3.5, d - 3.5, 1.2, 0.75);
      FinderGrouper.Triple grouped = FinderGrouper.byCorners(img, new FinderGrouper.Triple(tl, tr, bl, 4));
      if (shift == 0) {
        assertThat(grouped).isNotNull();
        assertThat(grouped.tl).isSameAs(tl);
        assertThat(grouped.tr).isSameAs(tr);
        assertThat(grouped.score).isGreaterThan(4);
      } else {
        assertThat(grouped).as("legs of 34 and 54 modules").isNull();
      }
    }
  }
}
