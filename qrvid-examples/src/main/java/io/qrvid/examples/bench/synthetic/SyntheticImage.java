package io.qrvid.examples.bench.synthetic;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * One generated image: its encoded bytes exactly as written to disk (JPEG, or PNG for a few lossless cases), its
 * category, and the labels of every QR symbol in it (none for {@link Category#NEGATIVE}). Immutable; {@link #image()}
 * decodes the bytes on each call, so the bench and a written folder see the same pixels.
 */
public final class SyntheticImage {
  private final String name;
  private final Category category;
  private final byte[] encoded;
  private final String format;
  private final int width;
  private final int height;
  private final List<SymbolLabel> labels;

  SyntheticImage(String name, Category category, byte[] encoded, String format, int width, int height,
      List<SymbolLabel> labels) {
    this.name = Objects.requireNonNull(name);
    this.category = Objects.requireNonNull(category);
    this.encoded = encoded;
    this.format = format;
    this.width = width;
    this.height = height;
    this.labels = List.copyOf(labels);
  }

  /** The file name without extension, e.g. {@code "blurred_0007"}. */
  public String name() {
    return name;
  }

  /** The category. */
  public Category category() {
    return category;
  }

  /** The encoded image bytes (a copy). */
  public byte[] encoded() {
    return encoded.clone();
  }

  /** The file extension: {@code "jpg"} or {@code "png"}. */
  public String format() {
    return format;
  }

  /** Width in pixels. */
  public int width() {
    return width;
  }

  /** Height in pixels. */
  public int height() {
    return height;
  }

  /** The labels of every symbol in the image. */
  public List<SymbolLabel> labels() {
    return labels;
  }

  /**
   * Decodes {@link #encoded()}.
   *
   * @throws UncheckedIOException if ImageIO fails (it does not for the generator's own bytes)
   */
  public BufferedImage image() {
    try {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(encoded));
      if (img == null) {
        throw new IOException("no ImageIO reader for " + format);
      }
      return img;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * This image at a phone camera's pixel count: up-scaled so that its long side is {@code longSide} pixels, the
   * labels' outlines scaled with it. The decoded pixels are interpolated bicubically (Java 2D) and encoded again, a
   * JPEG at quality 90 (a PNG stays a PNG), so the result has the pixel count of, say, a 12-megapixel photo
   * ({@code longSide} 4032) but no more detail than the original: it measures what a decoder's time and working-scale
   * choice do with the pixels, not a sharper camera. An image whose long side is already at least {@code longSide}
   * is returned as it is.
   *
   * @param longSide the long side in pixels, at least 1
   * @return the up-scaled image, or this one
   * @throws IllegalArgumentException if {@code longSide} is below 1
   * @throws UncheckedIOException if ImageIO fails (it does not for the generator's own bytes)
   */
  public SyntheticImage withLongSide(int longSide) {
    if (longSide < 1) {
      throw new IllegalArgumentException("longSide < 1: " + longSide);
    }
    int longest = Math.max(width, height);
    if (longest >= longSide) {
      return this;
    }
    double s = (double) longSide / longest;
    int w = width >= height ? longSide : (int) Math.round(width * s);
    int h = width >= height ? (int) Math.round(height * s) : longSide;
    BufferedImage in = image();
    BufferedImage out = new BufferedImage(w, h, in.getType() == BufferedImage.TYPE_BYTE_GRAY
        ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      g.drawImage(in, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    double sx = (double) w / width;
    double sy = (double) h / height;
    List<SymbolLabel> scaled = new ArrayList<>();
    for (SymbolLabel l : labels) {
      List<Point2D.Double> outline = new ArrayList<>();
      for (Point2D.Double p : l.outline()) {
        outline.add(new Point2D.Double(p.x * sx, p.y * sy));
      }
      scaled.add(new SymbolLabel(l.text(), l.bytes(), outline, l.version(), l.ec(), l.mask(), l.notes()));
    }
    byte[] bytes = format.equals("jpg") ? Scene.jpeg(out, 90) : Scene.png(out);
    return new SyntheticImage(name, category, bytes, format, w, h, scaled);
  }

  @Override
  public String toString() {
    return name + " (" + width + "x" + height + " " + format + ", " + labels.size() + " symbols)";
  }
}
