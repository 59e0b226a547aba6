package io.qrvid.core;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A parity symbol's content: one parity shard of a group of data symbols, computed with {@link ErasureCode}, so
 * that any {@code m} lost or unreadable symbols of a group of {@code k} data + {@code m} parity symbols can be
 * rebuilt.
 *
 * <p>Wire format (big-endian, unsigned):
 * <pre>
 * offset size field
 *  0     2    magic 'q' 'p' (0x71 0x70)
 *  2     1    format version (1)
 *  3     1    flags (0)
 *  4     4    video id
 *  8     4    group number
 * 12     1    k: data symbols in the group (1..254)
 * 13     1    m: parity symbols in the group (1..254)
 * 14     1    this shard's parity index, 0..m-1
 * 15     4    CRC32C of the shard
 * 19     n    the shard: parity over the group's data symbol contents, each padded with zero bytes to n
 * </pre>
 * Data symbols of a protected video are packed to {@code capacity - }{@value #HEADER_BYTES} bytes so that a parity
 * symbol, which carries a full shard, fits the same symbol version. Zero padding after a data symbol's last payload
 * is ignored by {@link FramePayload#parseSymbol(byte[])}.
 *
 * <p>Immutable and thread-safe; {@link #shard()} returns a copy.
 */
public final class ParityPayload {
  /** Header size in bytes. */
  public static final int HEADER_BYTES = 19;
  /** The parity format version (1), independent of {@link FramePayload}'s. */
  public static final int FORMAT_VERSION = 1;
  private static final byte MAGIC_0 = 'q';
  private static final byte MAGIC_1 = 'p';

  private final int videoId;
  private final int group;
  private final int dataShards;
  private final int parityShards;
  private final int index;
  private final byte[] shard;

  /**
   * Creates a parity payload.
   *
   * @param videoId the id shared by every payload of one video and its index
   * @param group the group number, 0 or more
   * @param dataShards k, the data symbols in the group, 1..254
   * @param parityShards m, the parity symbols in the group, 1..254
   * @param index this shard's parity index, {@code 0..m-1}
   * @param shard the parity shard; copied
   * @throws NullPointerException if {@code shard} is null
   * @throws IllegalArgumentException if {@code k} or {@code m} is not in 1..254, {@code index} is not in
   *     {@code [0, m)}, or the group is negative
   */
  public ParityPayload(int videoId, int group, int dataShards, int parityShards, int index, byte[] shard) {
    Objects.requireNonNull(shard, "shard == null");
    if (group < 0 || dataShards < 1 || dataShards > 254 || parityShards < 1 || parityShards > 254
        || index < 0 || index >= parityShards) {
      throw new IllegalArgumentException("invalid parity payload: group " + group + ", k " + dataShards + ", m "
          + parityShards + ", index " + index);
    }
    this.videoId = videoId;
    this.group = group;
    this.dataShards = dataShards;
    this.parityShards = parityShards;
    this.index = index;
    this.shard = shard.clone();
  }

  /**
   * Tells a parity symbol from a data symbol by its first two bytes.
   *
   * @param content a symbol's byte-mode content
   * @return true if {@code content} starts with the parity magic (it may still be malformed)
   */
  public static boolean isParity(byte[] content) {
    return content.length >= 2 && content[0] == MAGIC_0 && content[1] == MAGIC_1;
  }

  /**
   * Parses a parity symbol's content.
   *
   * @param content the symbol's byte-mode content, exactly; everything after the header is the shard
   * @return the parity payload
   * @throws PayloadFormatException if it is not a valid parity payload or its CRC32C does not match
   */
  public static ParityPayload parse(byte[] content) {
    if (content.length < HEADER_BYTES || !isParity(content)) {
      throw new PayloadFormatException("not a qrvid parity payload");
    }
    ByteBuffer in = ByteBuffer.wrap(content);
    in.position(2);
    int version = in.get() & 0xFF;
    if (version != FORMAT_VERSION) {
      throw new PayloadFormatException("unsupported parity format version " + version);
    }
    in.get(); // flags
    int videoId = in.getInt();
    int group = in.getInt();
    int k = in.get() & 0xFF;
    int m = in.get() & 0xFF;
    int index = in.get() & 0xFF;
    int crc = in.getInt();
    byte[] shard = new byte[in.remaining()];
    in.get(shard);
    if (FramePayload.crc32c(shard) != crc) {
      throw new PayloadFormatException("parity shard of group " + group + " fails its CRC32C");
    }
    try {
      return new ParityPayload(videoId, group, k, m, index, shard);
    } catch (IllegalArgumentException e) {
      throw new PayloadFormatException(e.getMessage(), e);
    }
  }

  /** {@return a new array holding the encoded content: the header and the shard} */
  public byte[] toBytes() {
    return ByteBuffer.allocate(HEADER_BYTES + shard.length).put(MAGIC_0).put(MAGIC_1)
        .put((byte) FORMAT_VERSION).put((byte) 0).putInt(videoId).putInt(group)
        .put((byte) dataShards).put((byte) parityShards).put((byte) index).putInt(FramePayload.crc32c(shard))
        .put(shard).array();
  }

  /** {@return the video id} */
  public int videoId() {
    return videoId;
  }

  /** {@return the group number, 0 or more} */
  public int group() {
    return group;
  }

  /** {@return k, the data symbols in the group, 1..254} */
  public int dataShards() {
    return dataShards;
  }

  /** {@return m, the parity symbols in the group, 1..254} */
  public int parityShards() {
    return parityShards;
  }

  /** {@return this shard's parity index, {@code 0..m-1}} */
  public int index() {
    return index;
  }

  /** {@return a copy of the shard} */
  public byte[] shard() {
    return shard.clone();
  }
}
