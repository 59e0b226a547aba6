package io.qrvid.video.search;

import io.qrvid.core.QrvidException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a video's search index is missing, unreadable, of another format version, built for another video (a
 * different video id), or built with an analyzer or embedder the searcher does not have. It names the index folder.
 */
public class SearchIndexException extends QrvidException {
  private static final long serialVersionUID = 1L;
  private final String index;

  /** Creates the exception for the index at {@code index}, without a cause. */
  public SearchIndexException(Path index, String message) {
    this(index, message, null);
  }

  /** Creates the exception for the index at {@code index}. */
  public SearchIndexException(Path index, String message, @Nullable Throwable cause) {
    super(index + ": " + message, cause);
    this.index = index.toString();
  }

  /** The search index folder. */
  public String index() {
    return index;
  }
}
