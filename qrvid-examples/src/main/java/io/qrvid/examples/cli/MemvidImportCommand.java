package io.qrvid.examples.cli;

import io.qrvid.video.CodecProfile;
import io.qrvid.video.QrVideoEncoder;
import io.qrvid.video.memvid.MemvidChunk;
import io.qrvid.video.memvid.MemvidImportException;
import io.qrvid.video.memvid.MemvidImportResult;
import io.qrvid.video.memvid.MemvidImporter;
import io.qrvid.video.memvid.MemvidLibrary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qrvid memvid import LIB.mp4 [--index LIB_index.json] -o OUT.mp4 [--accept-index-text]}. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Migrate a memvid library into a qrvid video + index holding every chunk exactly with its memvid "
        + "id, frame, verdict and metadata. Refuses (exit 1, nothing written) when a chunk is INDEX_ONLY or MISMATCH"
        + " unless --accept-index-text is given.")
public final class MemvidImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "VIDEO", description = "The memvid video (.mp4 or .mkv).")
  Path video;

  @Option(names = "--index", paramLabel = "INDEX.json",
      description = "The memvid index (default: <stem>_index.json next to the video).")
  Path index;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.mp4", description = "The qrvid video to write.")
  Path output;

  @Option(names = "--accept-index-text",
      description = "Import INDEX_ONLY chunks with the index's text and MISMATCH chunks with both texts, flagged.")
  boolean accept;

  @Option(names = "--profile", defaultValue = "dense",
      description = "qrvid codec profile: dense, fast, lossless (needs .mkv) or lossy (default: ${DEFAULT-VALUE}).")
  String profile;

  @Option(names = "--workers", description = "Threads (default: the number of cores).")
  int workers = Runtime.getRuntime().availableProcessors();

  @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CodecProfile p = CodecProfile.named(profile);
    MemvidLibrary lib = MemvidCli.open(video, index, workers, quiet);
    MemvidCli.summary(out, lib);
    MemvidImportResult r;
    try {
      r = MemvidImporter.builder().acceptIndexText(accept)
          .encoder(QrVideoEncoder.builder().profile(p).workers(workers).build()).build().importLibrary(lib, output);
    } catch (MemvidImportException e) {
      out.flush();
      err.println("qrvid: " + e.getMessage());
      for (MemvidChunk c : e.flagged()) {
        err.println("  " + MemvidCli.flagged(c));
      }
      err.println("qrvid: rerun with --accept-index-text to import them with the index's text, flagged");
      err.flush();
      return QrvidCli.EXIT_INCOMPLETE;
    }
    for (MemvidChunk c : r.flagged()) {
      out.println("  imported with index text: " + MemvidCli.flagged(c));
    }
    out.printf(Locale.ROOT, "imported  %d chunks into %s (+ %s)%n", r.chunks(), r.video(), r.index().getFileName());
    out.printf(Locale.ROOT, "size      before %,d bytes (memvid video + index), after %,d bytes (qrvid video + "
        + "index): %.1f times smaller%n", r.sourceBytes(), r.importedBytes(), r.reduction());
    out.println("note      memvid's chunks overlap and were strip()ped, so the original documents cannot be rebuilt;"
        + " every chunk is kept exactly (documents " + MemvidImporter.CHUNKS_DOCUMENT + " and "
        + MemvidImporter.MANIFEST_DOCUMENT + "). The FAISS file is not imported.");
    out.flush();
    return 0;
  }
}
