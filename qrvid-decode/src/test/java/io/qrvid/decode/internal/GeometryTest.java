package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GeometryTest {
  @Test
  void homographyFromFourPointsReproducesThemAndAProjectiveMap() {
    // a known projective map: x = (2u + 0.1v + 5) / (0.001u + 0.002v + 1), y = (0.2u + 3v + 7) / (same)
    double[] uv = {0, 0, 100, 0, 100, 100, 0, 100};
    double[] xy = new double[8];
    for (int i = 0; i < 4; i++) {
      double u = uv[2 * i];
      double v = uv[2 * i + 1];
      double w = 0.001 * u + 0.002 * v + 1;
      xy[2 * i] = (2 * u + 0.1 * v + 5) / w;
      xy[2 * i + 1] = (0.2 * u + 3 * v + 7) / w;
    }
    Homography h = Homography.fit(uv, xy, 4);
    assertThat(h).isNotNull();
    double[] p = new double[2];
    h.map(37, 61, p);
    double w = 0.001 * 37 + 0.002 * 61 + 1;
    assertThat(p[0]).isCloseTo((2 * 37 + 0.1 * 61 + 5) / w, offset(1e-6));
    assertThat(p[1]).isCloseTo((0.2 * 37 + 3 * 61 + 7) / w, offset(1e-6));
  }

  @Test
  void homographyLeastSquaresAveragesNoise() {
    Random random = new Random(1);
    int n = 50;
    double[] uv = new double[2 * n];
    double[] xy = new double[2 * n];
    for (int i = 0; i < n; i++) {
      double u = random.nextDouble() * 100;
      double v = random.nextDouble() * 100;
      uv[2 * i] = u;
      uv[2 * i + 1] = v;
      xy[2 * i] = 3 * u + 10 + random.nextGaussian() * 0.3;
      xy[2 * i + 1] = 3 * v + 20 + random.nextGaussian() * 0.3;
    }
    Homography h = Homography.fit(uv, xy, n);
    double[] p = new double[2];
    h.map(50, 50, p);
    assertThat(p[0]).isCloseTo(160, offset(0.3));
    assertThat(p[1]).isCloseTo(170, offset(0.3));
  }

  @Test
  void degeneratePointsGiveNoHomography() {
    double[] uv = {0, 0, 1, 0, 2, 0, 3, 0};
    assertThat(Homography.fit(uv, uv.clone(), 4)).isNull();
    assertThat(Homography.fit(uv, uv.clone(), 3)).isNull();
  }

  @Test
  void piecewiseCubicReproducesCubicsAndFollowsASine() {
    double[] x = {6.5, 34.5, 62.5, 90.5};
    double[] cubic = new double[4];
    double[] sine = new double[4];
    for (int i = 0; i < 4; i++) {
      cubic[i] = 0.001 * x[i] * x[i] * x[i] - 0.2 * x[i] * x[i] + 3 * x[i] - 1;
      sine[i] = 100 * Math.sin((x[i] - 48.5) * 0.0155);
    }
    for (double t = 0; t <= 97; t += 3.7) {
      assertThat(Splines.eval(x, cubic, t))
          .isCloseTo(0.001 * t * t * t - 0.2 * t * t + 3 * t - 1, offset(1e-6));
      // a cylinder's module positions (radius 100 px, 1.55 px per module at the centre): a tenth of a pixel
      assertThat(Splines.eval(x, sine, t)).isCloseTo(100 * Math.sin((t - 48.5) * 0.0155), offset(0.1));
    }
  }

  @Test
  void finderRatioAcceptsOneOneThreeOneOneWithSlack() {
    assertThat(FinderDetector.ratioOk(2, 2, 6, 2, 2)).isTrue();
    assertThat(FinderDetector.ratioOk(2, 2, 7, 2, 3)).isTrue();
    assertThat(FinderDetector.ratioOk(1, 1, 3, 1, 1)).isTrue();
    assertThat(FinderDetector.ratioOk(2, 2, 2, 2, 2)).isFalse();
    assertThat(FinderDetector.ratioOk(4, 2, 6, 2, 2)).isFalse();
    assertThat(FinderDetector.ratioOk(1, 1, 1, 1, 1)).isFalse();
  }

  @Test
  void dimensionsSnapToSymbolSizes() {
    assertThat(SymbolReader.snap(22.9)).isEqualTo(21);
    assertThat(SymbolReader.snap(23.1)).isEqualTo(25);
    assertThat(SymbolReader.snap(176)).isEqualTo(177);
  }
}
