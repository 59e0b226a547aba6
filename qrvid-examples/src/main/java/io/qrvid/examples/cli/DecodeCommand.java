package io.qrvid.examples.cli;

import io.qrvid.core.internal.SafeFiles;
import io.qrvid.video.QrDecodeException;
import io.qrvid.video.RestoreException;
import io.qrvid.video.QrVideoCorpus;
import io.qrvid.video.QrVideoReader;
import io.qrvid.video.ReadStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qrvid decode VIDEO -o DIR}. */
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

  @Option(names = "--workers", description = "Decoding threads (default: available processors).")
  Integer workers;

  @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (video.getFileName().toString().endsWith(QrVideoCorpus.SUFFIX)) {
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
    try (Progress progress = new Progress("decode", 0, quiet);
        QrVideoReader reader = b.progressListener(progress).build()) {
      List<Path> written;
      try {
        written = reader.restoreTo(dir);
      } catch (QrDecodeException e) {
        progress.close();
        report(e, err);
        return QrvidCli.EXIT_INCOMPLETE;
      }
      progress.close();
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
