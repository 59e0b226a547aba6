package io.qrvid.examples.bench.synthetic;

import java.util.ArrayList;
import java.util.List;

/**
 * What is printed on a plane (package-private): a paper rectangle, QR symbols printed on it in some style, marks on
 * top (stains, scratches, torn-off parts), and optionally a display's sub-pixel grid. Plane units are modules of
 * the first symbol unless a print says otherwise.
 */
final class Sheet implements Canvas.Paint {
  /** How modules are drawn. */
  enum Style {
    SQUARE, DOTS, ROUNDED
  }

  /** One symbol printed at an offset. */
  static final class Print {
    final QrSymbol symbol;
    final double ox;
    final double oy;
    final double scale;
    double aspect = 1;
    float[] dark = {0.04f, 0.04f, 0.04f};
    float[] light = {0.9f, 0.9f, 0.88f};
    boolean inverted;
    boolean mirrored;
    Style style = Style.SQUARE;
    double dotRadius = 0.45;
    /** Quiet zone painted in the light colour, in modules; negative: none painted (the sheet shows). */
    double quiet = 4;
    /** Per-module ink overrides (NaN = none): 1 dark, 0 light, between: grey. */
    float[] ink;

    Print(QrSymbol symbol, double ox, double oy, double scale) {
      this.symbol = symbol;
      this.ox = ox;
      this.oy = oy;
      this.scale = scale;
    }

    double width() {
      return symbol.size() * scale * aspect;
    }

    double height() {
      return symbol.size() * scale;
    }

    /** The symbol's outer corners in plane coordinates, in symbol order (top-left, top-right, bottom-right, bottom-left). */
    double[][] corners() {
      double w = width();
      double h = height();
      if (mirrored) {
        // transposed: the symbol's top-right corner lies at the plane's bottom-left
        return new double[][] {{ox, oy}, {ox, oy + h}, {ox + w, oy + h}, {ox + w, oy}};
      }
      return new double[][] {{ox, oy}, {ox + w, oy}, {ox + w, oy + h}, {ox, oy + h}};
    }

    void setInk(int x, int y, float value) {
      int n = symbol.size();
      if (ink == null) {
        ink = new float[n * n];
        java.util.Arrays.fill(ink, Float.NaN);
      }
      ink[y * n + x] = value;
    }

    /** Ink at a plane point inside the print's box including its quiet zone, or NaN outside. */
    float inkAt(double u, double v) {
      int n = symbol.size();
      double mx = (u - ox) / (scale * aspect);
      double my = (v - oy) / scale;
      if (mirrored) {
        double t = mx;
        mx = my;
        my = t;
      }
      double q = Math.max(0, quiet);
      if (mx < -q || my < -q || mx >= n + q || my >= n + q) {
        return Float.NaN;
      }
      float value;
      if (mx < 0 || my < 0 || mx >= n || my >= n) {
        if (quiet < 0) {
          return Float.NaN;
        }
        value = 0;
      } else {
        int ix = (int) mx;
        int iy = (int) my;
        float o = ink == null ? Float.NaN : ink[iy * n + ix];
        value = Float.isNaN(o) ? (symbol.dark(ix, iy) ? 1 : 0) : o;
        if (style != Style.SQUARE && value > 0) {
          double dx = mx - ix - 0.5;
          double dy = my - iy - 0.5;
          boolean inside = style == Style.DOTS ? dx * dx + dy * dy <= dotRadius * dotRadius
              : Math.max(Math.abs(dx), Math.abs(dy)) <= 0.5 - 0.15 || Math.hypot(Math.abs(dx) - 0.35,
                  Math.abs(dy) - 0.35) <= 0.15 || Math.abs(dx) <= 0.35 || Math.abs(dy) <= 0.35;
          if (!inside) {
            value = 0;
          }
        }
      }
      return inverted ? 1 - value : value;
    }
  }

  /** A mark on top of the prints: a blob (stain, hole, torn part when colour is null) or a scratch (segment). */
  static final class Mark {
    final double x0;
    final double y0;
    final double x1;
    final double y1;
    final double radius;
    final float[] colour;
    final float alpha;
    final boolean segment;

    private Mark(double x0, double y0, double x1, double y1, double radius, float[] colour, float alpha,
        boolean segment) {
      this.x0 = x0;
      this.y0 = y0;
      this.x1 = x1;
      this.y1 = y1;
      this.radius = radius;
      this.colour = colour;
      this.alpha = alpha;
      this.segment = segment;
    }

    static Mark blob(double cx, double cy, double radius, float[] colour, float alpha) {
      return new Mark(cx, cy, cx, cy, radius, colour, alpha, false);
    }

    static Mark scratch(double x0, double y0, double x1, double y1, double width, float[] colour, float alpha) {
      return new Mark(x0, y0, x1, y1, width / 2, colour, alpha, true);
    }

    boolean covers(double u, double v) {
      if (!segment) {
        double dx = u - x0;
        double dy = v - y0;
        return dx * dx + dy * dy <= radius * radius;
      }
      double vx = x1 - x0;
      double vy = y1 - y0;
      double len2 = vx * vx + vy * vy;
      double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((u - x0) * vx + (v - y0) * vy) / len2));
      double dx = u - (x0 + t * vx);
      double dy = v - (y0 + t * vy);
      return dx * dx + dy * dy <= radius * radius;
    }
  }

  final double u0;
  final double v0;
  final double u1;
  final double v1;
  float[] paper = {0.88f, 0.88f, 0.85f};
  /** Paper outside the prints drawn transparent (the background shows) when false. */
  boolean paperVisible = true;
  final List<Print> prints = new ArrayList<>();
  final List<Mark> marks = new ArrayList<>();
  /** Display sub-pixel pitch in plane units (0: no display). */
  double screenPitch;
  /** Paper texture: a noise field over plane units and its amplitude. */
  Textures.ValueNoise grain;
  double grainAmplitude;
  double grainScale = 3;
  /** Shading of a cylinder: brightness falls as the surface turns away (0: none). */
  double shadeStrength;
  double shadeRadius;
  double shadeCentre;
  boolean shadeAlongU = true;

  Sheet(double u0, double v0, double u1, double v1) {
    this.u0 = u0;
    this.v0 = v0;
    this.u1 = u1;
    this.v1 = v1;
  }

  @Override
  public void color(double u, double v, float[] out) {
    float red = paper[0];
    float green = paper[1];
    float blue = paper[2];
    float a = paperVisible ? 1 : 0;
    for (Print p : prints) {
      float ink = p.inkAt(u, v);
      if (!Float.isNaN(ink)) {
        red = Textures.lerp(p.light[0], p.dark[0], ink);
        green = Textures.lerp(p.light[1], p.dark[1], ink);
        blue = Textures.lerp(p.light[2], p.dark[2], ink);
        a = 1;
        break;
      }
    }
    for (Mark m : marks) {
      if (m.covers(u, v)) {
        if (m.colour == null) {
          a = 0;
        } else {
          red = Textures.lerp(red, m.colour[0], m.alpha);
          green = Textures.lerp(green, m.colour[1], m.alpha);
          blue = Textures.lerp(blue, m.colour[2], m.alpha);
        }
      }
    }
    if (grain != null && a > 0) {
      float k = (float) (1 + grainAmplitude * (grain.fractal(u / grainScale, v / grainScale, 2) - 0.5));
      red *= k;
      green *= k;
      blue *= k;
    }
    if (shadeStrength > 0 && a > 0) {
      double angle = ((shadeAlongU ? u : v) - shadeCentre) / shadeRadius;
      float k = (float) (1 - shadeStrength * (1 - Math.cos(angle)));
      red *= k;
      green *= k;
      blue *= k;
    }
    if (screenPitch > 0 && a > 0) {
      double fu = u / screenPitch;
      double fv = v / screenPitch;
      double su = (fu - Math.floor(fu)) * 3;
      int sub = (int) su;
      double within = su - sub;
      boolean gap = within < 0.12 || within > 0.88 || fv - Math.floor(fv) > 0.85;
      float r3 = gap ? 0 : 3 * (sub == 0 ? red : 0);
      float g3 = gap ? 0 : 3 * (sub == 1 ? green : 0);
      float b3 = gap ? 0 : 3 * (sub == 2 ? blue : 0);
      red = r3 * 0.75f + 0.25f * red * 0.3f;
      green = g3 * 0.75f + 0.25f * green * 0.3f;
      blue = b3 * 0.75f + 0.25f * blue * 0.3f;
    }
    out[0] = red;
    out[1] = green;
    out[2] = blue;
    out[3] = a;
  }
}
