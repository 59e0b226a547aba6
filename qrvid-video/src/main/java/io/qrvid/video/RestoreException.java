package io.qrvid.video;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Thrown by a restore ({@link QrVideoReader#restoreTo}, {@link QrVideoCorpus#restoreTo}) that wrote some documents
 * but not all: it names every chunk that could not be recovered and every document that is therefore incomplete
 * (as {@link QrDecodeException} does), every recovered document that could not be written with the reason
 * ({@link #unwritten()}), and every file that was written ({@link #written()}). A restore never stops at one bad
 * document: each other document is still written.
 */
public class RestoreException extends QrDecodeException {
  private static final long serialVersionUID = 1L;
  /** The files written, in index order. */
  private final List<Path> written;
  /** Recovered documents that could not be written, name to reason, in index order. */
  private final Map<String, String> unwritten;

  /**
   * Creates the exception.
   *
   * @param missingChunks indexes of the chunks not recovered, ascending
   * @param incompleteDocuments names of the documents that cannot be rebuilt from the video
   * @param recovered documents rebuilt and verified, by name
   * @param written the files written, in order
   * @param unwritten names of recovered documents that could not be written, each with the reason, in order
   * @param message what could not be read or written, for people
   */
  public RestoreException(String message, List<Integer> missingChunks, List<String> incompleteDocuments,
      Map<String, byte[]> recovered, List<Path> written, Map<String, String> unwritten) {
    super(message, missingChunks, incompleteDocuments, recovered);
    this.written = List.copyOf(written);
    this.unwritten = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(unwritten));
  }

  /** {@return the files written, in index order} */
  public List<Path> written() {
    return written;
  }

  /** {@return recovered documents that could not be written (document name to the reason), in index order} */
  public Map<String, String> unwritten() {
    return unwritten;
  }
}
