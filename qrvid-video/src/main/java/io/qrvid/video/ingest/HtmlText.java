package io.qrvid.video.ingest;

import io.qrvid.core.TextSection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * The visible text of a jsoup-parsed HTML or XHTML document, laid out as plain text: block elements become
 * paragraphs separated by a blank line, list items and table rows lines, table cells are separated by a tab,
 * whitespace collapses as a browser collapses it (except inside {@code pre}), and {@code script}, {@code style},
 * {@code template} and the like are skipped. Every heading ({@code h1}-{@code h6}) starts a section titled with
 * the heading's text.
 *
 * <p>Not thread-safe: one instance per document.
 */
final class HtmlText implements NodeVisitor {
  private static final Set<String> SKIP = Set.of("script", "style", "noscript", "template", "head", "svg", "math",
      "iframe", "object", "canvas", "select", "button");
  private static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "header", "footer", "nav",
      "aside", "main", "blockquote", "ul", "ol", "dl", "table", "pre", "figure", "figcaption", "hr", "address",
      "form", "fieldset", "h1", "h2", "h3", "h4", "h5", "h6", "body", "html", "center", "details", "summary",
      "caption", "thead", "tbody", "tfoot");
  private static final Set<String> LINES = Set.of("li", "tr", "dt", "dd", "option");
  private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");

  private final StringBuilder out;
  private final List<TextSection> sections;
  private final long maxChars;
  private int skipDepth;
  private int preDepth;
  /** The break owed before the next text: 0 none, 1 a space, 2 a line break, 3 a blank line. */
  private int pendingBreak;
  private boolean cellStarted;

  private HtmlText(StringBuilder out, List<TextSection> sections, long maxChars) {
    this.out = out;
    this.sections = sections;
    this.maxChars = maxChars;
  }

  /**
   * Appends the visible text of {@code root} to {@code out} and its headings to {@code sections}.
   *
   * @throws IllegalStateException if {@code out} would grow past {@code maxChars}
   */
  static void append(Node root, StringBuilder out, List<TextSection> sections, long maxChars) {
    new HtmlText(out, sections, maxChars).traverse(root);
  }

  /** The visible text and heading sections of one document. */
  static ExtractedText extract(Node root, long maxChars) {
    StringBuilder out = new StringBuilder();
    List<TextSection> sections = new ArrayList<>();
    append(root, out, sections, maxChars);
    return new ExtractedText(out.toString(), sections);
  }

  @Override
  public void head(Node node, int depth) {
    if (skipDepth > 0) {
      if (node instanceof Element) {
        skipDepth++;
      }
      return;
    }
    if (node instanceof TextNode t) {
      text(t);
    } else if (node instanceof Element e) {
      String tag = e.normalName();
      if (SKIP.contains(tag)) {
        skipDepth = 1;
        return;
      }
      if (tag.equals("pre")) {
        preDepth++;
      }
      if (tag.equals("br")) {
        owe(2);
        emitBreak(true);
      } else if (BLOCKS.contains(tag)) {
        owe(3);
      } else if (LINES.contains(tag)) {
        owe(2);
      } else if (tag.equals("td") || tag.equals("th")) {
        if (cellStarted) {
          emit("\t");
        }
        cellStarted = true;
      }
      if (tag.equals("tr")) {
        cellStarted = false;
      }
      if (HEADINGS.contains(tag)) {
        String title = e.text().strip();
        if (!title.isEmpty()) {
          emitBreak(false);
          int at = out.length();
          if (!sections.isEmpty() && sections.get(sections.size() - 1).charStart() == at) {
            sections.remove(sections.size() - 1);
          }
          sections.add(TextSection.titled(at, title.length() > 300 ? title.substring(0, 300) : title));
        }
      }
    }
  }

  @Override
  public void tail(Node node, int depth) {
    if (!(node instanceof Element e)) {
      return;
    }
    if (skipDepth > 0) {
      skipDepth--;
      return;
    }
    String tag = e.normalName();
    if (tag.equals("pre")) {
      preDepth--;
    }
    if (BLOCKS.contains(tag)) {
      owe(3);
    } else if (LINES.contains(tag)) {
      owe(2);
    }
  }

  private void text(TextNode t) {
    String s = t.getWholeText();
    if (preDepth > 0) {
      if (!s.isEmpty()) {
        emitBreak(false);
        emit(s);
      }
      return;
    }
    StringBuilder collapsed = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        space = true;
      } else {
        if (space) {
          if (collapsed.length() > 0) {
            collapsed.append(' ');
          } else {
            owe(1);
          }
          space = false;
        }
        collapsed.append(c);
      }
    }
    if (collapsed.length() > 0) {
      emitBreak(false);
      emit(collapsed);
    }
    if (space) {
      owe(1);
    }
  }

  private void owe(int level) {
    pendingBreak = Math.max(pendingBreak, level);
  }

  /** Writes the owed break, unless at the start; a forced break (br) is written even after another break. */
  private void emitBreak(boolean force) {
    if (out.length() == 0) {
      pendingBreak = 0;
      return;
    }
    char last = out.charAt(out.length() - 1);
    switch (pendingBreak) {
      case 1 -> {
        if (last != ' ' && last != '\n' && last != '\t') {
          emit(" ");
        }
      }
      case 2 -> {
        if (force || last != '\n') {
          emit("\n");
        }
      }
      case 3 -> {
        if (last != '\n') {
          emit("\n\n");
        } else if (out.length() < 2 || out.charAt(out.length() - 2) != '\n') {
          emit("\n");
        }
      }
      default -> { }
    }
    pendingBreak = 0;
  }

  private void emit(CharSequence s) {
    if (out.length() + s.length() > maxChars) {
      throw new IllegalStateException("more than " + maxChars + " characters of text");
    }
    out.append(s);
  }
}
