package io.qrvid.video.memvid;

import io.qrvid.core.QrvidException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** A memvid index file ({@code <name>_index.json}) is not valid JSON or lacks what memvid writes. */
public class MemvidIndexException extends QrvidException {
  private static final long serialVersionUID = 1L;
  private final transient Path path;

  /** Creates the exception for the index at {@code path}. */
  public MemvidIndexException(Path path, String message, @Nullable Throwable cause) {
    super("memvid index " + path + ": " + message, cause);
    this.path = path;
  }

  /** The index file. */
  public Path path() {
    return path;
  }
}
