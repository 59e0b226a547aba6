package io.qrvid.core;

/**
 * Thrown by {@link ErasureCode#reconstruct(byte[][], boolean[])} when more shards are missing than the code has
 * parity shards, so the lost data cannot be rebuilt. The shards passed in are left unmodified.
 */
public class ErasureException extends QrvidException {
  private static final long serialVersionUID = 1L;

  /** How many shards (data and parity) were missing. */
  private final int missing;
  /** How many parity shards the code has. */
  private final int parityShards;

  /**
   * Creates the exception.
   *
   * @param missing how many shards (data and parity) were missing
   * @param parityShards how many parity shards the code has, i.e. the most that can be missing
   */
  public ErasureException(int missing, int parityShards) {
    super("cannot rebuild: " + missing + " shards missing but the code has only " + parityShards
        + " parity shards");
    this.missing = missing;
    this.parityShards = parityShards;
  }

  /** {@return how many shards (data and parity) were missing} */
  public int missing() {
    return missing;
  }

  /** {@return how many parity shards the code has: the most shards that may be missing} */
  public int parityShards() {
    return parityShards;
  }
}
