package io.qrvid.examples.cli;

import io.qrvid.core.TextChunker;
import io.qrvid.video.EncodeResult;
import io.qrvid.video.QrVideoEncoder;
import io.qrvid.video.QrVideoReader;
import io.qrvid.video.search.SearchHit;
import io.qrvid.video.search.SearchIndexWriter;
import io.qrvid.video.search.SearchOptions;
import io.qrvid.video.search.VideoSearcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.FSDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code qrvid bench search [DIR]}: on the given text (default the Vim user manual) and on a generated library of
 * {@code --chunks} chunks, in one run: encode throughput with and without the search index (alternating), the index's
 * size against the text, and the latency of searches that read their k hits from the video (p50/p95), next to the
 * index lookup alone and to the same searches with the frame cache off.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = "Search latency (search + reading the k hits from the video, p50/p95), search index size / text, "
        + "and encode throughput with and without the index, on a text folder and a generated 10,000-chunk library.")
public final class BenchSearchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
      description = "Folder of text files (default: ../shared/corpus/vim-user-manual, its usr_*.txt).")
  Path dir;

  @Option(names = "--chunks", defaultValue = "10000",
      description = "Chunks of the generated library (default: ${DEFAULT-VALUE}; 0 skips it).")
  int libraryChunks;

  @Option(names = "--library-chunk-size", defaultValue = "1000",
      description = "Chunk size of the generated library, characters (default: ${DEFAULT-VALUE}, memvid's is 1024).")
  int libraryChunkSize;

  @Option(names = "--queries", defaultValue = "200", description = "Timed queries per library (default: ${DEFAULT-VALUE}).")
  int queries;

  @Option(names = "-k", defaultValue = "5", description = "Hits per query (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--rounds", defaultValue = "6",
      description = "Encodes of the text folder with and without the index, alternating (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--library-rounds", defaultValue = "2",
      description = "The same for the generated library (default: ${DEFAULT-VALUE}).")
  int libraryRounds;

  @Option(names = "--work", defaultValue = "qrvid-bench-out/search",
      description = "Scratch folder (default: ${DEFAULT-VALUE}).")
  Path work;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Path source = dir != null ? dir : Path.of("..", "shared", "corpus", "vim-user-manual");
    Map<String, String> manual = new LinkedHashMap<>();
    for (Path f : EncodeCommand.expand(List.of(source))) {
      String name = f.getFileName().toString();
      if (name.endsWith(".txt") && !name.startsWith("LICENSE")) {
        manual.put(name, Files.readString(f, StandardCharsets.UTF_8));
      }
    }
    if (manual.isEmpty()) {
      throw new IOException("no .txt files in " + source);
    }
    Files.createDirectories(work);
    out.printf("bench search: k=%d, %d timed queries per library, %d/%d encode rounds; %d cores%n", k, queries,
        rounds, libraryRounds, Runtime.getRuntime().availableProcessors());
    out.printf("%-24s %7s %11s %8s %13s %13s %13s %13s %11s%n", "library", "chunks", "text bytes", "index/text",
        "enc MB/s", "CPU s/MB", "search+read", "search+read", "index only");
    out.printf("%-24s %7s %11s %8s %13s %13s %13s %13s %11s%n", "", "", "", "", "+idx/-idx", "+idx/-idx",
        "p50/p95 ms", "no cache p50/95", "p50/p95 ms");
    out.flush();
    // Warm the natives, Lucene and the JIT on a small encode and a few searches.
    Map<String, String> warm = new LinkedHashMap<>();
    manual.entrySet().stream().limit(3).forEach(e -> warm.put(e.getKey(), e.getValue()));
    run("warm-up", warm, QrVideoEncoder.DEFAULT_CHUNK_SIZE, 1, Math.min(queries, 30), null);
    run(source.getFileName() + " (" + manual.size() + " files)", manual, QrVideoEncoder.DEFAULT_CHUNK_SIZE, rounds,
        queries, out);
    if (libraryChunks > 0) {
      Map<String, String> library = generate(manual, libraryChunks, libraryChunkSize);
      run("generated (" + library.size() + " files)", library, libraryChunkSize, libraryRounds, queries, out);
    }
    out.println("index/text = search index bytes / text bytes; enc MB/s = text MB per second of the whole encode, "
        + "with (+idx) and without (-idx) the search index, best of the rounds, alternating in one run; CPU s/MB = "
        + "process CPU seconds per MB of text for the same encodes, least of the rounds (steadier than wall time on a "
        + "shared machine); "
        + "search+read = reader.search(query, k): Lucene query, every hit read from the video by random access and "
        + "CRC-checked, snippets; no cache = the same with the reader's frame cache off; index only = the Lucene "
        + "query alone.");
    out.flush();
    return 0;
  }

  /** Encodes {@code docs} with and without an index, then times queries; prints one row unless {@code out} is null. */
  private void run(String label, Map<String, String> docs, int chunkSize, int rounds, int queryCount,
      PrintWriter out) throws IOException {
    QrVideoEncoder with = QrVideoEncoder.builder()
        .chunker(TextChunker.builder().chunkSize(chunkSize).build()).build();
    QrVideoEncoder without = with.newBuilder().searchIndex(false).build();
    Path video = work.resolve("lib.mp4");
    Path plain = work.resolve("plain.mp4");
    double bestWith = 0;
    double bestWithout = 0;
    double cpuWith = Double.MAX_VALUE;
    double cpuWithout = Double.MAX_VALUE;
    EncodeResult r = null;
    for (int round = 0; round < rounds; round++) {
      // Alternate the order so that neither variant always runs on a warmer or quieter machine.
      for (boolean indexed : round % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
        long cpu0 = processCpuNanos();
        EncodeResult e = (indexed ? with : without).encodeTexts(docs, indexed ? video : plain);
        double cpuSecondsPerMb = (processCpuNanos() - cpu0) / 1e9 / (e.textBytes() / 1e6);
        if (indexed) {
          r = e;
          bestWith = Math.max(bestWith, e.megabytesPerSecond());
          cpuWith = Math.min(cpuWith, cpuSecondsPerMb);
        } else {
          bestWithout = Math.max(bestWithout, e.megabytesPerSecond());
          cpuWithout = Math.min(cpuWithout, cpuSecondsPerMb);
        }
      }
    }
    List<String> qs = queries(docs, queryCount, new Random(7));
    double[] cached;
    double[] uncached;
    double[] lucene;
    try (QrVideoReader reader = QrVideoReader.open(video)) {
      cached = time(reader, qs);
    }
    try (QrVideoReader reader = QrVideoReader.builder(video).cacheFrames(0).build()) {
      uncached = time(reader, qs);
    }
    lucene = indexOnly(video, qs);
    if (out != null) {
      out.printf("%-24s %7d %,11d %8.3f %6.3f/%6.3f %6.2f/%6.2f %6.1f/%6.1f %6.1f/%6.1f %5.2f/%5.2f%n", label,
          r.chunks(), r.textBytes(), (double) r.searchIndexBytes() / r.textBytes(), bestWith, bestWithout, cpuWith,
          cpuWithout, cached[0], cached[1], uncached[0], uncached[1], lucene[0], lucene[1]);
      out.flush();
    }
  }

  /** CPU time of this process (every thread, native codec threads included), in ns. */
  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
  }

  /** p50 and p95 in ms of {@code reader.search(q, k)} over the queries, after a few untimed ones. */
  private double[] time(QrVideoReader reader, List<String> qs) throws IOException {
    for (String q : qs.subList(0, Math.min(10, qs.size()))) {
      reader.search(q, k);
    }
    double[] ms = new double[qs.size()];
    int read = 0;
    for (int i = 0; i < qs.size(); i++) {
      long t0 = System.nanoTime();
      List<SearchHit> hits = reader.search(qs.get(i), k);
      ms[i] = (System.nanoTime() - t0) / 1e6;
      for (SearchHit h : hits) {
        if (h.text().isEmpty()) {
          throw new IllegalStateException("hit not read: " + h.failure().orElse("?"));
        }
        read++;
      }
    }
    if (read == 0) {
      throw new IllegalStateException("no query found anything");
    }
    return percentiles(ms);
  }

  /** The Lucene lookup alone (parse and top-k), for the same queries. */
  private double[] indexOnly(Path video, List<String> qs) throws IOException {
    try (DirectoryReader r = DirectoryReader.open(FSDirectory.open(SearchIndexWriter.pathFor(video)));
         EnglishAnalyzer analyzer = new EnglishAnalyzer()) {
      IndexSearcher searcher = new IndexSearcher(r);
      SimpleQueryParser parser = new SimpleQueryParser(analyzer, Map.of("text", 1f, "title", 0.5f));
      for (String q : qs.subList(0, Math.min(10, qs.size()))) {
        searcher.search(parser.parse(q), k);
      }
      double[] ms = new double[qs.size()];
      for (int i = 0; i < qs.size(); i++) {
        long t0 = System.nanoTime();
        Query query = parser.parse(qs.get(i));
        searcher.search(query, k);
        ms[i] = (System.nanoTime() - t0) / 1e6;
      }
      return percentiles(ms);
    }
  }

  private static double[] percentiles(double[] ms) {
    double[] s = ms.clone();
    Arrays.sort(s);
    return new double[] {s[s.length / 2], s[(int) Math.ceil(s.length * 0.95) - 1]};
  }

  /** One to three words of at least four letters drawn from the text, deterministic. */
  static List<String> queries(Map<String, String> docs, int n, Random random) {
    Set<String> vocabulary = new LinkedHashSet<>();
    for (String text : docs.values()) {
      for (String w : text.split("[^\\p{L}]+")) {
        if (w.length() >= 4 && vocabulary.size() < 50_000) {
          vocabulary.add(w.toLowerCase(Locale.ROOT));
        }
      }
    }
    List<String> words = new ArrayList<>(vocabulary);
    List<String> qs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int len = 1 + random.nextInt(3);
      StringBuilder q = new StringBuilder();
      for (int j = 0; j < len; j++) {
        q.append(j == 0 ? "" : " ").append(words.get(random.nextInt(words.size())));
      }
      qs.add(q.toString());
    }
    return qs;
  }

  /**
   * A library of about {@code chunks} chunks of {@code chunkSize} characters: documents of the source's
   * paragraphs in a seeded random order, each about 100 chunks long, each paragraph tagged with a serial number
   * so that no two chunks are the same.
   */
  static Map<String, String> generate(Map<String, String> source, int chunks, int chunkSize) {
    List<String> paragraphs = new ArrayList<>();
    for (String text : source.values()) {
      for (String p : text.split("\n\\s*\n")) {
        if (p.strip().length() > 40) {
          paragraphs.add(p.strip());
        }
      }
    }
    Random random = new Random(12);
    long target = (long) chunks * chunkSize * 9 / 10; // cuts at paragraph ends fall about 10% before the size
    int perDoc = 100 * chunkSize;
    Map<String, String> docs = new LinkedHashMap<>();
    long total = 0;
    int serial = 0;
    while (total < target) {
      StringBuilder doc = new StringBuilder();
      while (doc.length() < perDoc && total + doc.length() < target) {
        doc.append("[").append(serial++).append("] ").append(paragraphs.get(random.nextInt(paragraphs.size())))
            .append("\n\n");
      }
      docs.put(String.format("generated-%04d.txt", docs.size()), doc.toString());
      total += doc.length();
    }
    return docs;
  }
}
