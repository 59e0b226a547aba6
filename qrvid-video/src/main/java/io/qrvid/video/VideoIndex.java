package io.qrvid.video;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.qrvid.core.ChunkCompression;
import io.qrvid.core.CompressionDictionary;
import io.qrvid.core.Crc32c;
import io.qrvid.core.Sha256;
import io.qrvid.core.internal.SafeFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The JSON index written next to a QR video as {@code <video>.qrvid.json}: format and library versions, the video's
 * id, size and frame count, the codec settings, the frame geometry, the compression dictionary, and every document
 * and chunk with where its parts are stored. It never holds chunk text: the video is the only store.
 *
 * <p>Format 2 (written by default) stores the chunks as a compact binary table ({@code "chunkTable"}: Base64 of a
 * Deflate-compressed columnar table, about 10 bytes per chunk instead of about 270 for a JSON object) and may hold a
 * zstd {@link Dictionary} that every chunk of the video was compressed with. Format 1 (JSON objects per chunk,
 * Deflate chunks) is still read, and written on request ({@link QrVideoEncoder.Builder#formatVersion(int)}).
 *
 * <p>Symbols are numbered from 0 across the video; symbol {@code s} is in frame {@code s / symbolsPerFrame}, slot
 * {@code s % symbolsPerFrame}. Immutable and thread-safe.
 *
 * @param formatVersion the index format version, {@value #FORMAT_VERSION}
 * @param libraryVersion the qrvid version that wrote it
 * @param videoId the random id also written into every payload of the video
 * @param video the video file's name, size and frame count
 * @param codec the codec settings
 * @param geometry the frame and symbol geometry
 * @param documents the stored documents, in order
 * @param chunks the stored chunks, by index
 * @param dictionary the compression dictionary of every zstd chunk (format 2), or null when there is none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VideoIndex(int formatVersion, String libraryVersion, int videoId, VideoFile video, Codec codec,
    Geometry geometry, List<Document> documents, List<ChunkEntry> chunks, @Nullable Dictionary dictionary) {

  /** The index format version this library writes by default; it reads versions 1 and 2. */
  public static final int FORMAT_VERSION = 2;
  /** The first index format version: JSON objects per chunk, Deflate chunks. */
  public static final int FORMAT_VERSION_1 = 1;
  /** The suffix appended to the video's file name to name its index. */
  public static final String SUFFIX = ".qrvid.json";
  /** The suffix appended to a document's name to name its text layer. */
  public static final String TEXT_LAYER_SUFFIX = "#text";

  /**
   * The largest index file read, in bytes (256 MiB): about a million chunk entries, far more than one video holds
   * (corpora grow by segments, each with its own index). A larger file is rejected before it is read.
   */
  public static final long MAX_INDEX_BYTES = 256L << 20;

  /**
   * Copies the lists. Nothing is checked here, so that a damaged index read from a file can still be described
   * field by field; {@link #validate()} checks everything.
   *
   * @param formatVersion the index format version
   * @param libraryVersion the qrvid version that wrote it
   * @param videoId the random id also written into every payload of the video
   * @param video the video file's name, size and frame count
   * @param codec the codec settings
   * @param geometry the frame and symbol geometry
   * @param documents the stored documents, in order; copied into an unmodifiable list (null stays null)
   * @param chunks the stored chunks, by index; copied into an unmodifiable list (null stays null)
   * @param dictionary the zstd dictionary of a format-2 video whose chunks use one, or null
   */
  public VideoIndex {
    documents = documents == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(documents));
    chunks = chunks == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(chunks));
  }

  /**
   * An index without a compression dictionary.
   *
   * @param formatVersion the index format version
   * @param libraryVersion the qrvid version that wrote it
   * @param videoId the random id also written into every payload of the video
   * @param video the video file's name, size and frame count
   * @param codec the codec settings
   * @param geometry the frame and symbol geometry
   * @param documents the stored documents, in order
   * @param chunks the stored chunks, by index
   */
  public VideoIndex(int formatVersion, String libraryVersion, int videoId, VideoFile video, Codec codec,
      Geometry geometry, List<Document> documents, List<ChunkEntry> chunks) {
    this(formatVersion, libraryVersion, videoId, video, codec, geometry, documents, chunks, null);
  }

  /**
   * The zstd dictionary every zstd chunk of a format-2 video was compressed with, in its stored form.
   *
   * @param codec {@code zstd}
   * @param bytes the dictionary's size in bytes
   * @param sha256 the SHA-256 of the dictionary's bytes
   * @param data Base64 (RFC 4648) of one standard zstd frame holding the dictionary
   *     ({@link CompressionDictionary#storedForm()})
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Dictionary(String codec, int bytes, Sha256 sha256, String data) {

    /**
     * The stored form of {@code dictionary}, as written in an index.
     *
     * @param dictionary the dictionary
     * @return its stored form: codec {@code zstd}, size, SHA-256 and the Base64 of its zstd frame
     * @throws io.qrvid.core.CompressionUnavailableException if the zstd natives cannot be loaded
     */
    public static Dictionary of(CompressionDictionary dictionary) {
      return new Dictionary("zstd", dictionary.size(), dictionary.sha256(),
          java.util.Base64.getEncoder().encodeToString(dictionary.storedForm()));
    }

    /**
     * Decodes and checks the dictionary: Base64, one zstd frame of exactly {@link #bytes()} bytes, the SHA-256.
     *
     * @return the dictionary, ready to decompress chunks with
     * @throws VideoIndexException naming {@code dictionary} if any check fails
     * @throws io.qrvid.core.CompressionUnavailableException if the zstd natives cannot be loaded
     */
    public CompressionDictionary decode() {
      try {
        return CompressionDictionary.fromStoredForm(java.util.Base64.getDecoder().decode(data), bytes, sha256);
      } catch (IllegalArgumentException e) {
        throw new VideoIndexException("invalid index: dictionary: " + SafeFiles.escape(String.valueOf(
            e.getMessage())), "dictionary", e);
      }
    }
  }
  /**
   * The video file.
   *
   * @param name file name at write time
   * @param bytes size in bytes
   * @param frames frames written
   * @param symbols symbols written, data and parity (the last frame may have empty slots)
   * @param dataSymbols data symbols among them
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record VideoFile(String name, long bytes, long frames, long symbols, long dataSymbols) {}

  /**
   * Codec settings as given to the encoder.
   *
   * @param profile profile name
   * @param codec encoder name
   * @param container muxer name
   * @param pixelFormat pixel format
   * @param fps frames per second (timebase 1/fps)
   * @param options every encoder option set (crf or qp, preset, tune, g, extras)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Codec(String profile, String codec, String container, String pixelFormat, int fps,
      Map<String, String> options) {}

  /**
   * Frame and symbol geometry.
   *
   * @param frameWidth frame width, pixels
   * @param frameHeight frame height, pixels
   * @param version QR version
   * @param errorCorrection error-correction level
   * @param modulePixels pixels per module side
   * @param quietZone quiet zone, modules
   * @param columns symbols per frame row
   * @param rows symbols per frame column
   * @param alignment frame-size alignment, pixels
   * @param mask mask policy ("best" or 0..7)
   * @param compression chunk compression ({@link ChunkCompression#indexName()}: "zstd", "deflate" or "none";
   *     format 1 knows "deflate" and "none")
   * @param payloadFormatVersion the payload wire format version
   * @param parityData data symbols per parity group (k), 0 when there is no parity
   * @param parityShards parity symbols per group (m), 0 when there is no parity
   * @param darkLevel grey level of dark modules
   * @param lightLevel grey level of light modules
   * @param parityInterleave parity groups interleaved per block ({@link QrVideoEncoder.Builder#parityInterleave}),
   *     absent (null) for 1: group g is then stored as its k data symbols followed by its m parity symbols
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Geometry(int frameWidth, int frameHeight, int version, String errorCorrection, int modulePixels,
      int quietZone, int columns, int rows, int alignment, String mask, String compression,
      int payloadFormatVersion, int parityData, int parityShards, int darkLevel, int lightLevel,
      @Nullable Integer parityInterleave) {

    /**
     * A geometry without parity interleaving (the layout before {@code parityInterleave} existed).
     *
     * @param frameWidth frame width, pixels
     * @param frameHeight frame height, pixels
     * @param version QR version
     * @param errorCorrection error-correction level
     * @param modulePixels pixels per module side
     * @param quietZone quiet zone, modules
     * @param columns symbols per frame row
     * @param rows symbols per frame column
     * @param alignment frame-size alignment, pixels
     * @param mask mask policy ("best" or 0..7)
     * @param compression chunk compression, as {@link ChunkCompression#indexName()}
     * @param payloadFormatVersion the payload wire format version
     * @param parityData data symbols per parity group (k), 0 when there is no parity
     * @param parityShards parity symbols per group (m), 0 when there is no parity
     * @param darkLevel grey level of dark modules
     * @param lightLevel grey level of light modules
     */
    public Geometry(int frameWidth, int frameHeight, int version, String errorCorrection, int modulePixels,
        int quietZone, int columns, int rows, int alignment, String mask, String compression,
        int payloadFormatVersion, int parityData, int parityShards, int darkLevel, int lightLevel) {
      this(frameWidth, frameHeight, version, errorCorrection, modulePixels, quietZone, columns, rows, alignment,
          mask, compression, payloadFormatVersion, parityData, parityShards, darkLevel, lightLevel, null);
    }

    /** {@return the parity groups interleaved per block: {@link #parityInterleave()}, or 1 when absent} */
    public int interleave() {
      return parityInterleave == null ? 1 : parityInterleave;
    }
  }

  /**
   * One stored document, or the text layer extracted from one (see {@link #textOf()}).
   *
   * @param id document id
   * @param name file name, restored as is; a text layer's name is its source's name followed by
   *     {@value #TEXT_LAYER_SUFFIX}, and it is never restored as a file
   * @param bytes size of its bytes (its UTF-8 bytes for text)
   * @param sha256 SHA-256 of its bytes (64 lower-case hex digits in JSON)
   * @param firstChunk index of its first chunk
   * @param chunkCount number of its chunks
   * @param mediaType its media type (e.g. {@code application/pdf}), when recorded (absent in indexes written
   *     before documents were ingested by format)
   * @param storage how its bytes were cut into chunks; absent means {@link Storage#TEXT}
   * @param textOf for a text layer (the text extracted from a PDF, EPUB or HTML document, stored so that search
   *     hits are read from the video), the id of the document it was extracted from; absent for stored documents
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Document(int id, String name, long bytes, Sha256 sha256, int firstChunk, int chunkCount,
      @Nullable String mediaType, @Nullable Storage storage, @Nullable Integer textOf) {

    /**
     * A stored UTF-8 text document without the ingestion fields (media type, storage, text layer), as indexes
     * written before those fields describe every document.
     *
     * @param id document id
     * @param name file name, restored as is
     * @param bytes size of its UTF-8 bytes
     * @param sha256 SHA-256 of its UTF-8 bytes
     * @param firstChunk index of its first chunk
     * @param chunkCount number of its chunks
     */
    public Document(int id, String name, long bytes, Sha256 sha256, int firstChunk, int chunkCount) {
      this(id, name, bytes, sha256, firstChunk, chunkCount, null, null, null);
    }

    /** {@return true if this is the text layer of another document rather than a stored document} */
    public boolean textLayer() {
      return textOf != null;
    }

    /** {@return how the bytes were cut: {@link #storage()}, or {@link Storage#TEXT} when absent} */
    public Storage storageOrText() {
      return storage == null ? Storage.TEXT : storage;
    }
  }

  /** How a document's bytes are cut into chunks. */
  public enum Storage {
    /** UTF-8 text cut at characters: chunks carry character and UTF-8 byte offsets. */
    TEXT,
    /** Any bytes cut into byte ranges: chunks carry byte offsets; their character offsets are 0. */
    BYTES
  }

  /**
   * One stored chunk.
   *
   * @param index corpus-wide chunk index
   * @param document document id
   * @param charStart start in the document's text, UTF-16 units (0 for a {@link Storage#BYTES} document)
   * @param charEnd end (exclusive), UTF-16 units (0 for a {@link Storage#BYTES} document)
   * @param byteStart start in the document's bytes (its UTF-8 bytes for text)
   * @param byteEnd end (exclusive) in the document's bytes
   * @param frame frame holding part 0
   * @param slot slot of part 0 in that frame
   * @param firstSymbol symbol holding part 0
   * @param lastSymbol symbol holding the last part
   * @param parts number of parts
   * @param crc32c CRC32C of the plain bytes (8 lower-case hex digits in JSON)
   * @param storedBytes stored (possibly compressed) size
   * @param compressed whether stored compressed with the video's {@link Geometry#compression()} (JSON name
   *     {@code deflated}: format 1 knew only Deflate)
   * @param page the 1-based page the chunk's text is on (text layers of PDFs), when known
   * @param title the title of the section the chunk belongs to (Markdown and HTML headings, EPUB chapters, PDF
   *     outline entries), when known
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ChunkEntry(int index, int document, int charStart, int charEnd, long byteStart, long byteEnd,
      long frame, int slot, long firstSymbol, long lastSymbol, int parts, Crc32c crc32c, int storedBytes,
      @JsonProperty("deflated") boolean compressed, @Nullable Integer page, @Nullable String title) {}

  /**
   * The index path for {@code video}: the same name with {@value #SUFFIX} appended.
   *
   * @param video the video file
   * @return the index file beside the video; it may not exist
   */
  public static Path pathFor(Path video) {
    return video.resolveSibling(video.getFileName() + SUFFIX);
  }

  /** {@return the stored documents (what a restore writes), in order: every document that is not a text layer} */
  public List<Document> storedDocuments() {
    return documents.stream().filter(d -> !d.textLayer()).toList();
  }

  /**
   * The document with id {@code id}, if any (ids are positions in {@link #documents()} when written by qrvid).
   *
   * @param id the document id
   * @return the document, or empty when no document has that id at that position
   */
  public java.util.Optional<Document> document(int id) {
    if (id >= 0 && id < documents.size() && documents.get(id).id() == id) {
      return java.util.Optional.of(documents.get(id));
    }
    return documents.stream().filter(d -> d.id() == id).findFirst();
  }

  /** {@return the layout's symbols per frame} */
  public int symbolsPerFrame() {
    return geometry.columns() * geometry.rows();
  }

  /**
   * Reads and validates an index: the JSON must parse, and every field must pass {@link #validate()}.
   *
   * @param path the index file
   * @return the validated index
   * @throws NullPointerException if {@code path} is null
   * @throws VideoIndexException if the file is missing, larger than {@link #MAX_INDEX_BYTES}, is not a qrvid index,
   *     has an unsupported format version, or a field is missing, out of range or inconsistent (the exception
   *     {@linkplain VideoIndexException#field() names the field})
   * @throws IOException if reading fails otherwise
   */
  public static VideoIndex read(Path path) throws IOException {
    Objects.requireNonNull(path, "path == null");
    VideoIndex index;
    try {
      long size = Files.size(path);
      if (size > MAX_INDEX_BYTES) {
        throw new VideoIndexException("index " + path + " is " + size + " bytes; an index has at most "
            + MAX_INDEX_BYTES, null);
      }
      byte[] json = Files.readAllBytes(path);
      // The streaming reader takes the shape this library writes; data binding everything else, with its errors.
      index = IndexJson.readFormat2(json, path.toString());
      if (index == null) {
        index = IndexJson.Mapper.read(json, path);
      }
    } catch (NoSuchFileException e) {
      throw new VideoIndexException("index not found: " + path
          + " (a qrvid video is read with the index written next to it)", e);
    }
    if (index == null) {
      throw new VideoIndexException("not a qrvid index: " + path + " (JSON null)", null);
    }
    IndexValidator.validate(index, path.toString());
    return index;
  }

  /**
   * Checks every field: no required value missing, every number in its range, every count bounded by what the
   * other fields allow, and the fields consistent with each other (frame size with the symbol geometry, symbol
   * counts with the parity parameters, chunk ranges with documents, names unique plain file names). The reader
   * relies on nothing an index says before this passes.
   *
   * @throws VideoIndexException naming the first field at fault
   */
  public void validate() {
    IndexValidator.validate(this, "index");
  }

  /**
   * Writes this index to {@code path} atomically: to a temporary file in the same folder, then a move (see
   * {@link SafeFiles}).
   *
   * @param path the index file; its folder must exist
   * @throws IOException if writing fails; no partial index is left under {@code path}, and a previous index there
   *     is unchanged
   */
  public void write(Path path) throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    SafeFiles.write(dir, path.getFileName().toString(), toBytes());
  }

  /**
   * This index as UTF-8 JSON bytes in its {@link #formatVersion()}, as {@link #write} writes them: format 2 with the
   * chunks as {@code "chunkTable"} ({@link ChunkTable}), format 1 with a JSON object per chunk.
   *
   * @return a new array holding the JSON
   */
  public byte[] toBytes() {
    if (formatVersion == FORMAT_VERSION_1) {
      return IndexJson.Mapper.write(this, null);
    }
    String table = java.util.Base64.getEncoder().encodeToString(ChunkTable.encode(chunks));
    byte[] fast = IndexJson.writeFormat2(this, table);
    return fast != null ? fast : IndexJson.Mapper.write(this, table);
  }

  /** {@return this index as JSON text, as {@link #toBytes()}} */
  public String toJson() {
    return new String(toBytes(), java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * {@code head} (a format-2 index as read, without chunks) with the chunks of its Base64 chunk table.
   *
   * @throws VideoIndexException if the geometry is missing or its grid is out of range, or the table is not Base64
   *     or not a valid chunk table
   */
  static VideoIndex withChunkTable(VideoIndex head, @Nullable String table, String source) {
    if (table == null) {
      throw new VideoIndexException("invalid index " + source + ": " + ChunkTable.FIELD + " is missing or not a "
          + "string", ChunkTable.FIELD, null);
    }
    Geometry g = head.geometry();
    if (g == null) {
      throw new VideoIndexException("invalid index " + source + ": geometry is missing (null)", "geometry", null);
    }
    if (g.columns() < 1 || g.columns() > 16 || g.rows() < 1 || g.rows() > 16) {
      String field = g.columns() < 1 || g.columns() > 16 ? "geometry.columns" : "geometry.rows";
      throw new VideoIndexException("invalid index " + source + ": " + field + " is " + (field.endsWith("columns")
          ? g.columns() : g.rows()) + ", not in 1..16", field, null);
    }
    byte[] bytes;
    try {
      bytes = java.util.Base64.getDecoder().decode(table);
    } catch (IllegalArgumentException e) {
      throw new VideoIndexException("invalid index " + source + ": " + ChunkTable.FIELD + " is not Base64",
          ChunkTable.FIELD, e);
    }
    List<ChunkEntry> chunks = ChunkTable.decode(bytes, g.columns() * g.rows(), source);
    return new VideoIndex(head.formatVersion(), head.libraryVersion(), head.videoId(), head.video(), head.codec(),
        g, head.documents(), chunks, head.dictionary());
  }
}
