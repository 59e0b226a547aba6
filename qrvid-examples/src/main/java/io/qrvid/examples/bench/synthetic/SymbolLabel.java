package io.qrvid.examples.bench.synthetic;

import java.awt.geom.Point2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The ground truth of one QR symbol in an image: its content and its outline.
 *
 * <p>The outline is the symbol's outer boundary (without quiet zone) in image pixels (origin at the top-left corner
 * of the top-left pixel, x right, y down), a polygon starting at the symbol's top-left corner and going round in
 * symbol order (top-left, top-right, bottom-right, bottom-left); curved surfaces and lens distortion give more than
 * four points. A decoded symbol counts for this label when its centre lies inside the outline (how the held-out
 * photo benchmark counts). Labels read from a plain expected-text file have no outline and contain every point.
 * Immutable.
 */
public final class SymbolLabel {
  private final String text;
  private final byte[] bytes;
  private final List<Point2D.Double> outline;
  private final int version;
  private final @Nullable String ec;
  private final int mask;
  private final List<String> notes;

  /**
   * A label.
   *
   * @param text the content text
   * @param bytes the content bytes (empty when unknown)
   * @param outline the outline in image pixels; empty when unknown (then {@link #contains} is always true)
   * @param version 1..40, or 0 when unknown
   * @param ec the error-correction level {@code L, M, Q, H}, or null when unknown
   * @param mask the mask pattern 0..7, or -1 when unknown
   * @param notes how the symbol was drawn or damaged, e.g. {@code "inverted"}, {@code "overdamage-hard k=5/10"}
   * @throws NullPointerException if text, bytes, outline or notes is null
   * @throws IllegalArgumentException if the outline has 1 or 2 points
   */
  public SymbolLabel(String text, byte[] bytes, List<Point2D.Double> outline, int version, @Nullable String ec,
      int mask, List<String> notes) {
    this.text = Objects.requireNonNull(text, "text == null");
    this.bytes = Objects.requireNonNull(bytes, "bytes == null").clone();
    List<Point2D.Double> copy = new ArrayList<>();
    for (Point2D.Double p : outline) {
      copy.add(new Point2D.Double(p.x, p.y));
    }
    if (!copy.isEmpty() && copy.size() < 3) {
      throw new IllegalArgumentException("an outline needs at least 3 points: " + copy.size());
    }
    this.outline = List.copyOf(copy);
    this.version = version;
    this.ec = ec;
    this.mask = mask;
    this.notes = List.copyOf(notes);
  }

  /** A label with only an expected text (ZXing's and zxing-cpp's blackbox layout): no outline. */
  public static SymbolLabel textOnly(String text) {
    return new SymbolLabel(text, new byte[0], List.of(), 0, null, -1, List.of());
  }

  /** The content as text. */
  public String text() {
    return text;
  }

  /** The content bytes (a copy; empty when unknown). */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The outline in image pixels (copies; empty when unknown). */
  public List<Point2D.Double> outline() {
    List<Point2D.Double> out = new ArrayList<>();
    for (Point2D.Double p : outline) {
      out.add(new Point2D.Double(p.x, p.y));
    }
    return out;
  }

  /** The version, or 0 when unknown. */
  public int version() {
    return version;
  }

  /** The error-correction level, or null when unknown. */
  public @Nullable String ec() {
    return ec;
  }

  /** The mask pattern, or -1 when unknown. */
  public int mask() {
    return mask;
  }

  /** Notes on how the symbol was drawn. */
  public List<String> notes() {
    return notes;
  }

  /** Whether (x, y) lies inside the outline (even-odd rule); always true without an outline. */
  public boolean contains(double x, double y) {
    if (outline.isEmpty()) {
      return true;
    }
    boolean inside = false;
    for (int i = 0, j = outline.size() - 1; i < outline.size(); j = i++) {
      Point2D.Double a = outline.get(i);
      Point2D.Double b = outline.get(j);
      if ((a.y > y) != (b.y > y) && x < (b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x) {
        inside = !inside;
      }
    }
    return inside;
  }

  /** The outline's area in square pixels (shoelace formula; 0 without an outline). */
  public double area() {
    double s = 0;
    for (int i = 0; i < outline.size(); i++) {
      Point2D.Double p = outline.get(i);
      Point2D.Double q = outline.get((i + 1) % outline.size());
      s += p.x * q.y - q.x * p.y;
    }
    return Math.abs(s) / 2;
  }

  @Override
  public String toString() {
    return "SymbolLabel[v" + version + " " + ec + " mask " + mask + " " + notes + " " + text.length() + " chars, "
        + outline.size() + " outline points, bytes " + Arrays.hashCode(bytes) + "]";
  }
}
