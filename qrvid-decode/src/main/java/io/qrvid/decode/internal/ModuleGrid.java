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
  /** For a piecewise grid: the region of each module index along either axis ({@link #region} of its centre). */
  private final int[] moduleRegion;
  /** For a spline grid: the residual of each module centre over the base homography, x then y, row-major. */
  private final double[] residual;
  /** For a refined grid: the grid it refines and each module's shift in module units (u then v, row-major). */
  private final ModuleGrid inner;
  private final double[] shift;

  private ModuleGrid(int dimension, int[] bounds, Homography[] cells, int regions) {
    this.dimension = dimension;
    this.bounds = bounds;
    this.cells = cells;
    this.regions = regions;
    this.residual = null;
    this.inner = null;
    this.shift = null;
    this.moduleRegion = bounds == null ? null : new int[dimension];
    if (bounds != null) {
      for (int i = 0; i < dimension; i++) {
        moduleRegion[i] = region(i + 0.5);
      }
    }
  }

  private ModuleGrid(ModuleGrid inner, double[] shift) {
    this.dimension = inner.dimension;
    this.bounds = null;
    this.cells = null;
    this.regions = 1;
    this.residual = null;
    this.inner = inner;
    this.shift = shift;
    this.moduleRegion = null;
  }

  /** {@code inner} with every module moved by {@code shift} (module units, u then v per module, row-major). */
  static ModuleGrid shifted(ModuleGrid inner, double[] shift) {
    return new ModuleGrid(inner, shift);
  }

  private ModuleGrid(int dimension, Homography base, double[] residual) {
    this.dimension = dimension;
    this.bounds = null;
    this.cells = new Homography[] {base};
    this.regions = 1;
    this.residual = residual;
    this.inner = null;
    this.shift = null;
    this.moduleRegion = null;
  }

  /**
   * A smooth grid: a base homography plus a residual interpolated piecewise-cubically ({@link Splines}; a tensor
   * product over the alignment-pattern rows and columns) between the residuals measured at the alignment patterns.
   * Follows a smoothly curved surface (a bottle, a bent page) between alignment patterns where a projective map per
   * region cannot.
   *
   * @param nodes module coordinates of the alignment-pattern centres along each axis (ascending, at least 2)
   * @param rx residual x at node (i, j) = {@code rx[j][i]} (pixels), likewise {@code ry}
   */
  static ModuleGrid spline(int dimension, Homography base, double[] nodes, double[][] rx, double[][] ry) {
    int n = nodes.length;
    int dim = dimension;
    double[] out = new double[2 * dim * dim];
    // spline along u for every node row, evaluated at every module column, then along v
    double[][] colX = new double[dim][n];
    double[][] colY = new double[dim][n];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < dim; i++) {
        colX[i][j] = Splines.eval(nodes, rx[j], i + 0.5);
        colY[i][j] = Splines.eval(nodes, ry[j], i + 0.5);
      }
    }
    for (int i = 0; i < dim; i++) {
      for (int j = 0; j < dim; j++) {
        int k = 2 * (j * dim + i);
        out[k] = Splines.eval(nodes, colX[i], j + 0.5);
        out[k + 1] = Splines.eval(nodes, colY[i], j + 0.5);
      }
    }
    return new ModuleGrid(dimension, base, out);
  }

  /**
   * {@code base} plus a residual per module (pixels, x then y, row-major), added to every point of the module: for a
   * grid fitted by another model ({@link CylinderGrid}), whose module centres it reproduces exactly.
   */
  static ModuleGrid residual(int dimension, Homography base, double[] residual) {
    return new ModuleGrid(dimension, base, residual);
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
    if (inner != null) {
      int i = Math.max(0, Math.min(dimension - 1, (int) Math.floor(u)));
      int j = Math.max(0, Math.min(dimension - 1, (int) Math.floor(v)));
      int k = 2 * (j * dimension + i);
      inner.map(u + shift[k], v + shift[k + 1], out);
      return;
    }
    at(u, v).map(u, v, out);
    if (residual != null) {
      int i = Math.max(0, Math.min(dimension - 1, (int) Math.floor(u)));
      int j = Math.max(0, Math.min(dimension - 1, (int) Math.floor(v)));
      int k = 2 * (j * dimension + i);
      out[0] += residual[k];
      out[1] += residual[k + 1];
    }
  }

  /**
   * {@link #map} of a point {@code (u, v)} inside module {@code (i, j)} (that is {@code i <= u < i + 1} and
   * {@code j <= v < j + 1}, {@code 0 <= i, j < dimension}): the same arithmetic, with the module's transform, shift
   * or residual looked up by index instead of by searching the region bounds and flooring each coordinate.
   */
  void mapInModule(int i, int j, double u, double v, double[] out) {
    int k = 2 * (j * dimension + i);
    if (inner != null) {
      inner.map(u + shift[k], v + shift[k + 1], out);
      return;
    }
    cell(i, j).map(u, v, out);
    if (residual != null) {
      out[0] += residual[k];
      out[1] += residual[k + 1];
    }
  }

  /**
   * {@link #map} of the points {@code (c / 8, v)} for {@code c = 0 .. count - 1} (a row of the lattice of eighths
   * of a module that {@link SymbolReader#refine} samples), x and y into {@code xy[2c]} and {@code xy[2c + 1]}:
   * the same arithmetic as {@code map} point by point, with what is the same along the row (the row's module and
   * region) looked up once, and each column's module by a shift instead of a floor. Needs {@code v >= 0}.
   */
  void mapEighths(double v, int count, double[] xy) {
    double[] q = new double[2];
    if (inner != null || residual != null) {
      int j = Math.max(0, Math.min(dimension - 1, (int) Math.floor(v)));
      int rowAt = 2 * j * dimension;
      for (int c = 0; c < count; c++) {
        double u = c / 8.0;
        int k = rowAt + 2 * Math.min(dimension - 1, c >> 3);
        if (inner != null) {
          inner.map(u + shift[k], v + shift[k + 1], q);
          xy[2 * c] = q[0];
          xy[2 * c + 1] = q[1];
        } else {
          cells[0].map(u, v, q);
          xy[2 * c] = q[0] + residual[k];
          xy[2 * c + 1] = q[1] + residual[k + 1];
        }
      }
      return;
    }
    int rowCells = bounds == null ? 0 : region(v) * regions;
    for (int c = 0; c < count; c++) {
      double u = c / 8.0;
      Homography h = bounds == null ? cells[0] : cells[rowCells + region(u)];
      h.map(u, v, q);
      xy[2 * c] = q[0];
      xy[2 * c + 1] = q[1];
    }
  }

  /** The transform of module {@code (i, j)} ({@link #at} of any point inside it), {@code 0 <= i, j < dimension}. */
  Homography cell(int i, int j) {
    if (bounds == null) {
      return cells[0];
    }
    return cells[moduleRegion[j] * regions + moduleRegion[i]];
  }

  /** Whether {@link #at} alone maps points (no residual to add: use {@link #map} otherwise). */
  boolean projectiveOnly() {
    return residual == null && inner == null;
  }

  boolean piecewise() {
    return bounds != null || residual != null || inner != null;
  }

  /** The four outer corners in pixels: top-left, top-right, bottom-right, bottom-left (x0, y0, ..., x3, y3). */
  double[] corners() {
    double d = dimension;
    double[] out = new double[8];
    double[] p = new double[2];
    double[][] uv = {{0, 0}, {d, 0}, {d, d}, {0, d}};
    for (int i = 0; i < 4; i++) {
      if (inner == null && residual == null) {
        double e = d - 1e-9;
        at(Math.min(uv[i][0], e), Math.min(uv[i][1], e)).map(uv[i][0], uv[i][1], p);
      } else {
        map(Math.min(uv[i][0], d - 1e-9), Math.min(uv[i][1], d - 1e-9), p);
      }
      out[2 * i] = p[0];
      out[2 * i + 1] = p[1];
    }
    return out;
  }
}
