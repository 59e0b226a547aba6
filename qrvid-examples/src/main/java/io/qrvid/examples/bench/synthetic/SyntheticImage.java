package io.qrvid.examples.bench.synthetic;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

  @Override
  public String toString() {
    return name + " (" + width + "x" + height + " " + format + ", " + labels.size() + " symbols)";
  }
}
