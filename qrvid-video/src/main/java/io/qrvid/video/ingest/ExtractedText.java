package io.qrvid.video.ingest;

import io.qrvid.core.TextSection;
import java.util.List;
import java.util.Objects;

/**
 * Text extracted from a document (a PDF's pages, an EPUB's chapters, an HTML page's visible text), with the sections
 * (page numbers, titles) it is divided into. It is stored in the video as the document's text layer, so that search
 * hits are read from the video; it never replaces the document's own bytes.
 *
 * <p>Immutable and thread-safe.
 */
public final class ExtractedText {
  private final String text;
  private final List<TextSection> sections;

  /**
   * Creates extracted text.
   *
   * @param text the text
   * @param sections section starts, ascending, within the text
   * @throws NullPointerException if {@code text} or {@code sections} is null
   * @throws IllegalArgumentException if the sections are out of order or past the text's end
   */
  public ExtractedText(String text, List<TextSection> sections) {
    this.text = Objects.requireNonNull(text, "text == null");
    this.sections = List.copyOf(sections);
    int previous = 0;
    for (TextSection s : this.sections) {
      if (s.charStart() < previous || s.charStart() > text.length()) {
        throw new IllegalArgumentException("section out of order or past the end: " + s);
      }
      previous = s.charStart();
    }
  }

  /** {@return the text} */
  public String text() {
    return text;
  }

  /** {@return the sections, ascending by start} */
  public List<TextSection> sections() {
    return sections;
  }

  /** {@return true if the text holds nothing but whitespace} */
  public boolean isBlank() {
    return text.isBlank();
  }
}
