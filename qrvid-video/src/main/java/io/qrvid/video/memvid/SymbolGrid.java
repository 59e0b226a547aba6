package io.qrvid.video.memvid;

/**
 * Where a symbol's modules lie in a frame: the version, the pixel coordinates of the symbol's top-left corner and
 * the module pitch in each direction. Coordinates are continuous with pixel edges at integers, so module (row,
 * column) is centred at {@code x = originX + (column + 0.5) * pitchX} (pixel {@code floor(x)} holds it) and
 * sampled at pixel-index coordinate {@code x - 0.5}. Immutable.
 */
final class SymbolGrid {
  final int version;
  final int size;
  final double originX;
  final double originY;
  final double pitchX;
  final double pitchY;
  /** How well the known modules separate into dark and light under this grid (Fisher ratio; higher is better). */
  final double score;

  SymbolGrid(int version, double originX, double originY, double pitchX, double pitchY, double score) {
    this.version = version;
    this.size = 17 + 4 * version;
    this.originX = originX;
    this.originY = originY;
    this.pitchX = pitchX;
    this.pitchY = pitchY;
    this.score = score;
  }

  /** The sampling x (pixel-index coordinate) of module column {@code c}; c may lie outside the symbol. */
  double x(double c) {
    return originX + (c + 0.5) * pitchX - 0.5;
  }

  /** The sampling y (pixel-index coordinate) of module row {@code r}. */
  double y(double r) {
    return originY + (r + 0.5) * pitchY - 0.5;
  }

  SymbolGrid withScore(double s) {
    return new SymbolGrid(version, originX, originY, pitchX, pitchY, s);
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "v%d at (%.2f, %.2f) pitch %.4f x %.4f score %.2f", version, originX,
        originY, pitchX, pitchY, score);
  }
}
