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
    return cl.execute(args);
  }

  @Test
  void writesFramesFromFileLinesAndValidatesThem() throws IOException {
    Path input = Files.writeString(dir.resolve("in.txt"), "first\n\nsecond line\nhttps://example.org/3\n");
    Path out = dir.resolve("frames");
    StringWriter log = new StringWriter();
    assertThat(run(new FramesCommand(), log, "--no-progress", "-f", input.toString(), "-o", out.toString(),
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
    int rc = run(new FramesCommand(), log, "--no-progress", "-o", out.toString(), "--version", "1", "ok",
        "this payload is far too long for a version 1 symbol");
    assertThat(rc).isEqualTo(1);
    assertThat(log.toString()).contains("frame 1 failed");
    assertThat(Files.exists(out.resolve("frame_000000.png"))).isTrue();
    assertThat(Files.exists(out.resolve("frame_000001.png"))).isFalse();
  }

  @Test
  void benchPrintsRatiosAndTheDecodeStudy() {
    StringWriter log = new StringWriter();
    int rc = run(new BenchQrCommand(), log, "--seconds", "0.05", "--warmup-seconds", "0.01", "--rounds", "1",
        "--workers", "1", "--decode-samples", "2");
    assertThat(rc).as(log.toString()).isZero();
    assertThat(log.toString()).contains("naive ZXing QRCodeWriter+MatrixToImageWriter, 1 thread")
        .contains("before: ZXing mask search").contains("qrvid defaults (best mask")
        .contains("qrvid best mask, 1 worker").contains("qrvid fixed mask 0, 1 worker").contains("1.0x")
        .contains("decode success")
        .contains("mask 7");
  }
}
