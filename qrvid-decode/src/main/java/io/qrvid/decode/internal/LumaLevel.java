package io.qrvid.decode.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One level of a scan's image pyramid: an 8-bit luma plane at {@code 1 / scale} of the full resolution (area
 * averaged), with its integral image made on first use.
 *
 * <p>The integral image is an {@code int} array of {@code (width + 1) * (height + 1)} entries that is allowed to
 * wrap around: a window sum is a difference of four entries, which is exact in two's complement as long as the
 * window's true sum is below 2^31, that is for windows under 8.4 million pixels. This halves its memory against
 * {@code long} entries (48 MB for a 12-megapixel photo instead of 96).
 *
 * <p>The integral image is made under the lock of {@link #derived}, so a level may be scanned from several threads. A
 * level's {@linkplain #rescaled rescaled} copies share it. A finder scan with the small window of a level that has none
 * yet makes do without it ({@link FinderDetector}, issue 9, sixteenth pass).
 */
final class LumaLevel {
  final byte[] px;
  final int width;
  final int height;
  /** How many full-resolution pixels one pixel of this level spans along each axis (1, 2, 4, ...). */
  final int scale;
  /** What is derived from {@link #px} alone, shared by every {@link #rescaled} copy of this level. */
  final Derived derived;

  LumaLevel(byte[] px, int width, int height, int scale) {
    this(px, width, height, scale, new Derived());
  }

  private LumaLevel(byte[] px, int width, int height, int scale, Derived derived) {
    this.px = px;
    this.width = width;
    this.height = height;
    this.scale = scale;
    this.derived = derived;
  }

  /**
   * The same pixels at another {@link #scale} (a {@linkplain ScanImage#reduced reduced view}'s levels are the
   * photo's at a finer scale): the integral image and the finder scans made on either are shared ({@link
   * Derived}).
   */
  LumaLevel rescaled(int newScale) {
    return new LumaLevel(px, width, height, newScale, derived);
  }

  /**
   * What is derived from a level's pixels alone and shared by its {@linkplain #rescaled rescaled} copies: the integral
   * image, and the candidates of each finder scan that ran to its end ({@link FinderDetector#scan(LumaLevel, int,
   * int, Deadline, boolean)}), kept as found at {@link #scanScale} (issue 9, thirteenth pass: a reduced 12-megapixel
   * photo's view searched the pyramid levels the photo had searched again). Guarded by itself.
   */
  static final class Derived {
    private int[] integral;
    /** Per scan key ({@code [rowStep, radius, edgeToEdge ? 1 : 0]}), its candidates; never handed out. */
    final Map<List<Integer>, List<FinderCandidate>> scans = new HashMap<>();
    /** The {@link LumaLevel#scale} the {@link #scans} were found at (0 before the first). */
    int scanScale;
  }

  int get(int x, int y) {
    return px[y * width + x] & 0xff;
  }

  /** Bilinear interpolation at pixel-centre coordinates ({@code (0.5, 0.5)} is the centre of pixel (0, 0)). */
  double bilinear(double x, double y) {
    double fx = x - 0.5;
    double fy = y - 0.5;
    if (fx < 0) {
      fx = 0;
    } else if (fx > width - 1) {
      fx = width - 1;
    }
    if (fy < 0) {
      fy = 0;
    } else if (fy > height - 1) {
      fy = height - 1;
    }
    int x0 = (int) fx;
    int y0 = (int) fy;
    int x1 = Math.min(x0 + 1, width - 1);
    int y1 = Math.min(y0 + 1, height - 1);
    double ax = fx - x0;
    double ay = fy - y0;
    int r0 = y0 * width;
    int r1 = y1 * width;
    double top = (px[r0 + x0] & 0xff) * (1 - ax) + (px[r0 + x1] & 0xff) * ax;
    double bottom = (px[r1 + x0] & 0xff) * (1 - ax) + (px[r1 + x1] & 0xff) * ax;
    return top * (1 - ay) + bottom * ay;
  }

  /**
   * The integral image ({@code (width + 1) * (height + 1)} entries, row-major, see the class description), made on
   * first call and shared by every {@linkplain #rescaled rescaled} copy of this level. Thread-safe (guarded by {@link
   * #derived}).
   */
  int[] integral() {
    synchronized (derived) {
      return makeIntegral();
    }
  }

  /** The integral image if {@link #integral()} made it already, else null: nothing is made. Thread-safe. */
  int[] integralIfMade() {
    synchronized (derived) {
      return derived.integral;
    }
  }

  private int[] makeIntegral() {
    int[] s = derived.integral;
    if (s == null) {
      int w1 = width + 1;
      s = new int[w1 * (height + 1)];
      for (int y = 0; y < height; y++) {
        int rowSum = 0;
        int in = y * width;
        int out = (y + 1) * w1 + 1;
        int above = y * w1 + 1;
        for (int x = 0; x < width; x++) {
          rowSum += px[in + x] & 0xff;
          s[out + x] = s[above + x] + rowSum;
        }
      }
      derived.integral = s;
    }
    return s;
  }

  /** Sum of the pixels in {@code [x0, x1) x [y0, y1)} (clamped to the image). */
  int sum(int x0, int y0, int x1, int y1) {
    int[] s = integral();
    x0 = Math.max(0, x0);
    y0 = Math.max(0, y0);
    x1 = Math.min(width, x1);
    y1 = Math.min(height, y1);
    int w1 = width + 1;
    return s[y1 * w1 + x1] - s[y0 * w1 + x1] - s[y1 * w1 + x0] + s[y0 * w1 + x0];
  }

  /** Mean grey level of the window of radius {@code r} around {@code (x, y)}, clamped to the image. */
  int mean(int x, int y, int r) {
    int x0 = Math.max(0, x - r);
    int y0 = Math.max(0, y - r);
    int x1 = Math.min(width, x + r + 1);
    int y1 = Math.min(height, y + r + 1);
    return sum(x0, y0, x1, y1) / ((x1 - x0) * (y1 - y0));
  }

  /**
   * This level smoothed by a 3x3 box (each pixel the rounded mean of its 3x3 neighbourhood, clamped at the
   * borders), at the same scale: see {@link ScanImage#secondLookFinders}.
   *
   * <p>The optimised form of {@code LumaLevelTest.box3Reference}: the interior, where every window holds 9 pixels, is
   * summed from three running column sums of the pixels themselves and divided by the constant 9 (which the JIT turns
   * into a multiply), instead of four integral-image reads and an integer division by a variable area per pixel; the
   * border pixels sum their clipped windows directly. The same bytes ({@code LumaLevelTest} compares the two on
   * random images, 1 to 101 pixels wide); it needs no integral image of this level.
   */
  LumaLevel box3() {
    byte[] out = new byte[width * height];
    for (int y = 1; y < height - 1 && width >= 3; y++) {
      int r0 = (y - 1) * width;
      int r1 = r0 + width;
      int r2 = r1 + width;
      // column sums of the three rows at x - 1 and x
      int left = (px[r0] & 0xff) + (px[r1] & 0xff) + (px[r2] & 0xff);
      int mid = (px[r0 + 1] & 0xff) + (px[r1 + 1] & 0xff) + (px[r2 + 1] & 0xff);
      for (int x = 1; x < width - 1; x++) {
        int right = (px[r0 + x + 1] & 0xff) + (px[r1 + x + 1] & 0xff) + (px[r2 + x + 1] & 0xff);
        out[r1 + x] = (byte) ((left + mid + right + 4) / 9);
        left = mid;
        mid = right;
      }
    }
    // the border: windows clipped to the image, summed directly
    for (int y = 0; y < height; y++) {
      boolean edgeRow = y == 0 || y == height - 1;
      for (int x = 0; x < width; x += edgeRow || x == width - 1 ? 1 : width - 1) {
        int y0 = Math.max(0, y - 1);
        int y1 = Math.min(height, y + 2);
        int x0 = Math.max(0, x - 1);
        int x1 = Math.min(width, x + 2);
        int sum = 0;
        for (int yy = y0; yy < y1; yy++) {
          for (int xx = x0; xx < x1; xx++) {
            sum += px[yy * width + xx] & 0xff;
          }
        }
        int area = (x1 - x0) * (y1 - y0);
        out[y * width + x] = (byte) ((sum + area / 2) / area);
      }
    }
    return new LumaLevel(out, width, height, scale);
  }

  /** This level shrunk by 2 along each axis, each output pixel the rounded mean of a 2x2 block. */
  LumaLevel half() {
    int w = width / 2;
    int h = height / 2;
    byte[] out = new byte[w * h];
    for (int y = 0; y < h; y++) {
      int r0 = 2 * y * width;
      int r1 = r0 + width;
      int o = y * w;
      for (int x = 0; x < w; x++) {
        int i = 2 * x;
        out[o + x] = (byte) (((px[r0 + i] & 0xff) + (px[r0 + i + 1] & 0xff) + (px[r1 + i] & 0xff)
            + (px[r1 + i + 1] & 0xff) + 2) >> 2);
      }
    }
    return new LumaLevel(out, w, h, scale * 2);
  }
}
