package io.qrvid.decode.internal;

/**
 * Piecewise-cubic interpolation through points {@code (x[i], y[i])} with ascending {@code x}: at {@code t}, the
 * Lagrange polynomial through the four knots nearest to {@code t} (fewer when there are fewer knots), which
 * continues the end pieces smoothly beyond the outer knots. On a symbol wrapped around a cylinder the module
 * positions follow a sine; with three or four alignment-pattern knots per axis (versions 7 to 27) this reproduces it
 * to a small fraction of a module, where a natural spline (zero curvature at the ends, exactly where a sine bends
 * most) was measured to leave errors of half a module. Stateless.
 */
final class Splines {
  private Splines() {}

  static double eval(double[] x, double[] y, double t) {
    int n = x.length;
    if (n == 1) {
      return y[0];
    }
    int k = Math.min(4, n);
    // first of the k knots nearest to t
    int first = 0;
    while (first + k < n && Math.abs(x[first + k] - t) < Math.abs(x[first] - t)) {
      first++;
    }
    double sum = 0;
    for (int i = first; i < first + k; i++) {
      double w = 1;
      for (int j = first; j < first + k; j++) {
        if (j != i) {
          w *= (t - x[j]) / (x[i] - x[j]);
        }
      }
      sum += w * y[i];
    }
    return sum;
  }
}
