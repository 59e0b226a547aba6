package io.qrvid.examples.cli;

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
 * {@code qrvid validate}: checks a folder of PNG frames (exists, naming, no gaps, no empty files, expected count,
 * optionally that every frame decodes to its expected payload). Exit code 0 when valid, 1 otherwise.
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

  @Option(names = "--parallelism", description = "Frames decoded at once (default: available processors).")
  int parallelism = Runtime.getRuntime().availableProcessors();

  /** Creates the command; picocli sets the options. */
  public ValidateCommand() {}

  @Override
  public Integer call() throws Exception {
    PrintWriter pw = spec != null ? spec.commandLine().getOut() : new PrintWriter(System.out, true);
    FrameValidation.Builder b = FrameValidation.builder().decode(decode).symbolsPerFrame(symbolsPerFrame)
        .workers(parallelism);
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
    long start = System.nanoTime();
    FrameValidation.Report r = b.build().validate(folder);
    pw.printf(Locale.ROOT, "%s: %s, %d frames, %d decoded, %d problems (%d ms)%n", folder,
        r.valid() ? "valid" : "INVALID", r.frameCount(), r.decodedFrames(), r.problems().size(),
        (System.nanoTime() - start) / 1_000_000);
    r.problems().forEach(p -> pw.println("  " + p));
    return r.valid() ? 0 : 1;
  }
}
