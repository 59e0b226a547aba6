package io.qrvid.decode;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import io.qrvid.decode.QrImageException.Reason;
import io.qrvid.decode.internal.ImageProbe;
import io.qrvid.decode.internal.Orientation;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads encoded images (PNG, JPEG, GIF, BMP, WebP, TIFF; see {@link ImageFormat}) from untrusted bytes or files into
 * a {@link BufferedImage} as displayed. The one image loader of qrvid: {@link QrDecodeChain#scan(byte[])},
 * {@link QrDecodeServer} and {@code qrvid scan} all read through it.
 *
 * <p><b>The image size limit.</b> Before any reader plugin sees the data, qrvid's own header probe reads every
 * dimension the image declares (width, height, samples per pixel, bits per sample, frame count; for TIFF also the
 * tile size and the strip and tile byte counts), checks each count and offset against the real length of the data,
 * and rejects the image with {@link QrImageException.Reason#TOO_LARGE} when decoding it would need more than
 * {@link Builder#maxPixels(long) maxPixels} pixels of up to 32 bits: the cost is
 * {@code width * height * max(1, samplesPerPixel * bitsPerSample / 32)} ({@link ImageHeader#cost()}), so an 8-bit
 * RGBA image may have {@code maxPixels} pixels, a 16-bit RGBA image half as many, and a TIFF declaring 1000 samples
 * of 32 bits a thousandth. Only the first frame of a multi-frame file is ever decoded (the first page of a TIFF,
 * frame 0 of an animated GIF or WebP, the default image of an APNG), so the frame count does not multiply the cost;
 * for those formats width and height are the larger of the canvas and the first frame. A progressive JPEG may have at
 * most 500 scans (a crafted progressive JPEG with thousands of
 * scans is a known CPU exhaustion; libjpeg-turbo's {@code TJPARAM_SCANLIMIT} exists for it). The reader's own view of width and height is checked again before
 * {@code read}. There is no separate limit per side. Data that ends before the image does is
 * {@link QrImageException.Reason#UNREADABLE}, also where a reader would only warn and fill the rest with grey
 * (libjpeg's "premature end of data segment").
 *
 * <p><b>Orientation.</b> A JPEG's EXIF orientation (tag 0x0112) is applied, so the returned image, and every
 * coordinate computed on it (such as {@link QrScanResult#corners()}), is in the image as displayed.
 *
 * <p><b>The luma plane only.</b> With {@link Builder#lumaPlane(boolean) lumaPlane(true)} a JPEG stored as YCbCr or
 * grey (the JFIF colour spaces, nearly every camera photo) is decoded to its luma plane alone, Y' of ITU-R BT.601 as
 * JFIF defines it, returned as a {@link BufferedImage#TYPE_BYTE_GRAY} image: libjpeg then skips the chroma planes'
 * inverse DCT, upsampling and colour conversion, and no 3-byte raster is filled. That is what a QR decoder needs, and
 * the loading is about 3x faster on a 12-megapixel photo (a 4032x3024 JPEG: 55-85 ms against 200-330 ms for the colour
 * image and its luma conversion, measured side by side on this project's 2-core machine). The values are Y' itself,
 * not the luma of the colour-converted, clipped RGB image that {@code load} gives otherwise: a mean of 0.6 grey levels
 * apart on the synthetic development set's photos, at most 3-11 where saturated colours clip. The samples are Y' as
 * stored: read them from the raster ({@code getRaster().getSample}, or the {@code DataBufferByte}), not with {@code
 * getRGB}, which treats {@code TYPE_BYTE_GRAY} as linear grey and brightens mid-tones (128 becomes 188). CMYK and YCCK
 * JPEGs and every other format are decoded as usual. {@link QrDecodeChain}'s own loading and {@code qrvid scan} use
 * it.
 *
 * <p><b>Decoders.</b> PNG (1-16 bits, grey, grey + alpha, RGB, RGBA, palette), GIF, BMP and TIFF through the JDK's
 * ImageIO plugins; JPEG (including CMYK and YCCK, Adobe APP14) and WebP (lossy, lossless, extended) through
 * TwelveMonkeys ImageIO, found on the class path by ImageIO's plugin registry. Metadata other than the EXIF
 * orientation is ignored.
 *
 * <pre>{@code
 * ImageLoader loader = ImageLoader.builder().maxPixels(20_000_000).build();
 * BufferedImage photo = loader.load(Path.of("photo.jpg"));   // rotated as the EXIF orientation says
 * QrScanResult r = QrDecodeChain.defaults().scan(photo);
 * }</pre>
 *
 * <p>Immutable and thread-safe; each call uses its own stream and reader and closes them before it returns.
 */
public final class ImageLoader {
  /** The default {@link Builder#maxPixels(long)}: 50,000,000 (a 48-megapixel phone photo fits). */
  public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

  private static final ImageLoader DEFAULTS = builder().build();

  private final long maxPixels;
  private final boolean lumaPlane;

  private ImageLoader(Builder b) {
    this.maxPixels = b.maxPixels;
    this.lumaPlane = b.lumaPlane;
  }

  /**
   * A builder with the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The loader with default settings ({@link #DEFAULT_MAX_PIXELS}).
   *
   * @return the shared default loader
   */
  public static ImageLoader defaults() {
    return DEFAULTS;
  }

  /**
   * A builder initialised with this loader's settings.
   *
   * @return a new builder
   */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /**
   * The image size limit (see the class description).
   *
   * @return the largest cost accepted, in 32-bit pixels
   */
  public long maxPixels() {
    return maxPixels;
  }

  /**
   * Whether JPEGs stored as YCbCr or grey are decoded to their luma plane only (see the class description).
   *
   * @return true if so; false by default
   */
  public boolean lumaPlane() {
    return lumaPlane;
  }

  /**
   * Reads the header only: no pixel is decoded and the size limit is not applied.
   *
   * @param encoded the encoded image
   * @return what the image declares
   * @throws NullPointerException if {@code encoded} is null
   * @throws QrImageException if the format is not supported or the header is truncated or inconsistent
   */
  public ImageHeader probe(byte[] encoded) {
    Objects.requireNonNull(encoded, "encoded == null");
    try (ImageInputStream in = new ByteArrayImageInputStream(encoded)) {
      return ImageProbe.probe(in);
    } catch (IOException e) {
      throw new QrImageException(Reason.UNREADABLE, "unreadable image header: " + e.getMessage(), -1, -1, e);
    }
  }

  /**
   * Reads the header of a file only: no pixel is decoded and the size limit is not applied.
   *
   * @param file the image file
   * @return what the image declares
   * @throws NullPointerException if {@code file} is null
   * @throws java.nio.file.NoSuchFileException if the file does not exist
   * @throws IOException if the file cannot be opened or read (a directory, no permission, a read error)
   * @throws QrImageException if the format is not supported or the header is truncated or inconsistent
   */
  public ImageHeader probe(Path file) throws IOException {
    try (ImageInputStream in = open(file)) {
      return ImageProbe.probe(in);
    }
  }

  /**
   * Reads the header and applies the size limit, without decoding any pixel: what {@link #load(byte[])} checks
   * first. A service can answer a rejected image at once instead of queueing it for decoding.
   *
   * @param encoded the encoded image
   * @return what the image declares, within the limit
   * @throws NullPointerException if {@code encoded} is null
   * @throws QrImageException UNSUPPORTED_FORMAT, UNREADABLE (a truncated or inconsistent header) or TOO_LARGE
   */
  public ImageHeader check(byte[] encoded) {
    ImageHeader header = probe(encoded);
    check(header, header.width(), header.height());
    return header;
  }

  /**
   * Decodes an image after checking its header against the limit, and applies its EXIF orientation.
   *
   * @param encoded the encoded image; not modified
   * @return the image as displayed
   * @throws NullPointerException if {@code encoded} is null
   * @throws QrImageException UNSUPPORTED_FORMAT, UNREADABLE (truncated, corrupt, inconsistent) or TOO_LARGE (see
   *     the class description)
   */
  public BufferedImage load(byte[] encoded) {
    Objects.requireNonNull(encoded, "encoded == null");
    try (ImageInputStream in = new ByteArrayImageInputStream(encoded)) {
      return read(in);
    } catch (IOException e) {
      throw new QrImageException(Reason.UNREADABLE, "unreadable image: " + e.getMessage(), -1, -1, e);
    }
  }

  /**
   * Decodes an image file after checking its header against the limit, and applies its EXIF orientation. The file
   * is read through a buffered stream, never whole into memory first (except from a non-default file system, such as a zip file system).
   *
   * @param file the image file
   * @return the image as displayed
   * @throws NullPointerException if {@code file} is null
   * @throws java.nio.file.NoSuchFileException if the file does not exist
   * @throws IOException if the file cannot be opened (a directory, no permission)
   * @throws QrImageException UNSUPPORTED_FORMAT, UNREADABLE (truncated, corrupt, inconsistent, or a read error
   *     inside the data) or TOO_LARGE (see the class description)
   */
  public BufferedImage load(Path file) throws IOException {
    try (ImageInputStream in = open(file)) {
      try {
        return read(in);
      } catch (IOException e) {
        throw new QrImageException(Reason.UNREADABLE, "unreadable image " + file + ": " + e.getMessage(), -1, -1, e);
      }
    }
  }

  private static ImageInputStream open(Path file) throws IOException {
    Objects.requireNonNull(file, "file == null");
    if (Files.isDirectory(file)) {
      throw new IOException(file + " is a directory, not an image file");
    }
    // Opening a channel first gives the precise NIO exception (NoSuchFileException, AccessDeniedException).
    Files.newByteChannel(file).close();
    if (file.getFileSystem() == FileSystems.getDefault()) {
      // TwelveMonkeys registers a buffered file stream with ImageIO; the JDK's own is the fallback.
      ImageInputStream in = ImageIO.createImageInputStream(file.toFile());
      if (in != null) {
        return in;
      }
    }
    return new ByteArrayImageInputStream(Files.readAllBytes(file));
  }

  private BufferedImage read(ImageInputStream in) throws IOException {
    ImageHeader header = ImageProbe.probe(in);
    check(header, header.width(), header.height());
    ImageReader reader = reader(header.format());
    try {
      in.seek(0);
      reader.setInput(in, true, true);
      int w = reader.getWidth(0);
      int h = reader.getHeight(0);
      if (w < 1 || h < 1) {
        throw new QrImageException(Reason.UNREADABLE, "image declares " + w + "x" + h + " pixels", w, h, null);
      }
      check(header, w, h);
      List<String> truncation = new ArrayList<>();
      reader.addIIOReadWarningListener((source, warning) -> {
        if (warning != null && warning.toLowerCase(Locale.ROOT).contains("premature end")) {
          truncation.add(warning);
        }
      });
      ImageReadParam param = reader.getDefaultReadParam();
      if (lumaPlane && header.format() == ImageFormat.JPEG && header.samplesPerPixel() <= 3) {
        ImageTypeSpecifier grey = greyType(reader);
        if (grey != null) {
          param.setDestinationType(grey);
        }
      }
      BufferedImage image = reader.read(0, param);
      if (image == null) {
        throw new QrImageException(Reason.UNREADABLE, "no image decoded", w, h, null);
      }
      if (!truncation.isEmpty()) {
        // libjpeg fills the rest of a truncated image with grey and only warns: report it instead.
        throw new QrImageException(Reason.UNREADABLE, "truncated " + header.format() + " data ("
            + truncation.get(0) + ")", w, h, null);
      }
      return Orientation.apply(image, header.orientation());
    } catch (QrImageException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new QrImageException(Reason.UNREADABLE, "unreadable " + header.format() + " image: " + e.getMessage(),
          header.width(), header.height(), e);
    } finally {
      reader.dispose();
    }
  }

  /**
   * The 8-bit grey destination type among those the reader offers for the first image, or null: the JDK's JPEG
   * reader (to which TwelveMonkeys' delegates for YCbCr and grey JPEGs) offers it for both and then has libjpeg
   * output the luma plane alone; a JPEG stored as RGB (Adobe transform 0) offers none. Never asked for CMYK or
   * YCCK JPEGs: TwelveMonkeys offers a grey type for them whose conversion is wrong (the fixtures' light background
   * came out at grey level 33).
   */
  private static @Nullable ImageTypeSpecifier greyType(ImageReader reader) throws IOException {
    for (Iterator<ImageTypeSpecifier> it = reader.getImageTypes(0); it.hasNext(); ) {
      ImageTypeSpecifier t = it.next();
      if (t.getBufferedImageType() == BufferedImage.TYPE_BYTE_GRAY) {
        return t;
      }
    }
    return null;
  }

  /** Throws TOO_LARGE when {@code w x h} with the header's samples and bits costs more than the limit. */
  private void check(ImageHeader header, int w, int h) {
    ImageHeader sized = w == header.width() && h == header.height() ? header
        : new ImageHeader(header.format(), Math.max(w, header.width()), Math.max(h, header.height()),
            header.samplesPerPixel(), header.bitsPerSample(), header.frames(), header.orientation());
    if (sized.cost() > maxPixels) {
      String shape = sized.samplesPerPixel() + " x " + sized.bitsPerSample() + " bits per pixel";
      throw new QrImageException(Reason.TOO_LARGE, header.format() + " image of " + sized.width() + "x"
          + sized.height() + " pixels (" + shape + ") exceeds the limit of " + maxPixels + " pixels",
          sized.width(), sized.height(), null);
    }
  }

  private static ImageReader reader(ImageFormat format) {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.name().toLowerCase(Locale.ROOT));
    if (!readers.hasNext()) {
      throw new QrImageException(Reason.UNSUPPORTED_FORMAT, "no ImageIO reader for " + format
          + " on the class path", -1, -1, null);
    }
    return readers.next();
  }

  /** Configures an {@link ImageLoader}. Mutable and not thread-safe; {@link #build()} may be called repeatedly. */
  public static final class Builder {
    private long maxPixels = DEFAULT_MAX_PIXELS;
    private boolean lumaPlane;

    private Builder() {}

    private Builder(ImageLoader l) {
      this.maxPixels = l.maxPixels;
      this.lumaPlane = l.lumaPlane;
    }

    /**
     * Whether JPEGs stored as YCbCr or grey are decoded to their luma plane only, as an 8-bit grey image (default
     * false: the colour image as displayed). For a decoder, which reads luma anyway, about 3x faster loading of
     * camera photos; see the class description for what differs.
     *
     * @param lumaPlane true to decode the luma plane only
     * @return this builder
     */
    public Builder lumaPlane(boolean lumaPlane) {
      this.lumaPlane = lumaPlane;
      return this;
    }

    /**
     * The image size limit: the largest image, in pixels of up to 32 bits, that may be decoded (default
     * {@link ImageLoader#DEFAULT_MAX_PIXELS}); see the class description for how samples, bit depth and frames
     * count.
     *
     * @param pixels the limit
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxPixels(long pixels) {
      if (pixels <= 0) {
        throw new IllegalArgumentException("maxPixels not positive: " + pixels);
      }
      this.maxPixels = pixels;
      return this;
    }

    /**
     * Builds an immutable loader.
     *
     * @return the loader
     */
    public ImageLoader build() {
      return new ImageLoader(this);
    }
  }
}
