package io.qrvid.examples.bench.synthetic;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.MultiFormatWriter;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.geom.Point2D;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Generates hard images with known content, one recipe per {@link Category}: real QR symbols (ZXing's encoder,
 * versions 1-40, all four error-correction levels, fixed or chosen mask patterns, URL / text / UTF-8 / numeric /
 * alphanumeric / binary contents) printed on paper or shown on a display, posed in front of a pinhole camera (roll,
 * tilt, yaw, cylinders, lens distortion) over procedural backgrounds, then lit (gradients, vignetting, shadows,
 * specular glare and spots), blurred, exposed with sensor noise and JPEG-compressed. Each image carries the labels of
 * its symbols: content and outline in image pixels.
 *
 * <p>Deterministic: image {@code index} of a category depends only on the seed, the category and the index, so any
 * subset of categories or counts reproduces the same images. Instances are immutable and thread-safe; each call
 * allocates its own canvas (about 16 bytes per pixel while composing; images are up to 3200 x 2400).
 *
 * <p>The parameter ranges are our own choice, made so that each category exercises its effect while ZXing or
 * BoofCV still read part of it (see docs/decode.md, "Synthetic development set"); they are not measured from the
 * held-out photos.
 *
 * <pre>{@code
 * HardImageGenerator g = new HardImageGenerator(42);
 * SyntheticImage img = g.generate(Category.GLARE, 0);
 * BufferedImage pixels = img.image();
 * for (SymbolLabel l : img.labels()) System.out.println(l.text() + " " + l.outline());
 * }</pre>
 */
public final class HardImageGenerator {
  private static final int[][] SIZES = {{640, 480}, {800, 600}, {1024, 768}, {1280, 960}, {1600, 1200}};

  private final long seed;

  /** A generator for {@code seed}. */
  public HardImageGenerator(long seed) {
    this.seed = seed;
  }

  /** The seed. */
  public long seed() {
    return seed;
  }

  /**
   * Image {@code index} (0-based) of {@code category}; the same arguments always give the same bytes and labels.
   *
   * @throws IllegalArgumentException if {@code index} is negative
   */
  public SyntheticImage generate(Category category, int index) {
    if (index < 0) {
      throw new IllegalArgumentException("index < 0: " + index);
    }
    SplittableRandom r = new SplittableRandom(mix(seed, category.ordinal(), index));
    String name = String.format(Locale.ROOT, "%s_%04d", category.id(), index);
    switch (category) {
      case NOMINAL:
        return single(category, name, r, shot(r));
      case BLURRED:
        return blurred(name, r);
      case BRIGHT_SPOTS:
        return brightSpots(name, r);
      case BRIGHTNESS:
        return brightness(name, r);
      case CLOSE:
        return close(name, r);
      case CURVED:
        return curved(name, r);
      case DAMAGED:
        return damaged(name, r);
      case GLARE:
        return glare(name, r);
      case HIGH_VERSION:
        return highVersion(name, r);
      case LOTS:
        return lots(name, r);
      case MONITOR:
        return monitor(name, r);
      case NONCOMPLIANT:
        return noncompliant(name, r);
      case PATHOLOGICAL:
        return pathological(name, r);
      case PERSPECTIVE:
        return perspective(name, r);
      case ROTATIONS:
        return rotations(name, r);
      case SHADOWS:
        return shadows(name, r);
      case NEGATIVE:
        return negative(name, r);
      case OVER_DAMAGE:
        return overDamage(name, r);
      default:
        throw new AssertionError(category);
    }
  }

  private static long mix(long seed, int category, int index) {
    long h = seed * 0x9E3779B97F4A7C15L + category * 0xBF58476D1CE4E5B9L + index * 0x94D049BB133111EBL;
    h ^= h >>> 31;
    h *= 0xD6E8FEB86659FD93L;
    return h ^ (h >>> 29);
  }

  /** Everything about a photo of one symbol; recipes change the defaults (an ordinary photo). */
  private static final class Shot {
    int width;
    int height;
    int version;
    ErrorCorrectionLevel ec;
    double fill;
    double modulePx;
    double roll;
    double tilt;
    double yaw;
    double focalFactor = 0.8;
    double cylinderHalfAngle;
    boolean cylinderVertical = true;
    double lens;
    double paperMargin;
    double fitMargin = 4;
    int samples = 3;
    double gradient;
    double vignette;
    double blur;
    double motion;
    double gain = 1;
    double noise;
    int jpeg;
    Consumer<Sheet.Print> style = p -> { };
    Consumer<Sheet> sheetStyle = s -> { };
    Consumer<Scene> after = s -> { };
    boolean background = true;
    final List<String> notes = new ArrayList<>();
  }

  private static Shot shot(SplittableRandom r) {
    Shot s = new Shot();
    int[] size = SIZES[r.nextInt(SIZES.length)];
    boolean portrait = r.nextInt(3) == 0;
    s.width = portrait ? size[1] : size[0];
    s.height = portrait ? size[0] : size[1];
    s.version = 1 + r.nextInt(r.nextInt(3) == 0 ? 12 : 6);
    s.ec = Contents.randomEc(r);
    s.fill = 0.4 + 0.6 * r.nextDouble();
    s.modulePx = range(r, 3, 9);
    s.roll = range(r, -20, 20);
    s.tilt = range(r, -25, 25);
    s.yaw = range(r, -25, 25);
    s.focalFactor = range(r, 0.7, 1.2);
    s.paperMargin = range(r, 0, 8);
    s.gradient = range(r, 0, 0.35);
    s.vignette = range(r, 0, 0.3);
    s.blur = range(r, 0.3, 1.0);
    s.noise = range(r, 1.5, 4);
    s.gain = range(r, 0.9, 1.15);
    s.jpeg = 70 + r.nextInt(23);
    return s;
  }

  static double range(SplittableRandom r, double lo, double hi) {
    return lo + (hi - lo) * r.nextDouble();
  }

  /** Renders a one-symbol shot, shrinking the module size until the symbol fits the frame. */
  private SyntheticImage single(Category category, String name, SplittableRandom r, Shot s) {
    QrSymbol symbol = Contents.symbol(r, s.version, s.ec, s.fill);
    int n = symbol.size();
    Sheet.Print print = new Sheet.Print(symbol, 0, 0, 1);
    s.style.accept(print);
    double q = Math.max(0, print.quiet);
    double m = s.paperMargin;
    Sheet sheet = new Sheet(-q - m, -q - m, print.width() + q + m, print.height() + q + m);
    sheet.paper = print.light.clone();
    sheet.grain = new Textures.ValueNoise(r.nextLong());
    sheet.grainAmplitude = range(r, 0, 0.12);
    sheet.prints.add(print);
    s.sheetStyle.accept(sheet);
    Scene scene = new Scene(s.width, s.height, r);
    Surface surface = null;
    List<Point2D.Double> outline = null;
    int perEdge = s.cylinderHalfAngle > 0 || s.lens != 0 ? 8 : 1;
    double modulePx = s.modulePx;
    for (int attempt = 0; attempt < 60; attempt++) {
      double extent = Math.max(print.width(), print.height()) * modulePx * 0.75;
      double cx = extent < s.width / 2.0 ? range(r, extent, s.width - extent) : s.width / 2.0;
      double cy = extent < s.height / 2.0 ? range(r, extent, s.height - extent) : s.height / 2.0;
      Surface.Builder b = Surface.builder(s.width, s.height).planeCentre(print.width() / 2, print.height() / 2)
          .at(cx, cy, modulePx).pose(s.roll, s.tilt, s.yaw).focal(s.focalFactor * Math.max(s.width, s.height))
          .lens(s.lens);
      if (s.cylinderHalfAngle > 0) {
        double span = s.cylinderVertical ? print.width() : print.height();
        b.cylinder(span / 2 / Math.toRadians(s.cylinderHalfAngle), s.cylinderVertical);
      }
      Surface candidate = b.build();
      List<Point2D.Double> o = Scene.outline(candidate, print, perEdge);
      if (scene.inside(o, Math.max(s.fitMargin, 0))) {
        surface = candidate;
        outline = o;
        break;
      }
      if (attempt % 3 == 2) {
        modulePx *= 0.92;
      }
    }
    if (surface == null) {
      throw new IllegalStateException(name + ": symbol does not fit the frame");
    }
    if (s.background) {
      Textures.background(scene.canvas, r);
    }
    if (s.cylinderHalfAngle > 0) {
      sheet.shadeStrength = range(r, 0.2, 0.6);
      sheet.shadeRadius = (s.cylinderVertical ? print.width() : print.height()) / 2
          / Math.toRadians(s.cylinderHalfAngle);
      sheet.shadeCentre = (s.cylinderVertical ? print.width() : print.height()) / 2;
      sheet.shadeAlongU = s.cylinderVertical;
    }
    scene.canvas.paint(surface, sheet, sheet.u0, sheet.v0, sheet.u1, sheet.v1,
        Math.max(0.5, Math.min(2, (sheet.u1 - sheet.u0) / 60)), s.samples);
    scene.label(print, outline, s.notes);
    scene.ambient(s.gradient, s.vignette);
    s.after.accept(scene);
    return scene.finish(name, category, s.blur, s.motion, s.gain, s.noise, s.jpeg);
  }

  private SyntheticImage blurred(String name, SplittableRandom r) {
    Shot s = shot(r);
    s.modulePx = range(r, 4, 10);
    if (r.nextInt(3) == 0) {
      s.motion = s.modulePx * range(r, 0.8, 2.0);
      s.blur = range(r, 0.3, 0.8);
      s.notes.add("motion");
    } else {
      s.blur = s.modulePx * range(r, 0.25, 0.55);
    }
    return single(Category.BLURRED, name, r, s);
  }

  private SyntheticImage brightSpots(String name, SplittableRandom r) {
    Shot s = shot(r);
    s.modulePx = range(r, 4, 9);
    s.after = scene -> {
      int spots = 2 + r.nextInt(7);
      double px = scene.symbolSize(0) / (17 + 4.0 * scene.labels.get(0).version());
      for (int i = 0; i < spots; i++) {
        double[] c = scene.pointInSymbol(0, 0.02);
        double sigma = px * range(r, 0.4, 1.8);
        scene.highlight(c[0], c[1], sigma, sigma * range(r, 0.5, 1.5), range(r, 0, 180), range(r, 0.6, 2.5));
      }
    };
    return single(Category.BRIGHT_SPOTS, name, r, s);
  }

  private SyntheticImage brightness(String name, SplittableRandom r) {
    Shot s = shot(r);
    if (r.nextBoolean()) {
      s.gain = range(r, 0.08, 0.3);
      s.noise = range(r, 1.5, 4);
      s.notes.add("under-exposed");
    } else {
      s.gain = range(r, 2, 5);
      s.notes.add("over-exposed");
      if (r.nextBoolean()) {
        s.style = p -> p.dark = new float[] {0.15f, 0.15f, 0.15f};
      }
    }
    s.gradient = range(r, 0, 0.5);
    return single(Category.BRIGHTNESS, name, r, s);
  }

  private SyntheticImage close(String name, SplittableRandom r) {
    Shot s = shot(r);
    s.version = 1 + r.nextInt(6);
    int n = 17 + 4 * s.version;
    int shortSide = Math.min(s.width, s.height);
    s.modulePx = shortSide * range(r, 0.7, 0.98) / n;
    s.roll = range(r, -15, 15);
    s.tilt = range(r, -15, 15);
    s.yaw = range(r, -15, 15);
    s.lens = -range(r, 0.02, 0.2);
    s.fitMargin = 1;
    s.blur = range(r, 0.5, 0.25 * s.modulePx);
    return single(Category.CLOSE, name, r, s);
  }

  private SyntheticImage curved(String name, SplittableRandom r) {
    Shot s = shot(r);
    s.cylinderHalfAngle = range(r, 10, 40);
    s.cylinderVertical = r.nextInt(4) != 0;
    // the camera faces the cylinder: turning round its axis moves the symbol towards one edge, where modules
    // compress (a module of grid error at 20 degrees), and tilting across it bends the rows
    s.tilt = range(r, -8, 8);
    s.yaw = range(r, -8, 8);
    s.roll = range(r, -10, 10);
    s.modulePx = range(r, 3.5, 9);
    s.paperMargin = range(r, 0, 3);
    s.notes.add(String.format(Locale.ROOT, "cylinder-%.0fdeg", s.cylinderHalfAngle));
    return single(Category.CURVED, name, r, s);
  }

  private SyntheticImage damaged(String name, SplittableRandom r) {
    Shot s = shot(r);
    ErrorCorrectionLevel[] levels = {ErrorCorrectionLevel.M, ErrorCorrectionLevel.Q, ErrorCorrectionLevel.H,
        ErrorCorrectionLevel.H};
    s.ec = levels[r.nextInt(levels.length)];
    s.modulePx = range(r, 4, 9);
    s.sheetStyle = sheet -> {
      Sheet.Print p = sheet.prints.get(0);
      int n = p.symbol.size();
      int kinds = 1 + r.nextInt(3);
      for (int k = 0; k < kinds; k++) {
        switch (r.nextInt(5)) {
          case 0: // stains
            for (int i = 0; i < 1 + r.nextInt(4); i++) {
              float[] c = {(float) range(r, 0.3, 0.6), (float) range(r, 0.2, 0.45), (float) range(r, 0.05, 0.25)};
              sheet.marks.add(Sheet.Mark.blob(range(r, 0, n), range(r, 0, n), n * range(r, 0.04, 0.14), c,
                  (float) range(r, 0.3, 0.85)));
            }
            break;
          case 1: // scratches that remove ink
            for (int i = 0; i < 1 + r.nextInt(5); i++) {
              sheet.marks.add(Sheet.Mark.scratch(range(r, -2, n + 2), range(r, -2, n + 2), range(r, -2, n + 2),
                  range(r, -2, n + 2), range(r, 0.2, 1.2), p.light, (float) range(r, 0.7, 1)));
            }
            break;
          case 2: // pen scribbles
            double x = range(r, 0, n);
            double y = range(r, 0, n);
            for (int i = 0; i < 3 + r.nextInt(6); i++) {
              double x2 = Math.max(-1, Math.min(n + 1, x + range(r, -n / 4.0, n / 4.0)));
              double y2 = Math.max(-1, Math.min(n + 1, y + range(r, -n / 4.0, n / 4.0)));
              sheet.marks.add(Sheet.Mark.scratch(x, y, x2, y2, range(r, 0.3, 0.9),
                  new float[] {0.05f, 0.08f, 0.35f}, 0.9f));
              x = x2;
              y = y2;
            }
            break;
          case 3: // a torn corner or edge: the background shows through
            double ex = r.nextBoolean() ? 0 : n;
            double ey = r.nextBoolean() ? 0 : n;
            if (r.nextBoolean()) {
              ex = range(r, 0, n);
            }
            sheet.marks.add(Sheet.Mark.blob(ex, ey, n * range(r, 0.08, 0.22), null, 1));
            break;
          default: // holes
            for (int i = 0; i < 1 + r.nextInt(3); i++) {
              sheet.marks.add(Sheet.Mark.blob(range(r, 0, n), range(r, 0, n), range(r, 0.8, 3), null, 1));
            }
            break;
        }
      }
    };
    return single(Category.DAMAGED, name, r, s);
  }

  private SyntheticImage glare(String name, SplittableRandom r) {
    Shot s = shot(r);
    s.modulePx = range(r, 4, 9);
    s.after = scene -> {
      double[] c = scene.pointInSymbol(0, 0.1);
      double size = scene.symbolSize(0);
      double sigma = size * range(r, 0.1, 0.3);
      scene.highlight(c[0], c[1], sigma, sigma * range(r, 0.3, 1), range(r, 0, 180), range(r, 0.5, 2));
    };
    return single(Category.GLARE, name, r, s);
  }

  private SyntheticImage highVersion(String name, SplittableRandom r) {
    Shot s = shot(r);
    s.version = 15 + r.nextInt(26);
    s.fill = range(r, 0.5, 0.95);
    s.modulePx = range(r, 2.6, 6);
    int n = 17 + 4 * s.version;
    double need = (n + 8) * s.modulePx * 1.3;
    s.width = (int) Math.max(1280, Math.min(3000, need * range(r, 1.1, 1.6)));
    s.height = Math.max(960, Math.min(2400, s.width * 3 / 4));
    s.roll = range(r, -25, 25);
    s.tilt = range(r, -20, 20);
    s.yaw = range(r, -20, 20);
    s.blur = range(r, 0.3, 0.9);
    s.noise = range(r, 1, 3);
    s.jpeg = 80 + r.nextInt(15);
    return single(Category.HIGH_VERSION, name, r, s);
  }

  private SyntheticImage rotations(String name, SplittableRandom r) {
    Shot s = shot(r);
    s.roll = r.nextInt(4) == 0 ? 90 * (1 + r.nextInt(3)) : range(r, 0, 360);
    s.tilt = range(r, -15, 15);
    s.yaw = range(r, -15, 15);
    s.notes.add(String.format(Locale.ROOT, "roll-%.0f", s.roll));
    return single(Category.ROTATIONS, name, r, s);
  }

  private SyntheticImage perspective(String name, SplittableRandom r) {
    Shot s = shot(r);
    double steep = range(r, 40, 65);
    double other = range(r, 0, 35);
    boolean tiltMain = r.nextBoolean();
    s.tilt = (tiltMain ? steep : other) * (r.nextBoolean() ? 1 : -1);
    s.yaw = (tiltMain ? other : steep) * (r.nextBoolean() ? 1 : -1);
    s.roll = range(r, -30, 30);
    s.focalFactor = range(r, 0.5, 0.8);
    s.modulePx = range(r, 4, 10);
    s.notes.add(String.format(Locale.ROOT, "tilt-%.0f-yaw-%.0f", s.tilt, s.yaw));
    return single(Category.PERSPECTIVE, name, r, s);
  }

  private SyntheticImage shadows(String name, SplittableRandom r) {
    Shot s = shot(r);
    s.modulePx = range(r, 4, 9);
    s.after = scene -> {
      double size = scene.symbolSize(0);
      int kind = r.nextInt(4);
      int count = kind == 3 ? 1 : 1 + r.nextInt(2);
      for (int i = 0; i < count; i++) {
        double[] c = scene.pointInSymbol(0, 0.15);
        double darkness = range(r, 0.35, 0.8);
        double soft = r.nextBoolean() ? range(r, 0.5, 3) : size * range(r, 0.02, 0.15);
        if (kind == 3) {
          scene.blinds(size * range(r, 0.15, 0.5), range(r, 0, 180), darkness, soft);
        } else if (kind == 2) {
          scene.shadow(c[0], c[1], range(r, 0, 360), darkness, soft, size * range(r, 0.05, 0.3));
        } else {
          scene.shadow(c[0], c[1], range(r, 0, 360), darkness, soft, 0);
        }
      }
    };
    return single(Category.SHADOWS, name, r, s);
  }

  private SyntheticImage noncompliant(String name, SplittableRandom r) {
    Shot s = shot(r);
    s.modulePx = range(r, 4, 9);
    List<Consumer<Sheet.Print>> changes = new ArrayList<>();
    List<Consumer<Sheet>> sheetChanges = new ArrayList<>();
    int picks = 1 + (r.nextInt(3) == 0 ? 1 : 0);
    for (int i = 0; i < picks; i++) {
      switch (r.nextInt(8)) {
        case 0:
          changes.add(p -> {
            p.inverted = true;
            p.quiet = Math.max(p.quiet, 2);
          });
          break;
        case 1:
          changes.add(p -> p.mirrored = true);
          break;
        case 2:
          changes.add(p -> p.quiet = -1);
          sheetChanges.add(sh -> sh.paperVisible = false);
          break;
        case 3:
          changes.add(p -> {
            p.style = Sheet.Style.DOTS;
            p.dotRadius = range(r, 0.3, 0.48);
          });
          break;
        case 4:
          changes.add(p -> p.style = Sheet.Style.ROUNDED);
          break;
        case 5:
          double aspect = r.nextBoolean() ? range(r, 0.75, 0.9) : range(r, 1.1, 1.3);
          changes.add(p -> p.aspect = aspect);
          break;
        case 6:
          float[][] pairs = {{0.1f, 0.1f, 0.45f, 0.95f, 0.85f, 0.3f}, {0.55f, 0.05f, 0.1f, 0.95f, 0.95f, 0.9f},
              {0.05f, 0.35f, 0.1f, 0.85f, 0.95f, 0.85f}, {0.3f, 0.3f, 0.3f, 0.7f, 0.7f, 0.7f}};
          float[] pair = pairs[r.nextInt(pairs.length)];
          changes.add(p -> {
            p.dark = new float[] {pair[0], pair[1], pair[2]};
            p.light = new float[] {pair[3], pair[4], pair[5]};
          });
          s.notes.add("colour");
          break;
        default:
          s.ec = ErrorCorrectionLevel.H;
          s.notes.add("logo");
          sheetChanges.add(sh -> {
            Sheet.Print p = sh.prints.get(0);
            int n = p.symbol.size();
            float[] c = Textures.randomColour(r, 0.1, 0.9);
            double radius = n * range(r, 0.1, 0.15);
            sh.marks.add(Sheet.Mark.blob(p.width() / 2, p.height() / 2, radius, p.light, 1));
            sh.marks.add(Sheet.Mark.blob(p.width() / 2, p.height() / 2, radius * 0.8, c, 1));
          });
          break;
      }
    }
    s.style = p -> changes.forEach(c -> c.accept(p));
    s.sheetStyle = sh -> sheetChanges.forEach(c -> c.accept(sh));
    return single(Category.NONCOMPLIANT, name, r, s);
  }

  private SyntheticImage pathological(String name, SplittableRandom r) {
    Shot s = shot(r);
    List<String> extremes = new ArrayList<>(List.of("tiny", "blur", "steep", "contrast", "jpeg", "noise", "glare",
        "curve"));
    int picks = 2;
    List<String> chosen = new ArrayList<>();
    for (int i = 0; i < picks; i++) {
      chosen.add(extremes.remove(r.nextInt(extremes.size())));
    }
    s.notes.addAll(chosen);
    s.modulePx = range(r, 3, 7);
    for (String e : chosen) {
      switch (e) {
        case "tiny":
          s.modulePx = range(r, 2.2, 3);
          break;
        case "blur":
          s.blur = s.modulePx * range(r, 0.4, 0.6);
          break;
        case "steep":
          s.tilt = range(r, 55, 65) * (r.nextBoolean() ? 1 : -1);
          s.focalFactor = 0.6;
          break;
        case "contrast":
          float dark = (float) range(r, 0.25, 0.4);
          float light = dark + (float) range(r, 0.12, 0.25);
          s.style = p -> {
            p.dark = new float[] {dark, dark, dark};
            p.light = new float[] {light, light, light};
          };
          break;
        case "jpeg":
          s.jpeg = 15 + r.nextInt(20);
          break;
        case "noise":
          s.noise = range(r, 5, 9);
          break;
        case "glare":
          s.after = scene -> {
            double[] c = scene.pointInSymbol(0, 0.2);
            double sigma = scene.symbolSize(0) * range(r, 0.3, 0.5);
            scene.highlight(c[0], c[1], sigma, sigma, 0, range(r, 1, 2));
          };
          break;
        default:
          s.cylinderHalfAngle = range(r, 55, 70);
          break;
      }
    }
    return single(Category.PATHOLOGICAL, name, r, s);
  }

  private SyntheticImage monitor(String name, SplittableRandom r) {
    Shot s = shot(r);
    s.modulePx = range(r, 3, 8);
    s.samples = 2;
    s.paperMargin = range(r, 2, 12);
    double pitch = 1 / range(r, 2.5, 8);
    s.notes.add(String.format(Locale.ROOT, "screen-px-per-module-%.1f", 1 / pitch));
    s.style = p -> {
      float white = (float) range(r, 0.75, 1.1);
      float black = (float) range(r, 0.01, 0.12);
      p.light = new float[] {white, white, white * 0.97f};
      p.dark = new float[] {black, black, black * 1.1f};
    };
    s.sheetStyle = sh -> {
      sh.screenPitch = pitch;
      sh.grain = null;
    };
    s.blur = range(r, 0.5, 1.0);
    s.after = scene -> {
      if (r.nextInt(3) == 0) {
        double[] c = scene.pointInSymbol(0, 0);
        double sigma = scene.symbolSize(0) * range(r, 0.2, 0.6);
        scene.highlight(c[0], c[1], sigma, sigma * 0.5, range(r, 0, 180), range(r, 0.1, 0.4));
      }
    };
    s.gradient = range(r, 0, 0.15);
    return single(Category.MONITOR, name, r, s);
  }

  private SyntheticImage lots(String name, SplittableRandom r) {
    int cols = 3 + r.nextInt(3);
    int rows = 2 + r.nextInt(3);
    int width = 2400 + 200 * r.nextInt(5);
    int height = width * 3 / 4;
    Scene scene = new Scene(width, height, r);
    List<Sheet.Print> prints = new ArrayList<>();
    int version = 1 + r.nextInt(4);
    int n = 17 + 4 * version;
    double gap = n * range(r, 0.35, 0.8) + 8;
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < cols; x++) {
        QrSymbol q = Contents.symbol(r, version, Contents.randomEc(r), range(r, 0.4, 1));
        prints.add(new Sheet.Print(q, x * (n + gap), y * (n + gap), 1));
      }
    }
    double sheetW = cols * (n + gap) - gap;
    double sheetH = rows * (n + gap) - gap;
    Sheet sheet = new Sheet(-6, -6, sheetW + 6, sheetH + 6);
    sheet.prints.addAll(prints);
    sheet.grain = new Textures.ValueNoise(r.nextLong());
    sheet.grainAmplitude = range(r, 0, 0.08);
    // modules of 3.2-6 px at full resolution: 1.3-3 px after a scale-down to 1280 px
    double modulePx = Math.min(range(r, 3.2, 6), 0.8 * Math.min(width / sheetW, height / sheetH));
    Surface surface = null;
    for (int attempt = 0; attempt < 60 && surface == null; attempt++) {
      Surface cand = Surface.builder(width, height).planeCentre(sheetW / 2, sheetH / 2)
          .at(width * range(r, 0.4, 0.6), height * range(r, 0.4, 0.6), modulePx)
          .pose(range(r, -20, 20), range(r, -30, 30), range(r, -30, 30)).focal(range(r, 0.7, 1.1) * width).build();
      boolean fits = true;
      for (Sheet.Print p : prints) {
        fits &= scene.inside(Scene.outline(cand, p, 1), 4);
      }
      if (fits) {
        surface = cand;
      } else if (attempt % 3 == 2) {
        modulePx *= 0.93;
      }
    }
    if (surface == null) {
      throw new IllegalStateException(name + ": sheet does not fit");
    }
    Textures.background(scene.canvas, r);
    scene.paint(surface, sheet, 3, 1, List.of(String.format(Locale.ROOT, "grid-%dx%d", cols, rows)));
    scene.ambient(range(r, 0, 0.3), range(r, 0, 0.3));
    return scene.finish(name, Category.LOTS, range(r, 0.4, 0.9), 0, range(r, 0.9, 1.15), range(r, 1.5, 3.5),
        75 + r.nextInt(18));
  }

  private SyntheticImage negative(String name, SplittableRandom r) {
    int[] size = SIZES[r.nextInt(SIZES.length)];
    Scene scene = new Scene(size[0], size[1], r);
    Textures.background(scene.canvas, r);
    int kind = r.nextInt(6);
    String what;
    switch (kind) {
      case 0:
        Textures.textPage(scene.canvas, r, true);
        what = "text";
        break;
      case 1:
        for (int i = 0; i < 1 + r.nextInt(3); i++) {
          Textures.face(scene.canvas, r, range(r, 0.2, 0.8) * size[0], range(r, 0.25, 0.75) * size[1],
              range(r, 0.2, 0.6) * size[1]);
        }
        what = "faces";
        break;
      case 2:
        Textures.clutter(scene.canvas, r, 10 + r.nextInt(30));
        what = "clutter";
        break;
      case 3:
        Textures.finderLookalikes(scene.canvas, r, 3 + r.nextInt(12));
        what = "finder-lookalikes";
        break;
      case 4:
        what = otherSymbology(scene, r);
        break;
      default:
        what = "texture";
        break;
    }
    scene.ambient(range(r, 0, 0.4), range(r, 0, 0.3));
    SyntheticImage img = scene.finish(name + "_" + what, Category.NEGATIVE, range(r, 0.3, 1.2), 0,
        range(r, 0.8, 1.2), range(r, 1, 4), 70 + r.nextInt(25));
    return img;
  }

  /** A Data Matrix, Aztec or PDF417 symbol, or a random module grid with fake finder patterns (not a QR symbol). */
  private static String otherSymbology(Scene scene, SplittableRandom r) {
    BarcodeFormat[] formats = {BarcodeFormat.DATA_MATRIX, BarcodeFormat.AZTEC, BarcodeFormat.PDF_417, null};
    BarcodeFormat f = formats[r.nextInt(formats.length)];
    boolean[][] grid;
    if (f == null) {
      int n = 21 + 4 * r.nextInt(5);
      grid = new boolean[n][n];
      for (int y = 0; y < n; y++) {
        for (int x = 0; x < n; x++) {
          grid[y][x] = r.nextBoolean();
        }
      }
      for (int[] c : new int[][] {{0, 0}, {n - 7, 0}, {0, n - 7}}) {
        for (int y = 0; y < 7; y++) {
          for (int x = 0; x < 7; x++) {
            int d = Math.max(Math.abs(x - 3), Math.abs(y - 3));
            grid[c[1] + y][c[0] + x] = d != 2;
          }
        }
      }
    } else {
      try {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.MARGIN, 0);
        BitMatrix m = new MultiFormatWriter().encode(Contents.text(Contents.Kind.ASCII_TEXT, 20 + r.nextInt(60), r),
            f, 0, 0, hints);
        grid = new boolean[m.getHeight()][m.getWidth()];
        for (int y = 0; y < m.getHeight(); y++) {
          for (int x = 0; x < m.getWidth(); x++) {
            grid[y][x] = m.get(x, y);
          }
        }
      } catch (WriterException e) {
        throw new IllegalStateException(e);
      }
    }
    int px = Math.max(2, (int) (Math.min(scene.width(), scene.height()) * range(r, 0.3, 0.7)
        / Math.max(grid.length, grid[0].length)));
    int w = grid[0].length * px;
    int h = grid.length * px;
    int x0 = r.nextInt(Math.max(1, scene.width() - w - 8 * px)) + 4 * px;
    int y0 = r.nextInt(Math.max(1, scene.height() - h - 8 * px)) + 4 * px;
    Textures.rect(scene.canvas, x0 - 4 * px, y0 - 4 * px, w + 8 * px, h + 8 * px, 0.9f, 0.9f, 0.88f);
    for (int y = 0; y < grid.length; y++) {
      for (int x = 0; x < grid[0].length; x++) {
        if (grid[y][x]) {
          Textures.rect(scene.canvas, x0 + x * px, y0 + y * px, px, px, 0.05f, 0.05f, 0.05f);
        }
      }
    }
    return f == null ? "fake-qr" : f.name().toLowerCase(Locale.ROOT).replace("_", "");
  }

  /**
   * One symbol (version 1-10, any level) with {@code k} codewords of every Reed-Solomon block damaged, where a
   * block of {@code e} error-correction codewords corrects at most {@code e/2} errors, or {@code e} erasures:
   * "hard" damage flips bits at full contrast with {@code e/2 < k <= e + 2}; "smudged" damage draws the flipped
   * modules grey (nearer the wrong value) with {@code e < k <= e + 3}, beyond even erasure decoding. Format and
   * version information and all function patterns stay intact, so only the error correction stands between the
   * damage and a wrong text. The label keeps the original text (a correct read is not a misread).
   */
  private SyntheticImage overDamage(String name, SplittableRandom r) {
    int version = 1 + r.nextInt(10);
    QrSymbol q = Contents.symbol(r, version, Contents.randomEc(r), range(r, 0.3, 1));
    CodewordMap map = CodewordMap.of(q.version(), q.ec());
    int e = map.ecCodewordsPerBlock();
    boolean hard = r.nextBoolean();
    Sheet.Print print = new Sheet.Print(q, 0, 0, 1);
    int kMax = 0;
    for (int b = 0; b < map.blocks(); b++) {
      List<Integer> cws = map.codewordsOfBlock(b);
      int lo = hard ? e / 2 + 1 : e + 1;
      int hi = Math.min(cws.size(), hard ? e + 2 : e + 3);
      int k = lo + r.nextInt(Math.max(1, hi - lo + 1));
      k = Math.min(k, cws.size());
      kMax = Math.max(kMax, k);
      for (int i = 0; i < k; i++) {
        int cw = cws.remove(r.nextInt(cws.size()));
        int flips = 1 + r.nextInt(255);
        for (int bit = 0; bit < 8; bit++) {
          if ((flips & (0x80 >> bit)) != 0) {
            int x = map.x(cw, bit);
            int y = map.y(cw, bit);
            boolean wasDark = q.dark(x, y);
            float wrong = wasDark ? 0 : 1;
            float value = hard ? wrong : (float) (wasDark ? range(r, 0.35, 0.45) : range(r, 0.55, 0.65));
            print.setInk(x, y, value);
          }
        }
      }
    }
    int n = q.size();
    double modulePx = range(r, 4, 7);
    int side = (int) Math.ceil((n + 12) * modulePx * 1.15);
    Scene scene = new Scene(side, side, r);
    Sheet sheet = new Sheet(-6, -6, n + 6, n + 6);
    sheet.prints.add(print);
    Surface surface = Surface.builder(side, side).planeCentre(n / 2.0, n / 2.0).at(side / 2.0, side / 2.0, modulePx)
        .pose(range(r, -8, 8), range(r, -8, 8), range(r, -8, 8)).build();
    Textures.background(scene.canvas, r);
    scene.paint(surface, sheet, 3, 1, List.of(String.format(Locale.ROOT, "overdamage-%s k<=%d e=%d blocks=%d",
        hard ? "hard" : "smudged", kMax, e, map.blocks())));
    return scene.finish(name, Category.OVER_DAMAGE, range(r, 0.3, 0.6), 0, 1, range(r, 0.5, 2), 92);
  }
}
