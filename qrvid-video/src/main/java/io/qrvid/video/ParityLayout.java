package io.qrvid.video;

/**
 * Where the symbols of a parity-protected video sit: a block interleaver over Reed-Solomon groups.
 *
 * <p>Data symbols are cut into blocks of {@code depth * k}. Within a block, data symbol {@code j} belongs to group
 * column {@code j % depth} (global group {@code block * depth + j % depth}) as its shard {@code j / depth}; the block's
 * data symbols are stored in order, followed by its parity symbols row by row (parity shard 0 of every group of the
 * block, then shard 1, ...). So data symbols keep their order and stay contiguous within a block, and a run of
 * {@code L} consecutive lost positions costs each group at most {@code ceil(L / depth)} symbols: with
 * {@code depth >= ceil(GOP * symbolsPerFrame / m)} one damaged GOP (the unit a video decoder loses) never costs a
 * group more than its {@code m} parity symbols. The last block may be short: {@code r} data symbols make
 * {@code n = min(depth, r)} groups, and every symbol at block offset {@code o} (data or parity) belongs to column
 * {@code o mod n}, so the bound holds there too when {@code r >= depth}.
 *
 * <p>{@code depth == 1} is the layout of indexes without the field: each group's {@code k} data symbols followed by
 * its {@code m} parity symbols. Written for qrvid (the classic block interleaver, as used by CD's CIRC and DVB, over
 * qrvid's own symbol groups). Immutable and thread-safe.
 */
final class ParityLayout {
  private final int k;
  private final int m;
  private final int depth;
  private final long dataSymbols;

  ParityLayout(int k, int m, int depth, long dataSymbols) {
    if (k < 1 || m < 1 || depth < 1 || dataSymbols < 0) {
      throw new IllegalArgumentException("parity " + k + "+" + m + " x" + depth + ", " + dataSymbols + " symbols");
    }
    this.k = k;
    this.m = m;
    this.depth = depth;
    this.dataSymbols = dataSymbols;
  }

  /** Data symbols per full block. */
  private long blockData() {
    return (long) depth * k;
  }

  /** Positions per full block. */
  private long blockSize() {
    return (long) depth * (k + m);
  }

  /** Blocks, the last possibly short. */
  long blocks() {
    return (dataSymbols + blockData() - 1) / blockData();
  }

  /** Data symbols in block {@code b}. */
  long dataIn(long b) {
    return Math.min(blockData(), dataSymbols - b * blockData());
  }

  /** Groups in block {@code b}. */
  int groupsIn(long b) {
    return (int) Math.min(depth, dataIn(b));
  }

  /** Symbols in all: data and parity. */
  long symbols() {
    long b = blocks();
    return b == 0 ? 0 : (b - 1) * blockSize() + dataIn(b - 1) + (long) groupsIn(b - 1) * m;
  }

  /** The video position of data symbol {@code d}. */
  long dataPosition(long d) {
    long b = d / blockData();
    return b * blockSize() + d % blockData();
  }

  /** The data symbol at {@code position}, or -1 if a parity symbol (or nothing) is there. */
  long dataIndexAt(long position) {
    long b = blockOf(position);
    long o = position - blockStart(b);
    if (b >= blocks() || o >= dataIn(b)) {
      return -1;
    }
    return b * blockData() + o;
  }

  /** The first position of block {@code b}. */
  long blockStart(long b) {
    return b * blockSize();
  }

  /** The block holding {@code position}. */
  long blockOf(long position) {
    return position / blockSize();
  }

  /** Data shards of group column {@code c} in block {@code b}. */
  int dataShards(long b, int c) {
    long r = dataIn(b);
    return (int) ((r - c + depth - 1) / depth);
  }

  /** The position of data shard {@code i} of group column {@code c} in block {@code b}. */
  long dataShardPosition(long b, int c, int i) {
    return blockStart(b) + (long) i * depth + c;
  }

  /**
   * The position of parity shard {@code j} of group column {@code c} in block {@code b}. Every symbol of a block
   * (data, then parity) at offset {@code o} belongs to column {@code o mod groupsIn(b)}, so the parity continues the
   * columns' cycle where the data left off (in a full block, right at column 0).
   */
  long parityShardPosition(long b, int c, int j) {
    long r = dataIn(b);
    int n = groupsIn(b);
    return blockStart(b) + r + Math.floorMod(c - r, n) + (long) j * n;
  }

  /** The group column of the parity symbol at block offset {@code o >= dataIn(b)}. */
  int parityColumn(long b, long o) {
    return (int) (o % groupsIn(b));
  }

  /** The global group number of column {@code c} in block {@code b} (written in its parity payloads). */
  long group(long b, int c) {
    return b * depth + c;
  }

  int depth() {
    return depth;
  }
}
