package io.qrvid.video.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qrvid.video.EncodeResult;
import io.qrvid.video.QrVideoEncoder;
import io.qrvid.video.QrVideoReader;
import io.qrvid.video.VideoIndex;
import io.qrvid.video.internal.HumbleRuntime;
import io.qrvid.video.search.SearchHit;
import io.qrvid.video.search.SearchIndexWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real documents through a real video: exact bytes back, extracted text with pages and titles, searchable. */
class IngestRoundTripIT {
  @TempDir Path tmp;

  @BeforeAll
  static void natives() {
    assumeTrue(HumbleRuntime.isAvailable(), "Humble Video natives not available here");
  }

  /** A few binary files: random bytes, a gzip stream, a tiny PNG-like header with zeros, UTF-16 text, Latin-1. */
  private List<Path> binaryFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    byte[] random = new byte[150_000];
    new Random(42).nextBytes(random);
    files.add(Files.write(tmp.resolve("random.bin"), random));
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write("compressible line of text\n".repeat(5000).getBytes(StandardCharsets.US_ASCII));
    }
    files.add(Files.write(tmp.resolve("lines.txt.gz"), gz.toByteArray()));
    byte[] png = new byte[70_000];
    byte[] sig = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    System.arraycopy(sig, 0, png, 0, sig.length);
    files.add(Files.write(tmp.resolve("image.png"), png));
    files.add(Files.write(tmp.resolve("utf16.txt"), "Grüße, 世界\r\n".repeat(300).getBytes(StandardCharsets.UTF_16)));
    files.add(Files.write(tmp.resolve("latin1.txt"), "caf\u00e9 \u00e0 la cr\u00e8me\n".repeat(400)
        .getBytes(StandardCharsets.ISO_8859_1)));
    return files;
  }

  @Test
  void pdfAndBinaryFilesRoundTripByteForByteAndPdfChunksCarryPages() throws IOException {
    Path pdf = Path.of(System.getProperty("qrvid.shared.dir", "../shared"), "corpus", "libtasn1.pdf");
    assumeTrue(Files.isRegularFile(pdf), "shared corpus not found at " + pdf);
    List<Path> files = new ArrayList<>(binaryFiles());
    files.add(0, pdf);
    Path video = tmp.resolve("docs.mp4");
    EncodeResult r = QrVideoEncoder.builder().build().encode(files, video);
    assertThat(r.documents()).isEqualTo(files.size());

    VideoIndex index = VideoIndex.read(VideoIndex.pathFor(video));
    VideoIndex.Document pdfDoc = index.documents().get(0);
    assertThat(pdfDoc.name()).isEqualTo("libtasn1.pdf");
    assertThat(pdfDoc.mediaType()).isEqualTo("application/pdf");
    assertThat(pdfDoc.storage()).isEqualTo(VideoIndex.Storage.BYTES);
    VideoIndex.Document layer = index.documents().get(1);
    assertThat(layer.textOf()).isEqualTo(pdfDoc.id());
    assertThat(layer.name()).isEqualTo("libtasn1.pdf" + VideoIndex.TEXT_LAYER_SUFFIX);
    List<VideoIndex.ChunkEntry> layerChunks = index.chunks().subList(layer.firstChunk(),
        layer.firstChunk() + layer.chunkCount());
    assertThat(layerChunks).allSatisfy(c -> assertThat(c.page()).isNotNull().isBetween(1, 36));
    assertThat(layerChunks.stream().map(VideoIndex.ChunkEntry::page).distinct().count()).isGreaterThan(20);
    assertThat(layerChunks).anySatisfy(c -> assertThat(c.title()).isEqualTo("DER functions"));
    assertThat(index.storedDocuments()).extracting(VideoIndex.Document::name)
        .containsExactlyElementsOf(files.stream().map(p -> p.getFileName().toString()).toList());
    for (VideoIndex.Document d : index.storedDocuments()) {
      if (!d.name().equals("libtasn1.pdf")) {
        assertThat(d.storage()).as(d.name()).isEqualTo(VideoIndex.Storage.BYTES);
      }
    }

    Path out = tmp.resolve("restored");
    try (QrVideoReader reader = QrVideoReader.open(video)) {
      assertThat(reader.restoreTo(out)).hasSize(files.size());
      List<SearchHit> hits = reader.search("asn1_der_decoding", 3);
      assertThat(hits).isNotEmpty();
      SearchHit top = hits.get(0);
      assertThat(top.document()).isEqualTo("libtasn1.pdf");
      assertThat(top.extracted()).isTrue();
      assertThat(top.page()).isPresent();
      assertThat(top.text().orElseThrow()).contains("asn1_der_decoding");
      // The offsets locate the hit in the extracted text, which the video stores as the text layer.
      String extracted = DocumentIngester.defaults().ingest(pdf).extractedText().orElseThrow().text();
      assertThat(extracted.substring(top.charStart(), top.charEnd())).isEqualTo(top.text().orElseThrow());
    }
    try (Stream<Path> s = Files.list(out)) {
      assertThat(s.map(p -> p.getFileName().toString()).toList()).doesNotContain("libtasn1.pdf#text");
    }
    for (Path f : files) {
      assertThat(Files.readAllBytes(out.resolve(f.getFileName().toString()))).as(f.getFileName().toString())
          .isEqualTo(Files.readAllBytes(f));
    }
  }

  @Test
  void epubHtmlAndMarkdownAreRestoredExactlyAndSearchedWithTitles() throws IOException {
    Map<String, String> epubFiles = new LinkedHashMap<>();
    epubFiles.put("META-INF/container.xml", "<container><rootfiles><rootfile full-path=\"content.opf\"/>"
        + "</rootfiles></container>");
    epubFiles.put("content.opf", "<package><manifest><item id=\"a\" href=\"a.xhtml\" media-type=\"application/xhtml+xml\"/>"
        + "</manifest><spine><itemref idref=\"a\"/></spine></package>");
    epubFiles.put("a.xhtml", "<html><head><title>Sea stories</title></head><body><h1>The whale</h1>"
        + "<p>A narwhal surfaced beside the harpooneer's boat.</p></body></html>");
    byte[] epub = DocumentIngesterTest.zip(epubFiles, true);
    String html = "<!DOCTYPE html><html><body><h2>Gardening</h2><p>Rhubarb &amp; asparagus need patience.</p>"
        + "</body></html>";
    String md = "# Astronomy notes\n\nThe perihelion of a comet is its closest approach to the sun.\n";
    Map<String, byte[]> docs = new LinkedHashMap<>();
    docs.put("book.epub", epub);
    docs.put("garden.html", html.getBytes(StandardCharsets.UTF_8));
    docs.put("notes.md", md.getBytes(StandardCharsets.UTF_8));
    Path video = tmp.resolve("mixed.mp4");
    QrVideoEncoder.builder().build().encodeBytes(docs, video);
    try (QrVideoReader reader = QrVideoReader.open(video)) {
      Map<String, byte[]> back = reader.readAll();
      assertThat(back.keySet()).containsExactly("book.epub", "garden.html", "notes.md");
      docs.forEach((name, bytes) -> assertThat(back.get(name)).as(name).isEqualTo(bytes));

      SearchHit whale = reader.search("narwhal", 1).get(0);
      assertThat(whale.document()).isEqualTo("book.epub");
      assertThat(whale.title()).contains("The whale");
      assertThat(whale.snippet()).contains("«narwhal»");
      SearchHit garden = reader.search("asparagus", 1).get(0);
      assertThat(garden.document()).isEqualTo("garden.html");
      assertThat(garden.extracted()).isTrue();
      assertThat(garden.text().orElseThrow()).isEqualTo("Gardening\n\nRhubarb & asparagus need patience.");
      // Markup is not searched: tag names are not terms.
      assertThat(reader.search("doctype", 5)).isEmpty();
      SearchHit comet = reader.search("perihelion comet", 1).get(0);
      assertThat(comet.document()).isEqualTo("notes.md");
      assertThat(comet.extracted()).isFalse();
      assertThat(comet.title()).contains("Astronomy notes");
      assertThat(comet.text().orElseThrow()).isEqualTo(md);
    }
  }

  @Test
  void anUnparsableDocumentIsATypedErrorAndNothingIsWritten() throws IOException {
    Path good = Files.writeString(tmp.resolve("good.txt"), "fine text\n".repeat(100));
    Path bad = Files.write(tmp.resolve("broken.pdf"), "%PDF-1.4\n1 0 obj garbage".getBytes(StandardCharsets.US_ASCII));
    Path video = tmp.resolve("o.mp4");
    assertThatThrownBy(() -> QrVideoEncoder.builder().build().encode(List.of(good, bad), video))
        .isInstanceOf(DocumentParseException.class).hasMessageContaining(bad.toString());
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder("good.txt", "broken.pdf");
    }
    assertThat(SearchIndexWriter.pathFor(video)).doesNotExist();
  }
}
