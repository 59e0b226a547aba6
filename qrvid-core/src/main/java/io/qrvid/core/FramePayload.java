package io.qrvid.core;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32C;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.jspecify.annotations.Nullable;

/**
 * One part of one chunk as stored in a QR symbol: a fixed 26-byte header followed by the part's bytes.
 *
 * <p>Wire format (format versions 1 and 2, big-endian, all integers unsigned):
 * <pre>
 * offset size field
 *  0     2    magic 'q' 'v' (0x71 0x76)
 *  2     1    format version (1 or 2)
 *  3     1    flags: bit 0 = the chunk's stored bytes are raw Deflate (RFC 1951); bit 1 (version 2 only) = they are
 *             one Zstandard frame (RFC 8878) without magic number, checksum, content size or dictionary id, made with
 *             the video's dictionary when its index has one ({@link ChunkCompression#ZSTD}); at most one of them;
 *             other bits 0
 *  4     4    video id: a random number shared by every payload of one video and its index
 *  8     4    document id
 * 12     4    chunk index (corpus-wide)
 * 16     2    part number, 0-based
 * 18     2    part count (1..65535)
 * 20     4    CRC32C (Castagnoli, RFC 3720) of the chunk's plain UTF-8 bytes, before compression
 * 24     2    length of this part's data in bytes
 * 26     n    data: bytes [offset, offset + n) of the chunk's stored (possibly compressed) bytes
 * </pre>
 * Version 2 has the same layout as version 1 and adds the zstd flag; a reader of version 1 refuses version 2 by its
 * version byte. A symbol holds one or more payloads back to back; the symbol's byte-mode content ends where the last payload
 * ends, or is followed by zero bytes only (padding, see {@link ParityPayload}). The magic is lowercase so that QR encoders never pick numeric or alphanumeric mode.
 *
 * <p>Immutable and thread-safe; {@link #data()} returns a copy.
 */
public final class FramePayload {
  /** Size of the header in bytes. */
  public static final int HEADER_BYTES = 26;
  /** The format version this library writes by default; it reads versions 1 and 2. */
  public static final int FORMAT_VERSION = 2;
  /** The first format version: Deflate only. */
  public static final int FORMAT_VERSION_1 = 1;
  /** Flag bit: the chunk's stored bytes are raw Deflate. */
  public static final int FLAG_DEFLATE = 1;
  /** Flag bit (format version 2): the chunk's stored bytes are one zstd frame. */
  public static final int FLAG_ZSTD = 2;
  /**
   * Zstandard's largest compression ratio: one 4-byte RLE block makes at most 128 KiB (RFC 8878 section 3.1.1.2),
   * so a frame of {@code n} bytes holds at most {@code n * 32768} bytes.
   */
  public static final long MAX_ZSTD_RATIO = 32768;
  /** Deflate's largest compression ratio, 1032:1 (zlib's technical details). */
  public static final long MAX_DEFLATE_RATIO = 1032;

  private static final byte MAGIC_0 = 'q';
  private static final byte MAGIC_1 = 'v';

  private final int formatVersion;
  private final int flags;
  private final int videoId;
  private final int documentId;
  private final int chunkIndex;
  private final int part;
  private final int partCount;
  private final int crc32c;
  private final byte[] data;

  /**
   * Creates a payload of format version {@value #FORMAT_VERSION}.
   *
   * @param flags 0, {@link #FLAG_DEFLATE} or {@link #FLAG_ZSTD}: how the chunk's stored bytes are compressed
   * @param videoId the id shared by every payload of one video and its index (any int)
   * @param documentId the document's id, 0 or more
   * @param chunkIndex the corpus-wide chunk index, 0 or more
   * @param part this part's number, {@code 0..partCount-1}
   * @param partCount how many parts the chunk's stored bytes are split into, 1..65535
   * @param crc32c the CRC32C of the chunk's plain bytes (before compression), see {@link #crc32c(byte[])}
   * @param data this part's slice of the chunk's stored bytes, at most 65535 bytes; copied
   * @throws NullPointerException if {@code data} is null
   * @throws IllegalArgumentException if a field is out of its range: ids and index negative, {@code part} not in
   *     {@code [0, partCount)}, {@code partCount} not in {@code [1, 65535]}, data longer than 65535 bytes, or flags
   *     other than one of {@link #FLAG_DEFLATE} and {@link #FLAG_ZSTD}
   */
  public FramePayload(int flags, int videoId, int documentId, int chunkIndex, int part, int partCount, int crc32c,
      byte[] data) {
    this(FORMAT_VERSION, flags, videoId, documentId, chunkIndex, part, partCount, crc32c, data);
  }

  /**
   * Creates a payload of the given format version.
   *
   * @param formatVersion 1 or 2; version 1 knows only {@link #FLAG_DEFLATE}
   * @param flags 0, {@link #FLAG_DEFLATE} or {@link #FLAG_ZSTD}: how the chunk's stored bytes are compressed
   * @param videoId the id shared by every payload of one video and its index (any int)
   * @param documentId the document's id, 0 or more
   * @param chunkIndex the corpus-wide chunk index, 0 or more
   * @param part this part's number, {@code 0..partCount-1}
   * @param partCount how many parts the chunk's stored bytes are split into, 1..65535
   * @param crc32c the CRC32C of the chunk's plain bytes (before compression), see {@link #crc32c(byte[])}
   * @param data this part's slice of the chunk's stored bytes, at most 65535 bytes; copied
   * @throws NullPointerException if {@code data} is null
   * @throws IllegalArgumentException as {@link #FramePayload(int, int, int, int, int, int, int, byte[])}, and if the
   *     version is not 1 or 2 or its flags are not allowed in that version
   */
  public FramePayload(int formatVersion, int flags, int videoId, int documentId, int chunkIndex, int part,
      int partCount, int crc32c, byte[] data) {
    Objects.requireNonNull(data, "data == null");
    if (formatVersion != FORMAT_VERSION_1 && formatVersion != FORMAT_VERSION) {
      throw new IllegalArgumentException("unknown payload format version " + formatVersion);
    }
    int known = formatVersion == FORMAT_VERSION_1 ? FLAG_DEFLATE : FLAG_DEFLATE | FLAG_ZSTD;
    if ((flags & ~known) != 0 || flags == (FLAG_DEFLATE | FLAG_ZSTD)) {
      throw new IllegalArgumentException("unknown flags for payload format version " + formatVersion + ": "
          + flags);
    }
    if (documentId < 0 || chunkIndex < 0) {
      throw new IllegalArgumentException("negative documentId or chunkIndex");
    }
    if (partCount < 1 || partCount > 0xFFFF || part < 0 || part >= partCount) {
      throw new IllegalArgumentException("part " + part + " of " + partCount);
    }
    if (data.length > 0xFFFF) {
      throw new IllegalArgumentException("data.length > 65535: " + data.length);
    }
    this.formatVersion = formatVersion;
    this.flags = flags;
    this.videoId = videoId;
    this.documentId = documentId;
    this.chunkIndex = chunkIndex;
    this.part = part;
    this.partCount = partCount;
    this.crc32c = crc32c;
    this.data = data.clone();
  }

  /** {@return the payload format version, 1 or 2} */
  public int formatVersion() {
    return formatVersion;
  }

  /** {@return the flags byte, 0..255; see {@link #FLAG_DEFLATE} and {@link #FLAG_ZSTD}} */
  public int flags() {
    return flags;
  }

  /** {@return true if the chunk's stored bytes are raw Deflate} */
  public boolean deflated() {
    return (flags & FLAG_DEFLATE) != 0;
  }

  /** {@return how the chunk's stored bytes are compressed, from the flags} */
  public ChunkCompression compression() {
    return (flags & FLAG_ZSTD) != 0 ? ChunkCompression.ZSTD
        : (flags & FLAG_DEFLATE) != 0 ? ChunkCompression.DEFLATE : ChunkCompression.NONE;
  }

  /** {@return the id shared by every payload of one video and its index} */
  public int videoId() {
    return videoId;
  }

  /** {@return the document id, 0 or more} */
  public int documentId() {
    return documentId;
  }

  /** {@return the corpus-wide chunk index, 0 or more} */
  public int chunkIndex() {
    return chunkIndex;
  }

  /** {@return this part's number, from 0} */
  public int part() {
    return part;
  }

  /** {@return how many parts the chunk has, 1..65535} */
  public int partCount() {
    return partCount;
  }

  /** {@return the CRC32C of the chunk's plain bytes, as a signed int holding the 32 bits} */
  public int crc32c() {
    return crc32c;
  }

  /** {@return a copy of this part's data} */
  public byte[] data() {
    return data.clone();
  }

  /** {@return this part's data length in bytes, 0..65535} */
  public int dataLength() {
    return data.length;
  }

  /** {@return the encoded size in bytes: {@link #HEADER_BYTES} + data length} */
  public int encodedLength() {
    return HEADER_BYTES + data.length;
  }

  /**
   * Writes the header and data at the buffer's position, advancing it by {@link #encodedLength()}.
   *
   * @param out the buffer, big-endian (the default byte order)
   * @throws java.nio.BufferOverflowException if fewer than {@link #encodedLength()} bytes remain
   * @throws java.nio.ReadOnlyBufferException if the buffer is read-only
   */
  public void writeTo(ByteBuffer out) {
    out.put(MAGIC_0).put(MAGIC_1).put((byte) formatVersion).put((byte) flags)
        .putInt(videoId).putInt(documentId).putInt(chunkIndex)
        .putShort((short) part).putShort((short) partCount)
        .putInt(crc32c).putShort((short) data.length).put(data);
  }

  /** {@return a new array holding the encoded bytes of this payload alone, {@link #encodedLength()} long} */
  public byte[] toBytes() {
    ByteBuffer b = ByteBuffer.allocate(encodedLength());
    writeTo(b);
    return b.array();
  }

  /**
   * Parses every payload in one symbol's content.
   *
   * @param content the symbol's byte-mode content, exactly
   * @return the payloads in stored order (at least one)
   * @throws PayloadFormatException if the content is empty, has a wrong magic or an unsupported format version,
   *     has unknown flags or inconsistent part fields, or ends inside a payload
   */
  public static List<FramePayload> parseSymbol(byte[] content) {
    Objects.requireNonNull(content, "content == null");
    if (content.length == 0) {
      throw new PayloadFormatException("empty symbol content");
    }
    ByteBuffer in = ByteBuffer.wrap(content);
    List<FramePayload> out = new ArrayList<>(2);
    while (in.hasRemaining()) {
      int at = in.position();
      if (content[at] == 0 && at > 0 && allZero(content, at)) {
        break; // zero padding after the last payload (data symbols of a parity-protected video)
      }
      if (in.remaining() < HEADER_BYTES) {
        throw new PayloadFormatException("symbol ends inside a payload header at byte " + at);
      }
      if (in.get() != MAGIC_0 || in.get() != MAGIC_1) {
        throw new PayloadFormatException("not a qrvid payload (bad magic) at byte " + at);
      }
      int version = in.get() & 0xFF;
      if (version != FORMAT_VERSION_1 && version != FORMAT_VERSION) {
        throw new PayloadFormatException("unsupported payload format version " + version + " at byte " + at
            + " (this library reads versions 1 and " + FORMAT_VERSION + ")");
      }
      int flags = in.get() & 0xFF;
      int videoId = in.getInt();
      int documentId = in.getInt();
      int chunkIndex = in.getInt();
      int part = in.getShort() & 0xFFFF;
      int partCount = in.getShort() & 0xFFFF;
      int crc = in.getInt();
      int length = in.getShort() & 0xFFFF;
      if (in.remaining() < length) {
        throw new PayloadFormatException("symbol ends inside payload data at byte " + in.position()
            + " (needs " + length + ", has " + in.remaining() + ")");
      }
      byte[] data = new byte[length];
      in.get(data);
      try {
        out.add(new FramePayload(version, flags, videoId, documentId, chunkIndex, part, partCount, crc, data));
      } catch (IllegalArgumentException e) {
        throw new PayloadFormatException("invalid payload header at byte " + at + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static boolean allZero(byte[] b, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Rebuilds a chunk's plain bytes from all of its parts: checks that the parts agree and are complete, inflates
   * when {@link #deflated()}, and verifies the CRC32C. A zstd chunk is read without a dictionary; use
   * {@link #reassemble(List, int, CompressionDictionary)} for a video that has one.
   *
   * @param parts every part of one chunk, in any order, each exactly once (duplicates with equal data are allowed)
   * @return the chunk's plain bytes
   * @throws PayloadFormatException if parts are missing or disagree, the Deflate data is corrupt, or the CRC32C of
   *     the result does not match
   */
  public static byte[] reassemble(List<FramePayload> parts) {
    return reassemble(parts, Integer.MAX_VALUE - 8);
  }

  /**
   * Like {@link #reassemble(List)}, but never builds more than {@code maxPlainBytes} bytes: use it with the size an
   * index expects, so that crafted parts (a Deflate bomb: up to 1032 plain bytes per stored byte) cannot exhaust
   * memory.
   *
   * @param parts every part of one chunk, in any order, each exactly once (duplicates with equal data are allowed)
   * @param maxPlainBytes the largest acceptable plain size in bytes, 0 or more
   * @return the chunk's plain bytes
   * @throws IllegalArgumentException if {@code maxPlainBytes} is negative
   * @throws PayloadFormatException as {@link #reassemble(List)} does, and if the plain bytes would be longer than
   *     {@code maxPlainBytes}
   */
  public static byte[] reassemble(List<FramePayload> parts, int maxPlainBytes) {
    return reassemble(parts, maxPlainBytes, null);
  }

  /**
   * Like {@link #reassemble(List, int)}, decompressing a zstd chunk with {@code dictionary} (the video's, from its
   * index). Zstd output grows only as the frame really produces bytes, never beyond {@code maxPlainBytes}.
   *
   * @param parts every part of one chunk, in any order, each exactly once (duplicates with equal data are allowed)
   * @param maxPlainBytes the largest acceptable plain size in bytes, 0 or more
   * @param dictionary the video's dictionary, or null when it has none
   * @return the chunk's plain bytes
   * @throws IllegalArgumentException if {@code maxPlainBytes} is negative
   * @throws PayloadFormatException as {@link #reassemble(List, int)}, and if the zstd data is corrupt or was made
   *     with another dictionary
   * @throws CompressionUnavailableException if the chunk is zstd and the zstd natives cannot be loaded
   */
  public static byte[] reassemble(List<FramePayload> parts, int maxPlainBytes,
      @Nullable CompressionDictionary dictionary) {
    if (maxPlainBytes < 0) {
      throw new IllegalArgumentException("maxPlainBytes < 0: " + maxPlainBytes);
    }
    if (parts.isEmpty()) {
      throw new PayloadFormatException("no parts");
    }
    FramePayload first = parts.get(0);
    FramePayload[] byPart = new FramePayload[first.partCount];
    for (FramePayload p : parts) {
      if (p.chunkIndex != first.chunkIndex || p.partCount != first.partCount || p.crc32c != first.crc32c
          || p.flags != first.flags || p.videoId != first.videoId || p.documentId != first.documentId
          || p.formatVersion != first.formatVersion) {
        throw new PayloadFormatException("parts of chunk " + first.chunkIndex + " disagree");
      }
      if (byPart[p.part] != null && !Arrays.equals(byPart[p.part].data, p.data)) {
        throw new PayloadFormatException("chunk " + first.chunkIndex + " part " + p.part + " seen twice, different");
      }
      byPart[p.part] = p;
    }
    ByteArrayOutputStream stored = new ByteArrayOutputStream();
    for (int i = 0; i < byPart.length; i++) {
      if (byPart[i] == null) {
        throw new PayloadFormatException("chunk " + first.chunkIndex + " is missing part " + i + " of " + byPart.length);
      }
      stored.writeBytes(byPart[i].data);
    }
    ChunkCompression method = first.compression();
    if (method == ChunkCompression.NONE && stored.size() > maxPlainBytes) {
      throw new PayloadFormatException("chunk " + first.chunkIndex + " holds " + stored.size()
          + " bytes, more than the " + maxPlainBytes + " expected");
    }
    byte[] plain;
    switch (method) {
      case DEFLATE:
        plain = inflate(stored.toByteArray(), first.chunkIndex, maxPlainBytes);
        break;
      case ZSTD:
        plain = io.qrvid.core.internal.Zstd.decompress(stored.toByteArray(),
            dictionary == null ? null : dictionary.decompression(), maxPlainBytes, first.chunkIndex);
        break;
      default:
        plain = stored.toByteArray();
    }
    int crc = crc32c(plain);
    if (crc != first.crc32c) {
      throw new PayloadFormatException(String.format("chunk %d fails its CRC32C (stored %08x, computed %08x)",
          first.chunkIndex, first.crc32c, crc));
    }
    return plain;
  }

  /** Sorts payloads by chunk index, then part; a convenience for readers. */
  public static final Comparator<FramePayload> BY_CHUNK_AND_PART =
      Comparator.comparingInt(FramePayload::chunkIndex).thenComparingInt(FramePayload::part);

  /**
   * Computes the CRC32C (Castagnoli, RFC 3720) of {@code bytes}, as stored in the header.
   *
   * @param bytes the bytes
   * @return the checksum's 32 bits as a signed int
   */
  public static int crc32c(byte[] bytes) {
    CRC32C c = new CRC32C();
    c.update(bytes);
    return (int) c.getValue();
  }

  private static byte[] inflate(byte[] deflated, int chunkIndex, int maxPlainBytes) {
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(deflated);
      ByteArrayOutputStream out = new ByteArrayOutputStream(
          (int) Math.min(maxPlainBytes, Math.min(Integer.MAX_VALUE - 8, deflated.length * 3L)));
      byte[] buf = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new PayloadFormatException("chunk " + chunkIndex + ": Deflate data ends early");
        }
        if (n > maxPlainBytes - out.size()) {
          throw new PayloadFormatException("chunk " + chunkIndex + ": Deflate data inflates beyond the "
              + maxPlainBytes + " bytes expected");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new PayloadFormatException("chunk " + chunkIndex + ": corrupt Deflate data", e);
    } finally {
      inflater.end();
    }
  }

  @Override
  public String toString() {
    return "FramePayload{v" + formatVersion + ", chunk=" + chunkIndex + ", part=" + part + "/" + partCount + ", bytes=" + data.length + "}";
  }
}
