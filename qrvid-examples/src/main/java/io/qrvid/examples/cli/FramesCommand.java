package io.qrvid.examples.cli;

import io.qrvid.core.ErrorCorrection;
import io.qrvid.core.FrameFolder;
import io.qrvid.core.FrameFailure;
import io.qrvid.core.FrameLayout;
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
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code qrvid frames}: writes one PNG frame per string (arguments, or lines of a file) into a folder
 * ({@code frame_000000.png}, ...), with a progress bar, and optionally validates the folder afterwards.
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

  @Option(names = {"-o", "--out"}, required = true, description = "Output folder (created if needed).")
  Path out;

  @Option(names = "--version", description = "QR version 1..40 (default: the smallest that fits the longest payload).")
  Integer version;

  @Option(names = "--ec", defaultValue = "M", description = "Error correction L, M, Q or H (default ${DEFAULT-VALUE}).")
  ErrorCorrection ec;

  @Option(names = "--module-pixels", defaultValue = "4",
      description = "Whole pixels per module (default ${DEFAULT-VALUE}); ignored with --frame-size.")
  int modulePixels;

  @Option(names = "--quiet-zone", defaultValue = "4", description = "Quiet zone in modules (default ${DEFAULT-VALUE}).")
  int quietZone;

  @Option(names = "--frame-size", description = "Fixed frame size WIDTHxHEIGHT, e.g. 512x512: the largest whole "
      + "module size that fits, centred.")
  String frameSize;

  @Option(names = "--mask", defaultValue = "best",
      description = "Mask: best (ZXing's search) or a fixed pattern 0..7 (faster) (default ${DEFAULT-VALUE}).")
  String mask;

  @Option(names = "--workers", description = "Worker threads (default: available processors).")
  int workers = Runtime.getRuntime().availableProcessors();

  @Option(names = "--sequential", description = "Generate on one thread, in order (for debugging).")
  boolean sequential;

  @Option(names = "--clean", description = "Delete existing frame files in the folder first.")
  boolean clean;

  @Option(names = "--validate", description = "Validate the folder afterwards, decoding every frame.")
  boolean validate;

  @Option(names = "--no-progress", description = "Do not show a progress bar.")
  boolean noProgress;

  /** Creates the command; picocli sets the options. */
  public FramesCommand() {}

  @Override
  public Integer call() throws Exception {
    PrintWriter pw = spec != null ? spec.commandLine().getOut() : new PrintWriter(System.out, true);
    List<String> payloads = new ArrayList<>(texts);
    if (file != null) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isEmpty()) {
          payloads.add(line);
        }
      }
    }
    if (payloads.isEmpty()) {
      pw.println("nothing to do: give payload strings or --file");
      return 2;
    }
    int longest = 0;
    for (String p : payloads) {
      longest = Math.max(longest, p.getBytes(StandardCharsets.UTF_8).length);
    }
    int v = version != null ? version : 1;
    while (version == null && v < 40 && FrameLayout.capacity(v, ec) < longest) {
      v++;
    }
    QrFrameGenerator.Builder b = QrFrameGenerator.builder().version(v).errorCorrection(ec).modulePixels(modulePixels)
        .quietZone(quietZone).maskPolicy(MaskPolicy.parse(mask)).workers(workers).sequential(sequential);
    if (frameSize != null) {
      String[] wh = frameSize.toLowerCase(Locale.ROOT).split("x");
      if (wh.length != 2) {
        pw.println("--frame-size must look like 512x512");
        return 2;
      }
      b.frameSize(Integer.parseInt(wh[0].trim()), Integer.parseInt(wh[1].trim()));
    }
    if (clean) {
      int n = FrameFolder.clean(out);
      pw.printf(Locale.ROOT, "deleted %d old frame files%n", n);
    }
    GenerationStats stats;
    ProgressBar bar = noProgress ? null
        : new ProgressBarBuilder().setTaskName("frames").setInitialMax(payloads.size()).setUnit(" frames", 1)
            .build();
    try {
      if (bar != null) {
        b.progressListener((done, total) -> bar.stepTo(done));
      }
      try (QrFrameGenerator gen = b.build()) {
        pw.printf(Locale.ROOT, "%d payloads -> %s: version %d-%s, %d px/module, %dx%d frames, mask %s%n",
            payloads.size(), out, v, ec, gen.layout().modulePixels(), gen.frameWidth(), gen.frameHeight(), mask);
        pw.flush();
        stats = gen.writeTextFolder(payloads, out);
      }
    } finally {
      if (bar != null) {
        bar.close();
      }
    }
    pw.println(stats);
    for (FrameFailure f : stats.failures()) {
      pw.printf(Locale.ROOT, "  frame %d failed: %s%n", f.index(), f.reason());
    }
    if (validate) {
      FrameValidation.Report r = FrameValidation.builder().expectedTexts(payloads).build().validate(out);
      pw.printf(Locale.ROOT, "validation: %s, %d frames, %d decoded%n", r.valid() ? "valid" : "INVALID",
          r.frameCount(), r.decodedFrames());
      r.problems().forEach(p -> pw.println("  " + p));
      if (!r.valid()) {
        return 1;
      }
    }
    return stats.allSucceeded() ? 0 : 1;
  }
}
