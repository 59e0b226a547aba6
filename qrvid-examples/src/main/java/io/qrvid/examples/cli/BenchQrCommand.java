package io.qrvid.examples.cli;

import io.qrvid.core.ErrorCorrection;
import io.qrvid.core.FrameLayout;
import io.qrvid.core.MaskPolicy;
import io.qrvid.core.QrFrameGenerator;
import io.qrvid.examples.bench.QrBench;
import io.qrvid.examples.bench.QrGenerationBenchmark;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code qrvid bench qr}: measures, in one run on the same payloads, frames per second of qrvid's in-memory frame
 * generation against the naive ZXing path ({@code QRCodeWriter} + {@code MatrixToImageWriter} to a
 * {@code BufferedImage}, one thread: the baseline of every ratio). Rows: naive ZXing on 1 and N threads; the
 * best-mask path as it was before qrvid's own mask search (ZXing's {@code Encoder} search, then the luma plane);
 * qrvid with its defaults (best mask, a worker per processor); qrvid with the best mask on one worker; qrvid with a
 * fixed mask on 1 and N workers. Rounds interleave the rows so that load drift hits every row alike, and the median
 * round is reported. Then it measures what a fixed mask costs in decode success after the same degradation
 * (downscale, noise, JPEG) with plain ZXing. {@code --jmh} runs {@link QrGenerationBenchmark} instead.
 */
@Command(name = "qr", mixinStandardHelpOptions = true,
    description = "Frames/s of qrvid's QR frame generator vs naive ZXing, and the decode-success cost of a fixed mask.")
public class BenchQrCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--size", defaultValue = "512", description = "Frame side in pixels (default ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--payload-bytes", defaultValue = "400",
      description = "Random bytes per payload (default ${DEFAULT-VALUE}).")
  int payloadBytes;

  @Option(names = "--qr-version", defaultValue = "15", description = "QR version (default ${DEFAULT-VALUE}).")
  int version;

  @Option(names = "--ec", defaultValue = "M", description = "Error correction L, M, Q or H (default ${DEFAULT-VALUE}).")
  ErrorCorrection ec;

  @Option(names = "--fixed-mask", defaultValue = "0",
      description = "The mask pattern 0..7 of the fixed-mask rows (default ${DEFAULT-VALUE}).")
  int mask;

  @Option(names = "--workers", description = "Workers for the parallel rows (default: available processors).")
  int workers = Runtime.getRuntime().availableProcessors();

  @Option(names = "--measure", defaultValue = "3s", converter = DurationConverter.class,
      description = "Measured time per row, e.g. 3s or 500ms (default ${DEFAULT-VALUE}).")
  Duration measure;

  @Option(names = "--warmup", defaultValue = "1s", converter = DurationConverter.class,
      description = "Warm-up time per row (default ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(names = "--rounds", defaultValue = "3",
      description = "Rounds over all rows, interleaved so load drift hits every row alike; the median round "
          + "is reported; 0 skips the speed rows (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--decode-samples", defaultValue = "200",
      description = "Symbols per mask policy and degradation in the decode study; 0 skips it (default ${DEFAULT-VALUE}).")
  int decodeSamples;

  @Option(names = "--decode-masks", split = ",", defaultValue = "best,0,1,2,3,4,5,6,7",
      description = "Mask policies of the decode study, comma-separated (default ${DEFAULT-VALUE}).")
  List<String> decodeMasks;

  @Option(names = "--jmh", description = "Run the JMH benchmark (one thread per op, short settings) instead.")
  boolean jmh;

  /** Creates the command; picocli sets the options. */
  public BenchQrCommand() {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec != null ? spec.commandLine().getOut() : new PrintWriter(System.out, true);
    if (FrameLayout.capacity(version, ec) < payloadBytes) {
      out.printf(Locale.ROOT, "%d bytes do not fit version %d-%s (capacity %d)%n", payloadBytes, version, ec,
          FrameLayout.capacity(version, ec));
      return 2;
    }
    if (jmh) {
      Options o = new OptionsBuilder().include(QrGenerationBenchmark.class.getName() + ".*").forks(1)
          .warmupIterations(2).warmupTime(TimeValue.seconds(1)).measurementIterations(3)
          .measurementTime(TimeValue.seconds(2)).build();
      new Runner(o).run();
      return 0;
    }
    List<byte[]> payloads = QrBench.payloads(256, payloadBytes, 42);
    long millis = measure.toMillis();
    long warm = warmup.toMillis();
    out.printf(Locale.ROOT, "qrvid bench qr: %dx%d frames, %d-byte random payloads, version %d-%s, %d processors, "
            + "java %s; %.1f s per row after %.1f s warm-up%n", size, size, payloadBytes, version, ec,
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), millis / 1000.0, warm / 1000.0);
    try (QrFrameGenerator probe = QrBench.generator(size, version, ec, MaskPolicy.searchBest(), 1)) {
      out.printf(Locale.ROOT, "qrvid geometry: %d px/module, quiet zone 4, centred with %d px margins%n",
          probe.layout().modulePixels(), probe.originX());
    }
    out.println();
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("naive ZXing QRCodeWriter+MatrixToImageWriter, 1 thread", Kind.NAIVE, null, 1));
    if (workers > 1) {
      rows.add(new Row("naive ZXing, " + workers + " threads", Kind.NAIVE, null, workers));
    }
    rows.add(new Row("before: ZXing mask search + qrvid luma plane, 1 thread", Kind.ZXING_SEARCH, null, 1));
    rows.add(new Row("qrvid defaults (best mask, " + Runtime.getRuntime().availableProcessors() + " workers)",
        Kind.DEFAULTS, MaskPolicy.searchBest(), Runtime.getRuntime().availableProcessors()));
    rows.add(new Row("qrvid best mask, 1 worker (sequential)", Kind.QRVID, MaskPolicy.searchBest(), 1));
    rows.add(new Row("qrvid fixed mask " + mask + ", 1 worker (sequential)", Kind.QRVID, MaskPolicy.fixed(mask), 1));
    if (workers > 1) {
      rows.add(new Row("qrvid fixed mask " + mask + ", " + workers + " workers", Kind.QRVID, MaskPolicy.fixed(mask),
          workers));
    }
    if (rounds <= 0) {
      if (decodeSamples > 0) {
        decodeStudy(out);
      }
      return 0;
    }
    double[][] fps = new double[rows.size()][rounds];
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < rows.size(); i++) {
        Row r = rows.get(i);
        switch (r.kind) {
          case NAIVE:
            QrBench.naiveFramesPerSecond(payloads, size, ec, r.threads, warm);
            fps[i][round] = QrBench.naiveFramesPerSecond(payloads, size, ec, r.threads, millis);
            break;
          case ZXING_SEARCH:
            try (QrFrameGenerator gen = QrBench.generator(size, version, ec, MaskPolicy.searchBest(), 1)) {
              QrBench.zxingSearchFramesPerSecond(gen, payloads, warm);
              fps[i][round] = QrBench.zxingSearchFramesPerSecond(gen, payloads, millis);
            }
            break;
          default:
            try (QrFrameGenerator gen = r.kind == Kind.DEFAULTS ? QrBench.defaultGenerator(size, version, ec)
                : QrBench.generator(size, version, ec, r.mask, r.threads)) {
              QrBench.qrvidFramesPerSecond(gen, payloads, warm);
              fps[i][round] = QrBench.qrvidFramesPerSecond(gen, payloads, millis);
            }
            break;
        }
      }
      out.printf(Locale.ROOT, "  round %d of %d done%n", round + 1, rounds);
      out.flush();
    }
    double baseline = median(fps[0]);
    out.println();
    out.printf(Locale.ROOT, "%-62s %10s %10s%n", "option set (median of rounds)", "frames/s", "vs naive");
    for (int i = 0; i < rows.size(); i++) {
      StringBuilder all = new StringBuilder();
      for (double f : fps[i]) {
        all.append(all.length() == 0 ? "" : " ").append(Math.round(f));
      }
      out.printf(Locale.ROOT, "%-62s %10.0f %9.1fx   rounds: %s%n", rows.get(i).name, median(fps[i]),
          median(fps[i]) / baseline, all);
    }
    if (decodeSamples > 0) {
      decodeStudy(out);
    }
    return 0;
  }

  private void decodeStudy(PrintWriter out) throws Exception {
    List<QrBench.Degradation> degradations = List.of(
        new QrBench.Degradation("mild: 0.45-0.70x, n4, q50", 0.45, 0.70, 4, 50),
        new QrBench.Degradation("medium: 0.33-0.45x, n8, q30", 0.33, 0.45, 8, 30),
        new QrBench.Degradation("harsh: 0.28-0.36x, n12, q20", 0.28, 0.36, 12, 20));
    List<MaskPolicy> policies = new ArrayList<>();
    for (String m : decodeMasks) {
      policies.add(MaskPolicy.parse(m));
    }
    List<byte[]> payloads = QrBench.payloads(decodeSamples, payloadBytes, 7);
    out.println();
    out.printf(Locale.ROOT, "decode success with plain ZXing (HybridBinarizer, TRY_HARDER) after degradation, "
        + "%d symbols per cell, same payloads, scales and noise for every policy (95%% interval about +-%.1f points "
        + "at 50%%)%n", decodeSamples, 100 * 1.96 * Math.sqrt(0.25 / decodeSamples));
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-28s", "degradation"));
    for (MaskPolicy p : policies) {
      head.append(String.format(Locale.ROOT, "%7s", p.isFixed() ? "mask " + p.pattern() : "best"));
    }
    out.println(head);
    for (QrBench.Degradation d : degradations) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-28s", d.name()));
      for (MaskPolicy p : policies) {
        double ok = QrBench.decodeSuccess(payloads, size, version, ec, p, d, workers);
        line.append(String.format(Locale.ROOT, "%6.1f%%", ok * 100));
      }
      out.println(line);
      out.flush();
    }
  }

  private static double median(double[] v) {
    double[] c = v.clone();
    java.util.Arrays.sort(c);
    return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
  }

  private enum Kind { NAIVE, ZXING_SEARCH, DEFAULTS, QRVID }

  private record Row(String name, Kind kind, MaskPolicy mask, int threads) {}
}
