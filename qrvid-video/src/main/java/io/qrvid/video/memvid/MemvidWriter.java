package io.qrvid.video.memvid;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrvid.core.ErrorCorrection;
import io.qrvid.core.FrameLayout;
import io.qrvid.core.FrameProgressListener;
import io.qrvid.core.FrameStream;
import io.qrvid.core.MaskPolicy;
import io.qrvid.core.QrFrame;
import io.qrvid.core.QrFrameGenerator;
import io.qrvid.video.CodecProfile;
import io.qrvid.video.NativeLibraryUnavailableException;
import io.qrvid.video.VideoEncodingException;
import io.qrvid.video.internal.HumbleEncoderSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a library that memvid v0.1.x's {@code MemvidRetriever} opens unchanged: a video of one QR symbol per
 * chunk, {@code <stem>_index.json} with the keys {@code IndexManager.load} reads ({@code metadata} with
 * {@code id, text, frame, length}; {@code chunk_to_frame}; {@code frame_to_chunks}; {@code config}, memvid's
 * configuration block), and {@code <stem>_index.faiss}, an {@code IndexIDMap(IndexFlatL2)}.
 *
 * <p>Same payload and QR rules as memvid: payload {@code {"id": i, "text": chunk, "frame": i}} as Python's
 * {@code json.dumps} writes it, {@code "GZ:" + base64(gzip)} above 100 characters; error correction M, a quiet zone
 * of 3 modules, version 35 at least. memvid fits each symbol's version separately ({@code make(fit=True)}); here every
 * symbol of a library has the version that fits its longest payload (35 for chunks of about 1 KB of text), so that
 * frames share one size. Symbols are rendered at a whole number of pixels per module (default 4), never scaled, by
 * {@link QrFrameGenerator}'s parallel path, and encoded by Humble Video in a codec OpenCV reads: lossless FFV1
 * (default) or memvid's MPEG-4 Part 2.
 *
 * <p><b>Search needs an {@link Embedder}.</b> memvid finds chunks through the FAISS file's vectors; qrvid ships no
 * embedding model. Without an embedder the FAISS file is written empty (the index memvid expects, with no vectors),
 * so memvid opens the library and decodes chunks by id ({@code get_chunk_by_id}, {@code get_context_window}), but
 * its {@code search} finds nothing.
 *
 * <p>What memvid's retriever reads: its decoder is OpenCV's {@code QRCodeDetector}, which on version-35 symbols
 * finds about half of them even when perfectly sharp (measured with opencv-python 4.14: 5 of 12 at 4 pixels per
 * module, 0 of 150 frames of a memvid-made 256 x 256 library); for the others memvid falls back to the index's
 * copy of the text, which here is identical. qrvid's {@link MemvidLibrary} reads every frame of a lossless export.
 *
 * <pre>{@code
 * MemvidWriter writer = MemvidWriter.builder().build();            // FFV1, 4 px/module, no search
 * MemvidWriteResult r = writer.write(chunks, Path.of("lib.mkv"));  // lib.mkv, lib_index.json, lib_index.faiss
 * }</pre>
 *
 * <p>Output is atomic: each file is written under a {@code .part} name and moved into place when all are complete;
 * on failure none of the three is left under its final name. Instances are immutable and thread-safe; each
 * {@code write} uses its own short-lived worker pool.
 */
public final class MemvidWriter {
  private static final Logger log = LoggerFactory.getLogger(MemvidWriter.class);
  /** memvid's minimum QR version ({@code config.QR_VERSION}). */
  public static final int MIN_VERSION = 35;
  /** memvid's quiet zone in modules ({@code config.QR_BORDER}). */
  public static final int BORDER = 3;
  /** memvid's {@code IndexManager} skips chunks longer than this (its sentence-transformers limit). */
  public static final int MAX_CHUNK_CHARS = 8192;
  /** The embedding dimension memvid's default model (all-MiniLM-L6-v2) produces. */
  public static final int DEFAULT_DIMENSION = 384;
  /** memvid's default embedding model. */
  public static final String DEFAULT_MODEL = "all-MiniLM-L6-v2";
  /** FFmpeg's {@code FF_QP2LAMBDA}: a quantiser q is set as global quality {@code q * 118}. */
  private static final int QP2LAMBDA = 118;
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  private final MemvidCodec codec;
  private final int modulePixels;
  private final int fps;
  private final int quantiser;
  private final MaskPolicy maskPolicy;
  private final int workers;
  private final @Nullable Embedder embedder;
  private final String model;
  private final FrameProgressListener progressListener;

  private MemvidWriter(Builder b) {
    codec = b.codec;
    modulePixels = b.modulePixels;
    fps = b.fps;
    quantiser = b.quantiser;
    maskPolicy = b.maskPolicy;
    workers = b.workers;
    embedder = b.embedder;
    model = b.model;
    progressListener = b.progressListener;
  }

  /** {@return a builder with the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder initialised from this writer's settings} */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** {@return the codec} */
  public MemvidCodec codec() {
    return codec;
  }

  /** {@return the pixels per module} */
  public int modulePixels() {
    return modulePixels;
  }

  /** {@return true if an {@link Embedder} is set, so written libraries are searchable by memvid} */
  public boolean searchable() {
    return embedder != null;
  }

  /**
   * The payload memvid would store for chunk {@code id} in frame {@code frame} (see the class comment).
   *
   * @param id the chunk's id
   * @param text the chunk's text
   * @param frame the frame number the chunk is written to
   * @return the payload text as memvid writes it into a symbol
   * @throws NullPointerException if {@code text} is null
   */
  public static String payload(int id, String text, int frame) {
    return MemvidPayload.format(id, Objects.requireNonNull(text, "text == null"), frame);
  }

  /**
   * The QR version memvid's settings give a payload of {@code bytes} bytes: at least 35, the smallest whose
   * byte-mode capacity at error correction M holds it.
   *
   * @param bytes the payload's size in bytes
   * @return the QR version, 35..40
   * @throws IllegalArgumentException if even version 40 (2331 bytes) is too small
   */
  public static int versionFor(int bytes) {
    for (int v = MIN_VERSION; v <= 40; v++) {
      if (FrameLayout.capacity(v, ErrorCorrection.M) >= bytes) {
        return v;
      }
    }
    throw new IllegalArgumentException("a payload of " + bytes + " bytes exceeds a version 40-M symbol ("
        + FrameLayout.capacity(40, ErrorCorrection.M) + " bytes)");
  }

  /**
   * Writes {@code chunks} as a library: chunk {@code i} gets id {@code i} and frame {@code i}.
   *
   * @param chunks the texts, in order; each must contain a non-whitespace character (memvid skips blank chunks and
   *     renumbers the rest), be at most {@value #MAX_CHUNK_CHARS} characters, and fit a version 40-M symbol after
   *     compression
   * @param video the video to write; its name must end in {@link MemvidCodec#extension()}; the index and FAISS
   *     file go next to it ({@link MemvidLibrary#indexPathFor}, {@link MemvidLibrary#faissPathFor})
   * @return what was written: the three files and their sizes, the chunks, the symbol version and frame size, and
   *     the time taken
   * @throws NullPointerException if an argument or a chunk is null
   * @throws IllegalArgumentException if there are no chunks, a chunk breaks a rule above (the message names it), the
   *     video's name does not match the codec, or the embedder returns vectors of unequal length or non-finite values
   * @throws NoSuchFileException if the video's folder does not exist
   * @throws IOException if a file cannot be written
   * @throws VideoEncodingException if the encoder fails
   * @throws NativeLibraryUnavailableException if Humble Video has no natives for this platform
   */
  public MemvidWriteResult write(List<String> chunks, Path video) throws IOException {
    Objects.requireNonNull(chunks, "chunks == null");
    Objects.requireNonNull(video, "video == null");
    long start = System.nanoTime();
    if (chunks.isEmpty()) {
      throw new IllegalArgumentException("no chunks to write");
    }
    String name = video.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!name.endsWith(codec.extension())) {
      throw new IllegalArgumentException("video " + video + " must end in " + codec.extension() + " for "
          + codec);
    }
    Path parent = video.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new NoSuchFileException(video.toString(), null, "the video's folder does not exist");
    }
    List<byte[]> payloads = new ArrayList<>(chunks.size());
    int longest = 0;
    for (int i = 0; i < chunks.size(); i++) {
      String c = Objects.requireNonNull(chunks.get(i), "chunk " + i + " is null");
      if (c.isBlank()) {
        throw new IllegalArgumentException("chunk " + i + " is empty or whitespace; memvid would skip it and"
            + " renumber the chunks after it");
      }
      if (c.length() > MAX_CHUNK_CHARS) {
        throw new IllegalArgumentException("chunk " + i + " has " + c.length() + " characters; memvid's index skips"
            + " chunks longer than " + MAX_CHUNK_CHARS);
      }
      byte[] p = MemvidPayload.format(i, c, i).getBytes(StandardCharsets.US_ASCII);
      if (p.length > FrameLayout.capacity(40, ErrorCorrection.M)) {
        throw new IllegalArgumentException("chunk " + i + ": its payload of " + p.length + " bytes exceeds a"
            + " version 40-M symbol (" + FrameLayout.capacity(40, ErrorCorrection.M) + " bytes); split it");
      }
      payloads.add(p);
      longest = Math.max(longest, p.length);
    }
    int version = versionFor(longest);
    float[][] vectors = embed(chunks);
    int dimension = vectors.length > 0 && vectors[0] != null ? vectors[0].length : DEFAULT_DIMENSION;

    Path index = MemvidLibrary.indexPathFor(video);
    Path faiss = MemvidLibrary.faissPathFor(index);
    Path videoPart = part(video);
    Path indexPart = part(index);
    Path faissPart = part(faiss);
    int n = 17 + 4 * version;
    int side = (n + 2 * BORDER) * modulePixels;
    side += side % 2;
    long genStart = System.nanoTime();
    try {
      try (QrFrameGenerator gen = QrFrameGenerator.builder().version(version).errorCorrection(ErrorCorrection.M)
          .quietZone(BORDER).modulePixels(modulePixels).frameSize(side, side).maskPolicy(maskPolicy)
          .workers(workers).build();
          HumbleEncoderSession session = HumbleEncoderSession.open(videoPart, side, side, profile());
          FrameStream frames = gen.frames(payloads)) {
        int expected = 0;
        while (frames.hasNext()) {
          QrFrame f = frames.next();
          if (f.index() != expected) {
            throw new VideoEncodingException("frame " + expected + " could not be rendered: "
                + frames.stats().failures(), video, null);
          }
          session.write(f.luma());
          expected++;
          progressListener.onProgress(expected, chunks.size());
        }
        if (expected != chunks.size()) {
          throw new VideoEncodingException("only " + expected + " of " + chunks.size() + " frames rendered: "
              + frames.stats().failures(), video, null);
        }
      }
      Duration generation = Duration.ofNanos(System.nanoTime() - genStart);
      long[] ids = new long[vectors.length];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = i;
      }
      FaissFlatIndex.write(faissPart, dimension, vectors, ids);
      writeIndex(indexPart, chunks, version, side, dimension);
      Files.deleteIfExists(video);
      Files.move(faissPart, faiss, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Files.move(indexPart, index, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Files.move(videoPart, video, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      MemvidWriteResult r = new MemvidWriteResult(video, index, faiss, chunks.size(), version, modulePixels, side,
          side, Files.size(video), Files.size(index), Files.size(faiss), embedder != null, generation,
          Duration.ofNanos(System.nanoTime() - start));
      log.info("Wrote memvid library {}: {} chunks, version {}, {} bytes of video", video, r.chunks(), version,
          r.videoBytes());
      return r;
    } finally {
      Files.deleteIfExists(videoPart);
      Files.deleteIfExists(indexPart);
      Files.deleteIfExists(faissPart);
    }
  }

  /** qrvid's version from the jar manifest, or the development version. */
  private static String libraryVersion() {
    String v = MemvidWriter.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }

  private static Path part(Path p) {
    return p.resolveSibling(p.getFileName() + ".part");
  }

  private float[][] embed(List<String> chunks) {
    if (embedder == null) {
      return new float[0][];
    }
    float[][] out = new float[chunks.size()][];
    for (int i = 0; i < out.length; i++) {
      float[] v = Objects.requireNonNull(embedder.embed(chunks.get(i)), "embedder returned null for chunk " + i);
      if (i > 0 && v.length != out[0].length) {
        throw new IllegalArgumentException("embedder returned " + v.length + " values for chunk " + i + " and "
            + out[0].length + " for chunk 0");
      }
      if (v.length == 0) {
        throw new IllegalArgumentException("embedder returned an empty vector for chunk " + i);
      }
      for (float f : v) {
        if (!Float.isFinite(f)) {
          throw new IllegalArgumentException("embedder returned a non-finite value for chunk " + i);
        }
      }
      out[i] = v.clone();
    }
    return out;
  }

  private CodecProfile profile() {
    CodecProfile.Builder b = CodecProfile.builder().name("MEMVID-" + codec.name()).codec(codec.encoder())
        .container(codec.container()).pixelFormat("PIX_FMT_YUV420P").fps(fps).levels(0, 255)
        .extraOptions(java.util.Map.of()).muxerOptions(java.util.Map.of());
    if (codec == MemvidCodec.MP4V) {
      // a fixed quantiser, as ffmpeg's -q:v does; GOP 12 as OpenCV's writer uses
      b.gop(12).option("flags", "+qscale").option("global_quality", Integer.toString(quantiser * QP2LAMBDA));
    } else {
      b.gop(1).option("coder", "1").option("context", "1");
    }
    return b.build();
  }

  private void writeIndex(Path file, List<String> chunks, int version, int side, int dimension) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode metadata = root.putArray("metadata");
    ObjectNode c2f = JSON.createObjectNode();
    ObjectNode f2c = JSON.createObjectNode();
    for (int i = 0; i < chunks.size(); i++) {
      String t = chunks.get(i);
      metadata.addObject().put("id", i).put("text", t).put("frame", i).put("length", t.codePointCount(0, t.length()));
      c2f.put(Integer.toString(i), i);
      f2c.putArray(Integer.toString(i)).add(i);
    }
    root.set("chunk_to_frame", c2f);
    root.set("frame_to_chunks", f2c);
    root.set("config", config(version, dimension));
    ObjectNode q = root.putObject("qrvid");
    q.put("writer", "qrvid " + libraryVersion());
    q.put("codec", codec.encoder());
    q.put("container", codec.container());
    q.put("fps", fps);
    q.put("qr_version", version);
    q.put("module_pixels", modulePixels);
    q.put("frame_width", side);
    q.put("frame_height", side);
    q.put("mask", maskPolicy.toString());
    q.put("searchable", embedder != null);
    DefaultPrettyPrinter pp = new DefaultPrettyPrinter(Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
        .withObjectIndenter(new DefaultIndenter("  ", "\n")).withArrayIndenter(new DefaultIndenter("  ", "\n"));
    try (JsonGenerator g = JSON.getFactory().createGenerator(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
      g.setPrettyPrinter(pp);
      JSON.writeTree(g, root);
    }
  }

  /** memvid's {@code get_default_config()} (config.py at v0.1.3) with this library's QR, codec and embedding. */
  private ObjectNode config(int version, int dimension) {
    ObjectNode c = JSON.createObjectNode();
    ObjectNode qr = c.putObject("qr");
    qr.put("version", MIN_VERSION).put("error_correction", "M").put("box_size", modulePixels).put("border", BORDER)
        .put("fill_color", "black").put("back_color", "white");
    c.put("codec", codec == MemvidCodec.MP4V ? "mp4v" : "ffv1");
    c.putObject("chunking").put("chunk_size", 1024).put("overlap", 32);
    c.putObject("retrieval").put("top_k", 5).put("batch_size", 100).put("max_workers", 4).put("cache_size", 1000);
    c.putObject("embedding").put("model", model).put("dimension", dimension);
    c.putObject("index").put("type", "Flat").put("nlist", 100);
    c.putObject("llm").put("model", "gemini-2.0-flash-exp").put("max_tokens", 8192).put("temperature", 0.1)
        .put("context_window", 32000);
    c.putObject("chat").put("max_history", 10).put("context_chunks", 5);
    c.putObject("performance").put("prefetch_frames", 50).put("decode_timeout", 10);
    return c;
  }

  /** Configures a {@link MemvidWriter}. Mutable and not thread-safe. */
  public static final class Builder {
    private MemvidCodec codec = MemvidCodec.FFV1;
    private int modulePixels = 4;
    private int fps = 15;
    private int quantiser = 2;
    private MaskPolicy maskPolicy = MaskPolicy.searchBest();
    private int workers = Runtime.getRuntime().availableProcessors();
    private @Nullable Embedder embedder;
    private String model = DEFAULT_MODEL;
    private FrameProgressListener progressListener = FrameProgressListener.NONE;

    private Builder() {}

    private Builder(MemvidWriter w) {
      codec = w.codec;
      modulePixels = w.modulePixels;
      fps = w.fps;
      quantiser = w.quantiser;
      maskPolicy = w.maskPolicy;
      workers = w.workers;
      embedder = w.embedder;
      model = w.model;
      progressListener = w.progressListener;
    }

    /**
     * The codec (default {@link MemvidCodec#FFV1}, lossless).
     *
     * @param codec the codec; the video's name must end in its {@link MemvidCodec#extension()}
     * @return this builder
     * @throws NullPointerException if {@code codec} is null
     */
    public Builder codec(MemvidCodec codec) {
      this.codec = Objects.requireNonNull(codec, "codec == null");
      return this;
    }

    /**
     * Whole pixels per module (default 4; memvid renders 5 and scales the frame down to 256 px, about 1.6). OpenCV's
     * {@code QRCodeDetector}, memvid's decoder, found no version-35 symbol at 2 pixels per module and about half at
     * 4 (opencv-python 4.14, sharp frames).
     *
     * @param pixels the side of a module in whole pixels
     * @return this builder
     * @throws IllegalArgumentException unless 1..10
     */
    public Builder modulePixels(int pixels) {
      if (pixels < 1 || pixels > 10) {
        throw new IllegalArgumentException("modulePixels not in 1..10: " + pixels);
      }
      this.modulePixels = pixels;
      return this;
    }

    /**
     * The frame rate (default 15, memvid's mp4v setting).
     *
     * @param fps frames per second
     * @return this builder
     * @throws IllegalArgumentException unless 1..120
     */
    public Builder fps(int fps) {
      if (fps < 1 || fps > 120) {
        throw new IllegalArgumentException("fps not in 1..120: " + fps);
      }
      this.fps = fps;
      return this;
    }

    /**
     * The fixed quantiser of {@link MemvidCodec#MP4V} (default 2, the finest useful; FFmpeg's {@code -q:v}).
     * Ignored by the other codecs.
     *
     * @param q the quantiser, lower is better quality
     * @return this builder
     * @throws IllegalArgumentException unless 1..31
     */
    public Builder quantiser(int q) {
      if (q < 1 || q > 31) {
        throw new IllegalArgumentException("quantiser not in 1..31: " + q);
      }
      this.quantiser = q;
      return this;
    }

    /**
     * The mask policy (default {@link MaskPolicy#searchBest()}, the standard's penalty rules, as python-qrcode does;
     * a fixed mask renders several times faster).
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
     * The number of rendering threads (default: available processors).
     *
     * @param workers the thread count
     * @return this builder
     * @throws IllegalArgumentException unless 1..256
     */
    public Builder workers(int workers) {
      if (workers < 1 || workers > 256) {
        throw new IllegalArgumentException("workers not in 1..256: " + workers);
      }
      this.workers = workers;
      return this;
    }

    /**
     * Makes libraries searchable: each chunk's vector goes into the FAISS file, and {@code model} into the index's
     * {@code embedding.model}, the sentence-transformers model memvid loads to embed queries (default: none, and
     * the FAISS file is written without vectors; see the class comment).
     *
     * @param embedder computes each chunk's vector; must return vectors of one length with finite values
     * @param model the sentence-transformers model name memvid loads for queries; it must match the embedder
     * @return this builder
     * @throws NullPointerException if an argument is null
     */
    public Builder embedder(Embedder embedder, String model) {
      this.embedder = Objects.requireNonNull(embedder, "embedder == null");
      this.model = Objects.requireNonNull(model, "model == null");
      return this;
    }

    /**
     * Progress in frames written (default none), called on the writing thread.
     *
     * @param listener the listener
     * @return this builder
     * @throws NullPointerException if {@code listener} is null
     */
    public Builder progressListener(FrameProgressListener listener) {
      this.progressListener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /** {@return a new writer with this builder's settings} */
    public MemvidWriter build() {
      return new MemvidWriter(this);
    }
  }
}
