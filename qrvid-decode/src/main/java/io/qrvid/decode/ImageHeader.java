package io.qrvid.decode;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an image file declares about itself, read by {@link ImageLoader#probe} from the header alone (no pixel is
 * decoded): format, stored width and height, samples per pixel, bits per sample, frame count and EXIF orientation.
 *
 * <p>For multi-frame files (animated GIF and WebP, multi-page TIFF, animated PNG) the dimensions are those that
 * decoding the first frame needs: the larger of the canvas (logical screen) and the first frame. Immutable and
 * thread-safe.
 */
public final class ImageHeader {
  private final ImageFormat format;
  private final int width;
  private final int height;
  private final int samplesPerPixel;
  private final int bitsPerSample;
  private final int frames;
  private final int orientation;

  /**
   * Creates a header value.
   *
   * @param format the format
   * @param width stored width in pixels, at least 1
   * @param height stored height in pixels, at least 1
   * @param samplesPerPixel samples (bands, channels) per decoded pixel, at least 1 (a palette image has 1)
   * @param bitsPerSample bits per sample, at least 1 (the largest when samples differ)
   * @param frames frames or pages declared, at least 1
   * @param orientation EXIF orientation 1-8 (1 = as stored)
   * @throws NullPointerException if {@code format} is null
   * @throws IllegalArgumentException if a value is out of range
   */
  public ImageHeader(ImageFormat format, int width, int height, int samplesPerPixel, int bitsPerSample, int frames,
      int orientation) {
    this.format = Objects.requireNonNull(format, "format == null");
    if (width < 1 || height < 1 || samplesPerPixel < 1 || bitsPerSample < 1 || frames < 1) {
      throw new IllegalArgumentException("not positive: " + width + "x" + height + ", " + samplesPerPixel
          + " samples of " + bitsPerSample + " bits, " + frames + " frames");
    }
    if (orientation < 1 || orientation > 8) {
      throw new IllegalArgumentException("orientation not in 1..8: " + orientation);
    }
    this.width = width;
    this.height = height;
    this.samplesPerPixel = samplesPerPixel;
    this.bitsPerSample = bitsPerSample;
    this.frames = frames;
    this.orientation = orientation;
  }

  /**
   * The format.
   *
   * @return the format, never null
   */
  public ImageFormat format() {
    return format;
  }

  /**
   * The width as stored (before the EXIF orientation is applied).
   *
   * @return pixels
   */
  public int width() {
    return width;
  }

  /**
   * The height as stored (before the EXIF orientation is applied).
   *
   * @return pixels
   */
  public int height() {
    return height;
  }

  /**
   * Samples (bands, channels) per decoded pixel: 1 for grey and palette images, 3 for RGB/YCbCr, 4 for RGBA and
   * CMYK, and whatever a TIFF declares.
   *
   * @return at least 1
   */
  public int samplesPerPixel() {
    return samplesPerPixel;
  }

  /**
   * Bits per sample (the largest when samples differ).
   *
   * @return at least 1
   */
  public int bitsPerSample() {
    return bitsPerSample;
  }

  /**
   * Frames (animation) or pages (TIFF) the file declares; only the first is ever decoded.
   *
   * @return at least 1
   */
  public int frames() {
    return frames;
  }

  /**
   * The EXIF orientation (JPEG only; 1 for other formats): 1 as stored, 2 mirrored left-right, 3 rotated 180
   * degrees, 4 mirrored top-bottom, 5 transposed, 6 to be rotated 90 degrees clockwise for display, 7 transversed,
   * 8 to be rotated 90 degrees counter-clockwise (EXIF 2.32, tag 0x0112).
   *
   * @return 1-8
   */
  public int orientation() {
    return orientation;
  }

  /**
   * The width of the image as displayed, after the EXIF orientation.
   *
   * @return pixels
   */
  public int displayWidth() {
    return orientation >= 5 ? height : width;
  }

  /**
   * The height of the image as displayed, after the EXIF orientation.
   *
   * @return pixels
   */
  public int displayHeight() {
    return orientation >= 5 ? width : height;
  }

  /**
   * The pixel count, width times height.
   *
   * @return pixels
   */
  public long pixels() {
    return (long) width * height;
  }

  /**
   * What decoding one frame costs against {@link ImageLoader.Builder#maxPixels(long)}: the pixel count, scaled up
   * when a pixel is wider than 32 bits, {@code width * height * max(1, samplesPerPixel * bitsPerSample / 32)}
   * (rounded up).
   *
   * @return the cost in 32-bit pixels
   */
  public long cost() {
    long bitsPerPixel = (long) samplesPerPixel * bitsPerSample;
    long factor = Math.max(1, (bitsPerPixel + 31) / 32);
    long px = pixels();
    return px > Long.MAX_VALUE / factor ? Long.MAX_VALUE : px * factor;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof ImageHeader)) {
      return false;
    }
    ImageHeader h = (ImageHeader) o;
    return format == h.format && width == h.width && height == h.height && samplesPerPixel == h.samplesPerPixel
        && bitsPerSample == h.bitsPerSample && frames == h.frames && orientation == h.orientation;
  }

  @Override
  public int hashCode() {
    return Objects.hash(format, width, height, samplesPerPixel, bitsPerSample, frames, orientation);
  }

  @Override
  public String toString() {
    return format + " " + width + "x" + height + ", " + samplesPerPixel + " x " + bitsPerSample + " bits"
        + (frames > 1 ? ", " + frames + " frames" : "") + (orientation != 1 ? ", orientation " + orientation : "");
  }
}
