package io.qrvid.video.search;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.jspecify.annotations.Nullable;

/**
 * Snippets cut from a hit's text with Lucene's {@link UnifiedHighlighter} without an index (the text is analysed
 * again, since the index stores no offsets): the best passages, aiming at {@link SearchOptions#passageChars()} each
 * at sentence boundaries, in text order, whitespace collapsed, matches marked. Thread-safe.
 */
final class Snippets {
  private final UnifiedHighlighter highlighter;
  private final SearchOptions options;

  Snippets(Analyzer analyzer, SearchOptions options) {
    this.options = options;
    this.highlighter = UnifiedHighlighter.builderWithoutSearcher(analyzer)
        .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
            BreakIterator.getSentenceInstance(Locale.ROOT), options.passageChars(), 0.5f))
        .withFormatter(new Formatter())
        .withMaxLength(Integer.MAX_VALUE - 1)
        .build();
  }

  /** The snippet of {@code text} for {@code query}; the start of the text when nothing in it matches. */
  String snippet(@Nullable Query query, String text) {
    Object s = null;
    if (query != null) {
      try {
        s = highlighter.highlightWithoutSearcher(SearchFields.TEXT, query, text, options.snippetPassages());
      } catch (IOException | RuntimeException e) {
        s = null; // a snippet is a convenience: fall back to the text's start
      }
    }
    if (s instanceof String str && !str.isEmpty()) {
      return str;
    }
    StringBuilder b = new StringBuilder();
    appendCollapsed(b, text, 0, Math.min(text.length(), options.passageChars()));
    if (text.length() > options.passageChars()) {
      b.append(" …");
    }
    return b.toString().strip();
  }

  private final class Formatter extends PassageFormatter {
    @Override
    public Object format(Passage[] passages, String content) {
      Passage[] sorted = passages.clone();
      Arrays.sort(sorted, Comparator.comparingInt(Passage::getStartOffset));
      StringBuilder b = new StringBuilder();
      int previousEnd = 0;
      int max = 2 * options.passageChars();
      for (Passage p : sorted) {
        int from = p.getStartOffset();
        int to = p.getEndOffset();
        if (to - from > max && p.getNumMatches() > 0) {
          // A "sentence" without sentence ends (a table, an index page) can be long: keep a window around the
          // first match, cut at spaces.
          int centre = (p.getMatchStarts()[0] + p.getMatchEnds()[0]) / 2;
          from = spaceBefore(content, Math.max(from, centre - max / 2), p.getStartOffset());
          to = spaceAfter(content, Math.min(to, from + max), p.getEndOffset());
        }
        if (from > previousEnd || b.length() > 0 && from > 0 || b.length() == 0 && from > 0) {
          b.append(b.length() == 0 ? "… " : " … ");
        }
        int pos = from;
        for (int m = 0; m < p.getNumMatches(); m++) {
          int start = Math.max(pos, p.getMatchStarts()[m]);
          int end = Math.min(to, p.getMatchEnds()[m]);
          if (end <= start) {
            continue;
          }
          appendCollapsed(b, content, pos, start);
          b.append(options.highlightStart());
          appendCollapsed(b, content, start, end);
          b.append(options.highlightEnd());
          pos = end;
        }
        appendCollapsed(b, content, pos, to);
        previousEnd = to;
      }
      if (previousEnd < content.length() && !content.substring(previousEnd).isBlank()) {
        b.append(" …");
      }
      return b.toString().strip();
    }
  }

  /** The start of the word at or before {@code at}, not before {@code floor}. */
  private static int spaceBefore(String s, int at, int floor) {
    for (int i = at; i > floor && i > at - 40; i--) {
      if (Character.isWhitespace(s.charAt(i - 1))) {
        return i;
      }
    }
    return at;
  }

  /** The end of the word at or after {@code at}, not after {@code ceiling}. */
  private static int spaceAfter(String s, int at, int ceiling) {
    for (int i = at; i < ceiling && i < at + 40; i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return at;
  }

  /** Appends {@code s[from, to)} with every whitespace run as one space. */
  static void appendCollapsed(StringBuilder b, String s, int from, int to) {
    boolean space = b.length() > 0 && b.charAt(b.length() - 1) == ' ';
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        if (!space) {
          b.append(' ');
          space = true;
        }
      } else {
        b.append(c);
        space = false;
      }
    }
  }
}
