package io.qrvid.core;

import io.qrvid.core.internal.GrayImages;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;

/**
 * One encoded standalone QR symbol with its rendering options, ready to be written as PNG or SVG or embedded as a
 * data URI. Created by {@link QrImageWriter#encode}. Immutable and thread-safe.
 */
public final class QrImage {
  private final boolean[] modules;
  private final int n;
  private final int version;
  private final QrImageWriter options;

  QrImage(boolean[] modules, int n, int version, QrImageWriter options) {
    this.modules = modules;
    this.n = n;
    this.version = version;
    this.options = options;
  }

  /** {@return the QR version chosen, 1..40} */
  public int version() {
    return version;
  }

  /** {@return the symbol's side in modules, without the margin} */
  public int modules() {
    return n;
  }

  /**
   * True if the module at column {@code x}, row {@code y} (0-based, margin excluded) is dark.
   *
   * @param x the module column, 0..{@code modules() - 1}
   * @param y the module row, 0..{@code modules() - 1}
   * @return true for a dark module
   * @throws IndexOutOfBoundsException if {@code x} or {@code y} is outside the symbol
   */
  public boolean isDark(int x, int y) {
    if (x < 0 || y < 0 || x >= n || y >= n) {
      throw new IndexOutOfBoundsException("module " + x + "," + y + " outside " + n + "x" + n);
    }
    return modules[y * n + x];
  }

  /** {@return whole pixels per module in the raster image} */
  public int modulePixels() {
    return Math.max(1, options.size() / (n + 2 * options.margin()));
  }

  /** {@return the raster image's side in pixels: the requested size, or more if one pixel per module does not fit} */
  public int pixelSize() {
    return Math.max(options.size(), (n + 2 * options.margin()) * modulePixels());
  }

  /** {@return the symbol as a two-colour indexed image of {@link #pixelSize()} pixels square} */
  public BufferedImage toImage() {
    int side = pixelSize();
    int px = modulePixels();
    int origin = (side - n * px) / 2;
    int fg = options.foreground();
    int bg = options.background();
    IndexColorModel cm = new IndexColorModel(1, 2,
        new byte[] {(byte) (bg >> 16), (byte) (fg >> 16)}, new byte[] {(byte) (bg >> 8), (byte) (fg >> 8)},
        new byte[] {(byte) bg, (byte) fg}, new byte[] {(byte) (bg >>> 24), (byte) (fg >>> 24)});
    BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_BINARY, cm);
    WritableRaster r = img.getRaster();
    int[] dark = new int[px * px];
    java.util.Arrays.fill(dark, 1);
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        if (modules[y * n + x]) {
          r.setPixels(origin + x * px, origin + y * px, px, px, dark);
        }
      }
    }
    return img;
  }

  /** {@return the PNG encoding of {@link #toImage()}} */
  public byte[] toPng() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      GrayImages.writePng(toImage(), out);
    } catch (IOException e) {
      throw new UncheckedIOException("PNG encoding failed", e); // in-memory streams do not fail
    }
    return out.toByteArray();
  }

  /**
   * {@return the SVG document: a {@code viewBox} in modules (margin included), {@code width} and {@code height} of the
   * requested size in pixels, a background rectangle and one path of the dark modules (horizontal runs merged)}
   */
  public String toSvg() {
    int m = options.margin();
    int box = n + 2 * m;
    StringBuilder path = new StringBuilder(n * n);
    for (int y = 0; y < n; y++) {
      int x = 0;
      while (x < n) {
        if (!modules[y * n + x]) {
          x++;
          continue;
        }
        int start = x;
        while (x < n && modules[y * n + x]) {
          x++;
        }
        path.append('M').append(start + m).append(' ').append(y + m).append('h').append(x - start)
            .append("v1h-").append(x - start).append('z');
      }
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + options.size() + "\" height=\""
        + options.size() + "\" viewBox=\"0 0 " + box + " " + box + "\" shape-rendering=\"crispEdges\">\n"
        + "<rect width=\"" + box + "\" height=\"" + box + "\"" + fill(options.background()) + "/>\n"
        + "<path d=\"" + path + "\"" + fill(options.foreground()) + "/>\n"
        + "</svg>\n";
  }

  private static String fill(int argb) {
    String s = String.format(Locale.ROOT, " fill=\"#%06x\"", argb & 0xFFFFFF);
    int a = argb >>> 24;
    return a == 255 ? s : s + String.format(Locale.ROOT, " fill-opacity=\"%.3f\"", a / 255.0);
  }

  /**
   * The image in {@code format}, as bytes (SVG in UTF-8).
   *
   * @param format PNG or SVG
   * @return the encoded image
   */
  public byte[] toBytes(ImageFormat format) {
    return format == ImageFormat.PNG ? toPng() : toSvg().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A base64 {@code data:} URI of the image in {@code format}, for HTML {@code img} tags or JSON.
   *
   * @param format PNG or SVG
   * @return the URI, {@code data:<media type>;base64,<bytes>}
   */
  public String toDataUri(ImageFormat format) {
    return "data:" + format.mediaType() + ";base64," + Base64.getEncoder().encodeToString(toBytes(format));
  }

  /**
   * Writes the image in {@code format} to {@code file} through a temporary file moved into place, so the file is
   * never seen partly written.
   *
   * @param file the file to create or replace
   * @param format PNG or SVG
   * @throws IOException if the file cannot be written
   */
  public void write(Path file, ImageFormat format) throws IOException {
    GrayImages.writeAtomically(file, toBytes(format));
  }

  /**
   * Writes a PNG file; see {@link #write(Path, ImageFormat)}.
   *
   * @param file the file to create or replace
   * @throws IOException if it cannot be written
   */
  public void writePng(Path file) throws IOException {
    write(file, ImageFormat.PNG);
  }

  /**
   * Writes an SVG file; see {@link #write(Path, ImageFormat)}.
   *
   * @param file the file to create or replace
   * @throws IOException if it cannot be written
   */
  public void writeSvg(Path file) throws IOException {
    write(file, ImageFormat.SVG);
  }
}
