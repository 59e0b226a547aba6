package io.qrvid.video.memvid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrvid.video.internal.HumbleRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the memvid fixtures (made by make_fixtures.py next to them) and checks verdicts on tampered copies. */
class MemvidLibraryIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @BeforeAll
  static void natives() {
    assumeTrue(HumbleRuntime.isAvailable(), "Humble Video natives not available here");
  }

  static Path fixture(Path dir, String name) throws IOException {
    Path target = dir.resolve(name);
    try (InputStream in = MemvidLibraryIT.class.getResourceAsStream("/memvid/" + name)) {
      assertThat(in).as(name).isNotNull();
      Files.copy(in, target);
    }
    return target;
  }

  private static MemvidLibrary open(Path video, Path index) throws IOException {
    return MemvidLibrary.open(video, index, MemvidReadOptions.builder().workers(2).build());
  }

  @Test
  void readsEveryFrameOfTheMp4vFixtureExactly() throws IOException {
    Path video = fixture(dir, "mp4v_lib.mp4");
    Path index = fixture(dir, "mp4v_lib_index.json");
    MemvidLibrary lib = open(video, index);

    assertThat(lib.codec()).isEqualTo("mpeg4");
    assertThat(lib.width()).isEqualTo(256);
    assertThat(lib.frameRate()).isEqualTo(15.0);
    assertThat(lib.frames()).hasSize(18).allMatch(MemvidFrame::read);
    assertThat(lib.chunks()).hasSize(18);
    assertThat(lib.allVerified()).as(lib.chunks().toString()).isTrue();
    assertThat(lib.warnings()).isEmpty();
    // versions 35..40 all occur (make_fixtures.py adds chunks for each)
    assertThat(lib.frames().stream().map(f -> f.version().orElse(0)).collect(Collectors.toSet()))
        .contains(35, 36, 37, 38, 39, 40);
    // the payload's text equals the index's, character for character, including non-ASCII and escapes
    MemvidChunk accented = lib.chunks().stream().filter(c -> c.indexText().orElseThrow().contains("Caf\u00e9"))
        .findFirst().orElseThrow();
    assertThat(accented.verdict()).isEqualTo(MemvidVerdict.VERIFIED);
    assertThat(accented.metadata()).containsKey("length");
  }

  @Test
  void readsEveryFrameOfTheH265FixtureIncludingItsDitheredFrames() throws IOException {
    Path video = fixture(dir, "h265_lib.mkv");
    Path index = fixture(dir, "h265_lib_index.json");
    MemvidLibrary lib = open(video, index);

    assertThat(lib.codec()).isEqualTo("hevc");
    assertThat(lib.frameRate()).isEqualTo(30.0);
    assertThat(lib.frames()).hasSize(16).allMatch(MemvidFrame::read);
    assertThat(lib.chunks()).hasSize(16);
    assertThat(lib.allVerified()).as(lib.chunks().toString()).isTrue();
    // the frames after the first one above version 35 were dithered to 1 bit by FFmpeg: only the dither model
    // reads them (versions 37-40 here; centre sampling misreads 4-5% of their modules)
    assertThat(lib.frames().stream().filter(f -> f.method().orElse(null) == MemvidFrame.Method.DITHER_MODEL))
        .extracting(f -> f.version().orElse(0)).contains(37, 38, 39, 40);
  }

  @Test
  void verdictsFollowATamperedIndex() throws IOException {
    Path video = fixture(dir, "mp4v_lib.mp4");
    Path original = fixture(dir, "mp4v_lib_index.json");
    ObjectNode root = (ObjectNode) JSON.readTree(original.toFile());
    ArrayNode metadata = (ArrayNode) root.get("metadata");
    // chunk 2's text changed, chunk 5 removed, an entry for a frame the video lacks added
    ObjectNode two = (ObjectNode) metadata.get(2);
    String originalTwo = two.get("text").asText();
    two.put("text", originalTwo.replaceFirst("e", "E"));
    metadata.remove(5);
    ObjectNode ghost = metadata.addObject();
    ghost.put("id", 99).put("text", "never stored").put("frame", 40).put("length", 12);
    Path tampered = dir.resolve("tampered_index.json");
    JSON.writeValue(tampered.toFile(), root);

    MemvidLibrary lib = open(video, tampered);

    assertThat(lib.count(MemvidVerdict.VERIFIED)).isEqualTo(16);
    assertThat(lib.count(MemvidVerdict.MISMATCH)).isEqualTo(1);
    assertThat(lib.count(MemvidVerdict.VIDEO_ONLY)).isEqualTo(1);
    assertThat(lib.count(MemvidVerdict.INDEX_ONLY)).isEqualTo(1);
    MemvidChunk mismatch = only(lib, MemvidVerdict.MISMATCH);
    assertThat(mismatch.id()).isEqualTo(2);
    assertThat(mismatch.videoText()).contains(originalTwo);
    assertThat(mismatch.indexText()).contains(originalTwo.replaceFirst("e", "E"));
    MemvidChunk videoOnly = only(lib, MemvidVerdict.VIDEO_ONLY);
    assertThat(videoOnly.frame()).isEqualTo(5);
    assertThat(videoOnly.indexText()).isEmpty();
    MemvidChunk indexOnly = only(lib, MemvidVerdict.INDEX_ONLY);
    assertThat(indexOnly.id()).isEqualTo(99);
    assertThat(indexOnly.detail()).contains("no frame 40");
    // the index no longer lists chunk 5 in its own mappings and has ids out of position: both reported
    assertThat(lib.warnings()).anyMatch(w -> w.contains("chunk_to_frame"));
  }

  @Test
  void aFrameMissingFromTheVideoMakesOnlyItsChunkIndexOnly() throws IOException {
    // the first 6 frames of the H.265 library with frame 3 removed, read with the whole library's index
    Path video = fixture(dir, "h265_lib_dropped.mkv");
    Path index = fixture(dir, "h265_lib_index.json");
    MemvidLibrary lib = open(video, index);

    assertThat(lib.frames()).hasSize(5);
    List<Integer> verified = ids(lib, MemvidVerdict.VERIFIED);
    assertThat(verified).containsExactly(0, 1, 2, 4, 5);
    MemvidChunk three = lib.chunks().get(3);
    assertThat(three.verdict()).isEqualTo(MemvidVerdict.INDEX_ONLY);
    assertThat(three.detail()).contains("missing");
    assertThat(ids(lib, MemvidVerdict.INDEX_ONLY)).hasSize(11);
    assertThat(lib.chunks()).noneMatch(MemvidChunk::displaced);
  }

  @Test
  void withoutAnIndexEveryChunkReadIsVideoOnly() throws IOException {
    Path video = fixture(dir, "mp4v_lib.mp4");
    MemvidLibrary lib = MemvidLibrary.open(video);   // no lib_index.json next to it in this folder
    assertThat(lib.index()).isEmpty();
    assertThat(lib.count(MemvidVerdict.VIDEO_ONLY)).isEqualTo(18);
    assertThat(lib.chunks().get(0).videoText()).isPresent();
  }

  @Test
  void rejectsMissingFilesAndForeignIndexes() throws IOException {
    Path video = fixture(dir, "mp4v_lib.mp4");
    assertThatThrownBy(() -> MemvidLibrary.open(dir.resolve("none.mp4"), null))
        .isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> MemvidLibrary.open(video, dir.resolve("none.json")))
        .isInstanceOf(NoSuchFileException.class);
    Path notJson = Files.writeString(dir.resolve("a.json"), "{\"metadata\": [");
    assertThatThrownBy(() -> MemvidLibrary.open(video, notJson)).isInstanceOf(MemvidIndexException.class)
        .hasMessageContaining("not JSON");
    Path qrvid = Files.writeString(dir.resolve("b.json"), "{\"formatVersion\": 1, \"chunks\": []}");
    assertThatThrownBy(() -> MemvidLibrary.open(video, qrvid)).isInstanceOf(MemvidIndexException.class)
        .hasMessageContaining("\"metadata\"");
    Path badEntry = Files.writeString(dir.resolve("c.json"), "{\"metadata\": [{\"id\": 0, \"text\": 5, \"frame\": 0}]}");
    assertThatThrownBy(() -> MemvidLibrary.open(video, badEntry)).isInstanceOf(MemvidIndexException.class)
        .hasMessageContaining("metadata[0]");
    Path text = Files.writeString(dir.resolve("not-a-video.mp4"), "hello");
    assertThatThrownBy(() -> MemvidLibrary.open(text, null)).isInstanceOf(IOException.class);
  }

  private static MemvidChunk only(MemvidLibrary lib, MemvidVerdict v) {
    List<MemvidChunk> l = lib.chunks().stream().filter(c -> c.verdict() == v).collect(Collectors.toList());
    assertThat(l).hasSize(1);
    return l.get(0);
  }

  private static List<Integer> ids(MemvidLibrary lib, MemvidVerdict v) {
    return lib.chunks().stream().filter(c -> c.verdict() == v).map(MemvidChunk::id).collect(Collectors.toList());
  }
}
