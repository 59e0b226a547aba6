package io.qrvid.video.ingest;

import io.qrvid.core.TextSection;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Heading;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * The headings of a CommonMark document (ATX {@code # Title} and setext underlined ones, not {@code #} lines inside
 * code blocks), found with the commonmark-java parser and its source spans: each heading starts a section, at the
 * start of its first source line, titled with the heading's text (inline markup removed).
 */
final class MarkdownSections {
  private static final Parser PARSER = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

  private MarkdownSections() {}

  static List<TextSection> of(String text) {
    Node document = PARSER.parse(text);
    List<TextSection> sections = new ArrayList<>();
    document.accept(new AbstractVisitor() {
      @Override
      public void visit(Heading heading) {
        List<SourceSpan> spans = heading.getSourceSpans();
        if (spans.isEmpty()) {
          return;
        }
        int at = lineStart(text, spans.get(0).getInputIndex());
        String title = title(heading).strip();
        if (title.isEmpty() || at < 0 || at > text.length()) {
          return;
        }
        if (!sections.isEmpty() && sections.get(sections.size() - 1).charStart() >= at) {
          return;
        }
        sections.add(TextSection.titled(at, title.length() > 300 ? title.substring(0, 300) : title));
      }
    });
    return sections;
  }

  private static int lineStart(String text, int index) {
    int i = Math.min(index, text.length());
    while (i > 0 && text.charAt(i - 1) != '\n' && text.charAt(i - 1) != '\r') {
      i--;
    }
    return i;
  }

  private static String title(Node heading) {
    StringBuilder b = new StringBuilder();
    heading.accept(new AbstractVisitor() {
      @Override
      public void visit(Text text) {
        b.append(text.getLiteral());
      }

      @Override
      public void visit(Code code) {
        b.append(code.getLiteral());
      }

      @Override
      public void visit(SoftLineBreak br) {
        b.append(' ');
      }

      @Override
      public void visit(HardLineBreak br) {
        b.append(' ');
      }
    });
    return b.toString();
  }
}
