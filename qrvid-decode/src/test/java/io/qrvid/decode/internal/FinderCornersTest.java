package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FinderCornersTest {
  private static final double[][] MODULE_CORNERS = {{0, 0}, {7, 0}, {7, 7}, {0, 7}};

  /**
   * A finder pattern (modules [0, 7] squared, its separator out to [-1, 8]) rendered through {@code toPixels} with
   * 4x4 supersampling, dark 30 and light 220, onto a light 240x240 image.
   */
  private static LumaLevel render(Homography toPixels, Homography toModules) {
    int w = 240;
    byte[] px = new byte[w * w];
    for (int y = 0; y < w; y++) {
      for (int x = 0; x < w; x++) {
        double sum = 0;
        for (int sy = 0; sy < 4; sy++) {
          for (int sx = 0; sx < 4; sx++) {
            double u = toModules.x(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4);
            double v = toModules.y(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4);
            double r = Math.max(Math.abs(u - 3.5), Math.abs(v - 3.5));
            sum += r <= 1.5 || (r >= 2.5 && r <= 3.5) ? 30 : 220;
          }
        }
        px[y * w + x] = (byte) Math.round(sum / 16);
      }
    }
    return new LumaLevel(px, w, w, 1);
  }

  /** The worst distance of a found corner from its true place, in modules along the pattern's shorter side. */
  private static double worstMiss(double[][] quad, double ax, double ay, double rotateV) {
    Homography toPixels = Homography.fromQuad(0, 0, quad[0][0], quad[0][1], 7, 0, quad[1][0], quad[1][1], 7, 7,
        quad[2][0], quad[2][1], 0, 7, quad[3][0], quad[3][1]);
    Homography toModules = Homography.fromQuad(quad[0][0], quad[0][1], 0, 0, quad[1][0], quad[1][1], 7, 0,
        quad[2][0], quad[2][1], 7, 7, quad[3][0], quad[3][1], 0, 7);
    LumaLevel img = render(toPixels, toModules);
    double cx = toPixels.x(3.5, 3.5);
    double cy = toPixels.y(3.5, 3.5);
    double ux = toPixels.x(4.5, 3.5) - cx;
    double uy = toPixels.y(4.5, 3.5) - cy;
    double vx = toPixels.x(3.5, 4.5) - cx;
    double vy = toPixels.y(3.5, 4.5) - cy;
    double mu = Math.hypot(ux, uy);
    double mv = Math.hypot(vx, vy);
    // the v axis given a few degrees off, as for the top-right and bottom-left patterns
    double c = Math.cos(rotateV);
    double s = Math.sin(rotateV);
    double rvx = (c * vx - s * vy) / mv;
    double rvy = (s * vx + c * vy) / mv;
    FinderCandidate f = new FinderCandidate(cx, cy, (mu + mv) / 2, 30, 220, 1);
    double[] corners = FinderCorners.find(img, f, ux / mu, uy / mu, mu * ax, rvx, rvy, mv * ay);
    assertThat(corners).isNotNull();
    double worst = 0;
    for (int k = 0; k < 4; k++) {
      double tx = toPixels.x(MODULE_CORNERS[k][0], MODULE_CORNERS[k][1]);
      double ty = toPixels.y(MODULE_CORNERS[k][0], MODULE_CORNERS[k][1]);
      worst = Math.max(worst, Math.hypot(corners[2 * k] - tx, corners[2 * k + 1] - ty) / Math.min(mu, mv));
    }
    return worst;
  }

  @Test
  void cornersOfAnUprightPatternAreFound() {
    double[][] quad = {{50, 50}, {120, 50}, {120, 120}, {50, 120}};
    assertThat(worstMiss(quad, 1, 1, 0)).isLessThan(0.1);
  }

  @Test
  void cornersOfAStronglyForeshortenedPatternAreFoundWithRoughAxesAndModuleSizes() {
    // tilted about 60 degrees: modules about 1.6 px across one way, 6 px the other; the quad's sides converge
    double[][] quad = {{60, 80}, {150, 60}, {170, 75}, {75, 92}};
    assertThat(worstMiss(quad, 1, 1, 0)).isLessThan(0.2);
    // module sizes off by 15 % and the v axis 8 degrees off, as the reader gives them for the far patterns
    assertThat(worstMiss(quad, 1.15, 0.85, Math.toRadians(8))).isLessThan(0.25);
  }

  @Test
  void aBlankPatchHasNoCorners() {
    byte[] px = new byte[100 * 100];
    java.util.Arrays.fill(px, (byte) 200);
    FinderCandidate f = new FinderCandidate(50, 50, 5, 30, 220, 1);
    assertThat(FinderCorners.find(new LumaLevel(px, 100, 100, 1), f, 1, 0, 5, 0, 1, 5)).isNull();
  }

  @Test
  void lineFitDropsAnOutlier() {
    double[] xs = {0, 1, 2, 3, 4, 5, 6};
    double[] ys = {10, 10, 10, 14, 10, 10, 10};
    double[] line = FinderCorners.fitLine(xs, ys, 7, 1);
    assertThat(line).isNotNull();
    // y = 10: normal (0, +-1), c = +-10
    assertThat(Math.abs(line[0])).isLessThan(1e-9);
    assertThat(line[2] / line[1]).isCloseTo(10, org.assertj.core.data.Offset.offset(1e-9));
  }

  /** {@link FinderCorners#crossing} as it was before it skipped the samples it never compares: every point sampled. */
  private static double crossingSamplingAll(LumaLevel img, double sx, double sy, double dx, double dy, double m,
      double contrast) {
    double step = Math.max(0.2, m / 8);
    int n = (int) Math.ceil(5.5 * m / step) + 1;
    double[] g = new double[n];
    for (int i = 0; i < n; i++) {
      double t = i * step;
      double x = sx + t * dx;
      double y = sy + t * dy;
      g[i] = x < 0 || y < 0 || x > img.width - 1 || y > img.height - 1 ? Double.NaN : img.bilinear(x, y);
      if (Double.isNaN(g[i]) && t <= 5.5 * m) {
        return Double.NaN;
      }
    }
    int a = -1;
    for (int i = (int) Math.ceil(2.25 * m / step); i * step <= 3.75 * m && i < n; i++) {
      if (a < 0 || g[i] < g[a]) {
        a = i;
      }
    }
    if (a < 0) {
      return Double.NaN;
    }
    int b = -1;
    for (int i = a + 1; i * step <= a * step + 1.75 * m && i < n; i++) {
      if (b < 0 || g[i] > g[b]) {
        b = i;
      }
    }
    if (b < 0 || g[b] - g[a] < 0.25 * contrast) {
      return Double.NaN;
    }
    double mid = (g[a] + g[b]) / 2;
    for (int i = a; i < b; i++) {
      if (g[i] < mid && g[i + 1] >= mid) {
        return (i + (mid - g[i]) / (g[i + 1] - g[i])) * step;
      }
    }
    return Double.NaN;
  }

  @Test
  void crossingEqualsSamplingEveryPointOnRandomRays() {
    Random rnd = new Random(14);
    int found = 0;
    int refused = 0;
    for (int trial = 0; trial < 200; trial++) {
      // blocky random images (edges and flat stretches), finder patterns on some, and rays from anywhere, some
      // starting outside the image or with a NaN coordinate
      int w = 20 + rnd.nextInt(120);
      int h = 20 + rnd.nextInt(120);
      byte[] px = new byte[w * h];
      int block = 1 + rnd.nextInt(8);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int r = Math.max(Math.abs(x - w / 2), Math.abs(y - h / 2)) / block;
          px[y * w + x] = (byte) (rnd.nextInt(4) == 0 ? rnd.nextInt(256) : r % 2 == 0 ? 30 : 220);
        }
      }
      LumaLevel img = new LumaLevel(px, w, h, 1);
      for (int ray = 0; ray < 200; ray++) {
        double sx = rnd.nextInt(50) == 0 ? Double.NaN : -5 + rnd.nextDouble() * (w + 10);
        double sy = -5 + rnd.nextDouble() * (h + 10);
        double angle = rnd.nextInt(4) == 0 ? rnd.nextInt(4) * Math.PI / 2 : rnd.nextDouble() * 2 * Math.PI;
        double dx = Math.cos(angle);
        double dy = Math.sin(angle);
        double m = rnd.nextInt(10) == 0 ? 0.1 + rnd.nextDouble() : 1 + rnd.nextDouble() * 12;
        double contrast = rnd.nextDouble() * 200;
        double expected = crossingSamplingAll(img, sx, sy, dx, dy, m, contrast);
        double actual = FinderCorners.crossing(img, sx, sy, dx, dy, m, contrast);
        assertThat(Double.doubleToRawLongBits(actual))
            .as("trial %d ray %d", trial, ray)
            .isEqualTo(Double.doubleToRawLongBits(expected));
        if (!Double.isNaN(expected)) {
          found++;
        } else {
          refused++;
        }
      }
    }
    // both outcomes are exercised: crossings found, and rays refused
    assertThat(found).isGreaterThan(1000);
    assertThat(refused).isGreaterThan(1000);
  }
}
