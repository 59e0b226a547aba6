package io.qrvid.decode.internal;

/**
 * A map from module coordinates to image pixels for one symbol: a single {@link Homography}, or one per region
 * between neighbouring alignment-pattern rows and columns (piecewise projective), so that a symbol on a curved or
 * creased surface, which no single homography describes, is still sampled at its module centres.
 *
 * <p>Module coordinates are continuous: module {@code (i, j)} (column i, row j) spans {@code [i, i+1) x [j, j+1)}
 * and its centre is {@code (i + 0.5, j + 0.5)}. Immutable.
 */
final class ModuleGrid {
  final int dimension;
  /** Region boundaries along each axis (module coordinates), length regions + 1; null for a single transform. */
  private final int[] bounds;
  private final Homography[] cells;
  private final int regions;

  private ModuleGrid(int dimension, int[] bounds, Homography[] cells, int regions) {
    this.dimension = dimension;
    this.bounds = bounds;
    this.cells = cells;
    this.regions = regions;
  }

  static ModuleGrid single(int dimension, Homography h) {
    return new ModuleGrid(dimension, null, new Homography[] {h}, 1);
  }

  /**
   * A piecewise grid: {@code cells[row * regions + col]} maps region (col, row), whose module range is
   * {@code [bounds[col], bounds[col+1]) x [bounds[row], bounds[row+1])}; the first and last regions extend to the
   * symbol's edges.
   */
  static ModuleGrid piecewise(int dimension, int[] bounds, Homography[] cells) {
    return new ModuleGrid(dimension, bounds, cells, bounds.length - 1);
  }

  private int region(double c) {
    if (bounds == null) {
      return 0;
    }
    int r = 0;
    while (r < regions - 1 && c >= bounds[r + 1]) {
      r++;
    }
    return r;
  }

  /** The transform used for module coordinates {@code (u, v)}. */
  Homography at(double u, double v) {
    if (bounds == null) {
      return cells[0];
    }
    return cells[region(v) * regions + region(u)];
  }

  void map(double u, double v, double[] out) {
    at(u, v).map(u, v, out);
  }

  boolean piecewise() {
    return bounds != null;
  }

  /** The four outer corners in pixels: top-left, top-right, bottom-right, bottom-left (x0, y0, ..., x3, y3). */
  double[] corners() {
    double d = dimension;
    double e = d - 1e-9;
    double[] out = new double[8];
    double[] p = new double[2];
    double[][] uv = {{0, 0}, {d, 0}, {d, d}, {0, d}};
    double[][] pick = {{0, 0}, {e, 0}, {e, e}, {0, e}};
    for (int i = 0; i < 4; i++) {
      at(pick[i][0], pick[i][1]).map(uv[i][0], uv[i][1], p);
      out[2 * i] = p[0];
      out[2 * i + 1] = p[1];
    }
    return out;
  }
}
