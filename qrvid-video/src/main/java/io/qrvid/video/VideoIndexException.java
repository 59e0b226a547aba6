package io.qrvid.video;

import io.qrvid.core.QrvidException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a video's index is missing, unreadable, of an unsupported format version, or belongs to another
 * video than the one being read.
 */
public class VideoIndexException extends QrvidException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public VideoIndexException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
