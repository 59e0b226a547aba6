package io.qrvid.video.memvid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;

/**
 * memvid's frame payload: the UTF-8 text {@code {"id": i, "text": chunk, "frame": i}} (Python's
 * {@code json.dumps}), replaced by {@code "GZ:" + base64(gzip(text))} when it is longer than 100 characters
 * (memvid {@code utils.encode_to_qr}; research/memvid.md section 1.2). Immutable.
 */
final class MemvidPayload {
  /** memvid compresses payloads longer than this many characters. */
  static final int COMPRESS_ABOVE = 100;
  /** No payload expands beyond this (a QR symbol holds at most 2953 bytes; Deflate expands at most ~1032 times). */
  static final int MAX_EXPANDED_BYTES = 4 << 20;
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  final @Nullable Integer id;
  final @Nullable Integer frame;
  final String text;
  final boolean compressed;

  private MemvidPayload(@Nullable Integer id, @Nullable Integer frame, String text, boolean compressed) {
    this.id = id;
    this.frame = frame;
    this.text = text;
    this.compressed = compressed;
  }

  /** Why a symbol's content is not a memvid payload. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Parses a symbol's content.
   *
   * @throws Invalid if it is not UTF-8, the base64 or gzip stream is damaged (gzip's CRC-32 catches misread bytes),
   *     or the JSON is not an object with a string {@code "text"}
   */
  static MemvidPayload parse(byte[] content) throws Invalid {
    String s = utf8(content, "symbol content");
    boolean compressed = s.startsWith("GZ:");
    if (compressed) {
      byte[] gz;
      try {
        gz = Base64.getDecoder().decode(s.substring(3));
      } catch (IllegalArgumentException e) {
        throw new Invalid("GZ: payload is not base64: " + e.getMessage());
      }
      s = utf8(gunzip(gz), "gunzipped payload");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(s);
    } catch (IOException e) {
      throw new Invalid("payload is not JSON");
    }
    if (node == null || !node.isObject()) {
      throw new Invalid("payload is not a JSON object");
    }
    JsonNode text = node.get("text");
    if (text == null || !text.isTextual()) {
      throw new Invalid("payload has no \"text\" string");
    }
    return new MemvidPayload(intOrNull(node.get("id")), intOrNull(node.get("frame")), text.asText(), compressed);
  }

  private static @Nullable Integer intOrNull(@Nullable JsonNode n) {
    return n != null && n.canConvertToInt() && n.isIntegralNumber() ? n.intValue() : null;
  }

  private static String utf8(byte[] bytes, String what) throws Invalid {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new Invalid(what + " is not UTF-8");
    }
  }

  private static byte[] gunzip(byte[] gz) throws Invalid {
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int r;
      while ((r = in.read(buf)) > 0) {
        out.write(buf, 0, r);
        if (out.size() > MAX_EXPANDED_BYTES) {
          throw new Invalid("gzip payload expands beyond " + MAX_EXPANDED_BYTES + " bytes");
        }
      }
      return out.toByteArray();
    } catch (ZipException | java.io.EOFException e) {
      throw new Invalid("gzip payload is damaged: " + e.getMessage());
    } catch (IOException e) {
      throw new Invalid("gzip payload is damaged: " + e);
    }
  }

  /**
   * The payload memvid writes for a chunk: Python's {@code json.dumps({"id": id, "text": text, "frame": frame})}
   * (separators {@code ", "} and {@code ": "}, non-ASCII and control characters as {@code \}{@code uXXXX} escapes),
   * then {@code "GZ:" + base64(gzip level 9)} when longer than {@value #COMPRESS_ABOVE} characters.
   */
  static String format(int id, String text, int frame) {
    StringBuilder json = new StringBuilder(text.length() + 48);
    json.append("{\"id\": ").append(id).append(", \"text\": ");
    pythonString(text, json);
    json.append(", \"frame\": ").append(frame).append('}');
    if (json.length() <= COMPRESS_ABOVE) {
      return json.toString();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes) {
      {
        def.setLevel(9);
      }
    }) {
      gz.write(json.toString().getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return "GZ:" + Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  /**
   * Appends {@code s} as Python's {@code json.dumps} writes a string with {@code ensure_ascii=True}: {@code \"},
   * {@code \\}, {@code \n}, {@code \r}, {@code \t}, {@code \b}, {@code \f}, and {@code \}{@code u00XX} /
   * {@code \}{@code uXXXX} for every other character outside space..tilde (UTF-16 units, so a supplementary
   * character becomes its surrogate pair).
   */
  static void pythonString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        default:
          if (c >= ' ' && c <= '~') {
            out.append(c);
          } else {
            out.append(String.format("\\u%04x", (int) c));
          }
      }
    }
    out.append('"');
  }
}
