package io.qrvid.video.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qrvid.core.TextChunker;
import io.qrvid.video.QrVideoCorpus;
import io.qrvid.video.QrVideoEncoder;
import io.qrvid.video.QrVideoReader;
import io.qrvid.video.VideoIndex;
import io.qrvid.video.internal.HumbleRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchFeaturesIT {
  @TempDir Path tmp;

  @BeforeAll
  static void natives() {
    assumeTrue(HumbleRuntime.isAvailable(), "Humble Video natives not available here");
  }

  private static final Map<String, String> ANIMALS = Map.of(
      "cats.txt", "Cats purr when content. A kitten learns to hunt mice by watching its mother stalk prey.\n\n"
          + "Domestic cats sleep for most of the day and groom their fur with rough tongues.",
      "dogs.txt", "Dogs bark at strangers. A puppy learns to fetch a ball and follow its owner on walks.\n\n"
          + "Working dogs herd sheep and guard farms through the night.",
      "birds.txt", "Birds migrate south in autumn. A fledgling learns to fly by leaving the nest.\n\n"
          + "Parrots mimic speech while owls hunt mice silently at night.");

  private QrVideoEncoder small(SearchOptions options) {
    return QrVideoEncoder.builder().chunker(TextChunker.builder().chunkSize(100).boundaryWindow(0.5).build()).searchOptions(options)
        .build();
  }

  @Test
  void aCorpusSearchesAllItsSegmentsAsOne() throws IOException {
    Path manifest = tmp.resolve("zoo.qrvid-manifest.json");
    QrVideoCorpus corpus = QrVideoCorpus.open(manifest, small(SearchOptions.defaults()));
    Path cats = Files.writeString(tmp.resolve("cats.txt"), ANIMALS.get("cats.txt"));
    Path dogs = Files.writeString(tmp.resolve("dogs.txt"), ANIMALS.get("dogs.txt"));
    Path birds = Files.writeString(tmp.resolve("birds.txt"), ANIMALS.get("birds.txt"));
    corpus.append(List.of(cats, dogs));
    corpus.append(List.of(birds));
    assertThat(corpus.segmentVideos()).hasSize(2).allSatisfy(v ->
        assertThat(SearchIndexWriter.pathFor(v)).isDirectory());
    List<SearchHit> mice = corpus.search("mice", 5);
    assertThat(mice).extracting(SearchHit::document).containsExactlyInAnyOrder("cats.txt", "birds.txt");
    assertThat(mice).extracting(SearchHit::video).containsExactlyInAnyOrderElementsOf(corpus.segmentVideos());
    assertThat(mice).allSatisfy(h -> assertThat(h.text().orElseThrow()).contains("mice"));
    assertThat(QrVideoCorpus.open(manifest).search("puppy fetch", 1)).extracting(SearchHit::document)
        .containsExactly("dogs.txt");
    try (VideoSearcher s = corpus.searcher(SearchOptions.defaults())) {
      assertThat(s.indexedChunks()).isEqualTo(corpus.segmentVideos().stream().mapToInt(v -> {
        try {
          return VideoIndex.read(VideoIndex.pathFor(v)).chunks().size();
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      }).sum());
      assertThat(s.search("learns", 10)).hasSize(3);
    }
  }

  @Test
  void vectorsFromACallersEmbedderGiveVectorAndHybridSearch() throws IOException {
    Path video = tmp.resolve("v.mp4");
    Embedder embedder = new HashedBagOfWords(64);
    small(SearchOptions.builder().embedder(embedder).build()).encodeTexts(ANIMALS, video);
    try (QrVideoReader reader = QrVideoReader.builder(video)
        .searchOptions(SearchOptions.builder().embedder(new HashedBagOfWords(64)).build()).build();
         VideoSearcher s = VideoSearcher.open(reader, SearchOptions.builder().embedder(embedder).build())) {
      assertThat(s.vectorSearch()).isTrue();
      List<SearchHit> vector = s.search("owls hunt mice", 2, SearchMode.VECTOR);
      assertThat(vector.get(0).document()).isEqualTo("birds.txt");
      List<SearchHit> hybrid = s.search("owls hunt mice", 3, SearchMode.HYBRID);
      assertThat(hybrid.get(0).document()).isEqualTo("birds.txt");
      assertThat(hybrid.get(0).score()).isGreaterThan(hybrid.get(1).score());
      assertThat(reader.search("owls hunt mice", 3)).extracting(SearchHit::chunk)
          .isEqualTo(hybrid.stream().map(SearchHit::chunk).toList());
      // A word only the vectors can match (not a term of the index) still finds something by vector.
      assertThat(s.search("owl", 1, SearchMode.VECTOR)).hasSize(1);
    }
    // Another embedder's query vectors are refused; BM25 without an embedder still works.
    try (QrVideoReader reader = QrVideoReader.open(video)) {
      assertThatThrownBy(() -> VideoSearcher.open(reader, SearchOptions.builder().embedder(new HashedBagOfWords(32))
          .build())).isInstanceOf(SearchIndexException.class).hasMessageContaining("hashed-bag-of-words-64");
      try (VideoSearcher plain = VideoSearcher.open(reader, SearchOptions.defaults())) {
        assertThat(plain.vectorSearch()).isFalse();
        assertThat(plain.search("kitten", 1).get(0).document()).isEqualTo("cats.txt");
        assertThatThrownBy(() -> plain.search("kitten", 1, SearchMode.VECTOR))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("no embedder");
      }
    }
  }

  @Test
  void aVideoWithoutAnIndexCanBeIndexedLaterWithTheSameResults() throws IOException {
    Path with = tmp.resolve("with.mp4");
    Path without = tmp.resolve("without.mp4");
    small(SearchOptions.defaults()).encodeTexts(ANIMALS, with);
    small(SearchOptions.defaults()).newBuilder().searchIndex(false).build().encodeTexts(ANIMALS, without);
    assertThat(SearchIndexWriter.pathFor(without)).doesNotExist();
    try (QrVideoReader a = QrVideoReader.open(with); QrVideoReader b = QrVideoReader.open(without)) {
      assertThatThrownBy(() -> b.search("kitten", 3)).isInstanceOf(SearchIndexException.class)
          .hasMessageContaining("no search index");
      SearchIndexWriter.rebuild(b, SearchOptions.defaults());
      for (String q : List.of("kitten", "learns to", "night hunt", "sheep")) {
        assertThat(b.search(q, 5)).extracting(SearchHit::chunk, SearchHit::score)
            .isEqualTo(a.search(q, 5).stream().map(h -> org.assertj.core.groups.Tuple.tuple(h.chunk(), h.score()))
                .toList());
      }
    }
  }

  @Test
  void anIndexOfAnotherVideoIsRefusedAndReencodingReplacesIt() throws IOException {
    Path one = tmp.resolve("one.mp4");
    Path two = tmp.resolve("two.mp4");
    small(SearchOptions.defaults()).encodeTexts(Map.of("cats.txt", ANIMALS.get("cats.txt")), one);
    small(SearchOptions.defaults()).encodeTexts(Map.of("dogs.txt", ANIMALS.get("dogs.txt")), two);
    Path stale = SearchIndexWriter.pathFor(one);
    SearchIndexWriter.delete(one);
    Files.move(SearchIndexWriter.pathFor(two), stale);
    try (QrVideoReader reader = QrVideoReader.open(one)) {
      assertThatThrownBy(() -> reader.search("kitten", 1)).isInstanceOf(SearchIndexException.class)
          .hasMessageContaining("belongs to another video");
    }
    // Encoding again under the same name replaces the stale index; encoding without one removes it.
    small(SearchOptions.defaults()).encodeTexts(Map.of("cats.txt", ANIMALS.get("cats.txt")), one);
    try (QrVideoReader reader = QrVideoReader.open(one)) {
      assertThat(reader.search("kitten", 1)).hasSize(1);
    }
    small(SearchOptions.defaults()).newBuilder().searchIndex(false).build()
        .encodeTexts(Map.of("cats.txt", ANIMALS.get("cats.txt")), one);
    assertThat(stale).doesNotExist();
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList()).isEmpty();
    }
    Path garbage = Files.createDirectories(SearchIndexWriter.pathFor(two).resolveSibling("x.mp4.qrvid-search"));
    Files.writeString(garbage.resolve("segments_1"), "not lucene");
    Files.copy(two, tmp.resolve("x.mp4"));
    Files.copy(VideoIndex.pathFor(two), VideoIndex.pathFor(tmp.resolve("x.mp4")));
    try (QrVideoReader reader = QrVideoReader.open(tmp.resolve("x.mp4"))) {
      assertThatThrownBy(() -> reader.search("puppy", 1)).isInstanceOf(SearchIndexException.class)
          .hasMessageContaining("x.mp4.qrvid-search");
    }
  }

  @Test
  void theIndexRecordsItsLanguageAndACustomAnalyzerMustBeNamed() throws IOException {
    Path german = tmp.resolve("de.mp4");
    Map<String, String> docs = new LinkedHashMap<>();
    docs.put("haus.txt", "Die Häuser stehen am Fluss. Im Sommer blühen die Gärten.");
    docs.put("auto.txt", "Das Auto fährt schnell über die Brücke.");
    small(SearchOptions.builder().language(SearchLanguage.GERMAN).build()).encodeTexts(docs, german);
    try (QrVideoReader reader = QrVideoReader.open(german)) {
      // German stemming: "Haus" finds "Häuser" although the reader's options say nothing about German.
      assertThat(reader.search("Haus", 1).get(0).document()).isEqualTo("haus.txt");
    }
    Path custom = tmp.resolve("ws.mp4");
    SearchOptions ws = SearchOptions.builder().analyzer("whitespace", WhitespaceAnalyzer::new).build();
    small(ws).encodeTexts(docs, custom);
    try (QrVideoReader reader = QrVideoReader.open(custom)) {
      assertThatThrownBy(() -> reader.search("Auto", 1)).isInstanceOf(SearchIndexException.class)
          .hasMessageContaining("custom:whitespace");
    }
    try (QrVideoReader reader = QrVideoReader.builder(custom).searchOptions(ws).build()) {
      assertThat(reader.search("Auto", 1).get(0).document()).isEqualTo("auto.txt");
      assertThat(reader.search("auto", 1)).isEmpty(); // whitespace analysis keeps case
    }
  }
}
