package io.qrvid.core.internal;

/**
 * Arithmetic in GF(2^8) with the reducing polynomial x^8+x^4+x^3+x^2+1 ({@code 0x11D}) and generator 2, plus
 * the few byte-matrix operations a Reed-Solomon erasure code needs.
 *
 * <p>Elements are ints in 0..255. Addition and subtraction are XOR. Multiplication uses log/exp tables (the
 * exp table is doubled so that {@code exp[log a + log b]} needs no reduction modulo 255) and, for bulk work, a
 * full 256&times;256 product table so that multiplying a buffer by a constant is one lookup per byte in the
 * constant's 256-entry row. See Plank, "A Tutorial on Reed-Solomon Coding for Fault-Tolerance in RAID-like
 * Systems", Software&mdash;Practice &amp; Experience 27(9), 1997, section 4 (log/exp tables).
 *
 * <p>Stateless after class initialisation; thread-safe.
 */
public final class Gf256 {
  /** The reducing polynomial x^8+x^4+x^3+x^2+1, for which 2 is primitive. */
  public static final int POLYNOMIAL = 0x11D;

  /**
   * {@code EXP[i] = 2^i} for i in 0..509 (doubled: {@code EXP[log a + log b]} needs no reduction). Package-private
   * for the hot loops of {@link ReedSolomonDecoder}, which index it directly; never written after class
   * initialisation.
   */
  static final int[] EXP = new int[510];
  /** {@code LOG[a]}, the discrete logarithm base 2 of {@code a} in 1..255; {@code LOG[0]} is -1. Read-only. */
  static final int[] LOG = new int[256];
  /** {@code MUL[a][b] = a * b}; 64 KiB, each row a per-coefficient lookup table. */
  private static final byte[][] MUL = new byte[256][256];

  static {
    fill(EXP, LOG, MUL);
  }

  /**
   * Fills the tables. A method of its own, working on locals: in the class initialiser itself, every read of a
   * static field of this class (not yet initialised) takes the interpreter's slow resolution path, which made the
   * 65,025 products take 35-50 ms in a cold JVM (measured: {@code Class.forName} of this class, C1 only and
   * {@code -Xint} alike); here they take about 1 ms.
   */
  private static void fill(int[] exp, int[] log, byte[][] mul) {
    int x = 1;
    for (int i = 0; i < 255; i++) {
      exp[i] = x;
      exp[i + 255] = x;
      log[x] = i;
      x <<= 1;
      if (x >= 256) {
        x ^= POLYNOMIAL;
      }
    }
    log[0] = -1; // undefined; never read by the arithmetic below
    for (int a = 1; a < 256; a++) {
      byte[] row = mul[a];
      int la = log[a];
      for (int b = 1; b < 256; b++) {
        row[b] = (byte) exp[la + log[b]];
      }
    }
  }

  private Gf256() {}

  /** 2 raised to {@code e}, for any {@code e >= 0} (the multiplicative group has order 255). */
  public static int exp(int e) {
    if (e < 0) {
      throw new IllegalArgumentException("negative exponent " + e);
    }
    return EXP[e % 255];
  }

  /** The discrete logarithm base 2 of {@code a}, in 0..254. */
  public static int log(int a) {
    checkElement(a);
    if (a == 0) {
      throw new ArithmeticException("log(0) is undefined");
    }
    return LOG[a];
  }

  /** The product {@code a * b} of the low bytes of {@code a} and {@code b} (no range check: hot path). */
  public static int mul(int a, int b) {
    return MUL[a & 0xFF][b & 0xFF] & 0xFF;
  }

  /** The multiplicative inverse of {@code a != 0}. */
  public static int inv(int a) {
    checkElement(a);
    if (a == 0) {
      throw new ArithmeticException("0 has no inverse");
    }
    return EXP[255 - LOG[a]];
  }

  /** The quotient {@code a / b} for {@code b != 0}. */
  public static int div(int a, int b) {
    return mul(a, inv(b));
  }

  /** {@code a} raised to {@code e >= 0}, with {@code 0^0 = 1}. */
  public static int pow(int a, int e) {
    checkElement(a);
    if (e == 0) {
      return 1;
    }
    if (a == 0) {
      return 0;
    }
    return EXP[(int) ((long) LOG[a] * e % 255)];
  }

  /**
   * {@code dst[i] = c * src[i]} for {@code i < len} when {@code overwrite}, else {@code dst[i] ^= c * src[i]}.
   * Allocates nothing.
   */
  public static void mulInto(int c, byte[] src, byte[] dst, int len, boolean overwrite) {
    c &= 0xFF;
    if (c == 0) {
      if (overwrite) {
        java.util.Arrays.fill(dst, 0, len, (byte) 0);
      }
      return;
    }
    if (c == 1) {
      if (overwrite) {
        System.arraycopy(src, 0, dst, 0, len);
      } else {
        for (int i = 0; i < len; i++) {
          dst[i] ^= src[i];
        }
      }
      return;
    }
    byte[] row = MUL[c];
    if (overwrite) {
      for (int i = 0; i < len; i++) {
        dst[i] = row[src[i] & 0xFF];
      }
    } else {
      for (int i = 0; i < len; i++) {
        dst[i] ^= row[src[i] & 0xFF];
      }
    }
  }

  /** The product of an r&times;n and an n&times;c matrix, as a new array. */
  public static byte[][] multiply(byte[][] a, byte[][] b) {
    int rows = a.length;
    int inner = b.length;
    int cols = inner == 0 ? 0 : b[0].length;
    byte[][] out = new byte[rows][cols];
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < inner; i++) {
        int f = a[r][i] & 0xFF;
        if (f != 0) {
          mulInto(f, b[i], out[r], cols, false);
        }
      }
    }
    return out;
  }

  /**
   * The inverse of a square matrix by Gauss-Jordan elimination with row pivoting, as a new array; the argument
   * is not modified.
   *
   * @throws ArithmeticException if the matrix is singular
   */
  public static byte[][] invert(byte[][] matrix) {
    int n = matrix.length;
    byte[][] a = new byte[n][];
    byte[][] inv = new byte[n][n];
    for (int i = 0; i < n; i++) {
      if (matrix[i].length != n) {
        throw new IllegalArgumentException("not square: row " + i + " has " + matrix[i].length + " entries, not " + n);
      }
      a[i] = matrix[i].clone();
      inv[i][i] = 1;
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      while (pivot < n && a[pivot][col] == 0) {
        pivot++;
      }
      if (pivot == n) {
        throw new ArithmeticException("singular matrix (column " + col + ")");
      }
      if (pivot != col) {
        byte[] t = a[pivot];
        a[pivot] = a[col];
        a[col] = t;
        t = inv[pivot];
        inv[pivot] = inv[col];
        inv[col] = t;
      }
      int scale = inv(a[col][col] & 0xFF);
      if (scale != 1) {
        mulInto(scale, a[col], a[col], n, true);
        mulInto(scale, inv[col], inv[col], n, true);
      }
      for (int r = 0; r < n; r++) {
        int f = a[r][col] & 0xFF;
        if (r != col && f != 0) {
          mulInto(f, a[col], a[r], n, false);
          mulInto(f, inv[col], inv[r], n, false);
        }
      }
    }
    return inv;
  }

  private static void checkElement(int a) {
    if (a < 0 || a > 255) {
      throw new IllegalArgumentException("not a GF(256) element: " + a);
    }
  }
}
