package io.qrvid.video;

import io.qrvid.core.Chunk;
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
import io.qrvid.video.internal.HumbleEncoderSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores UTF-8 documents as QR symbols in a video, with a JSON {@link VideoIndex} next to it.
 *
 * <p>Documents are cut into chunks ({@link TextChunker}), each chunk is compressed and packed into symbols as
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
 * <p>Defaults: {@link CodecProfile#dense()} with its layout (version 40-L, 1 px/module), mask pattern fixed at 0,
 * {@value #DEFAULT_CHUNK_SIZE}-character chunks, Deflate on, no parity, workers = available processors.
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

  private final FrameLayout layout;
  private final MaskPolicy maskPolicy;
  private final CodecProfile profile;
  private final TextChunker chunker;
  private final boolean compress;
  private final int workers;
  private final FrameProgressListener listener;
  private final int parityData;
  private final int parityShards;
  private final int parityInterleave;
  private final UnaryOperator<SeekableByteChannel> channelFilter;

  private QrVideoEncoder(Builder b) {
    channelFilter = b.channelFilter;
    parityData = b.parityData;
    parityShards = b.parityShards;
    parityInterleave = b.parityInterleave;
    layout = b.layout != null ? b.layout : b.profile.layout();
    maskPolicy = b.maskPolicy;
    profile = b.profile;
    chunker = b.chunker;
    compress = b.compress;
    workers = b.workers;
    listener = b.listener;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder initialised from this encoder's settings. */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** The frame layout. */
  public FrameLayout layout() {
    return layout;
  }

  /** The chunker. */
  public TextChunker chunker() {
    return chunker;
  }

  /** The codec profile. */
  public CodecProfile profile() {
    return profile;
  }

  /**
   * Encodes text files, each stored under its file name.
   *
   * @param files the documents, in order; each must be a non-empty UTF-8 file with a distinct file name
   * @param output the video to write; its index goes to {@link VideoIndex#pathFor(Path)}
   * @throws InvalidDocumentException if a file is empty, not valid UTF-8, its name repeats another's, or it is the
   *     output video or its index
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
    Map<String, String> docs = new LinkedHashMap<>();
    for (Path f : files) {
      String name = f.getFileName() == null ? f.toString() : f.getFileName().toString();
      if (docs.containsKey(name)) {
        throw new InvalidDocumentException(f.toString(), "another input has the same file name '" + name
            + "'; documents are restored by name, so names must be unique");
      }
      if (Files.isDirectory(f)) {
        throw new InvalidDocumentException(f.toString(), "is a directory, not a text file");
      }
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(f);
      } catch (NoSuchFileException e) {
        throw new NoSuchFileException(f.toString(), null, "input file not found");
      }
      docs.put(name, decodeUtf8(f.toString(), bytes));
    }
    return encode(docs, output, files);
  }

  /**
   * Encodes in-memory documents.
   *
   * @param documents document name to text, in order; names are restored as file names, so each must be a plain
   *     file name: not empty, {@code .} or {@code ..}, without {@code /}, {@code \} or control characters, at
   *     most 255 bytes in UTF-8 ({@link #checkName(String)}); texts must be non-empty
   * @param output the video to write
   * @throws InvalidDocumentException if there are no documents, a text is empty, or a name is not a plain file name
   * @throws IllegalArgumentException if the output's name does not match the profile's container
   * @throws IOException if the output cannot be written
   * @throws VideoEncodingException if the video encoder fails
   * @throws NativeLibraryUnavailableException if Humble Video has no natives for this platform
   */
  public EncodeResult encodeTexts(Map<String, String> documents, Path output) throws IOException {
    Objects.requireNonNull(documents, "documents == null");
    Objects.requireNonNull(output, "output == null");
    return encode(documents, output, List.of());
  }

  private EncodeResult encode(Map<String, String> documents, Path output, List<Path> inputs) throws IOException {
    long start = System.nanoTime();
    if (documents.isEmpty()) {
      throw new InvalidDocumentException("(none)", "nothing to encode: no documents given");
    }
    EncodeOutput.check(output, inputs, profile);

    for (Map.Entry<String, String> e : documents.entrySet()) {
      checkName(e.getKey());
      if (e.getValue() == null || e.getValue().isEmpty()) {
        throw new InvalidDocumentException(e.getKey(), "document is empty; there is nothing to store");
      }
    }
    int videoId = new SecureRandom().nextInt();
    int shardBytes = layout.symbolCapacity() - (parityShards > 0 ? ParityPayload.HEADER_BYTES : 0);
    int spf = layout.symbolsPerFrame();
    List<VideoIndex.Document> docEntries = new ArrayList<>();
    List<VideoIndex.ChunkEntry> chunkEntries = new ArrayList<>();
    long textBytes = 0;
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
        // each full symbol goes straight into the frame pipeline, and memory stays bounded.
        pipe = new Pipeline(session, generator, pool, videoId, shardBytes);
        PayloadPacker packer = new PayloadPacker(shardBytes, videoId, compress, pipe::offerData);
        int docId = 0;
        for (Map.Entry<String, String> e : documents.entrySet()) {
          String name = e.getKey();
          String text = e.getValue();
          byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
          textBytes += utf8.length;
          List<Chunk> chunks = chunker.chunk(docId, name, text, chunkEntries.size());
          for (Chunk c : chunks) {
            PayloadPacker.Placement p = packer.add(docId, c.index(), c.bytes());
            long first = videoPosition(p.firstSymbol());
            chunkEntries.add(new VideoIndex.ChunkEntry(c.index(), docId, c.charStart(), c.charEnd(),
                c.byteStart(), c.byteEnd(), first / spf, (int) (first % spf), first, videoPosition(p.lastSymbol()),
                p.parts(), new Crc32c(p.crc32c()), p.storedBytes(), p.deflated(),
                c.page().orElse(null), c.title().orElse(null)));
          }
          docEntries.add(new VideoIndex.Document(docId, name, utf8.length, Sha256.of(utf8), chunks.get(0).index(),
              chunks.size()));
          docId++;
        }
        packer.finish();
        pipe.finish();
      }
      long symbolCount = pipe.symbols;
      long frames = pipe.written;
      log.debug("{} documents, {} chunks, {} symbols, {} frames", docEntries.size(), chunkEntries.size(),
          symbolCount, frames);
      videoBytes = out.videoBytes();
      VideoIndex index = new VideoIndex(VideoIndex.FORMAT_VERSION, Version.LIBRARY, videoId,
        new VideoIndex.VideoFile(output.getFileName().toString(), videoBytes, frames, symbolCount,
            pipe.dataSymbols),
        new VideoIndex.Codec(profile.name(), profile.codec(), profile.container(), profile.pixelFormat(),
            profile.fps(), profile.encoderOptions()),
        new VideoIndex.Geometry(layout.frameWidth(), layout.frameHeight(), layout.version(),
            layout.errorCorrection().name(), layout.modulePixels(), layout.quietZone(), layout.columns(),
            layout.rows(), layout.frameAlignment(), maskPolicy.toString(), compress ? "deflate" : "none",
            FramePayload.FORMAT_VERSION, parityShards > 0 ? parityData : 0, parityShards, profile.darkLevel(),
            profile.lightLevel(), parityShards > 0 && parityInterleave > 1 ? parityInterleave : null),
        docEntries, chunkEntries);
      index.validate(); // never write an index this library would refuse to read
      indexBytes = out.commit(index);
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      result = new EncodeResult(output, indexPath, docEntries.size(), chunkEntries.size(), symbolCount,
          frames, textBytes, videoBytes, indexBytes, elapsed);
    } finally {
      pool.shutdownNow();
    }
    Duration elapsed = result.elapsed();
    long frames = result.frames();
    log.info("Encoded {} documents ({} bytes) into {} frames, {} bytes of video in {} ms", result.documents(),
        textBytes, frames, videoBytes, elapsed.toMillis());
    return result;
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

  static String decodeUtf8(String what, byte[] bytes) {
    if (bytes.length == 0) {
      throw new InvalidDocumentException(what, "file is empty; there is nothing to store");
    }
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      return d.decode(in).toString();
    } catch (MalformedInputException e) {
      throw new InvalidDocumentException(what, "not valid UTF-8 near byte " + in.position()
          + "; qrvid stores UTF-8 text (convert it first, e.g. with iconv)");
    } catch (CharacterCodingException e) {
      throw new InvalidDocumentException(what, "not valid UTF-8: " + e);
    }
  }

  /** Configures a {@link QrVideoEncoder}. Mutable and not thread-safe. */
  public static final class Builder {
    private @Nullable FrameLayout layout;
    private MaskPolicy maskPolicy = MaskPolicy.searchBest();
    private CodecProfile profile = CodecProfile.dense();
    private TextChunker chunker = TextChunker.builder().chunkSize(DEFAULT_CHUNK_SIZE).build();
    private boolean compress = true;
    private int workers = Runtime.getRuntime().availableProcessors();
    private FrameProgressListener listener = FrameProgressListener.NONE;
    private int parityData = 20;
    private int parityShards = 0;
    private int parityInterleave = 1;
    private UnaryOperator<SeekableByteChannel> channelFilter = UnaryOperator.identity();

    private Builder() {}

    /** Wraps the output channels (tests inject write failures such as a full disk). Not API. */
    Builder channelFilter(UnaryOperator<SeekableByteChannel> filter) {
      this.channelFilter = Objects.requireNonNull(filter, "filter == null");
      return this;
    }

    private Builder(QrVideoEncoder e) {
      parityData = e.parityData;
      parityShards = e.parityShards;
      parityInterleave = e.parityInterleave;
      layout = e.layout;
      maskPolicy = e.maskPolicy;
      profile = e.profile;
      chunker = e.chunker;
      compress = e.compress;
      workers = e.workers;
      listener = e.listener;
      channelFilter = e.channelFilter;
    }

    /** The frame geometry (default: the profile's {@link CodecProfile#layout()}). */
    public Builder layout(FrameLayout layout) {
      this.layout = Objects.requireNonNull(layout, "layout == null");
      return this;
    }

    /**
     * The mask policy (default {@link MaskPolicy#searchBest()}: the mask pattern the ISO/IEC 18004 section 7.8.3
     * penalty rules choose, the same default as {@link io.qrvid.core.QrFrameGenerator}). With qrvid-core's
     * bit-parallel penalty it costs little; on the Vim user manual (DENSE profile, 96 version-40 frames) the video
     * was 575,602 bytes with the best mask and 575,060 with fixed pattern 0 ({@code qrvid encode --mask best|0}).
     */
    public Builder maskPolicy(MaskPolicy policy) {
      this.maskPolicy = Objects.requireNonNull(policy, "policy == null");
      return this;
    }

    /** The codec settings (default {@link CodecProfile#dense()}). */
    public Builder profile(CodecProfile profile) {
      this.profile = Objects.requireNonNull(profile, "profile == null");
      return this;
    }

    /** The chunker (default: {@value #DEFAULT_CHUNK_SIZE}-character chunks, no overlap). */
    public Builder chunker(TextChunker chunker) {
      this.chunker = Objects.requireNonNull(chunker, "chunker == null");
      return this;
    }

    /** Whether to Deflate chunks when that makes them smaller (default true). */
    public Builder compress(boolean compress) {
      this.compress = compress;
      return this;
    }

    /** Rendering threads (default: available processors). @throws IllegalArgumentException if {@code n < 1} */
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
     */
    public Builder progressListener(FrameProgressListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /** Builds the encoder. */
    public QrVideoEncoder build() {
      return new QrVideoEncoder(this);
    }
  }
}
