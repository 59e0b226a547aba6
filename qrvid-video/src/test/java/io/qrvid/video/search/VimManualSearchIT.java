package io.qrvid.video.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qrvid.video.EncodeResult;
import io.qrvid.video.QrVideoEncoder;
import io.qrvid.video.QrVideoReader;
import io.qrvid.video.VideoIndex;
import io.qrvid.video.internal.HumbleRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Search over the whole Vim user manual, encoded once with the default encoder (search index built while encoding). */
class VimManualSearchIT {
  @TempDir static Path tmp;
  static Path manual;
  static List<Path> files;
  static Path video;
  static EncodeResult encoded;
  static QrVideoReader reader;

  /**
   * Known answers: a query a user would type, and the chapter that explains it (its table of contents names the
   * topic). Chosen from the manual's tables of contents before any search was run.
   */
  static final Map<String, String> QUERIES = Map.ofEntries(
      Map.entry("recover a file after a crash from the swap file", "usr_11.txt"),
      Map.entry("viewing differences with vimdiff", "usr_08.txt"),
      Map.entry("tab pages :tabedit", "usr_08.txt"),
      Map.entry("record and play back commands in a register", "usr_10.txt"),
      Map.entry("open and close folds zo zc", "usr_28.txt"),
      Map.entry("undo tree time travelling :earlier", "usr_32.txt"),
      Map.entry("autocommands", "usr_40.txt"),
      Map.entry("defining command-line commands :command", "usr_40.txt"),
      Map.entry("command line completion", "usr_20.txt"),
      Map.entry("sessions :mksession", "usr_21.txt"),
      Map.entry("viminfo remembering information", "usr_21.txt"),
      Map.entry("the buffer list :ls", "usr_22.txt"),
      Map.entry("encryption with a password", "usr_23.txt"),
      Map.entry("editing binary files xxd", "usr_23.txt"),
      Map.entry("abbreviations :iabbrev", "usr_24.txt"),
      Map.entry("digraphs", "usr_24.txt"),
      Map.entry("aligning text :center :right", "usr_25.txt"),
      Map.entry("add and subtract numbers CTRL-A", "usr_26.txt"),
      Map.entry("ignorecase smartcase", "usr_27.txt"),
      Map.entry("tags ctags jump to a function definition", "usr_29.txt"),
      Map.entry("indenting C files cindent", "usr_30.txt"),
      Map.entry("compiling with :make and the quickfix list", "usr_30.txt"),
      Map.entry("menu commands :amenu", "usr_42.txt"),
      Map.entry(":syntax keyword", "usr_44.txt"),
      Map.entry("language for messages", "usr_45.txt"),
      Map.entry("exceptions try catch", "usr_50.txt"),
      Map.entry("writing a compiler plugin", "usr_51.txt"),
      Map.entry("vim9 script export import", "usr_52.txt"),
      Map.entry("install vim on Unix configure make install", "usr_90.txt"),
      Map.entry("lists and dictionaries", "usr_41.txt"),
      Map.entry("text objects", "usr_04.txt"),
      Map.entry("syntax highlighting colors", "usr_06.txt"));

  @BeforeAll
  static void encodeTheManual() throws IOException {
    assumeTrue(HumbleRuntime.isAvailable(), "Humble Video natives not available here");
    manual = Path.of(System.getProperty("qrvid.shared.dir", "../shared"), "corpus", "vim-user-manual");
    assumeTrue(Files.isDirectory(manual), "shared corpus not found at " + manual);
    try (Stream<Path> s = Files.list(manual)) {
      files = s.filter(p -> p.getFileName().toString().matches("usr_\\d+\\.txt")).sorted().toList();
    }
    video = tmp.resolve("vim.mp4");
    encoded = QrVideoEncoder.builder().build().encode(files, video);
    reader = QrVideoReader.open(video);
  }

  @AfterAll
  static void close() {
    if (reader != null) {
      reader.close();
    }
  }

  @Test
  void everyKnownAnswerQueryFindsItsChapterInTheTopThree() throws IOException {
    assertThat(QUERIES).hasSizeGreaterThanOrEqualTo(20);
    List<String> misses = new ArrayList<>();
    for (Map.Entry<String, String> q : QUERIES.entrySet()) {
      List<SearchHit> hits = reader.search(q.getKey(), 3);
      List<String> docs = hits.stream().map(SearchHit::document).toList();
      if (!docs.contains(q.getValue())) {
        misses.add(q.getKey() + " -> " + docs + " (expected " + q.getValue() + ")");
      }
    }
    assertThat(misses).isEmpty();
  }

  @Test
  void hitTextIsReadFromTheVideoAndEqualsTheSourceBytesAtItsOffsets() throws IOException {
    int checked = 0;
    for (String q : QUERIES.keySet()) {
      for (SearchHit hit : reader.search(q, 5)) {
        assertThat(hit.failure()).isEmpty();
        assertThat(hit.extracted()).isFalse();
        assertThat(hit.video()).isEqualTo(video);
        byte[] source = Files.readAllBytes(manual.resolve(hit.document()));
        byte[] at = Arrays.copyOfRange(source, (int) hit.byteStart(), (int) hit.byteEnd());
        String text = hit.text().orElseThrow();
        assertThat(text.getBytes(StandardCharsets.UTF_8)).isEqualTo(at);
        assertThat(new String(source, StandardCharsets.UTF_8).substring(hit.charStart(), hit.charEnd()))
            .isEqualTo(text);
        assertThat(hit.snippet()).isNotBlank();
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(100);
  }

  @Test
  void snippetsMarkTheMatchedWords() throws IOException {
    SearchHit hit = reader.search("vimdiff", 1).get(0);
    assertThat(hit.document()).isEqualTo("usr_08.txt");
    assertThat(hit.snippet()).contains("«vimdiff»").doesNotContain("\n");
    assertThat(hit.rank()).isEqualTo(1);
    assertThat(hit.score()).isPositive();
    // Phrases, required and excluded words work; a query of stop words only finds nothing.
    assertThat(reader.search("\"visual block mode\"", 3)).extracting(SearchHit::document).contains("usr_10.txt");
    assertThat(reader.search("the of and", 5)).isEmpty();
    // "a -b" means a and not b (Lucene's simple syntax alone would rank chunks with a, b or not, under OR).
    List<SearchHit> folds = reader.search("fold -marker", 10);
    assertThat(folds).isNotEmpty().allSatisfy(h -> {
      assertThat(h.text().orElseThrow().toLowerCase()).contains("fold").doesNotContain("marker");
    });
  }

  @Test
  void theSearchIndexStoresNoText() throws IOException {
    Path dir = SearchIndexWriter.pathFor(video);
    assertThat(encoded.searchIndexFolder()).contains(dir);
    List<String> indexFiles = new ArrayList<>(); // each file's bytes as ISO-8859-1 chars, for a fast indexOf
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        indexFiles.add(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
      }
    }
    assertThat(indexFiles).isNotEmpty();
    // Every run of four consecutive words of the manual (as written, and lower-cased) is searched for in every
    // index file, as UTF-8: none may appear.
    int probes = 0;
    for (Path f : files) {
      String[] words = Files.readString(f).split("\\s+");
      for (int i = 0; i + 4 <= words.length; i += 3) {
        String phrase = String.join(" ", Arrays.copyOfRange(words, i, i + 4));
        if (phrase.length() < 16) {
          continue;
        }
        for (String p : List.of(phrase, phrase.toLowerCase())) {
          String needle = new String(p.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
          for (String file : indexFiles) {
            if (file.contains(needle)) {
              throw new AssertionError("'" + p + "' found in the search index");
            }
          }
        }
        probes++;
      }
    }
    assertThat(probes).isGreaterThan(10_000);
    // And structurally: no stored fields, no term vectors, no offsets.
    try (DirectoryReader r = DirectoryReader.open(FSDirectory.open(dir))) {
      assertThat(r.numDocs()).isEqualTo(VideoIndex.read(VideoIndex.pathFor(video)).chunks().size());
      for (LeafReaderContext leaf : r.leaves()) {
        for (FieldInfo fi : leaf.reader().getFieldInfos()) {
          assertThat(fi.hasVectors()).as(fi.name + " term vectors").isFalse();
          assertThat(fi.getIndexOptions()).isIn(IndexOptions.NONE, IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
        }
        for (int d = 0; d < leaf.reader().maxDoc(); d++) {
          assertThat(leaf.reader().storedFields().document(d).getFields()).isEmpty();
        }
      }
    }
    double ratio = (double) encoded.searchIndexBytes() / encoded.textBytes();
    System.out.printf("vim manual: search index %d bytes = %.3f x the text (%d bytes)%n", encoded.searchIndexBytes(),
        ratio, encoded.textBytes());
    assertThat(ratio).isLessThan(0.5);
  }
}
