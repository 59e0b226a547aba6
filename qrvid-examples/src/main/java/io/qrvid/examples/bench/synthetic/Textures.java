package io.qrvid.examples.bench.synthetic;

import java.util.SplittableRandom;

/**
 * Procedural backgrounds and non-QR scenes (package-private): fractal value noise (stone, concrete, foliage), wood
 * grain, tiles and stripes, printed text-like pages, desk clutter, face-like drawings, finder-pattern look-alikes.
 * Every texture is deterministic for its {@link SplittableRandom}.
 */
final class Textures {
  private Textures() {}

  /** The texture kinds a background may be drawn with. */
  enum Kind {
    NOISE, WOOD, TILES, STRIPES, TEXT, CLUTTER, FOLIAGE
  }

  /** Fills the canvas with a random background texture. */
  static Kind background(Canvas c, SplittableRandom r) {
    Kind k = Kind.values()[r.nextInt(Kind.values().length)];
    background(c, k, r);
    return k;
  }

  static void background(Canvas c, Kind kind, SplittableRandom r) {
    switch (kind) {
      case NOISE:
        noise(c, r, randomColour(r, 0.2, 0.8), randomColour(r, 0.1, 0.9), 20 + r.nextDouble() * 200, 5);
        break;
      case WOOD:
        wood(c, r);
        break;
      case TILES:
        tiles(c, r);
        break;
      case STRIPES:
        stripes(c, r);
        break;
      case TEXT:
        textPage(c, r, true);
        break;
      case CLUTTER:
        noise(c, r, randomColour(r, 0.3, 0.7), randomColour(r, 0.3, 0.7), 200, 3);
        clutter(c, r, 6 + r.nextInt(20));
        break;
      case FOLIAGE:
        noise(c, r, new float[] {0.05f, 0.15f, 0.04f}, new float[] {0.35f, 0.55f, 0.2f}, 8 + r.nextDouble() * 20, 4);
        break;
      default:
        throw new AssertionError(kind);
    }
  }

  static float[] randomColour(SplittableRandom r, double lo, double hi) {
    double base = lo + r.nextDouble() * (hi - lo);
    return new float[] {(float) clamp(base + 0.15 * r.nextGaussian()), (float) clamp(base + 0.15 * r.nextGaussian()),
        (float) clamp(base + 0.15 * r.nextGaussian())};
  }

  static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }

  /** Fractal value noise between two colours; {@code scale} is the largest feature size in pixels. */
  static void noise(Canvas c, SplittableRandom r, float[] c0, float[] c1, double scale, int octaves) {
    ValueNoise n = new ValueNoise(r.nextLong());
    for (int y = 0; y < c.height; y++) {
      for (int x = 0; x < c.width; x++) {
        double t = clamp(0.5 + 0.9 * (n.fractal(x / scale, y / scale, octaves) - 0.5));
        c.set(y * c.width + x, lerp(c0[0], c1[0], t), lerp(c0[1], c1[1], t), lerp(c0[2], c1[2], t));
      }
    }
  }

  private static void wood(Canvas c, SplittableRandom r) {
    ValueNoise n = new ValueNoise(r.nextLong());
    double period = 6 + r.nextDouble() * 30;
    double angle = r.nextDouble() * Math.PI;
    double ca = Math.cos(angle);
    double sa = Math.sin(angle);
    float[] light = {0.62f + (float) (0.1 * r.nextGaussian()), 0.42f, 0.22f};
    float[] dark = {0.35f, 0.2f, 0.09f};
    for (int y = 0; y < c.height; y++) {
      for (int x = 0; x < c.width; x++) {
        double u = x * ca + y * sa;
        double v = -x * sa + y * ca;
        double w = 0.5 + 0.5 * Math.sin((u + 12 * n.fractal(u / 150, v / 600, 3)) * 2 * Math.PI / period);
        double t = clamp(0.2 + 0.6 * w + 0.2 * n.fractal(x / 40.0, y / 40.0, 2));
        c.set(y * c.width + x, lerp(dark[0], light[0], t), lerp(dark[1], light[1], t), lerp(dark[2], light[2], t));
      }
    }
  }

  private static void tiles(Canvas c, SplittableRandom r) {
    int size = 20 + r.nextInt(120);
    float[] a = randomColour(r, 0.3, 0.9);
    float[] b = randomColour(r, 0.1, 0.7);
    double grout = 1 + r.nextInt(4);
    for (int y = 0; y < c.height; y++) {
      for (int x = 0; x < c.width; x++) {
        int tx = x / size;
        int ty = y / size;
        float[] col = ((tx + ty) & 1) == 0 ? a : b;
        boolean line = x % size < grout || y % size < grout;
        float k = line ? 0.5f : 1f;
        c.set(y * c.width + x, col[0] * k, col[1] * k, col[2] * k);
      }
    }
  }

  private static void stripes(Canvas c, SplittableRandom r) {
    double period = 4 + r.nextDouble() * 40;
    double angle = r.nextDouble() * Math.PI;
    float[] a = randomColour(r, 0.4, 0.95);
    float[] b = randomColour(r, 0.05, 0.6);
    double ca = Math.cos(angle);
    double sa = Math.sin(angle);
    for (int y = 0; y < c.height; y++) {
      for (int x = 0; x < c.width; x++) {
        double t = (x * ca + y * sa) / period;
        float[] col = (t - Math.floor(t)) < 0.5 ? a : b;
        c.set(y * c.width + x, col[0], col[1], col[2]);
      }
    }
  }

  /** A printed page: lines of word-like dark marks on paper. */
  static void textPage(Canvas c, SplittableRandom r, boolean fillPaper) {
    if (fillPaper) {
      float p = (float) (0.75 + 0.2 * r.nextDouble());
      for (int i = 0; i < c.width * c.height; i++) {
        c.set(i, p, p * 0.98f, p * 0.93f);
      }
    }
    int lineHeight = 8 + r.nextInt(24);
    int glyph = Math.max(2, lineHeight * 6 / 10);
    float ink = (float) (0.02 + 0.15 * r.nextDouble());
    int margin = r.nextInt(Math.max(1, c.width / 10));
    for (int y0 = margin; y0 + lineHeight < c.height; y0 += lineHeight) {
      int x = margin;
      while (x < c.width - margin) {
        int word = 2 + r.nextInt(9);
        for (int k = 0; k < word && x < c.width - margin; k++) {
          int w = Math.max(1, glyph * (5 + r.nextInt(6)) / 10);
          int h = glyph * (r.nextInt(4) == 0 ? 13 : 10) / 10;
          int top = y0 + lineHeight - h - (r.nextInt(6) == 0 ? -glyph / 3 : 0);
          int stroke = Math.max(1, glyph / 6);
          // a glyph: a few strokes inside its box
          for (int s = 0; s < 2 + r.nextInt(2); s++) {
            boolean vertical = r.nextBoolean();
            int sx = x + (vertical ? r.nextInt(Math.max(1, w - stroke + 1)) : 0);
            int sy = top + (vertical ? 0 : r.nextInt(Math.max(1, h - stroke + 1)));
            rect(c, sx, sy, vertical ? stroke : w, vertical ? h : stroke, ink, ink, ink);
          }
          x += w + Math.max(1, glyph / 5);
        }
        x += glyph;
      }
      if (r.nextInt(8) == 0) {
        y0 += lineHeight;
      }
    }
  }

  /** Random rectangles and ellipses of random colours (objects on a desk). */
  static void clutter(Canvas c, SplittableRandom r, int count) {
    for (int k = 0; k < count; k++) {
      float[] col = randomColour(r, 0.05, 0.95);
      int w = 10 + r.nextInt(Math.max(11, c.width / 3));
      int h = 10 + r.nextInt(Math.max(11, c.height / 3));
      int x0 = r.nextInt(c.width) - w / 2;
      int y0 = r.nextInt(c.height) - h / 2;
      if (r.nextBoolean()) {
        rect(c, x0, y0, w, h, col[0], col[1], col[2]);
      } else {
        ellipse(c, x0 + w / 2.0, y0 + h / 2.0, w / 2.0, h / 2.0, col);
      }
    }
  }

  /** A face-like drawing: head, eyes, brows, nose, mouth, hair. */
  static void face(Canvas c, SplittableRandom r, double cx, double cy, double size) {
    float[] skin = {(float) (0.45 + 0.4 * r.nextDouble()), 0f, 0f};
    skin[1] = skin[0] * 0.78f;
    skin[2] = skin[0] * 0.62f;
    float[] hair = randomColour(r, 0.02, 0.4);
    ellipse(c, cx, cy - size * 0.12, size * 0.5, size * 0.55, hair);
    ellipse(c, cx, cy, size * 0.42, size * 0.55, skin);
    float[] dark = {0.05f, 0.04f, 0.04f};
    float[] white = {0.9f, 0.9f, 0.88f};
    for (int side = -1; side <= 1; side += 2) {
      double ex = cx + side * size * 0.17;
      double ey = cy - size * 0.1;
      ellipse(c, ex, ey, size * 0.09, size * 0.05, white);
      ellipse(c, ex, ey, size * 0.04, size * 0.04, dark);
      rect(c, (int) (ex - size * 0.1), (int) (ey - size * 0.12), (int) (size * 0.2), Math.max(1, (int) (size * 0.025)),
          hair[0], hair[1], hair[2]);
    }
    rect(c, (int) (cx - size * 0.015), (int) (cy - size * 0.02), Math.max(1, (int) (size * 0.03)), (int) (size * 0.15),
        skin[0] * 0.7f, skin[1] * 0.7f, skin[2] * 0.7f);
    ellipse(c, cx, cy + size * 0.27, size * 0.14, size * 0.04, new float[] {0.45f, 0.12f, 0.12f});
  }

  /** Squares within squares at random sizes: what a finder-pattern search looks for, with no symbol around them. */
  static void finderLookalikes(Canvas c, SplittableRandom r, int count) {
    for (int k = 0; k < count; k++) {
      int m = 2 + r.nextInt(12);
      int x = r.nextInt(Math.max(1, c.width - 7 * m));
      int y = r.nextInt(Math.max(1, c.height - 7 * m));
      rect(c, x, y, 7 * m, 7 * m, 0.05f, 0.05f, 0.05f);
      rect(c, x + m, y + m, 5 * m, 5 * m, 0.9f, 0.9f, 0.9f);
      rect(c, x + 2 * m, y + 2 * m, 3 * m, 3 * m, 0.05f, 0.05f, 0.05f);
    }
  }

  static void rect(Canvas c, int x0, int y0, int w, int h, float red, float green, float blue) {
    for (int y = Math.max(0, y0); y < Math.min(c.height, y0 + h); y++) {
      for (int x = Math.max(0, x0); x < Math.min(c.width, x0 + w); x++) {
        c.set(y * c.width + x, red, green, blue);
      }
    }
  }

  static void ellipse(Canvas c, double cx, double cy, double rx, double ry, float[] col) {
    for (int y = (int) Math.max(0, cy - ry); y < Math.min(c.height, cy + ry + 1); y++) {
      for (int x = (int) Math.max(0, cx - rx); x < Math.min(c.width, cx + rx + 1); x++) {
        double dx = (x + 0.5 - cx) / rx;
        double dy = (y + 0.5 - cy) / ry;
        if (dx * dx + dy * dy <= 1) {
          c.set(y * c.width + x, col[0], col[1], col[2]);
        }
      }
    }
  }

  static float lerp(float a, float b, double t) {
    return (float) (a + (b - a) * t);
  }

  /** Lattice value noise with smoothstep interpolation, summed over octaves (0..1). */
  static final class ValueNoise {
    private final long seed;

    ValueNoise(long seed) {
      this.seed = seed;
    }

    double fractal(double x, double y, int octaves) {
      double sum = 0;
      double amp = 0.5;
      double norm = 0;
      for (int o = 0; o < octaves; o++) {
        sum += amp * at(x, y, o);
        norm += amp;
        x *= 2.03;
        y *= 2.03;
        amp *= 0.5;
      }
      return sum / norm;
    }

    private double at(double x, double y, int octave) {
      int x0 = (int) Math.floor(x);
      int y0 = (int) Math.floor(y);
      double fx = x - x0;
      double fy = y - y0;
      fx = fx * fx * (3 - 2 * fx);
      fy = fy * fy * (3 - 2 * fy);
      double a = lattice(x0, y0, octave);
      double b = lattice(x0 + 1, y0, octave);
      double c = lattice(x0, y0 + 1, octave);
      double d = lattice(x0 + 1, y0 + 1, octave);
      return (a + (b - a) * fx) + ((c + (d - c) * fx) - (a + (b - a) * fx)) * fy;
    }

    private double lattice(int x, int y, int octave) {
      long h = seed ^ (x * 0x9E3779B97F4A7C15L) ^ (y * 0xC2B2AE3D27D4EB4FL) ^ (octave * 0x165667B19E3779F9L);
      h ^= h >>> 33;
      h *= 0xFF51AFD7ED558CCDL;
      h ^= h >>> 33;
      h *= 0xC4CEB9FE1A85EC53L;
      h ^= h >>> 33;
      return (h >>> 11) * 0x1.0p-53;
    }
  }
}
