package io.qrvid.core;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a part of a document's text starts, and the page and title that part belongs to: a PDF page, a Markdown or
 * HTML heading, an EPUB chapter. {@link TextChunker#chunk(int, String, String, int, java.util.List)} never lets a
 * chunk cross the start of a section, and copies the section's page and title onto each of its chunks.
 *
 * <p>A section runs from {@link #charStart()} to the next section's start (or the end of the text). Immutable and
 * thread-safe.
 */
public final class TextSection {
  private final int charStart;
  private final @Nullable Integer page;
  private final @Nullable String title;

  private TextSection(int charStart, @Nullable Integer page, @Nullable String title) {
    if (charStart < 0) {
      throw new IllegalArgumentException("charStart < 0: " + charStart);
    }
    if (page != null && page < 1) {
      throw new IllegalArgumentException("page < 1: " + page);
    }
    this.charStart = charStart;
    this.page = page;
    this.title = title;
  }

  /**
   * A section starting at {@code charStart} (UTF-16 code units into the document's text).
   *
   * @param charStart where the section starts, in UTF-16 code units into the document's text, 0 or more
   * @param page the 1-based page the section is on, or null when the source has no pages
   * @param title the title of the section (a heading, a chapter name), or null when there is none
   * @return the section
   * @throws IllegalArgumentException if {@code charStart < 0} or {@code page < 1}
   */
  public static TextSection of(int charStart, @Nullable Integer page, @Nullable String title) {
    return new TextSection(charStart, page, title);
  }

  /**
   * A page of a paged source (a PDF page), starting at {@code charStart}, with an optional title.
   *
   * @param charStart where the page's text starts, in UTF-16 code units into the document's text, 0 or more
   * @param page the 1-based page number
   * @param title the title of the section, e.g. a PDF outline entry, or null when there is none
   * @return the section
   * @throws IllegalArgumentException if {@code charStart < 0} or {@code page < 1}
   */
  public static TextSection page(int charStart, int page, @Nullable String title) {
    return new TextSection(charStart, page, title);
  }

  /**
   * A titled section (a heading and what follows it) starting at {@code charStart}, without a page.
   *
   * @param charStart where the section starts, in UTF-16 code units into the document's text, 0 or more
   * @param title the heading's or chapter's title
   * @return the section
   * @throws NullPointerException if {@code title} is null
   * @throws IllegalArgumentException if {@code charStart < 0}
   */
  public static TextSection titled(int charStart, String title) {
    return new TextSection(charStart, null, Objects.requireNonNull(title, "title == null"));
  }

  /** {@return the start of the section in the document's text, in UTF-16 code units (inclusive)} */
  public int charStart() {
    return charStart;
  }

  /** {@return the 1-based page, when the source has pages} */
  public Optional<Integer> page() {
    return Optional.ofNullable(page);
  }

  /** {@return the section's title, when it has one} */
  public Optional<String> title() {
    return Optional.ofNullable(title);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TextSection s && s.charStart == charStart && Objects.equals(s.page, page)
        && Objects.equals(s.title, title);
  }

  @Override
  public int hashCode() {
    return Objects.hash(charStart, page, title);
  }

  @Override
  public String toString() {
    return "TextSection{" + charStart + (page != null ? ", page " + page : "")
        + (title != null ? ", '" + title + "'" : "") + "}";
  }
}
