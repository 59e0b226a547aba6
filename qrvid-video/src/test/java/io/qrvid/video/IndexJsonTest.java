package io.qrvid.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrvid.core.Crc32c;
import io.qrvid.core.FrameLayout;
import io.qrvid.core.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming index JSON ({@link IndexJson}) against Jackson's data binding: the same bytes written, the same
 * index read, and whatever the streaming reader leaves to data binding read (or rejected) as before.
 */
class IndexJsonTest {
  @TempDir Path tmp;

  private static VideoIndex index(Map<String, String> options, VideoIndex.Dictionary dictionary,
      Integer interleave, boolean layers) {
    FrameLayout l = FrameLayout.builder().version(40).modulePixels(1).build();
    List<VideoIndex.Document> docs = new ArrayList<>();
    docs.add(new VideoIndex.Document(0, "a \"quoted\" \u00e9\u4e2d\u0001.txt", 150, Sha256.of(new byte[150]), 0,
        2, layers ? "application/pdf" : null, layers ? VideoIndex.Storage.BYTES : null, null));
    docs.add(new VideoIndex.Document(1, "b.txt", 80, Sha256.of(new byte[80]), 2, 1, "text/plain",
        VideoIndex.Storage.TEXT, layers ? 0 : null));
    List<VideoIndex.ChunkEntry> chunks = List.of(chunk(0, 0, 0, 100, 0), chunk(1, 0, 100, 150, 0),
        chunk(2, 1, 0, 80, 1));
    return new VideoIndex(2, "0.1.0-test", -12345, new VideoIndex.VideoFile("v.mkv", 10_000_000_000L, 2, 2, 2),
        new VideoIndex.Codec("DENSE", "ffv1", "matroska", "PIX_FMT_YUV410P", 30, options),
        new VideoIndex.Geometry(l.frameWidth(), l.frameHeight(), 40, "L", 1, l.quietZone(), 1, 1,
            l.frameAlignment(), "best", "zstd", 2, 0, 0, 0, 255, interleave),
        docs, chunks, dictionary);
  }

  private static VideoIndex.ChunkEntry chunk(int index, int doc, long from, long to, long symbol) {
    return new VideoIndex.ChunkEntry(index, doc, (int) from, (int) to, from, to, symbol, 0, symbol, symbol, 1,
        Crc32c.of(new byte[(int) (to - from)]), (int) (to - from), false, null, null);
  }

  private static List<VideoIndex> samples() {
    Map<String, String> opts = new LinkedHashMap<>();
    opts.put("g", "1");
    opts.put("tab\there", "line\nbreak \\ \u2028");
    opts.put("nothing", null);
    VideoIndex.Dictionary dict = new VideoIndex.Dictionary("zstd", 4096, Sha256.of(new byte[3]), "AAEC");
    return List.of(index(Map.of("g", "1"), null, null, false), index(opts, dict, 4, true),
        index(Map.of(), new VideoIndex.Dictionary(null, 0, null, null), null, true), index(null, null, 1, false));
  }

  @Test
  void writesTheBytesDataBindingWrites() {
    for (VideoIndex ix : samples()) {
      String table = java.util.Base64.getEncoder().encodeToString(ChunkTable.encode(ix.chunks()));
      byte[] streaming = IndexJson.writeFormat2(ix, table);
      assertThat(streaming).isNotNull();
      assertThat(new String(streaming, StandardCharsets.UTF_8))
          .isEqualTo(new String(IndexJson.Mapper.write(ix, table), StandardCharsets.UTF_8));
      assertThat(ix.toBytes()).isEqualTo(streaming);
    }
  }

  @Test
  void readsWhatItWritesAsDataBindingDoes() throws IOException {
    for (VideoIndex ix : samples()) {
      byte[] json = ix.toBytes();
      VideoIndex fast = IndexJson.readFormat2(json, "test");
      assertThat(fast).isNotNull();
      assertThat(fast).isEqualTo(IndexJson.Mapper.read(json, Path.of("test")));
      assertThat(fast).isEqualTo(ix);
    }
  }

  @Test
  void leavesEveryOtherShapeToDataBindingWithTheSameResultOrError() throws IOException {
    VideoIndex ix = samples().get(1);
    List<Consumer<ObjectNode>> mutations = List.of(
        j -> ((ObjectNode) j.get("video")).put("frames", "2"),                 // a number as a string: coerced
        j -> ((ObjectNode) j.get("geometry")).put("version", 40.0),           // a fraction: coerced
        j -> ((ObjectNode) j.get("geometry")).remove("rows"),                 // a missing field
        j -> ((ObjectNode) j.get("geometry")).putNull("rows"),                // null for a primitive: an error
        j -> ((ObjectNode) j.get("codec")).put("fps", 1L << 40),              // out of int range: an error
        j -> ((ObjectNode) j.get("codec")).putObject("options").put("crf", 18), // a number for a string
        j -> ((ObjectNode) j.get("documents").get(0)).put("sha256", "zz"),   // not hex: an error
        j -> ((ObjectNode) j.get("documents").get(0)).put("storage", "text"), // not an enum constant: an error
        j -> j.put("formatVersion", 1),                                       // format 1
        j -> j.put("formatVersion", 3),                                       // unsupported
        j -> j.put("chunkTable", 7),                                          // not a string
        j -> j.putArray("documents").add(5));                                 // a number for an object
    for (Consumer<ObjectNode> m : mutations) {
      ObjectNode json = (ObjectNode) IndexJson.Mapper.MAPPER.readTree(ix.toBytes());
      m.accept(json);
      byte[] bytes = IndexJson.Mapper.MAPPER.writeValueAsBytes(json);
      assertThat(IndexJson.readFormat2(bytes, "test")).as(json.toString()).isNull();
      Path p = tmp.resolve("v.mkv" + VideoIndex.SUFFIX);
      Files.write(p, bytes);
      Object viaMapper;
      try {
        viaMapper = IndexJson.Mapper.read(bytes, p);
        if (viaMapper != null) {
          IndexValidator.validate((VideoIndex) viaMapper, p.toString());
        }
      } catch (VideoIndexException e) {
        viaMapper = e.getMessage() + " / " + e.field();
      }
      Object viaRead;
      try {
        viaRead = VideoIndex.read(p);
      } catch (VideoIndexException e) {
        viaRead = e.getMessage() + " / " + e.field();
      }
      assertThat(viaRead).as(json.toString()).isEqualTo(viaMapper);
    }
  }

  @Test
  void malformedJsonIsStillATypedError() throws IOException {
    Path p = tmp.resolve("x" + VideoIndex.SUFFIX);
    byte[] good = samples().get(0).toBytes();
    for (int cut : new int[] {0, 1, good.length / 2, good.length - 1}) {
      Files.write(p, java.util.Arrays.copyOf(good, cut));
      assertThat(IndexJson.readFormat2(java.util.Arrays.copyOf(good, cut), "x")).isNull();
      assertThatThrownBy(() -> VideoIndex.read(p)).isInstanceOf(VideoIndexException.class);
    }
  }
}
