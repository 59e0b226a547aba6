package io.qrvid.examples.cli;

import io.qrvid.core.ChunkCompression;
import io.qrvid.core.ErrorCorrection;
import io.qrvid.core.FrameLayout;
import io.qrvid.core.MaskPolicy;
import io.qrvid.core.TextChunker;
import io.qrvid.video.CodecProfile;
import io.qrvid.video.EncodeResult;
import io.qrvid.video.QrVideoEncoder;
import io.qrvid.video.ingest.DocumentIngester;
import io.qrvid.video.search.SearchLanguage;
import io.qrvid.video.search.SearchOptions;
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
    description = {"Store files in a QR video OUT with its index OUT.qrvid.json and search index OUT.qrvid-search/.",
        "Any file is restored byte for byte; text is extracted from PDF, EPUB and HTML (with pages and titles) and "
            + "stored too, so that 'qrvid search' finds and reads it from the video."})
public final class EncodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files (any kind), or folders of them.")
  List<Path> inputs;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.mp4", description = "The video to write.")
  Path output;

  @Option(names = "--profile", defaultValue = "dense",
      description = "dense (FFV1 in fragmented QuickTime, .mov or .mp4), h264 (lossless H.264/MP4), fast (h264, "
          + "GOP 1), lossless (FFV1 3x3 symbols/frame in MKV, densest; needs .mkv) or lossy (default: "
          + "${DEFAULT-VALUE}). Each brings its measured layout; the options below override it.")
  String profile;

  @Option(names = "--crf", description = "Override the profile's CRF (0-51).")
  Integer crf;

  @Option(names = "--preset", description = "Override the x264 preset.")
  String preset;

  @Option(names = "--gop", description = "Override the GOP length in frames.")
  Integer gop;

  @Option(names = "--qr-version", description = "QR version 1-40 (profile default: 40).")
  Integer version;

  @Option(names = "--ec", description = "Error-correction level L, M, Q or H (profile default: L).")
  ErrorCorrection ec;

  @Option(names = "--module-px", description = "Pixels per module (profile default).")
  Integer modulePixels;

  @Option(names = "--quiet-zone", description = "Quiet zone in modules (profile default).")
  Integer quietZone;

  @Option(names = "--grid", description = "Symbols per frame, COLSxROWS (profile default).")
  String grid;

  @Option(names = "--levels", paramLabel = "DARK/LIGHT", description = "Module grey levels, e.g. 0/255 (profile default).")
  String levels;

  @Option(names = "--mask", defaultValue = "best", description = "Mask pattern: best or 0..7 (default: ${DEFAULT-VALUE}).")
  String mask;

  @Option(names = "--chunk-size", defaultValue = "4000", description = "Chunk size in characters (default: ${DEFAULT-VALUE}).")
  int chunkSize;

  @Option(names = "--overlap", defaultValue = "0", description = "Chunk overlap in characters (default: ${DEFAULT-VALUE}).")
  int overlap;

  @Option(names = "--parity", paramLabel = "K+M",
      description = "Cross-frame parity: M parity symbols after every K data symbols rebuild any M lost ones (e.g. 20+4).")
  String parity;

  @Option(names = "--parity-interleave", paramLabel = "N|gop",
      description = "Interleave N parity groups, so that a run of L lost symbols costs each group at most ceil(L/N); "
          + "'gop': enough that one damaged GOP costs at most M per group. Default 1 (no interleaving).")
  String parityInterleave;

  @Option(names = "--compression", paramLabel = "zstd|deflate|none", defaultValue = "zstd",
      description = "Chunk compression, each chunk on its own (default: ${DEFAULT-VALUE}, with a dictionary trained "
          + "on the input and stored in the index).")
  String compression;

  @Option(names = "--no-dictionary", description = "zstd without a trained dictionary.")
  boolean noDictionary;

  @Option(names = "--format-version", paramLabel = "1|2", defaultValue = "2",
      description = "Index and payload format (default: ${DEFAULT-VALUE}); 1 is readable by qrvid 0.1 readers and "
          + "needs --compression deflate or none.")
  int formatVersion;

  @Option(names = "--no-compress", description = "Store chunks uncompressed (same as --compression none).")
  boolean noCompress;

  @Option(names = "--workers", description = "Rendering threads (default: available processors).")
  Integer workers;

  @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
  boolean quiet;

  @Option(names = "--no-search-index", description = "Do not build the search index OUT.qrvid-search/.")
  boolean noSearchIndex;

  @Option(names = "--search-language", defaultValue = "en", paramLabel = "LANG",
      description = "The search index's analyzer: en, de, fr, es, it, pt, nl, sv, da, no, fi, ru, cs, tr, el, ar, hi, "
          + "cjk or standard (default: ${DEFAULT-VALUE}).")
  String searchLanguage;

  @Option(names = "--no-extract", description = "Store PDF, EPUB and HTML as plain bytes, without extracting "
      + "their text (they are then not searchable).")
  boolean noExtract;

  @Override
  public Integer call() throws IOException {
    QrVideoEncoder encoder = encoder();
    List<Path> files = expand(inputs);
    PrintWriter out = spec.commandLine().getOut();
    encoder.checkOutput(output, files); // before the progress bar opens
    EncodeResult r;
    try (Progress progress = new Progress("encode", 0, quiet)) {
      r = encoder.newBuilder().progressListener(progress).build().encode(files, output);
    }
    out.printf("encoded %d documents, %d chunks -> %d symbols in %d frames (%s)%n", r.documents(), r.chunks(),
        r.symbols(), r.frames(), encoder.layout());
    out.printf("text %,d bytes; video %,d bytes; index %,d bytes; (video+index)/text = %.3f%n", r.textBytes(),
        r.videoBytes(), r.indexBytes(), r.storageRatio());
    out.printf("time %.2f s; %.3f MB/s of text; %.1f frames/s%n", r.elapsed().toNanos() / 1e9,
        r.megabytesPerSecond(), r.frames() / (r.elapsed().toNanos() / 1e9));
    if (r.searchIndex() != null) {
      out.printf("search index %,d bytes (%.3f x the stored bytes) in %s%n", r.searchIndexBytes(),
          (double) r.searchIndexBytes() / Math.max(1, r.textBytes()), r.searchIndex());
    }
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
    if (levels != null) {
      String[] dl = levels.split("/");
      if (dl.length != 2) {
        throw new IllegalArgumentException("--levels must look like 127/128: " + levels);
      }
      p.levels(Integer.parseInt(dl[0].trim()), Integer.parseInt(dl[1].trim()));
    }
    CodecProfile codecProfile = p.build();
    FrameLayout.Builder l = codecProfile.layout().newBuilder();
    if (version != null) {
      l.version(version);
    }
    if (ec != null) {
      l.errorCorrection(ec);
    }
    if (modulePixels != null) {
      l.modulePixels(modulePixels);
    }
    if (quietZone != null) {
      l.quietZone(quietZone);
    }
    if (grid != null) {
      String[] g = grid.toLowerCase(java.util.Locale.ROOT).split("x");
      if (g.length != 2) {
        throw new IllegalArgumentException("--grid must look like 2x2: " + grid);
      }
      l.grid(Integer.parseInt(g[0]), Integer.parseInt(g[1]));
    }
    QrVideoEncoder.Builder b = QrVideoEncoder.builder().layout(l.build()).profile(codecProfile)
        .maskPolicy(MaskPolicy.parse(mask))
        .compression(noCompress ? ChunkCompression.NONE : compression(compression)).dictionary(!noDictionary)
        .formatVersion(formatVersion)
        .chunker(TextChunker.builder().chunkSize(chunkSize).overlap(overlap).build())
        .searchIndex(!noSearchIndex)
        .searchOptions(SearchOptions.builder().language(SearchLanguage.of(searchLanguage)).build())
        .ingester(DocumentIngester.builder().extractText(!noExtract).build());
    if (workers != null) {
      b.workers(workers);
    }
    if (parity != null) {
      String[] km = parity.split("\\+");
      if (km.length != 2) {
        throw new IllegalArgumentException("--parity must look like 20+4: " + parity);
      }
      int m = Integer.parseInt(km[1].trim());
      b.parity(Integer.parseInt(km[0].trim()), m);
      if (parityInterleave != null) {
        b.parityInterleave(parityInterleave.equalsIgnoreCase("gop")
            ? QrVideoEncoder.gopInterleave(codecProfile, l.build(), Math.max(1, m))
            : Integer.parseInt(parityInterleave.trim()));
      }
    } else if (parityInterleave != null) {
      throw new IllegalArgumentException("--parity-interleave needs --parity K+M");
    }
    return b.build();
  }

  static ChunkCompression compression(String name) {
    return ChunkCompression.fromIndexName(name.toLowerCase(java.util.Locale.ROOT));
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
