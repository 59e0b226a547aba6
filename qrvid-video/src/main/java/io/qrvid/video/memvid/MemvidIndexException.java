package io.qrvid.video.memvid;

import io.qrvid.core.QrvidException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** A memvid index file ({@code <name>_index.json}) is not valid JSON or lacks what memvid writes. */
public class MemvidIndexException extends QrvidException {
  private static final long serialVersionUID = 1L;
  private final transient Path path;

  /**
   * Creates the exception for the index at {@code path}.
   *
   * @param path the index file
   * @param message what is wrong; the path is prepended
   * @param cause the underlying failure (a JSON parse error, an I/O error), or null
   */
  public MemvidIndexException(Path path, String message, @Nullable Throwable cause) {
    super("memvid index " + path + ": " + message, cause);
    this.path = path;
  }

  /** {@return the index file} */
  public Path path() {
    return path;
  }
}
