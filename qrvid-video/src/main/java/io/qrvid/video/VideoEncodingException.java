package io.qrvid.video;

import io.qrvid.core.QrvidException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Thrown when the video encoder, decoder or muxer (Humble Video / FFmpeg) fails. */
public class VideoEncodingException extends QrvidException {
  private static final long serialVersionUID = 1L;
  /** The video file concerned, or null. */
  private final @Nullable String output;

  /**
   * Creates the exception.
   *
   * @param output the video file concerned, when there is one
   * @param message what failed, for people; the output path is appended
   * @param cause the underlying failure (a Humble or I/O error), or null
   */
  public VideoEncodingException(String message, @Nullable Path output, @Nullable Throwable cause) {
    super(output == null ? message : message + " (" + output + ")", cause);
    this.output = output == null ? null : output.toString();
  }

  /** {@return the video file concerned, or null} */
  public @Nullable String output() {
    return output;
  }
}
