package io.qrvid.video.memvid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrvid.video.internal.HumbleRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemvidImporterIT {
  @TempDir
  Path dir;

  @BeforeAll
  static void natives() {
    assumeTrue(HumbleRuntime.isAvailable(), "Humble Video natives not available here");
  }

  @Test
  void importsEveryChunkExactlyAndFifteenTimesSmaller() throws IOException {
    Path video = MemvidLibraryIT.fixture(dir, "mp4v_lib.mp4");
    Path index = MemvidLibraryIT.fixture(dir, "mp4v_lib_index.json");
    MemvidLibrary lib = MemvidLibrary.open(video, index, MemvidReadOptions.builder().workers(2).build());

    MemvidImportResult r = MemvidImporter.builder().build().importLibrary(lib, dir.resolve("q.mp4"));

    assertThat(r.chunks()).isEqualTo(18);
    assertThat(r.counts()).containsEntry(MemvidVerdict.VERIFIED, 18);
    assertThat(r.flagged()).isEmpty();
    assertThat(r.sourceBytes()).isEqualTo(Files.size(video) + Files.size(index));
    assertThat(r.importedBytes()).isEqualTo(Files.size(r.video()) + Files.size(r.index()));
    assertThat(r.reduction()).isGreaterThanOrEqualTo(15);
    List<MemvidChunk> back = MemvidImporter.readImported(r.video());
    assertThat(back).hasSize(18);
    for (int i = 0; i < back.size(); i++) {
      MemvidChunk a = lib.chunks().get(i);
      MemvidChunk b = back.get(i);
      assertThat(b.id()).isEqualTo(a.id());
      assertThat(b.frame()).isEqualTo(a.frame());
      assertThat(b.verdict()).isEqualTo(MemvidVerdict.VERIFIED);
      assertThat(b.videoText()).isEqualTo(a.videoText());
      assertThat(b.indexText()).isEqualTo(a.indexText());
      assertThat(b.metadata()).isEqualTo(a.metadata());
    }
  }

  @Test
  void unconfirmedChunksStopTheImportUnlessIndexTextIsAccepted() throws IOException {
    Path video = MemvidLibraryIT.fixture(dir, "h265_lib_dropped.mkv");
    Path original = MemvidLibraryIT.fixture(dir, "h265_lib_index.json");
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = (ObjectNode) json.readTree(original.toFile());
    ArrayNode metadata = (ArrayNode) root.get("metadata");
    String changed = metadata.get(1).get("text").asText() + " (edited)";
    ((ObjectNode) metadata.get(1)).put("text", changed);
    Path index = dir.resolve("edited_index.json");
    json.writeValue(index.toFile(), root);
    MemvidLibrary lib = MemvidLibrary.open(video, index, MemvidReadOptions.builder().workers(2).build());
    assertThat(lib.count(MemvidVerdict.MISMATCH)).isEqualTo(1);
    assertThat(lib.count(MemvidVerdict.INDEX_ONLY)).isEqualTo(11);   // frame 3 missing, frames 6..15 cut off

    Path out = dir.resolve("q.mp4");
    assertThatThrownBy(() -> MemvidImporter.builder().build().importLibrary(lib, out))
        .isInstanceOf(MemvidImportException.class).hasMessageContaining("nothing imported")
        .satisfies(e -> assertThat(((MemvidImportException) e).flagged()).hasSize(12)
            .extracting(MemvidChunk::id).contains(1, 3, 6, 15));
    assertThat(out).doesNotExist();

    MemvidImportResult r = MemvidImporter.builder().acceptIndexText(true).build().importLibrary(lib, out);
    assertThat(r.flagged()).hasSize(12);
    List<MemvidChunk> back = MemvidImporter.readImported(r.video());
    MemvidChunk one = back.get(1);
    assertThat(one.verdict()).isEqualTo(MemvidVerdict.MISMATCH);
    assertThat(one.indexText()).contains(changed);
    assertThat(one.videoText()).isEqualTo(lib.chunks().get(1).videoText());
    MemvidChunk three = back.get(3);
    assertThat(three.verdict()).isEqualTo(MemvidVerdict.INDEX_ONLY);
    assertThat(three.videoText()).isEmpty();
    assertThat(three.indexText()).isEqualTo(lib.chunks().get(3).indexText());
    assertThat(three.detail()).contains("missing");
  }
}
