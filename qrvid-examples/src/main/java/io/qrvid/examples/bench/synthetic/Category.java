package io.qrvid.examples.bench.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The groups of the synthetic development set: one per category of the held-out photo benchmark that issue 9
 * measures (BoofCV's QR detection set: blurred ... shadows), plus {@link #NEGATIVE} (images without any QR symbol)
 * and {@link #OVER_DAMAGE} (symbols damaged beyond their error-correction capacity). Only the sixteen photo
 * categories enter the pooled and category-average rows; the last two exist to count misreads.
 */
public enum Category {
  /** Defocus (Gaussian, sigma 0.25-0.55 module) or camera-shake blur (0.8-2 modules). */
  BLURRED("blurred"),
  /** Several small specular highlights (lamps reflected on a glossy print) saturating modules. */
  BRIGHT_SPOTS("bright_spots"),
  /** Under-exposed (gain 0.08-0.3, noisy) or over-exposed (gain 2-5, clipped). */
  BRIGHTNESS("brightness"),
  /** Close-up: the symbol fills most of the frame, large modules, lens distortion, close-focus blur. */
  CLOSE("close"),
  /** Printed on a cylinder (bottle, can) wrapping 10-40 degrees each side, seen head-on, shaded as the surface turns away. */
  CURVED("curved"),
  /** Stains, scratches, scribbles, holes and torn-off parts within or near the error-correction capacity. */
  DAMAGED("damaged"),
  /** One large specular glare washing out part of the symbol. */
  GLARE("glare"),
  /** Versions 15-40 at 2.5-6 pixels per module. */
  HIGH_VERSION("high_version"),
  /** Many small symbols (a sheet of labels) in a large image. */
  LOTS("lots"),
  /** A symbol on a display: its RGB sub-pixel grid (2.5-8 display pixels per module) sampled coarsely (moire). */
  MONITOR("monitor"),
  /** Ordinary photos: mild pose, blur, noise and lighting. */
  NOMINAL("nominal"),
  /** Inverted, mirrored, no quiet zone, dots or rounded modules, stretched, coloured, a logo over the centre. */
  NONCOMPLIANT("noncompliant"),
  /**
   * Two extremes at once (2.2-3 px modules, heavy blur, 55-65 degree tilt, low contrast, JPEG quality 15-35, heavy
   * noise, a large glare, a 55-70 degree cylinder).
   */
  PATHOLOGICAL("pathological"),
  /** Steep tilt (40-65 degrees) with a wide-angle lens. */
  PERSPECTIVE("perspective"),
  /** Any in-plane rotation. */
  ROTATIONS("rotations"),
  /** Hard and soft shadows, bands and blinds across the symbol. */
  SHADOWS("shadows"),
  /** No QR symbol: textures, printed text, faces, clutter, finder look-alikes, other symbologies. */
  NEGATIVE("negative"),
  /** One symbol per image with chosen codewords of every block damaged beyond what the block can correct. */
  OVER_DAMAGE("over_damage");

  private final String id;

  Category(String id) {
    this.id = id;
  }

  /** The category's name as printed and as the folder name of a written set, e.g. {@code "bright_spots"}. */
  public String id() {
    return id;
  }

  /** Whether this is one of the sixteen photo categories (not {@link #NEGATIVE} or {@link #OVER_DAMAGE}). */
  public boolean photo() {
    return this != NEGATIVE && this != OVER_DAMAGE;
  }

  /** The sixteen photo categories, in table order. */
  public static List<Category> photos() {
    List<Category> out = new ArrayList<>();
    for (Category c : values()) {
      if (c.photo()) {
        out.add(c);
      }
    }
    return out;
  }

  /**
   * The category named {@code id} (as {@link #id()} prints it, case-insensitive, '-' accepted for '_').
   *
   * @throws IllegalArgumentException if there is none
   */
  public static Category of(String id) {
    String key = id.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    for (Category c : values()) {
      if (c.id.equals(key)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown category '" + id + "'; known: " + List.of(values()));
  }

  @Override
  public String toString() {
    return id;
  }
}
