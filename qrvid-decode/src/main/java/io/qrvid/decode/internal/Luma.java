package io.qrvid.decode.internal;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;

/**
 * Converts images to 8-bit luma: {@code (306 R + 601 G + 117 B) / 1024} (ITU-R BT.601 weights), transparent pixels
 * composited on white. Reads the raster's own array for the common layouts (3-byte BGR, 4-byte ABGR, int RGB/ARGB,
 * 8-bit grey), about ten times faster than {@code getRGB} per row; other layouts go through {@code getRGB}.
 */
public final class Luma {
  private Luma() {}

  /** Whether the image carries colour (so the conversion is a real step worth reporting). */
  public static boolean isColour(BufferedImage image) {
    int t = image.getType();
    return t != BufferedImage.TYPE_BYTE_GRAY && t != BufferedImage.TYPE_USHORT_GRAY
        && t != BufferedImage.TYPE_BYTE_BINARY;
  }

  /**
   * The image's luma plane. An 8-bit grey image whose raster is one packed plane (what {@code ImageLoader} returns
   * for a JPEG's luma plane) is read in place: the {@link Gray} shares its array, which the decoders only read, so
   * the caller must not change the image while a scan of it runs; every other layout is converted into a new array.
   */
  public static Gray of(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    Raster raster = image.getRaster();
    boolean whole = raster.getMinX() == 0 && raster.getMinY() == 0 && raster.getParent() == null
        && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0;
    int type = image.getType();
    if (whole && type == BufferedImage.TYPE_BYTE_GRAY && raster.getDataBuffer() instanceof DataBufferByte) {
      DataBufferByte buffer = (DataBufferByte) raster.getDataBuffer();
      byte[] d = buffer.getData();
      if (d.length == w * h && buffer.getOffset() == 0 && packed(raster, w)) {
        // the image's own plane, read in place: no copy (a 12-megapixel photo's is 12 MB)
        return new Gray(d, w, h);
      }
    }
    byte[] luma = new byte[w * h];
    if (whole && type == BufferedImage.TYPE_3BYTE_BGR
        && raster.getDataBuffer() instanceof DataBufferByte && ((DataBufferByte) raster.getDataBuffer()).getNumBanks() == 1) {
      byte[] d = ((DataBufferByte) raster.getDataBuffer()).getData();
      if (d.length >= 3 * w * h) {
        for (int i = 0, j = 0; i < w * h; i++, j += 3) {
          luma[i] = (byte) (((d[j + 2] & 0xff) * 306 + (d[j + 1] & 0xff) * 601 + (d[j] & 0xff) * 117) >> 10);
        }
        return new Gray(luma, w, h);
      }
    }
    if (whole && type == BufferedImage.TYPE_BYTE_GRAY && raster.getDataBuffer() instanceof DataBufferByte) {
      byte[] d = ((DataBufferByte) raster.getDataBuffer()).getData();
      if (d.length >= w * h) {
        System.arraycopy(d, 0, luma, 0, w * h);
        return new Gray(luma, w, h);
      }
    }
    if (type == BufferedImage.TYPE_BYTE_GRAY) {
      // any other grey raster (a sub-image): its samples as they are, row by row; getRGB would brighten mid-tones
      int[] samples = new int[w];
      for (int y = 0; y < h; y++) {
        raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, samples);
        for (int x = 0; x < w; x++) {
          luma[y * w + x] = (byte) samples[x];
        }
      }
      return new Gray(luma, w, h);
    }
    if (whole && (type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_INT_ARGB)
        && raster.getDataBuffer() instanceof DataBufferInt) {
      int[] d = ((DataBufferInt) raster.getDataBuffer()).getData();
      if (d.length >= w * h) {
        boolean alpha = type == BufferedImage.TYPE_INT_ARGB;
        for (int i = 0; i < w * h; i++) {
          luma[i] = (byte) lum(d[i], alpha);
        }
        return new Gray(luma, w, h);
      }
    }
    int[] row = new int[w];
    boolean alpha = image.getColorModel().hasAlpha();
    for (int y = 0; y < h; y++) {
      image.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        luma[y * w + x] = (byte) lum(row[x], alpha);
      }
    }
    return new Gray(luma, w, h);
  }

  /** Whether one sample per pixel lies row after row with no padding ({@code width} bytes a row, band offset 0). */
  private static boolean packed(Raster raster, int width) {
    return raster.getSampleModel() instanceof ComponentSampleModel m && m.getPixelStride() == 1
        && m.getScanlineStride() == width && m.getNumBands() == 1 && m.getBandOffsets()[0] == 0;
  }

  private static int lum(int p, boolean alpha) {
    int v = (((p >> 16) & 0xff) * 306 + ((p >> 8) & 0xff) * 601 + (p & 0xff) * 117) >> 10;
    if (alpha) {
      int a = p >>> 24;
      v = (v * a + 255 * (255 - a)) / 255;
    }
    return v;
  }
}
