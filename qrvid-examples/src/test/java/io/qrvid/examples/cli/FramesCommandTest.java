package io.qrvid.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FramesCommandTest {
  @TempDir Path dir;

  private static int run(Object command, StringWriter out, String... args) {
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(out, true));
    cl.setExecutionExceptionHandler(QrvidCli.commandLine().getExecutionExceptionHandler());
    return cl.execute(args);
  }

  @Test
  void writesFramesFromFileLinesAndValidatesThem() throws IOException {
    Path input = Files.writeString(dir.resolve("in.txt"), "first\n\nsecond line\nhttps://example.org/3\n");
    Path out = dir.resolve("frames");
    StringWriter log = new StringWriter();
    assertThat(run(new FramesCommand(), log, "-q", "-f", input.toString(), "-o", out.toString(),
        "--frame-size", "128x128", "--mask", "2", "--validate")).as(log.toString()).isZero();
    assertThat(log.toString()).contains("3 frames, 3 ok, 0 failed").contains("validation: valid, 3 frames, 3 decoded");

    StringWriter v = new StringWriter();
    assertThat(run(new ValidateCommand(), v, out.toString(), "-f", input.toString())).as(v.toString()).isZero();

    Files.delete(out.resolve("frame_000001.png"));
    StringWriter broken = new StringWriter();
    assertThat(run(new ValidateCommand(), broken, out.toString(), "--count", "3")).isEqualTo(1);
    assertThat(broken.toString()).contains("MISSING_INDEX #1").contains("COUNT_MISMATCH");
  }

  @Test
  void reportsAFailingPayloadAndStillWritesTheOthers() {
    Path out = dir.resolve("frames");
    StringWriter log = new StringWriter();
    int rc = run(new FramesCommand(), log, "-q", "-o", out.toString(), "--qr-version", "1", "ok",
        "this payload is far too long for a version 1 symbol");
    assertThat(rc).isEqualTo(1);
    assertThat(log.toString()).contains("frame 1 failed");
    assertThat(Files.exists(out.resolve("frame_000000.png"))).isTrue();
    assertThat(Files.exists(out.resolve("frame_000001.png"))).isFalse();
  }

  private static int run(Object command, StringWriter out, StringWriter err, String... args) {
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void writesAndValidatesARangeOfFramesInParallelRanges() throws IOException {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      lines.append("payload ").append(i).append('\n');
    }
    Path input = Files.writeString(dir.resolve("in.txt"), lines);
    Path out = dir.resolve("frames");
    StringWriter log = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(run(new FramesCommand(), log, err, "-f", input.toString(), "-o", out.toString(), "--range", "10..39",
        "--workers", "3", "--mask", "0", "--validate")).as(log + "" + err).isZero();
    assertThat(log.toString()).contains("range [10..19] done: 10 frames", "range [20..29] done: 10 frames",
        "range [30..39] done: 10 frames", "3 ranges of frames [10..39] on 3 workers: 30 frames, 0 failed",
        "30 frames of [10..39] written, 0 failed", "validation: valid, 30 frames, 30 decoded");
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).hasSize(30)
          .startsWith("frame_000010.png").endsWith("frame_000039.png");
    }

    StringWriter v = new StringWriter();
    assertThat(run(new ValidateCommand(), v, new StringWriter(), out.toString(), "-f", input.toString(), "--range",
        "10..39", "--workers", "2")).as(v.toString()).isZero();
    assertThat(v.toString()).contains("range [10..24] done", "range [25..39] done",
        "2 ranges of frames [10..39] on 2 workers", "frames [10..39]: valid, 30 frames, 30 decoded, 0 problems");

    Files.delete(out.resolve("frame_000012.png"));
    StringWriter broken = new StringWriter();
    assertThat(run(new ValidateCommand(), broken, new StringWriter(), out.toString(), "-f", input.toString(),
        "--range", "5..20", "-q")).isEqualTo(1);
    assertThat(broken.toString()).doesNotContain("range [").contains("INVALID").contains("MISSING_INDEX #5")
        .contains("MISSING_INDEX #12").doesNotContain("MISSING_INDEX #13");
  }

  @Test
  void badRangesAreUsageErrors() throws IOException {
    Path input = Files.writeString(dir.resolve("in.txt"), "a\nb\nc\n");
    Path out = dir.resolve("frames");
    StringWriter err = new StringWriter();
    assertThat(run(new FramesCommand(), new StringWriter(), err, "-f", input.toString(), "-o", out.toString(),
        "--range", "2..3")).isEqualTo(2);
    assertThat(err.toString()).contains("frames 0..2");
    assertThat(Files.exists(out)).isFalse();
    StringWriter err2 = new StringWriter();
    assertThat(run(new FramesCommand(), new StringWriter(), err2, "-f", input.toString(), "-o", out.toString(),
        "--range", "3..1")).isEqualTo(2);
    assertThat(err2.toString()).contains("first 3 > last 1");
    assertThat(run(new ValidateCommand(), new StringWriter(), new StringWriter(), dir.toString(), "--range",
        "1..x")).isEqualTo(2);
    assertThat(run(new ValidateCommand(), new StringWriter(), new StringWriter(), dir.toString(), "-f",
        input.toString(), "--range", "0..3")).isEqualTo(2);
  }

  @Test
  void aRangeWithAFailedFrameFailsAndNamesIt() {
    Path out = dir.resolve("frames");
    StringWriter log = new StringWriter();
    StringWriter err = new StringWriter();
    int rc = run(new FramesCommand(), log, err, "-o", out.toString(), "--qr-version", "1", "--range", "0..3",
        "--workers", "2", "a", "b", "this payload is far too long for a version 1 symbol", "d");
    assertThat(rc).isEqualTo(1);
    assertThat(log.toString()).contains("range [0..1] done", "range [2..3] FAILED", "frame 2 failed",
        "3 frames of [0..3] written, 1 failed");
    assertThat(err.toString()).contains("range [2..3] failed: 1 of 2 frames failed, first frame 2");
    assertThat(Files.exists(out.resolve("frame_000003.png"))).isTrue();
  }

  @Test
  void checksInputsBeforeWritingAnything() throws IOException {
    Path out = dir.resolve("frames");
    StringWriter log = new StringWriter();
    assertThat(run(new FramesCommand(), log, "-o", out.toString())).as("no payload").isEqualTo(2);
    assertThat(run(new FramesCommand(), log, "-o", out.toString(), "--frame-size", "512", "a")).isEqualTo(2);
    assertThat(run(new FramesCommand(), log, "-o", out.toString(), "--frame-size", "axb", "a")).isEqualTo(2);
    assertThat(run(new FramesCommand(), log, "-o", out.toString(), "--mask", "9", "a")).isEqualTo(2);
    assertThat(run(new FramesCommand(), log, "-o", out.toString(), "-f", dir.resolve("missing.txt").toString()))
        .isEqualTo(3);
    assertThat(out).doesNotExist();

    Path file = Files.writeString(dir.resolve("taken"), "a file");
    StringWriter err = new StringWriter();
    assertThat(run(new FramesCommand(), err, "-o", file.toString(), "a")).isEqualTo(3);
    assertThat(err.toString()).contains(file.toString()).contains("not a folder");
    assertThat(Files.readString(file)).isEqualTo("a file");
  }

  @Test
  void validateNamesAMissingFolder() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new ValidateCommand());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    Path missing = dir.resolve("no-frames");
    assertThat(cl.execute(missing.toString())).isEqualTo(3);
    assertThat(err.toString()).contains("no such folder: " + missing);
  }

  @Test
  void benchPrintsRatiosAndTheDecodeStudy() {
    StringWriter log = new StringWriter();
    int rc = run(new BenchQrCommand(), log, "--measure", "50ms", "--warmup", "10ms", "--rounds", "1",
        "--workers", "1", "--decode-samples", "2");
    assertThat(rc).as(log.toString()).isZero();
    assertThat(log.toString()).contains("naive ZXing QRCodeWriter+MatrixToImageWriter, 1 thread")
        .contains("before: ZXing mask search").contains("qrvid defaults (best mask")
        .contains("qrvid best mask, 1 worker").contains("qrvid fixed mask 0, 1 worker").contains("1.0x")
        .contains("decode success")
        .contains("mask 7");
  }
}
