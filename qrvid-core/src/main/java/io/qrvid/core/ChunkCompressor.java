package io.qrvid.core;

import io.qrvid.core.internal.Zstd;
import java.io.ByteArrayOutputStream;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.Deflater;
import org.jspecify.annotations.Nullable;

/**
 * Compresses chunks the way {@link PayloadPacker} stores them, one chunk at a time and each on its own, and may be
 * called from several threads at once: an encoder compresses chunks on its workers ahead of the packer
 * ({@link PayloadPacker#add(int, int, byte[], Compressed)}), since zstd at level 19 with a dictionary is the slowest
 * step of packing.
 *
 * <pre>{@code
 * try (ChunkCompressor compressor = ChunkCompressor.of(ChunkCompression.ZSTD, dictionary, 19)) {
 *   ChunkCompressor.Compressed c = compressor.compress(chunk.bytes()); // on any thread
 * }
 * }</pre>
 *
 * <p>Thread-safe. Native compression contexts are pooled (one per thread using it at a time) and freed by
 * {@link #close()}; compressing after close fails.
 */
public final class ChunkCompressor implements AutoCloseable {
  private final ChunkCompression method;
  private final @Nullable CompressionDictionary dictionary;
  private final int level;
  private final ConcurrentLinkedQueue<Object> idle = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;

  private ChunkCompressor(ChunkCompression method, @Nullable CompressionDictionary dictionary, int level) {
    this.method = method;
    this.dictionary = dictionary;
    this.level = level;
  }

  /**
   * A compressor.
   *
   * @param method the method
   * @param dictionary zstd's dictionary, or null
   * @param level the zstd level 1..22 (ignored for the other methods; Deflate is always level 9)
   * @return a new compressor; close it to free its native contexts
   * @throws NullPointerException if {@code method} is null
   * @throws IllegalArgumentException if the level is out of range, or a dictionary is given without zstd
   * @throws CompressionUnavailableException if zstd is asked for and its natives cannot be loaded
   */
  public static ChunkCompressor of(ChunkCompression method, @Nullable CompressionDictionary dictionary, int level) {
    Objects.requireNonNull(method, "method == null");
    if (level < 1 || level > 22) {
      throw new IllegalArgumentException("zstd level not in 1..22: " + level);
    }
    if (dictionary != null && method != ChunkCompression.ZSTD) {
      throw new IllegalArgumentException("a dictionary needs ChunkCompression.ZSTD, not " + method);
    }
    if (method == ChunkCompression.ZSTD) {
      Zstd.require();
    }
    return new ChunkCompressor(method, dictionary, level);
  }

  /**
   * A chunk as it will be stored.
   *
   * @param compression how {@code bytes} are compressed: the compressor's method, or {@link ChunkCompression#NONE}
   *     when compressing did not make the chunk smaller
   * @param bytes the stored bytes (the plain bytes themselves when not compressed)
   * @param plainCrc32c CRC32C of the plain bytes
   * @param plainBytes the plain size
   */
  public record Compressed(ChunkCompression compression, byte[] bytes, int plainCrc32c, int plainBytes) {}

  /** {@return the compression method, as given to {@link #of}} */
  public ChunkCompression method() {
    return method;
  }

  /**
   * Compresses one chunk; the result is stored compressed only when that is smaller. May be called from several
   * threads at once.
   *
   * @param plain the chunk's plain bytes; not modified, and returned as the stored bytes when not compressed
   * @return the chunk as it will be stored, with the CRC32C and size of the plain bytes
   * @throws NullPointerException if {@code plain} is null
   * @throws IllegalStateException after {@link #close()}
   */
  public Compressed compress(byte[] plain) {
    Objects.requireNonNull(plain, "plain == null");
    if (closed) {
      throw new IllegalStateException("compressor closed");
    }
    int crc = FramePayload.crc32c(plain);
    if (method == ChunkCompression.NONE || plain.length == 0) {
      return new Compressed(ChunkCompression.NONE, plain, crc, plain.length);
    }
    byte[] packed;
    Object ctx = idle.poll();
    try {
      if (method == ChunkCompression.DEFLATE) {
        Deflater d = ctx != null ? (Deflater) ctx : new Deflater(Deflater.BEST_COMPRESSION, true);
        ctx = d;
        packed = deflate(d, plain);
      } else {
        Zstd.Compressor z = ctx != null ? (Zstd.Compressor) ctx
            : Zstd.compressor(level, dictionary == null ? null : dictionary.rawBytes());
        ctx = z;
        packed = z.compress(plain);
      }
    } finally {
      if (ctx != null) {
        idle.add(ctx);
        if (closed) {
          free();
        }
      }
    }
    return packed.length < plain.length ? new Compressed(method, packed, crc, plain.length)
        : new Compressed(ChunkCompression.NONE, plain, crc, plain.length);
  }

  private static byte[] deflate(Deflater deflater, byte[] plain) {
    deflater.reset();
    deflater.setInput(plain);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 2 + 64);
    byte[] buf = new byte[8192];
    while (!deflater.finished()) {
      out.write(buf, 0, deflater.deflate(buf));
    }
    return out.toByteArray();
  }

  /** Frees the pooled contexts. Idempotent; a compression running on another thread frees its own when done. */
  @Override
  public void close() {
    closed = true;
    free();
  }

  private void free() {
    Object ctx;
    while ((ctx = idle.poll()) != null) {
      if (ctx instanceof Deflater d) {
        d.end();
      } else {
        ((Zstd.Compressor) ctx).close();
      }
    }
  }
}
