package io.qrvid.remote.internal;

import java.io.IOException;

/**
 * A downloaded file whose checksum (or provider-reported size) disagrees with the provider's: the partial file is
 * already deleted, so a retry starts from byte 0. Retryable like any {@link IOException}; when retries run out it
 * becomes a {@link io.qrvid.remote.VideoDownloadException} with reason CHECKSUM_MISMATCH. Not API.
 */
public final class DownloadCheckException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long bytes;

  /** Creates the exception; {@code bytes} is the size of the rejected file. */
  public DownloadCheckException(String message, long bytes) {
    super(message);
    this.bytes = bytes;
  }

  /** Returns the size of the rejected file. */
  public long bytes() {
    return bytes;
  }
}
