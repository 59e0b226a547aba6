package io.qrvid.core;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a compression method's native library cannot be loaded on this platform (zstd-jni ships natives for
 * Linux, macOS and Windows on the common architectures; see {@link ChunkCompression#ZSTD}). The cause is the
 * loader's error, usually an {@link UnsatisfiedLinkError}. Videos written with {@link ChunkCompression#DEFLATE} or
 * {@link ChunkCompression#NONE} need no native library.
 */
public class CompressionUnavailableException extends QrvidException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what could not be loaded, naming the platform (OS and architecture)
   * @param cause the loader's error, usually an {@link UnsatisfiedLinkError}, or null when there is none
   */
  public CompressionUnavailableException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
