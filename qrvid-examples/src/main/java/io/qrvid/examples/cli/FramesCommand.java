package io.qrvid.examples.cli;

import io.qrvid.core.ErrorCorrection;
import io.qrvid.core.FrameBatch;
import io.qrvid.core.FrameFailure;
import io.qrvid.core.FrameFolder;
import io.qrvid.core.FrameLayout;
import io.qrvid.core.FrameRanges;
import io.qrvid.core.FrameValidation;
import io.qrvid.core.GenerationStats;
import io.qrvid.core.MaskPolicy;
import io.qrvid.core.QrFrameGenerator;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code qrvid frames}: writes one PNG frame per string (arguments, or lines of a file) into a folder
 * ({@code frame_000000.png}, ...), with a progress bar, and optionally validates the folder afterwards. With
 * {@code --range A..B} only frames A..B are written (named by their absolute number), split over the workers as a
 * {@link FrameBatch}, with one completion line per range and a summary.
 */
@Command(name = "frames", mixinStandardHelpOptions = true,
    description = "Write one QR frame per string (arguments or file lines) into a folder of PNG frames.")
public class FramesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "TEXT", description = "Payload strings (UTF-8).")
  List<String> texts = new ArrayList<>();

  @Option(names = {"-f", "--file"}, description = "Read payloads from this UTF-8 file, one per line (empty lines "
      + "skipped).")
  Path file;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
      description = "Output folder (created if needed).")
  Path out;

  @Option(names = "--qr-version", paramLabel = "N",
      description = "QR version 1..40 (default: the smallest that fits the longest payload).")
  Integer version;

  @Option(names = "--ec", defaultValue = "M", description = "Error correction L, M, Q or H (default ${DEFAULT-VALUE}).")
  ErrorCorrection ec;

  @Option(names = "--module-px", paramLabel = "N", defaultValue = "4",
      description = "Whole pixels per module (default ${DEFAULT-VALUE}); ignored with --frame-size.")
  int modulePixels;

  @Option(names = "--quiet-zone", defaultValue = "4", description = "Quiet zone in modules (default ${DEFAULT-VALUE}).")
  int quietZone;

  @Option(names = "--frame-size", description = "Fixed frame size WIDTHxHEIGHT, e.g. 512x512: the largest whole "
      + "module size that fits, centred.")
  String frameSize;

  @Option(names = "--mask", defaultValue = "best",
      description = "Mask: best (the ISO/IEC 18004 penalty rules) or a fixed pattern 0..7 (default ${DEFAULT-VALUE}).")
  String mask;

  @Option(names = "--workers", paramLabel = "N", description = "Worker threads (default: available processors); "
      + "with --range, the frames are split into one range per worker.")
  int workers = Runtime.getRuntime().availableProcessors();

  @Option(names = "--range", paramLabel = "A..B", converter = RangeReport.Converter.class,
      description = "Write only frames A..B (inclusive, 0-based) of the payloads' frames, each named by its number.")
  FrameRanges.Range range;

  @Option(names = "--sequential", description = "Generate on one thread, in order (for debugging).")
  boolean sequential;

  @Option(names = "--clean", description = "Delete existing frame files in the folder first.")
  boolean clean;

  @Option(names = "--validate", description = "Validate the folder (or the range) afterwards, decoding every frame.")
  boolean validate;

  @Option(names = {"-q", "--quiet"}, description = "No progress bar, no per-range lines and range summary.")
  boolean quiet;

  /** Creates the command; picocli sets the options. */
  public FramesCommand() {}

  @Override
  public Integer call() throws Exception {
    PrintWriter pw = spec != null ? spec.commandLine().getOut() : new PrintWriter(System.out, true);
    PrintWriter err = spec != null ? spec.commandLine().getErr() : new PrintWriter(System.err, true);
    List<String> payloads = new ArrayList<>(texts);
    if (file != null) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isEmpty()) {
          payloads.add(line);
        }
      }
    }
    if (payloads.isEmpty()) {
      err.println("qrvid: nothing to do: give payload strings or --file");
      err.flush();
      return 2;
    }
    if (workers < 1) {
      err.println("qrvid: --workers must be at least 1: " + workers);
      err.flush();
      return 2;
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      err.println("qrvid: the output " + out + " exists and is not a folder");
      err.flush();
      return QrvidCli.EXIT_INPUT;
    }
    int longest = 0;
    for (String p : payloads) {
      longest = Math.max(longest, p.getBytes(StandardCharsets.UTF_8).length);
    }
    int v = version != null ? version : 1;
    while (version == null && v < 40 && FrameLayout.capacity(v, ec) < longest) {
      v++;
    }
    QrFrameGenerator.Builder b;
    try {
      b = QrFrameGenerator.builder().version(v).errorCorrection(ec).modulePixels(modulePixels)
          .quietZone(quietZone).maskPolicy(MaskPolicy.parse(mask)).workers(Math.min(workers, 256))
          .sequential(sequential);
      if (frameSize != null) {
        String[] wh = frameSize.toLowerCase(Locale.ROOT).split("x");
        if (wh.length != 2) {
          throw new IllegalArgumentException("--frame-size must look like 512x512, not " + frameSize);
        }
        b.frameSize(Integer.parseInt(wh[0].trim()), Integer.parseInt(wh[1].trim()));
      }
    } catch (IllegalArgumentException e) { // NumberFormatException included: a usage error, before anything is written
      err.println("qrvid: " + e.getMessage());
      err.flush();
      return 2;
    }
    FrameLayout layout = b.build().layout();
    long frameCount = (payloads.size() + (long) layout.symbolsPerFrame() - 1) / layout.symbolsPerFrame();
    if (range != null && range.last() >= frameCount) {
      err.printf(Locale.ROOT, "qrvid: --range %d..%d: %d payloads make frames 0..%d%n", range.first(), range.last(),
          payloads.size(), frameCount - 1);
      err.flush();
      return 2;
    }
    if (clean) {
      int n = FrameFolder.clean(out);
      pw.printf(Locale.ROOT, "deleted %d old frame files%n", n);
    }
    boolean ok;
    try (Progress progress = new Progress("frames", range != null ? range.size() : frameCount, quiet)) {
      try (QrFrameGenerator gen = (range != null ? b.sequential(true) : b.progressListener(progress)).build()) {
        pw.printf(Locale.ROOT, "%d payloads -> %s: version %d-%s, %d px/module, %dx%d frames, mask %s%s%n",
            payloads.size(), out, v, ec, gen.layout().modulePixels(), gen.frameWidth(), gen.frameHeight(), mask,
            range != null ? ", frames " + range : "");
        pw.flush();
        if (range == null) {
          GenerationStats stats = gen.writeTextFolder(payloads, out);
          progress.close();
          pw.println(stats);
          printFailures(pw, stats.failures());
          ok = stats.allSucceeded();
        } else {
          ok = writeRanges(gen, payloads, progress, pw, err);
        }
      }
    }
    if (validate) {
      FrameValidation check = FrameValidation.builder().expectedTexts(payloads)
          .symbolsPerFrame(layout.symbolsPerFrame()).build();
      FrameValidation.Report r = range != null ? check.validate(out, range) : check.validate(out);
      pw.printf(Locale.ROOT, "validation: %s, %d frames, %d decoded%n", r.valid() ? "valid" : "INVALID",
          r.frameCount(), r.decodedFrames());
      r.problems().forEach(p -> pw.println("  " + p));
      ok &= r.valid();
    }
    pw.flush();
    return ok ? 0 : 1;
  }

  /**
   * Writes {@link #range} as a {@link FrameBatch}: one range per worker, each rendered on its worker's thread. A range
   * with a frame that could not be written fails, naming the frames (the others of the range are written).
   *
   * @return whether every frame was written
   */
  private boolean writeRanges(QrFrameGenerator gen, List<String> payloads, Progress progress, PrintWriter pw,
      PrintWriter err) {
    RangeReport report = new RangeReport(pw, quiet, io.qrvid.core.FrameProgressListener.NONE, range.size());
    AtomicLong done = new AtomicLong();
    Queue<FrameFailure> failures = new ConcurrentLinkedQueue<>();
    AtomicLong written = new AtomicLong();
    FrameBatch.Summary<GenerationStats> s = FrameBatch.<GenerationStats>builder(range, (r, context) -> {
      QrFrameGenerator one = gen.newBuilder().progressListener((d, t) -> {
        context.framesDone(d);
        progress.onProgress(done.incrementAndGet(), range.size());
      }).build();
      GenerationStats st = one.writeTextFolder(payloads, r, out);
      written.addAndGet(st.successfulFrames());
      if (!st.allSucceeded()) {
        failures.addAll(st.failures());
        throw new IllegalStateException(st.failedFrames() + " of " + st.totalFrames() + " frames failed, first frame "
            + st.failures().get(0).index() + ": " + st.failures().get(0).reason());
      }
      return st;
    }).workers(workers).progressListener(report).name("frames " + out.getFileName()).build().run();
    progress.close();
    List<FrameFailure> sorted = new ArrayList<>(failures);
    sorted.sort((a, b) -> Integer.compare(a.index(), b.index()));
    pw.printf(Locale.ROOT, "%,d frames of %s written, %d failed%n", written.get(), range, sorted.size());
    printFailures(pw, sorted);
    pw.flush();
    report.summary(s, workers, err);
    return s.succeeded() && sorted.isEmpty();
  }

  private static void printFailures(PrintWriter pw, List<FrameFailure> failures) {
    for (FrameFailure f : failures) {
      pw.printf(Locale.ROOT, "  frame %d failed: %s%n", f.index(), f.reason());
    }
  }
}
