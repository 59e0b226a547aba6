package io.qrvid.video.memvid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrvid.video.EncodeResult;
import io.qrvid.video.QrVideoEncoder;
import io.qrvid.video.QrVideoReader;
import io.qrvid.video.VideoIndexException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Migrates a memvid library to a qrvid video: every chunk with its memvid id, frame, verdict and index metadata,
 * stored in one qrvid video + index ({@link QrVideoEncoder}; the DENSE profile by default).
 *
 * <p>memvid's chunks overlap and were {@code strip()}ped, so the documents they came from cannot be rebuilt; the
 * chunks themselves are kept exactly. The qrvid video holds two documents: {@value #CHUNKS_DOCUMENT}, every stored
 * text one after another, and {@value #MANIFEST_DOCUMENT}, which says where each chunk's text starts and ends in
 * it (UTF-16 offsets) with its id, frame, verdict, whether its text came from the video or only from the index, and
 * the index entry's other keys; plus memvid's config block and the source files' names and sizes. The video is
 * the store: the qrvid index holds no text. {@link #readImported(Path)} gives the chunks back.
 *
 * <p>Chunks the video does not confirm ({@link MemvidVerdict#INDEX_ONLY}, {@link MemvidVerdict#MISMATCH}) stop
 * the import unless {@link Builder#acceptIndexText(boolean)} is set; then an INDEX_ONLY chunk is stored with the
 * index's text, marked {@code "source": "index"}, and a MISMATCH chunk with both texts.
 *
 * <pre>{@code
 * MemvidLibrary lib = MemvidLibrary.open(Path.of("lib.mp4"));
 * MemvidImportResult r = MemvidImporter.builder().build().importLibrary(lib, Path.of("lib-qrvid.mp4"));
 * List<MemvidChunk> back = MemvidImporter.readImported(r.video());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class MemvidImporter {
  /** The document holding the chunk texts. */
  public static final String CHUNKS_DOCUMENT = "memvid-chunks.txt";
  /** The document holding the manifest. */
  public static final String MANIFEST_DOCUMENT = "memvid-manifest.json";
  /** The manifest's {@code "format"} value. */
  static final String FORMAT = "qrvid-memvid-import";
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final boolean acceptIndexText;
  private final QrVideoEncoder encoder;

  private MemvidImporter(Builder b) {
    acceptIndexText = b.acceptIndexText;
    encoder = b.encoder != null ? b.encoder : QrVideoEncoder.builder().build();
  }

  /** {@return a builder with the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Writes {@code library} to {@code output} (a qrvid video; its index goes next to it).
   *
   * @param library the opened memvid library
   * @param output the qrvid video to write
   * @return what was written
   * @throws MemvidImportException if a chunk is INDEX_ONLY or MISMATCH and index text is not accepted; nothing is
   *     written then
   * @throws IllegalArgumentException if the library has no chunks, or the output's name does not suit the encoder's
   *     profile
   * @throws IOException if the output cannot be written
   * @throws NullPointerException if {@code library} is null
   */
  public MemvidImportResult importLibrary(MemvidLibrary library, Path output) throws IOException {
    Objects.requireNonNull(library, "library == null");
    Objects.requireNonNull(output, "output == null");
    if (library.chunks().isEmpty()) {
      throw new IllegalArgumentException("the library has no chunks to import");
    }
    List<MemvidChunk> flagged = new ArrayList<>();
    for (MemvidChunk c : library.chunks()) {
      if (c.verdict() == MemvidVerdict.INDEX_ONLY || c.verdict() == MemvidVerdict.MISMATCH) {
        flagged.add(c);
      }
    }
    if (!flagged.isEmpty() && !acceptIndexText) {
      throw new MemvidImportException(flagged.size() + " chunks are not confirmed by the video ("
          + library.count(MemvidVerdict.INDEX_ONLY) + " INDEX_ONLY, " + library.count(MemvidVerdict.MISMATCH)
          + " MISMATCH); nothing imported. Accept the index's text for them to import anyway.", flagged);
    }
    StringBuilder texts = new StringBuilder();
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("format", FORMAT).put("version", 1);
    manifest.put("note", "memvid chunks overlap and were strip()ped, so the original documents cannot be rebuilt;"
        + " each chunk's text is kept exactly. Offsets are UTF-16 code units into " + CHUNKS_DOCUMENT + ".");
    ObjectNode source = manifest.putObject("source");
    source.put("video", library.video().getFileName().toString()).put("video_bytes", library.videoBytes());
    library.index().ifPresent(i -> source.put("index", i.getFileName().toString()));
    source.put("index_bytes", library.indexBytes());
    source.put("codec", library.codec()).put("width", library.width()).put("height", library.height())
        .put("frame_rate", library.frameRate()).put("frames", library.frames().size());
    ObjectNode counts = manifest.putObject("counts");
    library.counts().forEach((v, n) -> counts.put(v.name(), n));
    if (library.config().isPresent()) {
      manifest.set("config", JSON.readTree(library.config().get()));
    }
    var list = manifest.putArray("chunks");
    for (MemvidChunk c : library.chunks()) {
      ObjectNode e = list.addObject();
      e.put("id", c.id()).put("frame", c.frame()).put("verdict", c.verdict().name());
      String main = c.videoText().orElseGet(() -> c.indexText().orElseThrow());
      e.put("source", c.videoText().isPresent() ? "video" : "index");
      e.put("start", texts.length());
      texts.append(main);
      e.put("end", texts.length());
      if (c.verdict() == MemvidVerdict.MISMATCH) {
        e.put("index_start", texts.length());
        texts.append(c.indexText().orElseThrow());
        e.put("index_end", texts.length());
      }
      c.videoPosition().ifPresent(p -> e.put("video_position", p));
      if (!c.metadata().isEmpty()) {
        e.set("metadata", JSON.valueToTree(c.metadata()));
      }
      if (c.verdict() != MemvidVerdict.VERIFIED) {
        e.put("detail", c.detail());
      }
    }
    Map<String, String> docs = new LinkedHashMap<>();
    docs.put(MANIFEST_DOCUMENT, JSON.writeValueAsString(manifest));
    docs.put(CHUNKS_DOCUMENT, texts.length() == 0 ? " " : texts.toString());
    EncodeResult r = encoder.encodeTexts(docs, output);
    return new MemvidImportResult(r.video(), r.index(), library.chunks().size(), library.counts(), flagged,
        library.videoBytes() + library.indexBytes(), r.videoBytes() + r.indexBytes(), r.elapsed());
  }

  /**
   * Reads the chunks of a library imported by {@link #importLibrary}, from the qrvid video at {@code video} (its
   * index next to it), with the verdicts recorded at import.
   *
   * @param video a qrvid video written by {@link #importLibrary}
   * @return the chunks in library order
   * @throws VideoIndexException if the video's index is missing or invalid
   * @throws io.qrvid.video.QrDecodeException if the video cannot be read completely
   * @throws IOException if the video holds no memvid import, or cannot be read
   */
  public static List<MemvidChunk> readImported(Path video) throws IOException {
    Map<String, byte[]> docs;
    try (QrVideoReader reader = QrVideoReader.open(video)) {
      docs = reader.readAll();
    }
    byte[] m = docs.get(MANIFEST_DOCUMENT);
    byte[] t = docs.get(CHUNKS_DOCUMENT);
    if (m == null || t == null) {
      throw new IOException(video + " holds no memvid import (no " + MANIFEST_DOCUMENT + ")");
    }
    JsonNode manifest = JSON.readTree(m);
    if (!FORMAT.equals(manifest.path("format").asText())) {
      throw new IOException(video + ": " + MANIFEST_DOCUMENT + " is not a memvid import manifest");
    }
    String texts = new String(t, StandardCharsets.UTF_8);
    List<MemvidChunk> out = new ArrayList<>();
    for (JsonNode e : manifest.path("chunks")) {
      MemvidVerdict v = MemvidVerdict.valueOf(e.path("verdict").asText());
      String main = slice(texts, e, "start", "end", video);
      boolean fromVideo = "video".equals(e.path("source").asText());
      String indexText;
      String videoText;
      switch (v) {
        case VERIFIED:
          indexText = main;
          videoText = main;
          break;
        case MISMATCH:
          videoText = main;
          indexText = slice(texts, e, "index_start", "index_end", video);
          break;
        case INDEX_ONLY:
          indexText = main;
          videoText = null;
          break;
        default:
          indexText = null;
          videoText = main;
      }
      if (fromVideo != (videoText != null)) {
        throw new IOException(video + ": manifest entry for chunk " + e.path("id").asInt() + " is inconsistent");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> meta = e.has("metadata") ? JSON.convertValue(e.get("metadata"), Map.class) : Map.of();
      out.add(new MemvidChunk(e.path("id").asInt(), e.path("frame").asInt(), v, indexText, videoText,
          e.has("video_position") ? e.get("video_position").asLong() : -1, meta,
          e.has("detail") ? e.get("detail").asText() : "imported"));
    }
    return out;
  }

  private static String slice(String texts, JsonNode e, String from, String to, Path video) throws IOException {
    int a = e.path(from).asInt(-1);
    int b = e.path(to).asInt(-1);
    if (a < 0 || b < a || b > texts.length()) {
      throw new IOException(video + ": manifest offsets " + from + "/" + to + " out of range");
    }
    return texts.substring(a, b);
  }

  /** Configures a {@link MemvidImporter}. Mutable and not thread-safe. */
  public static final class Builder {
    private boolean acceptIndexText;
    private @Nullable QrVideoEncoder encoder;

    private Builder() {}

    /**
     * Imports INDEX_ONLY chunks with the index's text and MISMATCH chunks with both texts, flagged in the manifest
     * (default false: such chunks stop the import).
     *
     * @param accept true to import unconfirmed chunks, flagged
     * @return this builder
     */
    public Builder acceptIndexText(boolean accept) {
      this.acceptIndexText = accept;
      return this;
    }

    /**
     * The qrvid encoder (default {@code QrVideoEncoder.builder().build()}, the DENSE profile).
     *
     * @param encoder encodes the imported documents
     * @return this builder
     * @throws NullPointerException if {@code encoder} is null
     */
    public Builder encoder(QrVideoEncoder encoder) {
      this.encoder = Objects.requireNonNull(encoder, "encoder == null");
      return this;
    }

    /**
     * Builds the importer.
     *
     * @return the immutable importer; the builder can be reused
     */
    public MemvidImporter build() {
      return new MemvidImporter(this);
    }
  }
}
