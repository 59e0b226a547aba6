package io.qrvid.decode.internal;

import java.awt.geom.AffineTransform;
import java.util.Objects;

/**
 * An 8-bit luminance image (row-major, no padding, 0 = black) plus the affine transform that maps its pixel
 * coordinates back to the coordinates of the image the caller passed in.
 */
public final class Gray {
  public final byte[] px;
  public final int width;
  public final int height;
  /** Maps coordinates in this image to coordinates in the original image. */
  public final AffineTransform toOriginal;

  public Gray(byte[] px, int width, int height, AffineTransform toOriginal) {
    this.px = Objects.requireNonNull(px);
    if (width <= 0 || height <= 0 || (long) width * height > px.length) {
      throw new IllegalArgumentException("bad size " + width + "x" + height + " for " + px.length + " bytes");
    }
    this.width = width;
    this.height = height;
    this.toOriginal = toOriginal;
  }

  public Gray(byte[] px, int width, int height) {
    this(px, width, height, new AffineTransform());
  }

  /** A new image of the same size and mapping with other pixels. */
  public Gray withPixels(byte[] pixels) {
    return new Gray(pixels, width, height, toOriginal);
  }

  public int get(int x, int y) {
    return px[y * width + x] & 0xff;
  }

  public int longSide() {
    return Math.max(width, height);
  }
}
