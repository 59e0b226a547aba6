package io.qrvid.examples.cli;

import io.qrvid.core.Chunk;
import io.qrvid.core.ChunkCompression;
import io.qrvid.examples.bench.CompressionBench;
import io.qrvid.video.VideoIndex;
import io.qrvid.core.FrameLayout;
import io.qrvid.core.MaskPolicy;
import io.qrvid.core.PayloadPacker;
import io.qrvid.core.QrFrameGenerator;
import io.qrvid.examples.bench.RangeReadBench;
import io.qrvid.video.CodecProfile;
import io.qrvid.video.EncodeResult;
import io.qrvid.video.QrDecodeException;
import io.qrvid.video.QrVideoEncoder;
import io.qrvid.video.QrVideoReader;
import io.qrvid.video.internal.HumbleEncoderSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code qrvid bench video [DIR]}: in one run on the same text, first the chunk compression methods side by side
 * (per-chunk Deflate as before, Deflate with a preset dictionary, zstd alone, zstd with a trained dictionary, zstd over
 * units of four chunks), then for each configuration (a codec profile and a compression) the density and where it
 * goes (payload, video per payload byte, index), encode throughput, the pipeline's time against the codec alone on the
 * same pre-rendered frames, decode throughput with every check, and random-access latency. With {@code --scaling}:
 * decode throughput of range-parallel reads by number of workers on a long video, and a per-phase CPU profile
 * ({@link RangeReadBench}).
 */
@Command(name = "video", mixinStandardHelpOptions = true,
    description = "Compression methods, then density, encode/decode throughput, pipeline vs codec alone, and random "
        + "access, per configuration.")
public final class BenchVideoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
      description = "Folder of UTF-8 text files (default: ../shared/corpus/vim-user-manual).")
  Path dir;

  @Option(names = "--profiles", split = ",", defaultValue = "before,dense,h264+zstd,dense+deflate,fast,lossless,lossy",
      description = "Configurations to measure, PROFILE[+COMPRESSION] with COMPRESSION zstd (with a dictionary, the "
          + "default), zstd-nodict, deflate, none or v1 (Deflate in formats 1, as qrvid wrote before zstd); 'before' "
          + "is h264+v1, the default before FFV1 and zstd. PROFILE may carry settings, PROFILE@key=value@...: gop, "
          + "grid (CxR), pix (yuv420p, yuv410p, ...), container, qz, align, levels (D/L), context, coder; e.g. "
          + "dense@grid=3x3@gop=8 (default: ${DEFAULT-VALUE}).")
  List<String> profiles;

  @Option(names = "--no-compression-table", description = "Skip the table of compression methods.")
  boolean noCompressionTable;

  @Option(names = "--random-reads", defaultValue = "30",
      description = "Random single-chunk reads per profile (default: ${DEFAULT-VALUE}).")
  int randomReads;

  @Option(names = "--preset", description = "Override every profile's x264 preset.")
  String preset;

  @Option(names = "--gop", description = "Override every profile's GOP length.")
  Integer gop;

  @Option(names = "--qr-version", description = "Override every profile's QR version (smaller symbols, more frames).")
  Integer version;

  @Option(names = "--chunk-size", description = "Chunk size in characters (default: the encoder's).")
  Integer chunkSize;

  @Option(names = "--work", defaultValue = "qrvid-bench-out", description = "Scratch folder (default: ${DEFAULT-VALUE}).")
  Path work;

  @Option(names = "--scaling", description = "Instead of the profile table: whole-video decode MB/s of range-parallel "
      + "reads with each of --workers, against the single-session read, on a video of at least --min-frames frames "
      + "(the corpus repeated, kept in --work), then where one thread's CPU time goes per frame.")
  boolean scaling;

  @Option(names = "--min-frames", defaultValue = "10000", paramLabel = "N",
      description = "With --scaling: the fewest frames of the video (default: ${DEFAULT-VALUE}).")
  long minFrames;

  @Option(names = "--workers", split = ",", defaultValue = "1,2", paramLabel = "N[,N...]",
      description = "With --scaling: the worker counts compared (default: ${DEFAULT-VALUE}).")
  int[] workers;

  @Option(names = "--rounds", defaultValue = "3", paramLabel = "N",
      description = "With --scaling: interleaved rounds, the median reported (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Path source = dir != null ? dir : Path.of("..", "shared", "corpus", "vim-user-manual");
    List<Path> files = EncodeCommand.expand(List.of(source)).stream()
        .filter(p -> p.getFileName().toString().endsWith(".txt") && !p.getFileName().toString().startsWith("LICENSE"))
        .toList();
    if (files.isEmpty()) {
      throw new IOException("no .txt files in " + source);
    }
    Files.createDirectories(work);
    if (scaling) {
      if (minFrames < 1 || rounds < 1 || workers.length == 0 || Arrays.stream(workers).anyMatch(w -> w < 1)) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "--min-frames, --rounds and every --workers value must be at least 1");
      }
      CodecProfile p = CodecProfile.named(profiles.get(0));
      boolean exact = new RangeReadBench(out, work, p).run(files, minFrames, workers, rounds);
      if (!exact) {
        spec.commandLine().getErr().println("qrvid: a read did not restore every document exactly");
      }
      return exact ? 0 : QrvidCli.EXIT_INCOMPLETE;
    }
    long textBytes = 0;
    for (Path f : files) {
      textBytes += Files.size(f);
    }
    out.printf("bench video: %d files, %,d bytes of text from %s; %d cores%n", files.size(), textBytes, source,
        Runtime.getRuntime().availableProcessors());
    out.flush();
    if (!noCompressionTable) {
      CompressionBench.run(out, files, chunkSize != null ? chunkSize : QrVideoEncoder.DEFAULT_CHUNK_SIZE);
    }
    out.printf("%-16s %6s %7s %7s %7s %7s %8s %10s %8s %8s %8s %8s %s%n", "config", "frames", "ratio", "payload",
        "vid/pay", "index", "enc MB/s", "pipe/codec", "dec MB/s", "chunk50", "chunk95", "codecfps", "recovered");
    out.flush();
    // Warm up the natives and the JIT so that the first profile is not penalised.
    Path warm = work.resolve("warmup.mp4");
    QrVideoEncoder.builder().profile(CodecProfile.fast()).build().encode(files, warm);
    try (QrVideoReader reader = QrVideoReader.open(warm)) {
      reader.readAll();
    }
    int failures = 0;
    for (String config : profiles) {
      String spec = config.equals("before") ? "h264+v1" : config;
      String head = spec.contains("+") ? spec.substring(0, spec.indexOf('+')) : spec;
      String method = spec.contains("+") ? spec.substring(spec.indexOf('+') + 1) : "zstd";
      String[] settings = head.split("@");
      String name = settings[0];
      CodecProfile.Builder pb = CodecProfile.named(name).newBuilder();
      io.qrvid.core.FrameLayout.Builder lb = CodecProfile.named(name).layout().newBuilder();
      for (int i = 1; i < settings.length; i++) {
        override(config, settings[i], pb, lb);
      }
      pb.layout(lb.build());
      if (preset != null) {
        pb.preset(preset);
      }
      if (gop != null) {
        pb.gop(gop);
      }
      CodecProfile profile = pb.build();
      QrVideoEncoder.Builder eb = QrVideoEncoder.builder().profile(profile);
      switch (method) {
        case "zstd":
          break;
        case "zstd-nodict":
          eb.dictionary(false);
          break;
        case "deflate":
          eb.compression(ChunkCompression.DEFLATE);
          break;
        case "none":
          eb.compression(ChunkCompression.NONE);
          break;
        case "v1":
          eb.compression(ChunkCompression.DEFLATE).formatVersion(1);
          break;
        default:
          throw new IllegalArgumentException("unknown compression in " + config + " (zstd, zstd-nodict, deflate, "
              + "none, v1)");
      }
      eb.layout(profile.layout());
      if (version != null) {
        eb.layout(profile.layout().newBuilder().version(version).build());
      }
      if (chunkSize != null) {
        eb.chunker(io.qrvid.core.TextChunker.builder().chunkSize(chunkSize).build());
      }
      QrVideoEncoder encoder = eb.build();
      Path video = work.resolve(config.replaceAll("[^A-Za-z0-9.-]", "_") + (profile.container().equals("matroska")
          ? ".mkv"
          : profile.container().equals("mov") ? ".mov" : ".mp4"));
      EncodeResult r = encoder.encode(files, video);
      long storedBytes = 0;
      long dictionaryChars = 0;
      try (QrVideoReader reader = QrVideoReader.open(video)) {
        for (VideoIndex.ChunkEntry c : reader.index().chunks()) {
          storedBytes += c.storedBytes();
        }
        dictionaryChars = reader.index().dictionary() == null ? 0 : reader.index().dictionary().data().length();
      }
      double x264Seconds = codecAlone(encoder, r.symbols(), profile, work.resolve("alone-" + video.getFileName()));
      String recovered;
      double decodeMbs;
      long t0 = System.nanoTime();
      try (QrVideoReader reader = QrVideoReader.open(video)) {
        Map<String, byte[]> docs = reader.readAll();
        decodeMbs = r.textBytes() / 1e6 / ((System.nanoTime() - t0) / 1e9);
        int same = 0;
        for (Path f : files) {
          same += Arrays.equals(docs.get(f.getFileName().toString()), Files.readAllBytes(f)) ? 1 : 0;
        }
        recovered = same + "/" + files.size() + " files";
        if (same != files.size()) {
          failures++;
        }
      } catch (QrDecodeException e) {
        decodeMbs = Double.NaN;
        recovered = "FAILED: " + e.missingChunks().size() + " chunks missing";
        failures++;
      }
      double[] latencies = randomAccess(video, r.chunks());
      out.printf("%-16s %6d %7.3f %7.3f %7.3f %7.3f %8.3f %9.2fx %8.3f %6.1fms %6.1fms %8.1f %s%n", config,
          r.frames(), r.storageRatio(), (double) storedBytes / r.textBytes(), (double) r.videoBytes() / storedBytes,
          (double) r.indexBytes() / r.textBytes(), r.megabytesPerSecond(), r.elapsed().toNanos() / 1e9 / x264Seconds,
          decodeMbs, latencies[0], latencies[1], r.frames() / x264Seconds, recovered);
      if (dictionaryChars > 0) {
        out.printf("%-16s (index: dictionary %,d characters = %.3f of the text; the rest %.3f)%n", "",
            dictionaryChars, (double) dictionaryChars / r.textBytes(),
            (double) (r.indexBytes() - dictionaryChars) / r.textBytes());
      }
      out.flush();
    }
    out.println("ratio = (video + index bytes) / text bytes = payload x vid/pay + index; payload = stored (compressed) "
        + "chunk bytes / text; vid/pay = video bytes / stored chunk bytes (payload headers, symbol structure, codec); "
        + "index = index bytes / text; pipe/codec = whole encode time / the codec alone on the same pre-rendered "
        + "frames (same run); chunk = one random chunk read with the frame cache off.");
    out.flush();
    return failures == 0 ? 0 : QrvidCli.EXIT_INCOMPLETE;
  }

  /**
   * Applies one {@code key=value} of a configuration: {@code gop}, {@code grid} (CxR), {@code pix} (a pixel format
   * such as {@code yuv420p}), {@code container} ({@code mov}, {@code mp4}, {@code matroska}), {@code qz} (quiet zone),
   * {@code align} (frame alignment), {@code levels} (DARK/LIGHT), {@code context} and {@code coder} (FFV1).
   */
  private static void override(String config, String setting, CodecProfile.Builder pb,
      io.qrvid.core.FrameLayout.Builder lb) {
    String[] kv = setting.split("=", 2);
    if (kv.length != 2) {
      throw new IllegalArgumentException("expected key=value in " + config + ": " + setting);
    }
    String v = kv[1];
    switch (kv[0]) {
      case "gop" -> pb.gop(Integer.parseInt(v));
      case "grid" -> {
        String[] g = v.split("x");
        lb.grid(Integer.parseInt(g[0]), Integer.parseInt(g[1]));
      }
      case "pix" -> pb.pixelFormat("PIX_FMT_" + v.toUpperCase(java.util.Locale.ROOT));
      case "container" -> {
        pb.container(v);
        if (v.equals("matroska")) {
          pb.muxerOptions(Map.of());
        }
      }
      case "qz" -> lb.quietZone(Integer.parseInt(v));
      case "align" -> lb.frameAlignment(Integer.parseInt(v));
      case "levels" -> {
        String[] dl = v.split("/");
        pb.levels(Integer.parseInt(dl[0]), Integer.parseInt(dl[1]));
      }
      case "context", "coder" -> pb.option(kv[0], v);
      default -> throw new IllegalArgumentException("unknown setting " + kv[0] + " in " + config
          + " (gop, grid, pix, container, qz, align, levels, context, coder)");
    }
  }

  /**
   * Seconds the codec (through Humble) takes for as many frames as the encode wrote, rendered beforehand from random
   * full symbols (compressed payloads look random to the codec) and held in memory.
   */
  private static double codecAlone(QrVideoEncoder encoder, long symbolCount, CodecProfile profile, Path out)
      throws IOException {
    FrameLayout layout = encoder.layout();
    List<byte[]> symbols = new ArrayList<>();
    Random random = new Random(7);
    for (long i = 0; i < symbolCount; i++) {
      byte[] s = new byte[layout.symbolCapacity()];
      random.nextBytes(s);
      symbols.add(s);
    }
    QrFrameGenerator generator = QrFrameGenerator.builder().layout(layout).maskPolicy(MaskPolicy.fixed(0))
        .levels(profile.darkLevel(), profile.lightLevel()).build();
    int spf = layout.symbolsPerFrame();
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0; i < symbols.size(); i += spf) {
      frames.add(generator.renderFrame(symbols.subList(i, Math.min(symbols.size(), i + spf))));
    }
    long t0 = System.nanoTime();
    try (HumbleEncoderSession s = HumbleEncoderSession.open(out, layout.frameWidth(), layout.frameHeight(),
        profile)) {
      for (byte[] f : frames) {
        s.write(f);
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Files.deleteIfExists(out);
    return seconds;
  }

  /** Median and 95th percentile, in ms, of single random chunk reads with no frame cache. */
  private double[] randomAccess(Path video, int chunks) throws IOException {
    if (randomReads < 1) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double[] ms = new double[randomReads];
    Random random = new Random(42);
    try (QrVideoReader reader = QrVideoReader.builder(video).cacheFrames(0).build()) {
      for (int i = 0; i < randomReads; i++) {
        int c = random.nextInt(chunks);
        long t0 = System.nanoTime();
        reader.chunk(c);
        ms[i] = (System.nanoTime() - t0) / 1e6;
      }
    }
    Arrays.sort(ms);
    return new double[] {ms[ms.length / 2], ms[(int) Math.ceil(ms.length * 0.95) - 1]};
  }
}
