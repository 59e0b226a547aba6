package io.qrvid.video;

import org.jspecify.annotations.Nullable;

/** Thrown when Humble Video has no working natives for this OS and architecture. */
public class NativeLibraryUnavailableException extends VideoEncodingException {
  private static final long serialVersionUID = 1L;
  /** The {@code os.name} system property. */
  private final String os;
  /** The {@code os.arch} system property. */
  private final String arch;

  /**
   * Creates the exception; {@code cause} is the loader's error, typically an {@link UnsatisfiedLinkError}.
   *
   * @param os the {@code os.name} system property
   * @param arch the {@code os.arch} system property
   * @param cause the loader's error, or null
   */
  public NativeLibraryUnavailableException(String os, String arch, @Nullable Throwable cause) {
    super("Humble Video natives are not available for " + os + "/" + arch, null, cause);
    this.os = os;
    this.arch = arch;
  }

  /** {@return the {@code os.name} system property} */
  public String os() {
    return os;
  }

  /** {@return the {@code os.arch} system property} */
  public String arch() {
    return arch;
  }
}
