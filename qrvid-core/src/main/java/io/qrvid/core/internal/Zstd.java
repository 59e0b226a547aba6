package io.qrvid.core.internal;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictDecompress;
import com.github.luben.zstd.ZstdException;
import io.qrvid.core.CompressionUnavailableException;
import io.qrvid.core.PayloadFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * The one place qrvid calls zstd-jni (Zstandard, RFC 8878): native loading with a typed error, frame compression with
 * qrvid's settings, and bounded streaming decompression. No zstd-jni type leaves this class's callers in
 * {@code io.qrvid.core}. Not API.
 *
 * <p>Chunk frames are written without magic number, checksum, content size or dictionary id (about 9 bytes saved per
 * chunk; the chunk's CRC32C and index entry carry what those would), so they are read with the same settings.
 */
public final class Zstd {
  private static volatile boolean loaded;
  /** Idle decompression contexts (about 100 KB of native memory each), at most {@value #MAX_IDLE}. */
  private static final java.util.concurrent.ConcurrentLinkedQueue<ZstdDecompressCtx> IDLE =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private static final int MAX_IDLE = 16;
  private static final java.util.concurrent.atomic.AtomicInteger IDLE_COUNT =
      new java.util.concurrent.atomic.AtomicInteger();

  private Zstd() {}

  /**
   * Loads the zstd natives once.
   *
   * @throws CompressionUnavailableException if zstd-jni has no native library for this platform
   */
  public static void require() {
    if (loaded) {
      return;
    }
    try {
      com.github.luben.zstd.util.Native.load();
      loaded = true;
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      throw new CompressionUnavailableException("zstd natives are not available for "
          + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + " (zstd-jni): " + e.getMessage()
          + "; write videos with ChunkCompression.DEFLATE on this platform", e);
    }
  }

  /** A digested dictionary for decompression; thread-safe, freed by the garbage collector. */
  public static Object decompressDictionary(byte[] dictionary) {
    require();
    return new ZstdDictDecompress(dictionary);
  }

  /** A compressor for chunk frames at {@code level}, with {@code dictionary} (raw bytes) when not null. */
  public static Compressor compressor(int level, byte @Nullable [] dictionary) {
    require();
    return new Compressor(level, dictionary);
  }

  /** Compresses chunks into frames with fixed settings. Not thread-safe; close it to free its native memory. */
  public static final class Compressor implements AutoCloseable {
    private final @Nullable ZstdDictCompress dict;
    private final ZstdCompressCtx ctx = new ZstdCompressCtx();

    private Compressor(int level, byte @Nullable [] dictionary) {
      dict = dictionary == null ? null : new ZstdDictCompress(dictionary, level);
      ctx.setLevel(level).setMagicless(true).setChecksum(false).setContentSize(false).setDictID(false);
      if (dict != null) {
        ctx.loadDict(dict);
      }
    }

    /** One frame holding {@code plain}. */
    public byte[] compress(byte[] plain) {
      return ctx.compress(plain);
    }

    @Override
    public void close() {
      ctx.close();
      if (dict != null) {
        dict.close();
      }
    }
  }

  /**
   * Decompresses one chunk frame, never building more than {@code maxPlainBytes} bytes: the output grows only as
   * the frame really produces bytes, so a crafted frame cannot make it allocate more.
   *
   * @param dictionary a value from {@link #decompressDictionary}, or null
   * @throws PayloadFormatException if the frame is corrupt, truncated, followed by other bytes, needs another
   *     dictionary, or would produce more than {@code maxPlainBytes} bytes
   */
  public static byte[] decompress(byte[] frame, @Nullable Object dictionary, int maxPlainBytes, int chunkIndex) {
    require();
    ZstdDecompressCtx ctx = IDLE.poll();
    if (ctx != null) {
      IDLE_COUNT.decrementAndGet();
      ctx.reset(); // parameters and dictionary too
    } else {
      ctx = new ZstdDecompressCtx();
    }
    boolean reusable = false;
    try {
      ctx.setMagicless(true);
      if (dictionary != null) {
        ctx.loadDict((ZstdDictDecompress) dictionary);
      }
      ByteBuffer src = ByteBuffer.wrap(frame);
      ByteBuffer buf = ByteBuffer.allocate(8192);
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxPlainBytes, Math.max(64, frame.length * 4)));
      while (true) {
        buf.clear();
        boolean done = ctx.decompressByteBufferStream(buf, src);
        int n = buf.position();
        if (n > maxPlainBytes - out.size()) {
          throw new PayloadFormatException("chunk " + chunkIndex + ": zstd data decompresses beyond the "
              + maxPlainBytes + " bytes expected");
        }
        out.write(buf.array(), 0, n);
        if (done) {
          if (src.hasRemaining()) {
            throw new PayloadFormatException("chunk " + chunkIndex + ": " + src.remaining()
                + " bytes follow the zstd frame");
          }
          reusable = true;
          return out.toByteArray();
        }
        if (n == 0 && !src.hasRemaining()) {
          throw new PayloadFormatException("chunk " + chunkIndex + ": zstd data ends early");
        }
      }
    } catch (ZstdException e) {
      throw new PayloadFormatException("chunk " + chunkIndex + ": corrupt zstd data (" + e.getMessage() + ")", e);
    } finally {
      if (reusable && IDLE_COUNT.incrementAndGet() <= MAX_IDLE) {
        IDLE.add(ctx);
      } else {
        if (reusable) {
          IDLE_COUNT.decrementAndGet();
        }
        ctx.close();
      }
    }
  }

  /** A standard zstd frame (with magic and content size) of {@code bytes} at level 19: a dictionary's stored form. */
  public static byte[] compressStandard(byte[] bytes) {
    require();
    return com.github.luben.zstd.Zstd.compress(bytes, 19);
  }

  /**
   * Decompresses a standard frame written by {@link #compressStandard} into exactly {@code expectedBytes} bytes.
   *
   * @throws IllegalArgumentException if the frame is corrupt or does not hold exactly {@code expectedBytes} bytes
   */
  public static byte[] decompressStandard(byte[] frame, int expectedBytes) {
    require();
    long declared = com.github.luben.zstd.Zstd.getFrameContentSize(frame);
    if (declared != expectedBytes) {
      throw new IllegalArgumentException("the zstd frame declares " + declared + " bytes, not " + expectedBytes);
    }
    try (ZstdDecompressCtx ctx = new ZstdDecompressCtx()) {
      byte[] out = new byte[expectedBytes];
      int n = ctx.decompressByteArray(out, 0, out.length, frame, 0, frame.length);
      if (n != expectedBytes) {
        throw new IllegalArgumentException("the zstd frame holds " + n + " bytes, not " + expectedBytes);
      }
      return out;
    } catch (ZstdException e) {
      throw new IllegalArgumentException("corrupt zstd frame: " + e.getMessage(), e);
    }
  }

  /**
   * Trains a dictionary of at most {@code maxBytes} from {@code samples} (zstd's default trainer, fastCover).
   *
   * @return the dictionary, or null when zstd cannot train one from these samples (too few or too small)
   */
  public static byte @Nullable [] train(Iterable<byte[]> samples, long sampleBytes, int maxBytes) {
    require();
    com.github.luben.zstd.ZstdDictTrainer trainer = new com.github.luben.zstd.ZstdDictTrainer(
        (int) Math.min(Integer.MAX_VALUE - 8, sampleBytes + 1), maxBytes);
    for (byte[] s : samples) {
      trainer.addSample(s);
    }
    try {
      return trainer.trainSamples();
    } catch (ZstdException e) {
      return null;
    }
  }

  /** The dictionary id written in a zstd dictionary's header, or 0 for raw content. */
  public static long dictionaryId(byte[] dictionary) {
    require();
    return com.github.luben.zstd.Zstd.getDictIdFromDict(dictionary);
  }
}
