package io.qrvid.video.ingest;

import io.qrvid.core.TextSection;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineNode;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Text of a PDF per page with Apache PDFBox's {@link PDFTextStripper}, in one pass: one section per page with text,
 * numbered from 1, titled from the document outline. A page's title is the shallowest outline item that points at it,
 * or else the last one that points at an earlier page (the section the page continues).
 */
final class PdfText {
  /** Outline items visited at most (a malicious outline can be huge or cyclic). */
  private static final int MAX_OUTLINE_ITEMS = 10_000;
  private static final int MAX_OUTLINE_DEPTH = 32;

  private PdfText() {}

  static ExtractedText extract(String name, byte[] bytes, long maxChars) {
    try (PDDocument doc = Loader.loadPDF(bytes)) {
      Map<Integer, String> outline = outlineTitles(doc);
      List<Integer> pageStarts = new ArrayList<>();
      StringWriter out = new StringWriter();
      PDFTextStripper stripper = new PDFTextStripper() {
        @Override
        protected void startPage(PDPage page) throws IOException {
          pageStarts.add(out.getBuffer().length());
          super.startPage(page);
        }

        @Override
        protected void endPage(PDPage page) throws IOException {
          super.endPage(page);
          if (out.getBuffer().length() > maxChars) {
            throw new IOException("more than " + maxChars + " characters of text");
          }
        }
      };
      stripper.setSortByPosition(false);
      stripper.writeText(doc, out);
      String text = out.toString();
      List<TextSection> sections = new ArrayList<>();
      String title = null;
      for (int p = 0; p < pageStarts.size(); p++) {
        String pageTitle = outline.get(p);
        if (pageTitle != null) {
          title = pageTitle;
        }
        sections.add(TextSection.page(pageStarts.get(p), p + 1, title));
      }
      return new ExtractedText(text, sections);
    } catch (InvalidPasswordException e) {
      throw new DocumentParseException(name, DocumentFormat.PDF, "the PDF is encrypted with a password", e);
    } catch (IOException | RuntimeException e) {
      throw new DocumentParseException(name, DocumentFormat.PDF, String.valueOf(e.getMessage()), e);
    }
  }

  /** 0-based page index to the title of the first outline item pointing at it. */
  private static Map<Integer, String> outlineTitles(PDDocument doc) {
    Map<Integer, String> titles = new HashMap<>();
    PDOutlineNode root = doc.getDocumentCatalog().getDocumentOutline();
    if (root == null) {
      return titles;
    }
    Deque<Object[]> stack = new ArrayDeque<>();
    stack.push(new Object[] {root, 0});
    int visited = 0;
    while (!stack.isEmpty() && visited < MAX_OUTLINE_ITEMS) {
      Object[] top = stack.pop();
      PDOutlineNode node = (PDOutlineNode) top[0];
      int depth = (Integer) top[1];
      List<PDOutlineItem> children = new ArrayList<>();
      try {
        for (PDOutlineItem child : node.children()) {
          children.add(child);
          if (++visited >= MAX_OUTLINE_ITEMS) {
            break;
          }
        }
      } catch (RuntimeException e) {
        continue; // a broken outline only costs titles
      }
      for (int i = children.size() - 1; i >= 0; i--) {
        PDOutlineItem item = children.get(i);
        if (depth < MAX_OUTLINE_DEPTH) {
          stack.push(new Object[] {item, depth + 1});
        }
      }
      for (PDOutlineItem item : children) {
        try {
          PDPage page = item.findDestinationPage(doc);
          String t = item.getTitle();
          if (page != null && t != null && !t.isBlank()) {
            int index = doc.getPages().indexOf(page);
            if (index >= 0) {
              titles.merge(index, t.strip(), (a, b) -> a);
            }
          }
        } catch (IOException | RuntimeException e) {
          // a bad destination only costs its title
        }
      }
    }
    return titles;
  }
}
