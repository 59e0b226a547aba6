package io.qrvid.video.ingest;

import io.qrvid.core.TextSection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A document ready to be stored: its original bytes, how they are stored, and the text that search indexes.
 *
 * <ul>
 *   <li>{@link #storedText()} is present when the bytes are valid UTF-8 stored as text: the video's chunks are cut
 *       by characters and carry character and UTF-8 byte offsets into the file. Otherwise the bytes are stored as
 *       bytes, cut into byte ranges.
 *   <li>{@link #extractedText()} is present for PDF, EPUB and HTML with any text in them: it is stored in the video
 *       as the document's text layer (extra chunks with page numbers and titles) and is what search indexes and
 *       reads back. For Markdown and plain text the stored text itself is searched, with {@link #sections()}.
 * </ul>
 *
 * <p>Immutable and thread-safe; {@link #bytes()} returns the array without copying, so do not modify it.
 */
public final class IngestedDocument {
  private final String name;
  private final byte[] bytes;
  private final DocumentFormat format;
  private final @Nullable String storedText;
  private final List<TextSection> sections;
  private final @Nullable ExtractedText extracted;

  IngestedDocument(String name, byte[] bytes, DocumentFormat format, @Nullable String storedText,
      List<TextSection> sections, @Nullable ExtractedText extracted) {
    this.name = Objects.requireNonNull(name, "name == null");
    this.bytes = Objects.requireNonNull(bytes, "bytes == null");
    this.format = Objects.requireNonNull(format, "format == null");
    this.storedText = storedText;
    this.sections = List.copyOf(sections);
    this.extracted = extracted;
  }

  /** {@return the document's name (its file name)} */
  public String name() {
    return name;
  }

  /** {@return the original bytes, exactly as given (not copied)} */
  public byte[] bytes() {
    return bytes;
  }

  /** {@return the detected format} */
  public DocumentFormat format() {
    return format;
  }

  /** {@return the document's own text, when its bytes are valid UTF-8 and stored as text} */
  public Optional<String> storedText() {
    return Optional.ofNullable(storedText);
  }

  /** {@return the sections of {@link #storedText()} (Markdown headings), ascending; empty when there are none} */
  public List<TextSection> sections() {
    return sections;
  }

  /** {@return the text extracted from the document (PDF pages, EPUB chapters, HTML), when the format has any} */
  public Optional<ExtractedText> extractedText() {
    return Optional.ofNullable(extracted);
  }

  /** {@return true if search indexes this document: through its extracted text, or else its stored text} */
  public boolean searchable() {
    return extracted != null || storedText != null && format != DocumentFormat.HTML;
  }

  @Override
  public String toString() {
    return "IngestedDocument{" + name + ", " + format + ", " + bytes.length + " bytes"
        + (storedText != null ? ", text" : ", binary") + (extracted != null ? ", extracted text" : "") + "}";
  }
}
