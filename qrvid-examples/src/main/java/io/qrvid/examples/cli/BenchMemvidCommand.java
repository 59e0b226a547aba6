package io.qrvid.examples.cli;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.qrvid.core.Chunk;
import io.qrvid.core.ErrorCorrection;
import io.qrvid.core.FrameStream;
import io.qrvid.core.MaskPolicy;
import io.qrvid.core.QrFrameGenerator;
import io.qrvid.core.TextChunker;
import io.qrvid.video.memvid.MemvidCodec;
import io.qrvid.video.memvid.MemvidWriteResult;
import io.qrvid.video.memvid.MemvidWriter;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code qrvid bench memvid}: memvid-format frame generation (payload JSON, {@code GZ:} compression, version 35+ EC M,
 * quiet zone 3) through qrvid's parallel {@link QrFrameGenerator} against a naive single-threaded ZXing path
 * ({@code QRCodeWriter} + {@code MatrixToImageWriter} to a {@code BufferedImage}), on the same chunks in one run,
 * rows interleaved over rounds (median reported); then whole exports ({@link MemvidWriter}: render and encode)
 * in chunks per second. memvid's own published rate is 2-5 chunks/s.
 */
@Command(name = "memvid", mixinStandardHelpOptions = true,
    description = "memvid-format QR frames/s: qrvid's parallel generator vs naive single-threaded ZXing; whole "
        + "exports in chunks/s.")
public final class BenchMemvidCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--source", paramLabel = "FILE", split = ",",
      description = "Text files to chunk (default: seeded synthetic English-like text).")
  List<Path> sources;

  @Option(names = "--chunks", defaultValue = "200", description = "Chunks (default ${DEFAULT-VALUE}).")
  int chunkCount;

  @Option(names = "--module-px", defaultValue = "4", description = "Pixels per module (default ${DEFAULT-VALUE}).")
  int modulePixels;

  @Option(names = "--workers", description = "Workers of the parallel rows (default: the number of cores).")
  int workers = Runtime.getRuntime().availableProcessors();

  @Option(names = "--measure", defaultValue = "3s", converter = DurationConverter.class,
      description = "Measured time per row, e.g. 3s or 500ms (default ${DEFAULT-VALUE}).")
  Duration measure;

  @Option(names = "--rounds", defaultValue = "3", description = "Rounds over all rows (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--exports", defaultValue = "true", arity = "1",
      description = "Also time whole exports, ffv1 and mp4v (default ${DEFAULT-VALUE}).")
  boolean exports;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<String> chunks = chunks();
    List<byte[]> payloads = new ArrayList<>();
    int longest = 0;
    for (int i = 0; i < chunks.size(); i++) {
      byte[] p = MemvidWriter.payload(i, chunks.get(i), i).getBytes(StandardCharsets.US_ASCII);
      payloads.add(p);
      longest = Math.max(longest, p.length);
    }
    int version = MemvidWriter.versionFor(longest);
    int n = 17 + 4 * version;
    int side = (n + 2 * MemvidWriter.BORDER) * modulePixels;
    side += side % 2;
    out.printf(Locale.ROOT, "qrvid bench memvid: %d chunks (%s), payloads %d..%d bytes, version %d-M, %d px/module,"
            + " %dx%d frames, %d processors, java %s; %.1f s per row, %d rounds%n", chunks.size(),
        sources == null ? "synthetic" : sources.size() + " files", payloads.stream().mapToInt(b -> b.length).min()
            .orElse(0), longest, version, modulePixels, side, side, Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), measure.toMillis() / 1000.0, rounds);
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("naive ZXing QRCodeWriter+MatrixToImageWriter, 1 thread", null, 1));
    rows.add(new Row("qrvid generator, best mask, 1 worker", MaskPolicy.searchBest(), 1));
    if (workers > 1) {
      rows.add(new Row("qrvid generator, best mask, " + workers + " workers", MaskPolicy.searchBest(), workers));
    }
    rows.add(new Row("qrvid generator, fixed mask 0, " + workers + " workers", MaskPolicy.fixed(0), workers));
    long millis = measure.toMillis();
    double[][] fps = new double[rows.size()][rounds];
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < rows.size(); i++) {
        Row r = rows.get(i);
        if (round == 0) {
          measure(r, chunks, version, side, Math.min(1000, millis)); // warm-up
        }
        fps[i][round] = measure(r, chunks, version, side, millis);
      }
      out.printf(Locale.ROOT, "  round %d of %d done%n", round + 1, rounds);
      out.flush();
    }
    double base = median(fps[0]);
    out.printf(Locale.ROOT, "%n%-58s %10s %9s%n", "memvid-format frames (median of rounds)", "frames/s", "vs naive");
    for (int i = 0; i < rows.size(); i++) {
      out.printf(Locale.ROOT, "%-58s %10.1f %8.1fx   rounds: %s%n", rows.get(i).name, median(fps[i]),
          median(fps[i]) / base, Arrays.toString(Arrays.stream(fps[i]).map(Math::round).toArray()));
    }
    if (exports) {
      out.printf(Locale.ROOT, "%nwhole exports (MemvidWriter.write: payloads, frames, video, index; %d workers)%n",
          workers);
      Path dir = Files.createTempDirectory("qrvid-bench-memvid");
      try {
        for (MemvidCodec codec : MemvidCodec.values()) {
          for (MaskPolicy mask : List.of(MaskPolicy.searchBest(), MaskPolicy.fixed(0))) {
            MemvidWriter w = MemvidWriter.builder().codec(codec).modulePixels(modulePixels).maskPolicy(mask)
                .workers(workers).build();
            Path video = dir.resolve("lib" + codec.extension());
            w.write(chunks.subList(0, Math.min(20, chunks.size())), video); // warm-up
            MemvidWriteResult r = w.write(chunks, video);
            out.printf(Locale.ROOT, "  %-5s %-6s %7.1f chunks/s (%.2f s for %d), video %,d bytes (%,.0f per chunk)%n",
                codec, mask, r.chunks() / (r.elapsed().toNanos() / 1e9), r.elapsed().toMillis() / 1000.0, r.chunks(),
                r.videoBytes(), (double) r.videoBytes() / r.chunks());
            out.flush();
          }
        }
      } finally {
        try (var s = Files.list(dir)) {
          for (Path p : (Iterable<Path>) s::iterator) {
            Files.deleteIfExists(p);
          }
        }
        Files.deleteIfExists(dir);
      }
      out.println("  memvid v0.1.x, for reference: 2-5 chunks/s (third-party measurements, research/memvid.md 3.2)");
    }
    out.flush();
    return 0;
  }

  private double measure(Row r, List<String> chunks, int version, int side, long millis) throws Exception {
    long start = System.nanoTime();
    long deadline = start + millis * 1_000_000L;
    long frames = 0;
    long sink = 0;
    if (r.mask == null) {
      QRCodeWriter writer = new QRCodeWriter();
      Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
      hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
      hints.put(EncodeHintType.QR_VERSION, version);
      hints.put(EncodeHintType.MARGIN, MemvidWriter.BORDER);
      for (int i = 0; System.nanoTime() < deadline; i++) {
        int k = i % chunks.size();
        String payload = MemvidWriter.payload(k, chunks.get(k), k);
        BitMatrix m = writer.encode(payload, BarcodeFormat.QR_CODE, side, side, hints);
        BufferedImage img = MatrixToImageWriter.toBufferedImage(m);
        sink += img.getRGB(side / 2, side / 2);
        frames++;
      }
    } else {
      try (QrFrameGenerator gen = QrFrameGenerator.builder().version(version).errorCorrection(ErrorCorrection.M)
          .quietZone(MemvidWriter.BORDER).modulePixels(modulePixels).frameSize(side, side).maskPolicy(r.mask)
          .workers(r.threads).build()) {
        Iterator<byte[]> payloads = new Iterator<>() {
          int i;

          @Override
          public boolean hasNext() {
            return System.nanoTime() < deadline;
          }

          @Override
          public byte[] next() {
            int k = i++ % chunks.size();
            return MemvidWriter.payload(k, chunks.get(k), k).getBytes(StandardCharsets.US_ASCII);
          }
        };
        try (FrameStream fs = gen.frames(payloads)) {
          while (fs.hasNext()) {
            sink += fs.next().luma()[side / 2];
            frames++;
          }
        }
      }
    }
    if (sink == 42) {
      System.out.print("");
    }
    return frames * 1e9 / (System.nanoTime() - start);
  }

  private List<String> chunks() throws Exception {
    TextChunker chunker = TextChunker.builder().chunkSize(1024).overlap(32).build();
    List<String> out = new ArrayList<>();
    if (sources != null) {
      for (Path p : sources) {
        for (Chunk c : chunker.chunk(0, p.toString(), Files.readString(p), 0)) {
          if (!c.text().isBlank() && out.size() < chunkCount) {
            out.add(c.text());
          }
        }
      }
      return out;
    }
    Random rnd = new Random(42);
    String[] words = ("the of and to in is that it for as with was on be by this are from at or an have not which "
        + "frame video symbol module version reader index chunk library memory search vector query store text "
        + "river mountain window garden morning evening winter summer city harbour market station bridge road")
        .split(" ");
    StringBuilder text = new StringBuilder();
    while (text.length() < chunkCount * 1000L) {
      int len = 6 + rnd.nextInt(16);
      for (int w = 0; w < len; w++) {
        String word = words[rnd.nextInt(words.length)];
        text.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
        text.append(w == len - 1 ? ". " : " ");
      }
      if (rnd.nextInt(5) == 0) {
        text.append("\n\n");
      }
    }
    for (Chunk c : chunker.chunk(0, "synthetic", text.toString(), 0)) {
      if (out.size() < chunkCount) {
        out.add(c.text());
      }
    }
    return out;
  }

  private static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
  }

  private record Row(String name, MaskPolicy mask, int threads) {}
}
