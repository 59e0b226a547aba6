package io.qrvid.examples.cli;

import io.qrvid.core.Chunk;
import io.qrvid.core.MaskPolicy;
import io.qrvid.core.TextChunker;
import io.qrvid.video.memvid.MemvidChunk;
import io.qrvid.video.memvid.MemvidCodec;
import io.qrvid.video.memvid.MemvidLibrary;
import io.qrvid.video.memvid.MemvidReadOptions;
import io.qrvid.video.memvid.MemvidVerdict;
import io.qrvid.video.memvid.MemvidWriteResult;
import io.qrvid.video.memvid.MemvidWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qrvid memvid export FILE... -o LIB.mkv}: a library memvid's retriever reads. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Write UTF-8 text files as a memvid library: VIDEO, <stem>_index.json and <stem>_index.faiss. "
        + "No embedding model ships with qrvid, so the FAISS file holds no vectors: memvid opens the library and "
        + "decodes chunks by id, but its search finds nothing.")
public final class MemvidExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Text files (UTF-8), or folders of them.")
  List<Path> inputs;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "LIB.mkv",
      description = "The video to write: .mkv for ffv1, .mp4 for mp4v.")
  Path output;

  @Option(names = "--codec", defaultValue = "ffv1",
      description = "ffv1 (lossless, every frame decodes) or mp4v (memvid's MPEG-4 Part 2) (default: ${DEFAULT-VALUE}).")
  String codec;

  @Option(names = "--chunk-size", defaultValue = "1024",
      description = "Chunk size in characters, memvid's default (default: ${DEFAULT-VALUE}).")
  int chunkSize;

  @Option(names = "--overlap", defaultValue = "32", description = "Chunk overlap, memvid's default (default: ${DEFAULT-VALUE}).")
  int overlap;

  @Option(names = "--module-px", defaultValue = "4", description = "Pixels per module (default: ${DEFAULT-VALUE}).")
  int modulePixels;

  @Option(names = "--mask", defaultValue = "best", description = "Mask pattern: best or 0..7 (default: ${DEFAULT-VALUE}).")
  String mask;

  @Option(names = "--fps", defaultValue = "15", description = "Frames per second (default: ${DEFAULT-VALUE}).")
  int fps;

  @Option(names = "--quantiser", defaultValue = "2", description = "mp4v quantiser 1-31 (default: ${DEFAULT-VALUE}).")
  int quantiser;

  @Option(names = "--workers", description = "Rendering threads (default: the number of cores).")
  int workers = Runtime.getRuntime().availableProcessors();

  @Option(names = "--no-verify", description = "Skip reading the library back.")
  boolean noVerify;

  @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    MemvidCodec c;
    try {
      c = MemvidCodec.valueOf(codec.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--codec must be ffv1 or mp4v: " + codec);
    }
    if (overlap < 0 || overlap >= chunkSize) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--overlap must be 0 <= overlap < --chunk-size");
    }
    TextChunker chunker = TextChunker.builder().chunkSize(chunkSize).overlap(overlap).build();
    List<String> chunks = new ArrayList<>();
    int skipped = 0;
    for (Path f : files()) {
      String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
      for (Chunk ch : chunker.chunk(0, f.getFileName().toString(), text, 0)) {
        if (ch.text().isBlank()) {
          skipped++;
        } else {
          chunks.add(ch.text());
        }
      }
    }
    if (chunks.isEmpty()) {
      throw new IllegalArgumentException("the input files hold no text");
    }
    MemvidWriter writer = MemvidWriter.builder().codec(c).modulePixels(modulePixels).maskPolicy(MaskPolicy.parse(mask))
        .fps(fps).quantiser(quantiser).workers(workers).build();
    MemvidWriteResult r;
    try (Progress bar = new Progress("export", chunks.size(), quiet || System.console() == null)) {
      r = writer.newBuilder().progressListener(bar).build().write(chunks, output);
    }
    out.printf(Locale.ROOT, "wrote     %s (%,d bytes), %s (%,d bytes), %s (%,d bytes)%n", r.video(), r.videoBytes(),
        r.index().getFileName(), r.indexBytes(), r.faiss().getFileName(), r.faissBytes());
    out.printf(Locale.ROOT, "chunks    %d (%d-character chunks, overlap %d%s), one per frame: version %d-M, %d px/module,"
            + " %dx%d frames, %s; generated in %.2f s (%.0f chunks/s)%n", r.chunks(), chunkSize, overlap,
        skipped > 0 ? ", " + skipped + " blank skipped" : "", r.version(), r.modulePixels(), r.frameWidth(),
        r.frameHeight(), c, r.generation().toMillis() / 1000.0,
        r.chunks() / Math.max(1e-3, r.generation().toNanos() / 1e9));
    out.println("search    not searchable: no embedding model ships with qrvid, so " + r.faiss().getFileName()
        + " holds no vectors. memvid's retriever opens the library and decodes chunks (get_chunk_by_id), but its"
        + " search finds nothing; MemvidWriter.Builder.embedder(...) writes vectors from a model you supply.");
    int exit = 0;
    if (!noVerify) {
      MemvidLibrary lib = MemvidLibrary.open(r.video(), r.index(), MemvidReadOptions.builder().workers(workers).build());
      if (lib.allVerified()) {
        out.printf(Locale.ROOT, "verify    every chunk VERIFIED (%d frames read back)%n", lib.framesRead());
      } else {
        out.printf(Locale.ROOT, "verify    NOT VERIFIED: %s%n", lib.counts());
        for (MemvidChunk ch : lib.chunks()) {
          if (ch.verdict() != MemvidVerdict.VERIFIED) {
            out.println("  " + MemvidCli.flagged(ch));
          }
        }
        exit = QrvidCli.EXIT_INCOMPLETE;
      }
    }
    out.flush();
    return exit;
  }

  private List<Path> files() throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path in : inputs) {
      if (Files.isDirectory(in)) {
        try (Stream<Path> s = Files.list(in)) {
          s.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
      } else if (Files.isRegularFile(in)) {
        files.add(in);
      } else {
        throw new NoSuchFileException(in.toString());
      }
    }
    return files;
  }
}
