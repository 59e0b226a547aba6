package io.qrvid.core;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.zip.Deflater;

/**
 * Packs chunks into QR symbols as {@link FramePayload}s, filling every symbol to its byte capacity: a symbol may
 * hold the end of one chunk and the start of the next, and a chunk larger than what is left of a symbol is split
 * into parts across consecutive symbols, never rejected.
 *
 * <p>Each chunk is compressed with raw Deflate (level 9) when that makes it smaller, unless compression is off.
 * Full symbols go to the sink in order, numbered from 0; {@link #finish()} emits the last, partly filled one.
 *
 * <pre>{@code
 * PayloadPacker packer = new PayloadPacker(layout.symbolCapacity(), videoId, true, symbols::add);
 * for (Chunk c : chunks) placements.add(packer.add(c.documentId(), c.index(), c.bytes()));
 * int symbolCount = packer.finish();
 * }</pre>
 *
 * <p>Not thread-safe: one thread adds chunks in corpus order.
 */
public final class PayloadPacker {
  /** A part shorter than this is not started at the end of a symbol; the chunk starts in the next symbol. */
  static final int MIN_SPLIT_BYTES = 64;

  private final int capacity;
  private final int videoId;
  private final boolean compress;
  private final Consumer<byte[]> sink;
  private final ByteBuffer current;
  private final Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
  private int symbolNumber;
  private boolean finished;

  /**
   * Creates a packer.
   *
   * @param symbolCapacity the byte-mode capacity of one symbol, e.g. {@link FrameLayout#symbolCapacity()}
   * @param videoId the id written into every payload
   * @param compress whether to try Deflate on each chunk
   * @param sink receives each finished symbol's content, in symbol order
   * @throws IllegalArgumentException if the capacity cannot hold a header and {@value #MIN_SPLIT_BYTES} bytes
   */
  public PayloadPacker(int symbolCapacity, int videoId, boolean compress, Consumer<byte[]> sink) {
    if (symbolCapacity < FramePayload.HEADER_BYTES + MIN_SPLIT_BYTES) {
      throw new IllegalArgumentException("symbol capacity " + symbolCapacity + " < "
          + (FramePayload.HEADER_BYTES + MIN_SPLIT_BYTES) + " bytes; choose a larger version or lower EC level");
    }
    this.capacity = symbolCapacity;
    this.videoId = videoId;
    this.compress = compress;
    this.sink = Objects.requireNonNull(sink, "sink == null");
    this.current = ByteBuffer.allocate(symbolCapacity);
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
   * @param deflated whether the stored bytes are Deflate
   */
  public record Placement(int chunkIndex, int firstSymbol, int lastSymbol, int parts, int crc32c, int plainBytes,
      int storedBytes, boolean deflated) {}

  /**
   * Adds one chunk.
   *
   * @param plain the chunk's plain bytes (not modified)
   * @return where the chunk's parts went
   * @throws IllegalStateException after {@link #finish()}
   * @throws IllegalArgumentException if the chunk would need more than 65535 parts
   */
  public Placement add(int documentId, int chunkIndex, byte[] plain) {
    Objects.requireNonNull(plain, "plain == null");
    if (finished) {
      throw new IllegalStateException("finish() was called");
    }
    int crc = FramePayload.crc32c(plain);
    byte[] stored = plain;
    int flags = 0;
    if (compress && plain.length > 0) {
      byte[] deflated = deflate(plain);
      if (deflated.length < plain.length) {
        stored = deflated;
        flags = FramePayload.FLAG_DEFLATE;
      }
    }
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
      new FramePayload(flags, videoId, documentId, chunkIndex, part, (int) partCount, crc,
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
        flags != 0);
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
      deflater.end();
    }
    return symbolNumber;
  }

  private void flush() {
    sink.accept(Arrays.copyOf(current.array(), current.position()));
    current.clear();
    symbolNumber++;
  }

  private byte[] deflate(byte[] plain) {
    deflater.reset();
    deflater.setInput(plain);
    deflater.finish();
    byte[] out = new byte[plain.length + plain.length / 8 + 64];
    int n = 0;
    while (!deflater.finished()) {
      if (n == out.length) {
        out = Arrays.copyOf(out, out.length * 2);
      }
      n += deflater.deflate(out, n, out.length - n);
    }
    return Arrays.copyOf(out, n);
  }
}
