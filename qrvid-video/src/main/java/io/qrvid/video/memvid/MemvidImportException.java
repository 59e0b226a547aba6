package io.qrvid.video.memvid;

import io.qrvid.core.QrvidException;
import java.util.List;

/**
 * An import was refused because some chunks are not confirmed by the video ({@link MemvidVerdict#INDEX_ONLY} or
 * {@link MemvidVerdict#MISMATCH}) and the importer was not told to accept the index's text. Nothing was written.
 */
public class MemvidImportException extends QrvidException {
  private static final long serialVersionUID = 1L;
  private final transient List<MemvidChunk> flagged;

  /**
   * Creates the exception for the flagged chunks.
   *
   * @param message why the import was refused, for people
   * @param flagged the INDEX_ONLY and MISMATCH chunks, in library order (copied)
   */
  public MemvidImportException(String message, List<MemvidChunk> flagged) {
    super(message);
    this.flagged = List.copyOf(flagged);
  }

  /** {@return the chunks that are INDEX_ONLY or MISMATCH, in library order} */
  public List<MemvidChunk> flagged() {
    return flagged;
  }
}
