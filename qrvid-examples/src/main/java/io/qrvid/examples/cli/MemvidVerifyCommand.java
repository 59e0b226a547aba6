package io.qrvid.examples.cli;

import io.qrvid.video.memvid.MemvidChunk;
import io.qrvid.video.memvid.MemvidLibrary;
import io.qrvid.video.memvid.MemvidVerdict;
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

/** {@code qrvid memvid verify LIB.mp4 [--index LIB_index.json]}: reads every frame, gives each chunk a verdict. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Read every frame of a memvid library and compare each chunk with its index: VERIFIED, "
        + "INDEX_ONLY (text only in the index), VIDEO_ONLY or MISMATCH. Exit 1 unless every chunk is VERIFIED.")
public final class MemvidVerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "VIDEO", description = "The memvid video (.mp4 or .mkv).")
  Path video;

  @Option(names = "--index", paramLabel = "INDEX.json",
      description = "The memvid index (default: <stem>_index.json next to the video, if present).")
  Path index;

  @Option(names = "--workers", description = "Frame-decoding threads (default: the number of cores).")
  int workers = Runtime.getRuntime().availableProcessors();

  @Option(names = "--chunks", description = "List every chunk, not only those that are not VERIFIED.")
  boolean all;

  @Option(names = "--json", description = "One JSON object per chunk, then a summary object.")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    MemvidLibrary lib = MemvidCli.open(video, index, workers, quiet);
    if (json) {
      for (MemvidChunk c : lib.chunks()) {
        out.printf(Locale.ROOT, "{\"id\": %d, \"frame\": %d, \"verdict\": \"%s\", \"position\": %s, \"detail\": %s}%n",
            c.id(), c.frame(), c.verdict(), c.videoPosition().isPresent() ? c.videoPosition().getAsLong() : "null",
            CliJson.string(c.detail()));
      }
      StringBuilder counts = new StringBuilder();
      for (MemvidVerdict v : MemvidVerdict.values()) {
        counts.append(counts.length() == 0 ? "" : ", ").append('"').append(v).append("\": ").append(lib.count(v));
      }
      out.printf(Locale.ROOT, "{\"video\": %s, \"frames\": %d, \"framesRead\": %d, \"chunks\": %d, \"counts\": {%s},"
          + " \"allVerified\": %s}%n", CliJson.string(lib.video().toString()), lib.frames().size(), lib.framesRead(),
          lib.chunks().size(), counts, lib.allVerified());
    } else {
      MemvidCli.summary(out, lib);
      for (MemvidChunk c : lib.chunks()) {
        if (all || c.verdict() != MemvidVerdict.VERIFIED) {
          out.println("  " + MemvidCli.flagged(c));
        }
      }
      out.println("verdict   " + (lib.allVerified() ? "every chunk VERIFIED: the video holds every chunk of the index"
          : "NOT VERIFIED: " + (lib.chunks().size() - lib.count(MemvidVerdict.VERIFIED)) + " chunks are not"
              + " confirmed by the video (listed above)"));
    }
    out.flush();
    return lib.allVerified() ? 0 : QrvidCli.EXIT_INCOMPLETE;
  }
}
