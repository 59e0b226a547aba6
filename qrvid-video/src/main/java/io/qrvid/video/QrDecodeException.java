package io.qrvid.video;

import io.qrvid.core.QrvidException;
import java.util.List;
import java.util.Map;

/**
 * Thrown when a video could not be read back completely: it names every chunk that could not be recovered and
 * every document that is therefore incomplete. Nothing is ever filled in from another source; the documents that
 * were recovered and verified are available from {@link #recovered()}. A restore throws its subclass
 * {@link RestoreException}, which also names what could not be written.
 *
 * <p>It lives in {@code io.qrvid.video} because only the video readers ({@link QrVideoReader},
 * {@link QrVideoCorpus}) throw it and what it names, chunks and documents of a video, exists only there; reading a
 * QR image ({@code io.qrvid.decode}) never throws for "no QR found", it returns a result.
 */
public class QrDecodeException extends QrvidException {
  private static final long serialVersionUID = 1L;
  /** Indexes of the chunks not recovered, ascending. */
  private final List<Integer> missingChunks;
  /** Names of the documents that cannot be rebuilt. */
  private final List<String> incompleteDocuments;
  private final transient Map<String, byte[]> recovered;

  /**
   * Creates the exception.
   *
   * @param missingChunks indexes of the chunks not recovered, ascending
   * @param incompleteDocuments names of the documents that cannot be rebuilt
   * @param recovered documents rebuilt and verified against their SHA-256, by name
   * @param message what could not be read, for people
   */
  public QrDecodeException(String message, List<Integer> missingChunks, List<String> incompleteDocuments,
      Map<String, byte[]> recovered) {
    super(message);
    this.missingChunks = List.copyOf(missingChunks);
    this.incompleteDocuments = List.copyOf(incompleteDocuments);
    this.recovered = Map.copyOf(recovered);
  }

  /** {@return indexes of the chunks that could not be recovered, ascending} */
  public List<Integer> missingChunks() {
    return missingChunks;
  }

  /** {@return names of the documents that cannot be rebuilt} */
  public List<String> incompleteDocuments() {
    return incompleteDocuments;
  }

  /** {@return the documents that were rebuilt and verified, by name (the arrays are not copied)} */
  public Map<String, byte[]> recovered() {
    return recovered;
  }
}
