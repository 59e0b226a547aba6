package io.qrvid.video;

import com.fasterxml.jackson.databind.JsonMappingException;
import io.qrvid.core.ChunkCompression;
import io.qrvid.core.CompressionDictionary;
import io.qrvid.core.ErrorCorrection;
import io.qrvid.core.FrameLayout;
import io.qrvid.core.FramePayload;
import io.qrvid.core.internal.SafeFiles;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schema of a {@link VideoIndex}, checked before the reader relies on any of it. An index is untrusted input:
 * every rule below exists so that a crafted or damaged index ends in a {@link VideoIndexException} naming the field
 * instead of an allocation from an untrusted size, a loop over an untrusted count, a NullPointerException, or a
 * write under an unsafe or duplicate name.
 *
 * <p>Rules, in the order checked:
 * <ul>
 *   <li>no required object, list, list element or string is null;</li>
 *   <li>geometry: a valid {@link FrameLayout} (version 1-40, level L/M/Q/H, module pixels 1-64, quiet zone 0-16,
 *       grid 1-16 each way, alignment even 2-64) whose frame size is the recorded one; grey levels
 *       {@code 0 <= dark < light <= 255}; payload format 1 in an index of format 1, 2 in one of format 2; a chunk
 *       compression the format knows ({@code deflate} or {@code none}, and {@code zstd} in format 2); parity either off
 *       ({@code parityShards == 0}) or {@code parityData >= 1} with {@code parityData + parityShards <= 255}
 *       (one Reed-Solomon code over GF(2^8)), interleaved over 1 to 4096 groups;</li>
 *   <li>codec: 1 to 1000 frames per second;</li>
 *   <li>video: {@code 1 <= frames <= bytes} (a coded frame takes at least one byte), the symbol count fills the
 *       last frame ({@code (frames - 1) * symbolsPerFrame < symbols <= frames * symbolsPerFrame}), and
 *       {@code symbols} is {@code dataSymbols} plus {@code parityShards} per parity group ({@link ParityLayout});
 *       just {@code dataSymbols} without parity;</li>
 *   <li>chunks: at least one; entry {@code i} has index {@code i}, a document that exists, non-negative character
 *       and byte ranges, the byte range not empty (the character range is not empty either for a text document,
 *       and 0..0 for a document stored as bytes), {@code 0 <= firstSymbol <= lastSymbol < symbols}, frame and slot equal
 *       to {@code firstSymbol}'s, 1 to 65535 parts (the payload header's limit) and at most one symbol per part
 *       beyond parity, stored bytes between 1 and parts x symbol capacity, plain size equal to the stored size when
 *       not compressed and at most the method's largest ratio times it when compressed (Deflate 1032, zlib's
 *       technical details; zstd 32768, RFC 8878 section 3.1.1.2);</li>
 *   <li>dictionary (format 2, only with {@code zstd}): codec {@code zstd}, 8 to 1 MiB bytes, a SHA-256, and stored
 *       data no longer than Base64 of the largest zstd frame of that size (decoded and checked against its SHA-256
 *       when a reader opens the video);</li>
 *   <li>documents: at least one; entry {@code i} has id {@code i}, a plain file name ({@link SafeFiles#nameProblem})
 *       unique in the index, 1 to {@value #MAX_DOCUMENT_BYTES} bytes, a chunk range inside the chunk list whose
 *       chunks all belong to it, starting at byte 0 and ending at its size; a media type of at most 255
 *       characters when present; a text layer ({@code textOf}) names an earlier document that is not itself a text
 *       layer, is stored as text, and no other text layer names the same document.</li>
 * </ul>
 */
final class IndexValidator {
  /** The largest document a reader can return: the largest Java byte array. */
  static final long MAX_DOCUMENT_BYTES = Integer.MAX_VALUE - 8;

  private IndexValidator() {}

  static void validate(VideoIndex ix, String source) {
    new Run(source).check(ix);
  }

  /** The JSON path of a Jackson mapping error, e.g. {@code chunks[3].crc32c}, or empty. */
  static String pathOf(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static final class Run {
    private final String source;

    Run(String source) {
      this.source = source;
    }

    private VideoIndexException fail(String field, String problem) {
      return new VideoIndexException("invalid index " + source + ": " + field + " " + problem, field, null);
    }

    private <T> T present(T value, String field) {
      if (value == null) {
        throw fail(field, "is missing (null)");
      }
      return value;
    }

    private void range(long value, long min, long max, String field) {
      if (value < min || value > max) {
        throw fail(field, "is " + value + ", not in " + min + ".." + max);
      }
    }

    void check(VideoIndex ix) {
      if (ix.formatVersion() != VideoIndex.FORMAT_VERSION && ix.formatVersion() != VideoIndex.FORMAT_VERSION_1) {
        throw new VideoIndexException("index " + source + " has format version " + ix.formatVersion()
            + "; this library reads versions " + VideoIndex.FORMAT_VERSION_1 + " and " + VideoIndex.FORMAT_VERSION,
            "formatVersion", null);
      }
      VideoIndex.VideoFile video = present(ix.video(), "video");
      VideoIndex.Codec codec = present(ix.codec(), "codec");
      VideoIndex.Geometry g = present(ix.geometry(), "geometry");
      List<VideoIndex.Document> documents = present(ix.documents(), "documents");
      List<VideoIndex.ChunkEntry> chunks = present(ix.chunks(), "chunks");

      FrameLayout layout = layout(g, ix.formatVersion());
      ChunkCompression method = compression(g, ix.formatVersion());
      dictionary(ix.dictionary(), method);
      int capacity = layout.symbolCapacity();
      int spf = layout.symbolsPerFrame();

      present(codec.profile(), "codec.profile");
      present(codec.codec(), "codec.codec");
      present(codec.container(), "codec.container");
      present(codec.pixelFormat(), "codec.pixelFormat");
      range(codec.fps(), 1, 1000, "codec.fps");

      present(video.name(), "video.name");
      range(video.bytes(), 1, Long.MAX_VALUE, "video.bytes");
      range(video.frames(), 1, video.bytes(), "video.frames");
      long maxSymbols;
      try {
        maxSymbols = Math.multiplyExact(video.frames(), spf);
      } catch (ArithmeticException e) {
        throw fail("video.frames", "is " + video.frames() + ", too many for any video");
      }
      range(video.symbols(), maxSymbols - spf + 1, maxSymbols, "video.symbols");
      range(video.dataSymbols(), 1, video.symbols(), "video.dataSymbols");
      int k = g.parityData();
      int m = g.parityShards();
      long expectedSymbols = m == 0 ? video.dataSymbols()
          : new ParityLayout(k, m, g.interleave(), video.dataSymbols()).symbols();
      if (video.symbols() != expectedSymbols) {
        throw fail("video.symbols", "is " + video.symbols() + " but " + video.dataSymbols() + " data symbols"
            + (m == 0 ? " without parity make " : " with parity " + k + "+" + m + " interleaved x"
            + g.interleave() + " make ") + expectedSymbols);
      }

      if (chunks.isEmpty()) {
        throw fail("chunks", "is empty");
      }
      if (documents.isEmpty()) {
        throw fail("documents", "is empty");
      }
      for (int i = 0; i < chunks.size(); i++) {
        chunk(present(chunks.get(i), "chunks[" + i + "]"), i, documents.size(), video, spf, capacity, m, method);
      }
      Map<String, Integer> names = new HashMap<>();
      Map<Integer, Integer> layers = new HashMap<>();
      for (int i = 0; i < documents.size(); i++) {
        document(present(documents.get(i), "documents[" + i + "]"), i, chunks, names);
        textLayer(documents, i, layers);
      }
    }

    private ChunkCompression compression(VideoIndex.Geometry g, int formatVersion) {
      String name = present(g.compression(), "geometry.compression");
      ChunkCompression method;
      try {
        method = ChunkCompression.fromIndexName(name);
      } catch (IllegalArgumentException e) {
        throw fail("geometry.compression", "is " + SafeFiles.quote(name) + ", not one of zstd, deflate, none");
      }
      if (formatVersion == VideoIndex.FORMAT_VERSION_1 && method == ChunkCompression.ZSTD) {
        throw fail("geometry.compression", "is zstd, which index format 1 does not have");
      }
      return method;
    }

    private void dictionary(VideoIndex.Dictionary d, ChunkCompression method) {
      if (d == null) {
        return;
      }
      if (method != ChunkCompression.ZSTD) {
        throw fail("dictionary", "is present but the chunks are compressed with " + method.indexName());
      }
      if (!"zstd".equals(d.codec())) {
        throw fail("dictionary.codec", "is " + SafeFiles.quote(d.codec()) + ", not zstd");
      }
      range(d.bytes(), 8, CompressionDictionary.MAX_BYTES, "dictionary.bytes");
      present(d.sha256(), "dictionary.sha256");
      String data = present(d.data(), "dictionary.data");
      // A zstd frame is never longer than its content plus a small header and 3 bytes per 128 KiB block.
      long maxFrame = d.bytes() + 64 + 3L * (d.bytes() / (128 * 1024) + 1);
      if (data.length() > 4 * ((maxFrame + 2) / 3)) {
        throw fail("dictionary.data", "is " + data.length() + " characters, more than Base64 of a zstd frame of "
            + d.bytes() + " bytes");
      }
    }

    private FrameLayout layout(VideoIndex.Geometry g, int formatVersion) {
      String level = present(g.errorCorrection(), "geometry.errorCorrection");
      ErrorCorrection ec;
      try {
        ec = ErrorCorrection.valueOf(level);
      } catch (IllegalArgumentException e) {
        throw fail("geometry.errorCorrection", "is " + SafeFiles.quote(level) + ", not one of L, M, Q, H");
      }
      range(g.version(), 1, 40, "geometry.version");
      range(g.modulePixels(), 1, 64, "geometry.modulePixels");
      range(g.quietZone(), 0, 16, "geometry.quietZone");
      range(g.columns(), 1, 16, "geometry.columns");
      range(g.rows(), 1, 16, "geometry.rows");
      range(g.alignment(), 2, 64, "geometry.alignment");
      if (g.alignment() % 2 != 0) {
        throw fail("geometry.alignment", "is " + g.alignment() + ", not even");
      }
      FrameLayout layout;
      try {
        layout = FrameLayout.builder().version(g.version()).errorCorrection(ec).modulePixels(g.modulePixels())
            .quietZone(g.quietZone()).grid(g.columns(), g.rows()).frameAlignment(g.alignment()).build();
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw fail("geometry", "describes no valid frame: " + e.getMessage());
      }
      if (layout.frameWidth() != g.frameWidth()) {
        throw fail("geometry.frameWidth", "is " + g.frameWidth() + " but the geometry makes "
            + layout.frameWidth());
      }
      if (layout.frameHeight() != g.frameHeight()) {
        throw fail("geometry.frameHeight", "is " + g.frameHeight() + " but the geometry makes "
            + layout.frameHeight());
      }
      range(g.darkLevel(), 0, 254, "geometry.darkLevel");
      range(g.lightLevel(), g.darkLevel() + 1, 255, "geometry.lightLevel");
      int payloadVersion = formatVersion == VideoIndex.FORMAT_VERSION_1 ? FramePayload.FORMAT_VERSION_1
          : FramePayload.FORMAT_VERSION;
      if (g.payloadFormatVersion() != payloadVersion) {
        throw fail("geometry.payloadFormatVersion", "is " + g.payloadFormatVersion() + "; an index of format "
            + formatVersion + " describes payload format " + payloadVersion);
      }
      range(g.parityShards(), 0, 254, "geometry.parityShards");
      if (g.parityShards() > 0) {
        range(g.parityData(), 1, 255 - g.parityShards(), "geometry.parityData");
      } else {
        range(g.parityData(), 0, 254, "geometry.parityData");
      }
      if (g.parityInterleave() != null) {
        range(g.parityInterleave(), 1, g.parityShards() > 0 ? 4096 : 1, "geometry.parityInterleave");
      }
      return layout;
    }

    private void chunk(VideoIndex.ChunkEntry c, int i, int documents, VideoIndex.VideoFile video, int spf,
        int capacity, int m, ChunkCompression method) {
      String f = "chunks[" + i + "].";
      if (c.index() != i) {
        throw fail(f + "index", "is " + c.index() + "; chunk entries are listed by index from 0");
      }
      range(c.document(), 0, documents - 1, f + "document");
      range(c.charStart(), 0, Integer.MAX_VALUE, f + "charStart");
      range(c.charEnd(), c.charStart(), Integer.MAX_VALUE, f + "charEnd"); // empty only for bytes: see document()
      range(c.byteStart(), 0, MAX_DOCUMENT_BYTES - 1, f + "byteStart");
      range(c.byteEnd(), c.byteStart() + 1, Math.min(MAX_DOCUMENT_BYTES, c.byteStart() + Integer.MAX_VALUE),
          f + "byteEnd");
      range(c.firstSymbol(), 0, video.symbols() - 1, f + "firstSymbol");
      range(c.lastSymbol(), c.firstSymbol(), video.symbols() - 1, f + "lastSymbol");
      if (c.frame() != c.firstSymbol() / spf) {
        throw fail(f + "frame", "is " + c.frame() + " but symbol " + c.firstSymbol() + " is in frame "
            + c.firstSymbol() / spf);
      }
      if (c.slot() != c.firstSymbol() % spf) {
        throw fail(f + "slot", "is " + c.slot() + " but symbol " + c.firstSymbol() + " is in slot "
            + c.firstSymbol() % spf);
      }
      range(c.parts(), 1, 0xFFFF, f + "parts");
      long span = c.lastSymbol() - c.firstSymbol() + 1;
      // Parts sit in consecutive data symbols; parity symbols may lie between them.
      if (span < c.parts() || m == 0 && span != c.parts()) {
        throw fail(f + "parts", "is " + c.parts() + " but the chunk spans " + span + " symbols");
      }
      present(c.crc32c(), f + "crc32c");
      range(c.storedBytes(), 1, (long) c.parts() * capacity, f + "storedBytes");
      long plain = c.byteEnd() - c.byteStart();
      if (!c.compressed() && plain != c.storedBytes()) {
        throw fail(f + "storedBytes", "is " + c.storedBytes() + " but the chunk is " + plain
            + " bytes and not compressed");
      }
      if (c.compressed() && method == ChunkCompression.NONE) {
        throw fail(f + "deflated", "says compressed but the video's compression is none");
      }
      long ratio = method == ChunkCompression.ZSTD ? FramePayload.MAX_ZSTD_RATIO : FramePayload.MAX_DEFLATE_RATIO;
      if (c.compressed() && plain > c.storedBytes() * ratio) {
        throw fail(f + "byteEnd", "makes " + plain + " bytes from " + c.storedBytes() + " " + method.indexName()
            + " bytes, more than its largest ratio " + ratio + ":1");
      }
    }

    /** The ingestion fields of document {@code i}: media type, storage, text layer (issue 12). */
    private void textLayer(List<VideoIndex.Document> documents, int i, Map<Integer, Integer> layers) {
      VideoIndex.Document d = documents.get(i);
      String f = "documents[" + i + "].";
      if (d.mediaType() != null && (d.mediaType().isEmpty() || d.mediaType().length() > 255)) {
        throw fail(f + "mediaType", "is " + SafeFiles.quote(d.mediaType()) + "; a media type has 1-255 characters");
      }
      if (d.textOf() == null) {
        return;
      }
      range(d.textOf(), 0, i - 1L, f + "textOf");
      if (documents.get(d.textOf()).textLayer()) {
        throw fail(f + "textOf", "names documents[" + d.textOf() + "], itself a text layer");
      }
      if (d.storageOrText() != VideoIndex.Storage.TEXT) {
        throw fail(f + "storage", "is " + d.storage() + " but a text layer is text");
      }
      Integer before = layers.putIfAbsent(d.textOf(), i);
      if (before != null) {
        throw fail(f + "textOf", "names documents[" + d.textOf() + "] as documents[" + before + "] does");
      }
    }

    private void document(VideoIndex.Document d, int i, List<VideoIndex.ChunkEntry> chunks,
        Map<String, Integer> names) {
      String f = "documents[" + i + "].";
      if (d.id() != i) {
        throw fail(f + "id", "is " + d.id() + "; documents are listed by id from 0");
      }
      String name = present(d.name(), f + "name");
      Optional<String> problem = SafeFiles.nameProblem(name);
      if (problem.isPresent()) {
        throw fail(f + "name", SafeFiles.quote(name) + " is not a plain file name: " + problem.get());
      }
      Integer before = names.putIfAbsent(name, i);
      if (before != null) {
        throw fail(f + "name", SafeFiles.quote(name) + " is also the name of documents[" + before
            + "]; documents are restored by name, so names must be unique");
      }
      range(d.bytes(), 1, MAX_DOCUMENT_BYTES, f + "bytes");
      present(d.sha256(), f + "sha256");
      range(d.firstChunk(), 0, chunks.size() - 1, f + "firstChunk");
      range(d.chunkCount(), 1, chunks.size() - d.firstChunk(), f + "chunkCount");
      boolean bytes = d.storageOrText() == VideoIndex.Storage.BYTES;
      for (int c = d.firstChunk(); c < d.firstChunk() + d.chunkCount(); c++) {
        VideoIndex.ChunkEntry e = chunks.get(c);
        if (e.document() != i) {
          throw fail(f + "chunkCount", "takes in chunk " + c + ", which belongs to document " + e.document());
        }
        if (bytes ? e.charStart() != 0 || e.charEnd() != 0 : e.charEnd() <= e.charStart()) {
          throw fail("chunks[" + c + "].charEnd", bytes ? "is " + e.charEnd() + " (from " + e.charStart()
              + ") but documents[" + i + "] is stored as bytes: character offsets are 0"
              : "is " + e.charEnd() + ", not after charStart " + e.charStart());
        }
      }
      if (chunks.get(d.firstChunk()).byteStart() != 0) {
        throw fail("chunks[" + d.firstChunk() + "].byteStart", "is " + chunks.get(d.firstChunk()).byteStart()
            + " but it is the first chunk of documents[" + i + "]");
      }
      long end = chunks.get(d.firstChunk() + d.chunkCount() - 1).byteEnd();
      if (end != d.bytes()) {
        throw fail(f + "bytes", "is " + d.bytes() + " but its last chunk ends at byte " + end);
      }
    }
  }
}
