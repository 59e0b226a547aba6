package io.qrvid.decode;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;

/** Test fixtures: generated symbols, rotation as ZXing's blackbox harness does it, shared data location. */
final class TestImages {
  private TestImages() {}

  /** A black-on-white QR symbol, {@code modulePx} pixels per module, 4-module quiet zone. */
  static BufferedImage qr(String text, ErrorCorrectionLevel ec, int modulePx) {
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    hints.put(EncodeHintType.ERROR_CORRECTION, ec);
    hints.put(EncodeHintType.CHARACTER_SET, "UTF-8");
    hints.put(EncodeHintType.MARGIN, 4);
    try {
      BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
      BufferedImage img = new BufferedImage(m.getWidth() * modulePx, m.getHeight() * modulePx,
          BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < img.getHeight(); y++) {
        for (int x = 0; x < img.getWidth(); x++) {
          img.setRGB(x, y, m.get(x / modulePx, y / modulePx) ? 0x000000 : 0xffffff);
        }
      }
      return img;
    } catch (WriterException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static BufferedImage invert(BufferedImage img) {
    BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        out.setRGB(x, y, ~img.getRGB(x, y) & 0xffffff);
      }
    }
    return out;
  }

  static byte[] png(BufferedImage img) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Rotates like ZXing's AbstractBlackBoxTestCase: bicubic, about the centre, onto the enlarged bounds. */
  static BufferedImage rotate(BufferedImage original, float degrees) {
    if (degrees == 0.0f) {
      return original;
    }
    if (original.getType() == BufferedImage.TYPE_BYTE_INDEXED
        || original.getType() == BufferedImage.TYPE_BYTE_BINARY) {
      BufferedImage argb = new BufferedImage(original.getWidth(), original.getHeight(),
          BufferedImage.TYPE_INT_ARGB);
      Graphics2D g = argb.createGraphics();
      g.drawImage(original, 0, 0, null);
      g.dispose();
      original = argb;
    }
    AffineTransform at = new AffineTransform();
    at.rotate(Math.toRadians(degrees), original.getWidth() / 2.0, original.getHeight() / 2.0);
    Rectangle2D r = at.createTransformedShape(new Rectangle(original.getWidth(), original.getHeight()))
        .getBounds2D();
    AffineTransform t = new AffineTransform();
    t.translate(-r.getX(), -r.getY());
    t.concatenate(at);
    int type = original.getType() == BufferedImage.TYPE_CUSTOM ? BufferedImage.TYPE_INT_ARGB : original.getType();
    return new AffineTransformOp(t, AffineTransformOp.TYPE_BICUBIC).filter(original,
        new BufferedImage((int) Math.ceil(r.getWidth()), (int) Math.ceil(r.getHeight()), type));
  }

  /** The shared data folder from the {@code qrvid.shared.dir} system property, when present. */
  static Optional<Path> blackbox() {
    String dir = System.getProperty("qrvid.shared.dir");
    if (dir == null) {
      return Optional.empty();
    }
    Path p = Paths.get(dir, "data", "zxing-blackbox");
    return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
  }
}
