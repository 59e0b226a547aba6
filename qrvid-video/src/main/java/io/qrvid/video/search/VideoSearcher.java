package io.qrvid.video.search;

import io.qrvid.video.QrVideoReader;
import io.qrvid.video.VideoIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.FSDirectory;
import org.jspecify.annotations.Nullable;

/**
 * Searches one video, or every segment of a corpus at once, and reads each hit's text from its video.
 *
 * <p>The segments' indexes are searched as one Lucene {@link MultiReader}, so BM25's term statistics are those of
 * the whole corpus and scores compare across segments. Queries use Lucene's {@link SimpleQueryParser} syntax, which
 * never fails on user input: words (any of them may match; more matches rank higher), {@code "a phrase"},
 * {@code +required}, {@code -excluded}, {@code prefix*}, {@code fuzzy~1}, {@code (a | b)}. Each query searches the
 * chunks' text and, with {@link SearchOptions#titleWeight()}, their titles. {@code a -b} finds chunks with a and
 * without b (the simple syntax alone would make {@code -b} an optional "everything but b"); a query of exclusions
 * only finds nothing.
 *
 * <p>Each hit's text is read from the video by random access ({@link QrVideoReader#chunksAt}: one decoder session
 * per segment, a seek per group of nearby hits, a few frames decoded, each chunk's CRC32C checked against the
 * index), and a snippet is cut around its best passages with Lucene's {@code UnifiedHighlighter} (the text is
 * analysed again: the index has no offsets).
 *
 * <pre>{@code
 * try (QrVideoReader reader = QrVideoReader.open(video);
 *      VideoSearcher searcher = VideoSearcher.open(reader, SearchOptions.defaults())) {
 *   for (SearchHit hit : searcher.search("insert mode", 5)) {
 *     System.out.println(hit.document() + " " + hit.snippet());
 *   }
 * }
 * }</pre>
 *
 * <p>Thread-safe: searches may run concurrently (reads from one video are serialised by its reader). Closing the
 * searcher closes the index files, and the readers when it owns them.
 */
public final class VideoSearcher implements AutoCloseable {
  /** How many of each ranking a hybrid search fuses, at least. */
  private static final int FUSION_DEPTH = 50;
  /** The constant of reciprocal rank fusion (Cormack et al., SIGIR 2009). */
  private static final int RRF_K = 60;

  private final List<QrVideoReader> readers;
  private final boolean ownsReaders;
  private final SearchOptions options;
  private final IndexReader index;
  private final int[] starts;
  private final IndexSearcher searcher;
  private final Analyzer analyzer;
  private final @Nullable Embedder embedder;
  private final boolean vectors;
  private final Snippets snippets;
  private volatile boolean closed;

  private VideoSearcher(List<QrVideoReader> readers, boolean ownsReaders, SearchOptions options) throws IOException {
    this.readers = List.copyOf(readers);
    this.ownsReaders = ownsReaders;
    this.options = options;
    List<DirectoryReader> opened = new ArrayList<>();
    String analyzerCode = null;
    String embedderName = null;
    boolean anyVectors = false;
    try {
      for (QrVideoReader r : this.readers) {
        DirectoryReader dr = openIndex(r);
        opened.add(dr);
        Map<String, String> data = dr.getIndexCommit().getUserData();
        String code = data.get(SearchFields.KEY_ANALYZER);
        Path where = SearchIndexWriter.pathFor(r.video());
        if (analyzerCode != null && !analyzerCode.equals(code)) {
          throw new SearchIndexException(where, "built with analyzer " + code + " but another segment with "
              + analyzerCode + "; rebuild the segments' indexes with one analyzer");
        }
        analyzerCode = code;
        String e = data.get(SearchFields.KEY_EMBEDDER);
        if (e != null) {
          if (embedderName != null && !embedderName.equals(e)) {
            throw new SearchIndexException(where, "vectors made by embedder " + e + " but another segment's by "
                + embedderName);
          }
          embedderName = e;
          anyVectors = true;
        }
      }
      this.analyzer = analyzerFor(analyzerCode, options, this.readers.isEmpty() ? null
          : SearchIndexWriter.pathFor(this.readers.get(0).video()));
      Embedder emb = options.embedder().orElse(null);
      if (emb != null && embedderName != null && !emb.name().equals(embedderName)) {
        analyzer.close();
        throw new SearchIndexException(SearchIndexWriter.pathFor(this.readers.get(0).video()),
            "vectors were made by embedder '" + embedderName + "' but the searcher's is '" + emb.name()
                + "'; query vectors from another model are meaningless");
      }
      this.embedder = emb;
      this.vectors = anyVectors;
      this.index = new MultiReader(opened.toArray(new IndexReader[0]), true);
    } catch (IOException | RuntimeException e) {
      for (DirectoryReader dr : opened) {
        dr.close();
      }
      throw e;
    }
    this.starts = new int[opened.size() + 1];
    for (int i = 0; i < opened.size(); i++) {
      starts[i + 1] = starts[i] + opened.get(i).maxDoc();
    }
    this.searcher = new IndexSearcher(index);
    this.snippets = new Snippets(analyzer, options);
  }

  /**
   * Opens the search index of one video. The reader stays the caller's to close.
   *
   * @param reader an open reader of the video, used to read hits' text
   * @param options the analyzer and embedder; they must match the ones the index was built with
   * @return an open searcher; close it when done
   * @throws NullPointerException if an argument is null
   * @throws SearchIndexException if the video has no search index, or it belongs to another video, has another
   *     format version, or needs an analyzer or embedder that {@code options} do not have
   * @throws IOException if the index cannot be read
   */
  public static VideoSearcher open(QrVideoReader reader, SearchOptions options) throws IOException {
    Objects.requireNonNull(reader, "reader == null");
    return new VideoSearcher(List.of(reader), false, Objects.requireNonNull(options, "options == null"));
  }

  /**
   * Opens the search indexes of several videos (a corpus's segments) as one.
   *
   * @param readers the segments' readers, in order
   * @param ownReaders whether {@link #close()} closes the readers too
   * @param options the analyzer and embedder; they must match the ones the indexes were built with
   * @return an open searcher; close it when done
   * @throws NullPointerException if an argument is null
   * @throws SearchIndexException if a segment has no search index or a mismatched one (see
   *     {@link #open(QrVideoReader, SearchOptions)}), or the segments were indexed with different analyzers
   * @throws IOException if an index cannot be read
   */
  public static VideoSearcher open(List<QrVideoReader> readers, boolean ownReaders, SearchOptions options)
      throws IOException {
    Objects.requireNonNull(readers, "readers == null");
    return new VideoSearcher(readers, ownReaders, Objects.requireNonNull(options, "options == null"));
  }

  /** {@return true if the index has chunk vectors and this searcher an embedder for queries} */
  public boolean vectorSearch() {
    return vectors && embedder != null;
  }

  /** {@return the number of indexed chunks over all segments} */
  public int indexedChunks() {
    return index.numDocs();
  }

  /**
   * The {@code k} best chunks for {@code query}, {@link SearchMode#AUTO}: hybrid when vectors can be searched,
   * else BM25.
   *
   * @param query the query in Lucene's simple query syntax (see the class comment)
   * @param k the most hits wanted, 1..10000
   * @return at most {@code k} hits, best first
   * @throws NullPointerException if {@code query} is null
   * @throws IllegalStateException if the searcher is closed
   * @throws IllegalArgumentException if {@code k} is not in 1..10000
   * @throws IOException if an index or a video cannot be read
   */
  public List<SearchHit> search(String query, int k) throws IOException {
    return search(query, k, SearchMode.AUTO);
  }

  /**
   * The {@code k} best chunks for {@code query}, ranked by {@code mode}, with their text read from the video. A
   * query with no searchable terms (only stop words, say) gives no hits. A hit whose chunk cannot be recovered from
   * the video is still returned, without text, with {@link SearchHit#failure()} saying why.
   *
   * @param query the query in Lucene's simple query syntax (see the class comment)
   * @param k the most hits wanted, 1..10000
   * @param mode how hits are ranked
   * @return at most {@code k} hits, best first
   * @throws NullPointerException if {@code query} or {@code mode} is null
   * @throws IllegalArgumentException if {@code k} is not in 1..10000
   * @throws IllegalStateException if {@code mode} is {@link SearchMode#VECTOR} or {@link SearchMode#HYBRID} and
   *     there are no vectors or no embedder, or the searcher is closed
   * @throws IOException if an index or a video cannot be read
   */
  public List<SearchHit> search(String query, int k, SearchMode mode) throws IOException {
    Objects.requireNonNull(query, "query == null");
    Objects.requireNonNull(mode, "mode == null");
    if (k < 1 || k > 10_000) {
      throw new IllegalArgumentException("k not in 1..10000: " + k);
    }
    if (closed) {
      throw new IllegalStateException("searcher is closed");
    }
    SearchMode m = mode == SearchMode.AUTO ? (vectorSearch() ? SearchMode.HYBRID : SearchMode.TEXT) : mode;
    if ((m == SearchMode.VECTOR || m == SearchMode.HYBRID) && !vectorSearch()) {
      throw new IllegalStateException(vectors ? "the index has vectors but the searcher has no embedder"
          : "the index has no vectors (it was built without an embedder)");
    }
    Query text = textQuery(query);
    List<Ranked> ranked;
    switch (m) {
      case TEXT -> ranked = text == null ? List.of() : rank(searcher.search(text, k).scoreDocs);
      case VECTOR -> ranked = rank(searcher.search(vectorQuery(query, k), k).scoreDocs);
      default -> {
        int depth = Math.max(FUSION_DEPTH, 4 * k);
        List<Ranked> t = text == null ? List.of() : rank(searcher.search(text, depth).scoreDocs);
        List<Ranked> v = rank(searcher.search(vectorQuery(query, depth), depth).scoreDocs);
        ranked = fuse(t, v, k);
      }
    }
    if (ranked.size() > k) {
      ranked = ranked.subList(0, k);
    }
    return read(ranked, text);
  }

  private @Nullable Query textQuery(String query) {
    Map<String, Float> weights = new LinkedHashMap<>();
    weights.put(SearchFields.TEXT, 1f);
    if (options.titleWeight() > 0) {
      weights.put(SearchFields.TITLE, options.titleWeight());
    }
    SimpleQueryParser parser = new SimpleQueryParser(analyzer, weights);
    parser.setDefaultOperator(BooleanClause.Occur.SHOULD);
    return hoistNegations(parser.parse(query));
  }

  /**
   * Makes {@code a -b} mean "a and not b": the simple parser with the default operator OR turns {@code -b} into an
   * optional clause matching every chunk without b ({@code (-b *:*)}), so every chunk would match. Negative-only optional clauses of a boolean
   * query become prohibited clauses of that query, recursively. A query left with nothing to match is null.
   */
  static @Nullable Query hoistNegations(@Nullable Query q) {
    if (!(q instanceof BooleanQuery bq)) {
      return q instanceof MatchNoDocsQuery ? null : q;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder().setMinimumNumberShouldMatch(bq.getMinimumNumberShouldMatch());
    boolean positive = false;
    for (BooleanClause c : bq.clauses()) {
      if (c.getOccur() == BooleanClause.Occur.SHOULD && c.getQuery() instanceof BooleanQuery inner
          && inner.clauses().stream().anyMatch(x -> x.getOccur() == BooleanClause.Occur.MUST_NOT)
          && inner.clauses().stream().allMatch(x -> x.getOccur() == BooleanClause.Occur.MUST_NOT
              || x.getQuery() instanceof MatchAllDocsQuery)) {
        // The parser writes -b as (-b *:*): everything but b. Prohibit b here instead.
        inner.clauses().stream().filter(x -> x.getOccur() == BooleanClause.Occur.MUST_NOT)
            .forEach(x -> b.add(x.getQuery(), BooleanClause.Occur.MUST_NOT));
        continue;
      }
      Query sub = c.getOccur() == BooleanClause.Occur.MUST_NOT ? c.getQuery() : hoistNegations(c.getQuery());
      if (sub == null) {
        if (c.getOccur() == BooleanClause.Occur.MUST) {
          return null;
        }
        continue;
      }
      b.add(sub, c.getOccur());
      positive |= c.getOccur() != BooleanClause.Occur.MUST_NOT && !(sub instanceof MatchAllDocsQuery);
    }
    return positive ? b.build() : null;
  }

  private Query vectorQuery(String query, int k) {
    float[] v = embedder.embed(query);
    SearchIndexWriter.checkVector(v, "the query");
    return new KnnFloatVectorQuery(SearchFields.VECTOR, v, k);
  }

  /** A hit before it is read: its global doc id and score. */
  private record Ranked(int doc, float score) {}

  private static List<Ranked> rank(ScoreDoc[] docs) {
    List<Ranked> out = new ArrayList<>(docs.length);
    for (ScoreDoc d : docs) {
      out.add(new Ranked(d.doc, d.score));
    }
    return out;
  }

  /** Reciprocal rank fusion: sum over both rankings of 1 / (RRF_K + rank), ties by doc id. */
  private static List<Ranked> fuse(List<Ranked> a, List<Ranked> b, int k) {
    Map<Integer, Float> scores = new HashMap<>();
    for (List<Ranked> list : List.of(a, b)) {
      for (int i = 0; i < list.size(); i++) {
        scores.merge(list.get(i).doc(), 1f / (RRF_K + i + 1), Float::sum);
      }
    }
    return scores.entrySet().stream()
        .sorted(Map.Entry.<Integer, Float>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(k).map(e -> new Ranked(e.getKey(), e.getValue())).toList();
  }

  private List<SearchHit> read(List<Ranked> ranked, @Nullable Query text) throws IOException {
    int n = ranked.size();
    int[] segment = new int[n];
    int[] chunk = new int[n];
    List<LeafReaderContext> leaves = index.leaves();
    for (int i = 0; i < n; i++) {
      int doc = ranked.get(i).doc();
      segment[i] = ReaderUtil.subIndex(doc, starts);
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
      NumericDocValues dv = leaf.reader().getNumericDocValues(SearchFields.CHUNK);
      if (dv == null || !dv.advanceExact(doc - leaf.docBase)) {
        throw new SearchIndexException(SearchIndexWriter.pathFor(readers.get(segment[i]).video()),
            "an indexed chunk has no chunk id", null);
      }
      chunk[i] = (int) dv.longValue();
    }
    // One decoder session per segment reads all of its hits: nearby chunks share frames and seeks.
    String[] texts = new String[n];
    String[] failures = new String[n];
    Map<Integer, List<Integer>> bySegment = new java.util.TreeMap<>();
    for (int i = 0; i < n; i++) {
      bySegment.computeIfAbsent(segment[i], x -> new ArrayList<>()).add(i);
    }
    for (Map.Entry<Integer, List<Integer>> e : bySegment.entrySet()) {
      QrVideoReader r = readers.get(e.getKey());
      Path where = SearchIndexWriter.pathFor(r.video());
      List<Integer> wanted = new ArrayList<>();
      for (int i : e.getValue()) {
        if (chunk[i] < 0 || chunk[i] >= r.index().chunks().size()) {
          throw new SearchIndexException(where, "chunk " + chunk[i] + " is not in the video's index: the search "
              + "index belongs to another version of the video", null);
        }
        wanted.add(chunk[i]);
      }
      Map<Integer, byte[]> read = r.chunksAt(wanted);
      for (int i : e.getValue()) {
        byte[] bytes = read.get(chunk[i]);
        if (bytes == null) {
          failures[i] = "chunk " + chunk[i] + " of " + r.video().getFileName() + " could not be recovered from the "
              + "video (unreadable symbols or a CRC32C mismatch)";
          continue;
        }
        try {
          texts[i] = SearchIndexWriter.utf8(bytes, where, chunk[i]);
        } catch (SearchIndexException x) {
          failures[i] = x.getMessage();
        }
      }
    }
    List<SearchHit> hits = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      QrVideoReader r = readers.get(segment[i]);
      VideoIndex vi = r.index();
      VideoIndex.ChunkEntry e = vi.chunks().get(chunk[i]);
      VideoIndex.Document d = vi.document(e.document()).orElseThrow(() -> new SearchIndexException(
          SearchIndexWriter.pathFor(r.video()), "chunk " + e.index() + " names no document", null));
      VideoIndex.Document source = d.textLayer() ? vi.document(d.textOf()).orElse(d) : d;
      String snippet = texts[i] == null ? "" : snippets.snippet(text, texts[i]);
      hits.add(new SearchHit(i + 1, ranked.get(i).score(), r.video(), source.name(), source.id(), e.index(),
          e.page(), e.title(), d.textLayer(), e.charStart(), e.charEnd(), e.byteStart(), e.byteEnd(), texts[i],
          snippet, failures[i]));
    }
    return hits;
  }

  private static DirectoryReader openIndex(QrVideoReader reader) throws IOException {
    Path where = SearchIndexWriter.pathFor(reader.video());
    if (!Files.isDirectory(where)) {
      throw new SearchIndexException(where, "no search index next to the video (encode it with a search index, "
          + "or build one with SearchIndexWriter.rebuild / 'qrvid search --build')", null);
    }
    DirectoryReader dr;
    try {
      dr = DirectoryReader.open(FSDirectory.open(where));
    } catch (IndexNotFoundException e) {
      throw new SearchIndexException(where, "not a search index (no Lucene commit)", e);
    } catch (IOException | RuntimeException e) {
      throw new SearchIndexException(where, "cannot open the search index: " + e, e);
    }
    try {
      Map<String, String> data = dr.getIndexCommit().getUserData();
      String format = data.get(SearchFields.KEY_FORMAT);
      if (format == null) {
        throw new SearchIndexException(where, "not a qrvid search index", null);
      }
      if (!format.equals(Integer.toString(SearchIndexWriter.FORMAT_VERSION))) {
        throw new SearchIndexException(where, "search index format " + format + "; this library reads "
            + SearchIndexWriter.FORMAT_VERSION, null);
      }
      String id = data.get(SearchFields.KEY_VIDEO_ID);
      if (id == null || !id.equals(Integer.toString(reader.index().videoId()))) {
        throw new SearchIndexException(where, "built for video id " + id + " but the video's index has "
            + reader.index().videoId() + ": the search index belongs to another video; rebuild it", null);
      }
      return dr;
    } catch (RuntimeException e) {
      dr.close();
      throw e;
    }
  }

  private static Analyzer analyzerFor(@Nullable String code, SearchOptions options, @Nullable Path where) {
    if (code == null) {
      return options.newAnalyzer();
    }
    if (code.startsWith("custom:")) {
      if (!code.equals(options.analyzerCode())) {
        throw new SearchIndexException(where == null ? Path.of(".") : where, "built with analyzer " + code
            + "; search it with SearchOptions.analyzer(\"" + code.substring(7) + "\", ...)", null);
      }
      return options.newAnalyzer();
    }
    try {
      return SearchLanguage.of(code).analyzer();
    } catch (IllegalArgumentException e) {
      throw new SearchIndexException(where == null ? Path.of(".") : where, "built with unknown analyzer " + code,
          e);
    }
  }

  /** {@return the readers this searcher reads hits with, in segment order} */
  public List<QrVideoReader> readers() {
    return readers;
  }

  /** Closes the index files, and the readers when this searcher owns them. Idempotent. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      index.close();
      analyzer.close();
    } finally {
      if (ownsReaders) {
        for (QrVideoReader r : readers) {
          r.close();
        }
      }
    }
  }
}
