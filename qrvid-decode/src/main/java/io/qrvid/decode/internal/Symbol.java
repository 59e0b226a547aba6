package io.qrvid.decode.internal;

import java.awt.geom.AffineTransform;
import org.jspecify.annotations.Nullable;

/** One decoded symbol as a decoder adapter reports it, with corners already mapped to original coordinates. */
public final class Symbol {
  public final String text;
  public final byte[] raw;
  public final String decoder;
  /** x0, y0, x1, y1, ... in original image coordinates. */
  public final double[] points;
  /** 1..40, or 0 when unknown. */
  public final int version;
  public final @Nullable String ecLevel;

  public Symbol(String text, byte[] raw, String decoder, double[] pointsInImage, AffineTransform toOriginal,
      int version, @Nullable String ecLevel) {
    this.text = text;
    this.raw = raw;
    this.decoder = decoder;
    double[] mapped = new double[pointsInImage.length];
    toOriginal.transform(pointsInImage, 0, mapped, 0, pointsInImage.length / 2);
    this.points = mapped;
    this.version = version;
    this.ecLevel = ecLevel;
  }

  public double centreX() {
    double s = 0;
    for (int i = 0; i < points.length; i += 2) {
      s += points[i];
    }
    return points.length == 0 ? 0 : s / (points.length / 2);
  }

  public double centreY() {
    double s = 0;
    for (int i = 1; i < points.length; i += 2) {
      s += points[i];
    }
    return points.length == 0 ? 0 : s / (points.length / 2);
  }
}
