package io.qrvid.decode.internal;

/**
 * A finder-pattern candidate in full-resolution pixel coordinates: the centre of a 7x7-module square with a 3x3
 * dark centre, a light ring and a dark ring (ISO/IEC 18004:2015, 6.3.3), the module size seen across it, and the
 * grey levels of its dark and light parts (a threshold for walking near it).
 */
final class FinderCandidate {
  double x;
  double y;
  /** Module size in full-resolution pixels, the mean of the horizontal and vertical estimates. */
  double moduleSize;
  /**
   * Module size along the image's x and y axes (the horizontal and vertical cross-checks); they differ when the
   * symbol is tilted, where {@link #moduleSize} (their mean) would misjudge a leg's length in modules.
   */
  double moduleX;
  double moduleY;
  /** How many scan rows (over all pyramid levels) confirmed it. */
  int hits;
  /** Mean grey of the dark centre and of the light ring. */
  double dark;
  double light;
  /** The pyramid scale it was first found at. */
  int scale;
  /** Set once the candidate belongs to a decoded symbol. */
  boolean used;

  FinderCandidate(double x, double y, double moduleSize, double dark, double light, int scale) {
    this.x = x;
    this.y = y;
    this.moduleSize = moduleSize;
    this.moduleX = moduleSize;
    this.moduleY = moduleSize;
    this.dark = dark;
    this.light = light;
    this.scale = scale;
    this.hits = 1;
  }

  /** Side of the whole pattern, 7 modules, in pixels. */
  double size() {
    return 7 * moduleSize;
  }

  double threshold() {
    return (dark + light) / 2;
  }

  /** Folds another sighting of the same pattern into this one (hit-weighted means). */
  void merge(FinderCandidate o) {
    double n = hits + o.hits;
    x = (x * hits + o.x * o.hits) / n;
    y = (y * hits + o.y * o.hits) / n;
    moduleSize = (moduleSize * hits + o.moduleSize * o.hits) / n;
    moduleX = (moduleX * hits + o.moduleX * o.hits) / n;
    moduleY = (moduleY * hits + o.moduleY * o.hits) / n;
    dark = (dark * hits + o.dark * o.hits) / n;
    light = (light * hits + o.light * o.hits) / n;
    hits += o.hits;
    scale = Math.min(scale, o.scale);
  }

  /**
   * Module size along the unit direction (dx, dy): the radius in that direction of the ellipse with semi-axes
   * {@link #moduleX} and {@link #moduleY} (exact for a pattern foreshortened along an image axis).
   */
  double moduleAlong(double dx, double dy) {
    double a = dx / moduleX;
    double b = dy / moduleY;
    return 1 / Math.sqrt(a * a + b * b);
  }

  /**
   * Whether {@code o} is another sighting of this pattern: module sizes within a factor 1.6 and centres closer than
   * 1.75 of the larger module size. A distance along either axis past the limit (by a relative 1e-9, more than the
   * one ulp by which {@link Math#hypot} may fall below the exact distance, itself at least either axis distance)
   * answers false before the hypot: the same answers ({@code FinderCandidateTest} checks them against
   * {@link #nearByHypot} on random pairs), and the finder search's merging of thousands of sightings on a striped
   * photo (docs/decode.md, "issue 9, thirteenth pass") stops spending most of its time in hypot.
   */
  boolean near(FinderCandidate o) {
    double limit = 1.75 * Math.max(moduleSize, o.moduleSize);
    double dx = x - o.x;
    double dy = y - o.y;
    double far = limit * (1 + 1e-9);
    if (dx > far || dx < -far || dy > far || dy < -far) {
      return false;
    }
    return nearByHypot(o);
  }

  /** {@link #near} in its straightforward form (qrvid before issue 9's thirteenth pass), for its test. */
  boolean nearByHypot(FinderCandidate o) {
    double ratio = moduleSize / o.moduleSize;
    return ratio < 1.6 && ratio > 1 / 1.6
        && Math.hypot(x - o.x, y - o.y) < 1.75 * Math.max(moduleSize, o.moduleSize);
  }

  @Override
  public String toString() {
    return String.format("FP(%.1f,%.1f ms=%.2f hits=%d)", x, y, moduleSize, hits);
  }
}
