package io.qrvid.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qrvid.video.internal.HumbleRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memvid commands on the fixtures of qrvid-video (made by its make_fixtures.py). */
class MemvidCliIT {
  private static final Path FIXTURES = Path.of("..", "qrvid-video", "src", "test", "resources", "memvid");

  @TempDir Path tmp;

  @BeforeAll
  static void natives() {
    assumeTrue(HumbleRuntime.isAvailable(), "Humble Video natives not available here");
  }

  @Test
  void verifyReportsEveryChunkVerified() {
    CliIT.Run r = CliIT.run("memvid", "verify", FIXTURES.resolve("mp4v_lib.mp4").toString(), "-q", "--workers", "2");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("VERIFIED 18, INDEX_ONLY 0, VIDEO_ONLY 0, MISMATCH 0").contains("read 18 of 18");
  }

  @Test
  void importRefusesUnconfirmedChunksNamingEachUnlessIndexTextIsAccepted() {
    Path out = tmp.resolve("q.mp4");
    CliIT.Run refused = CliIT.run("memvid", "import", FIXTURES.resolve("h265_lib_dropped.mkv").toString(), "--index",
        FIXTURES.resolve("h265_lib_index.json").toString(), "-o", out.toString(), "-q", "--workers", "2");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err()).contains("nothing imported").contains("chunk 3 (frame 3): INDEX_ONLY")
        .contains("chunk 15 (frame 15): INDEX_ONLY").contains("--accept-index-text");
    assertThat(out).doesNotExist();

    CliIT.Run accepted = CliIT.run("memvid", "import", FIXTURES.resolve("h265_lib_dropped.mkv").toString(), "--index",
        FIXTURES.resolve("h265_lib_index.json").toString(), "-o", out.toString(), "-q", "--workers", "2",
        "--accept-index-text");
    assertThat(accepted.exit()).as(accepted.err()).isZero();
    assertThat(accepted.out()).contains("imported  16 chunks").contains("times smaller")
        .contains("imported with index text: chunk 3 (frame 3)");
    assertThat(out).exists();
  }

  @Test
  void importShrinksTheMp4vLibraryFifteenfoldOrMore() {
    CliIT.Run r = CliIT.run("memvid", "import", FIXTURES.resolve("mp4v_lib.mp4").toString(), "-o",
        tmp.resolve("m.mp4").toString(), "-q", "--workers", "2");
    assertThat(r.exit()).as(r.err()).isZero();
    String line = r.out().lines().filter(l -> l.startsWith("size")).findFirst().orElseThrow();
    double times = Double.parseDouble(line.replaceAll(".*: ([0-9.]+) times smaller", "$1"));
    assertThat(times).isGreaterThanOrEqualTo(15);
  }

  @Test
  void exportWritesALibraryThatReadsBackAndSaysItIsNotSearchable() throws IOException {
    Path a = Files.writeString(tmp.resolve("a.txt"), "Alpha beta gamma delta. ".repeat(120));
    Path b = Files.writeString(tmp.resolve("b.txt"), "Caf\u00e9 \u6771\u4eac, a second document.\n".repeat(60));
    Path lib = tmp.resolve("lib.mkv");
    CliIT.Run r = CliIT.run("memvid", "export", a.toString(), b.toString(), "-o", lib.toString(), "-q",
        "--workers", "2", "--mask", "0");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("every chunk VERIFIED").contains("not searchable").contains("version 35-M");
    assertThat(tmp.resolve("lib_index.json")).exists();
    assertThat(tmp.resolve("lib_index.faiss")).exists();
    CliIT.Run v = CliIT.run("memvid", "verify", lib.toString(), "-q", "--json");
    assertThat(v.exit()).isZero();
    assertThat(v.out()).contains("\"allVerified\": true");
  }

  @Test
  void missingInputsAreBadInput() {
    CliIT.Run r = CliIT.run("memvid", "verify", tmp.resolve("none.mp4").toString(), "-q");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err()).contains("none.mp4");
  }
}
