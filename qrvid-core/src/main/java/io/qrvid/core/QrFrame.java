package io.qrvid.core;

import io.qrvid.core.internal.GrayImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One rendered frame: its zero-based index in the generated sequence and its 8-bit grey plane (0 = dark module,
 * 255 = light), {@code width * height} bytes, row-major, no row padding.
 *
 * <p>The plane is not copied: the frame owns it and hands it to the caller, who may reuse or modify it. Not
 * thread-safe if the caller mutates the plane.
 *
 * @param index the frame number, from 0
 * @param luma the grey plane, {@code width * height} bytes
 * @param width width in pixels
 * @param height height in pixels
 */
public record QrFrame(int index, byte[] luma, int width, int height) {
  /**
   * Validates the components.
   *
   * @param index the frame number, from 0
   * @param luma the grey plane, {@code width * height} bytes; not copied
   * @param width width in pixels, 1 or more
   * @param height height in pixels, 1 or more
   * @throws IllegalArgumentException if the index is negative or the plane size does not match
   * @throws NullPointerException if {@code luma} is null
   */
  public QrFrame {
    Objects.requireNonNull(luma, "luma == null");
    if (index < 0 || width < 1 || height < 1 || luma.length != width * height) {
      throw new IllegalArgumentException("bad frame " + index + ": " + width + "x" + height + " with "
          + luma.length + " bytes");
    }
  }

  /** {@return a new {@code TYPE_BYTE_GRAY} image with a copy of the plane} */
  public BufferedImage toImage() {
    return GrayImages.toImage(luma, width, height);
  }

  /**
   * {@return the frame encoded as an 8-bit grey PNG}
   *
   * @throws IOException if PNG encoding fails
   */
  public byte[] toPng() throws IOException {
    return GrayImages.png(luma, width, height);
  }

  /**
   * Writes the frame as a PNG file, through a temporary file moved into place, so {@code file} is never partly
   * written.
   *
   * @param file the PNG file to create or replace
   * @throws IOException if the file cannot be written
   */
  public void writePng(Path file) throws IOException {
    GrayImages.writeAtomically(file, toPng());
  }

  @Override
  public String toString() {
    return "QrFrame{" + index + ", " + width + "x" + height + "}";
  }
}
