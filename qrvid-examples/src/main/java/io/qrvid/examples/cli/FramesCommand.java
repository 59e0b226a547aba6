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
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code qrvid frames}: writes one PNG frame per string (arguments, or lines of a file) into a folder
 * ({@code frame_000000.png}, ...), with a progress bar, and optionally validates the folder afterwards. Exit codes:
 * 0 every frame written (and valid), 1 some frame failed or did not validate, 2 bad usage (no payload, a bad
 * {@code --frame-size}), 3 bad input (a missing payload file, an output path that is not a folder).
 */
@Command(name = "frames", mixinStandardHelpOptions = true,
    description = "Write one QR frame per string (arguments or file lines) into a folder of PNG frames.")
public class FramesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "TEXT", description = "Payload strings (UTF-8).")
  List<String> texts = new ArrayList<>();

  @Option(names = {"-f", "--file"}, description = "Read payloads from this UTF-8 file, one per line (empty lines "
      + "skipped).")
  @Nullable Path file;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR",
      description = "Output folder (created if needed).")
  Path out = Path.of("frames");

  @Option(names = "--qr-version", paramLabel = "N",
      description = "QR version 1..40 (default: the smallest that fits the longest payload).")
  @Nullable Integer version;

  @Option(names = "--ec", defaultValue = "M", description = "Error correction L, M, Q or H (default ${DEFAULT-VALUE}).")
  ErrorCorrection ec = ErrorCorrection.M;

  @Option(names = "--module-px", defaultValue = "4", paramLabel = "N",
      description = "Whole pixels per module (default ${DEFAULT-VALUE}); ignored with --frame-size.")
  int modulePixels;

  @Option(names = "--quiet-zone", defaultValue = "4", description = "Quiet zone in modules (default ${DEFAULT-VALUE}).")
  int quietZone;

  @Option(names = "--frame-size", paramLabel = "WxH", description = "Fixed frame size WIDTHxHEIGHT, e.g. 512x512: "
      + "the largest whole module size that fits, centred.")
  @Nullable String frameSize;

  @Option(names = "--mask", defaultValue = "best",
      description = "Mask: best (the ISO/IEC 18004 penalty rules) or a fixed pattern 0..7 (faster) "
          + "(default ${DEFAULT-VALUE}).")
  String mask = "best";

  @Option(names = "--workers", paramLabel = "N", description = "Worker threads (default: available processors).")
  int workers = Runtime.getRuntime().availableProcessors();

  @Option(names = "--sequential", description = "Generate on one thread, in order (for debugging).")
  boolean sequential;

  @Option(names = "--clean", description = "Delete existing frame files in the folder first.")
  boolean clean;

  @Option(names = "--validate", description = "Validate the folder afterwards, decoding every frame.")
  boolean validate;

  @Option(names = {"-q", "--quiet"}, description = "No progress bar and no summary; failures are still listed.")
  boolean quiet;

  /** Creates the command; picocli sets the options. */
  public FramesCommand() {}

  @Override
  public Integer call() throws Exception {
    PrintWriter pw = spec != null ? spec.commandLine().getOut() : new PrintWriter(System.out, true);
    PrintWriter err = spec != null ? spec.commandLine().getErr() : new PrintWriter(System.err, true);
    // Inputs and options first, before any file is touched or a progress bar opens.
    List<String> payloads = new ArrayList<>(texts);
    if (file != null) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (!line.isEmpty()) {
          payloads.add(line);
        }
      }
    }
    if (payloads.isEmpty()) {
      throw usage("nothing to do: give payload strings or --file");
    }
    if (Files.exists(out) && !Files.isDirectory(out)) {
      err.println("qrvid: the output " + out + " exists and is not a folder");
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
      b = QrFrameGenerator.builder().version(v).errorCorrection(ec).modulePixels(modulePixels).quietZone(quietZone)
          .maskPolicy(MaskPolicy.parse(mask)).workers(workers).sequential(sequential);
      if (frameSize != null) {
        String[] wh = frameSize.toLowerCase(Locale.ROOT).split("x");
        if (wh.length != 2) {
          throw usage("--frame-size must look like 512x512, not " + frameSize);
        }
        b.frameSize(Integer.parseInt(wh[0].trim()), Integer.parseInt(wh[1].trim()));
      }
    } catch (IllegalArgumentException e) { // NumberFormatException included
      throw usage(e.getMessage());
    }
    if (clean) {
      int n = FrameFolder.clean(out);
      if (!quiet) {
        pw.printf(Locale.ROOT, "deleted %d old frame files%n", n);
      }
    }
    AtomicReference<Progress> bar = new AtomicReference<>();
    b.progressListener((done, total) -> {
      Progress p = bar.get();
      if (p != null) {
        p.onProgress(done, total);
      }
    });
    GenerationStats stats;
    try (QrFrameGenerator gen = b.build()) {
      if (!quiet) {
        pw.printf(Locale.ROOT, "%d payloads -> %s: version %d-%s, %d px/module, %dx%d frames, mask %s%n",
            payloads.size(), out, v, ec, gen.layout().modulePixels(), gen.frameWidth(), gen.frameHeight(), mask);
        pw.flush();
      }
      try (Progress progress = new Progress("frames", payloads.size(), quiet)) {
        bar.set(progress);
        stats = gen.writeTextFolder(payloads, out);
      }
    }
    if (!quiet) {
      pw.println(stats);
    }
    for (FrameFailure f : stats.failures()) {
      pw.printf(Locale.ROOT, "  frame %d failed: %s%n", f.index(), f.reason());
    }
    if (validate) {
      FrameValidation.Report r = FrameValidation.builder().expectedTexts(payloads).workers(workers).build()
          .validate(out);
      if (!quiet || !r.valid()) {
        pw.printf(Locale.ROOT, "validation: %s, %d frames, %d decoded%n", r.valid() ? "valid" : "INVALID",
            r.frameCount(), r.decodedFrames());
      }
      r.problems().forEach(p -> pw.println("  " + p));
      if (!r.valid()) {
        return QrvidCli.EXIT_INCOMPLETE;
      }
    }
    return stats.allSucceeded() ? 0 : QrvidCli.EXIT_INCOMPLETE;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec != null ? spec.commandLine() : new CommandLine(this), message);
  }
}
