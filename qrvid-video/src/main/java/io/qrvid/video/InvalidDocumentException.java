package io.qrvid.video;

import io.qrvid.core.QrvidException;

/** Thrown when an input document cannot be stored: it is empty, not valid UTF-8, or its name is taken. */
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

  /** {@return the document's path or name, as given to the encoder} */
  public String document() {
    return document;
  }
}
