package io.qrvid.examples.cli;

import io.qrvid.core.ErrorCorrection;
import io.qrvid.core.FrameLayout;
import io.qrvid.core.MaskPolicy;
import io.qrvid.core.TextChunker;
import io.qrvid.video.CodecProfile;
import io.qrvid.video.EncodeResult;
import io.qrvid.video.QrVideoEncoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code qrvid encode FILE... -o OUT.mp4}. */
@Command(name = "encode", mixinStandardHelpOptions = true,
    description = "Store UTF-8 text files in a QR video OUT and its index OUT.qrvid.json.")
public final class EncodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Text files (UTF-8), or folders of them.")
  List<Path> inputs;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.mp4", description = "The video to write.")
  Path output;

  @Option(names = "--profile", defaultValue = "dense", description = "dense, fast or lossless (default: ${DEFAULT-VALUE}).")
  String profile;

  @Option(names = "--crf", description = "Override the profile's CRF (0-51).")
  Integer crf;

  @Option(names = "--preset", description = "Override the x264 preset.")
  String preset;

  @Option(names = "--gop", description = "Override the GOP length in frames.")
  Integer gop;

  @Option(names = "--qr-version", defaultValue = "40", description = "QR version 1-40 (default: ${DEFAULT-VALUE}).")
  int version;

  @Option(names = "--ec", defaultValue = "L", description = "Error-correction level L, M, Q or H (default: ${DEFAULT-VALUE}).")
  ErrorCorrection ec;

  @Option(names = "--module-px", defaultValue = "2", description = "Pixels per module (default: ${DEFAULT-VALUE}).")
  int modulePixels;

  @Option(names = "--quiet-zone", defaultValue = "2", description = "Quiet zone in modules (default: ${DEFAULT-VALUE}).")
  int quietZone;

  @Option(names = "--grid", defaultValue = "1x1", description = "Symbols per frame, COLSxROWS (default: ${DEFAULT-VALUE}).")
  String grid;

  @Option(names = "--mask", defaultValue = "0", description = "Mask pattern 0-7, or 'best' (default: ${DEFAULT-VALUE}).")
  String mask;

  @Option(names = "--chunk-size", defaultValue = "2000", description = "Chunk size in characters (default: ${DEFAULT-VALUE}).")
  int chunkSize;

  @Option(names = "--overlap", defaultValue = "0", description = "Chunk overlap in characters (default: ${DEFAULT-VALUE}).")
  int overlap;

  @Option(names = "--parity", paramLabel = "K+M",
      description = "Cross-frame parity: M parity symbols after every K data symbols rebuild any M lost ones (e.g. 20+4).")
  String parity;

  @Option(names = "--no-compress", description = "Store chunks without Deflate.")
  boolean noCompress;

  @Option(names = "--workers", description = "Rendering threads (default: available processors).")
  Integer workers;

  @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    QrVideoEncoder encoder = encoder();
    List<Path> files = expand(inputs);
    PrintWriter out = spec.commandLine().getOut();
    EncodeResult r;
    try (Progress progress = new Progress("encode", 0, quiet)) {
      r = encoder.newBuilder().listener(progress).build().encode(files, output);
    }
    out.printf("encoded %d documents, %d chunks -> %d symbols in %d frames (%s)%n", r.documents(), r.chunks(),
        r.symbols(), r.frames(), encoder.layout());
    out.printf("text %,d bytes; video %,d bytes; index %,d bytes; (video+index)/text = %.3f%n", r.textBytes(),
        r.videoBytes(), r.indexBytes(), r.storageRatio());
    out.printf("time %.2f s; %.3f MB/s of text; %.1f frames/s%n", r.elapsed().toNanos() / 1e9,
        r.megabytesPerSecond(), r.frames() / (r.elapsed().toNanos() / 1e9));
    out.printf("wrote %s and %s%n", r.video(), r.index());
    out.flush();
    return 0;
  }

  QrVideoEncoder encoder() {
    CodecProfile.Builder p = CodecProfile.named(profile).newBuilder();
    if (crf != null) {
      p.crf(crf);
    }
    if (preset != null) {
      p.preset(preset);
    }
    if (gop != null) {
      p.gop(gop);
    }
    String[] g = grid.toLowerCase(java.util.Locale.ROOT).split("x");
    if (g.length != 2) {
      throw new IllegalArgumentException("--grid must look like 2x2: " + grid);
    }
    FrameLayout layout = FrameLayout.builder().version(version).errorCorrection(ec).modulePixels(modulePixels)
        .quietZone(quietZone).grid(Integer.parseInt(g[0]), Integer.parseInt(g[1])).build();
    QrVideoEncoder.Builder b = QrVideoEncoder.builder().layout(layout).profile(p.build())
        .maskPolicy(MaskPolicy.parse(mask)).compress(!noCompress)
        .chunker(TextChunker.builder().chunkSize(chunkSize).overlap(overlap).build());
    if (workers != null) {
      b.workers(workers);
    }
    if (parity != null) {
      String[] km = parity.split("\\+");
      if (km.length != 2) {
        throw new IllegalArgumentException("--parity must look like 20+4: " + parity);
      }
      b.parity(Integer.parseInt(km[0].trim()), Integer.parseInt(km[1].trim()));
    }
    return b.build();
  }

  /** Files as given; a folder stands for its regular files, sorted by name. */
  static List<Path> expand(List<Path> inputs) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path p : inputs) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          s.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
      } else {
        files.add(p);
      }
    }
    return files;
  }
}
