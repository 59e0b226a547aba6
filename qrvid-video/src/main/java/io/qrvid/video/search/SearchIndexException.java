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
  /** The search index folder, as a string (a {@code Path} is not serializable). */
  private final String index;

  /**
   * Creates the exception for the index at {@code index}, without a cause; the message is
   * {@code index + ": " + message}.
   *
   * @param index the search index folder
   * @param message what is wrong, for people
   */
  public SearchIndexException(Path index, String message) {
    this(index, message, null);
  }

  /**
   * Creates the exception for the index at {@code index}; the message is {@code index + ": " + message}.
   *
   * @param index the search index folder
   * @param message what is wrong, for people
   * @param cause the failure that caused it, e.g. Lucene's, or null when there is none
   */
  public SearchIndexException(Path index, String message, @Nullable Throwable cause) {
    super(index + ": " + message, cause);
    this.index = index.toString();
  }

  /** {@return the search index folder} */
  public String index() {
    return index;
  }
}
