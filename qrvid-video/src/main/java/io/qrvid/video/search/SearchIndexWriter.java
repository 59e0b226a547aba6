package io.qrvid.video.search;

import io.qrvid.video.QrVideoReader;
import io.qrvid.video.VideoIndex;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.NIOFSDirectory;
import org.jspecify.annotations.Nullable;

/**
 * Builds a video's search index, {@code <video>.qrvid-search/}: one Lucene document per searchable chunk holding
 * the chunk's index (doc values), its text's and title's postings (BM25) and, with an {@link Embedder}, its vector
 * (HNSW). No text is stored: not as stored fields, not as term vectors, not as offsets; the video is the only copy.
 * The index records the video's id, the analyzer's code and the embedder's name, and is checked against them when
 * opened.
 *
 * <p>{@link io.qrvid.video.QrVideoEncoder} uses it while encoding (the default); {@link #rebuild} makes one for an
 * existing video. The index is built in a hidden temporary folder next to the video and moved into place by
 * {@link #publish(int)}; {@link #close()} without a publish deletes it, so a failed build leaves nothing that looks
 * like an index.
 *
 * <pre>{@code
 * try (SearchIndexWriter w = SearchIndexWriter.create(video, SearchOptions.defaults())) {
 *   w.add(chunkIndex, chunkText, title);      // per searchable chunk
 *   w.publish(videoId);                       // commit, then move into place
 * }
 * }</pre>
 *
 * <p>Lucene's work runs on one background thread of the writer ({@code qrvid-search-index}), in the order of the
 * calls, so that indexing overlaps the caller's own work (for the encoder: compressing, rendering and encoding the
 * video); the caller waits only in {@link #prepare(int)} and {@link #close()}, and in {@link #add} when 64 chunks are
 * already waiting. An error of that thread (the index cannot be written) is thrown by the next {@link #add},
 * {@link #prepare(int)} or {@link #publish(int)}. Measured with {@code qrvid bench cli}: the search index was about
 * 0.15 s of the 0.4 s a small encode took on one thread from the shell. Every Lucene class a writer uses is
 * initialised on that thread too, after the analyzer: the caller never initialises Lucene classes at the same time
 * (Lucene 9.12's {@code IndexWriter} and {@code ConcurrentMergeScheduler} initialisers wait for each other).
 *
 * <p>Not thread-safe: one thread adds chunks.
 */
public final class SearchIndexWriter implements AutoCloseable {
  /** The suffix appended to the video's file name to name its search index folder. */
  public static final String SUFFIX = ".qrvid-search";
  /** The search index format version this library writes and reads. */
  public static final int FORMAT_VERSION = 1;

  /** Chunks that may wait for the background thread before {@link #add} blocks. */
  private static final int QUEUE = 64;

  private final Path video;
  private final SearchOptions options;
  private final Path tmp;
  private final Analyzer analyzer;
  private final Worker worker;
  private final boolean zeroVectors;
  /** Set and used on the worker thread only. */
  private @Nullable Directory directory;
  private @Nullable IndexWriter writer;
  private final @Nullable Embedder embedder;
  private int dimension = -1;
  private int chunks;
  private boolean published;
  private boolean committed;
  private boolean closed;
  private boolean finishedAdding;

  private SearchIndexWriter(Path video, SearchOptions options) throws IOException {
    this.video = video;
    this.options = options;
    this.embedder = options.embedder().orElse(null);
    this.zeroVectors = options.similarity() != org.apache.lucene.index.VectorSimilarityFunction.COSINE;
    this.tmp = newHiddenFolder(video, "");
    Analyzer a = null;
    try {
      a = options.newAnalyzer();
    } finally {
      if (a == null) {
        SearchFields.deleteTree(tmp);
      }
    }
    this.analyzer = a;
    this.worker = new Worker();
    worker.submit(() -> {
      // NIOFSDirectory, not FSDirectory.open's MMapDirectory: the writer only writes its files and reads each back
      // once (checksums, the compound file), and MMapDirectory's set-up (its unmapping method handles) cost a cold
      // JVM 80-90 ms against 25 ms (measured: create, write and read one file, C1 only). Same files either way.
      Directory d = new NoSyncDirectory(new NIOFSDirectory(tmp));
      try {
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
            .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
            .setUseCompoundFile(true)
            .setCommitOnClose(false)
            .setRAMBufferSizeMB(32);
        TieredMergePolicy merges = new TieredMergePolicy();
        merges.setNoCFSRatio(1.0);
        config.setMergePolicy(merges);
        writer = new IndexWriter(d, config);
        directory = d;
      } finally {
        if (writer == null) {
          d.close();
        }
      }
    });
  }

  /**
   * Creates {@code .<video>.qrvid-search-<tag><random>} beside the video with the process's default permissions
   * (unlike {@link Files#createTempDirectory}, which makes it private to the user).
   */
  private static Path newHiddenFolder(Path video, String tag) throws IOException {
    Path parent = video.toAbsolutePath().getParent();
    java.security.SecureRandom random = new java.security.SecureRandom();
    for (int attempt = 0; ; attempt++) {
      Path p = parent.resolve("." + video.getFileName() + SUFFIX + "-" + tag
          + Long.toUnsignedString(random.nextLong(), 36));
      try {
        return Files.createDirectory(p);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        if (attempt > 10) {
          throw e;
        }
      }
    }
  }

  /**
   * Starts a search index for {@code video} (which need not exist yet), in a temporary folder beside it.
   *
   * @param video the video the index is for; the index is published as {@link #pathFor(Path) pathFor(video)}
   * @param options the analyzer and optional embedder
   * @return an open writer; close it (a writer closed unpublished deletes its temporary folder)
   * @throws NullPointerException if an argument is null
   * @throws IOException if the folder cannot be created
   */
  public static SearchIndexWriter create(Path video, SearchOptions options) throws IOException {
    Objects.requireNonNull(video, "video == null");
    Objects.requireNonNull(options, "options == null");
    return new SearchIndexWriter(video, options);
  }

  /**
   * The search index folder of {@code video}: its name with {@value #SUFFIX} appended.
   *
   * @param video the video
   * @return the folder beside the video; it may not exist
   */
  public static Path pathFor(Path video) {
    return video.resolveSibling(video.getFileName() + SUFFIX);
  }

  /**
   * Deletes {@code video}'s search index, if there is one.
   *
   * @param video the video whose search index ({@link #pathFor(Path)}) is deleted
   * @throws IOException if it cannot be deleted
   */
  public static void delete(Path video) throws IOException {
    SearchFields.deleteTree(pathFor(video));
  }

  /**
   * Indexes one chunk.
   *
   * @param chunk the chunk's index in the video
   * @param text the chunk's text (analysed, not stored)
   * @param title the chunk's section title, if any (analysed, not stored)
   * @throws IllegalArgumentException if the embedder returns a vector of another dimension than before, of more
   *     than 1024 or no components, or with a component that is not finite
   * @throws IllegalStateException after {@link #finishAdding()}, {@link #prepare(int)} or {@link #close()}
   * @throws IOException if the index cannot be written (this chunk's or an earlier one's failure on the writer's
   *     thread)
   */
  public void add(int chunk, String text, @Nullable String title) throws IOException {
    Objects.requireNonNull(text, "text == null");
    if (committed || closed || finishedAdding) {
      throw new IllegalStateException("the search index writer is " + (closed ? "closed" : committed ? "prepared"
          : "finished adding"));
    }
    worker.rethrow();
    float[] vector = null;
    if (embedder != null) {
      float[] v = embedder.embed(text);
      checkVector(v, "chunk " + chunk);
      if (dimension < 0) {
        dimension = v.length;
      } else if (v.length != dimension) {
        throw new IllegalArgumentException("embedder gave chunk " + chunk + " a vector of " + v.length
            + " components after vectors of " + dimension);
      }
      if (!isZero(v) || zeroVectors) {
        vector = v;
      }
    }
    float[] v = vector;
    worker.submit(() -> {
      Document doc = new Document();
      doc.add(new NumericDocValuesField(SearchFields.CHUNK, chunk));
      doc.add(new Field(SearchFields.TEXT, text, SearchFields.INDEXED_TEXT));
      if (title != null && !title.isEmpty()) {
        doc.add(new Field(SearchFields.TITLE, title, SearchFields.INDEXED_TEXT));
      }
      if (v != null) {
        doc.add(new KnnFloatVectorField(SearchFields.VECTOR, v, options.similarity()));
      }
      writer.addDocument(doc);
    });
    chunks++;
  }

  /**
   * Declares that no chunk follows: the chunks added so far start being written as an index segment on the writer's
   * thread at once, so that {@link #prepare(int)} later has only the commit left (the encoder calls this when its
   * last chunk is packed, and {@link #prepare(int)} after the video is written). Optional: {@link #prepare(int)}
   * does it when it was not done. Idempotent.
   *
   * @throws IllegalStateException after {@link #prepare(int)} or {@link #close()}
   * @throws IOException if indexing an earlier chunk failed
   */
  public void finishAdding() throws IOException {
    if (committed || closed) {
      throw new IllegalStateException("the search index writer is " + (closed ? "closed" : "prepared"));
    }
    worker.rethrow();
    if (!finishedAdding) {
      finishedAdding = true;
      worker.submit(() -> writer.flush());
    }
  }

  /** {@return the number of chunks added so far} */
  public int chunks() {
    return chunks;
  }

  /**
   * Commits the index, recording {@code videoId}, and moves it into place as {@link #pathFor(Path)}, replacing an
   * older index of that name: {@link #prepare(int)}, then {@link #publish()}.
   *
   * @param videoId the id of the video the index belongs to, as in its index
   * @return the index folder
   * @throws IllegalStateException if already prepared, published or closed
   * @throws IOException if committing or moving fails; no index is then left under the final name by this call
   */
  public Path publish(int videoId) throws IOException {
    prepare(videoId);
    return publish();
  }

  /**
   * Commits the index in its temporary folder, recording {@code videoId}; no chunk can be added after. The encoder
   * prepares the index before it replaces a previous video, so that only renames remain once the video is in place.
   *
   * @param videoId the id of the video the index belongs to, as in its index
   * @throws IllegalStateException if already prepared, published or closed
   * @throws IOException if committing fails
   */
  public void prepare(int videoId) throws IOException {
    if (committed || published || closed) {
      throw new IllegalStateException("the search index writer is already "
          + (closed ? "closed" : published ? "published" : "prepared"));
    }
    Map<String, String> data = new HashMap<>();
    data.put(SearchFields.KEY_FORMAT, Integer.toString(FORMAT_VERSION));
    data.put(SearchFields.KEY_VIDEO_ID, Integer.toString(videoId));
    data.put(SearchFields.KEY_ANALYZER, options.analyzerCode());
    data.put(SearchFields.KEY_CHUNKS, Integer.toString(chunks));
    if (embedder != null && dimension > 0) {
      data.put(SearchFields.KEY_EMBEDDER, embedder.name());
      data.put(SearchFields.KEY_DIMENSION, Integer.toString(dimension));
      data.put(SearchFields.KEY_SIMILARITY, options.similarity().name());
    }
    worker.submit(() -> {
      writer.forceMerge(1);
      writer.setLiveCommitData(data.entrySet());
      writer.commit();
    });
    worker.await();
    committed = true;
    worker.submit(() -> {
      try {
        writer.close();
        directory.close();
      } finally {
        analyzer.close();
      }
    });
    worker.finish();
    Files.deleteIfExists(tmp.resolve(IndexWriter.WRITE_LOCK_NAME)); // released; Lucene leaves the empty file
  }

  /**
   * Moves the prepared index into place as {@link #pathFor(Path)}, replacing an older index of that name (renames
   * only).
   *
   * @return the index folder
   * @throws IllegalStateException unless prepared and not yet published
   * @throws IOException if a move fails; the new index is then discarded by {@link #close()}
   */
  public Path publish() throws IOException {
    if (!committed || published || closed) {
      throw new IllegalStateException("the search index writer is " + (closed ? "closed" : published ? "published"
          : "not prepared"));
    }
    Path target = pathFor(video);
    Path old = null;
    if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      old = newHiddenFolder(video, "old-");
      Files.delete(old);
      Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    published = true;
    if (old != null) {
      SearchFields.deleteTree(old);
    }
    return target;
  }

  /** Discards the index unless it was published, and releases its files. Idempotent. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (!committed) {
        worker.submitAlways(() -> {
          try {
            if (writer != null) {
              writer.rollback();
            }
          } finally {
            try {
              if (directory != null) {
                directory.close();
              }
            } finally {
              analyzer.close();
            }
          }
        });
      }
      worker.finishAfterReported();
    } finally {
      if (!published) {
        SearchFields.deleteTree(tmp);
      }
    }
  }

  /** A Lucene call run on the worker thread. */
  private interface Task {
    void run() throws IOException;
  }

  /**
   * The writer's background thread: runs tasks one at a time in submission order; after a task fails, skips the
   * tasks submitted with {@link #submit} and keeps the first failure for {@link #rethrow}.
   */
  private static final class Worker {
    private final java.util.concurrent.ThreadPoolExecutor executor;
    private volatile @Nullable Throwable failure;
    private boolean reported;
    private java.util.concurrent.@Nullable Future<?> last;

    Worker() {
      executor = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0, java.util.concurrent.TimeUnit.SECONDS,
          new java.util.concurrent.ArrayBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "qrvid-search-index");
            t.setDaemon(true);
            return t;
          }, (r, e) -> {
            try {
              e.getQueue().put(r); // the caller waits for room: at most QUEUE chunks in memory
            } catch (InterruptedException ie) {
              Thread.currentThread().interrupt();
              throw new java.util.concurrent.RejectedExecutionException("interrupted", ie);
            }
          });
    }

    void submit(Task task) {
      last = executor.submit(() -> {
        if (failure == null) {
          try {
            task.run();
          } catch (Throwable t) {
            failure = t;
          }
        }
      });
    }

    /** Runs {@code task} even after a failure (clean-up); its own failure is kept unless an earlier one is. */
    void submitAlways(Task task) {
      last = executor.submit(() -> {
        try {
          task.run();
        } catch (Throwable t) {
          if (failure == null) {
            failure = t;
          }
        }
      });
    }

    /** Waits for every task submitted so far, then {@link #rethrow}s. */
    void await() throws IOException {
      java.util.concurrent.Future<?> f = last;
      if (f != null) {
        boolean interrupted = false;
        while (true) {
          try {
            f.get();
            break;
          } catch (InterruptedException e) {
            interrupted = true; // the index must not be left half-written by a thread still running
          } catch (java.util.concurrent.ExecutionException e) {
            failure = failure == null ? e.getCause() : failure;
            break;
          }
        }
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
      rethrow();
    }

    /** Waits for every task, stops the thread, then {@link #rethrow}s. */
    void finish() throws IOException {
      try {
        await();
      } finally {
        executor.shutdown();
      }
    }

    /**
     * Waits for every task and stops the thread; throws a failure only if no call has thrown it yet (for
     * {@link SearchIndexWriter#close()}, which follows a failed call in a try-with-resources).
     */
    void finishAfterReported() throws IOException {
      boolean wasReported = reported;
      try {
        finish();
      } catch (IOException | RuntimeException | Error e) {
        if (!wasReported) {
          throw e;
        }
      }
    }

    /** Throws the first failure of a task, as it was thrown (on the worker thread). */
    void rethrow() throws IOException {
      Throwable t = failure;
      if (t == null) {
        return;
      }
      reported = true;
      if (t instanceof IOException e) {
        throw e;
      }
      if (t instanceof RuntimeException e) {
        throw e;
      }
      if (t instanceof Error e) {
        throw e;
      }
      throw new IOException(t);
    }
  }

  /**
   * Builds the search index of an existing video from its chunks, read back from the video (for videos encoded
   * without an index, or to change the analyzer or add vectors). Replaces an existing index.
   *
   * @param reader an open reader of the video; the caller keeps it and closes it
   * @param options the analyzer and optional embedder of the new index
   * @return the index folder
   * @throws io.qrvid.video.QrDecodeException if a searchable chunk cannot be read; no index is written then
   * @throws SearchIndexException if a searchable chunk is not valid UTF-8
   * @throws IOException if the video cannot be read or the index cannot be written
   */
  public static Path rebuild(QrVideoReader reader, SearchOptions options) throws IOException {
    VideoIndex index = reader.index();
    try (SearchIndexWriter w = create(reader.video(), options)) {
      for (VideoIndex.Document d : index.documents()) {
        if (!SearchFields.searchable(index, d) || d.chunkCount() == 0) {
          continue;
        }
        int first = d.firstChunk();
        int last = first + d.chunkCount() - 1;
        for (int from = first; from <= last; from += 64) {
          int to = Math.min(last, from + 63);
          List<byte[]> texts = reader.chunks(from, to);
          for (int i = from; i <= to; i++) {
            VideoIndex.ChunkEntry e = index.chunks().get(i);
            w.add(i, utf8(texts.get(i - from), pathFor(reader.video()), i), e.title());
          }
        }
      }
      return w.publish(index.videoId());
    }
  }

  static String utf8(byte[] bytes, Path indexPath, int chunk) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new SearchIndexException(indexPath, "chunk " + chunk + " is not UTF-8 text", e);
    }
  }

  static void checkVector(float[] v, String what) {
    Objects.requireNonNull(v, "embedder returned null");
    if (v.length == 0 || v.length > 1024) {
      throw new IllegalArgumentException("embedder gave " + what + " a vector of " + v.length
          + " components (1..1024 allowed)");
    }
    for (float x : v) {
      if (!Float.isFinite(x)) {
        throw new IllegalArgumentException("embedder gave " + what + " a vector with a non-finite component");
      }
    }
  }

  static boolean isZero(float[] v) {
    for (float x : v) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Skips Lucene's fsync calls: the index is moved into place only after its commit, like the video and its JSON
   * index, which are not synced either; a crash before the move leaves only a hidden temporary folder, and a torn
   * index after one is reported by the searcher and rebuilt from the video. Measured on the Vim manual: the fsyncs of
   * one commit took longer than indexing the text on a busy disk.
   */
  private static final class NoSyncDirectory extends org.apache.lucene.store.FilterDirectory {
    NoSyncDirectory(Directory in) {
      super(in);
    }

    @Override
    public void sync(java.util.Collection<String> names) {
      // see the class comment
    }

    @Override
    public void syncMetaData() {
      // see the class comment
    }
  }
}
