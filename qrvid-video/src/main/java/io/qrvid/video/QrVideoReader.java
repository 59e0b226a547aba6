package io.qrvid.video;

import io.qrvid.core.ErasureCode;
import io.qrvid.core.ErrorCorrection;
import io.qrvid.core.FrameBatch;
import io.qrvid.core.FrameLayout;
import io.qrvid.core.FrameRanges;
import io.qrvid.core.internal.DaemonThreads;
import io.qrvid.core.FrameProgressListener;
import io.qrvid.core.FramePayload;
import io.qrvid.core.PayloadFormatException;
import io.qrvid.core.QrvidException;
import io.qrvid.decode.QrDecodeChain;
import io.qrvid.decode.QrDecoderType;
import io.qrvid.video.internal.HumbleDecoderSession;
import io.qrvid.video.search.SearchHit;
import io.qrvid.video.search.SearchOptions;
import io.qrvid.video.search.VideoSearcher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads documents and chunks back from a QR video written by {@link QrVideoEncoder}, exactly or not at all.
 *
 * <p>A long read (the whole video, or a long {@link #readFrames(long, long) range of frames}) is split into one range
 * of frames per {@link Builder#workers(int) worker}, each decoded by a video decoder session of its own that seeks to
 * the keyframe before its range, so that decoding scales with the cores ({@link #lastRanges()} reports the ranges;
 * see {@code docs/ranges.md}). A short read (a few chunks) decodes the video on the calling thread and reads the
 * symbols on the workers. Either way each symbol is read first by sampling the module grid the index describes (no
 * finder-pattern search), then, for a symbol that fails, by the {@link QrDecodeChain}. Every chunk's parts are reassembled and checked against their CRC32C, every document
 * against its length and SHA-256. Nothing is ever filled in from another source: a chunk that cannot be read is
 * reported by index in a {@link QrDecodeException}.
 *
 * <pre>{@code
 * try (QrVideoReader reader = QrVideoReader.open(Path.of("manual.mp4"))) {
 *   Map<String, byte[]> docs = reader.readAll();
 * }
 * }</pre>
 *
 * <p>A reader holds no native resources between calls, except the decoder session that {@link #chunksAt} (and so
 * search) keeps open on its own thread for the next random access; {@link #close()} closes it and stops the worker
 * pool. Calls on one reader are serialised; use one reader per thread for concurrent reads.
 */
public final class QrVideoReader implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(QrVideoReader.class);
  /** Frames to seek before the first wanted frame; more than x264's B-frame reordering delay. */
  private static final int SEEK_MARGIN_FRAMES = 8;

  private final Path video;
  private final VideoIndex index;
  /** The index's zstd dictionary, decoded and checked once, or null. */
  private final io.qrvid.core.@org.jspecify.annotations.Nullable CompressionDictionary dictionary;
  private final FrameLayout layout;
  private final QrDecodeChain chain;
  private final FrameSymbols symbols;
  private final int workers;
  private final FrameProgressListener listener;
  private final ExecutorService pool;
  private volatile ReadStats lastStats = new ReadStats(0, 0, 0, 0, 0, 0, 0, 0);
  private volatile FrameBatch.@Nullable Summary<ReadStats> lastRanges;
  private final int minRangeFrames;
  private final FrameBatch.Listener rangeListener;
  /** Why the last scan stopped before the end of the video (a damaged container), or null. */
  private volatile String lastDamage;
  /** Video positions (frame * symbolsPerFrame + slot) of the symbols the last read could not read. */
  private final java.util.Set<Long> unreadablePositions = ConcurrentHashMap.newKeySet();
  /** Symbol contents by video position, kept during a full scan of a parity-protected video. */
  private final Map<Long, byte[]> contents = new ConcurrentHashMap<>();
  /** Parsed payloads of recently decoded frames, least recently used first; guarded by itself. */
  private final Map<Long, List<FramePayload>> cache;
  /** Random access for search: a decoder session kept open between calls, owned by the seek thread. */
  private java.util.concurrent.ExecutorService seekThread;
  private HumbleDecoderSession seekSession;
  /**
   * Search: options (null for the defaults, made by the first search: a reader that never searches loads no Lucene
   * class), and the searcher opened by the first search (closed with the reader).
   */
  private final @Nullable SearchOptions searchOptions;
  private VideoSearcher searcher;

  private QrVideoReader(Builder b, Path video, VideoIndex index) {
    this.video = video;
    this.index = index;
    this.searchOptions = b.searchOptions;
    this.chain = b.chain;
    this.workers = b.workers;
    this.listener = b.listener;
    this.rangeListener = b.rangeListener;
    this.minRangeFrames = b.minRangeFrames > 0 ? b.minRangeFrames : (int) Math.min(4 * gop(index), 1 << 20);
    int capacity = b.cacheFrames;
    this.cache = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, List<FramePayload>> eldest) {
        return size() > capacity;
      }
    };
    index.validate(); // also done by VideoIndex.read; the layout below relies on it
    this.dictionary = index.dictionary() == null ? null : index.dictionary().decode();
    VideoIndex.Geometry g = index.geometry();
    this.layout = FrameLayout.builder().version(g.version()).errorCorrection(ErrorCorrection.valueOf(
        g.errorCorrection())).modulePixels(g.modulePixels()).quietZone(g.quietZone()).grid(g.columns(), g.rows())
        .frameAlignment(g.alignment()).build();
    this.symbols = new FrameSymbols(index, layout, chain);
    this.pool = DaemonThreads.fixedPool("qrvid-read", workers);
  }

  /**
   * A builder with the defaults for {@code video}; {@link Builder#build()} opens it.
   *
   * @param video the video file; its index is looked for at {@link VideoIndex#pathFor(Path)} unless
   *     {@link Builder#index(Path)} names another
   * @return a new builder
   * @throws NullPointerException if {@code video} is null
   */
  public static Builder builder(Path video) {
    return new Builder(video);
  }

  /**
   * Opens {@code video} with its index at {@link VideoIndex#pathFor(Path)} and default settings.
   *
   * @param video the video file
   * @return an open reader; close it when done
   * @throws java.nio.file.NoSuchFileException if the video does not exist
   * @throws VideoIndexException if the index is missing or invalid (its dictionary included)
   * @throws io.qrvid.core.CompressionUnavailableException if the index has a zstd dictionary and the zstd natives
   *     cannot be loaded
   * @throws IOException if the video or index cannot be read
   */
  public static QrVideoReader open(Path video) throws IOException {
    return builder(video).build();
  }

  /** {@return the video's index} */
  public VideoIndex index() {
    return index;
  }

  /** {@return the video file this reader reads} */
  public Path video() {
    return video;
  }

  /**
   * Searches the video's search index ({@code <video>.qrvid-search/}) for {@code query} and reads the {@code k} best
   * chunks from the video by random access, each verified by its CRC32C: BM25 over the chunks' text and titles, or
   * hybrid BM25 + vector ranking when the index has vectors and {@link Builder#searchOptions(SearchOptions)} an
   * embedder. The index is opened by the first search and closed with the reader. See {@link VideoSearcher} for
   * the query syntax.
   *
   * <pre>{@code
   * for (SearchHit hit : reader.search("insert mode", 5)) {
   *   System.out.println(hit.document() + " " + hit.page().map(p -> "p." + p).orElse("") + " " + hit.snippet());
   * }
   * }</pre>
   *
   * @param query the query in Lucene's simple query syntax (see {@link VideoSearcher})
   * @param k the most hits wanted, 1..10000
   * @return at most {@code k} hits, best first
   * @throws io.qrvid.video.search.SearchIndexException if the video has no search index or one for another video
   * @throws IllegalArgumentException if {@code k} is not in 1..10000
   * @throws IOException if the index or the video cannot be read
   */
  public List<SearchHit> search(String query, int k) throws IOException {
    VideoSearcher s;
    synchronized (this) {
      if (searcher == null) {
        searcher = VideoSearcher.open(this, searchOptions != null ? searchOptions : SearchOptions.defaults());
      }
      s = searcher;
    }
    return s.search(query, k);
  }

  /**
   * The symbols the last read could not read, as video positions ({@code frame * symbolsPerFrame + slot}),
   * ascending. With parity, some of them may have been rebuilt.
   *
   * @return a new list of the unreadable symbols' video positions, ascending; empty before any read
   */
  public List<Long> lastUnreadableSymbols() {
    return unreadablePositions.stream().sorted().toList();
  }

  /** {@return the statistics of the last read on this reader} */
  public ReadStats lastStats() {
    return lastStats;
  }

  /**
   * The ranges of the last read, when it read the video in parallel ranges ({@link #readAll()},
   * {@link #restoreTo(Path)} and {@link #readFrames(long, long)} on a long enough video): each range's outcome with
   * its own {@link ReadStats}, failures with their causes, wall time and frames per second. Empty after a read in
   * one decoder session.
   *
   * @return the summary of the last read's ranges, or empty
   */
  public Optional<FrameBatch.Summary<ReadStats>> lastRanges() {
    return Optional.ofNullable(lastRanges);
  }

  /**
   * Reads every stored document (not the text layers extracted from PDF, EPUB and HTML documents, which only feed
   * search).
   *
   * @return document name to its exact bytes, in index order
   * @throws QrDecodeException if any chunk could not be recovered; it names the chunks and documents, and holds
   *     the documents that were recovered and verified
   * @throws VideoIndexException if the video's payloads belong to another index
   * @throws IOException if the video cannot be read
   */
  public synchronized Map<String, byte[]> readAll() throws IOException {
    Map<Integer, List<FramePayload>> parts = scanFrames(0, Long.MAX_VALUE);
    if (index.geometry().parityShards() > 0) {
      repairWithParity(parts);
    }
    Map<Integer, byte[]> chunks = new ConcurrentHashMap<>();
    List<Integer> missing = new ArrayList<>();
    java.util.Set<Integer> layers = new java.util.HashSet<>();
    index.documents().stream().filter(VideoIndex.Document::textLayer).forEach(d -> layers.add(d.id()));
    for (VideoIndex.ChunkEntry entry : index.chunks()) {
      if (layers.contains(entry.document())) {
        continue; // text layers feed search only; they are verified when a search reads them
      }
      Optional<byte[]> bytes = recover(entry, parts.get(entry.index()));
      if (bytes.isPresent()) {
        chunks.put(entry.index(), bytes.get());
      } else {
        missing.add(entry.index());
      }
    }
    Map<String, byte[]> documents = new LinkedHashMap<>();
    List<String> incomplete = new ArrayList<>();
    for (VideoIndex.Document d : index.storedDocuments()) {
      Optional<byte[]> doc = rebuild(d, chunks);
      if (doc.isPresent()) {
        documents.put(d.name(), doc.get());
      } else {
        incomplete.add(d.name());
      }
    }
    if (!missing.isEmpty() || !incomplete.isEmpty()) {
      throw failure(missing, incomplete, documents);
    }
    return documents;
  }

  /**
   * Reads every document and writes each one that is recovered and verified into {@code dir} under its stored
   * name. Each file is written through a temporary file created new in {@code dir} (never through a link planted
   * there) and moved into place atomically, so nothing is ever written outside {@code dir} and no half-written file
   * looks complete; an existing file of the same name is replaced. Documents that cannot be recovered are not
   * written at all, and a document that cannot be written (a full disk, a folder in the way, a name this file
   * system folds onto another document's) does not stop the others.
   *
   * @param dir the destination folder, created with its parents if missing
   * @return the files written, in index order
   * @throws RestoreException after writing everything it could, if any chunk could not be recovered or any
   *     recovered document could not be written; it names each
   * @throws VideoIndexException if the video's payloads belong to another index
   * @throws IOException if the video cannot be read or {@code dir} cannot be created
   */
  public synchronized List<Path> restoreTo(Path dir) throws IOException {
    Objects.requireNonNull(dir, "dir == null");
    Files.createDirectories(dir);
    Map<String, byte[]> docs;
    QrDecodeException failure = null;
    try {
      docs = readAll();
    } catch (QrDecodeException e) {
      docs = e.recovered();
      failure = e;
    }
    return DocumentFiles.restore(dir, index.storedDocuments().stream().map(VideoIndex.Document::name).toList(),
        docs, failure);
  }

  /**
   * Reads one chunk's text bytes, decoding only the frames that hold it (and the frames before them, which the
   * video decoder must pass through).
   *
   * @param chunkIndex the chunk's index in the video's index, 0-based
   * @return the chunk's plain bytes (UTF-8 for text), verified by CRC32C
   * @throws IndexOutOfBoundsException if there is no such chunk
   * @throws QrDecodeException if the chunk could not be recovered
   * @throws IOException if the video cannot be read
   */
  public synchronized byte[] chunk(int chunkIndex) throws IOException {
    return chunks(chunkIndex, chunkIndex).get(0);
  }

  /**
   * Reads chunks {@code from..to} (inclusive) by seeking to the keyframe before the first frame that holds them and
   * decoding only as far as the last. Frames decoded recently are served from an LRU cache
   * ({@link Builder#cacheFrames(int)}). If the frames found by timestamp do not hold the chunks, the whole video is
   * scanned once before giving up, since payloads identify their chunk whatever frame they are in.
   *
   * @param from the first chunk index, 0-based
   * @param to the last chunk index, inclusive
   * @return each chunk's text bytes, in order
   * @throws IndexOutOfBoundsException if a chunk index is out of range, or {@code from > to}
   * @throws QrDecodeException naming the chunks that could not be recovered
   * @throws IOException if the video cannot be read
   */
  public synchronized List<byte[]> chunks(int from, int to) throws IOException {
    int n = index.chunks().size();
    Objects.checkFromToIndex(from, to + 1, n);
    int spf = index.symbolsPerFrame();
    long firstFrame = index.chunks().get(from).firstSymbol() / spf;
    long lastFrame = index.chunks().get(to).lastSymbol() / spf;
    Map<Integer, List<FramePayload>> parts = fromCache(firstFrame, lastFrame);
    if (parts == null) {
      parts = scan(firstFrame, lastFrame);
    }
    List<byte[]> out = new ArrayList<>(to - from + 1);
    List<Integer> missing = new ArrayList<>();
    for (int attempt = 0; attempt < 2; attempt++) {
      out.clear();
      missing.clear();
      for (int i = from; i <= to; i++) {
        Optional<byte[]> c = recover(index.chunks().get(i), parts.get(i));
        if (c.isPresent()) {
          out.add(c.get());
        } else {
          missing.add(i);
        }
      }
      if (missing.isEmpty() || attempt == 1) {
        break;
      }
      log.debug("chunks {} not found at their indexed frames; scanning the whole video", missing);
      parts = scanFrames(0, Long.MAX_VALUE);
    }
    if (!missing.isEmpty()) {
      List<String> docs = missing.stream().map(i -> index.documents().get(index.chunks().get(i).document()).name())
          .distinct().toList();
      throw failure(missing, docs, Map.of());
    }
    return out;
  }

  /**
   * Reads several chunks, anywhere in the video, in one decoder session: their frames are grouped into ranges
   * (chunks closer than half a GOP share a range, since decoding through the gap costs less than a seek from the
   * previous keyframe), each range is decoded after one seek, and frames in the LRU cache are not decoded again.
   * Search reads its hits this way. Unlike {@link #chunks(int, int)}, a chunk not found at its indexed frames is
   * not looked for in the rest of the video: it is reported missing.
   *
   * @param indexes chunk indexes, in any order; duplicates are read once
   * @return each recovered chunk's bytes (CRC32C verified) by index; chunks that could not be recovered are absent
   * @throws IndexOutOfBoundsException if an index is out of range
   * @throws IOException if the video cannot be read
   */
  public synchronized Map<Integer, byte[]> chunksAt(java.util.Collection<Integer> indexes) throws IOException {
    int n = index.chunks().size();
    java.util.TreeSet<Integer> wanted = new java.util.TreeSet<>();
    for (int i : indexes) {
      Objects.checkIndex(i, n);
      wanted.add(i);
    }
    Map<Integer, byte[]> out = new LinkedHashMap<>();
    if (wanted.isEmpty()) {
      return out;
    }
    int spf = index.symbolsPerFrame();
    Map<Integer, List<FramePayload>> parts = new java.util.HashMap<>();
    List<long[]> ranges = new ArrayList<>();
    for (int i : wanted) {
      VideoIndex.ChunkEntry e = index.chunks().get(i);
      long f0 = e.firstSymbol() / spf;
      long f1 = e.lastSymbol() / spf;
      Map<Integer, List<FramePayload>> cached = fromCache(f0, f1);
      if (cached != null && cached.containsKey(i)) {
        parts.put(i, cached.get(i));
        continue;
      }
      ranges.add(new long[] {f0, f1});
    }
    if (ranges.isEmpty()) {
      lastStats = new ReadStats(0, 0, 0, 0, 0, 0, 0, 0); // served from the frame cache
    } else {
      ranges.sort(java.util.Comparator.comparingLong(r -> r[0]));
      long gap = Math.max(2L * SEEK_MARGIN_FRAMES, gop(index) / 2);
      List<long[]> merged = new ArrayList<>();
      for (long[] r : ranges) {
        long[] lastRange = merged.isEmpty() ? null : merged.get(merged.size() - 1);
        if (lastRange != null && r[0] <= lastRange[1] + gap) {
          lastRange[1] = Math.max(lastRange[1], r[1]);
        } else {
          merged.add(new long[] {r[0], r[1]});
        }
      }
      Map<Integer, List<FramePayload>> scanned = scanWithKeptSession(merged.toArray(new long[0][]));
      for (int i : wanted) {
        if (!parts.containsKey(i) && scanned.containsKey(i)) {
          parts.put(i, scanned.get(i));
        }
      }
    }
    for (int i : wanted) {
      recover(index.chunks().get(i), parts.get(i)).ifPresent(b -> out.put(i, b));
    }
    return out;
  }

  /**
   * Scans on the seek thread, which owns a decoder session kept open between calls (opening one costs as much as
   * decoding the frames of a search's hits on a long fragmented MP4, whose fragments the demuxer indexes on open).
   * A failed scan closes the session; the next call opens a new one.
   */
  private Map<Integer, List<FramePayload>> scanWithKeptSession(long[][] ranges) throws IOException {
    if (seekThread == null) {
      seekThread = DaemonThreads.fixedPool("qrvid-seek", 1);
    }
    java.util.concurrent.Future<Map<Integer, List<FramePayload>>> f = seekThread.submit(() -> {
      if (seekSession == null) {
        seekSession = HumbleDecoderSession.open(video, index.codec().fps());
      }
      try {
        return scan(ranges, seekSession);
      } catch (IOException e) {
        // A seek failed on the kept session (a damaged container): drop it and read once with a fresh session,
        // which falls back to reading from the start.
        log.debug("random access: {}; reading again with a new session", e.getMessage());
        seekSession.close();
        seekSession = null;
        return scan(ranges, null);
      } catch (RuntimeException e) {
        seekSession.close();
        seekSession = null;
        throw e;
      }
    });
    try {
      return f.get();
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading " + video, e);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("reading frames failed", c);
    }
  }

  /**
   * Reads the chunks whose frames all lie in frames {@code first..last} (inclusive, 0-based), in parallel ranges
   * when the range is long enough (see {@link Builder#workers(int)}), each chunk checked against its CRC32C. A chunk
   * with only some of its frames in the range is never returned in part: it is listed in
   * {@link FrameRangeRead#cutChunks()} (widen the range, or read it with {@link #chunks(int, int)}). Documents whose
   * every chunk lies in the range are also rebuilt and checked against their SHA-256. Unlike {@link #chunks(int, int)},
   * chunks not found at their indexed frames are not looked for elsewhere: they are reported missing. Parity symbols
   * are not used (parity groups are repaired by whole-video reads only).
   *
   * <p>This is the per-range entry point of a distributed job (one call per partition, each on a reader of its own;
   * see {@code docs/ranges.md}): it depends on nothing but this reader and the files.
   *
   * @param first the first frame, 0-based
   * @param last the last frame, inclusive
   * @return the chunks read, the chunks cut by the range's ends, and the chunks missing
   * @throws IllegalArgumentException if {@code first < 0}, {@code first > last}, or {@code last} is not a frame of
   *     the video ({@code >= index().video().frames()})
   * @throws VideoIndexException if the video's frames or payloads belong to another index
   * @throws IOException if the video cannot be read, or the read was interrupted
   */
  public synchronized FrameRangeRead readFrames(long first, long last) throws IOException {
    long frames = index.video().frames();
    if (first < 0 || first > last) {
      throw new IllegalArgumentException("empty or reversed frame range " + first + ".." + last);
    }
    if (last >= frames) {
      throw new IllegalArgumentException("frames " + first + ".." + last + " are not all in the video, whose frames are 0.."
          + (frames - 1));
    }
    FrameRanges.Range range = new FrameRanges.Range(first, last);
    Map<Integer, List<FramePayload>> parts = scanFrames(first, last);
    int spf = index.symbolsPerFrame();
    Map<Integer, byte[]> chunks = new java.util.TreeMap<>();
    List<Integer> cut = new ArrayList<>();
    List<Integer> missing = new ArrayList<>();
    for (VideoIndex.ChunkEntry e : index.chunks()) {
      long f0 = e.firstSymbol() / spf;
      long f1 = e.lastSymbol() / spf;
      if (f1 < first || f0 > last) {
        continue;
      }
      if (f0 < first || f1 > last) {
        cut.add(e.index());
        continue;
      }
      Optional<byte[]> bytes = recover(e, parts.get(e.index()));
      if (bytes.isPresent()) {
        chunks.put(e.index(), bytes.get());
      } else {
        missing.add(e.index());
      }
    }
    Map<String, byte[]> documents = new LinkedHashMap<>();
    for (VideoIndex.Document d : index.storedDocuments()) {
      boolean inside = true;
      for (int i = d.firstChunk(); i < d.firstChunk() + d.chunkCount() && inside; i++) {
        inside = chunks.containsKey(i);
      }
      if (inside) {
        rebuild(d, chunks).ifPresent(bytes -> documents.put(d.name(), bytes));
      }
    }
    return new FrameRangeRead(range, chunks, cut, missing, documents, lastStats);
  }

  /**
   * Decodes frames {@code first..last} (clamped to the video) and returns their payloads by chunk index: in parallel
   * ranges, one decoder session per worker, when there is more than one worker and at least two ranges of
   * {@link Builder#minRangeFrames(int)} frames; on one worker, in one range on one thread; otherwise in one decoder
   * session with the symbols read on the worker pool.
   */
  private Map<Integer, List<FramePayload>> scanFrames(long first, long last) throws IOException {
    lastRanges = null;
    long lastFrame = Math.min(last, index.video().frames() - 1);
    long frames = lastFrame - first + 1;
    if (frames <= 0) {
      return scan(first, last);
    }
    int ranges = (int) Math.max(1, Math.min(workers, frames / minRangeFrames));
    if (workers > 1 && ranges == 1) {
      return scan(first, last);
    }
    ScanState state = newState(first == 0 && last == Long.MAX_VALUE);
    lastDamage = null;
    AtomicLong done = new AtomicLong();
    RangeReader reader = new RangeReader(video, index, symbols);
    FrameBatch.Summary<ReadStats> summary = FrameBatch.<ReadStats>builder(first, lastFrame,
            (r, context) -> reader.read(r, context, state, done, listener, frames))
        .workers(workers).ranges(ranges).executor(pool).progressListener(rangeListener)
        .name("read " + video.getFileName())
        .build().run();
    lastRanges = summary;
    lastStats = state.stats(frames);
    if (summary.cancelled() || Thread.currentThread().isInterrupted()) {
      throw new IOException("interrupted while reading " + video);
    }
    for (FrameBatch.Outcome<ReadStats> failed : summary.failures()) {
      Throwable cause = failed.cause().orElseThrow();
      if (cause instanceof QrvidException) {
        throw (QrvidException) cause; // an index of another video, an unsupported pixel format
      }
      if (!(cause instanceof IOException)) {
        throw new IllegalStateException("reading frames " + failed.range() + " failed", cause);
      }
      log.debug("frames {} of {}: {}", failed.range(), video, cause.getMessage());
      if (lastDamage == null) {
        lastDamage = "frames " + failed.range() + ": " + cause.getMessage();
      }
    }
    state.checkOwner(index.videoId());
    log.debug("read {} in {}", lastStats, summary);
    return state.parts;
  }

  /** The GOP length the index records (encoder option {@code g}), or 60 when it does not. */
  private static long gop(VideoIndex index) {
    try {
      String g = index.codec().options().get("g");
      return g == null ? 60 : Math.max(1, Long.parseLong(g));
    } catch (RuntimeException e) {
      return 60;
    }
  }

  private Map<Integer, List<FramePayload>> fromCache(long firstFrame, long lastFrame) {
    Map<Integer, List<FramePayload>> parts = new LinkedHashMap<>();
    synchronized (cache) {
      for (long f = firstFrame; f <= lastFrame; f++) {
        List<FramePayload> ps = cache.get(f);
        if (ps == null) {
          return null;
        }
        for (FramePayload p : ps) {
          parts.computeIfAbsent(p.chunkIndex(), k -> new ArrayList<>()).add(p);
        }
      }
    }
    return parts;
  }

  /**
   * Rebuilds data symbols that were lost or unreadable from their group's parity symbols, and adds their payloads.
   * A group with more missing symbols than parity symbols stays as it is.
   */
  private void repairWithParity(Map<Integer, List<FramePayload>> parts) {
    long rebuilt = ParityRepair.repair(index, layout.symbolCapacity(), contents,
        p -> parts.computeIfAbsent(p.chunkIndex(), c -> new CopyOnWriteArrayList<>()).add(p));
    ReadStats st = lastStats;
    lastStats = new ReadStats(st.framesDecoded(), st.framesExpected(), st.symbolsRead(), st.symbolsByGrid(),
        st.symbolsByChain(), st.symbolsUnreadable(), st.foreignPayloads(), rebuilt);
    contents.clear();
  }

  private Optional<byte[]> recover(VideoIndex.ChunkEntry entry, List<FramePayload> parts) {
    if (parts == null) {
      return Optional.empty();
    }
    try {
      byte[] plain = FramePayload.reassemble(parts, (int) (entry.byteEnd() - entry.byteStart()), dictionary);
      if (!entry.crc32c().matches(plain) || plain.length != entry.byteEnd() - entry.byteStart()) {
        log.debug("chunk {} does not match its index entry", entry.index());
        return Optional.empty();
      }
      return Optional.of(plain);
    } catch (PayloadFormatException | IllegalArgumentException e) {
      log.debug("chunk {}: {}", entry.index(), e.getMessage());
      return Optional.empty();
    }
  }

  private Optional<byte[]> rebuild(VideoIndex.Document d, Map<Integer, byte[]> chunks) {
    // Sized by what is actually recovered, never by the index's claim (validated, but still only a claim).
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = d.firstChunk(); i < d.firstChunk() + d.chunkCount(); i++) {
      byte[] c = chunks.get(i);
      if (c == null) {
        return Optional.empty();
      }
      VideoIndex.ChunkEntry e = index.chunks().get(i);
      long skip = out.size() - e.byteStart(); // overlap already written
      if (skip < 0 || skip > c.length) {
        return Optional.empty();
      }
      if (c.length - skip > d.bytes() - out.size()) {
        return Optional.empty(); // longer than the document: the SHA-256 check below could only fail
      }
      out.write(c, (int) skip, c.length - (int) skip);
    }
    byte[] bytes = out.toByteArray();
    if (bytes.length != d.bytes() || !d.sha256().matches(bytes)) {
      log.warn("document {} fails its SHA-256 check", io.qrvid.core.internal.SafeFiles.quote(d.name()));
      return Optional.empty();
    }
    return Optional.of(bytes);
  }

  private QrDecodeException failure(List<Integer> missing, List<String> incomplete, Map<String, byte[]> recovered) {
    StringBuilder m = new StringBuilder();
    m.append(missing.size()).append(" of ").append(index.chunks().size()).append(" chunks could not be recovered");
    if (!missing.isEmpty()) {
      m.append(": ").append(abbreviate(missing));
    }
    m.append("; incomplete documents: ").append(incomplete.isEmpty() ? "none" : String.join(", ", incomplete));
    ReadStats s = lastStats;
    m.append(" (frames decoded ").append(s.framesDecoded()).append(" of ").append(s.framesExpected())
        .append(", unreadable symbols ").append(s.symbolsUnreadable()).append(')');
    String damage = lastDamage;
    if (damage != null) {
      m.append("; ").append(damage);
    }
    try {
      long size = Files.size(video);
      if (size != index.video().bytes()) {
        m.append("; the video is ").append(size).append(" bytes but its index records ")
            .append(index.video().bytes()).append(": truncated or replaced?");
      }
    } catch (IOException ignored) {
      // the size note is a hint only
    }
    return new QrDecodeException(m.toString(), missing, incomplete, recovered);
  }

  private static String abbreviate(List<Integer> xs) {
    if (xs.size() <= 20) {
      return xs.toString();
    }
    return xs.subList(0, 20) + " and " + (xs.size() - 20) + " more";
  }

  /** Decodes frames {@code [first, last]} in one decoder session and returns their payloads by chunk index. */
  private Map<Integer, List<FramePayload>> scan(long first, long last) throws IOException {
    return scan(new long[][] {{first, last}}, null);
  }

  /**
   * Decodes the frames of each range {@code [first, last]} (ascending, disjoint, each next first more than
   * {@value #SEEK_MARGIN_FRAMES} frames after the previous last) in one decoder session, seeking before each, and
   * returns their payloads by chunk index. With {@code reuse}, that open session is read (seeking before every
   * range) and left open; otherwise a session is opened and closed.
   */
  private Map<Integer, List<FramePayload>> scan(long[][] ranges, @Nullable HumbleDecoderSession reuse)
      throws IOException {
    long first = ranges[0][0];
    long last = ranges[ranges.length - 1][1];
    ScanState state = newState(first == 0 && last == Long.MAX_VALUE);
    AtomicLong framesDone = new AtomicLong();
    AtomicReference<Throwable> error = new AtomicReference<>();
    lastDamage = null;
    Semaphore inFlight = new Semaphore(workers * 2 + 2);
    long expectedFrames = 0;
    for (long[] r : ranges) {
      expectedFrames += Math.max(0, Math.min(index.video().frames() - 1, r[1]) - r[0] + 1);
    }
    long expected = expectedFrames;
    HumbleDecoderSession session;
    try {
      session = reuse != null ? reuse : HumbleDecoderSession.open(video, index.codec().fps());
    } catch (IOException e) {
      lastStats = new ReadStats(0, index.video().frames(), 0, 0, 0, 0, 0, 0);
      lastDamage = e.getMessage();
      throw failure(index.chunks().stream().map(VideoIndex.ChunkEntry::index).toList(),
          index.storedDocuments().stream().map(VideoIndex.Document::name).toList(), Map.of());
    }
    long decoded = 0;
    try {
      symbols.checkFrameSize(session);
      for (long[] range : ranges) {
        long rangeFirst = range[0];
        long rangeLast = range[1];
        // Random access (a kept session) first seeks to the range itself: most qrvid videos have no B-frames, and
        // the margin below then only costs frames. If the first frame delivered lies after the range's start, the
        // keyframe found was too late: seek again with the margin.
        boolean probe = reuse != null && rangeFirst > 0;
        for (int attempt = probe ? 0 : 1; attempt < 2; attempt++) {
          // FFV1 is intra-only and never reorders frames: it needs no margin.
          long margin = attempt == 0 || "ffv1".equals(index.codec().codec()) ? 0 : SEEK_MARGIN_FRAMES;
          boolean probing = attempt == 0;
          long[] firstSeen = {-1};
          if (rangeFirst > 0 || reuse != null) {
            // MP4 seeks by decode timestamp: with B-frames the keyframe found for a presentation time can lie a
            // few frames after it, so aim a little earlier and skip what is not wanted.
            try {
              session.seekToFrame(Math.max(0, rangeFirst - margin));
            } catch (IOException e) {
              if (reuse != null) {
                throw e; // the kept session's owner reopens it and reads again with a fresh one
              }
              log.debug("{}; reading from the start instead", e.getMessage());
              session.close();
              session = HumbleDecoderSession.open(video, index.codec().fps());
            }
          }
          decoded += session.readFrames((frame, luma, w, h) -> {
            if (firstSeen[0] < 0) {
              firstSeen[0] = frame;
              if (probing && frame > rangeFirst) {
                return false; // the keyframe found lies after the range's start: seek again with the margin
              }
            }
            if (frame > rangeLast) {
              return false;
            }
            if (frame < rangeFirst || !symbols.accept(frame, w, h, state)) {
              return true;
            }
            inFlight.acquire();
            pool.execute(() -> {
              try {
                List<FramePayload> framePayloads = symbols.read(frame, luma, w, state);
                synchronized (cache) {
                  cache.put(frame, List.copyOf(framePayloads));
                }
              } catch (Throwable t) {
                error.compareAndSet(null, t);
              } finally {
                inFlight.release();
                listener.onProgress(framesDone.incrementAndGet(), expected);
              }
            });
            return frame < rangeLast; // the range's last frame: stop without decoding another
          });
          if (!probing || firstSeen[0] <= rangeFirst) {
            break;
          }
        }
      }
      inFlight.acquire(workers * 2 + 2);
      inFlight.release(workers * 2 + 2);
      lastDamage = session.damage().orElse(null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading " + video, e);
    } finally {
      if (reuse == null) {
        session.close();
      }
    }
    if (error.get() != null) {
      throw new IllegalStateException("reading a frame failed", error.get());
    }
    state.framesDecoded.set(decoded);
    lastStats = state.stats(expectedFrames);
    state.checkOwner(index.videoId());
    log.debug("read {}", lastStats);
    return state.parts;
  }

  /**
   * A new scan state on this reader's maps (cleared); a whole read of a video with parity keeps the symbol contents
   * that parity repair needs.
   */
  private ScanState newState(boolean whole) {
    boolean keepContents = index.geometry().parityShards() > 0 && whole;
    ParityLayout parityLayout = keepContents ? new ParityLayout(index.geometry().parityData(),
        index.geometry().parityShards(), index.geometry().interleave(), index.video().dataSymbols()) : null;
    return new ScanState(contents, unreadablePositions, parityLayout);
  }

  /**
   * Stops the worker pool, closes the search index if a search opened it, and the decoder session that
   * {@link #chunksAt} keeps open. Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (seekThread != null) {
        java.util.concurrent.Future<?> f = seekThread.submit(() -> {
          if (seekSession != null) {
            seekSession.close();
            seekSession = null;
          }
        });
        try {
          f.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
          log.debug("closing the random-access session: {}", e.toString());
        }
        seekThread.shutdownNow();
        seekThread = null;
      }
      if (searcher != null) {
        try {
          searcher.close();
        } catch (IOException e) {
          log.debug("closing the search index: {}", e.toString());
        }
        searcher = null;
      }
    }
    pool.shutdownNow();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Configures and opens a {@link QrVideoReader}; {@link #build()} opens the video. Mutable and not thread-safe.
   */
  public static final class Builder {
    private QrDecodeChain chain = QrDecodeChain.builder()
        .level1(QrDecoderType.ZXING_PURE, QrDecoderType.ZXING_HYBRID, QrDecoderType.BOOFCV)
        .level2()
        .timeBudget(java.time.Duration.ofMillis(500))
        .build();
    private int workers = Runtime.getRuntime().availableProcessors();
    private FrameProgressListener listener = FrameProgressListener.NONE;
    private final Path video;
    private Path indexPath;
    private int cacheFrames = 64;
    private int minRangeFrames;
    private FrameBatch.Listener rangeListener = FrameBatch.Listener.NONE;

    private @Nullable SearchOptions searchOptions; // null: SearchOptions.defaults(), made by the first search

    private Builder(Path video) {
      this.video = Objects.requireNonNull(video, "video == null");
    }

    /**
     * How {@link QrVideoReader#search(String, int)} analyses queries and which embedder it uses (default
     * {@link SearchOptions#defaults()}: the analyzer the index records, no vectors).
     *
     * @param options the search options
     * @return this builder
     * @throws NullPointerException if {@code options} is null
     */
    public Builder searchOptions(SearchOptions options) {
      this.searchOptions = Objects.requireNonNull(options, "options == null");
      return this;
    }

    /**
     * The fallback decode chain for symbols the grid sampler cannot read (default: level 1 only, ZXing pure and
     * hybrid then BoofCV, 500 ms budget per symbol; a lost frame then costs little, and a codec-damaged symbol is
     * still tried with finder-pattern search).
     *
     * @param chain the decode chain
     * @return this builder
     * @throws NullPointerException if {@code chain} is null
     */
    public Builder decodeChain(QrDecodeChain chain) {
      this.chain = Objects.requireNonNull(chain, "chain == null");
      return this;
    }

    /**
     * Threads that read the video (default: available processors). A whole-video or frame-range read of at least two
     * {@link #minRangeFrames(int) ranges} is split into one range per worker, each decoded by a session of its own
     * on its worker's thread; a shorter read decodes the video on the calling thread and reads the symbols on the
     * workers. With one worker, reads run on one thread.
     *
     * @param n the number of threads
     * @return this builder
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public Builder workers(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("workers < 1: " + n);
      }
      this.workers = n;
      return this;
    }

    /**
     * The fewest frames a parallel range may have (default: 4 GOPs of the video, 240 frames for the default GOP of
     * 60): each range starts with a seek and decodes up to a GOP of frames it does not need, so short ranges cost
     * more than they gain.
     *
     * @param frames the fewest frames per range
     * @return this builder
     * @throws IllegalArgumentException if {@code frames < 1}
     */
    public Builder minRangeFrames(int frames) {
      if (frames < 1) {
        throw new IllegalArgumentException("minRangeFrames < 1: " + frames);
      }
      this.minRangeFrames = frames;
      return this;
    }

    /**
     * Receives the start and finish of each range of a parallel read, and its progress as a fraction (default none);
     * see {@link FrameBatch.Listener}.
     *
     * @param listener the listener, called from the worker threads one call at a time
     * @return this builder
     * @throws NullPointerException if {@code listener} is null
     */
    public Builder rangeListener(FrameBatch.Listener listener) {
      this.rangeListener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /**
     * Progress in frames, called from worker threads (default none); must be thread-safe.
     *
     * @param listener the listener
     * @return this builder
     * @throws NullPointerException if {@code listener} is null
     */
    public Builder progressListener(FrameProgressListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /**
     * How many decoded frames' payloads to keep for random access (default 64; 0 disables the cache). Each entry
     * holds at most one frame's payload bytes (about 3 KB per version-40 symbol).
     *
     * @param frames the most frames cached, 0 for none
     * @return this builder
     * @throws IllegalArgumentException if {@code frames < 0}
     */
    public Builder cacheFrames(int frames) {
      if (frames < 0) {
        throw new IllegalArgumentException("cacheFrames < 0: " + frames);
      }
      this.cacheFrames = frames;
      return this;
    }

    /**
     * The index file, when it is not at {@link VideoIndex#pathFor(Path)}.
     *
     * @param indexPath the index file
     * @return this builder
     * @throws NullPointerException if {@code indexPath} is null
     */
    public Builder index(Path indexPath) {
      this.indexPath = Objects.requireNonNull(indexPath, "indexPath == null");
      return this;
    }

    /**
     * Opens the reader for the video given to {@link QrVideoReader#builder(Path)}.
     *
     * @return an open reader; close it when done
     * @throws java.nio.file.NoSuchFileException if the video does not exist
     * @throws VideoIndexException if the index is missing or invalid
     * @throws IOException if a file cannot be read
     */
    public QrVideoReader build() throws IOException {
      if (!Files.isRegularFile(video)) {
        throw new java.nio.file.NoSuchFileException(video.toString(), null, "video not found");
      }
      VideoIndex index = VideoIndex.read(indexPath != null ? indexPath : VideoIndex.pathFor(video));
      return new QrVideoReader(this, video, index);
    }
  }
}
