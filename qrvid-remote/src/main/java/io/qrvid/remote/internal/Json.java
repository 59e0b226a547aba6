package io.qrvid.remote.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrvid.remote.ProviderResponse;
import io.qrvid.remote.RemoteVideoException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** JSON helpers for providers (Jackson stays inside the module). Not API. */
public final class Json {
  private Json() {}

  /** Returns a new empty object node. */
  public static ObjectNode object() {
    return ErrorBodies.JSON.createObjectNode();
  }

  /**
   * Parses a 2xx response body as JSON.
   *
   * @throws RemoteVideoException if the body is empty or not JSON
   */
  public static JsonNode parse(ProviderResponse response) {
    JsonNode n = ErrorBodies.parseOrMissing(response.body());
    if (n.isMissingNode()) {
      throw new RemoteVideoException("response of " + Urls.redact(response.url()) + " (HTTP "
          + response.statusCode() + ") is not JSON", response.statusCode(), ErrorBodies.requestId(response), null,
          null);
    }
    return n;
  }

  /**
   * Serialises a value (a tree, or maps, lists, strings, numbers, booleans) as JSON text.
   *
   * @throws IllegalArgumentException if the value cannot be serialised
   */
  public static String write(Object value) {
    try {
      return ErrorBodies.JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise the request body as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Returns the text at {@code node}, or null if missing, null or empty. */
  public static @Nullable String text(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    String s = node.asText();
    return s.isEmpty() ? null : s;
  }

  /** Returns the required text at {@code pointer}. */
  public static String require(JsonNode root, String pointer, String what) {
    String s = text(root.at(pointer));
    if (s == null) {
      throw new RemoteVideoException("response has no " + what + " at " + pointer, null);
    }
    return s;
  }

  /** Returns the string elements of an array node (or the node's text). */
  public static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> out.add(n.asText()));
    } else if (text(node) != null) {
      out.add(node.asText());
    }
    return out;
  }
}
