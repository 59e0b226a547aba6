package io.qrvid.examples.cli;

import io.qrvid.video.QrDecodeException;
import io.qrvid.video.QrVideoReader;
import io.qrvid.video.ReadStats;
import io.qrvid.video.VideoIndex;
import io.qrvid.video.search.SearchIndexException;
import io.qrvid.video.search.SearchIndexInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qrvid inspect VIDEO}: what the index says, and with {@code --check} the health of every frame. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Show a QR video's codec, geometry, documents, chunks, density and search index; --check reads "
        + "every frame.")
public final class InspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "VIDEO") Path video;

  @Option(names = "--check", description = "Decode every frame and report unreadable symbols and lost chunks.")
  boolean check;

  @Option(names = "--chunks", description = "List every chunk.")
  boolean listChunks;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    try (QrVideoReader reader = QrVideoReader.open(video)) {
      VideoIndex ix = reader.index();
      VideoIndex.Geometry g = ix.geometry();
      long text = ix.documents().stream().mapToLong(VideoIndex.Document::bytes).sum();
      long videoBytes = Files.size(video);
      long indexBytes = Files.size(VideoIndex.pathFor(video));
      out.printf("video     %s: %,d bytes (index records %,d), %d frames, %d symbols (%d data), video id %08x%n",
          video, videoBytes, ix.video().bytes(), ix.video().frames(), ix.video().symbols(), ix.video().dataSymbols(),
          ix.videoId());
      out.printf("codec     %s %s/%s %s %d fps %s%n", ix.codec().profile(), ix.codec().codec(), ix.codec().container(),
          ix.codec().pixelFormat(), ix.codec().fps(), ix.codec().options());
      out.printf("geometry  %dx%d, version %d-%s, %d px/module, quiet zone %d, %dx%d symbols/frame, mask %s, %s, "
          + "parity %s%n", g.frameWidth(), g.frameHeight(), g.version(), g.errorCorrection(), g.modulePixels(),
          g.quietZone(), g.columns(), g.rows(), g.mask(), g.compression(),
          g.parityShards() == 0 ? "none" : g.parityData() + "+" + g.parityShards());
      if (ix.dictionary() != null) {
        out.printf("dictionary %s, %,d bytes (%,d characters stored), sha256 %s%n", ix.dictionary().codec(),
            ix.dictionary().bytes(), ix.dictionary().data().length(),
            ix.dictionary().sha256().toString().substring(0, 16));
      }
      out.printf("documents %d, chunks %d, text %,d bytes; (video+index)/text = %.3f; index format %d, written by "
          + "qrvid %s%n", ix.documents().size(), ix.chunks().size(), text,
          (double) (videoBytes + indexBytes) / Math.max(1, text), ix.formatVersion(), ix.libraryVersion());
      for (VideoIndex.Document d : ix.documents()) {
        String kind = d.textLayer() ? "text layer of doc " + d.textOf()
            : (d.mediaType() == null ? "" : d.mediaType() + ", ") + d.storageOrText().name().toLowerCase();
        out.printf("  doc %3d %-24s %,10d bytes  chunks %d..%d  sha256 %s  %s%n", d.id(), d.name(), d.bytes(),
            d.firstChunk(), d.firstChunk() + d.chunkCount() - 1, d.sha256().toString().substring(0, 16), kind);
      }
      printSearchIndex(out, ix);
      if (listChunks) {
        for (VideoIndex.ChunkEntry c : ix.chunks()) {
          out.printf("  chunk %5d doc %3d bytes %d..%d frame %d slot %d symbols %d..%d parts %d crc32c %s%s%s%n",
              c.index(), c.document(), c.byteStart(), c.byteEnd(), c.frame(), c.slot(), c.firstSymbol(),
              c.lastSymbol(), c.parts(), c.crc32c(), c.page() == null ? "" : " page " + c.page(),
              c.title() == null ? "" : " title \"" + c.title() + "\"");
        }
      }
      if (!check) {
        out.flush();
        return 0;
      }
      int exit = 0;
      String verdict;
      try {
        reader.readAll();
        verdict = "every chunk and document verified";
      } catch (QrDecodeException e) {
        verdict = "INCOMPLETE: " + e.getMessage();
        exit = QrvidCli.EXIT_INCOMPLETE;
      }
      ReadStats st = reader.lastStats();
      List<Long> bad = reader.lastUnreadableSymbols();
      int spf = ix.symbolsPerFrame();
      out.printf("check     frames decoded %d of %d; symbols read %d (grid %d, chain %d), unreadable %d, rebuilt "
          + "from parity %d, foreign payloads %d%n", st.framesDecoded(), ix.video().frames(), st.symbolsRead(),
          st.symbolsByGrid(), st.symbolsByChain(), st.symbolsUnreadable(), st.symbolsRebuilt(),
          st.foreignPayloads());
      for (Long p : bad.subList(0, Math.min(bad.size(), 50))) {
        out.printf("  unreadable symbol %d (frame %d, slot %d)%n", p, p / spf, p % spf);
      }
      if (bad.size() > 50) {
        out.printf("  ... and %d more%n", bad.size() - 50);
      }
      out.println("verdict   " + verdict);
      out.flush();
      return exit;
    }
  }

  /** One line on the search index: where, how big, what it holds, whether it is this video's. */
  private void printSearchIndex(PrintWriter out, VideoIndex ix) throws IOException {
    Optional<SearchIndexInfo> info;
    try {
      info = SearchIndexInfo.read(video);
    } catch (SearchIndexException e) {
      out.printf("search    UNREADABLE: %s%n", e.getMessage());
      return;
    }
    if (info.isEmpty()) {
      out.printf("search    no index (build one with 'qrvid search %s --build-index QUERY')%n", video);
      return;
    }
    SearchIndexInfo si = info.get();
    long text = ix.documents().stream().filter(d -> d.textLayer() || d.storageOrText() == VideoIndex.Storage.TEXT)
        .mapToLong(VideoIndex.Document::bytes).sum();
    boolean ours = si.videoId().map(id -> id == ix.videoId()).orElse(false);
    out.printf("search    %s: %,d bytes in %d files (%.3f x the %,d bytes of text), %d chunks indexed, analyzer %s, "
        + "%s, format %s%s%n", si.folder(), si.bytes(), si.files(), (double) si.bytes() / Math.max(1, text), text,
        si.chunks(), si.analyzer(), si.embedder().map(e -> si.dimension() + "-d vectors by " + e).orElse("no vectors"),
        si.formatVersion(), ours ? "" : "; BUILT FOR ANOTHER VIDEO (id " + si.videoId().map(Object::toString)
            .orElse("?") + "): rebuild it with 'qrvid search --build-index'");
  }
}
