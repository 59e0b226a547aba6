package io.qrvid.examples.cli;

import io.qrvid.examples.bench.decode.DecodeBench;
import io.qrvid.examples.bench.decode.DecodeBenchOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qrvid bench decode}: ZXing alone, BoofCV alone and the qrvid chain side by side in one run, per category
 * or per set and rotation: codes read, misreads, mean and p95 milliseconds per image. Sources: the synthetic
 * development set ({@code --synthetic}; {@code --write DIR} writes it for other tools instead) and folders of
 * labelled images. Images are decoded one at a time on one thread, every decoder on the same image before the next;
 * the first {@code --warmup} images of each suite are decoded untimed first. Mount under a {@code bench} parent.
 */
@Command(name = "decode", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Benchmark ZXing alone, BoofCV alone and the qrvid chain on the synthetic development set and on "
        + "folders of labelled images.",
        "",
        "Folder layouts (detected per image): <name>.json beside it (qrvid label files, as --write makes them); "
            + "<name>.txt with 'SETS' and one line of corner coordinates per symbol (BoofCV's QR detection "
            + "benchmark: read = a decoded centre inside the outline); <name>.txt with the expected text (ZXing's and "
            + "zxing-cpp's blackbox sets; the first symbol found is compared). Unlabelled images under a folder "
            + "named negative* must give nothing. Rows are the first folder level. Folders named zxing-blackbox and "
            + "zxing-cpp-qr get their harnesses' pass thresholds ('!' marks a count below).",
        "",
        "Exit: 0 measured, 1 some images could not be read, 2 bad usage, 3 bad input."})
public final class BenchDecodeCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "DIR", description = "Folders of labelled images.")
  List<Path> dirs = new ArrayList<>();

  @Option(names = "--synthetic", description = "Generate and measure the synthetic development set.")
  boolean synthetic;

  @Option(names = "--count", defaultValue = "20", description = "Images per photo category (default: ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--seed", defaultValue = "1", description = "Generator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--categories", split = ",", paramLabel = "NAME",
      description = "Only these categories (or folder groups), e.g. lots,high_version,negative,over_damage "
          + "(default: all).")
  List<String> categories = new ArrayList<>();

  @Option(names = "--negatives", defaultValue = "40", description = "Images without QR symbols (default: "
      + "${DEFAULT-VALUE}).")
  int negatives;

  @Option(names = "--over-damage", defaultValue = "300", description = "Symbols damaged beyond their error "
      + "correction, one per image (default: ${DEFAULT-VALUE}).")
  int overDamage;

  @Option(names = "--long-side", paramLabel = "PX", defaultValue = "0", description = "Up-scale each synthetic "
      + "image (bicubic, JPEG q90, labels scaled) to this long side in pixels, e.g. 4032 for a 12-megapixel phone "
      + "photo; 0 keeps the generated 640-3000 px (default: ${DEFAULT-VALUE}).")
  int longSide;

  @Option(names = "--write", paramLabel = "DIR", description = "Write the synthetic set (images + <name>.json "
      + "labels, a folder per category) instead of measuring it.")
  Path write;

  @Option(names = "--rotations", split = ",", defaultValue = "0",
      description = "Rotations in degrees of folder images, e.g. 0,90,180,270 (default: ${DEFAULT-VALUE}).")
  List<Integer> rotations;

  @Option(names = "--budget", defaultValue = "1500ms", converter = DurationConverter.class,
      description = "The chain's time budget per image (default: ${DEFAULT-VALUE}).")
  Duration budget;

  @Option(names = "--warmup", defaultValue = "10", description = "Images per suite decoded untimed first "
      + "(default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--decoders", split = ",", defaultValue = "zxing,boofcv,chain",
      description = "Decoders to run: zxing (hybrid), zxing-hard (TRY_HARDER), boofcv, chain (default: "
          + "${DEFAULT-VALUE}).")
  List<String> decoders;

  @Option(names = "--with-results", paramLabel = "FILE", description = "JSON lines measured by another decoder "
      + "(bench/zxing-wasm) on the same folders, printed as extra columns.")
  List<Path> withResults = new ArrayList<>();

  @Option(names = "--thresholds", defaultValue = "auto", description = "Pass thresholds for folders: auto (by "
      + "folder name), zxing, zxing-cpp, none (default: ${DEFAULT-VALUE}).")
  String thresholds;

  @Option(names = "--workers", description = "Threads generating the synthetic set (default: the number of cores; "
      + "decoding is always one thread).")
  Integer workers;

  @Option(names = "--json", description = "One JSON object per line (suite, group, rotation, decoder, images, codes, "
      + "read, misread, meanMs, p95Ms, maxMs, slowest) instead of tables.")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
  boolean quiet;

  /** Creates the command (picocli fills the fields). */
  public BenchDecodeCommand() {}

  @Override
  public Integer call() {
    DecodeBenchOptions o = new DecodeBenchOptions();
    o.folders.addAll(dirs);
    o.synthetic = synthetic || write != null;
    o.seed = seed;
    o.count = count;
    o.negatives = negatives;
    o.overDamage = overDamage;
    o.categories.addAll(categories);
    o.write = write;
    o.longSide = longSide;
    o.rotations.clear();
    o.rotations.addAll(rotations);
    o.budget = budget;
    o.warmup = warmup;
    o.decoders.clear();
    o.decoders.addAll(decoders);
    o.withResults.addAll(withResults);
    o.thresholds = thresholds;
    if (workers != null) {
      o.workers = workers;
    }
    o.json = json;
    o.quiet = quiet;
    return DecodeBench.run(o, System.out, System.err);
  }
}
