package io.qrvid.video.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qrvid.core.TextSection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentIngesterTest {
  @TempDir Path tmp;

  static Path sharedCorpus() {
    return Path.of(System.getProperty("qrvid.shared.dir", "../shared"), "corpus");
  }

  @Test
  void pdfTextComesPerPageWithOutlineTitles() throws IOException {
    Path pdf = sharedCorpus().resolve("libtasn1.pdf");
    assumeTrue(Files.isRegularFile(pdf), "shared corpus not found at " + pdf);
    IngestedDocument d = DocumentIngester.defaults().ingest(pdf);
    assertThat(d.format()).isEqualTo(DocumentFormat.PDF);
    assertThat(d.name()).isEqualTo("libtasn1.pdf");
    assertThat(d.bytes()).isEqualTo(Files.readAllBytes(pdf));
    assertThat(d.storedText()).isEmpty();
    ExtractedText t = d.extractedText().orElseThrow();
    List<TextSection> pages = t.sections();
    assertThat(pages.size()).isGreaterThan(10);
    for (int i = 0; i < pages.size(); i++) {
      assertThat(pages.get(i).page()).contains(i + 1);
    }
    assertThat(pages).anySatisfy(s -> assertThat(s.title()).isPresent());
    assertThat(t.text()).contains("asn1_create_element").contains("Libtasn1");
    // The page a function's reference entry is on names it.
    int at = t.text().indexOf("asn1_der_coding");
    assertThat(at).isPositive();
    System.out.printf("libtasn1.pdf: %d pages, %d chars, titles %s%n", pages.size(), t.text().length(),
        pages.stream().map(s -> s.title().orElse("-")).distinct().toList());
  }

  @Test
  void damagedPdfIsATypedErrorNamingTheFile() throws IOException {
    Path bad = Files.write(tmp.resolve("broken.pdf"), "%PDF-1.7\nthis is not really a PDF".getBytes(
        StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> DocumentIngester.defaults().ingest(bad))
        .isInstanceOfSatisfying(DocumentParseException.class, e -> {
          assertThat(e.format()).isEqualTo(DocumentFormat.PDF);
          assertThat(e.document()).isEqualTo(bad.toString());
        }).hasMessageContaining("broken.pdf");
    // With extraction off the same bytes are just stored.
    IngestedDocument raw = DocumentIngester.builder().extractText(false).build().ingest(bad);
    assertThat(raw.format()).isEqualTo(DocumentFormat.TEXT);
    assertThat(raw.extractedText()).isEmpty();
  }

  @Test
  void htmlGivesVisibleTextWithHeadingSections() {
    String html = "<!DOCTYPE html><html><head><title>T</title><style>p{color:red}</style></head><body>"
        + "<h1>Getting  started</h1><p>First   paragraph with <b>bold</b> words.</p>"
        + "<script>var hidden = 1;</script><ul><li>one</li><li>two</li></ul>"
        + "<h2>Details</h2><pre>  keep\n  this</pre><table><tr><td>a</td><td>b</td></tr></table>"
        + "<p>Line<br>break</p></body></html>";
    IngestedDocument d = DocumentIngester.defaults().ingest("page.html", html.getBytes(StandardCharsets.UTF_8));
    assertThat(d.format()).isEqualTo(DocumentFormat.HTML);
    assertThat(d.storedText()).contains(html);
    assertThat(d.searchable()).isTrue();
    ExtractedText t = d.extractedText().orElseThrow();
    assertThat(t.text()).isEqualTo("Getting started\n\nFirst paragraph with bold words.\n\none\ntwo\n\nDetails\n\n"
        + "  keep\n  this\n\na\tb\n\nLine\nbreak");
    assertThat(t.sections()).containsExactly(TextSection.titled(0, "Getting started"),
        TextSection.titled(t.text().indexOf("Details"), "Details"));
    assertThat(t.text()).doesNotContain("hidden").doesNotContain("color");
  }

  @Test
  void markdownHeadingsBecomeSectionsAtTheirLineStarts() {
    String md = "Intro line\r\n\r\n# First *heading*\r\nbody\r\n\r\n```\r\n# not a heading\r\n```\r\n\r\n"
        + "Second `code` heading\r\n---------\r\ntext\r\n";
    IngestedDocument d = DocumentIngester.defaults().ingest("notes.md", md.getBytes(StandardCharsets.UTF_8));
    assertThat(d.format()).isEqualTo(DocumentFormat.MARKDOWN);
    assertThat(d.storedText()).contains(md);
    assertThat(d.sections()).containsExactly(TextSection.titled(md.indexOf("# First"), "First heading"),
        TextSection.titled(md.indexOf("Second"), "Second code heading"));
    assertThat(d.extractedText()).isEmpty();
    assertThat(d.searchable()).isTrue();
  }

  @Test
  void nonUtf8AndNulBytesAreBinaryAndUtf8IsText() {
    byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
    IngestedDocument b = DocumentIngester.defaults().ingest("latin1.txt", latin1);
    assertThat(b.format()).isEqualTo(DocumentFormat.BINARY);
    assertThat(b.storedText()).isEmpty();
    assertThat(b.searchable()).isFalse();
    assertThat(DocumentIngester.defaults().ingest("utf16.txt", "hi".getBytes(StandardCharsets.UTF_16LE)).format())
        .isEqualTo(DocumentFormat.BINARY);
    assertThat(DocumentIngester.defaults().ingest("x.md", latin1).format()).isEqualTo(DocumentFormat.BINARY);
    IngestedDocument t = DocumentIngester.defaults().ingest("a.txt", "漢字 text".getBytes(StandardCharsets.UTF_8));
    assertThat(t.format()).isEqualTo(DocumentFormat.TEXT);
    assertThat(t.storedText()).contains("漢字 text");
    assertThat(DocumentIngester.detect("noext", "<!doctype HTML><p>x".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(DocumentFormat.HTML);
  }

  @Test
  void epubTextFollowsTheSpineWithTocTitles() throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("META-INF/container.xml", "<?xml version=\"1.0\"?><container version=\"1.0\" "
        + "xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles><rootfile full-path=\"OEBPS/content.opf\" "
        + "media-type=\"application/oebps-package+xml\"/></rootfiles></container>");
    files.put("OEBPS/content.opf", "<?xml version=\"1.0\"?><opf:package xmlns:opf=\"http://www.idpf.org/2007/opf\" "
        + "version=\"2.0\"><opf:manifest><opf:item id=\"ncx\" href=\"toc.ncx\" media-type=\"application/x-dtbncx+xml\"/>"
        + "<opf:item id=\"c2\" href=\"text/ch%202.xhtml\" media-type=\"application/xhtml+xml\"/>"
        + "<opf:item id=\"c1\" href=\"text/ch1.xhtml\" media-type=\"application/xhtml+xml\"/>"
        + "<opf:item id=\"img\" href=\"cover.png\" media-type=\"image/png\"/></opf:manifest>"
        + "<opf:spine toc=\"ncx\"><opf:itemref idref=\"c1\"/><opf:itemref idref=\"c2\"/></opf:spine></opf:package>");
    files.put("OEBPS/toc.ncx", "<?xml version=\"1.0\"?><ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\"><navMap>"
        + "<navPoint id=\"n1\"><navLabel><text>Chapter One</text></navLabel><content src=\"text/ch1.xhtml#top\"/></navPoint>"
        + "<navPoint id=\"n2\"><navLabel><text>Chapter Two</text></navLabel><content src=\"text/ch%202.xhtml\"/></navPoint>"
        + "</navMap></ncx>");
    files.put("OEBPS/text/ch1.xhtml", "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>c1</title></head>"
        + "<body><p>The whale surfaced.</p><h2>A storm</h2><p>Waves rose high.</p></body></html>");
    files.put("OEBPS/text/ch 2.xhtml", "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>c2</title></head>"
        + "<body><p>Calm returned to the sea.</p></body></html>");
    files.put("OEBPS/cover.png", "not really a png");
    byte[] epub = zip(files, true);
    IngestedDocument d = DocumentIngester.defaults().ingest("book.epub", epub);
    assertThat(d.format()).isEqualTo(DocumentFormat.EPUB);
    assertThat(d.bytes()).isSameAs(epub);
    ExtractedText t = d.extractedText().orElseThrow();
    assertThat(t.text()).isEqualTo("The whale surfaced.\n\nA storm\n\nWaves rose high.\n\nCalm returned to the sea.");
    assertThat(t.sections()).containsExactly(TextSection.titled(0, "Chapter One"),
        TextSection.titled(t.text().indexOf("A storm"), "A storm"),
        TextSection.titled(t.text().indexOf("Calm"), "Chapter Two"));
    assertThat(DocumentIngester.detect("renamed.bin", epub)).isEqualTo(DocumentFormat.EPUB);
  }

  @Test
  void epubZipBombAndBrokenArchivesAreTypedErrors() throws IOException {
    Map<String, byte[]> bomb = new LinkedHashMap<>();
    bomb.put("META-INF/container.xml", new byte[0]);
    bomb.put("OEBPS/big.xhtml", new byte[40 << 20]);   // 40 MiB of zeros deflate to ~40 KB
    byte[] epub = zipBytes(bomb, false);
    assertThat(epub.length).isLessThan(200_000);
    DocumentIngester small = DocumentIngester.builder().maxArchiveBytes(8 << 20).build();
    assertThatThrownBy(() -> small.ingest("bomb.epub", epub)).isInstanceOf(DocumentParseException.class)
        .hasMessageContaining("bomb.epub").hasMessageContaining("inflates to more than");
    assertThatThrownBy(() -> DocumentIngester.builder().maxArchiveEntries(1).build().ingest("bomb.epub", epub))
        .isInstanceOf(DocumentParseException.class).hasMessageContaining("entries");
    assertThatThrownBy(() -> DocumentIngester.defaults().ingest("x.epub", "not a zip".getBytes(
        StandardCharsets.US_ASCII))).isInstanceOf(DocumentParseException.class).hasMessageContaining("x.epub");
    assertThatThrownBy(() -> DocumentIngester.defaults().ingest("nocontainer.epub", zip(Map.of("a.txt", "x"),
        false))).isInstanceOf(DocumentParseException.class).hasMessageContaining("container.xml");
  }

  static byte[] zip(Map<String, String> files, boolean epubMimetype) throws IOException {
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    files.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
    return zipBytes(bytes, epubMimetype);
  }

  static byte[] zipBytes(Map<String, byte[]> files, boolean epubMimetype) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      if (epubMimetype) {
        byte[] m = "application/epub+zip".getBytes(StandardCharsets.US_ASCII);
        ZipEntry e = new ZipEntry("mimetype");
        e.setMethod(ZipEntry.STORED);
        e.setSize(m.length);
        CRC32 crc = new CRC32();
        crc.update(m);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(m);
        zip.closeEntry();
      }
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(f.getKey()));
        zip.write(f.getValue());
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  @Test
  void zipHelperMakesWhatDetectExpects() throws IOException {
    byte[] z = zip(Map.of("a", "b"), true);
    assertThat(Arrays.copyOfRange(z, 30, 38)).isEqualTo("mimetype".getBytes(StandardCharsets.US_ASCII));
  }
}
