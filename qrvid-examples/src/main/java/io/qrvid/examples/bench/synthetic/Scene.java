package io.qrvid.examples.bench.synthetic;

import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * One image being composed (package-private): a canvas, the labels of the symbols painted so far, and the steps of
 * a photo from scene to file: sheets posed in front of the camera, lighting, highlights, optics, exposure, JPEG.
 */
final class Scene {
  final Canvas canvas;
  final SplittableRandom rnd;
  final List<SymbolLabel> labels = new ArrayList<>();
  final List<double[]> symbolBoxes = new ArrayList<>();

  Scene(int width, int height, SplittableRandom rnd) {
    this.canvas = new Canvas(width, height);
    this.rnd = rnd;
  }

  int width() {
    return canvas.width;
  }

  int height() {
    return canvas.height;
  }

  /**
   * The outline of a print seen through a surface: its four corners, with {@code perEdge - 1} more points along
   * each edge when the surface is curved or distorted; null when a point is behind the camera.
   */
  static List<Point2D.Double> outline(Surface s, Sheet.Print p, int perEdge) {
    double[][] c = p.corners();
    List<Point2D.Double> out = new ArrayList<>();
    double[] tmp = new double[2];
    for (int e = 0; e < 4; e++) {
      double[] a = c[e];
      double[] b = c[(e + 1) % 4];
      for (int k = 0; k < perEdge; k++) {
        double t = (double) k / perEdge;
        if (!s.map(a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), tmp)) {
          return null;
        }
        out.add(new Point2D.Double(tmp[0], tmp[1]));
      }
    }
    return out;
  }

  /** Whether every point lies at least {@code margin} pixels inside the image. */
  boolean inside(List<Point2D.Double> outline, double margin) {
    if (outline == null) {
      return false;
    }
    for (Point2D.Double q : outline) {
      if (q.x < margin || q.y < margin || q.x > width() - margin || q.y > height() - margin) {
        return false;
      }
    }
    return true;
  }

  /** Paints the sheet through the surface and records a label per print (outlines must have been checked). */
  void paint(Surface s, Sheet sheet, int samples, int perEdge, List<String> notes) {
    double cell = Math.max(0.5, Math.min(2, (sheet.u1 - sheet.u0) / 60));
    canvas.paint(s, sheet, sheet.u0, sheet.v0, sheet.u1, sheet.v1, cell, samples);
    for (Sheet.Print p : sheet.prints) {
      List<Point2D.Double> o = outline(s, p, perEdge);
      if (o == null) {
        throw new IllegalStateException("print behind the camera");
      }
      label(p, o, notes);
    }
  }

  void label(Sheet.Print p, List<Point2D.Double> outline, List<String> notes) {
    QrSymbol q = p.symbol;
    List<String> n = new ArrayList<>(notes);
    if (p.inverted) {
      n.add("inverted");
    }
    if (p.mirrored) {
      n.add("mirrored");
    }
    if (p.quiet < 4) {
      n.add(p.quiet < 0 ? "no-quiet-zone" : "quiet-zone-" + (int) p.quiet);
    }
    if (p.style != Sheet.Style.SQUARE) {
      n.add(p.style.name().toLowerCase(java.util.Locale.ROOT));
    }
    if (p.aspect != 1) {
      n.add(String.format(java.util.Locale.ROOT, "aspect-%.2f", p.aspect));
    }
    labels.add(new SymbolLabel(q.text(), q.bytes(), outline, q.version(), q.ec().name(), q.mask(), n));
    double minX = Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (Point2D.Double pt : outline) {
      minX = Math.min(minX, pt.x);
      minY = Math.min(minY, pt.y);
      maxX = Math.max(maxX, pt.x);
      maxY = Math.max(maxY, pt.y);
    }
    symbolBoxes.add(new double[] {minX, minY, maxX, maxY});
  }

  /** A random point inside the bounding box of symbol {@code i} (for highlights and shadows). */
  double[] pointInSymbol(int i, double inset) {
    double[] b = symbolBoxes.get(i);
    double w = b[2] - b[0];
    double h = b[3] - b[1];
    return new double[] {b[0] + w * (inset + (1 - 2 * inset) * rnd.nextDouble()),
        b[1] + h * (inset + (1 - 2 * inset) * rnd.nextDouble())};
  }

  double symbolSize(int i) {
    double[] b = symbolBoxes.get(i);
    return Math.max(b[2] - b[0], b[3] - b[1]);
  }

  /** Ambient light falling off linearly across the image, plus vignetting. */
  void ambient(double gradient, double vignette) {
    double angle = rnd.nextDouble() * 2 * Math.PI;
    double ca = Math.cos(angle);
    double sa = Math.sin(angle);
    double w = width();
    double h = height();
    double diag = Math.hypot(w, h);
    canvas.multiply((x, y) -> {
      double t = ((x - w / 2) * ca + (y - h / 2) * sa) / diag;
      double r2 = ((x - w / 2) * (x - w / 2) + (y - h / 2) * (y - h / 2)) / (diag * diag / 4);
      return Math.max(0.02, (1 + gradient * 2 * t) * (1 - vignette * r2));
    });
  }

  /**
   * A shadow edge through (px, py) at {@code angle} degrees: the far side is darkened by {@code darkness} (0..1)
   * with a linear penumbra {@code softness} pixels wide; {@code band} > 0 makes it a band of that width instead.
   */
  void shadow(double px, double py, double angle, double darkness, double softness, double band) {
    double nx = Math.cos(Math.toRadians(angle));
    double ny = Math.sin(Math.toRadians(angle));
    double soft = Math.max(0.5, softness);
    canvas.multiply((x, y) -> {
      double d = (x - px) * nx + (y - py) * ny;
      double m;
      if (band > 0) {
        m = smooth((band / 2 - Math.abs(d)) / soft + 0.5);
      } else {
        m = smooth(d / soft + 0.5);
      }
      return 1 - darkness * m;
    });
  }

  /** Venetian-blind shadows: stripes of the given period (pixels) at an angle. */
  void blinds(double period, double angle, double darkness, double softness) {
    double nx = Math.cos(Math.toRadians(angle));
    double ny = Math.sin(Math.toRadians(angle));
    canvas.multiply((x, y) -> {
      double d = (x * nx + y * ny) / period;
      double f = d - Math.floor(d);
      double m = smooth((Math.min(f, 1 - f) * period - period / 4) / Math.max(0.5, softness) + 0.5);
      return 1 - darkness * m;
    });
  }

  private static double smooth(double t) {
    t = Math.max(0, Math.min(1, t));
    return t * t * (3 - 2 * t);
  }

  /**
   * An elliptical Gaussian highlight (specular reflection of a light) centred at (px, py): standard deviations
   * {@code sx, sy} pixels, rotated by {@code angle} degrees, peak {@code intensity} (1 = paper white; above
   * saturates), slightly warm.
   */
  void highlight(double px, double py, double sx, double sy, double angle, double intensity) {
    double ca = Math.cos(Math.toRadians(angle));
    double sa = Math.sin(Math.toRadians(angle));
    int reach = (int) Math.ceil(3.5 * Math.max(sx, sy));
    canvas.add((x, y) -> {
      double dx = x - px;
      double dy = y - py;
      double u = (dx * ca + dy * sa) / sx;
      double v = (-dx * sa + dy * ca) / sy;
      return intensity * Math.exp(-(u * u + v * v) / 2);
    }, 1f, 0.98f, 0.93f, (int) px - reach, (int) py - reach, (int) px + reach + 1, (int) py + reach + 1);
  }

  /** Optics, exposure and sensor, then the encoded file. */
  SyntheticImage finish(String name, Category category, double blur, double motion, double gain, double noise,
      int jpegQuality) {
    if (motion > 0.5) {
      canvas.motionBlur(motion, rnd.nextDouble() * 180);
    }
    canvas.blur(blur);
    BufferedImage img = canvas.expose(gain, noise, rnd);
    byte[] bytes = jpegQuality > 0 ? jpeg(img, jpegQuality) : png(img);
    return new SyntheticImage(name, category, bytes, jpegQuality > 0 ? "jpg" : "png", width(), height(), labels);
  }

  static byte[] jpeg(BufferedImage img, int quality) {
    Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg");
    ImageWriter w = it.next();
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
         MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      ImageWriteParam p = w.getDefaultWriteParam();
      p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      p.setCompressionQuality(quality / 100f);
      w.setOutput(out);
      w.write(null, new IIOImage(img, null, null), p);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      w.dispose();
    }
  }

  static byte[] png(BufferedImage img) {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
      ImageIO.write(img, "png", bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
