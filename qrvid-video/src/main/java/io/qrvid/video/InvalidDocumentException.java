package io.qrvid.video;

import io.qrvid.core.QrvidException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when an input document cannot be stored: it is empty, its name is taken or not a plain file name, or (as
 * {@link io.qrvid.video.ingest.DocumentParseException}) its text cannot be extracted.
 */
public class InvalidDocumentException extends QrvidException {
  private static final long serialVersionUID = 1L;
  private final String document;

  /** Creates the exception for {@code document} (a path or name). */
  public InvalidDocumentException(String document, String message) {
    super(document + ": " + message);
    this.document = document;
  }

  /** Creates the exception for {@code document} (a path or name) with the failure that caused it. */
  public InvalidDocumentException(String document, String message, @Nullable Throwable cause) {
    super(document + ": " + message, cause);
    this.document = document;
  }

  /** The document's path or name. */
  public String document() {
    return document;
  }
}
