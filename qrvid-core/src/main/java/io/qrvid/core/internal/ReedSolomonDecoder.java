package io.qrvid.core.internal;

/**
 * Errors-and-erasures Reed-Solomon decoding of one QR code block over GF(2^8) mod {@code 0x11D} with generator roots
 * 2^0 .. 2^(n-1) (ISO/IEC 18004:2015, section 7.5.2 and annex A; the field and roots ZXing's
 * {@code GenericGF.QR_CODE_FIELD_256} uses).
 *
 * <p>A block of {@code n} codewords with {@code ecCount} error-correction codewords is corrected whenever
 * {@code 2e + s <= ecCount}, where {@code s} is the number of codewords marked as erasures (positions believed
 * unreliable, values unknown) and {@code e} the number of other codewords in error: erasures cost half of what
 * errors cost, so marking the truly bad codewords doubles what a block survives.
 *
 * <p>Algorithm: syndromes by Horner's rule; the Berlekamp-Massey iteration initialised with the erasure locator
 * (T. K. Moon, <i>Error Correction Coding</i>, Wiley 2005, section 6.7, "errors and erasures decoding"); a Chien
 * search for the errata locator's roots; Forney's formula for the values (with first consecutive root 0, the value
 * at locator X is {@code X * Omega(1/X) / Psi'(1/X)}). A result is returned only when the errata locator has exactly
 * as many distinct roots inside the block as its degree and every syndrome of the corrected block is zero.
 *
 * <p>Implementation (issue 9, eleventh pass; the straightforward form it replaced is kept in the tests as {@code
 * ReedSolomonReference}, and {@code ReedSolomonDecoderTest} checks on random received words, with errors and
 * erasures within and beyond the capacity, that both return the same value and leave the same block): products by
 * log/antilog tables; the syndromes computed per non-zero codeword with an incremental exponent (one table lookup per
 * codeword and syndrome, instead of a Horner product chain) and, through {@link #decode(int[], int, int[], int[])},
 * once per block rather than once per erasure trial (they do not depend on the erasures); the Berlekamp-Massey
 * iteration in place on arrays sized once per call; the Chien search updating each locator term's logarithm by a
 * subtraction per position instead of evaluating the locator anew; the final check computing the corrected block's
 * syndromes from the old ones and the corrections (syndromes are linear) instead of from the whole block. On seed 2's
 * synthetic photos the soft-decision decoder ({@link SoftSymbolDecoder}, where every call comes from) took about
 * 11 % of the chain's samples before this pass (see docs/decode.md for the measured ratio).
 *
 * <p>This class does not decide whether a correction is plausible: callers keep a margin (see
 * {@link SoftSymbolDecoder}), because a block damaged beyond its capacity can be "corrected" into another codeword.
 *
 * <p>Stateless; thread-safe.
 */
public final class ReedSolomonDecoder {
  /** {@link Gf256}'s doubled antilog table, indexed directly in the loops below. */
  private static final int[] EXP = Gf256.EXP;
  /** {@link Gf256}'s logarithm table; {@code LOG[0]} is never used for an index below. */
  private static final int[] LOG = Gf256.LOG;

  private ReedSolomonDecoder() {}

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
   * @throws IllegalArgumentException if {@code ecCount} or an erasure index is out of range, an index repeats, or a
   *     codeword is outside 0..255
   */
  public static int decode(int[] block, int ecCount, int[] erasures) {
    checkSize(block.length, ecCount);
    return decode(block, ecCount, erasures, syndromes(block, ecCount));
  }

  /**
   * {@link #decode(int[], int, int[])} with the block's syndromes already computed, for callers that try several
   * erasure sets on the same block (the syndromes do not depend on the erasures).
   *
   * @param syndromes {@link #syndromes syndromes(block, ecCount)} of this very block; not modified
   * @throws IllegalArgumentException as {@link #decode(int[], int, int[])}, or if {@code syndromes} has another
   *     length than {@code ecCount}
   */
  static int decode(int[] block, int ecCount, int[] erasures, int[] syndromes) {
    int n = block.length;
    checkSize(n, ecCount);
    if (syndromes.length != ecCount) {
      throw new IllegalArgumentException(syndromes.length + " syndromes for " + ecCount + " ec codewords");
    }
    if (erasures.length > ecCount) {
      return -1;
    }
    long[] erased = new long[4]; // a bit per block index (n <= 255)
    for (int k : erasures) {
      if (k < 0 || k >= n || (erased[k >>> 6] & 1L << k) != 0) {
        throw new IllegalArgumentException("bad or repeated erasure index " + k);
      }
      erased[k >>> 6] |= 1L << k;
    }
    boolean clean = true;
    for (int v : syndromes) {
      clean &= v == 0;
    }
    if (clean) {
      return 0;
    }
    int s = erasures.length;
    // Arrays of ecCount + 2 coefficients, low degree first: every polynomial of the iteration below has degree at
    // most ecCount (the straightforward form's lengths grow by at most one per step from s + 1), so the zeros above
    // change no sum.
    int size = ecCount + 2;
    // Erasure locator Gamma(x) = prod (1 + X_k x).
    int[] lambda = new int[size];
    lambda[0] = 1;
    int deg = 0;
    for (int k : erasures) {
      int logX = n - 1 - k;
      deg++;
      for (int i = deg; i >= 1; i--) {
        int prev = lambda[i - 1];
        if (prev != 0) {
          lambda[i] ^= EXP[LOG[prev] + logX];
        }
      }
    }
    // Berlekamp-Massey, initialised with the erasure locator; b is updated in place (shifted, or the old lambda
    // scaled by 1/delta).
    int[] b = lambda.clone();
    int length = s;
    for (int r = s + 1; r <= ecCount; r++) {
      int delta = 0;
      for (int i = 0; i <= length; i++) {
        int j = r - 1 - i;
        if (j < 0) {
          break;
        }
        int l = lambda[i];
        int sj = syndromes[j];
        if (l != 0 && sj != 0) {
          delta ^= EXP[LOG[l] + LOG[sj]];
        }
      }
      System.arraycopy(b, 0, b, 1, size - 1);
      b[0] = 0;
      if (delta != 0) {
        int logDelta = LOG[delta];
        if (2 * length <= r + s - 1) {
          length = r + s - length;
          int logInv = 255 - logDelta;
          for (int i = 0; i < size; i++) {
            int l = lambda[i];
            int bi = b[i];
            lambda[i] = bi == 0 ? l : l ^ EXP[LOG[bi] + logDelta];
            b[i] = l == 0 ? 0 : EXP[LOG[l] + logInv];
          }
        } else {
          for (int i = 0; i < size; i++) {
            int bi = b[i];
            if (bi != 0) {
              lambda[i] ^= EXP[LOG[bi] + logDelta];
            }
          }
        }
      }
    }
    int degree = 0;
    for (int i = size - 1; i > 0; i--) {
      if (lambda[i] != 0) {
        degree = i;
        break;
      }
    }
    if (degree != length || degree > ecCount || degree == 0) {
      return -1;
    }
    // Omega(x) = S(x) Psi(x) mod x^ecCount.
    int[] omega = new int[ecCount];
    for (int i = 0; i < ecCount; i++) {
      int acc = 0;
      for (int j = 0; j <= i && j <= degree; j++) {
        int l = lambda[j];
        int sij = syndromes[i - j];
        if (l != 0 && sij != 0) {
          acc ^= EXP[LOG[l] + LOG[sij]];
        }
      }
      omega[i] = acc;
    }
    // Chien search: term j at locator exponent i is lambda_j * 2^(-i j); its logarithm drops by j per position.
    int[] logTerm = new int[degree + 1];
    for (int j = 1; j <= degree; j++) {
      logTerm[j] = lambda[j] == 0 ? -1 : LOG[lambda[j]];
    }
    int[] positions = new int[degree];
    int[] values = new int[degree];
    int found = 0;
    for (int i = 0; i < n; i++) { // locator exponent i <-> block index n-1-i
      int sum = lambda[0];
      for (int j = 1; j <= degree; j++) {
        int t = logTerm[j];
        if (t >= 0) {
          if (i > 0) {
            t -= j;
            if (t < 0) {
              t += 255;
            }
            logTerm[j] = t;
          }
          sum ^= EXP[t];
        }
      }
      if (sum != 0) {
        continue;
      }
      if (found == degree) {
        return -1;
      }
      // Psi'(1/X) = sum over odd j of lambda_j X^-(j-1), i.e. the odd terms times X
      int derivative = 0;
      for (int j = 1; j <= degree; j += 2) {
        if (logTerm[j] >= 0) {
          derivative ^= EXP[logTerm[j] + i];
        }
      }
      if (derivative == 0) {
        return -1;
      }
      int xInv = EXP[(255 - i) % 255];
      int logXInv = LOG[xInv];
      int omegaAt = 0;
      for (int k = ecCount - 1; k >= 0; k--) {
        omegaAt = (omegaAt == 0 ? 0 : EXP[LOG[omegaAt] + logXInv]) ^ omega[k];
      }
      positions[found] = n - 1 - i;
      // X * Omega(1/X) / Psi'(1/X)
      int logValue = i + LOG[omegaAt] - LOG[derivative];
      values[found] = omegaAt == 0 ? 0 : EXP[logValue < 0 ? logValue + 255 : logValue];
      found++;
    }
    if (found != degree) {
      return -1;
    }
    // The corrected block's syndromes: S_j + sum over corrections of value * X^j; all must vanish.
    int[] logAt = new int[found];
    for (int k = 0; k < found; k++) {
      logAt[k] = values[k] == 0 ? -1 : LOG[values[k]];
    }
    for (int j = 0; j < ecCount; j++) {
      int acc = syndromes[j];
      for (int k = 0; k < found; k++) {
        int t = logAt[k];
        if (t >= 0) {
          acc ^= EXP[t];
          t += n - 1 - positions[k];
          logAt[k] = t >= 255 ? t - 255 : t;
        }
      }
      if (acc != 0) {
        return -1;
      }
    }
    int errors = 0;
    for (int k = 0; k < found; k++) {
      int p = positions[k];
      block[p] ^= values[k];
      if ((erased[p >>> 6] & 1L << p) == 0 && values[k] != 0) {
        errors++;
      }
    }
    return errors;
  }

  /**
   * The block's syndromes {@code S_j = r(2^j)} for j in 0..ecCount-1: for each non-zero codeword {@code c} at
   * power {@code p}, {@code c 2^(p j)} added with its exponent stepped by {@code p} per syndrome (the same values as
   * Horner's rule, one table lookup per codeword and syndrome).
   *
   * @throws IllegalArgumentException if a codeword is outside 0..255
   */
  static int[] syndromes(int[] block, int ecCount) {
    int[] out = new int[ecCount];
    int n = block.length;
    for (int idx = 0; idx < n; idx++) {
      int c = block[idx];
      if (c == 0) {
        continue;
      }
      if ((c & ~0xFF) != 0) {
        throw new IllegalArgumentException("codeword " + idx + " is " + c + ", not in 0..255");
      }
      int p = n - 1 - idx;
      int e = LOG[c];
      for (int j = 0; j < ecCount; j++) {
        out[j] ^= EXP[e];
        e += p;
        if (e >= 255) {
          e -= 255;
        }
      }
    }
    return out;
  }

  private static void checkSize(int n, int ecCount) {
    if (ecCount < 1 || ecCount >= n || n > 255) {
      throw new IllegalArgumentException("ecCount " + ecCount + " for a block of " + n);
    }
  }
}
