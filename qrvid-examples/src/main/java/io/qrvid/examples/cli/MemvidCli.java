package io.qrvid.examples.cli;

import io.qrvid.video.memvid.MemvidChunk;
import io.qrvid.video.memvid.MemvidFrame;
import io.qrvid.video.memvid.MemvidLibrary;
import io.qrvid.video.memvid.MemvidReadOptions;
import io.qrvid.video.memvid.MemvidVerdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What the memvid commands share: opening a library with a progress bar, and printing its summary. */
final class MemvidCli {
  private MemvidCli() {}

  /** Opens {@code video} with {@code index}, or the index memvid writes next to it when null and present. */
  static MemvidLibrary open(Path video, @Nullable Path index, int workers, boolean quiet) throws IOException {
    if (!Files.isRegularFile(video)) {
      throw new NoSuchFileException(video.toString());
    }
    Path idx = index;
    if (idx == null) {
      Path def = MemvidLibrary.indexPathFor(video);
      idx = Files.exists(def) ? def : null;
    }
    try (Progress bar = new Progress("memvid", -1, quiet || System.console() == null)) {
      return MemvidLibrary.open(video, idx, MemvidReadOptions.builder().workers(workers).progressListener(bar)
          .build());
    }
  }

  /** The library summary: files and sizes, codec, frames read by method, verdict counts, warnings. */
  static void summary(PrintWriter out, MemvidLibrary lib) {
    out.printf(Locale.ROOT, "video     %s: %,d bytes, %s %dx%d %.3g fps, %d frames%n", lib.video(), lib.videoBytes(),
        lib.codec(), lib.width(), lib.height(), lib.frameRate(), lib.frames().size());
    out.printf(Locale.ROOT, "index     %s%n", lib.index().map(p -> p + ": " + String.format(Locale.ROOT, "%,d bytes",
        lib.indexBytes())).orElse("(none: every chunk read is VIDEO_ONLY)"));
    lib.faissBytes().ifPresent(b -> out.printf(Locale.ROOT, "faiss     %,d bytes (search index; not checked)%n", b));
    Map<MemvidFrame.Method, Integer> methods = new EnumMap<>(MemvidFrame.Method.class);
    for (MemvidFrame f : lib.frames()) {
      f.method().ifPresent(m -> methods.merge(m, 1, Integer::sum));
    }
    out.printf(Locale.ROOT, "frames    read %d of %d %s in %.1f s%n", lib.framesRead(), lib.frames().size(),
        methods.toString().toLowerCase(Locale.ROOT), lib.elapsed().toMillis() / 1000.0);
    StringBuilder counts = new StringBuilder();
    for (MemvidVerdict v : MemvidVerdict.values()) {
      counts.append(counts.length() == 0 ? "" : ", ").append(v).append(' ').append(lib.count(v));
    }
    out.printf(Locale.ROOT, "chunks    %d: %s%n", lib.chunks().size(), counts);
    for (String w : lib.warnings()) {
      out.println("warning   " + w);
    }
  }

  /** One line naming a chunk that is not VERIFIED. */
  static String flagged(MemvidChunk c) {
    return String.format(Locale.ROOT, "chunk %d (frame %d): %s: %s", c.id(), c.frame(), c.verdict(), c.detail());
  }
}
