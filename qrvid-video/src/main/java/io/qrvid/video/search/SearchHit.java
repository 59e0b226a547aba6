package io.qrvid.video.search;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One search result: a chunk, where it is, how it ranked, and its text as read back from the video.
 *
 * <p>Offsets locate the chunk in its document's text: for a text document (plain text, Markdown), in the document
 * itself ({@link #byteStart()}..{@link #byteEnd()} are exactly the bytes of the file that {@link #text()} encodes);
 * for a PDF, EPUB or HTML document ({@link #extracted()}), in the text extracted from it, which the video stores as
 * the document's text layer.
 *
 * <p>{@link #text()} is present when the chunk was read from the video and its CRC32C matched the index; it is
 * empty, with {@link #failure()} saying why, when the chunk could not be recovered. Immutable and thread-safe.
 */
public final class SearchHit {
  private final int rank;
  private final float score;
  private final Path video;
  private final String document;
  private final int documentId;
  private final int chunk;
  private final @Nullable Integer page;
  private final @Nullable String title;
  private final boolean extracted;
  private final int charStart;
  private final int charEnd;
  private final long byteStart;
  private final long byteEnd;
  private final @Nullable String text;
  private final String snippet;
  private final @Nullable String failure;

  SearchHit(int rank, float score, Path video, String document, int documentId, int chunk, @Nullable Integer page,
      @Nullable String title, boolean extracted, int charStart, int charEnd, long byteStart, long byteEnd,
      @Nullable String text, String snippet, @Nullable String failure) {
    this.rank = rank;
    this.score = score;
    this.video = Objects.requireNonNull(video);
    this.document = Objects.requireNonNull(document);
    this.documentId = documentId;
    this.chunk = chunk;
    this.page = page;
    this.title = title;
    this.extracted = extracted;
    this.charStart = charStart;
    this.charEnd = charEnd;
    this.byteStart = byteStart;
    this.byteEnd = byteEnd;
    this.text = text;
    this.snippet = Objects.requireNonNull(snippet);
    this.failure = failure;
  }

  /** {@return the hit's rank, from 1} */
  public int rank() {
    return rank;
  }

  /**
   * The ranking score: BM25 for {@link SearchMode#TEXT}, Lucene's vector score (for cosine {@code (1 + cos) / 2})
   * for {@link SearchMode#VECTOR}, the reciprocal-rank-fusion sum for {@link SearchMode#HYBRID}. Higher is better;
   * scores of different queries are not comparable.
   *
   * @return the score, higher is better
   */
  public float score() {
    return score;
  }

  /** {@return the video (for a corpus, the segment's video) that holds the chunk} */
  public Path video() {
    return video;
  }

  /**
   * {@return the name of the stored document the chunk belongs to (for a text layer, the PDF, EPUB or HTML file's
   * name)}
   */
  public String document() {
    return document;
  }

  /** {@return that document's id in its video's index} */
  public int documentId() {
    return documentId;
  }

  /** {@return the chunk's index in its video (per segment in a corpus)} */
  public int chunk() {
    return chunk;
  }

  /** {@return the 1-based page the chunk is on, for PDFs} */
  public Optional<Integer> page() {
    return Optional.ofNullable(page);
  }

  /** {@return the title of the section the chunk belongs to, when known} */
  public Optional<String> title() {
    return Optional.ofNullable(title);
  }

  /**
   * {@return true if the offsets are into text extracted from the document rather than into the document's own
   * bytes}
   */
  public boolean extracted() {
    return extracted;
  }

  /** {@return the start of the chunk in the (document's or extracted) text, in UTF-16 code units} */
  public int charStart() {
    return charStart;
  }

  /** {@return the end of the chunk (exclusive), in UTF-16 code units} */
  public int charEnd() {
    return charEnd;
  }

  /** {@return the start of the chunk in the (document's or extracted text's) UTF-8 bytes} */
  public long byteStart() {
    return byteStart;
  }

  /** {@return the end of the chunk (exclusive) in UTF-8 bytes} */
  public long byteEnd() {
    return byteEnd;
  }

  /** {@return the chunk's whole text as read from the video and verified by CRC32C, unless it could not be read} */
  public Optional<String> text() {
    return Optional.ofNullable(text);
  }

  /**
   * A short extract of the chunk around the best matches, whitespace collapsed, matches between the options'
   * highlight marks, {@code …} where text was left out; empty when the chunk could not be read.
   *
   * @return the snippet, possibly empty
   */
  public String snippet() {
    return snippet;
  }

  /** {@return why the chunk's text could not be read from the video, when it could not} */
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  @Override
  public String toString() {
    return "SearchHit{#" + rank + " " + score + " " + document + " chunk " + chunk
        + (page != null ? " p." + page : "") + (title != null ? " '" + title + "'" : "") + "}";
  }
}
