package io.qrvid.examples.cli;

import io.qrvid.core.FrameBatch;
import io.qrvid.core.FrameRanges;
import io.qrvid.core.FrameValidation;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code qrvid validate}: checks a folder of PNG frames (naming, no gaps, no empty files, expected count,
 * optionally that every frame decodes to its expected payload). With {@code --range A..B} only frames A..B are
 * checked, split over the workers as a {@link FrameBatch}, with one completion line per range and a summary. Exit
 * codes: 0 valid, 1 problems (listed), 2 bad options, 3 the folder or the payload file is missing or unreadable.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Validate a folder of QR frames (frame_000000.png, ...).")
public class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FOLDER", description = "The frame folder.")
  Path folder;

  @Option(names = "--count", description = "Expected number of frames.")
  Integer count;

  @Option(names = "--decode", description = "Decode every frame with ZXing.")
  boolean decode;

  @Option(names = {"-f", "--file"}, description = "Expected payloads, one UTF-8 line per symbol (empty lines "
      + "skipped); implies --decode and the expected count.")
  Path file;

  @Option(names = "--symbols-per-frame", defaultValue = "1", description = "Symbols per frame (default ${DEFAULT-VALUE}).")
  int symbolsPerFrame;

  @Option(names = "--workers", paramLabel = "N", description = "Frames decoded at once (default: available "
      + "processors); with --range, the frames are split into one range per worker.")
  int workers = Runtime.getRuntime().availableProcessors();

  @Option(names = "--range", paramLabel = "A..B", converter = RangeReport.Converter.class,
      description = "Check only frames A..B (inclusive, 0-based): their files, and their payloads when decoding; "
          + "whole-folder checks (names, count) are skipped.")
  FrameRanges.Range range;

  @Option(names = {"-q", "--quiet"}, description = "No progress bar, no per-range lines and range summary.")
  boolean quiet;

  /** Creates the command; picocli sets the options. */
  public ValidateCommand() {}

  @Override
  public Integer call() throws Exception {
    PrintWriter pw = spec != null ? spec.commandLine().getOut() : new PrintWriter(System.out, true);
    PrintWriter err = spec != null ? spec.commandLine().getErr() : new PrintWriter(System.err, true);
    if (workers < 1) {
      err.println("qrvid: --workers must be at least 1: " + workers);
      err.flush();
      return 2;
    }
    if (!Files.isDirectory(folder)) {
      err.println("qrvid: " + (Files.exists(folder) ? "not a folder: " : "no such folder: ") + folder);
      err.flush();
      return QrvidCli.EXIT_INPUT;
    }
    FrameValidation.Builder b = FrameValidation.builder().decode(decode).symbolsPerFrame(symbolsPerFrame)
        .workers(range != null ? 1 : Math.min(workers, 256));
    if (count != null) {
      b.expectedCount(count);
    }
    if (file != null) {
      List<String> lines = new ArrayList<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isEmpty()) {
          lines.add(line);
        }
      }
      b.expectedTexts(lines);
    }
    FrameValidation validation = b.build();
    if (range != null && validation.expectedCount() >= 0 && range.last() >= validation.expectedCount()) {
      err.printf(Locale.ROOT, "qrvid: --range %d..%d goes beyond the %d expected frames%n", range.first(),
          range.last(), validation.expectedCount());
      err.flush();
      return 2;
    }
    long start = System.nanoTime();
    FrameValidation.Report r;
    boolean rangesFailed = false;
    if (range == null) {
      r = validation.validate(folder);
    } else {
      try (Progress progress = new Progress("validate", range.size(), quiet)) {
        RangeReport report = new RangeReport(pw, quiet, progress, range.size());
        FrameBatch.Summary<FrameValidation.Report> s = FrameBatch.<FrameValidation.Report>builder(range,
            (part, context) -> validation.validate(folder, part))
            .workers(workers).progressListener(report).name("validate " + folder.getFileName()).build().run();
        progress.close();
        report.summary(s, workers, err);
        rangesFailed = !s.succeeded();
        List<FrameValidation.Problem> problems = new ArrayList<>();
        int frames = 0;
        int decoded = 0;
        for (FrameValidation.Report part : s.results()) {
          for (FrameValidation.Problem p : part.problems()) {
            // A folder-level problem (a missing folder) is reported by every range: keep it once.
            if (p.index() >= 0 || problems.stream().noneMatch(q -> q.kind() == p.kind())) {
              problems.add(p);
            }
          }
          frames += part.frameCount();
          decoded += part.decodedFrames();
        }
        r = new FrameValidation.Report(folder, frames, decoded, problems);
      }
    }
    pw.printf(Locale.ROOT, "%s%s: %s, %d frames, %d decoded, %d problems (%d ms)%n", folder,
        range != null ? " frames " + range : "", r.valid() && !rangesFailed ? "valid" : "INVALID", r.frameCount(),
        r.decodedFrames(), r.problems().size(), (System.nanoTime() - start) / 1_000_000);
    r.problems().forEach(p -> pw.println("  " + p));
    pw.flush();
    return r.valid() && !rangesFailed ? 0 : 1;
  }
}
