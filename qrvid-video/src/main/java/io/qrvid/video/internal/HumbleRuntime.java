package io.qrvid.video.internal;

import io.qrvid.video.NativeLibraryUnavailableException;

/**
 * Loads Humble Video's natives once and reports whether they are usable on this OS and architecture.
 * Thread-safe.
 */
public final class HumbleRuntime {
  private static volatile Throwable failure;
  private static volatile boolean checked;
  /** Codec and muxer {@code open()} calls are serialized across sessions (Humble issues #131, #142). */
  static final Object OPEN_LOCK = new Object();

  private HumbleRuntime() {}

  /** True when Humble Video's classes and natives load here. */
  public static boolean isAvailable() {
    check();
    return failure == null;
  }

  /**
   * Throws if the natives cannot be loaded.
   *
   * @throws NativeLibraryUnavailableException with the OS and architecture, and the loader's error as cause
   */
  public static void require() {
    check();
    if (failure != null) {
      throw new NativeLibraryUnavailableException(System.getProperty("os.name"), System.getProperty("os.arch"),
          failure);
    }
  }

  private static synchronized void check() {
    if (checked) {
      return;
    }
    try {
      // Forces io.humble.video's static initialiser, which extracts and loads the natives.
      io.humble.video.Codec.findEncodingCodecByName("libx264");
    } catch (Throwable t) { // LinkageError, or a RuntimeException from the native loader
      failure = t;
    }
    checked = true;
  }
}
