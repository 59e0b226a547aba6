package io.qrvid.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits a document's text into {@link Chunk}s of at most {@link Builder#chunkSize(int) chunkSize} characters,
 * preferring to cut at a paragraph break, then a sentence end, then a line break, then any whitespace.
 *
 * <p>Chunks are exact substrings of the document: nothing is trimmed or normalised, so the chunks of a document
 * with no overlap concatenate back to the document, and with an overlap the document is rebuilt from the chunks'
 * offsets. A cut never splits a surrogate pair.
 *
 * <pre>{@code
 * TextChunker chunker = TextChunker.builder().chunkSize(2000).overlap(0).build();
 * List<Chunk> chunks = chunker.chunk(0, "usr_01.txt", text, 0);
 * }</pre>
 *
 * <p>Defaults: chunk size 2000 characters, overlap 0, boundary search over the last 30% of each window.
 * Instances are immutable and thread-safe.
 */
public final class TextChunker {
  private final int chunkSize;
  private final int overlap;
  private final double boundaryWindow;

  private TextChunker(Builder b) {
    this.chunkSize = b.chunkSize;
    this.overlap = b.overlap;
    this.boundaryWindow = b.boundaryWindow;
  }

  /** {@return a builder with the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a chunker with the defaults} */
  public static TextChunker defaults() {
    return builder().build();
  }

  /** {@return a builder initialised from this chunker's settings} */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** {@return the maximum chunk length in UTF-16 code units} */
  public int chunkSize() {
    return chunkSize;
  }

  /** {@return how many characters each chunk repeats from the end of the previous one} */
  public int overlap() {
    return overlap;
  }

  /**
   * Splits {@code text} into chunks.
   *
   * @param documentId the document's id, copied into every chunk
   * @param documentName the document's name, copied into every chunk
   * @param text the whole document; an empty text gives no chunks
   * @param firstIndex the corpus-wide index of the first chunk (chunks of a corpus are numbered across documents)
   * @return the chunks in document order, each with corpus-wide index {@code firstIndex + indexInDocument}
   * @throws IllegalArgumentException if {@code documentId} or {@code firstIndex} is negative
   */
  public List<Chunk> chunk(int documentId, String documentName, String text, int firstIndex) {
    return chunk(documentId, documentName, text, firstIndex, List.of());
  }

  /**
   * Splits {@code text} into chunks that never cross the start of a section, each carrying its section's page and
   * title ({@link Chunk#page()}, {@link Chunk#title()}). Within a section the cuts are chosen as in
   * {@link #chunk(int, String, String, int)}, and the overlap never reaches back into the previous section. Text
   * before the first section's start forms chunks without page or title. Sections that start at the same offset
   * collapse to the last of them; empty sections give no chunks.
   *
   * @param documentId the document's id, copied into every chunk
   * @param documentName the document's name, copied into every chunk
   * @param text the whole document; an empty text gives no chunks
   * @param firstIndex the corpus-wide index of the first chunk (chunks of a corpus are numbered across documents)
   * @param sections section starts in ascending order of {@link TextSection#charStart()}, each at most
   *     {@code text.length()}; an empty list gives exactly the chunks of {@link #chunk(int, String, String, int)}
   * @return the chunks in document order, each with corpus-wide index {@code firstIndex + indexInDocument}
   * @throws NullPointerException if {@code documentName}, {@code text} or {@code sections} is null
   * @throws IllegalArgumentException if {@code documentId} or {@code firstIndex} is negative, or the sections are
   *     not in ascending order, start past the end of the text, or start inside a surrogate pair
   */
  public List<Chunk> chunk(int documentId, String documentName, String text, int firstIndex,
      List<TextSection> sections) {
    Objects.requireNonNull(documentName, "documentName == null");
    Objects.requireNonNull(text, "text == null");
    Objects.requireNonNull(sections, "sections == null");
    if (documentId < 0 || firstIndex < 0) {
      throw new IllegalArgumentException("documentId and firstIndex must be >= 0");
    }
    int n = text.length();
    int previous = 0;
    for (TextSection s : sections) {
      int at = s.charStart();
      if (at < previous || at > n) {
        throw new IllegalArgumentException("section " + s + " is out of order or past the text's end (" + n + ")");
      }
      if (at > 0 && at < n && Character.isLowSurrogate(text.charAt(at))
          && Character.isHighSurrogate(text.charAt(at - 1))) {
        throw new IllegalArgumentException("section " + s + " starts inside a surrogate pair");
      }
      previous = at;
    }
    List<Chunk> chunks = new ArrayList<>();
    long[] byteStart = {0};
    int[] bytesAt = {0}; // the char offset byteStart[0] refers to
    int from = 0;
    TextSection current = null;
    for (int i = 0; i <= sections.size(); i++) {
      int to = i < sections.size() ? sections.get(i).charStart() : n;
      if (to > from) {
        chunkRange(documentId, documentName, text, from, to, firstIndex, current, chunks, byteStart, bytesAt);
      }
      if (i < sections.size()) {
        current = sections.get(i);
        from = Math.max(from, to);
      }
    }
    return chunks;
  }

  /** Chunks {@code text[from, to)}, appending to {@code chunks}; tracks UTF-8 offsets incrementally. */
  private void chunkRange(int documentId, String documentName, String text, int from, int to, int firstIndex,
      TextSection section, List<Chunk> chunks, long[] byteStart, int[] bytesAt) {
    Integer page = section == null ? null : section.page().orElse(null);
    String title = section == null ? null : section.title().orElse(null);
    int start = from;
    while (start < to) {
      int end = start + chunkSize >= to ? to : cut(text, start, start + chunkSize);
      byteStart[0] += Utf8.length(text, bytesAt[0], start);
      bytesAt[0] = start;
      String piece = text.substring(start, end);
      chunks.add(new Chunk(documentId, documentName, firstIndex + chunks.size(), chunks.size(), start, byteStart[0],
          piece, page, title));
      if (end == to) {
        break;
      }
      int next = Math.max(start + 1, end - overlap);
      if (Character.isLowSurrogate(text.charAt(next)) && Character.isHighSurrogate(text.charAt(next - 1))) {
        next = next - 1 > start ? next - 1 : next + 1;
      }
      start = next;
    }
  }

  /** Chooses the end of the chunk that starts at {@code start} and may not pass {@code limit} (exclusive). */
  private int cut(String text, int start, int limit) {
    int floor = start + Math.max(1, (int) (chunkSize * (1.0 - boundaryWindow)));
    int best = -1;
    int bestRank = 0;
    for (int i = limit - 1; i >= floor; i--) {
      // A cut at i means the chunk is text[start, i).
      char prev = text.charAt(i - 1);
      int rank;
      if (prev == '\n' && i >= 2 && text.charAt(i - 2) == '\n') {
        rank = 4;
      } else if (Character.isWhitespace(prev) && i >= 2 && isSentenceEnd(text.charAt(i - 2))) {
        rank = 3;
      } else if (prev == '\n') {
        rank = 2;
      } else if (Character.isWhitespace(prev)) {
        rank = 1;
      } else {
        continue;
      }
      if (rank > bestRank) {
        best = i;
        bestRank = rank;
        if (rank == 4) {
          break;
        }
      }
    }
    int end = best > start ? best : limit;
    if (Character.isLowSurrogate(text.charAt(end)) && Character.isHighSurrogate(text.charAt(end - 1))) {
      end = end - 1 > start ? end - 1 : end + 1;
    }
    return end;
  }

  private static boolean isSentenceEnd(char c) {
    return c == '.' || c == '!' || c == '?' || c == '。' || c == '！' || c == '？';
  }

  /** Configures a {@link TextChunker}. Mutable and not thread-safe. */
  public static final class Builder {
    private int chunkSize = 2000;
    private int overlap = 0;
    private double boundaryWindow = 0.3;

    private Builder() {}

    private Builder(TextChunker c) {
      chunkSize = c.chunkSize;
      overlap = c.overlap;
      boundaryWindow = c.boundaryWindow;
    }

    /**
     * The maximum chunk length in UTF-16 code units (default 2000). A chunk can be one longer only when a cut would
     * otherwise split a surrogate pair at a one-character chunk.
     *
     * @param chars the maximum chunk length in UTF-16 code units
     * @return this builder
     * @throws IllegalArgumentException if {@code chars < 2}
     */
    public Builder chunkSize(int chars) {
      if (chars < 2) {
        throw new IllegalArgumentException("chunkSize < 2: " + chars);
      }
      chunkSize = chars;
      return this;
    }

    /**
     * How many characters each chunk repeats from the end of the previous one (default 0). Overlap helps
     * retrieval; it costs storage, since every chunk is stored whole.
     *
     * @param chars the overlap in UTF-16 code units
     * @return this builder
     * @throws IllegalArgumentException if {@code chars < 0}
     */
    public Builder overlap(int chars) {
      if (chars < 0) {
        throw new IllegalArgumentException("overlap < 0: " + chars);
      }
      overlap = chars;
      return this;
    }

    /**
     * The share of each window, counted back from its end, searched for a natural boundary (default 0.3). Outside
     * it the cut is hard, at exactly {@code chunkSize}.
     *
     * @param fraction the share of the window, {@code 0 <= fraction < 1}; 0 always cuts hard
     * @return this builder
     * @throws IllegalArgumentException unless {@code 0 <= fraction < 1}
     */
    public Builder boundaryWindow(double fraction) {
      if (!(fraction >= 0 && fraction < 1)) {
        throw new IllegalArgumentException("boundaryWindow not in [0, 1): " + fraction);
      }
      boundaryWindow = fraction;
      return this;
    }

    /**
     * Builds the chunker. The builder may be reused afterwards.
     *
     * @return a new chunker, immutable and thread-safe
     * @throws IllegalStateException if {@code overlap >= chunkSize / 2}, which would make chunks mostly repeats
     */
    public TextChunker build() {
      if (overlap >= chunkSize / 2 && overlap > 0) {
        throw new IllegalStateException("overlap " + overlap + " must be < chunkSize/2 (" + chunkSize / 2 + ")");
      }
      return new TextChunker(this);
    }
  }
}
