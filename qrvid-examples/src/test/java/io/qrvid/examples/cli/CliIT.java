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
  void decodeFramesReadsTheChunksOfARangeInParallelRanges() throws IOException {
    StringBuilder sb = new StringBuilder();
    java.util.Random r = new java.util.Random(15);
    while (sb.length() < 90_000) { // more than 150 frames after zstd with a dictionary
      sb.append(Long.toString(r.nextLong(), 36)).append(r.nextInt(8) == 0 ? ".\n" : " ");
    }
    Path in = Files.writeString(tmp.resolve("random.txt"), sb);
    Path video = tmp.resolve("r.mp4");
    assertThat(run("encode", in.toString(), "-o", video.toString(), "-q", "--qr-version", "10", "--chunk-size", "700",
        "--gop", "10").exit()).isZero();
    io.qrvid.video.VideoIndex index = io.qrvid.video.VideoIndex.read(io.qrvid.video.VideoIndex.pathFor(video));
    long frames = index.video().frames();
    assertThat(frames).isGreaterThan(150);
    byte[] text = Files.readAllBytes(in);

    Path out = tmp.resolve("chunks");
    Run dec = run("decode", video.toString(), "--frames", "20.." + (frames - 21), "--workers", "2", "-o",
        out.toString());
    assertThat(dec.exit()).as(dec.err()).isZero();
    assertThat(dec.out()).contains("range [20..", "done:", "2 ranges of frames [20.." + (frames - 21) + "] on 2 workers")
        .contains("each CRC32C verified");
    int spf = index.symbolsPerFrame();
    boolean anyCut = index.chunks().stream().anyMatch(e -> e.firstSymbol() / spf < 20 && e.lastSymbol() / spf >= 20
        || e.firstSymbol() / spf <= frames - 21 && e.lastSymbol() / spf > frames - 21);
    assertThat(dec.out().contains("cut by the range's ends were not read")).isEqualTo(anyCut);
    int written = 0;
    for (io.qrvid.video.VideoIndex.ChunkEntry e : index.chunks()) {
      Path f = out.resolve(DecodeCommand.chunkFile(e.index()));
      boolean inside = e.firstSymbol() / spf >= 20 && e.lastSymbol() / spf <= frames - 21;
      assertThat(Files.exists(f)).as("chunk %d", e.index()).isEqualTo(inside);
      if (inside) {
        assertThat(Files.readAllBytes(f)).isEqualTo(Arrays.copyOfRange(text, (int) e.byteStart(), (int) e.byteEnd()));
        written++;
      }
    }
    assertThat(written).isGreaterThan(10);

    Run quiet = run("decode", video.toString(), "--frames", "0..60", "-q", "-o", tmp.resolve("q").toString());
    assertThat(quiet.exit()).isZero();
    assertThat(quiet.out()).doesNotContain("range [").contains("each CRC32C verified");

    Run beyond = run("decode", video.toString(), "--frames", "0.." + frames, "-o", tmp.resolve("x").toString());
    assertThat(beyond.exit()).isEqualTo(2);
    assertThat(beyond.err()).contains("0.." + (frames - 1));
    assertThat(tmp.resolve("x")).doesNotExist();
    assertThat(run("decode", video.toString(), "--frames", "9..8", "-o", tmp.resolve("x").toString()).exit())
        .isEqualTo(2);

    Run whole = run("decode", video.toString(), "--workers", "2", "-o", tmp.resolve("whole").toString());
    assertThat(whole.exit()).as(whole.err()).isZero();
    assertThat(whole.out()).contains("2 ranges of frames [0.." + (frames - 1) + "] on 2 workers")
        .contains("restored 1 documents");
    assertThat(Files.readAllBytes(tmp.resolve("whole").resolve("random.txt"))).isEqualTo(text);
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
