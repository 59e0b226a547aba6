package io.qrvid.video;

import org.jspecify.annotations.Nullable;

/** Thrown when Humble Video has no working natives for this OS and architecture. */
public class NativeLibraryUnavailableException extends VideoEncodingException {
  private static final long serialVersionUID = 1L;
  private final String os;
  private final String arch;

  /** Creates the exception; {@code cause} is the loader's error, typically an {@link UnsatisfiedLinkError}. */
  public NativeLibraryUnavailableException(String os, String arch, @Nullable Throwable cause) {
    super("Humble Video natives are not available for " + os + "/" + arch, null, cause);
    this.os = os;
    this.arch = arch;
  }

  /** The {@code os.name} system property. */
  public String os() {
    return os;
  }

  /** The {@code os.arch} system property. */
  public String arch() {
    return arch;
  }
}
