package io.qrvid.video;

import io.qrvid.core.Chunk;
import io.qrvid.core.ChunkCompression;
import io.qrvid.core.ChunkCompressor;
import io.qrvid.core.CompressionDictionary;
import io.qrvid.core.Crc32c;
import io.qrvid.core.Sha256;
import io.qrvid.core.internal.SafeFiles;
import java.nio.channels.SeekableByteChannel;
import java.util.Optional;
import java.util.function.UnaryOperator;
import io.qrvid.core.ErasureCode;
import io.qrvid.core.ParityPayload;
import io.qrvid.core.FrameLayout;
import io.qrvid.core.internal.DaemonThreads;
import io.qrvid.core.FrameProgressListener;
import io.qrvid.core.FramePayload;
import io.qrvid.core.MaskPolicy;
import io.qrvid.core.PayloadPacker;
import io.qrvid.core.QrFrameGenerator;
import io.qrvid.core.TextChunker;
import io.qrvid.video.ingest.DocumentIngester;
import io.qrvid.video.ingest.DocumentParseException;
import io.qrvid.video.ingest.ExtractedText;
import io.qrvid.video.ingest.IngestedDocument;
import io.qrvid.video.internal.HumbleEncoderSession;
import io.qrvid.video.search.SearchIndexWriter;
import io.qrvid.video.search.SearchOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores files as QR symbols in a video, with a JSON {@link VideoIndex} and a search index next to it.
 *
 * <p>Every file is stored byte for byte: UTF-8 text is cut into chunks by characters ({@link TextChunker}), any
 * other file by bytes. Text extracted from PDF, EPUB and HTML files ({@link DocumentIngester}) is stored too, as the
 * document's text layer, with page numbers and titles on its chunks, and every searchable chunk goes into the
 * search index ({@link SearchIndexWriter}, {@code <video>.qrvid-search/}) as it is packed. Each chunk is compressed and packed into symbols as
 * {@link FramePayload}s ({@link PayloadPacker}), symbols are rendered into luma planes on worker threads
 * ({@link QrFrameGenerator}) while the calling thread streams them into the encoder (Humble Video, H.264/MP4 by
 * default). Packing, rendering and encoding overlap, and memory stays bounded whatever the input size: a few frames
 * in flight, one parity group, and the index entries. No PNG files and no {@code BufferedImage}s are involved.
 *
 * <p>Output is atomic and confined: the video and its index are written to temporary files created new in the
 * output's folder ({@code .<name>.<random>.part}; FFmpeg writes through qrvid's own channel, never by path), and a
 * previous pair of that name is replaced only when both new files are complete, video first and index last. A
 * failure at any point, a full disk included, leaves a previous pair exactly as it was and no temporary file. An
 * input that is the output video or its index is refused before any work, so an encode never replaces its input.
 *
 * <pre>{@code
 * QrVideoEncoder encoder = QrVideoEncoder.builder().build();
 * EncodeResult r = encoder.encode(List.of(Path.of("usr_01.txt")), Path.of("manual.mp4"));
 * }</pre>
 *
 * <p>The search index is built in a hidden folder beside the output, committed before the video and index replace a
 * previous pair, and moved into place right after them; a failed encode leaves none.
 *
 * <p>Defaults: {@link CodecProfile#dense()} with its layout, the best mask pattern,
 * {@value #DEFAULT_CHUNK_SIZE}-character chunks ({@value #DEFAULT_BINARY_CHUNK_BYTES}-byte chunks for files stored
 * as bytes), zstd with a dictionary trained on the documents' text chunks ({@link CompressionDictionary}, stored once
 * in the index), formats 2 (payload and index), no parity, workers = available processors, text extraction on, a
 * search index with English analysis.
 * Instances are immutable and thread-safe; each {@code encode} call uses its own short-lived worker pool.
 */
public final class QrVideoEncoder {
  private static final Logger log = LoggerFactory.getLogger(QrVideoEncoder.class);
  /**
   * The default chunk size in characters. On the vim manual with lossless H.264 (qp 0, preset medium), (video + index) /
   * text was 1.107 with 2000-character chunks, 0.956 with 4000 and 0.866 with 8000 (fewer index entries, better
   * Deflate); 4000 characters still fit about one version-40-L symbol after Deflate, so a chunk read decodes one or
   * two frames.
   */
  public static final int DEFAULT_CHUNK_SIZE = 4000;
  /**
   * The default chunk size for documents stored as bytes: 64 KiB, so that a binary document costs few index entries
   * (about 250 bytes of JSON each); its chunks are not searched and are read whole.
   */
  public static final int DEFAULT_BINARY_CHUNK_BYTES = 64 * 1024;

  private final FrameLayout layout;
  private final MaskPolicy maskPolicy;
  private final CodecProfile profile;
  private final TextChunker chunker;
  private final ChunkCompression compression;
  private final boolean dictionary;
  private final int formatVersion;
  private final int workers;
  private final FrameProgressListener listener;
  private final int parityData;
  private final int parityShards;
  private final int parityInterleave;
  private final UnaryOperator<SeekableByteChannel> channelFilter;
  private final DocumentIngester ingester;
  private final int binaryChunkBytes;
  private final boolean searchIndex;
  private final SearchOptions searchOptions;

  private QrVideoEncoder(Builder b) {
    ingester = b.ingester;
    binaryChunkBytes = b.binaryChunkBytes;
    searchIndex = b.searchIndex;
    searchOptions = b.searchOptions;
    channelFilter = b.channelFilter;
    parityData = b.parityData;
    parityShards = b.parityShards;
    parityInterleave = b.parityInterleave;
    layout = b.layout != null ? b.layout : b.profile.layout();
    maskPolicy = b.maskPolicy;
    profile = b.profile;
    chunker = b.chunker;
    compression = b.compression;
    dictionary = b.dictionary;
    formatVersion = b.formatVersion;
    workers = b.workers;
    listener = b.listener;
  }

  /** {@return a builder with the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder initialised from this encoder's settings} */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** {@return the frame layout} */
  public FrameLayout layout() {
    return layout;
  }

  /** {@return the chunker} */
  public TextChunker chunker() {
    return chunker;
  }

  /** {@return the codec profile} */
  public CodecProfile profile() {
    return profile;
  }

  /**
   * Encodes files, each stored under its file name and restored byte for byte: UTF-8 text is cut into chunks by
   * characters, anything else by bytes. With the default {@link DocumentIngester}, text is extracted from PDF, EPUB
   * and HTML files (with page numbers and titles) and stored as their text layer for search; Markdown headings
   * become chunk titles. Every file is read and parsed before anything is written.
   *
   * @param files the documents, in order; each must be a non-empty file with a distinct file name
   * @param output the video to write; its index goes to {@link VideoIndex#pathFor(Path)} and, unless turned off, its
   *     search index to {@link SearchIndexWriter#pathFor(Path)}
   * @return what was written: files, counts, sizes and time
   * @throws InvalidDocumentException if a file is empty or a directory, its name repeats another's, or it is the
   *     output video or its index
   * @throws DocumentParseException if a PDF, EPUB or HTML file cannot be parsed (it names the file)
   * @throws IllegalArgumentException if the output's name does not match the profile's container
   * @throws NoSuchFileException if a file does not exist
   * @throws IOException if a file cannot be read, or the output cannot be written
   * @throws VideoEncodingException if the video encoder fails
   * @throws NativeLibraryUnavailableException if Humble Video has no natives for this platform
   */
  public EncodeResult encode(List<Path> files, Path output) throws IOException {
    Objects.requireNonNull(files, "files == null");
    Objects.requireNonNull(output, "output == null");
    EncodeOutput.check(output, files, profile);
    prepareSymbols();
    List<IngestedDocument> docs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Path f : files) {
      String name = f.getFileName() == null ? f.toString() : f.getFileName().toString();
      if (!names.add(name)) {
        throw new InvalidDocumentException(f.toString(), "another input has the same file name '" + name
            + "'; documents are restored by name, so names must be unique");
      }
      if (Files.isDirectory(f)) {
        throw new InvalidDocumentException(f.toString(), "is a directory, not a file");
      }
      if (Files.isRegularFile(f) && Files.size(f) == 0) {
        throw new InvalidDocumentException(f.toString(), "file is empty; there is nothing to store");
      }
      docs.add(ingester.ingest(f));
    }
    return encode(docs, output, files);
  }

  /**
   * Encodes in-memory text documents, stored as their UTF-8 bytes (names ending in {@code .md} or {@code .html}
   * are ingested as Markdown or HTML, see {@link #encode(List, Path)}).
   *
   * @param documents document name to text, in order; names are restored as file names, so each must be a plain
   *     file name: not empty, {@code .} or {@code ..}, without {@code /}, {@code \} or control characters, at
   *     most 255 bytes in UTF-8 ({@link #checkName(String)}); texts must be non-empty
   * @param output the video to write
   * @return what was written: files, counts, sizes and time
   * @throws InvalidDocumentException if there are no documents, a text is empty, or a name is not a plain file name
   * @throws IllegalArgumentException if the output's name does not match the profile's container
   * @throws IOException if the output cannot be written
   * @throws VideoEncodingException if the video encoder fails
   * @throws NativeLibraryUnavailableException if Humble Video has no natives for this platform
   */
  public EncodeResult encodeTexts(Map<String, String> documents, Path output) throws IOException {
    Objects.requireNonNull(documents, "documents == null");
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : documents.entrySet()) {
      if (e.getValue() == null || e.getValue().isEmpty()) {
        checkName(e.getKey());
        throw new InvalidDocumentException(e.getKey(), "document is empty; there is nothing to store");
      }
      bytes.put(e.getKey(), e.getValue().getBytes(StandardCharsets.UTF_8));
    }
    return encodeBytes(bytes, output);
  }

  /**
   * Encodes in-memory files: like {@link #encode(List, Path)} with each file's name and bytes given.
   *
   * @param documents document name to bytes, in order; names must be plain file names ({@link #checkName});
   *     arrays non-empty (they are not copied: do not modify them during the call)
   * @param output the video to write
   * @return what was written: files, counts, sizes and time
   * @throws InvalidDocumentException if there are no documents, one is empty, or a name is not a plain file name
   * @throws DocumentParseException if a PDF, EPUB or HTML document cannot be parsed
   * @throws IllegalArgumentException if the output's name does not match the profile's container
   * @throws IOException if the output cannot be written
   * @throws VideoEncodingException if the video encoder fails
   * @throws NativeLibraryUnavailableException if Humble Video has no natives for this platform
   */
  public EncodeResult encodeBytes(Map<String, byte[]> documents, Path output) throws IOException {
    Objects.requireNonNull(documents, "documents == null");
    Objects.requireNonNull(output, "output == null");
    List<IngestedDocument> docs = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : documents.entrySet()) {
      checkName(e.getKey());
      if (e.getValue() == null || e.getValue().length == 0) {
        throw new InvalidDocumentException(e.getKey(), "document is empty; there is nothing to store");
      }
      docs.add(ingester.ingest(e.getKey(), e.getValue()));
    }
    return encode(docs, output, List.of());
  }

  /**
   * Encodes documents ingested by the caller ({@link DocumentIngester}): each document's bytes are stored and
   * restored exactly; its extracted text, if any, is stored as its text layer (a document named
   * {@code <name>}{@value VideoIndex#TEXT_LAYER_SUFFIX} in the index, with page numbers and titles on its chunks,
   * never restored as a file); and the search index gets every searchable chunk.
   *
   * @param documents the documents, in order, with distinct plain file names and non-empty bytes
   * @param output the video to write
   * @return what was written: files, counts, sizes and time
   * @throws InvalidDocumentException if there are no documents, one is empty, or a name is not a plain file name,
   *     repeats another's, or equals another's text-layer name
   * @throws IllegalArgumentException if the output's name does not match the profile's container
   * @throws IOException if the output cannot be written
   * @throws VideoEncodingException if the video encoder fails
   * @throws NativeLibraryUnavailableException if Humble Video has no natives for this platform
   */
  public EncodeResult encodeDocuments(List<IngestedDocument> documents, Path output) throws IOException {
    Objects.requireNonNull(documents, "documents == null");
    Objects.requireNonNull(output, "output == null");
    return encode(List.copyOf(documents), output, List.of());
  }

  /**
   * Starts building the symbol template of this encoder's layout and mask policy on another thread
   * ({@link io.qrvid.core.internal.FastSymbolEncoder#prepareAsync}): its first-use cost (tens of milliseconds
   * before the JIT compiles it, a large share of a small encode from the command line) then overlaps ingesting,
   * planning and compressing the documents and opening the video encoder. The symbols are the same.
   */
  private void prepareSymbols() {
    io.qrvid.core.internal.FastSymbolEncoder.prepareAsync(layout.version(),
        com.google.zxing.qrcode.decoder.ErrorCorrectionLevel.valueOf(layout.errorCorrection().name()), maskPolicy.isFixed() ? maskPolicy.pattern() : -1);
  }

  private EncodeResult encode(List<IngestedDocument> documents, Path output, List<Path> inputs) throws IOException {
    long start = System.nanoTime();
    if (documents.isEmpty()) {
      throw new InvalidDocumentException("(none)", "nothing to encode: no documents given");
    }
    EncodeOutput.check(output, inputs, profile);
    prepareSymbols();
    Set<String> names = new HashSet<>();
    for (IngestedDocument d : documents) {
      checkName(d.name());
      if (d.bytes().length == 0) {
        throw new InvalidDocumentException(d.name(), "document is empty; there is nothing to store");
      }
      if (!names.add(d.name())) {
        throw new InvalidDocumentException(d.name(), "another document has the same name; documents are restored "
            + "by name, so names must be unique");
      }
    }
    for (IngestedDocument d : documents) {
      if (d.extractedText().isPresent()) {
        String layer = d.name() + VideoIndex.TEXT_LAYER_SUFFIX;
        if (names.contains(layer)) {
          throw new InvalidDocumentException(layer, "this name is reserved for the text extracted from "
              + d.name() + "; rename the file");
        }
        if (SafeFiles.nameProblem(layer).isPresent()) {
          throw new InvalidDocumentException(SafeFiles.quote(d.name()), "the name is too long to name its "
              + "extracted text (" + layer.getBytes(StandardCharsets.UTF_8).length + " bytes with '"
              + VideoIndex.TEXT_LAYER_SUFFIX + "'; at most 255); shorten it");
        }
      }
    }
    try (SearchIndexWriter search = searchIndex ? SearchIndexWriter.create(output, searchOptions) : null) {
      return encode(documents, output, inputs, start, search);
    }
  }

  private EncodeResult encode(List<IngestedDocument> documents, Path output, List<Path> inputs, long start,
      @Nullable SearchIndexWriter search) throws IOException {
    int videoId = new SecureRandom().nextInt();
    // Plan every chunk first: the dictionary is trained on the text chunks it will compress, and the documents'
    // index entries follow from the plan.
    List<VideoIndex.Document> docEntries = new ArrayList<>();
    List<PlannedChunk> plan = new ArrayList<>();
    long textBytes = 0;
    for (IngestedDocument d : documents) {
      int docId = docEntries.size();
      byte[] bytes = d.bytes();
      textBytes += bytes.length;
      int firstChunk = plan.size();
      boolean searchText = d.searchable() && d.extractedText().isEmpty();
      VideoIndex.Storage storage;
      if (d.storedText().isPresent()) {
        storage = VideoIndex.Storage.TEXT;
        for (Chunk c : chunker.chunk(docId, d.name(), d.storedText().get(), firstChunk, d.sections())) {
          plan.add(PlannedChunk.text(docId, c, searchText));
        }
      } else {
        storage = VideoIndex.Storage.BYTES;
        for (int from = 0; from < bytes.length; from += binaryChunkBytes) {
          int to = Math.min(bytes.length, from + binaryChunkBytes);
          plan.add(PlannedChunk.bytes(docId, plan.size(), java.util.Arrays.copyOfRange(bytes, from, to), from, to));
        }
      }
      docEntries.add(new VideoIndex.Document(docId, d.name(), bytes.length, Sha256.of(bytes), firstChunk,
          plan.size() - firstChunk, d.format().mediaType(), storage, null));
      if (d.extractedText().isPresent()) {
        ExtractedText layer = d.extractedText().get();
        int layerId = docEntries.size();
        String layerName = d.name() + VideoIndex.TEXT_LAYER_SUFFIX;
        int layerFirst = plan.size();
        for (Chunk c : chunker.chunk(layerId, layerName, layer.text(), layerFirst, layer.sections())) {
          plan.add(PlannedChunk.text(layerId, c, true));
        }
        byte[] utf8 = layer.text().getBytes(StandardCharsets.UTF_8);
        docEntries.add(new VideoIndex.Document(layerId, layerName, utf8.length, Sha256.of(utf8), layerFirst,
            plan.size() - layerFirst, "text/plain", VideoIndex.Storage.TEXT, docId));
      }
    }
    CompressionDictionary dict = null;
    if (compression == ChunkCompression.ZSTD && dictionary) {
      List<byte[]> samples = new ArrayList<>();
      long sampleBytes = 0;
      for (PlannedChunk c : plan) {
        if (c.chunk() != null) { // text chunks only: binary files' bytes rarely share a dictionary
          samples.add(c.plain());
          sampleBytes += c.plain().length;
        }
      }
      int dictSize = CompressionDictionary.sizeFor(sampleBytes);
      if (dictSize >= 256) {
        long t0 = System.nanoTime();
        dict = CompressionDictionary.train(samples, dictSize).orElse(null);
        log.debug("dictionary of {} bytes trained in {} ms", dict == null ? 0 : dict.size(),
            (System.nanoTime() - t0) / 1_000_000);
      }
    }
    int shardBytes = layout.symbolCapacity() - (parityShards > 0 ? ParityPayload.HEADER_BYTES : 0);
    int spf = layout.symbolsPerFrame();
    List<VideoIndex.ChunkEntry> chunkEntries = new ArrayList<>();
    Path indexPath = VideoIndex.pathFor(output);
    QrFrameGenerator generator = QrFrameGenerator.builder().layout(layout).maskPolicy(maskPolicy)
        .levels(profile.darkLevel(), profile.lightLevel()).build();
    ExecutorService pool = DaemonThreads.fixedPool("qrvid-render", workers);
    Pipeline pipe;
    long videoBytes;
    long indexBytes;
    EncodeResult result;
    try (EncodeOutput out = EncodeOutput.open(output, inputs, profile, channelFilter)) {
      try (HumbleEncoderSession session = HumbleEncoderSession.open(out.videoChannel(), output,
          layout.frameWidth(), layout.frameHeight(), profile)) {
        // Packing, rendering (on the pool) and encoding (on this thread, which owns the session) overlap:
        // each full symbol goes straight into the frame pipeline.
        pipe = new Pipeline(session, generator, pool, videoId, shardBytes);
        try (ChunkCompressor compressor = ChunkCompressor.of(compression, dict, PayloadPacker.DEFAULT_ZSTD_LEVEL);
            PayloadPacker packer = PayloadPacker.builder(shardBytes, videoId, pipe::offerData)
            .compression(compression).dictionary(dict).formatVersion(payloadFormatVersion()).build()) {
          // Chunks are compressed on the pool, a window ahead of the packer (zstd-19 is the slowest step).
          Compressions ahead = new Compressions(compressor, pool, plan, workers * 4);
          for (PlannedChunk c : plan) {
            PayloadPacker.Placement p = packer.add(c.docId(), c.index(), c.plain(), ahead.next());
            long first = videoPosition(p.firstSymbol());
            Chunk text = c.chunk();
            chunkEntries.add(new VideoIndex.ChunkEntry(c.index(), c.docId(),
                text == null ? 0 : text.charStart(), text == null ? 0 : text.charEnd(), c.byteStart(), c.byteEnd(),
                first / spf, (int) (first % spf), first, videoPosition(p.lastSymbol()), p.parts(),
                new Crc32c(p.crc32c()), p.storedBytes(), p.compressed(),
                text == null ? null : text.page().orElse(null), text == null ? null : text.title().orElse(null)));
            if (text != null && c.searchable() && search != null) {
              search.add(text.index(), text.text(), text.title().orElse(null));
            }
          }
          if (search != null) {
            search.finishAdding(); // the index segment is written while the last frames render and encode
          }
          packer.finish();
        }
        pipe.finish();
      }
      long symbolCount = pipe.symbols;
      long frames = pipe.written;
      log.debug("{} documents, {} chunks, {} symbols, {} frames", docEntries.size(), chunkEntries.size(),
          symbolCount, frames);
      videoBytes = out.videoBytes();
      VideoIndex index = new VideoIndex(formatVersion, Version.LIBRARY, videoId,
        new VideoIndex.VideoFile(output.getFileName().toString(), videoBytes, frames, symbolCount,
            pipe.dataSymbols),
        new VideoIndex.Codec(profile.name(), profile.codec(), profile.container(), profile.pixelFormat(),
            profile.fps(), profile.encoderOptions()),
        new VideoIndex.Geometry(layout.frameWidth(), layout.frameHeight(), layout.version(),
            layout.errorCorrection().name(), layout.modulePixels(), layout.quietZone(), layout.columns(),
            layout.rows(), layout.frameAlignment(), maskPolicy.toString(), compression.indexName(),
            payloadFormatVersion(), parityShards > 0 ? parityData : 0, parityShards, profile.darkLevel(),
            profile.lightLevel(), parityShards > 0 && parityInterleave > 1 ? parityInterleave : null),
        docEntries, chunkEntries, dict == null ? null : VideoIndex.Dictionary.of(dict));
      index.validate(); // never write an index this library would refuse to read
      if (search != null) {
        search.prepare(videoId); // committed beside the output before the pair is replaced
      }
      indexBytes = out.commit(index);
      Path searchPath = null;
      if (search != null) {
        searchPath = search.publish();
      } else {
        SearchIndexWriter.delete(output); // an index of an earlier video of this name would mislead
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      result = new EncodeResult(output, indexPath, documents.size(), chunkEntries.size(), symbolCount,
          frames, textBytes, videoBytes, indexBytes, elapsed, searchPath,
          searchPath == null ? 0 : folderSize(searchPath));
    } finally {
      pool.shutdownNow();
    }
    Duration elapsed = result.elapsed();
    long frames = result.frames();
    log.info("Encoded {} documents ({} bytes) into {} frames, {} bytes of video in {} ms", result.documents(),
        textBytes, frames, videoBytes, elapsed.toMillis());
    return result;
  }

  /** Compresses the chunks in order on a pool, at most {@code window} ahead of the one taken. Not thread-safe. */
  private static final class Compressions {
    private final ChunkCompressor compressor;
    private final ExecutorService pool;
    private final java.util.Iterator<PlannedChunk> chunks;
    private final ArrayDeque<Future<ChunkCompressor.Compressed>> window = new ArrayDeque<>();
    private final int size;

    Compressions(ChunkCompressor compressor, ExecutorService pool, List<PlannedChunk> plan, int size) {
      this.compressor = compressor;
      this.pool = pool;
      this.chunks = plan.iterator();
      this.size = size;
      fill();
    }

    private void fill() {
      while (window.size() < size && chunks.hasNext()) {
        byte[] plain = chunks.next().plain();
        window.add(pool.submit(() -> compressor.compress(plain)));
      }
    }

    /** The next chunk's compressed form, in order. */
    ChunkCompressor.Compressed next() {
      Future<ChunkCompressor.Compressed> f = window.poll();
      fill();
      try {
        return f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new VideoEncodingException("interrupted", null, e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new VideoEncodingException("compression failed: " + e.getCause(), null, e.getCause());
      }
    }
  }

  /** The payload format that goes with the index format: 1 with 1, 2 with 2. */
  private int payloadFormatVersion() {
    return formatVersion == VideoIndex.FORMAT_VERSION_1 ? FramePayload.FORMAT_VERSION_1 : FramePayload.FORMAT_VERSION;
  }

  /**
   * One chunk to store, planned before encoding: a text chunk ({@code chunk} set, its bytes the chunk's UTF-8) or a
   * byte range of a document stored as bytes ({@code chunk} null).
   */
  private record PlannedChunk(int docId, int index, byte[] plain, long byteStart, long byteEnd,
      @Nullable Chunk chunk, boolean searchable) {
    static PlannedChunk text(int docId, Chunk c, boolean searchable) {
      return new PlannedChunk(docId, c.index(), c.bytes(), c.byteStart(), c.byteEnd(), c, searchable);
    }

    static PlannedChunk bytes(int docId, int index, byte[] plain, long from, long to) {
      return new PlannedChunk(docId, index, plain, from, to, null, false);
    }
  }

  private static long folderSize(Path dir) throws IOException {
    try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
      long n = 0;
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p)) {
          n += Files.size(p);
        }
      }
      return n;
    }
  }

  /** The position in the video of data symbol {@code d} ({@link ParityLayout}). */
  private long videoPosition(long d) {
    return parityShards == 0 ? d : new ParityLayout(parityData, parityShards, parityInterleave, d + 1).dataPosition(d);
  }

  /**
   * The frame pipeline of one encode: takes symbols in video order (adding each parity group's symbols after its
   * data), renders full frames on the pool, and writes them to the session in order on the calling thread. At most
   * {@code 2 * workers + 2} frames are in flight. Not thread-safe: the thread that owns the session drives it.
   */
  private final class Pipeline {
    private final HumbleEncoderSession session;
    private final QrFrameGenerator generator;
    private final ExecutorService pool;
    private final int videoId;
    private final int shardBytes;
    private final int spf = layout.symbolsPerFrame();
    private final int maxInFlight = workers * 2 + 2;
    private final List<byte[]> frame = new ArrayList<>();
    /** The data symbols of the current parity block ({@link ParityLayout}): interleave x k at most. */
    private final List<byte[]> block = new ArrayList<>();
    private final ArrayDeque<Future<byte[]>> window = new ArrayDeque<>();
    private int blockNumber;
    long symbols;
    long dataSymbols;
    long written;

    Pipeline(HumbleEncoderSession session, QrFrameGenerator generator, ExecutorService pool, int videoId,
        int shardBytes) {
      this.session = session;
      this.generator = generator;
      this.pool = pool;
      this.videoId = videoId;
      this.shardBytes = shardBytes;
    }

    void offerData(byte[] symbol) {
      dataSymbols++;
      offer(symbol);
      if (parityShards > 0) {
        block.add(symbol);
        if (block.size() == parityData * parityInterleave) {
          emitParity();
        }
      }
    }

    private void emitParity() {
      // Group column c holds the block's data symbols c, c + depth, c + 2 * depth, ...; the parity follows the
      // block's data row by row: shard j of every group, for j = 0..m-1.
      int r = block.size();
      int depth = parityInterleave;
      int groups = Math.min(depth, r);
      byte[][][] parity = new byte[groups][][];
      int[] kg = new int[groups];
      for (int c = 0; c < groups; c++) {
        kg[c] = (r - c + depth - 1) / depth;
        byte[][] shards = new byte[kg[c]][];
        for (int i = 0; i < kg[c]; i++) {
          shards[i] = java.util.Arrays.copyOf(block.get(c + i * depth), shardBytes);
        }
        parity[c] = ErasureCode.of(kg[c], parityShards).encodeParity(shards);
      }
      // In position order (ParityLayout.parityShardPosition): offset o holds column o % groups.
      int[] next = new int[groups];
      for (int o = r; o < r + groups * parityShards; o++) {
        int c = o % groups;
        int j = next[c]++;
        offer(new ParityPayload(videoId, blockNumber * depth + c, kg[c], parityShards, j, parity[c][j]).toBytes());
      }
      block.clear();
      blockNumber++;
    }

    private void offer(byte[] symbol) {
      symbols++;
      frame.add(symbol);
      if (frame.size() == spf) {
        submitFrame();
      }
    }

    private void submitFrame() {
      List<byte[]> contents = List.copyOf(frame);
      frame.clear();
      while (window.size() >= maxInFlight) {
        writeOne();
      }
      window.add(pool.submit(() -> generator.renderFrame(contents)));
    }

    private void writeOne() {
      byte[] luma;
      try {
        luma = window.poll().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new VideoEncodingException("interrupted", null, e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException) {
          throw (RuntimeException) e.getCause();
        }
        throw new VideoEncodingException("rendering failed: " + e.getCause(), null, e.getCause());
      }
      session.write(luma);
      written++;
      listener.onProgress(written, -1);
    }

    void finish() {
      if (parityShards > 0 && !block.isEmpty()) {
        emitParity();
      }
      if (!frame.isEmpty()) {
        submitFrame();
      }
      while (!window.isEmpty()) {
        writeOne();
      }
      listener.onProgress(written, written);
    }
  }

  /**
   * Checks, before any work, what {@link #encode(List, Path)} would check about its output: the name matches the
   * profile's container, the folder exists and is writable, and no input is the output video or its index. Useful
   * to fail fast before showing progress; {@code encode} checks again.
   *
   * @param output the video that would be written
   * @param inputs the input files that would be read
   * @throws NullPointerException if an argument or an input is null
   * @throws IllegalArgumentException if the output's name does not match the profile's container
   * @throws InvalidDocumentException if an input is the output video or its index
   * @throws NoSuchFileException if the output's folder does not exist
   * @throws IOException if the output is a folder or its folder is not writable
   */
  public void checkOutput(Path output, List<Path> inputs) throws IOException {
    EncodeOutput.check(Objects.requireNonNull(output, "output == null"), List.copyOf(inputs), profile);
  }

  /**
   * The parity interleave that makes one damaged GOP cost each parity group at most {@code paritySymbols} symbols:
   * {@code ceil(gop * symbolsPerFrame / paritySymbols)}, for {@link Builder#parityInterleave(int)}.
   *
   * @param profile the codec profile, for its GOP length
   * @param layout the frame layout, for its symbols per frame
   * @param paritySymbols the parity symbols per group (m)
   * @return the number of groups to interleave, 1..4096
   * @throws IllegalArgumentException if {@code paritySymbols < 1}
   */
  public static int gopInterleave(CodecProfile profile, FrameLayout layout, int paritySymbols) {
    if (paritySymbols < 1) {
      throw new IllegalArgumentException("paritySymbols < 1: " + paritySymbols);
    }
    long run = (long) profile.gop() * layout.symbolsPerFrame();
    return (int) Math.max(1, Math.min(4096, (run + paritySymbols - 1) / paritySymbols));
  }

  /**
   * Checks that {@code name} can be stored as a document name: restored as a file name into any folder, it must
   * be a plain file name (not empty, {@code .} or {@code ..}; no {@code /}, {@code \}, control characters or
   * unpaired surrogates; at most 255 bytes in UTF-8).
   *
   * @param name the document name
   * @throws NullPointerException if {@code name} is null
   * @throws InvalidDocumentException if it cannot
   */
  public static void checkName(String name) {
    Objects.requireNonNull(name, "name == null");
    Optional<String> problem = SafeFiles.nameProblem(name);
    if (problem.isPresent()) {
      throw new InvalidDocumentException(SafeFiles.quote(name), "not usable as a document name (documents are "
          + "restored as files under their names): " + problem.get());
    }
  }

  /** Configures a {@link QrVideoEncoder}. Mutable and not thread-safe. */
  public static final class Builder {
    private @Nullable FrameLayout layout;
    private MaskPolicy maskPolicy = MaskPolicy.searchBest();
    private CodecProfile profile = CodecProfile.dense();
    private TextChunker chunker = TextChunker.builder().chunkSize(DEFAULT_CHUNK_SIZE).build();
    private ChunkCompression compression = ChunkCompression.ZSTD;
    private boolean dictionary = true;
    private int formatVersion = VideoIndex.FORMAT_VERSION;
    private int workers = Runtime.getRuntime().availableProcessors();
    private FrameProgressListener listener = FrameProgressListener.NONE;
    private int parityData = 20;
    private int parityShards = 0;
    private int parityInterleave = 1;
    private UnaryOperator<SeekableByteChannel> channelFilter = UnaryOperator.identity();
    private DocumentIngester ingester = DocumentIngester.defaults();
    private int binaryChunkBytes = DEFAULT_BINARY_CHUNK_BYTES;
    private boolean searchIndex = true;
    private SearchOptions searchOptions = SearchOptions.defaults();

    private Builder() {}

    /** Wraps the output channels (tests inject write failures such as a full disk). Not API. */
    Builder channelFilter(UnaryOperator<SeekableByteChannel> filter) {
      this.channelFilter = Objects.requireNonNull(filter, "filter == null");
      return this;
    }

    private Builder(QrVideoEncoder e) {
      ingester = e.ingester;
      binaryChunkBytes = e.binaryChunkBytes;
      searchIndex = e.searchIndex;
      searchOptions = e.searchOptions;
      parityData = e.parityData;
      parityShards = e.parityShards;
      parityInterleave = e.parityInterleave;
      layout = e.layout;
      maskPolicy = e.maskPolicy;
      profile = e.profile;
      chunker = e.chunker;
      compression = e.compression;
      dictionary = e.dictionary;
      formatVersion = e.formatVersion;
      workers = e.workers;
      listener = e.listener;
      channelFilter = e.channelFilter;
    }

    /**
     * The frame geometry (default: the profile's {@link CodecProfile#layout()}).
     *
     * @param layout the layout
     * @return this builder
     * @throws NullPointerException if {@code layout} is null
     */
    public Builder layout(FrameLayout layout) {
      this.layout = Objects.requireNonNull(layout, "layout == null");
      return this;
    }

    /**
     * The mask policy (default {@link MaskPolicy#searchBest()}: the mask pattern the ISO/IEC 18004 section 7.8.3
     * penalty rules choose, the same default as {@link io.qrvid.core.QrFrameGenerator}). With qrvid-core's
     * bit-parallel penalty it costs little; on the Vim user manual (DENSE profile, 96 version-40 frames) the video
     * was 575,602 bytes with the best mask and 575,060 with fixed pattern 0 ({@code qrvid encode --mask best|0}).
     *
     * @param policy the mask policy
     * @return this builder
     * @throws NullPointerException if {@code policy} is null
     */
    public Builder maskPolicy(MaskPolicy policy) {
      this.maskPolicy = Objects.requireNonNull(policy, "policy == null");
      return this;
    }

    /**
     * The codec settings (default {@link CodecProfile#dense()}).
     *
     * @param profile the codec profile
     * @return this builder
     * @throws NullPointerException if {@code profile} is null
     */
    public Builder profile(CodecProfile profile) {
      this.profile = Objects.requireNonNull(profile, "profile == null");
      return this;
    }

    /**
     * The chunker for text (default: {@value #DEFAULT_CHUNK_SIZE}-character chunks, no overlap).
     *
     * @param chunker the chunker
     * @return this builder
     * @throws NullPointerException if {@code chunker} is null
     */
    public Builder chunker(TextChunker chunker) {
      this.chunker = Objects.requireNonNull(chunker, "chunker == null");
      return this;
    }

    /**
     * Whether to compress chunks when that makes them smaller (default true): true sets
     * {@link ChunkCompression#ZSTD}, false {@link ChunkCompression#NONE}.
     *
     * @param compress true for zstd, false for no compression
     * @return this builder
     */
    public Builder compress(boolean compress) {
      this.compression = compress ? ChunkCompression.ZSTD : ChunkCompression.NONE;
      return this;
    }

    /**
     * How chunks are compressed, each on its own so that any chunk can be read alone (default
     * {@link ChunkCompression#ZSTD}). On the Vim manual with the default profile, (video + index) / text measured
     * 0.47 with zstd and a dictionary, 0.72 with zstd alone and 0.71 with Deflate ({@code qrvid bench video}).
     *
     * @param compression the compression method
     * @return this builder
     * @throws NullPointerException if {@code compression} is null
     */
    public Builder compression(ChunkCompression compression) {
      this.compression = Objects.requireNonNull(compression, "compression == null");
      return this;
    }

    /**
     * Whether zstd uses a dictionary trained on the documents being encoded and stored once in the index (default
     * true; {@link CompressionDictionary#sizeFor(long)} sets its size, and small inputs get none). No effect
     * without {@link ChunkCompression#ZSTD}.
     *
     * @param dictionary true to train and store a dictionary
     * @return this builder
     */
    public Builder dictionary(boolean dictionary) {
      this.dictionary = dictionary;
      return this;
    }

    /**
     * The index and payload format versions written (default {@value VideoIndex#FORMAT_VERSION}): 2 is the compact
     * chunk table and zstd; 1 is what qrvid wrote before them (JSON chunk objects, Deflate), for readers that know
     * only format 1. Version 1 needs {@link ChunkCompression#DEFLATE} or {@link ChunkCompression#NONE}
     * ({@link #build()} checks).
     *
     * @param version the format version, 1 or 2
     * @return this builder
     * @throws IllegalArgumentException unless 1 or 2
     */
    public Builder formatVersion(int version) {
      if (version != VideoIndex.FORMAT_VERSION_1 && version != VideoIndex.FORMAT_VERSION) {
        throw new IllegalArgumentException("format version not 1 or 2: " + version);
      }
      this.formatVersion = version;
      return this;
    }

    /**
     * The number of rendering threads (default: available processors).
     *
     * @param n the thread count
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
     * Cross-frame erasure coding: after every {@code dataSymbols} data symbols, {@code paritySymbols} parity symbols
     * ({@link ErasureCode}, Reed-Solomon over GF(2^8)) from which any {@code paritySymbols} lost or unreadable
     * symbols of the group are rebuilt. Costs {@code paritySymbols / dataSymbols} more symbols, plus 19 bytes of
     * each data symbol's capacity. Default: off ({@code paritySymbols} 0).
     *
     * @param dataSymbols the data symbols per group (k)
     * @param paritySymbols the parity symbols per group (m), 0 for no parity
     * @return this builder
     * @throws IllegalArgumentException unless {@code 1 <= dataSymbols}, {@code 0 <= paritySymbols} and their sum
     *     is at most 255
     */
    public Builder parity(int dataSymbols, int paritySymbols) {
      if (dataSymbols < 1 || paritySymbols < 0 || dataSymbols + paritySymbols > 254) {
        throw new IllegalArgumentException("parity " + dataSymbols + "+" + paritySymbols + " not allowed");
      }
      this.parityData = dataSymbols;
      this.parityShards = paritySymbols;
      return this;
    }

    /**
     * Interleaves parity groups across {@code groups} groups (default 1: each group's data symbols are consecutive):
     * data symbols are dealt to the groups of a block in turn, so a run of {@code L} consecutive lost symbols costs
     * each group at most {@code ceil(L / groups)} symbols ({@link ParityLayout}). To survive one damaged GOP (a
     * video decoder loses whole GOPs), use {@link #gopInterleave(CodecProfile, FrameLayout, int)}. Costs memory
     * for one block ({@code groups x dataSymbols} symbols) while encoding, and, when the data fill less than one
     * block, {@code paritySymbols} parity symbols for each of up to {@code groups} short groups. No effect without
     * parity. Indexes record it; indexes without it read as 1.
     *
     * @param groups the parity groups interleaved per block
     * @return this builder
     * @throws IllegalArgumentException unless {@code 1 <= groups <= 4096}
     */
    public Builder parityInterleave(int groups) {
      if (groups < 1 || groups > 4096) {
        throw new IllegalArgumentException("parityInterleave not in 1..4096: " + groups);
      }
      this.parityInterleave = groups;
      return this;
    }

    /**
     * Progress in frames written (default none), called on the encoding thread. The total is -1 while the
     * documents are still being packed (frames stream out as they are packed), and exact in the last call.
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
     * How input files are read: format detection, text extraction, archive limits (default
     * {@link DocumentIngester#defaults()}). Used by {@link QrVideoEncoder#encode(List, Path)},
     * {@link QrVideoEncoder#encodeTexts(Map, Path)} and {@link QrVideoEncoder#encodeBytes(Map, Path)}.
     *
     * @param ingester the ingester
     * @return this builder
     * @throws NullPointerException if {@code ingester} is null
     */
    public Builder ingester(DocumentIngester ingester) {
      this.ingester = Objects.requireNonNull(ingester, "ingester == null");
      return this;
    }

    /**
     * The chunk size for documents stored as bytes (default {@value #DEFAULT_BINARY_CHUNK_BYTES}): such chunks are
     * not searched, so they are large, which keeps the index small; a chunk larger than a symbol is split into
     * parts.
     *
     * @param bytes the chunk size in bytes
     * @return this builder
     * @throws IllegalArgumentException unless {@code 256 <= bytes <= 16 MiB}
     */
    public Builder binaryChunkBytes(int bytes) {
      if (bytes < 256 || bytes > (16 << 20)) {
        throw new IllegalArgumentException("binaryChunkBytes not in 256..16 MiB: " + bytes);
      }
      this.binaryChunkBytes = bytes;
      return this;
    }

    /**
     * Whether to build the search index ({@code <video>.qrvid-search/}, see {@link SearchIndexWriter}) while
     * encoding (default true). Without it, an index of an earlier video of the same name is deleted.
     *
     * @param build true to build the search index
     * @return this builder
     */
    public Builder searchIndex(boolean build) {
      this.searchIndex = build;
      return this;
    }

    /**
     * The search index's analyzer and optional embedder (default {@link SearchOptions#defaults()}: English BM25).
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
     * Builds the encoder. The builder may be reused afterwards.
     *
     * @return a new encoder with this builder's settings
     * @throws IllegalStateException if format version 1 is combined with zstd
     */
    public QrVideoEncoder build() {
      if (formatVersion == VideoIndex.FORMAT_VERSION_1 && compression == ChunkCompression.ZSTD) {
        throw new IllegalStateException("format version 1 has no zstd: use compression(DEFLATE) or NONE with it");
      }
      return new QrVideoEncoder(this);
    }
  }
}
