package io.qrvid.decode.internal;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;

/**
 * Applies an EXIF orientation (EXIF 2.32, tag 0x0112, values 1-8) to a decoded image so that it reads as displayed.
 * Works on any raster layout (interleaved, banded, packed, indexed) through {@code getDataElements}, one stored row
 * at a time; the result has the source's colour model.
 */
public final class Orientation {
  private Orientation() {}

  /**
   * The image as displayed.
   *
   * @param src the decoded image as stored
   * @param orientation 1-8; 1 returns {@code src} itself
   * @return a new image (width and height swapped for 5-8), or {@code src} for 1
   * @throws IllegalArgumentException if {@code orientation} is not in 1..8
   */
  public static BufferedImage apply(BufferedImage src, int orientation) {
    if (orientation < 1 || orientation > 8) {
      throw new IllegalArgumentException("orientation not in 1..8: " + orientation);
    }
    if (orientation == 1) {
      return src;
    }
    int w = src.getWidth();
    int h = src.getHeight();
    boolean swap = orientation >= 5;
    WritableRaster in = src.getRaster();
    WritableRaster out = in.createCompatibleWritableRaster(swap ? h : w, swap ? w : h);
    int elements = in.getNumDataElements();
    Object row = null;
    for (int y = 0; y < h; y++) {
      row = in.getDataElements(0, y, w, 1, row);
      // Stored pixel (x, y) goes to display pixel (x', y'):
      switch (orientation) {
        case 2: // mirrored left-right: (w-1-x, y)
          reverse(row, w, elements);
          out.setDataElements(0, y, w, 1, row);
          break;
        case 3: // rotated 180: (w-1-x, h-1-y)
          reverse(row, w, elements);
          out.setDataElements(0, h - 1 - y, w, 1, row);
          break;
        case 4: // mirrored top-bottom: (x, h-1-y)
          out.setDataElements(0, h - 1 - y, w, 1, row);
          break;
        case 5: // transposed: (y, x)
          out.setDataElements(y, 0, 1, w, row);
          break;
        case 6: // rotate 90 clockwise for display: (h-1-y, x)
          out.setDataElements(h - 1 - y, 0, 1, w, row);
          break;
        case 7: // transversed: (h-1-y, w-1-x)
          reverse(row, w, elements);
          out.setDataElements(h - 1 - y, 0, 1, w, row);
          break;
        default: // 8, rotate 90 counter-clockwise for display: (y, w-1-x)
          reverse(row, w, elements);
          out.setDataElements(y, 0, 1, w, row);
          break;
      }
    }
    return new BufferedImage(src.getColorModel(), out, src.isAlphaPremultiplied(), null);
  }

  /** Reverses the order of {@code n} pixels of {@code k} elements each in a primitive array. */
  private static void reverse(Object a, int n, int k) {
    if (a instanceof byte[]) {
      byte[] b = (byte[]) a;
      for (int i = 0, j = n - 1; i < j; i++, j--) {
        for (int c = 0; c < k; c++) {
          byte t = b[i * k + c];
          b[i * k + c] = b[j * k + c];
          b[j * k + c] = t;
        }
      }
    } else if (a instanceof short[]) {
      short[] b = (short[]) a;
      for (int i = 0, j = n - 1; i < j; i++, j--) {
        for (int c = 0; c < k; c++) {
          short t = b[i * k + c];
          b[i * k + c] = b[j * k + c];
          b[j * k + c] = t;
        }
      }
    } else if (a instanceof int[]) {
      int[] b = (int[]) a;
      for (int i = 0, j = n - 1; i < j; i++, j--) {
        for (int c = 0; c < k; c++) {
          int t = b[i * k + c];
          b[i * k + c] = b[j * k + c];
          b[j * k + c] = t;
        }
      }
    } else if (a instanceof float[]) {
      float[] b = (float[]) a;
      for (int i = 0, j = n - 1; i < j; i++, j--) {
        for (int c = 0; c < k; c++) {
          float t = b[i * k + c];
          b[i * k + c] = b[j * k + c];
          b[j * k + c] = t;
        }
      }
    } else if (a instanceof double[]) {
      double[] b = (double[]) a;
      for (int i = 0, j = n - 1; i < j; i++, j--) {
        for (int c = 0; c < k; c++) {
          double t = b[i * k + c];
          b[i * k + c] = b[j * k + c];
          b[j * k + c] = t;
        }
      }
    } else {
      throw new IllegalArgumentException("unsupported transfer type: " + a.getClass());
    }
  }
}
