package io.qrvid.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qrvid.video.internal.HumbleRuntime;
import io.qrvid.video.search.SearchHit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchExampleIT {
  @TempDir Path tmp;

  @Test
  void storesFilesAndFindsTheirText() throws IOException {
    assumeTrue(HumbleRuntime.isAvailable(), "Humble Video natives not available here");
    Path notes = Files.writeString(tmp.resolve("notes.md"), "# Rivers\n\nThe Danube flows into the Black Sea.\n");
    Path blob = Files.write(tmp.resolve("blob.bin"), new byte[] {(byte) 0xff, 0, 1, 2});
    List<SearchHit> hits = SearchExample.storeAndSearch(List.of(notes, blob), tmp.resolve("lib.mp4"), "danube", 3);
    assertThat(hits).hasSize(1);
    assertThat(hits.get(0).document()).isEqualTo("notes.md");
    assertThat(hits.get(0).title()).contains("Rivers");
    assertThat(hits.get(0).text()).contains(Files.readString(notes));
  }
}
