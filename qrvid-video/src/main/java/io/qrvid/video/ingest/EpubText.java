package io.qrvid.video.ingest;

import io.qrvid.core.TextSection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Text of an EPUB (2 or 3): the archive is read with the JDK's {@link ZipInputStream} under limits on entry count
 * and inflated bytes (counted while inflating, never trusted from headers, so a zip bomb stops at the limit),
 * {@code META-INF/container.xml} names the package document (OPF), whose spine gives the reading order of the XHTML
 * content documents. Each content document's text is laid out by {@link HtmlText}; it starts a section titled from
 * the table of contents (EPUB 3 navigation document or EPUB 2 NCX), or else its {@code <title>}, and its headings
 * start sections of their own. EPUB has no pages, so chunks carry titles only.
 */
final class EpubText {
  private EpubText() {}

  static ExtractedText extract(String name, byte[] bytes, DocumentIngester limits) {
    Map<String, byte[]> entries = unzip(name, bytes, limits);
    byte[] container = entries.get("META-INF/container.xml");
    if (container == null) {
      throw parse(name, "no META-INF/container.xml", null);
    }
    Element rootfile = xml(container).selectFirst("*|rootfile[full-path]");
    if (rootfile == null) {
      throw parse(name, "META-INF/container.xml names no package document", null);
    }
    String opfPath = resolve("", rootfile.attr("full-path"));
    byte[] opfBytes = entries.get(opfPath);
    if (opfBytes == null) {
      throw parse(name, "package document " + opfPath + " is missing", null);
    }
    Document opf = xml(opfBytes);
    String base = opfPath.contains("/") ? opfPath.substring(0, opfPath.lastIndexOf('/') + 1) : "";
    Map<String, Element> manifest = new HashMap<>();
    for (Element item : opf.select("*|manifest > *|item[id][href]")) {
      manifest.putIfAbsent(item.attr("id"), item);
    }
    Map<String, String> toc = tableOfContents(opf, manifest, base, entries);
    StringBuilder out = new StringBuilder();
    List<TextSection> sections = new ArrayList<>();
    int itemNumber = 0;
    for (Element ref : opf.select("*|spine > *|itemref[idref]")) {
      Element item = manifest.get(ref.attr("idref"));
      if (item == null) {
        continue;
      }
      String type = item.attr("media-type").toLowerCase(Locale.ROOT);
      if (!type.contains("html")) {
        continue;
      }
      String path = resolve(base, item.attr("href"));
      byte[] content = entries.get(path);
      if (content == null) {
        throw parse(name, "spine item " + path + " is missing from the archive", null);
      }
      Document html = Jsoup.parse(new String(content, StandardCharsets.UTF_8), "", Parser.htmlParser());
      if (out.length() > 0) {
        out.append("\n\n");
      }
      int start = out.length();
      String title = toc.get(path);
      if (title == null) {
        title = html.title().strip();
      }
      if (title.isEmpty()) {
        title = "Part " + (itemNumber + 1);
      }
      sections.add(TextSection.titled(start, title));
      List<TextSection> inner = new ArrayList<>();
      StringBuilder itemText = new StringBuilder();
      try {
        HtmlText.append(html.body(), itemText, inner, limits.maxExtractedChars() - start);
      } catch (IllegalStateException e) {
        throw parse(name, e.getMessage(), e);
      }
      for (TextSection s : inner) {
        if (s.charStart() == 0) {
          sections.set(sections.size() - 1, TextSection.titled(start, s.title().orElse(title)));
        } else {
          sections.add(TextSection.titled(start + s.charStart(), s.title().orElse(title)));
        }
      }
      out.append(itemText);
      itemNumber++;
    }
    if (itemNumber == 0) {
      throw parse(name, "the spine lists no XHTML content documents", null);
    }
    return new ExtractedText(out.toString(), sections);
  }

  /** Content-document path (no fragment) to its first table-of-contents label. */
  private static Map<String, String> tableOfContents(Document opf, Map<String, Element> manifest, String base,
      Map<String, byte[]> entries) {
    Map<String, String> labels = new HashMap<>();
    for (Element item : manifest.values()) {
      String props = " " + item.attr("properties") + " ";
      if (props.contains(" nav ")) {
        String navPath = resolve(base, item.attr("href"));
        byte[] nav = entries.get(navPath);
        if (nav != null) {
          String navBase = navPath.contains("/") ? navPath.substring(0, navPath.lastIndexOf('/') + 1) : "";
          Document d = Jsoup.parse(new String(nav, StandardCharsets.UTF_8), "", Parser.htmlParser());
          for (Element a : d.select("nav a[href]")) {
            labels.putIfAbsent(resolve(navBase, stripFragment(a.attr("href"))), a.text().strip());
          }
        }
      }
    }
    Element spine = opf.selectFirst("*|spine");
    Element ncxItem = spine == null ? null : manifest.get(spine.attr("toc"));
    if (ncxItem != null) {
      String ncxPath = resolve(base, ncxItem.attr("href"));
      byte[] ncx = entries.get(ncxPath);
      if (ncx != null) {
        String ncxBase = ncxPath.contains("/") ? ncxPath.substring(0, ncxPath.lastIndexOf('/') + 1) : "";
        for (Element point : xml(ncx).select("*|navPoint")) {
          Element text = point.selectFirst("*|navLabel *|text");
          Element content = point.selectFirst("*|content[src]");
          if (text != null && content != null) {
            labels.putIfAbsent(resolve(ncxBase, stripFragment(content.attr("src"))), text.text().strip());
          }
        }
      }
    }
    labels.values().removeIf(String::isEmpty);
    return labels;
  }

  private static String stripFragment(String href) {
    int hash = href.indexOf('#');
    return hash >= 0 ? href.substring(0, hash) : href;
  }

  /** Resolves {@code href} (URL-encoded, relative) against the folder {@code base} inside the archive. */
  static String resolve(String base, String href) {
    String decoded;
    try {
      decoded = URLDecoder.decode(href.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      decoded = href;
    }
    Deque<String> parts = new ArrayDeque<>();
    String joined = decoded.startsWith("/") ? decoded.substring(1) : base + decoded;
    for (String part : joined.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(part);
      }
    }
    return String.join("/", parts);
  }

  private static Document xml(byte[] bytes) {
    return Jsoup.parse(new String(bytes, StandardCharsets.UTF_8), "", Parser.xmlParser());
  }

  /** Every entry the text needs (XML, XHTML, HTML, OPF, NCX), within the limits; other entries are counted only. */
  private static Map<String, byte[]> unzip(String name, byte[] bytes, DocumentIngester limits) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    long total = 0;
    int count = 0;
    byte[] buf = new byte[16384];
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        if (++count > limits.maxArchiveEntries()) {
          throw parse(name, "more than " + limits.maxArchiveEntries() + " archive entries", null);
        }
        String entryName = entry.getName();
        String lower = entryName.toLowerCase(Locale.ROOT);
        boolean wanted = !entry.isDirectory() && (lower.endsWith(".xml") || lower.endsWith(".opf")
            || lower.endsWith(".ncx") || lower.endsWith(".xhtml") || lower.endsWith(".html")
            || lower.endsWith(".htm"));
        ByteArrayOutputStream content = wanted ? new ByteArrayOutputStream() : null;
        total += drain(zip, buf, content, limits.maxArchiveBytes() - total, name, limits);
        if (content != null) {
          entries.putIfAbsent(entryName, content.toByteArray());
        }
      }
    } catch (ZipException e) {
      throw parse(name, "not a readable ZIP archive: " + e.getMessage(), e);
    } catch (IOException e) {
      throw parse(name, "cannot read the archive: " + e.getMessage(), e);
    }
    if (count == 0) {
      throw parse(name, "not a ZIP archive (no entries)", null);
    }
    return entries;
  }

  private static long drain(InputStream in, byte[] buf, ByteArrayOutputStream to, long budget, String name,
      DocumentIngester limits) throws IOException {
    long n = 0;
    int r;
    while ((r = in.read(buf)) > 0) {
      n += r;
      if (n > budget) {
        throw parse(name, "inflates to more than " + limits.maxArchiveBytes() + " bytes (zip bomb?)", null);
      }
      if (to != null) {
        to.write(buf, 0, r);
      }
    }
    return n;
  }

  private static DocumentParseException parse(String name, String message, Throwable cause) {
    return new DocumentParseException(name, DocumentFormat.EPUB, message, cause);
  }
}
