package io.qrvid.examples.cli;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;

/** Rotation as ZXing's blackbox harness does it (bicubic, about the centre, onto the enlarged bounds). */
final class Rotations {
  private Rotations() {}

  static BufferedImage rotate(BufferedImage original, int degrees) {
    if (degrees % 360 == 0) {
      return original;
    }
    if (original.getType() == BufferedImage.TYPE_BYTE_INDEXED
        || original.getType() == BufferedImage.TYPE_BYTE_BINARY || original.getType() == BufferedImage.TYPE_CUSTOM) {
      BufferedImage argb = new BufferedImage(original.getWidth(), original.getHeight(), BufferedImage.TYPE_INT_ARGB);
      Graphics2D g = argb.createGraphics();
      g.drawImage(original, 0, 0, null);
      g.dispose();
      original = argb;
    }
    AffineTransform at = new AffineTransform();
    at.rotate(Math.toRadians(degrees), original.getWidth() / 2.0, original.getHeight() / 2.0);
    Rectangle2D r = at.createTransformedShape(new Rectangle(original.getWidth(), original.getHeight())).getBounds2D();
    AffineTransform t = new AffineTransform();
    t.translate(-r.getX(), -r.getY());
    t.concatenate(at);
    return new AffineTransformOp(t, AffineTransformOp.TYPE_BICUBIC).filter(original,
        new BufferedImage((int) Math.ceil(r.getWidth()), (int) Math.ceil(r.getHeight()), original.getType()));
  }
}
