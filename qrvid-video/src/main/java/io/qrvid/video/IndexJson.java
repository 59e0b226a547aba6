package io.qrvid.video;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.qrvid.core.Crc32c;
import io.qrvid.core.Sha256;
import io.qrvid.core.internal.SafeFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The JSON of a format-2 {@link VideoIndex} through Jackson's streaming API alone (jackson-core), for the common
 * case, with Jackson's data binding ({@link Mapper}) for everything else.
 *
 * <p>Why: a command-line encode or decode of a small file reads or writes one index, and the first
 * {@code ObjectMapper} of a JVM (its class initialisation with the default date format, calendar and locale data,
 * then the introspection of the index's records and their annotations) cost about a third of a small decode's
 * start-up, measured by {@code qrvid bench cli} and JFR. The streaming reader and writer load none of it.
 *
 * <p>Same bytes, same results, same errors: {@link #writeFormat2} writes exactly the bytes data binding writes for
 * the same index (the records' components in declaration order, {@code null} left out where the record says
 * {@code NON_NULL}, the chunks as {@code "chunkTable"} last; tested byte for byte), and returns null for what it
 * does not handle (a null map key), which the caller then writes through data binding. {@link #readFormat2}
 * accepts only the shape this library writes, with exact JSON types: any other token (a number written as a string,
 * a fraction, a required field missing, a malformed document, format 1) makes it return null, and the caller reads
 * the same bytes through data binding, which applies Jackson's coercions or reports the typed error naming the
 * field ({@link VideoIndexException}) exactly as before. Not API.
 */
final class IndexJson {
  /** Jackson's streaming factory, with the same defaults as the data-binding mapper's. Thread-safe. */
  private static final JsonFactory FACTORY = new JsonFactory();

  private IndexJson() {}

  /**
   * A format-2 index (any {@link VideoIndex#formatVersion()} but 1) as data binding would write it, or null when
   * something in it is left to data binding.
   */
  static byte @Nullable [] writeFormat2(VideoIndex ix, String chunkTable) {
    if (ix.codec() != null && ix.codec().options() != null) {
      for (String key : ix.codec().options().keySet()) { // Map.of's containsKey(null) throws
        if (key == null) {
          return null;
        }
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + chunkTable.length());
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeNumberField("formatVersion", ix.formatVersion());
      if (ix.libraryVersion() != null) {
        g.writeStringField("libraryVersion", ix.libraryVersion());
      }
      g.writeNumberField("videoId", ix.videoId());
      if (ix.video() != null) {
        VideoIndex.VideoFile v = ix.video();
        g.writeObjectFieldStart("video");
        g.writeStringField("name", v.name());
        g.writeNumberField("bytes", v.bytes());
        g.writeNumberField("frames", v.frames());
        g.writeNumberField("symbols", v.symbols());
        g.writeNumberField("dataSymbols", v.dataSymbols());
        g.writeEndObject();
      }
      if (ix.codec() != null) {
        VideoIndex.Codec c = ix.codec();
        g.writeObjectFieldStart("codec");
        g.writeStringField("profile", c.profile());
        g.writeStringField("codec", c.codec());
        g.writeStringField("container", c.container());
        g.writeStringField("pixelFormat", c.pixelFormat());
        g.writeNumberField("fps", c.fps());
        g.writeFieldName("options");
        if (c.options() == null) {
          g.writeNull();
        } else {
          g.writeStartObject();
          for (Map.Entry<String, String> e : c.options().entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
          }
          g.writeEndObject();
        }
        g.writeEndObject();
      }
      if (ix.geometry() != null) {
        writeGeometry(g, ix.geometry());
      }
      if (ix.documents() != null) {
        g.writeArrayFieldStart("documents");
        for (VideoIndex.Document d : ix.documents()) {
          if (d == null) {
            g.writeNull();
          } else {
            writeDocument(g, d);
          }
        }
        g.writeEndArray();
      }
      if (ix.dictionary() != null) {
        VideoIndex.Dictionary d = ix.dictionary();
        g.writeObjectFieldStart("dictionary");
        g.writeStringField("codec", d.codec());
        g.writeNumberField("bytes", d.bytes());
        g.writeStringField("sha256", d.sha256() == null ? null : d.sha256().toString());
        g.writeStringField("data", d.data());
        g.writeEndObject();
      }
      g.writeStringField(ChunkTable.FIELD, chunkTable);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return out.toByteArray();
  }

  private static void writeGeometry(JsonGenerator g, VideoIndex.Geometry x) throws IOException {
    g.writeObjectFieldStart("geometry");
    g.writeNumberField("frameWidth", x.frameWidth());
    g.writeNumberField("frameHeight", x.frameHeight());
    g.writeNumberField("version", x.version());
    stringIfPresent(g, "errorCorrection", x.errorCorrection());
    g.writeNumberField("modulePixels", x.modulePixels());
    g.writeNumberField("quietZone", x.quietZone());
    g.writeNumberField("columns", x.columns());
    g.writeNumberField("rows", x.rows());
    g.writeNumberField("alignment", x.alignment());
    stringIfPresent(g, "mask", x.mask());
    stringIfPresent(g, "compression", x.compression());
    g.writeNumberField("payloadFormatVersion", x.payloadFormatVersion());
    g.writeNumberField("parityData", x.parityData());
    g.writeNumberField("parityShards", x.parityShards());
    g.writeNumberField("darkLevel", x.darkLevel());
    g.writeNumberField("lightLevel", x.lightLevel());
    if (x.parityInterleave() != null) {
      g.writeNumberField("parityInterleave", x.parityInterleave().intValue());
    }
    g.writeEndObject();
  }

  private static void writeDocument(JsonGenerator g, VideoIndex.Document d) throws IOException {
    g.writeStartObject();
    g.writeNumberField("id", d.id());
    stringIfPresent(g, "name", d.name());
    g.writeNumberField("bytes", d.bytes());
    if (d.sha256() != null) {
      g.writeStringField("sha256", d.sha256().toString());
    }
    g.writeNumberField("firstChunk", d.firstChunk());
    g.writeNumberField("chunkCount", d.chunkCount());
    stringIfPresent(g, "mediaType", d.mediaType());
    if (d.storage() != null) {
      g.writeStringField("storage", d.storage().name());
    }
    if (d.textOf() != null) {
      g.writeNumberField("textOf", d.textOf().intValue());
    }
    g.writeEndObject();
  }

  private static void stringIfPresent(JsonGenerator g, String name, @Nullable String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  /**
   * Reads a format-2 index of the shape this library writes, with its chunk table decoded
   * ({@link VideoIndex#withChunkTable}); null when the bytes are anything else, to be read by {@link Mapper#read}.
   * Not validated here.
   *
   * @throws VideoIndexException if the head parses but its geometry or chunk table is unusable (the same errors as
   *     through data binding)
   */
  static @Nullable VideoIndex readFormat2(byte[] json, String source) {
    Head h;
    try (JsonParser p = FACTORY.createParser(json)) {
      h = head(p);
      if (h != null && p.nextToken() != null) {
        h = null; // trailing content: left to data binding's rules
      }
    } catch (IOException | RuntimeException e) {
      return null; // malformed or unexpected: data binding reads it and reports what is wrong
    }
    if (h == null) {
      return null;
    }
    VideoIndex head = new VideoIndex(h.formatVersion, h.libraryVersion, h.videoId, h.video, h.codec, h.geometry,
        h.documents, null, h.dictionary);
    return VideoIndex.withChunkTable(head, h.chunkTable, source);
  }

  /** The fields of an index head as read; null fields that are required make the reader give up. */
  private static final class Head {
    int formatVersion;
    @Nullable String libraryVersion;
    int videoId;
    VideoIndex.@Nullable VideoFile video;
    VideoIndex.@Nullable Codec codec;
    VideoIndex.@Nullable Geometry geometry;
    @Nullable List<VideoIndex.Document> documents;
    VideoIndex.@Nullable Dictionary dictionary;
    @Nullable String chunkTable;
  }

  /** Thrown inside the reader when the input leaves the common shape; never escapes {@link #readFormat2}. */
  private static final class Unexpected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unexpected() {
      super(null, null, false, false);
    }
  }

  private static final Unexpected UNEXPECTED = new Unexpected();

  private static @Nullable Head head(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      return null;
    }
    Head h = new Head();
    int seen = 0;
    for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
      JsonToken t = p.nextToken();
      switch (f) {
        case "formatVersion" -> {
          h.formatVersion = intValue(p, t);
          seen |= 1;
        }
        case "libraryVersion" -> {
          h.libraryVersion = string(p, t);
          seen |= 2;
        }
        case "videoId" -> {
          h.videoId = intValue(p, t);
          seen |= 4;
        }
        case "video" -> {
          h.video = t == JsonToken.VALUE_NULL ? null : videoFile(p, t);
          seen |= 8;
        }
        case "codec" -> {
          h.codec = t == JsonToken.VALUE_NULL ? null : codec(p, t);
          seen |= 16;
        }
        case "geometry" -> {
          h.geometry = t == JsonToken.VALUE_NULL ? null : geometry(p, t);
          seen |= 32;
        }
        case "documents" -> {
          h.documents = t == JsonToken.VALUE_NULL ? null : documents(p, t);
          seen |= 64;
        }
        case "dictionary" -> h.dictionary = t == JsonToken.VALUE_NULL ? null : dictionary(p, t);
        case ChunkTable.FIELD -> {
          if (t != JsonToken.VALUE_STRING) {
            return null;
          }
          h.chunkTable = p.getText();
        }
        default -> p.skipChildren(); // unknown fields are ignored, as data binding does (and format 2 drops "chunks")
      }
    }
    // formatVersion other than 2 (format 1, or an unsupported one to report), a missing field or table: data binding
    return seen == 127 && h.formatVersion == VideoIndex.FORMAT_VERSION && h.chunkTable != null ? h : null;
  }

  private static VideoIndex.VideoFile videoFile(JsonParser p, JsonToken t) throws IOException {
    expect(t, JsonToken.START_OBJECT);
    String name = null;
    long bytes = 0;
    long frames = 0;
    long symbols = 0;
    long dataSymbols = 0;
    int seen = 0;
    for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
      JsonToken v = p.nextToken();
      switch (f) {
        case "name" -> {
          name = string(p, v);
          seen |= 1;
        }
        case "bytes" -> {
          bytes = longValue(p, v);
          seen |= 2;
        }
        case "frames" -> {
          frames = longValue(p, v);
          seen |= 4;
        }
        case "symbols" -> {
          symbols = longValue(p, v);
          seen |= 8;
        }
        case "dataSymbols" -> {
          dataSymbols = longValue(p, v);
          seen |= 16;
        }
        default -> p.skipChildren();
      }
    }
    complete(seen, 31);
    return new VideoIndex.VideoFile(name, bytes, frames, symbols, dataSymbols);
  }

  private static VideoIndex.Codec codec(JsonParser p, JsonToken t) throws IOException {
    expect(t, JsonToken.START_OBJECT);
    String profile = null;
    String codec = null;
    String container = null;
    String pixelFormat = null;
    int fps = 0;
    Map<String, String> options = null;
    int seen = 0;
    for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
      JsonToken v = p.nextToken();
      switch (f) {
        case "profile" -> {
          profile = string(p, v);
          seen |= 1;
        }
        case "codec" -> {
          codec = string(p, v);
          seen |= 2;
        }
        case "container" -> {
          container = string(p, v);
          seen |= 4;
        }
        case "pixelFormat" -> {
          pixelFormat = string(p, v);
          seen |= 8;
        }
        case "fps" -> {
          fps = intValue(p, v);
          seen |= 16;
        }
        case "options" -> {
          if (v == JsonToken.VALUE_NULL) {
            options = null;
          } else {
            expect(v, JsonToken.START_OBJECT);
            options = new LinkedHashMap<>();
            for (String k = p.nextFieldName(); k != null; k = p.nextFieldName()) {
              options.put(k, string(p, p.nextToken()));
            }
          }
          seen |= 32;
        }
        default -> p.skipChildren();
      }
    }
    complete(seen, 63);
    return new VideoIndex.Codec(profile, codec, container, pixelFormat, fps, options);
  }

  private static VideoIndex.Geometry geometry(JsonParser p, JsonToken t) throws IOException {
    expect(t, JsonToken.START_OBJECT);
    int[] n = new int[14];
    String errorCorrection = null;
    String mask = null;
    String compression = null;
    Integer parityInterleave = null;
    int seen = 0;
    for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
      JsonToken v = p.nextToken();
      int slot = switch (f) {
        case "frameWidth" -> 0;
        case "frameHeight" -> 1;
        case "version" -> 2;
        case "modulePixels" -> 3;
        case "quietZone" -> 4;
        case "columns" -> 5;
        case "rows" -> 6;
        case "alignment" -> 7;
        case "payloadFormatVersion" -> 8;
        case "parityData" -> 9;
        case "parityShards" -> 10;
        case "darkLevel" -> 11;
        case "lightLevel" -> 12;
        default -> -1;
      };
      if (slot >= 0) {
        n[slot] = intValue(p, v);
        seen |= 1 << slot;
        continue;
      }
      switch (f) {
        case "errorCorrection" -> {
          errorCorrection = string(p, v);
          seen |= 1 << 13;
        }
        case "mask" -> {
          mask = string(p, v);
          seen |= 1 << 14;
        }
        case "compression" -> {
          compression = string(p, v);
          seen |= 1 << 15;
        }
        case "parityInterleave" -> parityInterleave = v == JsonToken.VALUE_NULL ? null : intValue(p, v);
        default -> p.skipChildren();
      }
    }
    complete(seen, (1 << 16) - 1);
    return new VideoIndex.Geometry(n[0], n[1], n[2], errorCorrection, n[3], n[4], n[5], n[6], n[7], mask,
        compression, n[8], n[9], n[10], n[11], n[12], parityInterleave);
  }

  private static List<VideoIndex.Document> documents(JsonParser p, JsonToken t) throws IOException {
    expect(t, JsonToken.START_ARRAY);
    List<VideoIndex.Document> out = new ArrayList<>();
    for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
      out.add(e == JsonToken.VALUE_NULL ? null : document(p, e));
    }
    return out;
  }

  private static VideoIndex.Document document(JsonParser p, JsonToken t) throws IOException {
    expect(t, JsonToken.START_OBJECT);
    int id = 0;
    String name = null;
    long bytes = 0;
    Sha256 sha256 = null;
    int firstChunk = 0;
    int chunkCount = 0;
    String mediaType = null;
    VideoIndex.Storage storage = null;
    Integer textOf = null;
    int seen = 0;
    for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
      JsonToken v = p.nextToken();
      switch (f) {
        case "id" -> {
          id = intValue(p, v);
          seen |= 1;
        }
        case "name" -> {
          name = string(p, v);
          seen |= 2;
        }
        case "bytes" -> {
          bytes = longValue(p, v);
          seen |= 4;
        }
        case "sha256" -> {
          sha256 = v == JsonToken.VALUE_NULL ? null : hex(p, v, Sha256::parse);
          seen |= 8;
        }
        case "firstChunk" -> {
          firstChunk = intValue(p, v);
          seen |= 16;
        }
        case "chunkCount" -> {
          chunkCount = intValue(p, v);
          seen |= 32;
        }
        case "mediaType" -> mediaType = string(p, v);
        case "storage" -> {
          String s = string(p, v);
          storage = s == null ? null : switch (s) {
            case "TEXT" -> VideoIndex.Storage.TEXT;
            case "BYTES" -> VideoIndex.Storage.BYTES;
            default -> throw UNEXPECTED;
          };
        }
        case "textOf" -> textOf = v == JsonToken.VALUE_NULL ? null : intValue(p, v);
        default -> p.skipChildren();
      }
    }
    complete(seen, 63);
    return new VideoIndex.Document(id, name, bytes, sha256, firstChunk, chunkCount, mediaType, storage, textOf);
  }

  private static VideoIndex.Dictionary dictionary(JsonParser p, JsonToken t) throws IOException {
    expect(t, JsonToken.START_OBJECT);
    String codec = null;
    int bytes = 0;
    Sha256 sha256 = null;
    String data = null;
    int seen = 0;
    for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
      JsonToken v = p.nextToken();
      switch (f) {
        case "codec" -> {
          codec = string(p, v);
          seen |= 1;
        }
        case "bytes" -> {
          bytes = intValue(p, v);
          seen |= 2;
        }
        case "sha256" -> {
          sha256 = v == JsonToken.VALUE_NULL ? null : hex(p, v, Sha256::parse);
          seen |= 4;
        }
        case "data" -> {
          data = string(p, v);
          seen |= 8;
        }
        default -> p.skipChildren();
      }
    }
    complete(seen, 15);
    return new VideoIndex.Dictionary(codec, bytes, sha256, data);
  }

  private static void expect(JsonToken actual, JsonToken expected) {
    if (actual != expected) {
      throw UNEXPECTED;
    }
  }

  private static void complete(int seen, int all) {
    if (seen != all) {
      throw UNEXPECTED; // a missing field: data binding's defaults and errors apply
    }
  }

  /** A JSON string or null; anything else (a number data binding would coerce) leaves the common shape. */
  private static @Nullable String string(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    expect(t, JsonToken.VALUE_STRING);
    return p.getText();
  }

  private static int intValue(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
      throw UNEXPECTED;
    }
    return p.getIntValue();
  }

  private static long longValue(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT
        && p.getNumberType() != JsonParser.NumberType.LONG) {
      throw UNEXPECTED;
    }
    return p.getLongValue();
  }

  private static <T> T hex(JsonParser p, JsonToken t, Function<String, T> parse) throws IOException {
    expect(t, JsonToken.VALUE_STRING);
    try {
      return parse.apply(p.getText());
    } catch (IllegalArgumentException e) {
      throw UNEXPECTED;
    }
  }

  /**
   * Jackson's data binding of the index: format 1, indexes the streaming reader leaves to it, and tests. Its own
   * class so that the mapper is made only when something needs it.
   */
  static final class Mapper {
    static final ObjectMapper MAPPER = new ObjectMapper()
        .disable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .registerModule(new SimpleModule("qrvid-checksums")
            .addSerializer(Crc32c.class, new HexSerializer<>())
            .addDeserializer(Crc32c.class, new HexDeserializer<>(Crc32c.class, Crc32c::parse))
            .addSerializer(Sha256.class, new HexSerializer<>())
            .addDeserializer(Sha256.class, new HexDeserializer<>(Sha256.class, Sha256::parse)));

    private Mapper() {}

    /** Reads an index of any format through data binding, with its typed errors; null for JSON {@code null}. */
    static @Nullable VideoIndex read(byte[] bytes, Path path) throws IOException {
      try {
        com.fasterxml.jackson.databind.JsonNode tree = MAPPER.readTree(bytes);
        if (tree == null || !tree.isObject()) {
          throw new VideoIndexException("not a qrvid index: " + path + " (not a JSON object)", null);
        }
        com.fasterxml.jackson.databind.JsonNode version = tree.get("formatVersion");
        if (version == null || !version.canConvertToInt() || version.intValue() != VideoIndex.FORMAT_VERSION
            && version.intValue() != VideoIndex.FORMAT_VERSION_1) {
          throw new VideoIndexException("index " + path + " has format version "
              + (version == null ? "(none)" : SafeFiles.quote(version.toString()))
              + "; this library reads versions " + VideoIndex.FORMAT_VERSION_1 + " and " + VideoIndex.FORMAT_VERSION,
              "formatVersion", null);
        }
        return version.intValue() == VideoIndex.FORMAT_VERSION_1 ? MAPPER.treeToValue(tree, VideoIndex.class)
            : fromTreeV2((com.fasterxml.jackson.databind.node.ObjectNode) tree, path.toString());
      } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
        String field = IndexValidator.pathOf(e);
        throw new VideoIndexException("not a qrvid index: " + path + ": " + (field.isEmpty() ? "" : field + ": ")
            + SafeFiles.escape(String.valueOf(e.getOriginalMessage())), field.isEmpty() ? null : field, e);
      } catch (com.fasterxml.jackson.core.JacksonException e) {
        throw new VideoIndexException("not a qrvid index: " + path + ": "
            + SafeFiles.escape(String.valueOf(e.getOriginalMessage())), e);
      }
    }

    /** Maps a format-2 tree: everything but the chunks by Jackson, the chunks from the table. */
    private static @Nullable VideoIndex fromTreeV2(com.fasterxml.jackson.databind.node.ObjectNode tree,
        String source) throws com.fasterxml.jackson.core.JsonProcessingException {
      com.fasterxml.jackson.databind.JsonNode table = tree.remove(ChunkTable.FIELD);
      tree.remove("chunks");
      if (table == null || !table.isTextual()) {
        throw new VideoIndexException("invalid index " + source + ": " + ChunkTable.FIELD + " is missing or not a "
            + "string", ChunkTable.FIELD, null);
      }
      VideoIndex head = MAPPER.treeToValue(tree, VideoIndex.class);
      return head == null ? null : VideoIndex.withChunkTable(head, table.textValue(), source);
    }

    /** The index as data binding writes it: format 1 with a JSON object per chunk, format 2 with the table. */
    static byte[] write(VideoIndex ix, @Nullable String chunkTable) {
      com.fasterxml.jackson.databind.node.ObjectNode tree = MAPPER.valueToTree(ix);
      if (chunkTable != null) {
        tree.remove("chunks");
        tree.put(ChunkTable.FIELD, chunkTable);
      }
      try {
        return MAPPER.writeValueAsBytes(tree);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Writes a checksum value as its hex text form. */
  private static final class HexSerializer<T> extends JsonSerializer<T> {
    @Override
    public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      gen.writeString(value.toString());
    }
  }

  /** Reads a checksum value from its hex text form; anything else is a mapping error naming the field. */
  private static final class HexDeserializer<T> extends JsonDeserializer<T> {
    private final Class<T> type;
    private final Function<String, T> parse;

    HexDeserializer(Class<T> type, Function<String, T> parse) {
      this.type = type;
      this.parse = parse;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return type.cast(ctxt.handleUnexpectedToken(type, p));
      }
      String text = p.getText();
      try {
        return parse.apply(text);
      } catch (IllegalArgumentException e) {
        return type.cast(ctxt.handleWeirdStringValue(type, text, e.getMessage()));
      }
    }
  }
}
