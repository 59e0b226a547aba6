package io.qrvid.video.ingest;

import io.qrvid.core.TextSection;
import io.qrvid.video.InvalidDocumentException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Turns a file's bytes into an {@link IngestedDocument}: detects its format, decides whether it is stored as text
 * or as bytes, and extracts the text search indexes, with page numbers and titles.
 *
 * <table>
 *   <caption>What each format gives</caption>
 *   <tr><th>format</th><th>stored as</th><th>searched text</th><th>page</th><th>title</th></tr>
 *   <tr><td>PDF</td><td>bytes</td><td>PDFBox text, per page</td><td>yes</td><td>outline (bookmarks)</td></tr>
 *   <tr><td>EPUB</td><td>bytes</td><td>spine XHTML through jsoup</td><td>no</td><td>table of contents, headings</td></tr>
 *   <tr><td>HTML</td><td>text if UTF-8, else bytes</td><td>visible text through jsoup</td><td>no</td><td>headings</td></tr>
 *   <tr><td>Markdown</td><td>text</td><td>the file itself</td><td>no</td><td>headings (commonmark)</td></tr>
 *   <tr><td>other UTF-8</td><td>text</td><td>the file itself</td><td>no</td><td>no</td></tr>
 *   <tr><td>anything else</td><td>bytes</td><td>none</td><td></td><td></td></tr>
 * </table>
 *
 * <p>The stored bytes are always the original file, byte for byte. A file whose format is recognised but cannot be
 * parsed is an error ({@link DocumentParseException}), never silently stored without its text; turn extraction off
 * ({@link Builder#extractText(boolean)}) to store such files as plain bytes. Text is valid UTF-8 without NUL
 * characters; a UTF-8 file holding NUL (UTF-16 text, say) is stored as bytes.
 *
 * <pre>{@code
 * IngestedDocument pdf = DocumentIngester.defaults().ingest(Path.of("manual.pdf"));
 * pdf.extractedText().orElseThrow().sections();   // one per page: page number, outline title
 * }</pre>
 *
 * <p>Defaults: extraction on; archives (EPUB) at most {@value #DEFAULT_MAX_ARCHIVE_ENTRIES} entries and
 * {@value #DEFAULT_MAX_ARCHIVE_BYTES} inflated bytes; at most {@value #DEFAULT_MAX_EXTRACTED_CHARS} characters of
 * extracted text per document. Immutable and thread-safe.
 */
public final class DocumentIngester {
  /** Default limit on an archive's entries. */
  public static final int DEFAULT_MAX_ARCHIVE_ENTRIES = 10_000;
  /** Default limit on an archive's inflated bytes, all entries together (256 MiB). */
  public static final long DEFAULT_MAX_ARCHIVE_BYTES = 256L << 20;
  /** Default limit on the extracted text of one document, in UTF-16 code units (64 Mi). */
  public static final long DEFAULT_MAX_EXTRACTED_CHARS = 64L << 20;

  private final boolean extractText;
  private final int maxArchiveEntries;
  private final long maxArchiveBytes;
  private final long maxExtractedChars;

  private DocumentIngester(Builder b) {
    extractText = b.extractText;
    maxArchiveEntries = b.maxArchiveEntries;
    maxArchiveBytes = b.maxArchiveBytes;
    maxExtractedChars = b.maxExtractedChars;
  }

  /** {@return a builder with the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return an ingester with the defaults} */
  public static DocumentIngester defaults() {
    return builder().build();
  }

  /** {@return a builder initialised from this ingester's settings} */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** {@return whether text is extracted from PDF, EPUB and HTML} */
  public boolean extractText() {
    return extractText;
  }

  /** {@return the most entries an archive may have} */
  public int maxArchiveEntries() {
    return maxArchiveEntries;
  }

  /** {@return the most bytes an archive's entries may inflate to, together} */
  public long maxArchiveBytes() {
    return maxArchiveBytes;
  }

  /** {@return the most characters of extracted text per document} */
  public long maxExtractedChars() {
    return maxExtractedChars;
  }

  /**
   * Reads and ingests a file, named by its file name.
   *
   * @param file the file; read whole into memory
   * @return the document: its bytes, detected format, stored text and extracted text
   * @throws NullPointerException if {@code file} is null
   * @throws InvalidDocumentException if the path is a directory
   * @throws DocumentParseException if the file's format is recognised but its text cannot be extracted
   * @throws NoSuchFileException if the file does not exist
   * @throws IOException if the file cannot be read
   */
  public IngestedDocument ingest(Path file) throws IOException {
    Objects.requireNonNull(file, "file == null");
    if (Files.isDirectory(file)) {
      throw new InvalidDocumentException(file.toString(), "is a directory, not a file");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file.toString(), null, "input file not found");
    }
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    return ingest(name, file.toString(), bytes);
  }

  /**
   * Ingests a document held in memory. The array is kept, not copied.
   *
   * @param name the document's name; its extension helps detect the format
   * @param bytes the document's bytes; kept, so do not modify them afterwards
   * @return the document: its bytes, detected format, stored text and extracted text
   * @throws DocumentParseException if the format is recognised but the text cannot be extracted
   */
  public IngestedDocument ingest(String name, byte[] bytes) {
    return ingest(name, name, bytes);
  }

  /** Ingests {@code bytes} named {@code name}; errors name {@code what} (a path or the name). */
  private IngestedDocument ingest(String name, String what, byte[] bytes) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(bytes, "bytes == null");
    DocumentFormat format = extractText ? detect(name, bytes) : plainFormat(bytes);
    String text = format == DocumentFormat.PDF || format == DocumentFormat.EPUB ? null : utf8(bytes).orElse(null);
    if (text == null && (format == DocumentFormat.MARKDOWN || format == DocumentFormat.TEXT)) {
      format = DocumentFormat.BINARY;
    }
    return switch (format) {
      case PDF -> new IngestedDocument(name, bytes, format, null, List.of(),
          nonBlank(PdfText.extract(what, bytes, maxExtractedChars)));
      case EPUB -> new IngestedDocument(name, bytes, format, null, List.of(),
          nonBlank(EpubText.extract(what, bytes, this)));
      case HTML -> new IngestedDocument(name, bytes, format, text, List.of(), nonBlank(html(what, bytes)));
      case MARKDOWN -> new IngestedDocument(name, bytes, format, text, markdown(what, text), null);
      case TEXT -> new IngestedDocument(name, bytes, format, text, List.of(), null);
      case BINARY -> new IngestedDocument(name, bytes, format, null, List.of(), null);
    };
  }

  /**
   * The format of a document, from its first bytes and its name: the PDF signature {@code %PDF-} in the first 1024
   * bytes or a {@code .pdf} name; a ZIP archive whose first entry is EPUB's {@code mimetype}, or an {@code .epub}
   * name; an {@code .html}, {@code .htm} or {@code .xhtml} name, or text starting with {@code <!DOCTYPE html} or
   * {@code <html}; a {@code .md} or {@code .markdown} name; else text or binary by whether the bytes are UTF-8.
   *
   * @param name the document's name; only its extension is used, in any case
   * @param bytes the document's bytes; not modified
   * @return the detected format
   */
  public static DocumentFormat detect(String name, byte[] bytes) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".pdf") || indexOf(bytes, "%PDF-".getBytes(StandardCharsets.US_ASCII), 1024) >= 0) {
      return DocumentFormat.PDF;
    }
    if (lower.endsWith(".epub") || startsWith(bytes, 0, "PK\3\4") && startsWith(bytes, 30, "mimetype")
        && startsWith(bytes, 38, "application/epub+zip")) {
      return DocumentFormat.EPUB;
    }
    if (lower.endsWith(".html") || lower.endsWith(".htm") || lower.endsWith(".xhtml") || looksLikeHtml(bytes)) {
      return DocumentFormat.HTML;
    }
    if (lower.endsWith(".md") || lower.endsWith(".markdown") || lower.endsWith(".mdown")) {
      return DocumentFormat.MARKDOWN;
    }
    return plainFormat(bytes);
  }

  private static DocumentFormat plainFormat(byte[] bytes) {
    return utf8(bytes).isPresent() ? DocumentFormat.TEXT : DocumentFormat.BINARY;
  }

  /** The bytes as text, if they are valid UTF-8 without NUL characters. */
  static Optional<String> utf8(byte[] bytes) {
    for (byte b : bytes) {
      if (b == 0) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private ExtractedText html(String name, byte[] bytes) {
    try {
      Document doc = Jsoup.parse(new ByteArrayInputStream(bytes), null, "");
      return HtmlText.extract(doc.body() != null ? doc.body() : doc, maxExtractedChars);
    } catch (IOException | IllegalStateException | IllegalArgumentException e) {
      throw new DocumentParseException(name, DocumentFormat.HTML, String.valueOf(e.getMessage()), e);
    }
  }

  private List<TextSection> markdown(String name, String text) {
    try {
      return MarkdownSections.of(text);
    } catch (RuntimeException e) {
      throw new DocumentParseException(name, DocumentFormat.MARKDOWN, String.valueOf(e.getMessage()), e);
    }
  }

  private static ExtractedText nonBlank(ExtractedText t) {
    return t.isBlank() ? null : t;
  }

  private static boolean looksLikeHtml(byte[] bytes) {
    int i = startsWith(bytes, 0, "\u00ef\u00bb\u00bf") ? 3 : 0;
    while (i < bytes.length && i < 1024 && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r'
        || bytes[i] == '\t')) {
      i++;
    }
    int n = Math.min(bytes.length - i, 14);
    String head = new String(bytes, i, Math.max(0, n), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    return head.startsWith("<!doctype html") || head.startsWith("<html");
  }

  private static boolean startsWith(byte[] bytes, int at, String ascii) {
    if (bytes.length < at + ascii.length()) {
      return false;
    }
    for (int i = 0; i < ascii.length(); i++) {
      if (bytes[at + i] != (byte) ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] bytes, byte[] what, int limit) {
    int end = Math.min(bytes.length - what.length, limit);
    outer:
    for (int i = 0; i <= end; i++) {
      for (int j = 0; j < what.length; j++) {
        if (bytes[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Configures a {@link DocumentIngester}. Mutable and not thread-safe. */
  public static final class Builder {
    private boolean extractText = true;
    private int maxArchiveEntries = DEFAULT_MAX_ARCHIVE_ENTRIES;
    private long maxArchiveBytes = DEFAULT_MAX_ARCHIVE_BYTES;
    private long maxExtractedChars = DEFAULT_MAX_EXTRACTED_CHARS;

    private Builder() {}

    private Builder(DocumentIngester d) {
      extractText = d.extractText;
      maxArchiveEntries = d.maxArchiveEntries;
      maxArchiveBytes = d.maxArchiveBytes;
      maxExtractedChars = d.maxExtractedChars;
    }

    /**
     * Whether to extract text from PDF, EPUB and HTML (default true). Off, every file is stored as text when it is
     * UTF-8 and as bytes otherwise, with nothing extracted: PDFs and EPUBs are then not searchable.
     *
     * @param extract true to extract text
     * @return this builder
     */
    public Builder extractText(boolean extract) {
      this.extractText = extract;
      return this;
    }

    /**
     * The most entries an archive (an EPUB) may have (default {@value #DEFAULT_MAX_ARCHIVE_ENTRIES}); a larger one
     * is a {@link DocumentParseException}.
     *
     * @param n the most entries
     * @return this builder
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public Builder maxArchiveEntries(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxArchiveEntries < 1: " + n);
      }
      this.maxArchiveEntries = n;
      return this;
    }

    /**
     * The most bytes an archive's entries may inflate to, all together, counted while inflating (default 256 MiB).
     *
     * @param bytes the most inflated bytes
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes < 1}
     */
    public Builder maxArchiveBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxArchiveBytes < 1: " + bytes);
      }
      this.maxArchiveBytes = bytes;
      return this;
    }

    /**
     * The most characters (UTF-16 code units) of text extracted from one document (default 64 Mi).
     *
     * @param chars the most characters
     * @return this builder
     * @throws IllegalArgumentException if {@code chars < 1}
     */
    public Builder maxExtractedChars(long chars) {
      if (chars < 1) {
        throw new IllegalArgumentException("maxExtractedChars < 1: " + chars);
      }
      this.maxExtractedChars = chars;
      return this;
    }

    /** {@return a new ingester with this builder's settings} */
    public DocumentIngester build() {
      return new DocumentIngester(this);
    }
  }
}
