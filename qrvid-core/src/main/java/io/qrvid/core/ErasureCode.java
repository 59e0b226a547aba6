package io.qrvid.core;

import io.qrvid.core.internal.Gf256;
import java.util.Objects;

/**
 * Systematic Reed-Solomon erasure code over GF(2^8): k data shards + m parity shards; any k of the k+m rebuild
 * all.
 *
 * <p>A shard is a byte array; all shards of one stripe have the same length (any length, including 0), and byte
 * {@code b} of every parity shard depends only on byte {@code b} of the data shards. The code is systematic: the
 * data shards are stored unchanged and only the m parity shards are new. Used to add parity frames to a QR video
 * so that up to m lost or corrupt frames per group of k can be rebuilt.
 *
 * <pre>{@code
 * ErasureCode code = ErasureCode.of(20, 4);
 * byte[][] parity = code.encodeParity(data);          // 20 data shards in, 4 parity shards out
 * // ... later, with up to 4 of the 24 shards lost:
 * code.reconstruct(shards, present);                   // shards = data then parity; missing ones rebuilt
 * }</pre>
 *
 * <h2>Construction (part of the on-disk format: parity bytes depend on it)</h2>
 *
 * <p>Field GF(2^8) with polynomial x^8+x^4+x^3+x^2+1 ({@code 0x11D}), generator 2. Let n = k + m and let V be the
 * n&times;k Vandermonde matrix {@code V[i][j] = i^j} (the field element {@code i} = 0..n-1 raised to the power
 * {@code j}, with {@code 0^0 = 1}). The generator matrix is {@code E = V * inverse(V[0..k-1])}: its top k rows
 * are the identity (so data shards pass through) and parity shard {@code r} is
 * {@code sum over j of E[k + r][j] * data[j]}. Any k rows of V form a square Vandermonde matrix on distinct
 * points, hence are invertible, and multiplying by the invertible {@code inverse(V[0..k-1])} keeps that
 * property, so any k of the n shards determine the data (the code is MDS). For k = 2, m = 2 the parity rows are
 * {@code [3, 2]} and {@code [2, 3]}.
 *
 * <p>Sources: J. S. Plank, "A Tutorial on Reed-Solomon Coding for Fault-Tolerance in RAID-like Systems",
 * Software&mdash;Practice &amp; Experience 27(9), 1997 (field arithmetic with log/exp tables, recovery by
 * inverting the surviving rows); J. S. Plank and Y. Ding, "Note: Correction to the 1997 Tutorial on Reed-Solomon
 * Coding", University of Tennessee tech report UT-CS-03-504, 2003, later Software&mdash;Practice &amp; Experience
 * 35(2), 2005 (the tutorial's identity-over-Vandermonde matrix is not MDS in general; the systematic matrix
 * must be derived from a full n&times;k Vandermonde matrix, as done here); L. Rizzo, "Effective Erasure Codes for
 * Reliable Computer Communication Protocols", ACM SIGCOMM Computer Communication Review 27(2), 1997 (the same
 * systematic Vandermonde construction).
 *
 * <p>Limits: {@code 1 <= k}, {@code 0 <= m}, {@code k + m <= 255}. Construction costs O((k+m)&middot;k&sup2;)
 * field operations; encoding costs k&middot;m table lookups per shard byte; reconstruction inverts a k&times;k
 * matrix (O(k&sup3;)) per call when a data shard is missing, then costs k lookups per rebuilt byte.
 *
 * <p>Instances are immutable and thread-safe; calls allocate only their results and, in
 * {@link #reconstruct(byte[][], boolean[])}, one k&times;k matrix inverse.
 */
public final class ErasureCode {
  /** The largest {@code dataShards + parityShards}. */
  public static final int MAX_TOTAL_SHARDS = 255;

  private final int dataShards;
  private final int parityShards;
  /** Rows k..n-1 of the generator matrix: {@code parityRows[r][j]} multiplies data shard j for parity shard r. */
  private final byte[][] parityRows;

  private ErasureCode(int dataShards, int parityShards, byte[][] parityRows) {
    this.dataShards = dataShards;
    this.parityShards = parityShards;
    this.parityRows = parityRows;
  }

  /**
   * The code with {@code dataShards} data and {@code parityShards} parity shards per stripe.
   *
   * @param dataShards k, at least 1
   * @param parityShards m, at least 0 (0 gives a code that only passes data through and can rebuild nothing)
   * @return the code; a new instance each call (equal arguments give codes producing identical parity)
   * @throws IllegalArgumentException if {@code dataShards < 1}, {@code parityShards < 0} or
   *     {@code dataShards + parityShards > 255}
   */
  public static ErasureCode of(int dataShards, int parityShards) {
    if (dataShards < 1) {
      throw new IllegalArgumentException("dataShards must be at least 1, got " + dataShards);
    }
    if (parityShards < 0) {
      throw new IllegalArgumentException("parityShards must not be negative, got " + parityShards);
    }
    if (dataShards + parityShards > MAX_TOTAL_SHARDS) {
      throw new IllegalArgumentException("dataShards + parityShards must be at most " + MAX_TOTAL_SHARDS + ", got "
          + dataShards + " + " + parityShards);
    }
    int n = dataShards + parityShards;
    byte[][] vandermonde = new byte[n][dataShards];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < dataShards; j++) {
        vandermonde[i][j] = (byte) Gf256.pow(i, j);
      }
    }
    byte[][] top = new byte[dataShards][];
    System.arraycopy(vandermonde, 0, top, 0, dataShards);
    byte[][] generator = Gf256.multiply(vandermonde, Gf256.invert(top));
    byte[][] parityRows = new byte[parityShards][];
    System.arraycopy(generator, dataShards, parityRows, 0, parityShards);
    return new ErasureCode(dataShards, parityShards, parityRows);
  }

  /** {@return k: the number of data shards per stripe} */
  public int dataShards() {
    return dataShards;
  }

  /** {@return m: the number of parity shards per stripe, which is also the most shards that may be lost} */
  public int parityShards() {
    return parityShards;
  }

  /** {@return k + m: the number of shards per stripe} */
  public int totalShards() {
    return dataShards + parityShards;
  }

  /**
   * Computes the parity shards for k equal-length data shards. The data shards are not modified.
   *
   * @param data exactly {@link #dataShards()} non-null arrays, all of the same length (in bytes; may be 0)
   * @return {@link #parityShards()} new arrays of that same length (an empty array when m = 0)
   * @throws NullPointerException if {@code data} or one of its elements is null
   * @throws IllegalArgumentException if {@code data.length != dataShards()} or the shards differ in length
   */
  public byte[][] encodeParity(byte[][] data) {
    Objects.requireNonNull(data, "data");
    if (data.length != dataShards) {
      throw new IllegalArgumentException("expected " + dataShards + " data shards, got " + data.length);
    }
    int len = -1;
    for (int j = 0; j < dataShards; j++) {
      byte[] shard = data[j];
      if (shard == null) {
        throw new NullPointerException("data shard " + j + " is null");
      }
      if (len < 0) {
        len = shard.length;
      } else if (shard.length != len) {
        throw new IllegalArgumentException("data shards differ in length: shard 0 has " + len + " bytes, shard "
            + j + " has " + shard.length);
      }
    }
    byte[][] parity = new byte[parityShards][len];
    for (int r = 0; r < parityShards; r++) {
      encodeRow(r, data, parity[r], len);
    }
    return parity;
  }

  /**
   * Rebuilds missing shards in place. On return every entry of {@code shards} holds a valid shard: present
   * entries are untouched (same array, same content) and each missing entry, data or parity, is replaced by a
   * newly allocated array, whatever it held before (null, stale bytes, any length). {@code present} is not
   * modified. When nothing is missing this does nothing.
   *
   * <p>If the call throws, {@code shards} is left unmodified.
   *
   * @param shards {@link #totalShards()} entries: the k data shards in order, then the m parity shards in order;
   *     entries marked present must be non-null and of one common length; missing entries may be null
   * @param present {@link #totalShards()} flags; {@code present[i]} says whether {@code shards[i]} is valid
   * @throws ErasureException if more than {@link #parityShards()} shards are missing, so the data cannot be
   *     rebuilt
   * @throws NullPointerException if an argument, or an entry marked present, is null
   * @throws IllegalArgumentException if either array's length is not {@link #totalShards()} or the present
   *     shards differ in length
   */
  public void reconstruct(byte[][] shards, boolean[] present) {
    Objects.requireNonNull(shards, "shards");
    Objects.requireNonNull(present, "present");
    int n = dataShards + parityShards;
    if (shards.length != n) {
      throw new IllegalArgumentException("expected " + n + " shards, got " + shards.length);
    }
    if (present.length != n) {
      throw new IllegalArgumentException("expected " + n + " present flags, got " + present.length);
    }
    int len = -1;
    int firstPresent = -1;
    int missing = 0;
    for (int i = 0; i < n; i++) {
      if (!present[i]) {
        missing++;
        continue;
      }
      byte[] shard = shards[i];
      if (shard == null) {
        throw new NullPointerException("shard " + i + " is marked present but is null");
      }
      if (len < 0) {
        len = shard.length;
        firstPresent = i;
      } else if (shard.length != len) {
        throw new IllegalArgumentException("present shards differ in length: shard " + firstPresent + " has " + len
            + " bytes, shard " + i + " has " + shard.length);
      }
    }
    if (missing > parityShards) {
      throw new ErasureException(missing, parityShards);
    }
    if (missing == 0) {
      return;
    }
    // From here on at least k shards are present, so len >= 0.
    boolean dataMissing = false;
    for (int j = 0; j < dataShards; j++) {
      dataMissing |= !present[j];
    }
    if (dataMissing) {
      rebuildData(shards, present, len);
    }
    for (int r = 0; r < parityShards; r++) {
      if (!present[dataShards + r]) {
        byte[] out = new byte[len];
        encodeRow(r, shards, out, len);
        shards[dataShards + r] = out;
      }
    }
  }

  /** Solves for the missing data shards from the first k present shards. */
  private void rebuildData(byte[][] shards, boolean[] present, int len) {
    int k = dataShards;
    int[] rows = new int[k];
    byte[][] sub = new byte[k][];
    for (int i = 0, found = 0; found < k; i++) {
      if (present[i]) {
        rows[found] = i;
        sub[found] = generatorRow(i);
        found++;
      }
    }
    // shards[rows] = sub * data, so data = inverse(sub) * shards[rows]; sub is invertible because the code is MDS.
    byte[][] decode = Gf256.invert(sub);
    byte[][] rebuilt = new byte[k][];
    for (int d = 0; d < k; d++) {
      if (present[d]) {
        continue;
      }
      byte[] out = new byte[len];
      byte[] coefficients = decode[d];
      for (int j = 0; j < k; j++) {
        Gf256.mulInto(coefficients[j], shards[rows[j]], out, len, j == 0);
      }
      rebuilt[d] = out;
    }
    // Store only after all are computed: rows[] refers to present shards only, but keep the inputs intact anyway.
    for (int d = 0; d < k; d++) {
      if (rebuilt[d] != null) {
        shards[d] = rebuilt[d];
      }
    }
  }

  /** Row {@code i} of the n&times;k generator matrix, as a new array. */
  private byte[] generatorRow(int i) {
    if (i < dataShards) {
      byte[] row = new byte[dataShards];
      row[i] = 1;
      return row;
    }
    return parityRows[i - dataShards].clone();
  }

  /** {@code out = sum over j of parityRows[r][j] * shards[j]}, for the first k entries of {@code shards}. */
  private void encodeRow(int r, byte[][] shards, byte[] out, int len) {
    byte[] coefficients = parityRows[r];
    for (int j = 0; j < dataShards; j++) {
      Gf256.mulInto(coefficients[j], shards[j], out, len, j == 0);
    }
  }
}
