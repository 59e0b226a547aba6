package io.qrvid.video;

import io.qrvid.core.QrvidException;

/** Thrown when an input document cannot be stored: it is empty, not valid UTF-8, or its name is taken. */
public class InvalidDocumentException extends QrvidException {
  private static final long serialVersionUID = 1L;
  private final String document;

  /** Creates the exception for {@code document} (a path or name). */
  public InvalidDocumentException(String document, String message) {
    super(document + ": " + message);
    this.document = document;
  }

  /** The document's path or name. */
  public String document() {
    return document;
  }
}
