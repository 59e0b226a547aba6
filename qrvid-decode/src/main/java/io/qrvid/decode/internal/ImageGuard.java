package io.qrvid.decode.internal;

import io.qrvid.decode.QrImageException;
import io.qrvid.decode.QrImageException.Reason;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageReader;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Reads encoded image bytes with ImageIO after checking the declared dimensions in the header, so that a small
 * file declaring a huge image (a decompression bomb) is rejected before any pixel buffer is allocated.
 */
public final class ImageGuard {
  private ImageGuard() {}

  public static BufferedImage read(byte[] bytes, long maxPixels, int maxSide) {
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new QrImageException(Reason.UNREADABLE, "not a supported image format", -1, -1, null);
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        if (w <= 0 || h <= 0) {
          throw new QrImageException(Reason.UNREADABLE, "image declares no pixels: " + w + "x" + h, w, h, null);
        }
        if (w > maxSide || h > maxSide || (long) w * h > maxPixels) {
          throw new QrImageException(Reason.TOO_LARGE,
              "image " + w + "x" + h + " exceeds the limits (" + maxSide + " px per side, " + maxPixels + " pixels)",
              w, h, null);
        }
        BufferedImage img = reader.read(0);
        if (img == null) {
          throw new QrImageException(Reason.UNREADABLE, "no image decoded", w, h, null);
        }
        return img;
      } finally {
        reader.dispose();
      }
    } catch (QrImageException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new QrImageException(Reason.UNREADABLE, "unreadable image: " + e, -1, -1, e);
    }
  }
}
