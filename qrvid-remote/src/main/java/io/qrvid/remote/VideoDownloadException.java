package io.qrvid.remote;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a video download cannot be accepted as complete and correct. The video file is never moved into place
 * in these cases, so a {@code .mp4} in the output folder is always whole.
 */
public class VideoDownloadException extends RemoteVideoException {
  private static final long serialVersionUID = 1L;

  /** Why the download was refused. */
  public enum Reason {
    /**
     * The announced length ({@code Content-Length}, {@code Content-Range}, or the provider's size) or the bytes
     * actually received exceed {@link TextToVideoClient.Builder#maxVideoBytes(long)}. The partial file is deleted.
     */
    TOO_LARGE,
    /**
     * The body ended without any way to know it was whole: no {@code Content-Length}, no chunked or HTTP/2 framing
     * (the body was delimited by the connection closing), no provider size or checksum, and a {@code Range} probe
     * that the server did not answer. The partial file is kept (a later resume probes again).
     */
    LENGTH_UNVERIFIED,
    /**
     * The file's checksum differed from the provider's ({@code x-goog-hash} MD5 or CRC32C, or the size or SHA-256 a
     * provider put in the {@link JobStatus}) on every attempt. The partial file is deleted.
     */
    CHECKSUM_MISMATCH
  }

  /** Why the download was refused. */
  private final Reason reason;
  /** The size of the partial file when the download stopped. */
  private final long bytesReceived;

  /**
   * Creates an exception.
   *
   * @param reason why the download was refused
   * @param message what happened; never contains a key or a URL query
   * @param bytesReceived how many bytes the partial file held when the download stopped
   * @param operationId the operation id
   */
  public VideoDownloadException(Reason reason, String message, long bytesReceived, @Nullable String operationId) {
    super(message, -1, null, operationId, null);
    this.reason = reason;
    this.bytesReceived = bytesReceived;
  }

  /** {@return why the download was refused} */
  public Reason reason() {
    return reason;
  }

  /** {@return how many bytes the partial file held when the download stopped} */
  public long bytesReceived() {
    return bytesReceived;
  }
}
