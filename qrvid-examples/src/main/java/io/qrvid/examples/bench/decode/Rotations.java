package io.qrvid.examples.bench.decode;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Rotation as ZXing's blackbox harness does it (bicubic, clockwise about the centre, onto the enlarged bounds), and
 * the same mapping for label outlines.
 */
final class Rotations {
  private Rotations() {}

  /** The transform that {@link #rotate} applies to an image of this size. */
  static AffineTransform transform(int width, int height, int degrees) {
    AffineTransform at = new AffineTransform();
    at.rotate(Math.toRadians(degrees), width / 2.0, height / 2.0);
    Rectangle2D r = at.createTransformedShape(new Rectangle(width, height)).getBounds2D();
    AffineTransform t = new AffineTransform();
    t.translate(-r.getX(), -r.getY());
    t.concatenate(at);
    return t;
  }

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
    return new AffineTransformOp(transform(original.getWidth(), original.getHeight(), degrees),
        AffineTransformOp.TYPE_BICUBIC).filter(original,
        new BufferedImage((int) Math.ceil(r.getWidth()), (int) Math.ceil(r.getHeight()), original.getType()));
  }

  /** The outline points mapped like the image. */
  static List<Point2D.Double> rotate(List<Point2D.Double> outline, int width, int height, int degrees) {
    if (degrees % 360 == 0) {
      return outline;
    }
    AffineTransform t = transform(width, height, degrees);
    List<Point2D.Double> out = new ArrayList<>();
    for (Point2D.Double p : outline) {
      Point2D.Double q = new Point2D.Double();
      t.transform(p, q);
      out.add(q);
    }
    return out;
  }
}
