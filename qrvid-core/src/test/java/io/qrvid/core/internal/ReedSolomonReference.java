package io.qrvid.core.internal;

/**
 * The straightforward errors-and-erasures Reed-Solomon decoder that {@link ReedSolomonDecoder} was until issue 9's
 * eleventh pass, kept as the reference its optimised form must agree with (same corrected block, same return value,
 * same failure) on every input: syndromes by Horner's rule with a table product per step, the Berlekamp-Massey
 * iteration allocating new polynomials each step, a Chien search evaluating the locator anew at every position and a
 * final syndrome check of the whole corrected block.
 */
final class ReedSolomonReference {
  private ReedSolomonReference() {}

  /**
   * Corrects {@code block} in place.
   *
   * @param block the block's codewords (values 0..255), data first then error correction, the first codeword being
   *     the coefficient of the highest power
   * @param ecCount the number of error-correction codewords at the end of the block, 1..block.length-1
   * @param erasures indices into {@code block} of codewords to treat as erasures (distinct), at most {@code ecCount}
   * @return the number of codewords changed at positions that were not erasures ({@code e}, 0 if the block was
   *     already a codeword), or -1 if the block cannot be corrected with these erasures; on -1 {@code block} is
   *     unchanged
   * @throws IllegalArgumentException if {@code ecCount} or an erasure index is out of range, or an index repeats
   */
  static int decode(int[] block, int ecCount, int[] erasures) {
    int n = block.length;
    if (ecCount < 1 || ecCount >= n || n > 255) {
      throw new IllegalArgumentException("ecCount " + ecCount + " for a block of " + n);
    }
    if (erasures.length > ecCount) {
      return -1;
    }
    boolean[] erased = new boolean[n];
    for (int k : erasures) {
      if (k < 0 || k >= n || erased[k]) {
        throw new IllegalArgumentException("bad or repeated erasure index " + k);
      }
      erased[k] = true;
    }
    int[] syndromes = syndromes(block, ecCount);
    boolean clean = true;
    for (int s : syndromes) {
      clean &= s == 0;
    }
    if (clean) {
      return 0;
    }
    int s = erasures.length;
    // Erasure locator Gamma(x) = prod (1 + X_k x), coefficients low degree first.
    int[] gamma = {1};
    for (int k : erasures) {
      gamma = multiplyByLinear(gamma, Gf256.exp(n - 1 - k));
    }
    // Berlekamp-Massey, initialised with the erasure locator.
    int[] lambda = gamma.clone();
    int[] b = gamma.clone();
    int length = s;
    for (int r = s + 1; r <= ecCount; r++) {
      int delta = 0;
      for (int i = 0; i <= length && i < lambda.length; i++) {
        int j = r - 1 - i;
        if (j >= 0) {
          delta ^= Gf256.mul(lambda[i], syndromes[j]);
        }
      }
      int[] shiftedB = shift(b);
      if (delta == 0) {
        b = shiftedB;
      } else {
        int[] t = addScaled(lambda, shiftedB, delta);
        if (2 * length <= r + s - 1) {
          length = r + s - length;
          b = scale(lambda, Gf256.inv(delta));
        } else {
          b = shiftedB;
        }
        lambda = t;
      }
    }
    int degree = degree(lambda);
    if (degree != length || degree > ecCount || degree == 0) {
      return -1;
    }
    // Omega(x) = S(x) Psi(x) mod x^ecCount.
    int[] omega = new int[ecCount];
    for (int i = 0; i < ecCount; i++) {
      int acc = 0;
      for (int j = 0; j <= i && j <= degree; j++) {
        acc ^= Gf256.mul(lambda[j], syndromes[i - j]);
      }
      omega[i] = acc;
    }
    int[] positions = new int[degree];
    int[] values = new int[degree];
    int found = 0;
    for (int i = 0; i < n; i++) { // locator exponent i <-> block index n-1-i
      int xInv = Gf256.exp((255 - i) % 255);
      if (evaluate(lambda, xInv) != 0) {
        continue;
      }
      if (found == degree) {
        return -1;
      }
      int x = Gf256.exp(i);
      int derivative = 0;
      for (int j = 1; j <= degree; j += 2) {
        derivative ^= Gf256.mul(lambda[j], Gf256.pow(xInv, j - 1));
      }
      if (derivative == 0) {
        return -1;
      }
      positions[found] = n - 1 - i;
      values[found] = Gf256.div(Gf256.mul(x, evaluate(omega, xInv)), derivative);
      found++;
    }
    if (found != degree) {
      return -1;
    }
    int[] corrected = block.clone();
    int errors = 0;
    for (int i = 0; i < found; i++) {
      corrected[positions[i]] ^= values[i];
      if (!erased[positions[i]] && values[i] != 0) {
        errors++;
      }
    }
    for (int v : syndromes(corrected, ecCount)) {
      if (v != 0) {
        return -1;
      }
    }
    System.arraycopy(corrected, 0, block, 0, n);
    return errors;
  }

  /** S_j = r(2^j) for j in 0..ecCount-1. */
  static int[] syndromes(int[] block, int ecCount) {
    int[] out = new int[ecCount];
    for (int j = 0; j < ecCount; j++) {
      int root = Gf256.exp(j);
      int acc = 0;
      for (int c : block) {
        acc = Gf256.mul(acc, root) ^ c;
      }
      out[j] = acc;
    }
    return out;
  }

  private static int evaluate(int[] poly, int x) {
    int acc = 0;
    for (int i = poly.length - 1; i >= 0; i--) {
      acc = Gf256.mul(acc, x) ^ poly[i];
    }
    return acc;
  }

  private static int[] multiplyByLinear(int[] p, int root) {
    int[] out = new int[p.length + 1];
    for (int i = 0; i < p.length; i++) {
      out[i] ^= p[i];
      out[i + 1] ^= Gf256.mul(p[i], root);
    }
    return out;
  }

  private static int[] shift(int[] p) {
    int[] out = new int[p.length + 1];
    System.arraycopy(p, 0, out, 1, p.length);
    return out;
  }

  private static int[] addScaled(int[] a, int[] b, int c) {
    int[] out = new int[Math.max(a.length, b.length)];
    System.arraycopy(a, 0, out, 0, a.length);
    for (int i = 0; i < b.length; i++) {
      out[i] ^= Gf256.mul(b[i], c);
    }
    return out;
  }

  private static int[] scale(int[] a, int c) {
    int[] out = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = Gf256.mul(a[i], c);
    }
    return out;
  }

  private static int degree(int[] p) {
    for (int i = p.length - 1; i >= 0; i--) {
      if (p[i] != 0) {
        return i;
      }
    }
    return 0;
  }
}
