package io.qrvid.core;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Packs chunks into QR symbols as {@link FramePayload}s, filling every symbol to its byte capacity: a symbol may
 * hold the end of one chunk and the start of the next, and a chunk larger than what is left of a symbol is split
 * into parts across consecutive symbols, never rejected.
 *
 * <p>Each chunk is compressed on its own with the packer's {@link ChunkCompression} (zstd with a corpus
 * {@link CompressionDictionary}, zstd, raw Deflate at level 9, or none) when that makes it smaller, so that any chunk
 * can be read without the others. Full symbols go to the sink in order, numbered from 0; {@link #finish()} emits the
 * last, partly filled one.
 *
 * <pre>{@code
 * try (PayloadPacker packer = PayloadPacker.builder(layout.symbolCapacity(), videoId, symbols::add)
 *     .compression(ChunkCompression.ZSTD).dictionary(dictionary).build()) {
 *   for (Chunk c : chunks) placements.add(packer.add(c.documentId(), c.index(), c.bytes()));
 *   int symbolCount = packer.finish();
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one thread adds chunks in corpus order. A zstd packer holds native memory until
 * {@link #finish()} or {@link #close()}.
 */
public final class PayloadPacker implements AutoCloseable {
  /** The default zstd level: 19, the highest before zstd's "ultra" levels (measured in {@code qrvid bench video}). */
  public static final int DEFAULT_ZSTD_LEVEL = 19;

  /** A part shorter than this is not started at the end of a symbol; the chunk starts in the next symbol. */
  static final int MIN_SPLIT_BYTES = 64;

  private final int capacity;
  private final int videoId;
  private final ChunkCompression compression;
  private final int formatVersion;
  private final Consumer<byte[]> sink;
  private final ByteBuffer current;
  private final ChunkCompressor compressor;
  private int symbolNumber;
  private boolean finished;
  private boolean closed;

  /**
   * Creates a packer that writes payload format 2 with Deflate (or nothing) as compression; see {@link #builder}
   * for zstd and dictionaries.
   *
   * @param symbolCapacity the byte-mode capacity of one symbol, e.g. {@link FrameLayout#symbolCapacity()}
   * @param videoId the id written into every payload
   * @param compress whether to try Deflate on each chunk
   * @param sink receives each finished symbol's content, in symbol order
   * @throws IllegalArgumentException if the capacity cannot hold a header and {@value #MIN_SPLIT_BYTES} bytes
   */
  public PayloadPacker(int symbolCapacity, int videoId, boolean compress, Consumer<byte[]> sink) {
    this(builder(symbolCapacity, videoId, sink).compression(compress ? ChunkCompression.DEFLATE
        : ChunkCompression.NONE));
  }

  private PayloadPacker(Builder b) {
    if (b.capacity < FramePayload.HEADER_BYTES + MIN_SPLIT_BYTES) {
      throw new IllegalArgumentException("symbol capacity " + b.capacity + " < "
          + (FramePayload.HEADER_BYTES + MIN_SPLIT_BYTES) + " bytes; choose a larger version or lower EC level");
    }
    this.capacity = b.capacity;
    this.videoId = b.videoId;
    this.compression = b.compression;
    this.formatVersion = b.formatVersion;
    this.sink = b.sink;
    this.current = ByteBuffer.allocate(b.capacity);
    this.compressor = ChunkCompressor.of(compression, b.dictionary, b.level);
  }

  /**
   * A builder for a packer (default: zstd at level {@value #DEFAULT_ZSTD_LEVEL}, no dictionary, payload format
   * {@value FramePayload#FORMAT_VERSION}).
   *
   * @param symbolCapacity the byte-mode capacity of one symbol, e.g. {@link FrameLayout#symbolCapacity()}
   * @param videoId the id written into every payload
   * @param sink receives each finished symbol's content, in symbol order
   * @return a new builder; the capacity is checked by {@link Builder#build()}
   * @throws NullPointerException if {@code sink} is null
   */
  public static Builder builder(int symbolCapacity, int videoId, Consumer<byte[]> sink) {
    return new Builder(symbolCapacity, videoId, Objects.requireNonNull(sink, "sink == null"));
  }

  /** {@return the compression method tried on each chunk} */
  public ChunkCompression compression() {
    return compression;
  }

  /**
   * Where a chunk went and how it was stored.
   *
   * @param chunkIndex the chunk's index
   * @param firstSymbol the symbol holding part 0
   * @param lastSymbol the symbol holding the last part (parts occupy consecutive symbols)
   * @param parts the number of parts
   * @param crc32c CRC32C of the plain bytes
   * @param plainBytes length of the plain bytes
   * @param storedBytes length of the stored (possibly compressed) bytes
   * @param compression how the stored bytes are compressed ({@link ChunkCompression#NONE} when compressing did not
   *     make the chunk smaller)
   */
  public record Placement(int chunkIndex, int firstSymbol, int lastSymbol, int parts, int crc32c, int plainBytes,
      int storedBytes, ChunkCompression compression) {

    /** {@return whether the stored bytes are compressed} */
    public boolean compressed() {
      return compression != ChunkCompression.NONE;
    }

    /** {@return whether the stored bytes are raw Deflate} */
    public boolean deflated() {
      return compression == ChunkCompression.DEFLATE;
    }
  }

  /**
   * Adds one chunk, compressing it with the packer's method; full symbols go to the sink on this thread.
   *
   * @param documentId the id of the chunk's document, 0 or more, written into every part
   * @param chunkIndex the corpus-wide chunk index, 0 or more, written into every part
   * @param plain the chunk's plain bytes (not modified)
   * @return where the chunk's parts went
   * @throws NullPointerException if {@code plain} is null
   * @throws IllegalStateException after {@link #finish()} or {@link #close()}
   * @throws IllegalArgumentException if the chunk would need more than 65535 parts, or an id or index is negative
   */
  public Placement add(int documentId, int chunkIndex, byte[] plain) {
    Objects.requireNonNull(plain, "plain == null");
    if (finished) {
      throw new IllegalStateException("finish() was called");
    }
    return add(documentId, chunkIndex, plain, compressor.compress(plain));
  }

  /**
   * Adds one chunk compressed beforehand, e.g. on another thread by a {@link ChunkCompressor} with this packer's
   * method and dictionary.
   *
   * @param documentId the id of the chunk's document, 0 or more, written into every part
   * @param chunkIndex the corpus-wide chunk index, 0 or more, written into every part
   * @param plain the chunk's plain bytes (not modified)
   * @param compressed what {@link ChunkCompressor#compress(byte[])} made of {@code plain}
   * @return where the chunk's parts went
   * @throws NullPointerException if {@code plain} or {@code compressed} is null
   * @throws IllegalStateException after {@link #finish()} or {@link #close()}
   * @throws IllegalArgumentException if {@code compressed} does not describe {@code plain}, uses another method
   *     than this packer's, or the chunk would need more than 65535 parts
   */
  public Placement add(int documentId, int chunkIndex, byte[] plain, ChunkCompressor.Compressed compressed) {
    Objects.requireNonNull(plain, "plain == null");
    Objects.requireNonNull(compressed, "compressed == null");
    if (finished) {
      throw new IllegalStateException("finish() was called");
    }
    ChunkCompression used = compressed.compression();
    if (compressed.plainBytes() != plain.length || compressed.plainCrc32c() != FramePayload.crc32c(plain)
        || used != ChunkCompression.NONE && used != compression) {
      throw new IllegalArgumentException("chunk " + chunkIndex + ": the compressed form does not belong to these "
          + "bytes or this packer's " + compression);
    }
    int crc = compressed.plainCrc32c();
    byte[] stored = compressed.bytes();
    int flags = used == ChunkCompression.DEFLATE ? FramePayload.FLAG_DEFLATE
        : used == ChunkCompression.ZSTD ? FramePayload.FLAG_ZSTD : 0;
    int perSymbol = capacity - FramePayload.HEADER_BYTES;
    int room = current.remaining() - FramePayload.HEADER_BYTES;
    if (room < stored.length && room < MIN_SPLIT_BYTES) {
      flush();
      room = perSymbol;
    }
    int firstLen = Math.min(stored.length, room);
    long partCount = 1 + ((long) stored.length - firstLen + perSymbol - 1) / perSymbol;
    if (partCount > 0xFFFF) {
      throw new IllegalArgumentException("chunk " + chunkIndex + " needs " + partCount + " parts (max 65535)");
    }
    int firstSymbol = symbolNumber;
    int offset = 0;
    for (int part = 0; part < partCount; part++) {
      int len = Math.min(stored.length - offset, current.remaining() - FramePayload.HEADER_BYTES);
      new FramePayload(formatVersion, flags, videoId, documentId, chunkIndex, part, (int) partCount, crc,
          Arrays.copyOfRange(stored, offset, offset + len)).writeTo(current);
      offset += len;
      if (part + 1 < partCount) {
        flush();
      }
    }
    int lastSymbol = symbolNumber;
    if (current.remaining() < FramePayload.HEADER_BYTES + 1) {
      flush();
    }
    return new Placement(chunkIndex, firstSymbol, lastSymbol, (int) partCount, crc, plain.length, stored.length,
        used);
  }

  /**
   * Emits the last symbol if it holds anything and closes the packer. Idempotent.
   *
   * @return the number of symbols emitted in all
   */
  public int finish() {
    if (!finished) {
      if (current.position() > 0) {
        flush();
      }
      finished = true;
      close();
    }
    return symbolNumber;
  }

  /** Frees the compressor's memory without emitting anything; {@link #add} fails afterwards. Idempotent. */
  @Override
  public void close() {
    finished = true;
    if (closed) {
      return;
    }
    closed = true;
    compressor.close();
  }

  private void flush() {
    sink.accept(Arrays.copyOf(current.array(), current.position()));
    current.clear();
    symbolNumber++;
  }

  /** Configures a {@link PayloadPacker}. Mutable and not thread-safe. */
  public static final class Builder {
    private final int capacity;
    private final int videoId;
    private final Consumer<byte[]> sink;
    private ChunkCompression compression = ChunkCompression.ZSTD;
    private @Nullable CompressionDictionary dictionary;
    private int level = DEFAULT_ZSTD_LEVEL;
    private int formatVersion = FramePayload.FORMAT_VERSION;

    private Builder(int capacity, int videoId, Consumer<byte[]> sink) {
      this.capacity = capacity;
      this.videoId = videoId;
      this.sink = sink;
    }

    /**
     * The compression tried on each chunk (default {@link ChunkCompression#ZSTD}).
     *
     * @param compression the method
     * @return this builder
     * @throws NullPointerException if {@code compression} is null
     */
    public Builder compression(ChunkCompression compression) {
      this.compression = Objects.requireNonNull(compression, "compression == null");
      return this;
    }

    /**
     * The dictionary zstd compresses with (default none). Readers need the same dictionary, so it is stored with the
     * video (in its index).
     *
     * @param dictionary the dictionary, or null for none
     * @return this builder
     */
    public Builder dictionary(@Nullable CompressionDictionary dictionary) {
      this.dictionary = dictionary;
      return this;
    }

    /**
     * The zstd level, 1 to 22 (default {@value #DEFAULT_ZSTD_LEVEL}).
     *
     * @param level the zstd compression level; ignored by the other methods
     * @return this builder
     * @throws IllegalArgumentException if not in 1..22
     */
    public Builder level(int level) {
      if (level < 1 || level > 22) {
        throw new IllegalArgumentException("zstd level not in 1..22: " + level);
      }
      this.level = level;
      return this;
    }

    /**
     * The payload format version written (default {@value FramePayload#FORMAT_VERSION}); version 1 is read by
     * qrvid before zstd existed and allows only Deflate or no compression.
     *
     * @param version the payload format version, 1 or 2
     * @return this builder
     * @throws IllegalArgumentException unless 1 or 2
     */
    public Builder formatVersion(int version) {
      if (version != FramePayload.FORMAT_VERSION_1 && version != FramePayload.FORMAT_VERSION) {
        throw new IllegalArgumentException("payload format version not 1 or 2: " + version);
      }
      this.formatVersion = version;
      return this;
    }

    /**
     * Builds the packer.
     *
     * @return a new packer; finish or close it to free its compressor
     * @throws IllegalArgumentException if the capacity cannot hold a header and {@value #MIN_SPLIT_BYTES} bytes
     * @throws IllegalStateException if format version 1 is asked for with zstd, or a dictionary without zstd
     * @throws CompressionUnavailableException if zstd is asked for and its natives cannot be loaded
     */
    public PayloadPacker build() {
      if (formatVersion == FramePayload.FORMAT_VERSION_1 && compression == ChunkCompression.ZSTD) {
        throw new IllegalStateException("payload format version 1 has no zstd; use DEFLATE or NONE");
      }
      if (dictionary != null && compression != ChunkCompression.ZSTD) {
        throw new IllegalStateException("a dictionary needs ChunkCompression.ZSTD, not " + compression);
      }
      return new PayloadPacker(this);
    }
  }


}
