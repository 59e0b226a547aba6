package io.qrvid.decode.internal;

import java.awt.geom.AffineTransform;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An 8-bit luminance image (row-major, no padding, 0 = black) plus the affine transform that maps its pixel
 * coordinates back to the coordinates of the image the caller passed in.
 *
 * <p>The pixels are never changed once a decoder has seen them (decoders only read them), so an image may carry
 * what one decoder derived from them for the next ({@link #hybridBits}). Safe to share between threads once made.
 */
public final class Gray {
  public final byte[] px;
  public final int width;
  public final int height;
  /** Maps coordinates in this image to coordinates in the original image. */
  public final AffineTransform toOriginal;
  /**
   * ZXing's hybrid binarisation of these pixels (a {@code com.google.zxing.common.BitMatrix}, typed {@code Object}
   * so that no ZXing type shows in this class), made by the first ZXing decoder that needs it and read by the
   * others: see {@code ZxingDecoder.hybridMatrix}. Null until then. Never shared with another {@code Gray}, so it
   * lives as long as this image, that is one scan (or one level-2 image).
   */
  private volatile @Nullable Object hybridBits;

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

  /** {@return the cached hybrid binarisation, or null} See {@link #hybridBits}. */
  @Nullable Object hybridBits() {
    return hybridBits;
  }

  /** Caches the hybrid binarisation of these pixels (see {@link #hybridBits}); a racing second store is equal. */
  void hybridBits(Object bits) {
    hybridBits = Objects.requireNonNull(bits);
  }

  public int get(int x, int y) {
    return px[y * width + x] & 0xff;
  }

  public int longSide() {
    return Math.max(width, height);
  }
}
