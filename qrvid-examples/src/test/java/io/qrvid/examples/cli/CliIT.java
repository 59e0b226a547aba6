package io.qrvid.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qrvid.video.internal.HumbleRuntime;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliIT {
  @TempDir Path tmp;

  @BeforeAll
  static void natives() {
    assumeTrue(HumbleRuntime.isAvailable(), "Humble Video natives not available here");
  }

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = QrvidCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void encodeThenDecodeRestoresFilesUnderTheirNames() throws IOException {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Files.writeString(in.resolve("a.txt"), "Alpha. ".repeat(3000));
    Files.writeString(in.resolve("b.md"), "# Beta\r\n\r\n😀 emoji and 漢字\n".repeat(500));
    Path video = tmp.resolve("out.mp4");
    Run enc = run("encode", in.toString(), "-o", video.toString(), "-q");
    assertThat(enc.exit()).as(enc.err()).isZero();
    assertThat(enc.out()).contains("text ").contains("video ").contains("MB/s").contains("frames");
    Run dec = run("decode", video.toString(), "-o", tmp.resolve("back").toString(), "-q");
    assertThat(dec.exit()).as(dec.err()).isZero();
    assertThat(dec.out()).contains("restored 2 documents");
    for (String name : new String[] {"a.txt", "b.md"}) {
      assertThat(Files.readAllBytes(tmp.resolve("back").resolve(name))).isEqualTo(Files.readAllBytes(in.resolve(name)));
    }
  }

  @Test
  void decodeOfATruncatedVideoExitsNonZeroAndNamesMissingChunks() throws IOException {
    Path in = Files.writeString(tmp.resolve("long.txt"), "Some sentence that repeats. ".repeat(6000));
    Path video = tmp.resolve("t.mp4");
    assertThat(run("encode", in.toString(), "-o", video.toString(), "-q").exit()).isZero();
    byte[] all = Files.readAllBytes(video);
    Files.write(video, Arrays.copyOf(all, all.length - 4000));
    Run dec = run("decode", video.toString(), "-o", tmp.resolve("back").toString(), "-q");
    assertThat(dec.exit()).isEqualTo(QrvidCli.EXIT_INCOMPLETE);
    // The fragmented MP4 keeps its complete fragments: the last chunks are lost and named, never filled in.
    int lastChunk = io.qrvid.video.VideoIndex.read(io.qrvid.video.VideoIndex.pathFor(video)).chunks().size() - 1;
    assertThat(dec.err()).containsPattern("missing chunks: \\[[0-9, ]*\\b" + lastChunk + "\\]")
        .contains("truncated");
    assertThat(tmp.resolve("back").resolve("long.txt")).doesNotExist();
  }

  @Test
  void badInputGivesExitCode3AndAMessage() throws IOException {
    Path empty = Files.createFile(tmp.resolve("empty.txt"));
    Run r = run("encode", empty.toString(), "-o", tmp.resolve("x.mp4").toString(), "-q");
    assertThat(r.exit()).isEqualTo(QrvidCli.EXIT_INPUT);
    assertThat(r.err()).contains("empty.txt").contains("empty");
    Run missing = run("decode", tmp.resolve("nope.mp4").toString(), "-o", tmp.toString());
    assertThat(missing.exit()).isEqualTo(QrvidCli.EXIT_INPUT);
    assertThat(missing.err()).contains("nope.mp4");
    assertThat(run("encode").exit()).isEqualTo(2);
  }

  @Test
  void demoPassesOnTheBundledSamples() {
    Run r = run("demo", "-q", "--output", tmp.resolve("demo").toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("demo: PASS").doesNotContain("DIFFERENT");
  }
}
