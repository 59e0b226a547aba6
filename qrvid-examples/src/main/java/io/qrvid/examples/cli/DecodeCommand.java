package io.qrvid.examples.cli;

import io.qrvid.core.FrameBatch;
import io.qrvid.core.FrameRanges;
import io.qrvid.core.internal.SafeFiles;
import io.qrvid.video.FrameRangeRead;
import io.qrvid.video.QrDecodeException;
import io.qrvid.video.RestoreException;
import io.qrvid.video.QrVideoCorpus;
import io.qrvid.video.QrVideoReader;
import io.qrvid.video.ReadStats;
import io.qrvid.video.VideoIndex;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code qrvid decode VIDEO -o DIR [--frames A..B] [--workers N]}: restores every document, or, with {@code --frames},
 * the chunks whose frames lie in a range. A long video is read in one range of frames per worker, each with a video
 * decoder of its own; each range's completion and the summary are printed (not with {@code -q}).
 */
@Command(name = "decode", mixinStandardHelpOptions = true,
    description = "Restore every document of a QR video into DIR, verified by CRC32C and SHA-256. Exits 1, naming "
        + "the missing chunks, if anything could not be recovered; incomplete documents are not written.")
public final class DecodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "VIDEO",
      description = "The video written by 'qrvid encode', or a corpus manifest written by 'qrvid append'.")
  Path video;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Folder to restore into.")
  Path dir;

  @Option(names = "--index", paramLabel = "INDEX", description = "The index, if not VIDEO.qrvid.json.")
  Path index;

  @Option(names = "--workers", paramLabel = "N", description = "Threads reading the video; a long video is read in "
      + "one range of frames per worker, each with its own video decoder (default: available processors).")
  Integer workers;

  @Option(names = "--frames", paramLabel = "A..B", converter = RangeReport.Converter.class,
      description = "Read only the chunks whose frames all lie in frames A..B (inclusive, 0-based), each into "
          + "DIR/chunk_NNNNNN.bin (its index), CRC32C verified; chunks cut by the range's ends are named, not read.")
  FrameRanges.Range frames;

  @Option(names = {"-q", "--quiet"}, description = "No progress bar, no per-range lines and range summary.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (video.getFileName().toString().endsWith(QrVideoCorpus.SUFFIX)) {
      if (frames != null) {
        err.println("qrvid: --frames reads one video, not a corpus manifest: " + video);
        err.flush();
        return 2;
      }
      return decodeCorpus(out, err);
    }
    long start = System.nanoTime();
    QrVideoReader.Builder b = QrVideoReader.builder(video);
    if (index != null) {
      b.index(index);
    }
    if (workers != null) {
      b.workers(workers);
    }
    int threads = workers != null ? workers : Runtime.getRuntime().availableProcessors();
    if (frames != null) {
      return decodeFrames(out, err, b, threads, start);
    }
    RangeReport report = new RangeReport(out, quiet, io.qrvid.core.FrameProgressListener.NONE, 0);
    try (Progress progress = new Progress("decode", 0, quiet);
        QrVideoReader reader = b.progressListener(progress).rangeListener(report).build()) {
      List<Path> written;
      try {
        written = reader.restoreTo(dir);
      } catch (QrDecodeException e) {
        progress.close();
        report(e, err);
        return QrvidCli.EXIT_INCOMPLETE;
      }
      progress.close();
      reader.lastRanges().ifPresent(r -> report.summary(r, threads, err));
      double s = (System.nanoTime() - start) / 1e9;
      long bytes = reader.index().documents().stream().mapToLong(d -> d.bytes()).sum();
      ReadStats st = reader.lastStats();
      out.printf("restored %d documents (%,d bytes) into %s; every chunk CRC32C and document SHA-256 verified%n",
          written.size(), bytes, dir);
      out.printf("symbols read %d (grid %d, decode chain %d); time %.2f s; %.3f MB/s of text%n", st.symbolsRead(),
          st.symbolsByGrid(), st.symbolsByChain(), s, bytes / 1e6 / s);
      out.flush();
      return 0;
    }
  }

  /**
   * {@code --frames A..B}: the chunks wholly inside the range, each written as {@code chunk_NNNNNN.bin}; the chunks
   * cut by the range's ends named; the missing ones named on stderr (exit code 1).
   */
  private int decodeFrames(PrintWriter out, PrintWriter err, QrVideoReader.Builder b, int threads, long start)
      throws IOException {
    if (!Files.isRegularFile(video)) {
      throw new NoSuchFileException(video.toString(), null, "video not found");
    }
    long videoFrames = VideoIndex.read(index != null ? index : VideoIndex.pathFor(video)).video().frames();
    if (frames.last() >= videoFrames) {
      err.println("qrvid: --frames " + frames.first() + ".." + frames.last() + ": the video's frames are 0.."
          + (videoFrames - 1));
      err.flush();
      return 2;
    }
    Files.createDirectories(dir);
    FrameRangeRead read;
    Optional<FrameBatch.Summary<ReadStats>> ranges;
    RangeReport report = new RangeReport(out, quiet, io.qrvid.core.FrameProgressListener.NONE, frames.size());
    try (Progress progress = new Progress("decode", frames.size(), quiet);
        QrVideoReader reader = b.progressListener(progress).rangeListener(report).build()) {
      read = reader.readFrames(frames.first(), frames.last());
      progress.close();
      double readSeconds = (System.nanoTime() - start) / 1e9;
      ranges = reader.lastRanges();
      long t0 = System.nanoTime();
      for (Map.Entry<Integer, byte[]> c : read.chunks().entrySet()) {
        SafeFiles.write(dir, chunkFile(c.getKey()), c.getValue()); // each forced to disk, then moved into place
      }
      double writeSeconds = (System.nanoTime() - t0) / 1e9;
      if (ranges.isPresent()) {
        report.summary(ranges.get(), threads, err);
      } else if (!quiet) {
        out.println("frames " + frames + " read in one decoder session (too short for two ranges)");
      }
      long bytes = read.chunks().values().stream().mapToLong(c -> c.length).sum();
      out.printf(Locale.ROOT, "read %d chunks (%,d bytes) of frames %s into %s as chunk_NNNNNN.bin, each CRC32C "
          + "verified; %d whole documents lie in the range%n", read.chunks().size(), bytes, frames, dir,
          read.documents().size());
      if (!read.cutChunks().isEmpty()) {
        int spf = reader.index().symbolsPerFrame();
        List<String> cut = new ArrayList<>();
        for (int i : read.cutChunks().subList(0, Math.min(20, read.cutChunks().size()))) {
          VideoIndex.ChunkEntry e = reader.index().chunks().get(i);
          cut.add(i + " (frames " + e.firstSymbol() / spf + ".." + e.lastSymbol() / spf + ")");
        }
        out.printf(Locale.ROOT, "%d chunks cut by the range's ends were not read: %s%s%n", read.cutChunks().size(),
            String.join(", ", cut), read.cutChunks().size() > 20 ? " and more" : "");
      }
      out.printf(Locale.ROOT, "read in %.2f s (%.3f MB/s of text), written in %.2f s%n", readSeconds,
          bytes / 1e6 / readSeconds, writeSeconds);
      out.flush();
    }
    if (!read.complete()) {
      err.println("qrvid: INCOMPLETE: chunks of frames " + frames + " not recovered (not written): "
          + read.missingChunks());
      err.flush();
      return QrvidCli.EXIT_INCOMPLETE;
    }
    return 0;
  }

  /** The file a chunk read with {@code --frames} is written to. */
  static String chunkFile(int chunk) {
    return String.format(Locale.ROOT, "chunk_%06d.bin", chunk);
  }

  /** Names on stderr everything a restore lost: chunks, documents not recovered, documents not written. */
  static void report(QrDecodeException e, PrintWriter err) {
    err.println("qrvid: INCOMPLETE: " + e.getMessage());
    if (!e.missingChunks().isEmpty()) {
      err.println("qrvid: missing chunks: " + e.missingChunks());
    }
    if (!e.incompleteDocuments().isEmpty()) {
      err.println("qrvid: documents not recovered (not written): " + quoted(e.incompleteDocuments()));
    }
    if (e instanceof RestoreException r) {
      r.unwritten().forEach((name, why) -> err.println("qrvid: recovered but not written: "
          + SafeFiles.quote(name) + ": " + why));
      err.println("qrvid: documents restored and verified: " + r.written().size());
    }
    err.flush();
  }

  private static String quoted(List<String> names) {
    return names.stream().map(SafeFiles::quote).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
  }

  private int decodeCorpus(PrintWriter out, PrintWriter err) throws IOException {
    QrVideoCorpus corpus = QrVideoCorpus.open(video);
    int restored;
    int exit = 0;
    try {
      restored = corpus.restoreTo(dir).size();
    } catch (QrDecodeException e) {
      report(e, err);
      restored = e instanceof RestoreException r ? r.written().size() : 0;
      exit = QrvidCli.EXIT_INCOMPLETE;
    }
    out.printf("restored %d documents from %d segments into %s%n", restored,
        corpus.manifest().segments().size(), dir);
    out.flush();
    return exit;
  }

}
