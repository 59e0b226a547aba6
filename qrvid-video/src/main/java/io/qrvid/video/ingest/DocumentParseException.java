package io.qrvid.video.ingest;

import io.qrvid.video.InvalidDocumentException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a document's text cannot be extracted: a PDF PDFBox cannot open (damaged, encrypted with a password),
 * an EPUB without a readable package document or over the archive limits, HTML that cannot be decoded. It names the
 * document and keeps the parser's failure as its cause. Nothing has been written when it is thrown.
 */
public class DocumentParseException extends InvalidDocumentException {
  private static final long serialVersionUID = 1L;
  /** The format the document was read as. */
  private final DocumentFormat format;

  /**
   * Creates the exception; the message is {@code document + ": cannot read it as " + format + ": " + message}.
   *
   * @param document the document's path or name
   * @param format the format the document was read as
   * @param message what went wrong, for people
   * @param cause the parser's failure, or null when there is none
   */
  public DocumentParseException(String document, DocumentFormat format, String message, @Nullable Throwable cause) {
    super(document, "cannot read it as " + format + ": " + message, cause);
    this.format = format;
  }

  /** {@return the format the document was read as} */
  public DocumentFormat format() {
    return format;
  }
}
