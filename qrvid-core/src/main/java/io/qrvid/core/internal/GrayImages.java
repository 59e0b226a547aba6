package io.qrvid.core.internal;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;
import javax.imageio.ImageIO;

/** 8-bit grey images, PNG encoding and atomic file writes. Stateless; thread-safe. */
public final class GrayImages {
  private GrayImages() {}

  /** A {@code TYPE_BYTE_GRAY} image holding a copy of {@code luma} (row-major, no padding). */
  public static BufferedImage toImage(byte[] luma, int width, int height) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    System.arraycopy(luma, 0, dst, 0, width * height);
    return img;
  }

  /** The PNG encoding of a grey plane. */
  public static byte[] png(byte[] luma, int width, int height) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(width * height / 8 + 256);
    writePng(toImage(luma, width, height), out);
    return out.toByteArray();
  }

  /** Writes {@code img} as PNG to {@code out}, which is not closed. */
  public static void writePng(BufferedImage img, OutputStream out) throws IOException {
    if (!ImageIO.write(img, "png", out)) {
      throw new IOException("no PNG writer available");
    }
  }

  /**
   * Writes {@code bytes} to a temporary file beside {@code target} and moves it into place atomically where the file
   * system allows, so that a reader never sees a partly written file under the final name.
   */
  public static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
        + ".tmp");
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
