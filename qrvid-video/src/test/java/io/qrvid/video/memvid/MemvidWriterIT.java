package io.qrvid.video.memvid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrvid.video.internal.HumbleRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemvidWriterIT {
  @TempDir
  Path dir;

  @BeforeAll
  static void natives() {
    assumeTrue(HumbleRuntime.isAvailable(), "Humble Video natives not available here");
  }

  /**
   * {@code n} chunks like memvid's (about 1 KB of prose, non-ASCII, chunk 1 short enough to be stored without GZ:),
   * then one of random base64 characters that needs a version above 35.
   */
  static List<String> chunks(int n, long seed) {
    Random rnd = new Random(seed);
    String[] words = ("the of and to video frame symbol module memory library index chunk search river mountain "
        + "caf\u00e9 Z\u00fcrich \u6771\u4eac morning evening quickly slowly").split(" ");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder sb = new StringBuilder();
      int target = i == 1 ? 20 : 900 + rnd.nextInt(200);
      while (sb.length() < target) {
        sb.append(words[rnd.nextInt(words.length)]).append(rnd.nextInt(9) == 0 ? ".\n" : " ");
      }
      out.add(sb.toString().strip());
    }
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    StringBuilder noisy = new StringBuilder();
    while (noisy.length() < 1800) {
      noisy.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
    }
    out.add(noisy.toString());
    return out;
  }

  @Test
  void aLosslessLibraryReadsBackAllVerifiedWithMemvidsIndexKeys() throws IOException {
    List<String> chunks = chunks(11, 1);
    Path video = dir.resolve("lib.mkv");
    MemvidWriteResult r = MemvidWriter.builder().workers(2).build().write(chunks, video);

    assertThat(r.index()).isEqualTo(dir.resolve("lib_index.json"));
    assertThat(r.faiss()).isEqualTo(dir.resolve("lib_index.faiss"));
    assertThat(r.version()).isGreaterThan(35);   // the random chunk needs more than version 35
    assertThat(r.searchable()).isFalse();
    assertThat(r.searchIndex()).isEmpty();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("lib.mkv",
          "lib_index.json", "lib_index.faiss");
    }

    MemvidLibrary lib = MemvidLibrary.open(video, r.index(), MemvidReadOptions.builder().workers(2).build());
    assertThat(lib.allVerified()).as(lib.chunks().toString()).isTrue();
    assertThat(lib.chunks()).hasSize(chunks.size());
    assertThat(lib.warnings()).isEmpty();
    assertThat(lib.codec()).isEqualTo("ffv1");
    for (int i = 0; i < chunks.size(); i++) {
      assertThat(lib.chunks().get(i).videoText()).contains(chunks.get(i));
    }
    assertThat(lib.frames().get(1).compressed()).isFalse();
    assertThat(lib.frames().get(0).compressed()).isTrue();

    // the keys memvid's IndexManager.load reads, in the types it uses them as
    JsonNode root = new ObjectMapper().readTree(r.index().toFile());
    assertThat(root.get("metadata").size()).isEqualTo(chunks.size());
    JsonNode first = root.get("metadata").get(0);
    assertThat(first.get("id").asInt()).isZero();
    assertThat(first.get("frame").asInt()).isZero();
    assertThat(first.get("text").asText()).isEqualTo(chunks.get(0));
    assertThat(first.get("length").asInt()).isEqualTo(chunks.get(0).codePointCount(0, chunks.get(0).length()));
    assertThat(root.get("chunk_to_frame").get("5").asInt()).isEqualTo(5);
    assertThat(root.get("frame_to_chunks").get("5").get(0).asInt()).isEqualTo(5);
    JsonNode config = root.get("config");
    assertThat(config.get("embedding").get("dimension").asInt()).isEqualTo(384);
    assertThat(config.get("embedding").get("model").asText()).isEqualTo("all-MiniLM-L6-v2");
    assertThat(config.get("retrieval").get("cache_size").asInt()).isEqualTo(1000);
    assertThat(config.get("retrieval").get("max_workers").asInt()).isEqualTo(4);
    assertThat(config.get("index").get("type").asText()).isEqualTo("Flat");
    assertThat(config.get("qr").get("error_correction").asText()).isEqualTo("M");
    // ensure_ascii, as Python's json.dump writes
    assertThat(Files.readString(r.index())).doesNotContain("\u00e9").contains("\\u00E9");

    // an empty FAISS index of memvid's dimension: memvid opens it, its search finds nothing
    FaissFlatIndex.Contents faiss = FaissFlatIndex.read(r.faiss());
    assertThat(faiss.dimension).isEqualTo(384);
    assertThat(faiss.ids).isEmpty();
  }

  @Test
  void mp4vLibrariesReadBackToo() throws IOException {
    List<String> chunks = chunks(6, 2);
    Path video = dir.resolve("lib.mp4");
    MemvidWriteResult r = MemvidWriter.builder().codec(MemvidCodec.MP4V).workers(2).build().write(chunks, video);
    MemvidLibrary lib = MemvidLibrary.open(video, r.index(), MemvidReadOptions.builder().workers(2).build());
    assertThat(lib.codec()).isEqualTo("mpeg4");
    assertThat(lib.frameRate()).isEqualTo(15.0);
    assertThat(lib.allVerified()).as(lib.chunks().toString()).isTrue();
  }

  @Test
  void anEmbedderMakesTheFaissIndexSearchable() throws IOException {
    List<String> chunks = chunks(5, 3);
    Embedder toy = text -> {
      float[] v = new float[8];
      for (String w : text.split("\\s+")) {
        v[Math.floorMod(w.hashCode(), 8)] += 1;
      }
      return v;
    };
    MemvidWriteResult r = MemvidWriter.builder().embedder(toy, "my-model").modulePixels(2).workers(2).build()
        .write(chunks, dir.resolve("s.mkv"));
    assertThat(r.searchable()).isTrue();
    FaissFlatIndex.Contents faiss = FaissFlatIndex.read(r.faiss());
    assertThat(faiss.dimension).isEqualTo(8);
    assertThat(faiss.ids).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(faiss.vectors[3]).containsExactly(toy.embed(chunks.get(3)));
    JsonNode config = new ObjectMapper().readTree(r.index().toFile()).get("config");
    assertThat(config.get("embedding").get("model").asText()).isEqualTo("my-model");
    assertThat(config.get("embedding").get("dimension").asInt()).isEqualTo(8);
    assertThat(MemvidLibrary.open(dir.resolve("s.mkv")).allVerified()).isTrue();
  }

  @Test
  void rejectsChunksMemvidWouldSkipOrCouldNotStore() {
    MemvidWriter w = MemvidWriter.builder().build();
    Path video = dir.resolve("x.mkv");
    assertThatThrownBy(() -> w.write(List.of(), video)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.write(List.of("fine", "  \n"), video)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("chunk 1");
    assertThatThrownBy(() -> w.write(List.of("a".repeat(8193)), video))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8192");
    Random rnd = new Random(4);
    StringBuilder noise = new StringBuilder();
    while (noise.length() < 3000) {
      noise.append((char) ('!' + rnd.nextInt(90)));
    }
    assertThatThrownBy(() -> w.write(List.of(noise.toString()), video))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 40");
    assertThatThrownBy(() -> w.write(List.of("text"), dir.resolve("x.mp4")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".mkv");
    assertThatThrownBy(() -> w.write(List.of("text"), dir.resolve("no/such/x.mkv")))
        .isInstanceOf(java.nio.file.NoSuchFileException.class);
    assertThat(dir.toFile().list()).isEmpty();
  }

  @Test
  void writesFaissFilesByteForByteAsFaissDoes() throws IOException {
    // mp4v_lib_index.faiss was written by faiss 1.15 (make_fixtures.py --faiss); read it, write it back
    Path original = MemvidLibraryIT.fixture(dir, "mp4v_lib_index.faiss");
    FaissFlatIndex.Contents c = FaissFlatIndex.read(original);
    assertThat(c.dimension).isEqualTo(384);
    assertThat(c.ids).hasSize(18);
    Path copy = dir.resolve("copy.faiss");
    FaissFlatIndex.write(copy, c.dimension, c.vectors, c.ids);
    assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(original));
  }
}
