package io.qrvid.decode.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrvid.decode.QrPoint;
import io.qrvid.core.ErrorCorrection;
import io.qrvid.decode.Preprocessing;
import io.qrvid.decode.QrDecoderType;
import io.qrvid.decode.QrScanResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The JSON form of {@link QrScanResult}, shared by the CLI, the HTTP service and the remote client. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static Map<String, @Nullable Object> toMap(QrScanResult r) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("found", r.found());
    m.put("text", r.text().orElse(null));
    m.put("rawBytesBase64", r.found() ? Base64.getEncoder().encodeToString(r.rawBytes()) : null);
    m.put("decoder", r.decoder().map(QrDecoderType::id).orElse(null));
    m.put("processingTimeMs", r.processingTime().toMillis());
    m.put("level", r.level());
    m.put("preprocessing", r.preprocessing().stream().map(Preprocessing::id).collect(Collectors.toList()));
    m.put("rotationDegrees", r.rotationDegrees());
    List<Map<String, Double>> corners = new ArrayList<>();
    for (QrPoint p : r.corners()) {
      Map<String, Double> c = new LinkedHashMap<>();
      c.put("x", Math.round(p.x() * 100) / 100.0);
      c.put("y", Math.round(p.y() * 100) / 100.0);
      corners.add(c);
    }
    m.put("corners", corners);
    m.put("version", r.version().isPresent() ? r.version().getAsInt() : null);
    m.put("errorCorrectionLevel", r.errorCorrection().map(Enum::name).orElse(null));
    return m;
  }

  public static String write(QrScanResult r) {
    return write(toMap(r));
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses a remote decoder's answer. Accepts qrvid's own form (see {@link #toMap}) and the common shapes
   * {@code {"text": ...}}, {@code {"data": ...}}, {@code {"results": [{...}, ...]}} (first element), or a
   * top-level array; {@code "found": false} or no text means "not found".
   *
   * @return the result, or null when the answer says nothing was found
   * @throws IOException if the body is not JSON of a recognised shape
   */
  public static @Nullable QrScanResult parseRemote(byte[] body, String decoderName) throws IOException {
    JsonNode root = MAPPER.readTree(body);
    if (root == null) {
      throw new IOException("empty JSON body");
    }
    JsonNode n = root;
    if (n.isArray()) {
      if (n.isEmpty()) {
        return null;
      }
      n = n.get(0);
    } else if (n.has("results") && n.get("results").isArray()) {
      if (n.get("results").isEmpty()) {
        return null;
      }
      n = n.get("results").get(0);
    }
    if (!n.isObject()) {
      throw new IOException("unexpected JSON shape: " + n.getNodeType());
    }
    if (n.has("found") && !n.get("found").asBoolean(true)) {
      return null;
    }
    JsonNode textNode = n.hasNonNull("text") ? n.get("text") : n.hasNonNull("data") ? n.get("data") : null;
    byte[] raw = null;
    if (n.hasNonNull("rawBytesBase64")) {
      try {
        raw = Base64.getDecoder().decode(n.get("rawBytesBase64").asText());
      } catch (IllegalArgumentException e) {
        throw new IOException("rawBytesBase64 is not base64", e);
      }
    }
    if (textNode == null && raw == null) {
      return null;
    }
    String text = textNode != null ? textNode.asText() : new String(raw, StandardCharsets.ISO_8859_1);
    if (raw == null) {
      raw = text.getBytes(StandardCharsets.UTF_8);
    }
    QrScanResult.Builder b = QrScanResult.builder(text, raw, QrDecoderType.REMOTE).level(3);
    if (n.hasNonNull("version") && n.get("version").canConvertToInt()) {
      int v = n.get("version").asInt();
      if (v >= 1 && v <= 40) {
        b.version(v);
      }
    }
    if (n.hasNonNull("errorCorrectionLevel")) {
      String ec = n.get("errorCorrectionLevel").asText();
      if (List.of("L", "M", "Q", "H").contains(ec)) {
        b.errorCorrection(ErrorCorrection.valueOf(ec));
      }
    }
    if (n.has("corners") && n.get("corners").isArray()) {
      List<QrPoint> pts = new ArrayList<>();
      for (JsonNode c : n.get("corners")) {
        if (c.has("x") && c.has("y")) {
          pts.add(new QrPoint(c.get("x").asDouble(), c.get("y").asDouble()));
        }
      }
      b.corners(pts);
    }
    return b.build();
  }
}
