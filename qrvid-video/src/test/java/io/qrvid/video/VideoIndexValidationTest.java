package io.qrvid.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrvid.core.Crc32c;
import io.qrvid.core.FrameLayout;
import io.qrvid.core.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13 item 8 (and 1, 2, 4, 7 as far as the index goes): every crafted index is a typed error naming the field. */
class VideoIndexValidationTest {
  @TempDir Path tmp;

  /** A small valid index: two documents, three chunks, two frames of one version-40-L symbol each. */
  static VideoIndex valid() {
    FrameLayout l = FrameLayout.builder().version(40).modulePixels(1).build();
    return new VideoIndex(1, "test", 42, new VideoIndex.VideoFile("v.mp4", 10_000, 2, 2, 2),
        new VideoIndex.Codec("dense", "libx264", "mp4", "YUV420P", 30, Map.of("qp", "0")),
        new VideoIndex.Geometry(l.frameWidth(), l.frameHeight(), 40, "L", 1, l.quietZone(), 1, 1,
            l.frameAlignment(), "0", "none", 1, 0, 0, 127, 128),
        List.of(new VideoIndex.Document(0, "a.txt", 150, Sha256.of(new byte[150]), 0, 2),
            new VideoIndex.Document(1, "b.txt", 80, Sha256.of(new byte[80]), 2, 1)),
        List.of(chunk(0, 0, 0, 100, 0), chunk(1, 0, 100, 150, 0), chunk(2, 1, 0, 80, 1)));
  }

  private static VideoIndex.ChunkEntry chunk(int index, int doc, long from, long to, long symbol) {
    return new VideoIndex.ChunkEntry(index, doc, (int) from, (int) to, from, to, symbol, 0, symbol, symbol, 1,
        Crc32c.of(new byte[(int) (to - from)]), (int) (to - from), false, null, null);
  }

  private Path write(Consumer<ObjectNode> mutation) throws IOException {
    ObjectNode json = (ObjectNode) IndexJson.Mapper.MAPPER.readTree(valid().toBytes());
    mutation.accept(json);
    Path p = tmp.resolve("v.mp4" + VideoIndex.SUFFIX);
    Files.write(p, IndexJson.Mapper.MAPPER.writeValueAsBytes(json));
    return p;
  }

  private void rejects(String field, Consumer<ObjectNode> mutation) throws IOException {
    Path p = write(mutation);
    Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
        assertThatThrownBy(() -> VideoIndex.read(p)).as(field).isInstanceOfSatisfying(VideoIndexException.class,
            e -> {
              assertThat(e.field()).as(e.getMessage()).hasValue(field);
              assertThat(e.getMessage()).contains(field);
            }));
  }

  private static ObjectNode doc(JsonNode root, int i) {
    return (ObjectNode) root.get("documents").get(i);
  }

  private static ObjectNode chunkNode(JsonNode root, int i) {
    return (ObjectNode) root.get("chunks").get(i);
  }

  @Test
  void theFixtureIsValidAndRoundTripsWithTypedChecksums() throws IOException {
    VideoIndex back = VideoIndex.read(write(j -> { }));
    assertThat(back).isEqualTo(valid());
    JsonNode json = IndexJson.Mapper.MAPPER.readTree(valid().toBytes());
    assertThat(json.get("chunks").get(0).get("crc32c").asText()).matches("[0-9a-f]{8}");
    assertThat(json.get("documents").get(0).get("sha256").asText()).matches("[0-9a-f]{64}");
  }

  @Test
  void hugeNegativeAndNullSizesAreRejectedBeforeAnyAllocation() throws IOException {
    rejects("documents[0].bytes", j -> doc(j, 0).put("bytes", 1L << 62));
    rejects("documents[0].bytes", j -> doc(j, 0).put("bytes", -1));
    rejects("documents[0].bytes", j -> doc(j, 0).putNull("bytes"));
    rejects("documents[1].bytes", j -> doc(j, 1).put("bytes", 81));
    rejects("chunks[1].byteEnd", j -> chunkNode(j, 1).put("byteEnd", 1L << 62));
    rejects("chunks[0].storedBytes", j -> chunkNode(j, 0).put("storedBytes", -5));
    rejects("video.frames", j -> ((ObjectNode) j.get("video")).put("frames", Long.MAX_VALUE));
    rejects("video.dataSymbols", j -> ((ObjectNode) j.get("video")).put("dataSymbols", 1L << 62));
    rejects("chunks[2].lastSymbol", j -> chunkNode(j, 2).put("lastSymbol", 1L << 40));
    rejects("chunks[0].parts", j -> chunkNode(j, 0).put("parts", 70_000));
  }

  @Test
  void missingObjectsAndStringsAreNamed() throws IOException {
    rejects("geometry.errorCorrection", j -> ((ObjectNode) j.get("geometry")).putNull("errorCorrection"));
    rejects("geometry.errorCorrection", j -> ((ObjectNode) j.get("geometry")).put("errorCorrection", "X"));
    rejects("codec", j -> j.putNull("codec"));
    rejects("codec.codec", j -> ((ObjectNode) j.get("codec")).putNull("codec"));
    rejects("video", j -> j.remove("video"));
    rejects("chunks", j -> j.putNull("chunks"));
    rejects("chunks[1]", j -> ((ArrayNode) j.get("chunks")).set(1, j.nullNode()));
    rejects("chunks[0].crc32c", j -> chunkNode(j, 0).putNull("crc32c"));
    rejects("chunks[0].crc32c", j -> chunkNode(j, 0).put("crc32c", "zz"));
    rejects("documents[0].sha256", j -> doc(j, 0).put("sha256", "abc"));
    rejects("documents[0].name", j -> doc(j, 0).putNull("name"));
  }

  @Test
  void parityParametersMustBeConsistent() throws IOException {
    // parityShards 4 with parityData 0 made the parity repair loop forever (issue 13 item 4)
    rejects("geometry.parityData", j -> ((ObjectNode) j.get("geometry")).put("parityShards", 4).put("parityData", 0));
    rejects("geometry.parityData", j -> ((ObjectNode) j.get("geometry")).put("parityShards", 4).put("parityData", 252));
    rejects("geometry.parityShards", j -> ((ObjectNode) j.get("geometry")).put("parityShards", -1));
    rejects("video.symbols", j -> ((ObjectNode) j.get("geometry")).put("parityShards", 4).put("parityData", 20));
  }

  @Test
  void geometryMustDescribeTheRecordedFrame() throws IOException {
    rejects("geometry.version", j -> ((ObjectNode) j.get("geometry")).put("version", 41));
    rejects("geometry.frameWidth", j -> ((ObjectNode) j.get("geometry")).put("frameWidth", 64));
    rejects("geometry.columns", j -> ((ObjectNode) j.get("geometry")).put("columns", 0));
    rejects("geometry.lightLevel", j -> ((ObjectNode) j.get("geometry")).put("lightLevel", 127));
    rejects("geometry.payloadFormatVersion", j -> ((ObjectNode) j.get("geometry")).put("payloadFormatVersion", 9));
    rejects("codec.fps", j -> ((ObjectNode) j.get("codec")).put("fps", 0));
  }

  @Test
  void documentNamesMustBeUniquePlainFileNames() throws IOException {
    rejects("documents[1].name", j -> doc(j, 1).put("name", "a.txt")); // issue 13 item 1
    for (String evil : new String[] {"./a.txt", "../a.txt", "sub/a.txt", "..", ".", "", "a\\b", "x\ny",
        "n".repeat(256)}) { // item 2; item 7's limit
      rejects("documents[0].name", j -> doc(j, 0).put("name", evil));
    }
  }

  @Test
  void chunkAndDocumentRangesMustAgree() throws IOException {
    rejects("chunks[1].index", j -> chunkNode(j, 1).put("index", 7));
    rejects("chunks[1].document", j -> chunkNode(j, 1).put("document", 9));
    rejects("documents[0].chunkCount", j -> doc(j, 0).put("chunkCount", 3));
    rejects("documents[1].chunkCount", j -> doc(j, 1).put("chunkCount", Integer.MAX_VALUE));
    rejects("documents[0].firstChunk", j -> doc(j, 0).put("firstChunk", -1));
    rejects("documents[1].id", j -> doc(j, 1).put("id", 0));
    rejects("chunks[0].frame", j -> chunkNode(j, 0).put("frame", 1));
    rejects("chunks[2].storedBytes", j -> chunkNode(j, 2).put("storedBytes", 10));
    rejects("chunks[2].deflated", j -> chunkNode(j, 2).put("deflated", true).put("storedBytes", 1));
    rejects("chunks[2].byteEnd", j -> {
      ((ObjectNode) j.get("geometry")).put("compression", "deflate");
      chunkNode(j, 2).put("deflated", true).put("storedBytes", 1).put("byteEnd", 2000);
    });
  }

  @Test
  void anOversizedOrGarbageFileIsATypedError() throws IOException {
    Path p = tmp.resolve("x" + VideoIndex.SUFFIX);
    Files.writeString(p, "[1,2,3]");
    assertThatThrownBy(() -> VideoIndex.read(p)).isInstanceOf(VideoIndexException.class);
    Files.writeString(p, "null");
    assertThatThrownBy(() -> VideoIndex.read(p)).isInstanceOf(VideoIndexException.class);
    Files.writeString(p, "{\"formatVersion\":3}");
    assertThatThrownBy(() -> VideoIndex.read(p)).isInstanceOfSatisfying(VideoIndexException.class,
        e -> assertThat(e.field()).hasValue("formatVersion"));
    Files.writeString(p, "{\"formatVersion\":2}");
    assertThatThrownBy(() -> VideoIndex.read(p)).isInstanceOfSatisfying(VideoIndexException.class,
        e -> assertThat(e.field()).hasValue("chunkTable"));
  }
}
