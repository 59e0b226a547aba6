package io.qrvid.core;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One piece of a document, as cut by {@link TextChunker}: its text and where it came from.
 *
 * <p>Offsets are half-open ranges into the original document: {@code charStart..charEnd} in UTF-16 code units
 * ({@link String} indexes) and {@code byteStart..byteEnd} in the document's UTF-8 bytes. A chunk never splits a
 * surrogate pair, so its text encodes to exactly {@code byteEnd - byteStart} UTF-8 bytes. With an overlap, the
 * ranges of neighbouring chunks intersect.
 *
 * <p>Immutable and thread-safe.
 */
public final class Chunk {
  private final int documentId;
  private final String documentName;
  private final int index;
  private final int indexInDocument;
  private final int charStart;
  private final int charEnd;
  private final long byteStart;
  private final long byteEnd;
  private final String text;
  private final @Nullable Integer page;
  private final @Nullable String title;

  /**
   * Creates a chunk. Most callers get chunks from {@link TextChunker}; this constructor is for chunks made by
   * other means (a PDF page splitter, say).
   *
   * @param documentId the id of the document this chunk belongs to, 0 or more
   * @param documentName the document's name, typically its file name
   * @param index the chunk's index within its video or corpus, 0 or more
   * @param indexInDocument the chunk's index within its document, 0 or more
   * @param charStart the chunk's start in the document, in UTF-16 code units; the end is {@code charStart +
   *     text.length()}
   * @param byteStart the chunk's start in the document's UTF-8 bytes; the end adds the text's UTF-8 length
   * @param text the chunk's text, exactly as it stands in the document
   * @param page the page the chunk starts on, or null when the source has no pages
   * @param title the title of the chunk's section, or null
   * @throws IllegalArgumentException if an index or offset is negative, a range is reversed, or the text length
   *     does not match {@code charEnd - charStart}
   * @throws NullPointerException if {@code documentName} or {@code text} is null
   */
  public Chunk(int documentId, String documentName, int index, int indexInDocument, int charStart, long byteStart,
      String text, @Nullable Integer page, @Nullable String title) {
    this.documentName = Objects.requireNonNull(documentName, "documentName == null");
    this.text = Objects.requireNonNull(text, "text == null");
    if (documentId < 0 || index < 0 || indexInDocument < 0 || charStart < 0 || byteStart < 0) {
      throw new IllegalArgumentException("negative id, index or offset");
    }
    this.documentId = documentId;
    this.index = index;
    this.indexInDocument = indexInDocument;
    this.charStart = charStart;
    this.charEnd = charStart + text.length();
    this.byteStart = byteStart;
    this.byteEnd = byteStart + Utf8.length(text, 0, text.length());
    this.page = page;
    this.title = title;
  }

  /** {@return the id of the document this chunk belongs to (unique within one video or corpus)} */
  public int documentId() {
    return documentId;
  }

  /** {@return the document's name, typically its file name} */
  public String documentName() {
    return documentName;
  }

  /** {@return the chunk's index within its video or corpus, counted over all documents from 0} */
  public int index() {
    return index;
  }

  /** {@return the chunk's index within its document, from 0} */
  public int indexInDocument() {
    return indexInDocument;
  }

  /** {@return start of the chunk in the document, in UTF-16 code units (inclusive)} */
  public int charStart() {
    return charStart;
  }

  /** {@return end of the chunk in the document, in UTF-16 code units (exclusive)} */
  public int charEnd() {
    return charEnd;
  }

  /** {@return start of the chunk in the document's UTF-8 bytes (inclusive)} */
  public long byteStart() {
    return byteStart;
  }

  /** {@return end of the chunk in the document's UTF-8 bytes (exclusive)} */
  public long byteEnd() {
    return byteEnd;
  }

  /** {@return the chunk's text, exactly as it stands in the document (never trimmed)} */
  public String text() {
    return text;
  }

  /** {@return the chunk's text as UTF-8 bytes ({@code byteEnd - byteStart} of them)} */
  public byte[] bytes() {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** {@return the page the chunk starts on, when the source has pages} */
  public Optional<Integer> page() {
    return Optional.ofNullable(page);
  }

  /** {@return the title of the section the chunk belongs to, when known} */
  public Optional<String> title() {
    return Optional.ofNullable(title);
  }

  @Override
  public String toString() {
    return "Chunk{doc=" + documentId + ", index=" + index + ", chars=" + charStart + ".." + charEnd + "}";
  }
}
