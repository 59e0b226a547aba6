package io.qrvid.examples.quickstart;

import io.qrvid.core.ErrorCorrection;
import io.qrvid.core.FrameBatch;
import io.qrvid.core.FrameFolder;
import io.qrvid.core.FrameRanges;
import io.qrvid.core.FrameStream;
import io.qrvid.core.FrameValidation;
import io.qrvid.core.GenerationStats;
import io.qrvid.core.ImageFormat;
import io.qrvid.core.MaskPolicy;
import io.qrvid.core.QrBatchJob;
import io.qrvid.core.QrFrame;
import io.qrvid.core.QrFrameGenerator;
import io.qrvid.core.QrImage;
import io.qrvid.core.QrImageSink;
import io.qrvid.core.QrImageWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The {@code qrvid-core} quick starts of {@code README.md} and {@code docs/core.md}, as a program that compiles
 * against {@code qrvid-core} alone and checks what each one produced.
 *
 * <p>Each {@code README-BEGIN name} / {@code README-END name} region is shown verbatim in the documentation (the
 * {@code QuickStartDriftTest} of {@code qrvid-examples} keeps them equal). The regions use paths relative to the
 * working directory, as the documentation does, so run {@link #main} in an empty folder: it writes
 * {@code input.txt}, {@code frames/}, {@code qr/}, {@code qr-readme/} and {@code example.png} there, and fails with
 * an {@link IllegalStateException} when a result is not what the documentation says.
 */
public final class CoreQuickStart {
  private static long lumaBytes;
  private static int framesSeen;

  private CoreQuickStart() {}

  /**
   * Runs every quick start of {@code qrvid-core} in the working directory.
   *
   * @param args ignored
   * @throws IOException if a file cannot be written or read
   * @throws InterruptedException if interrupted while a batch job runs
   * @throws IllegalStateException if a quick start did not produce what the documentation says
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      lines.add("line " + i + ": the quick brown fox jumps over the lazy dog, \u00e9t\u00e9 \u65e5\u672c");
    }

    FrameValidation.Report report = readme(lines, Path.of("qr-readme"));
    check(report.valid() && report.frameCount() == lines.size() && report.decodedFrames() == lines.size(),
        "README quick start: " + report);
    check(framesSeen == lines.size() && lumaBytes == 512L * 512 * lines.size(),
        "README quick start: " + framesSeen + " frames streamed");
    check(Files.isRegularFile(Path.of("qr-readme", "a1.svg")), "README quick start: no qr-readme/a1.svg");

    Files.write(Path.of("input.txt"), lines, StandardCharsets.UTF_8);
    framesSeen = 0;
    lumaBytes = 0;
    frames();
    check(framesSeen == lines.size() && lumaBytes == 512L * 512 * lines.size(),
        "docs/core.md frames: " + framesSeen + " frames streamed");

    int deleted = validation(lines);
    check(deleted == lines.size() && !Files.exists(Path.of("frames", FrameFolder.fileName(0))),
        "docs/core.md validation: deleted " + deleted);

    List<FrameRanges.Range> parts = ranges();
    check(parts.equals(List.of(new FrameRanges.Range(0, 3), new FrameRanges.Range(4, 6),
        new FrameRanges.Range(7, 9))), "docs/core.md ranges: " + parts);

    imagesAndJobs();
    check(Files.isRegularFile(Path.of("example.png")) && Files.isRegularFile(Path.of("qr", "home.svg"))
        && Files.isRegularFile(Path.of("qr", "contact.svg")), "docs/core.md images and jobs: files missing");
    System.out.println("qrvid-core quick starts: OK");
  }

  /**
   * The README's {@code qrvid-core} quick start.
   *
   * @param lines the payloads, one symbol each
   * @param dir the folder for the batch job's SVG images
   * @return the validation report of the {@code frames} folder
   * @throws IOException if a file cannot be written
   * @throws InterruptedException if interrupted while the batch job runs
   */
  static FrameValidation.Report readme(List<String> lines, Path dir) throws IOException, InterruptedException {
    // README-BEGIN core
    try (QrFrameGenerator gen = QrFrameGenerator.builder().version(15).frameSize(512, 512)
            .maskPolicy(MaskPolicy.fixed(0)).workers(2).build()) {
      try (FrameStream frames = gen.textFrames(lines)) {        // bounded memory, index order, then stats()
        frames.forEachRemaining(f -> consume(f.index(), f.luma()));
      }
      gen.writeTextFolder(lines, Path.of("frames"));            // frame_000000.png ... (atomic writes)
    }
    FrameValidation.Report report = FrameValidation.builder().expectedTexts(lines).build().validate(Path.of("frames"));
    List<FrameRanges.Range> ranges = FrameRanges.split(0, 99_999, 8);   // contiguous, sizes differ by at most one
    try (QrBatchJob jobs = QrBatchJob.builder().sink(QrImageSink.folder(dir, ImageFormat.SVG)).build()) {
      QrBatchJob.Handle job = jobs.submit(List.of(new QrBatchJob.Item("a1", "https://example.org/a1")));
      job.await(Duration.ofMinutes(1));                         // per-item status; regenerateFailed() after failures
    }
    // README-END core
    return report;
  }

  private static void consume(int index, byte[] luma) {
    framesSeen++;
    lumaBytes += luma.length;
  }

  private static void consume(int index, byte[] luma, int width, int height) {
    consume(index, luma);
  }

  private static void frames() throws IOException {
    // README-BEGIN core frames
    List<String> lines = Files.readAllLines(Path.of("input.txt"));
    try (QrFrameGenerator gen = QrFrameGenerator.builder()
            .version(15).errorCorrection(ErrorCorrection.M)   // or .layout(FrameLayout...)
            .quietZone(4)
            .frameSize(512, 512)             // largest whole module size that fits (6 px here), centred
            .maskPolicy(MaskPolicy.fixed(0)) // skip the mask search (the default best mask is ~0.5-0.7x as fast)
            .workers(2)                      // default: available processors; or .executor(yourExecutor)
            .progressListener((done, total) -> System.out.printf("%d/%d%n", done, total))
            .build();
         FrameStream frames = gen.textFrames(lines)) {      // or gen.frames(Iterable<byte[]> / Iterator<byte[]>)
        while (frames.hasNext()) {
            QrFrame f = frames.next();                      // index order, even with several workers
            consume(f.index(), f.luma(), f.width(), f.height());
        }
        GenerationStats stats = frames.stats();             // total, successful, failed, time, frames/s, failures
        stats.failures().forEach(x -> System.err.println("frame " + x.index() + ": " + x.reason()));
    }
    // README-END core frames
  }

  private static int validation(List<String> lines) throws IOException {
    // README-BEGIN core validation
    FrameValidation.Report report = FrameValidation.builder()
            .expectedTexts(lines)        // or expectedPayloads(List<byte[]>); implies decoding and the count
            .expectedCount(lines.size()) // optional when payloads are given
            .workers(2)                  // frames decoded at once (default: processors); .executor(...) optional
            .build()
            .validate(Path.of("frames"));
    if (!report.valid()) report.problems().forEach(System.err::println);
    int deleted = FrameFolder.clean(Path.of("frames"));   // deletes frame_*.png and leftover temp files only
    // README-END core validation
    return deleted;
  }

  private static List<FrameRanges.Range> ranges() {
    // README-BEGIN core ranges
    List<FrameRanges.Range> parts = FrameRanges.split(0, 9, 3);   // [0..3], [4..6], [7..9]
    // README-END core ranges
    return parts;
  }

  private static void imagesAndJobs() throws IOException, InterruptedException {
    // README-BEGIN core images and jobs
    QrImageWriter writer = QrImageWriter.builder()
            .size(300).margin(4).errorCorrection(ErrorCorrection.M)
            .colors(0xFF1A237E, 0xFFFFFFFF)        // 0xAARRGGBB
            .build();
    QrImage img = writer.encode("https://example.org");
    img.writePng(Path.of("example.png"));          // also writeSvg, toPng(), toSvg(), toDataUri(ImageFormat.PNG)

    try (QrBatchJob jobs = QrBatchJob.builder()
            .images(writer)
            .sink(QrImageSink.folder(Path.of("qr"), ImageFormat.SVG))   // or QrImageSink.dataUris(PNG, map::put)
            .maxItems(500)                                             // per submission (default 500)
            .build()) {
        QrBatchJob.Handle h = jobs.submit(List.of(
                new QrBatchJob.Item("home", "https://example.org"),
                new QrBatchJob.Item("contact", "mailto:hello@example.org")));   // returns at once
        h.await(Duration.ofMinutes(1));
        h.statuses(QrBatchJob.State.FAILED).forEach(s -> System.err.println(s.id() + ": " + s.failure().orElse("")));
        h.regenerateFailed();                                   // or regenerate(ids), regenerate(new Item(id, fixed))
        h.await(Duration.ofMinutes(1));
    }
    // README-END core images and jobs
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("quick start failed: " + what);
    }
  }

  /**
   * docs/core.md: a folder of frames written by range, one range per worker ({@link FrameBatch}). Compiled, not run by
   * {@link #main} ({@code FrameBatchTest} and {@code FrameRangeFoldersTest} of qrvid-core test the same calls).
   */
  static FrameBatch.Summary<GenerationStats> framesByRange(QrFrameGenerator generator, List<byte[]> payloads,
      Path folder, long frameCount) {
    // README-BEGIN core frames by range
    FrameBatch.Summary<GenerationStats> s = FrameBatch.builder(0, frameCount - 1,
            (range, context) -> generator.writeFolder(payloads, range, folder))   // frame_000500.png for frame 500
        .workers(4).build().run();
    // README-END core frames by range
    return s;
  }

  /**
   * docs/ranges.md: the {@link FrameBatch} runner with every option. Compiled, not run by {@link #main}.
   *
   * @throws InterruptedException if the caller is interrupted while the batch runs
   */
  static FrameBatch.Summary<Long> rangesRunner(Executor callersExecutor, FrameBatch.Listener listener)
      throws InterruptedException {
    // README-BEGIN ranges runner
    FrameBatch<Long> batch = FrameBatch.builder(0, 9_999, (range, context) -> {   // first..last, inclusive, 0-based
          for (long f = range.first(); f <= range.last(); f++) {
            process(f);                                  // throw to fail this range only
            context.framesDone(f - range.first() + 1);  // optional: finer progress
          }
          return range.size();                           // the range's result (null for none)
        })
        .workers(4)                  // at most 4 ranges at once; default: available processors
        .ranges(8)                   // optional: more ranges than workers balance uneven work (default: = workers)
        .executor(callersExecutor)   // optional: run on the caller's threads (never shut down by the batch)
        .progressListener(listener)  // onRangeStart, onRangeFinish(outcome), onProgress(fraction 0..1)
        .name("my job")              // for the log lines
        .build();
    FrameBatch.Summary<Long> s = batch.run();            // or start() -> Execution: cancel(), await(), fraction()
    if (!s.succeeded()) {
      s.failures().forEach(o -> System.err.println(o.range() + ": " + o.cause().orElseThrow()));
      s = batch.retry(s);                                // runs only the ranges that failed or were cancelled
    }
    System.out.println(s);   // "4 ranges of [0..9999], 10,000 frames: 4 succeeded, 0 failed, 0 cancelled; 1.20 s, 8333.3 frames/s"
    // README-END ranges runner
    return s;
  }

  private static void process(long frame) {
    if (frame < 0) {
      throw new IllegalArgumentException("frame " + frame);
    }
  }
}
