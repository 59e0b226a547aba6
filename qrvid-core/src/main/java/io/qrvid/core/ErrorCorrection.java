package io.qrvid.core;

/**
 * QR error-correction levels (ISO/IEC 18004:2015, section 5.3.8): the share of codewords that Reed-Solomon
 * correction can restore.
 */
public enum ErrorCorrection {
  /** Recovers about 7% of codewords; the most capacity. */
  L,
  /** Recovers about 15% of codewords. */
  M,
  /** Recovers about 25% of codewords. */
  Q,
  /** Recovers about 30% of codewords; the least capacity. */
  H
}
