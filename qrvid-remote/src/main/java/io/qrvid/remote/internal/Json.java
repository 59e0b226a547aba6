package io.qrvid.remote.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrvid.remote.RemoteVideoException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;

/** JSON helpers for providers. Not API. */
public final class Json {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private Json() {}

  /** Returns a new empty object node. */
  public static ObjectNode object() {
    return ErrorBodies.JSON.createObjectNode();
  }

  /** Returns a JSON request body. */
  public static RequestBody body(JsonNode node) {
    return RequestBody.create(node.toString(), JSON);
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
