package io.qrvid.core;

import io.qrvid.core.internal.SafeFiles;
import java.util.Locale;
import java.util.Objects;

/**
 * How a chunk's bytes are compressed before they are packed into symbols ({@link PayloadPacker}). A chunk is stored
 * compressed only when that makes it smaller; otherwise it is stored as is, whatever the method.
 *
 * <p>The name written in a video's index is {@link #indexName()} ({@code none}, {@code deflate}, {@code zstd}).
 */
public enum ChunkCompression {
  /** Stored as is. */
  NONE,
  /** Raw Deflate (RFC 1951) at level 9, one stream per chunk: the only method of payload format 1. */
  DEFLATE,
  /**
   * Zstandard (RFC 8878), one frame per chunk without magic number, checksum, content size or dictionary id (the
   * chunk's CRC32C and its index entry carry those), with the video's {@link CompressionDictionary} when it has one.
   * Needs payload format 2.
   */
  ZSTD;

  /** {@return the lower-case name written in an index: {@code none}, {@code deflate} or {@code zstd}} */
  public String indexName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The method named {@code name} in an index.
   *
   * @param name the name as written in an index, lower-case
   * @return the method
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is not {@code none}, {@code deflate} or {@code zstd}
   */
  public static ChunkCompression fromIndexName(String name) {
    Objects.requireNonNull(name, "name == null");
    for (ChunkCompression c : values()) {
      if (c.indexName().equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown chunk compression " + SafeFiles.quote(name)
        + " (none, deflate, zstd)");
  }
}
