package io.qrvid.examples.cli;

import io.qrvid.decode.QrDecodeChain;
import io.qrvid.decode.QrDecoderType;
import io.qrvid.decode.QrScanResult;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qrvid bench decode DIR}: for every image under DIR (recursively) that has an expected {@code <name>.txt}
 * beside it, decodes with plain ZXing (pure, then hybrid: what ZXing's own test harness runs), BoofCV alone, and
 * the default chain, and prints per decoder the count read exactly (the decoded text encoded as UTF-8 equals the
 * expected file byte for byte), the count misread (any other text), and the median / p95 / mean milliseconds per
 * image. Images are decoded one at a time on one thread; the first {@code --warmup} images are decoded untimed
 * first to warm the JIT. Mount under a {@code bench} parent command.
 */
@Command(name = "decode", mixinStandardHelpOptions = true,
    description = "Benchmark ZXing, BoofCV and the qrvid chain on a folder of images with expected .txt files.")
public final class BenchDecodeCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "Folder of images with <name>.txt expected texts.")
  Path dir;

  @Option(names = "--rotations", split = ",", defaultValue = "0",
      description = "Rotations in degrees to test, e.g. 0,90,180,270 (default: ${DEFAULT-VALUE}).")
  List<Integer> rotations;

  @Option(names = "--budget-ms", defaultValue = "1500", description = "Chain time budget per image (default: "
      + "${DEFAULT-VALUE} ms).")
  long budgetMs;

  @Option(names = "--warmup", defaultValue = "20", description = "Images decoded untimed first (default: "
      + "${DEFAULT-VALUE}).")
  int warmup;

  /** Creates the command (picocli fills the fields). */
  public BenchDecodeCommand() {}

  @Override
  public Integer call() throws Exception {
    List<Path> images = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(p -> p.toString().matches("(?i).*\\.(png|jpe?g|gif|bmp)$"))
          .filter(p -> Files.exists(expectedFile(p))).sorted().forEach(images::add);
    }
    if (images.isEmpty()) {
      System.err.println("no images with expected .txt files under " + dir);
      return 2;
    }
    Map<String, QrDecodeChain> chains = new LinkedHashMap<>();
    chains.put("zxing", QrDecodeChain.builder().level1(QrDecoderType.ZXING_PURE, QrDecoderType.ZXING_HYBRID)
        .level2().build());
    chains.put("boofcv", QrDecodeChain.builder().level1(QrDecoderType.BOOFCV).level2().build());
    chains.put("chain", QrDecodeChain.builder().timeBudget(Duration.ofMillis(budgetMs)).build());
    for (int i = 0; i < Math.min(warmup, images.size()); i++) {
      BufferedImage img = ImageIO.read(images.get(i).toFile());
      for (QrDecodeChain c : chains.values()) {
        c.scan(img);
      }
    }
    System.out.printf("%d images x %d rotation(s) %s under %s%n", images.size(), rotations.size(), rotations, dir);
    System.out.printf("%-8s %8s %8s %10s %10s %10s%n", "decoder", "read", "misread", "median ms", "p95 ms",
        "mean ms");
    Map<String, List<Double>> times = new LinkedHashMap<>();
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (String name : chains.keySet()) {
      times.put(name, new ArrayList<>());
      counts.put(name, new int[2]);
    }
    for (int rotation : rotations) {
      for (Path p : images) {
        byte[] expected = Files.readAllBytes(expectedFile(p));
        BufferedImage img = Rotations.rotate(ImageIO.read(p.toFile()), rotation);
        for (Map.Entry<String, QrDecodeChain> e : chains.entrySet()) {
          long t0 = System.nanoTime();
          QrScanResult r = e.getValue().scan(img);
          times.get(e.getKey()).add((System.nanoTime() - t0) / 1e6);
          if (r.found()) {
            boolean exact = java.util.Arrays.equals(r.text().orElseThrow().getBytes(StandardCharsets.UTF_8), expected);
            counts.get(e.getKey())[exact ? 0 : 1]++;
          }
        }
      }
    }
    int total = images.size() * rotations.size();
    for (String name : chains.keySet()) {
      List<Double> t = times.get(name);
      Collections.sort(t);
      double mean = t.stream().mapToDouble(Double::doubleValue).average().orElse(0);
      System.out.printf("%-8s %4d/%-4d %8d %10.1f %10.1f %10.1f%n", name, counts.get(name)[0], total,
          counts.get(name)[1], t.get(t.size() / 2), t.get((int) Math.min(t.size() - 1, Math.ceil(t.size() * 0.95) - 1)),
          mean);
    }
    return 0;
  }

  private static Path expectedFile(Path image) {
    String n = image.getFileName().toString();
    return image.resolveSibling(n.substring(0, n.lastIndexOf('.')) + ".txt");
  }
}
