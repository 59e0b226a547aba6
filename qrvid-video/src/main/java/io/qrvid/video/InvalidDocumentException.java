package io.qrvid.video;

import io.qrvid.core.QrvidException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when an input document cannot be stored: it is empty, its name is taken or not a plain file name, or (as
 * {@link io.qrvid.video.ingest.DocumentParseException}) its text cannot be extracted.
 */
public class InvalidDocumentException extends QrvidException {
  private static final long serialVersionUID = 1L;
  /** The document's path or name, as given to the encoder. */
  private final String document;

  /**
   * Creates the exception for {@code document}; the exception's message is {@code document + ": " + message}.
   *
   * @param document the document's path or name
   * @param message what is wrong with it, for people
   */
  public InvalidDocumentException(String document, String message) {
    super(document + ": " + message);
    this.document = document;
  }

  /**
   * Creates the exception for {@code document} with the failure that caused it; the exception's message is
   * {@code document + ": " + message}.
   *
   * @param document the document's path or name
   * @param message what is wrong with it, for people
   * @param cause the failure that caused it, e.g. a parser's exception, or null when there is none
   */
  public InvalidDocumentException(String document, String message, @Nullable Throwable cause) {
    super(document + ": " + message, cause);
    this.document = document;
  }

  /** {@return the document's path or name, as given to the encoder} */
  public String document() {
    return document;
  }
}
