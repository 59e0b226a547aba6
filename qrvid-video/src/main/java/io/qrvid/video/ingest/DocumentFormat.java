package io.qrvid.video.ingest;

/**
 * The formats {@link DocumentIngester} recognises, with what it does for each.
 *
 * <p>A format is chosen from the file's first bytes (PDF and ZIP signatures) and its name's extension; see
 * {@link DocumentIngester#detect(String, byte[])}.
 */
public enum DocumentFormat {
  /** PDF: stored as bytes; text extracted per page with Apache PDFBox, titles from the outline (bookmarks). */
  PDF("application/pdf"),
  /** EPUB 2 or 3: stored as bytes; text extracted from the XHTML of the spine, titles from headings and the table of contents. */
  EPUB("application/epub+zip"),
  /** HTML or XHTML: stored as is (as text when it is UTF-8); text extracted with jsoup, titles from headings. */
  HTML("text/html"),
  /** Markdown (CommonMark): stored and searched as text; headings become chunk titles. */
  MARKDOWN("text/markdown"),
  /** Any other valid UTF-8: stored and searched as text. */
  TEXT("text/plain"),
  /** Anything else: stored as bytes; not searchable. */
  BINARY("application/octet-stream");

  private final String mediaType;

  DocumentFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  /** {@return the IANA media type recorded in the index, e.g. {@code application/pdf}} */
  public String mediaType() {
    return mediaType;
  }
}
