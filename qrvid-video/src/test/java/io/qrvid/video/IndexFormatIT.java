package io.qrvid.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrvid.core.ChunkCompression;
import io.qrvid.video.internal.HumbleRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Formats 2 (compact chunk table, zstd with a dictionary) and 1 (JSON chunk objects, Deflate): videos written by qrvid
 * before format 2 stay readable, format 2 round-trips exactly by whole read and by random access, format 1 can still
 * be written, and a damaged or foreign dictionary is a typed error, never wrong bytes.
 */
class IndexFormatIT {
  @TempDir static Path tmp;
  static Map<String, String> docs;
  static Path video;

  /** English-like text (synthetic): chunks repeat words and phrases across documents, as a corpus does. */
  static String text(long seed, int chars) {
    String[] words = ("the a reader encoder frame symbol module chunk index payload codec keyframe quiet zone version "
        + "level mask pattern parity dictionary stores reads writes every each video text document byte").split(" ");
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder();
    while (sb.length() < chars) {
      sb.append(words[r.nextInt(words.length)]);
      sb.append(r.nextInt(12) == 0 ? ".\n" : r.nextInt(40) == 0 ? ", ünïcödé " : " ");
    }
    return sb.toString();
  }

  @BeforeAll
  static void encode() throws IOException {
    assumeTrue(HumbleRuntime.isAvailable(), "Humble Video natives not available here");
    docs = new LinkedHashMap<>();
    docs.put("one.txt", text(1, 40_000));
    docs.put("two.txt", text(2, 25_000));
    video = tmp.resolve("v2.mp4");
    QrVideoEncoder.builder().build().encodeTexts(docs, video);
  }

  private static Path fixture(String name) throws IOException {
    Path dir = tmp.resolve("format1");
    Files.createDirectories(dir);
    Path p = dir.resolve(name);
    if (!Files.exists(p)) {
      try (InputStream in = IndexFormatIT.class.getResourceAsStream("/format1/" + name)) {
        Files.copy(in, p);
      }
    }
    return p;
  }

  @Test
  void videosWrittenBeforeFormat2AreStillReadExactly() throws IOException {
    byte[] one = Files.readAllBytes(fixture("format1.txt"));
    byte[] two = Files.readAllBytes(fixture("second.txt"));
    for (String name : List.of("format1.mp4", "format1-parity.mp4")) {
      fixture(name + VideoIndex.SUFFIX);
      try (QrVideoReader reader = QrVideoReader.open(fixture(name))) {
        assertThat(reader.index().formatVersion()).isEqualTo(1);
        assertThat(reader.index().geometry().payloadFormatVersion()).isEqualTo(1);
        Map<String, byte[]> back = reader.readAll();
        assertThat(back.get("format1.txt")).as(name).isEqualTo(one);
        assertThat(back.get("second.txt")).as(name).isEqualTo(two);
        VideoIndex.ChunkEntry last = reader.index().chunks().get(reader.index().chunks().size() - 1);
        assertThat(reader.chunk(last.index())).isEqualTo(Arrays.copyOfRange(two, (int) last.byteStart(),
            (int) last.byteEnd()));
      }
    }
  }

  @Test
  void format2StoresAChunkTableAndADictionaryAndRoundTrips() throws IOException {
    JsonNode json = IndexJson.Mapper.MAPPER.readTree(Files.readAllBytes(VideoIndex.pathFor(video)));
    assertThat(json.get("formatVersion").asInt()).isEqualTo(2);
    assertThat(json.has("chunks")).isFalse();
    assertThat(json.get("chunkTable").asText()).isNotEmpty();
    assertThat(json.get("geometry").get("compression").asText()).isEqualTo("zstd");
    assertThat(json.get("geometry").get("payloadFormatVersion").asInt()).isEqualTo(2);
    long textBytes = docs.values().stream().mapToLong(t -> t.getBytes(StandardCharsets.UTF_8).length).sum();
    assertThat(json.get("dictionary").get("bytes").asInt()).isBetween(1024,
        io.qrvid.core.CompressionDictionary.sizeFor(textBytes));
    try (QrVideoReader reader = QrVideoReader.builder(video).cacheFrames(0).build()) {
      VideoIndex ix = reader.index();
      // The chunk table costs a few bytes per chunk: everything but the dictionary and documents is small.
      int tableChars = json.get("chunkTable").asText().length();
      assertThat(tableChars).isLessThan(20 * ix.chunks().size());
      assertThat(ix.chunks()).allSatisfy(c -> assertThat(c.compressed()).isTrue());
      Map<String, byte[]> back = reader.readAll();
      for (Map.Entry<String, String> e : docs.entrySet()) {
        assertThat(back.get(e.getKey())).isEqualTo(e.getValue().getBytes(StandardCharsets.UTF_8));
      }
      byte[] one = docs.get("one.txt").getBytes(StandardCharsets.UTF_8);
      byte[] two = docs.get("two.txt").getBytes(StandardCharsets.UTF_8);
      for (VideoIndex.ChunkEntry c : ix.chunks()) {
        byte[] doc = c.document() == 0 ? one : two;
        assertThat(reader.chunk(c.index())).as("chunk %d", c.index())
            .isEqualTo(Arrays.copyOfRange(doc, (int) c.byteStart(), (int) c.byteEnd()));
        assertThat(reader.lastStats().framesDecoded()).as("chunk %d: GOP 1, no seek margin", c.index())
            .isLessThanOrEqualTo(c.lastSymbol() - c.firstSymbol() + 1);
      }
    }
  }

  @Test
  void format1CanStillBeWrittenAndIsReadBack() throws IOException {
    Path v1 = tmp.resolve("v1.mov");
    QrVideoEncoder.builder().compression(ChunkCompression.DEFLATE).formatVersion(1).build().encodeTexts(docs, v1);
    JsonNode json = IndexJson.Mapper.MAPPER.readTree(Files.readAllBytes(VideoIndex.pathFor(v1)));
    assertThat(json.get("formatVersion").asInt()).isEqualTo(1);
    assertThat(json.get("chunks").isArray()).isTrue();
    assertThat(json.get("chunks").get(0).has("deflated")).isTrue();
    assertThat(json.has("chunkTable")).isFalse();
    assertThat(json.has("dictionary")).isFalse();
    try (QrVideoReader reader = QrVideoReader.open(v1)) {
      assertThat(reader.readAll().get("two.txt")).isEqualTo(docs.get("two.txt").getBytes(StandardCharsets.UTF_8));
    }
    assertThatThrownBy(() -> QrVideoEncoder.builder().formatVersion(1).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("zstd");
  }

  private Path copyWithIndex(String name, java.util.function.Consumer<ObjectNode> mutation) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name));
    Path v = dir.resolve("v2.mp4");
    Files.copy(video, v);
    ObjectNode json = (ObjectNode) IndexJson.Mapper.MAPPER.readTree(Files.readAllBytes(VideoIndex.pathFor(video)));
    mutation.accept(json);
    Files.write(VideoIndex.pathFor(v), IndexJson.Mapper.MAPPER.writeValueAsBytes(json));
    return v;
  }

  @Test
  void aDamagedDictionaryIsATypedErrorNamingIt() throws IOException {
    Path v = copyWithIndex("damaged", j -> {
      ObjectNode d = (ObjectNode) j.get("dictionary");
      String data = d.get("data").asText();
      char c = data.charAt(data.length() / 2);
      d.put("data", data.substring(0, data.length() / 2) + (c == 'A' ? 'B' : 'A') + data.substring(data.length() / 2
          + 1));
    });
    assertThatThrownBy(() -> QrVideoReader.open(v)).isInstanceOfSatisfying(VideoIndexException.class,
        e -> assertThat(e.field()).hasValue("dictionary"));
  }

  @Test
  void anotherVideosDictionaryNeverGivesWrongBytes() throws IOException {
    Path other = tmp.resolve("other.mp4");
    QrVideoEncoder.builder().build().encodeTexts(Map.of("x.txt", text(3, 30_000)), other);
    JsonNode foreign = IndexJson.Mapper.MAPPER.readTree(Files.readAllBytes(VideoIndex.pathFor(other))).get("dictionary");
    Path v = copyWithIndex("foreign", j -> j.set("dictionary", foreign));
    try (QrVideoReader reader = QrVideoReader.open(v)) {
      assertThatThrownBy(reader::readAll).isInstanceOfSatisfying(QrDecodeException.class,
          e -> assertThat(e.missingChunks()).hasSize(reader.index().chunks().size()));
      assertThatThrownBy(() -> reader.chunk(0)).isInstanceOf(QrDecodeException.class);
    }
  }
}
