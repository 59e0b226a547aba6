package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FiltersTest {
  /** Left half at {@code a}, right half at {@code b}. */
  private static Gray halves(int w, int h, int a, int b) {
    byte[] px = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        px[y * w + x] = (byte) (x < w / 2 ? a : b);
      }
    }
    return new Gray(px, w, h);
  }

  @Test
  void otsuSplitsTwoPopulations() {
    Gray g = halves(40, 10, 60, 180);
    int level = Filters.otsuLevel(g);
    assertThat(level).isBetween(60, 179);
    Gray bin = Filters.otsu(g);
    assertThat(bin.get(0, 0)).isZero();
    assertThat(bin.get(39, 9)).isEqualTo(255);
  }

  @Test
  void sauvolaSeparatesDarkTextFromUnevenBackground() {
    // background ramps from 120 to 240; a dark 4x4 mark sits at each end
    int w = 100;
    int h = 20;
    byte[] px = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        px[y * w + x] = (byte) (120 + x * 120 / w);
      }
    }
    for (int y = 8; y < 12; y++) {
      for (int x = 5; x < 9; x++) {
        px[y * w + x] = (byte) 40;
        px[y * w + x + 85] = (byte) 90;
      }
    }
    Gray bin = Filters.sauvola(new Gray(px, w, h), 7, 0.3);
    assertThat(bin.get(6, 10)).isZero();
    assertThat(bin.get(91, 10)).isZero();
    assertThat(bin.get(30, 2)).isEqualTo(255);
    assertThat(bin.get(70, 2)).isEqualTo(255);
  }

  @Test
  void claheRaisesLowLocalContrast() {
    // a low-contrast ramp 100..131 in every row
    int w = 64;
    int h = 64;
    byte[] px = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        px[y * w + x] = (byte) (100 + x / 2);
      }
    }
    Gray in = new Gray(px, w, h);
    Gray out = Clahe.apply(in, 4, 4, 3.0);
    int inRange = in.get(63, 32) - in.get(0, 32);
    int outRange = out.get(63, 32) - out.get(0, 32);
    assertThat(outRange).isGreaterThan(inRange + 10);
  }

  @Test
  void claheTileMappingIsMonotonic() {
    java.util.Random random = new java.util.Random(7);
    int[] hist = new int[256];
    int n = 0;
    for (int i = 0; i < 256; i++) {
      hist[i] = random.nextInt(5) == 0 ? random.nextInt(500) : 0;
      n += hist[i];
    }
    int[] map = Clahe.mapping(hist, n, 2.5);
    for (int i = 1; i < 256; i++) {
      assertThat(map[i]).isGreaterThanOrEqualTo(map[i - 1]);
    }
    assertThat(map[255]).isEqualTo(255);
  }

  @Test
  void claheClipLimitOfOneTurnsASpikeIntoANearIdentityMapping() {
    int n = 256 * 40;
    int[] hist = new int[256];
    hist[10] = n;
    int[] map = Clahe.mapping(hist, n, 1.0);
    // fully clipped, the spike's pixels are spread evenly over all bins: the mapping is close to a straight line
    assertThat(map[255]).isEqualTo(255);
    assertThat(map[128]).isBetween(120, 136);
    assertThat(map[10]).isBetween(5, 20);
  }

  @Test
  void rotationByRightAnglesIsExactAndMapsBack() {
    byte[] px = new byte[6];
    for (int i = 0; i < 6; i++) {
      px[i] = (byte) (i * 10);
    }
    Gray g = new Gray(px, 3, 2);
    Gray r = Filters.rotate(g, 90);
    assertThat(r.width).isEqualTo(2);
    assertThat(r.height).isEqualTo(3);
    // clockwise: the bottom-left pixel (0,1)=30 becomes the top-left
    assertThat(r.get(0, 0)).isEqualTo(30);
    assertThat(r.get(1, 0)).isEqualTo(0);
    Point2D back = r.toOriginal.transform(new Point2D.Double(0.5, 0.5), null);
    assertThat(back.getX()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(back.getY()).isCloseTo(1.5, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void rotateSamplesWhereItsMappingSays() {
    // reference: each output pixel centre mapped back through the result's own transform (the input's is the
    // identity), bilinear on the input with white outside, rounded
    java.util.Random rnd = new java.util.Random(3);
    byte[] px = new byte[37 * 23];
    rnd.nextBytes(px);
    Gray g = new Gray(px, 37, 23);
    for (double degrees : new double[] {10, 350, 45, 90, 180, 270, 123.4}) {
      Gray r = Filters.rotate(g, degrees);
      boolean exact = degrees % 90 == 0;
      for (int y = 0; y < r.height; y++) {
        for (int x = 0; x < r.width; x++) {
          Point2D p = r.toOriginal.transform(new Point2D.Double(x + 0.5, y + 0.5), null);
          double fx = p.getX() - 0.5;
          double fy = p.getY() - 0.5;
          int want;
          if (exact) {
            int ix = (int) Math.round(fx);
            int iy = (int) Math.round(fy);
            want = ix >= 0 && iy >= 0 && ix < g.width && iy < g.height ? g.get(ix, iy) : 255;
          } else {
            int x0 = (int) Math.floor(fx);
            int y0 = (int) Math.floor(fy);
            double dx = fx - x0;
            double dy = fy - y0;
            want = x0 < -1 || y0 < -1 || x0 >= g.width || y0 >= g.height ? 255
                : (int) Math.round((1 - dy) * ((1 - dx) * at(g, x0, y0) + dx * at(g, x0 + 1, y0))
                    + dy * ((1 - dx) * at(g, x0, y0 + 1) + dx * at(g, x0 + 1, y0 + 1)));
          }
          assertThat(r.get(x, y)).as("%s deg at %d,%d", degrees, x, y).isCloseTo(want,
              org.assertj.core.data.Offset.offset(1));
        }
      }
    }
  }

  private static int at(Gray g, int x, int y) {
    return x < 0 || y < 0 || x >= g.width || y >= g.height ? 255 : g.get(x, y);
  }

  @Test
  void resizeAveragesAreasAndScalesMapping() {
    Gray g = halves(4, 2, 0, 200);
    Gray half = Filters.resize(g, 2, 1);
    assertThat(half.get(0, 0)).isZero();
    assertThat(half.get(1, 0)).isEqualTo(200);
    Point2D back = half.toOriginal.transform(new Point2D.Double(1, 1), null);
    assertThat(back.getX()).isEqualTo(2.0);
    assertThat(back.getY()).isEqualTo(2.0);
  }

  @Test
  void upscaleInterpolatesBilinearlyBetweenPixelCentres() {
    Gray g = halves(2, 2, 0, 255);
    Gray up = Filters.resize(g, 4, 3);
    // source x = (x + 0.5) / 2 - 0.5, clamped: 0, 0.25, 0.75, 1.25 -> 0, 63.75, 191.25, 255 on every row
    for (int y = 0; y < 3; y++) {
      assertThat(new int[] {up.get(0, y), up.get(1, y), up.get(2, y), up.get(3, y)}).containsExactly(0, 64, 191, 255);
    }
  }

  @Test
  void gammaInvertAndEqualizeAreLookups() {
    Gray g = halves(4, 1, 64, 128);
    assertThat(Filters.invert(g).get(0, 0)).isEqualTo(191);
    assertThat(Filters.gamma(g, 2.0).get(3, 0)).isEqualTo(64);
    Gray eq = Filters.equalize(g);
    assertThat(eq.get(0, 0)).isZero();
    assertThat(eq.get(3, 0)).isEqualTo(255);
  }

  @Test
  void closeRemovesSmallDarkSpeckButKeepsSmallLightOne() {
    Gray dark = halves(9, 9, 255, 255);
    dark.px[4 * 9 + 4] = 0;
    assertThat(Filters.close(dark, 1).get(4, 4)).isEqualTo(255);
    Gray light = halves(9, 9, 0, 0);
    light.px[4 * 9 + 4] = (byte) 255;
    Gray closed = Filters.close(light, 1);
    assertThat(closed.get(4, 4)).isEqualTo(255);
    assertThat(closed.get(3, 4)).isZero();
  }

  /**
   * {@link Filters#resize} before issue 9's twelfth pass: area averaging when shrinking, and bilinear interpolation
   * computed per output pixel from its four source pixels. Kept as the reference of the row-cached form.
   */
  static Gray resizeReference(Gray g, int nw, int nh) {
    if (nw == g.width && nh == g.height) {
      return g;
    }
    double sx = (double) g.width / nw;
    double sy = (double) g.height / nh;
    byte[] out = new byte[nw * nh];
    if (sx >= 1 && sy >= 1) {
      for (int y = 0; y < nh; y++) {
        int y0 = (int) (y * sy);
        int y1 = Math.max(y0 + 1, Math.min(g.height, (int) ((y + 1) * sy)));
        for (int x = 0; x < nw; x++) {
          int x0 = (int) (x * sx);
          int x1 = Math.max(x0 + 1, Math.min(g.width, (int) ((x + 1) * sx)));
          int acc = 0;
          for (int yy = y0; yy < y1; yy++) {
            for (int xx = x0; xx < x1; xx++) {
              acc += g.px[yy * g.width + xx] & 0xff;
            }
          }
          out[y * nw + x] = (byte) (acc / ((y1 - y0) * (x1 - x0)));
        }
      }
    } else {
      for (int y = 0; y < nh; y++) {
        double fy = Math.max(0, (y + 0.5) * sy - 0.5);
        int y0 = Math.min(g.height - 1, (int) fy);
        int y1 = Math.min(g.height - 1, y0 + 1);
        double dy = fy - y0;
        for (int x = 0; x < nw; x++) {
          double fx = Math.max(0, (x + 0.5) * sx - 0.5);
          int x0 = Math.min(g.width - 1, (int) fx);
          int x1 = Math.min(g.width - 1, x0 + 1);
          double dx = fx - x0;
          double v = (1 - dy) * ((1 - dx) * g.get(x0, y0) + dx * g.get(x1, y0))
              + dy * ((1 - dx) * g.get(x0, y1) + dx * g.get(x1, y1));
          out[y * nw + x] = (byte) (int) Math.round(v);
        }
      }
    }
    AffineTransform t = new AffineTransform(g.toOriginal);
    t.scale(sx, sy);
    return new Gray(out, nw, nh, t);
  }

  @Test
  void resizeMatchesThePerPixelFormOnRandomImages() {
    Random rnd = new Random(12);
    int[][] factors = {{2, 1}, {3, 1}, {4, 1}, {1, 2}, {3, 2}, {5, 3}};
    for (int i = 0; i < 300; i++) {
      int w = 1 + rnd.nextInt(i < 100 ? 8 : 90);
      int h = 1 + rnd.nextInt(i < 100 ? 8 : 90);
      byte[] px = new byte[w * h];
      if (i % 3 == 0) {
        rnd.nextBytes(px);
      } else {
        // smooth content with a few edges, like a photo
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            px[y * w + x] = (byte) ((x * 7 + y * 3 + ((x / 5 + y / 4) % 2) * 120 + rnd.nextInt(9)) & 0xff);
          }
        }
      }
      Gray g = new Gray(px, w, h);
      int nw;
      int nh;
      if (i % 4 == 3) {
        // any size, enlarging one axis and shrinking the other included
        nw = 1 + rnd.nextInt(3 * w + 2);
        nh = 1 + rnd.nextInt(3 * h + 2);
      } else {
        int[] f = factors[rnd.nextInt(factors.length)];
        nw = Math.max(1, w * f[0] / f[1]);
        nh = Math.max(1, h * f[0] / f[1]);
      }
      Gray fast = Filters.resize(g, nw, nh);
      Gray ref = resizeReference(g, nw, nh);
      assertThat(fast.px).as("%dx%d -> %dx%d", w, h, nw, nh).isEqualTo(ref.px);
      assertThat(fast.toOriginal).isEqualTo(ref.toOriginal);
    }
  }

  /**
   * {@link Filters#boxBlur} (both passes row-major) equals the column-by-column form it replaced ({@link
   * #boxBlurReference}) on random images, 1 to 90 pixels a side, radii 0 to 12 (windows wider than the image
   * included), and so does the unsharp mask built on it.
   */
  @Test
  void boxBlurEqualsTheColumnByColumnForm() {
    Random rnd = new Random(31);
    for (int i = 0; i < 400; i++) {
      int w = 1 + rnd.nextInt(90);
      int h = 1 + rnd.nextInt(90);
      int radius = rnd.nextInt(13);
      byte[] px = new byte[w * h];
      rnd.nextBytes(px);
      Gray g = new Gray(px, w, h);
      assertThat(Filters.boxBlur(g, radius)).as("%dx%d radius %d", w, h, radius)
          .isEqualTo(boxBlurReference(g, radius));
    }
    byte[] px = new byte[37 * 23];
    rnd.nextBytes(px);
    Gray g = new Gray(px, 37, 23);
    int[] blur = boxBlurReference(g, 2);
    byte[] sharp = Filters.unsharp(g, 2, 1.5).px;
    for (int j = 0; j < px.length; j++) {
      int v = px[j] & 0xff;
      assertThat(sharp[j] & 0xff).isEqualTo((int) Math.max(0, Math.min(255, Math.round(v + 1.5 * (v - blur[j])))));
    }
  }

  /** {@link Filters#boxBlur} before issue 9's thirteenth pass: the vertical pass walks each column down the image. */
  private static int[] boxBlurReference(Gray g, int radius) {
    int w = g.width;
    int h = g.height;
    int[] tmp = new int[w * h];
    int[] out = new int[w * h];
    int win = 2 * radius + 1;
    for (int y = 0; y < h; y++) {
      int acc = 0;
      for (int i = -radius; i <= radius; i++) {
        acc += g.px[y * w + clamp(i, w)] & 0xff;
      }
      for (int x = 0; x < w; x++) {
        tmp[y * w + x] = acc;
        acc += (g.px[y * w + clamp(x + radius + 1, w)] & 0xff) - (g.px[y * w + clamp(x - radius, w)] & 0xff);
      }
    }
    for (int x = 0; x < w; x++) {
      int acc = 0;
      for (int i = -radius; i <= radius; i++) {
        acc += tmp[clamp(i, h) * w + x];
      }
      for (int y = 0; y < h; y++) {
        out[y * w + x] = acc / (win * win);
        acc += tmp[clamp(y + radius + 1, h) * w + x] - tmp[clamp(y - radius, h) * w + x];
      }
    }
    return out;
  }

  private static int clamp(int i, int n) {
    return i < 0 ? 0 : (i >= n ? n - 1 : i);
  }
}
