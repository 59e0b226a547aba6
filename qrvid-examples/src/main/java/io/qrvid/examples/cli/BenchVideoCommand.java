package io.qrvid.examples.cli;

import io.qrvid.core.Chunk;
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
 * {@code qrvid bench video [DIR]}: for each codec profile, in one run on the same text, measures density, encode
 * throughput, the pipeline's time against x264 alone encoding the same pre-rendered frames, decode throughput with
 * every check, and random-access latency. With {@code --scaling}: decode throughput of range-parallel reads by
 * number of workers on a long video, and a per-phase CPU profile ({@link RangeReadBench}).
 */
@Command(name = "video", mixinStandardHelpOptions = true,
    description = "Density, encode/decode throughput, pipeline vs x264 alone, and random access, per profile.")
public final class BenchVideoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
      description = "Folder of UTF-8 text files (default: ../shared/corpus/vim-user-manual).")
  Path dir;

  @Option(names = "--profiles", split = ",", defaultValue = "dense,fast,lossless,lossy",
      description = "Profiles to measure (default: ${DEFAULT-VALUE}).")
  List<String> profiles;

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
    out.printf("%-9s %7s %9s %9s %11s %9s %9s %9s %9s %s%n", "profile", "frames", "ratio", "enc MB/s",
        "pipe/codec", "dec MB/s", "chunk p50", "chunk p95", "codec fps", "recovered");
    out.flush();
    // Warm up the natives and the JIT so that the first profile is not penalised.
    Path warm = work.resolve("warmup.mp4");
    QrVideoEncoder.builder().profile(CodecProfile.fast()).build().encode(files, warm);
    try (QrVideoReader reader = QrVideoReader.open(warm)) {
      reader.readAll();
    }
    int failures = 0;
    for (String name : profiles) {
      CodecProfile.Builder pb = CodecProfile.named(name).newBuilder();
      if (preset != null) {
        pb.preset(preset);
      }
      if (gop != null) {
        pb.gop(gop);
      }
      CodecProfile profile = pb.build();
      QrVideoEncoder.Builder eb = QrVideoEncoder.builder().profile(profile);
      if (version != null) {
        eb.layout(profile.layout().newBuilder().version(version).build());
      }
      if (chunkSize != null) {
        eb.chunker(io.qrvid.core.TextChunker.builder().chunkSize(chunkSize).build());
      }
      QrVideoEncoder encoder = eb.build();
      Path video = work.resolve(name + (profile.container().equals("matroska") ? ".mkv" : ".mp4"));
      EncodeResult r = encoder.encode(files, video);
      double x264Seconds = codecAlone(encoder, files, profile, work.resolve("alone-" + video.getFileName()));
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
      out.printf("%-9s %7d %9.3f %9.3f %10.2fx %9.3f %7.1fms %7.1fms %9.1f %s%n", name, r.frames(),
          r.storageRatio(), r.megabytesPerSecond(), r.elapsed().toNanos() / 1e9 / x264Seconds, decodeMbs,
          latencies[0], latencies[1], r.frames() / x264Seconds, recovered);
      out.flush();
    }
    out.println("ratio = (video + index bytes) / text bytes; pipe/codec = whole encode time / the codec alone on the "
        + "same pre-rendered frames (same run); chunk = one random chunk read with the frame cache off.");
    out.flush();
    return failures == 0 ? 0 : QrvidCli.EXIT_INCOMPLETE;
  }

  /** Seconds the codec (through Humble) takes for the same frames, rendered beforehand and held in memory. */
  private static double codecAlone(QrVideoEncoder encoder, List<Path> files, CodecProfile profile, Path out)
      throws IOException {
    FrameLayout layout = encoder.layout();
    List<byte[]> symbols = new ArrayList<>();
    PayloadPacker packer = new PayloadPacker(layout.symbolCapacity(), 1, true, symbols::add);
    int docId = 0;
    int chunkIndex = 0;
    for (Path f : files) {
      String text = Files.readString(f, StandardCharsets.UTF_8);
      for (Chunk c : encoder.chunker().chunk(docId, f.getFileName().toString(), text, chunkIndex)) {
        packer.add(docId, c.index(), c.bytes());
        chunkIndex++;
      }
      docId++;
    }
    packer.finish();
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
