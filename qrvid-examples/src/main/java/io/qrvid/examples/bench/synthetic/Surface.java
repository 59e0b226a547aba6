package io.qrvid.examples.bench.synthetic;

/**
 * A printed surface seen by a pinhole camera: maps plane coordinates (u, v; one unit is one module of the main
 * symbol, v down) to image pixels. The plane is flat or bent around a cylinder, posed by roll, tilt and yaw, and
 * projected with a focal length in pixels and optional radial (barrel/pincushion) lens distortion. Immutable.
 */
final class Surface {
  private final double uc;
  private final double vc;
  private final double cylinderRadius;
  private final boolean cylinderAxisVertical;
  private final double[] rot;
  private final double tx;
  private final double ty;
  private final double tz;
  private final double focal;
  private final double cx;
  private final double cy;
  private final double k1;
  private final double normRadius;

  private Surface(Builder b) {
    uc = b.uc;
    vc = b.vc;
    cylinderRadius = b.cylinderRadius;
    cylinderAxisVertical = b.cylinderAxisVertical;
    rot = rotation(b.roll, b.tilt, b.yaw);
    focal = b.focal;
    cx = b.width / 2.0;
    cy = b.height / 2.0;
    tz = focal / b.modulePixels;
    tx = (b.centreX - cx) * tz / focal;
    ty = (b.centreY - cy) * tz / focal;
    k1 = b.k1;
    normRadius = Math.hypot(cx, cy);
  }

  static Builder builder(int width, int height) {
    return new Builder(width, height);
  }

  /** Maps (u, v) to image (x, y) in {@code out}; returns false when the point is behind the camera. */
  boolean map(double u, double v, double[] out) {
    double du = u - uc;
    double dv = v - vc;
    double x;
    double y;
    double z;
    if (cylinderRadius > 0 && cylinderAxisVertical) {
      double a = du / cylinderRadius;
      x = cylinderRadius * Math.sin(a);
      y = dv;
      z = cylinderRadius * (1 - Math.cos(a));
    } else if (cylinderRadius > 0) {
      double a = dv / cylinderRadius;
      x = du;
      y = cylinderRadius * Math.sin(a);
      z = cylinderRadius * (1 - Math.cos(a));
    } else {
      x = du;
      y = dv;
      z = 0;
    }
    double X = rot[0] * x + rot[1] * y + rot[2] * z + tx;
    double Y = rot[3] * x + rot[4] * y + rot[5] * z + ty;
    double Z = rot[6] * x + rot[7] * y + rot[8] * z + tz;
    if (Z <= tz * 0.05) {
      return false;
    }
    double px = focal * X / Z;
    double py = focal * Y / Z;
    if (k1 != 0) {
      double r2 = (px * px + py * py) / (normRadius * normRadius);
      double f = 1 + k1 * r2;
      px *= f;
      py *= f;
    }
    out[0] = px + cx;
    out[1] = py + cy;
    return true;
  }

  /** Rz(roll) * Rx(tilt) * Ry(yaw), degrees. */
  private static double[] rotation(double roll, double tilt, double yaw) {
    double cr = Math.cos(Math.toRadians(roll));
    double sr = Math.sin(Math.toRadians(roll));
    double ct = Math.cos(Math.toRadians(tilt));
    double st = Math.sin(Math.toRadians(tilt));
    double cyw = Math.cos(Math.toRadians(yaw));
    double syw = Math.sin(Math.toRadians(yaw));
    double[] rz = {cr, -sr, 0, sr, cr, 0, 0, 0, 1};
    double[] rx = {1, 0, 0, 0, ct, -st, 0, st, ct};
    double[] ry = {cyw, 0, syw, 0, 1, 0, -syw, 0, cyw};
    return mul(rz, mul(rx, ry));
  }

  private static double[] mul(double[] a, double[] b) {
    double[] c = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        c[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
      }
    }
    return c;
  }

  /** Configures a surface; the defaults are a flat, frontal plane with its centre at the image centre. */
  static final class Builder {
    private final int width;
    private final int height;
    private double uc;
    private double vc;
    private double cylinderRadius;
    private boolean cylinderAxisVertical = true;
    private double roll;
    private double tilt;
    private double yaw;
    private double focal;
    private double modulePixels = 4;
    private double centreX;
    private double centreY;
    private double k1;

    private Builder(int width, int height) {
      this.width = width;
      this.height = height;
      this.focal = 0.8 * Math.max(width, height);
      this.centreX = width / 2.0;
      this.centreY = height / 2.0;
    }

    /** The plane point that lands at {@link #at}. */
    Builder planeCentre(double u, double v) {
      uc = u;
      vc = v;
      return this;
    }

    /** Where the plane centre lands in the image, and how many pixels one plane unit spans there (unrotated). */
    Builder at(double x, double y, double modulePixels) {
      centreX = x;
      centreY = y;
      this.modulePixels = modulePixels;
      return this;
    }

    /** Degrees: in-plane rotation, tilt about the horizontal axis, yaw about the vertical axis. */
    Builder pose(double roll, double tilt, double yaw) {
      this.roll = roll;
      this.tilt = tilt;
      this.yaw = yaw;
      return this;
    }

    /** Focal length in pixels (default 0.8 x the long side, about a phone camera's 65 degree field of view). */
    Builder focal(double pixels) {
      this.focal = pixels;
      return this;
    }

    /** Bends the plane around a cylinder of this radius (plane units), its axis vertical or horizontal. */
    Builder cylinder(double radius, boolean axisVertical) {
      this.cylinderRadius = radius;
      this.cylinderAxisVertical = axisVertical;
      return this;
    }

    /** Radial lens distortion (negative: barrel). */
    Builder lens(double k1) {
      this.k1 = k1;
      return this;
    }

    Surface build() {
      return new Surface(this);
    }
  }
}
