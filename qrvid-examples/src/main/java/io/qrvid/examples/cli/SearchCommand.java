package io.qrvid.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrvid.video.QrVideoCorpus;
import io.qrvid.video.QrVideoReader;
import io.qrvid.video.search.SearchHit;
import io.qrvid.video.search.SearchIndexWriter;
import io.qrvid.video.search.SearchOptions;
import io.qrvid.video.search.VideoSearcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qrvid search LIB.mp4|MANIFEST "query" [-k 5] [--json]}: ranked hits, read back from the video. */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = {"Search a QR video (or every segment of a corpus manifest) and print the best chunks, read back "
        + "from the video and verified by CRC32C, with highlighted snippets.",
        "Query syntax: words (any may match; more rank higher), \"a phrase\", -excluded, prefix*, fuzzy~1, "
            + "(a | b), a + b (both).",
        "Exit codes: 0 done (also with no hits), 1 a hit's chunk could not be read from the video, 3 no search "
            + "index or bad input."})
public final class SearchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "LIB",
      description = "A video written by 'qrvid encode' (LIB.mp4) or a corpus manifest (NAME.qrvid-manifest.json).")
  Path library;

  @Parameters(index = "1", paramLabel = "QUERY", description = "What to look for.")
  String query;

  @Option(names = "-k", defaultValue = "5", paramLabel = "K", description = "How many hits (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--json", description = "One JSON object per hit and line: rank, score, video, document, chunk, "
      + "page, title, extracted, charStart, charEnd, byteStart, byteEnd, snippet, text (or failure).")
  boolean json;

  @Option(names = "--build-index", description = "Build (or rebuild) the search index from the video first, e.g. "
      + "for a video encoded with --no-search-index; for a manifest, every segment's.")
  boolean buildIndex;

  @Option(names = "--full-text", description = "Print each hit's whole chunk text instead of a snippet.")
  boolean fullText;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (k < 1 || k > 10_000) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "-k must be in 1..10000: " + k);
    }
    if (!Files.exists(library)) {
      throw new NoSuchFileException(library.toString(), null, "no such video or manifest");
    }
    boolean terminal = !json && System.console() != null;
    SearchOptions options = terminal ? SearchOptions.builder().highlight("\u001b[1m", "\u001b[0m").build()
        : SearchOptions.defaults();
    List<QrVideoReader> readers = new ArrayList<>();
    boolean manifest = library.getFileName().toString().endsWith(QrVideoCorpus.SUFFIX);
    List<SearchHit> hits;
    long start;
    try {
      List<Path> videos = manifest ? QrVideoCorpus.open(library).segmentVideos() : List.of(library);
      for (Path v : videos) {
        readers.add(QrVideoReader.builder(v).searchOptions(options).build());
      }
      if (buildIndex) {
        for (QrVideoReader r : readers) {
          Path built = SearchIndexWriter.rebuild(r, SearchOptions.defaults());
          err.printf("built %s%n", built);
        }
      }
      start = System.nanoTime();
      try (VideoSearcher searcher = VideoSearcher.open(readers, false, options)) {
        hits = searcher.search(query, k);
      }
    } finally {
      readers.forEach(QrVideoReader::close);
    }
    double ms = (System.nanoTime() - start) / 1e6;
    boolean failed = hits.stream().anyMatch(h -> h.failure().isPresent());
    if (json) {
      ObjectMapper mapper = new ObjectMapper();
      for (SearchHit h : hits) {
        ObjectNode o = mapper.createObjectNode();
        o.put("rank", h.rank());
        o.put("score", h.score());
        o.put("video", h.video().toString());
        o.put("document", h.document());
        o.put("chunk", h.chunk());
        h.page().ifPresent(p -> o.put("page", p));
        h.title().ifPresent(t -> o.put("title", t));
        o.put("extracted", h.extracted());
        o.put("charStart", h.charStart());
        o.put("charEnd", h.charEnd());
        o.put("byteStart", h.byteStart());
        o.put("byteEnd", h.byteEnd());
        o.put("snippet", h.snippet());
        h.text().ifPresent(t -> o.put("text", t));
        h.failure().ifPresent(f -> o.put("failure", f));
        out.println(mapper.writeValueAsString(o));
      }
    } else {
      if (hits.isEmpty()) {
        out.printf("no hits for %s%n", query);
      }
      for (SearchHit h : hits) {
        StringBuilder where = new StringBuilder(h.document());
        h.page().ifPresent(p -> where.append(", page ").append(p));
        h.title().ifPresent(t -> where.append(", \"").append(t).append('"'));
        out.printf("%d. %s  (score %.3f; chunk %d%s, %s %d..%d)%n", h.rank(), where, h.score(), h.chunk(),
            manifest ? " of " + h.video().getFileName() : "", h.extracted() ? "extracted chars" : "chars",
            h.charStart(), h.charEnd());
        if (h.failure().isPresent()) {
          out.printf("   UNREADABLE: %s%n", h.failure().get());
        } else {
          out.printf("   %s%n", fullText ? h.text().orElse("").strip().replace("\n", "\n   ") : h.snippet());
        }
      }
      if (terminal || !hits.isEmpty()) {
        err.printf("%d hits in %.1f ms (search and reading the hits from the video)%n", hits.size(), ms);
      }
    }
    out.flush();
    err.flush();
    if (failed) {
      err.println("qrvid: some hits could not be read from the video; their chunks are named above");
      err.flush();
      return QrvidCli.EXIT_INCOMPLETE;
    }
    return 0;
  }
}
