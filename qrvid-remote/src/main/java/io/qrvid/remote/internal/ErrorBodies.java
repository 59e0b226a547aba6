package io.qrvid.remote.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import io.qrvid.remote.ProviderResponse;
import org.jspecify.annotations.Nullable;

/** Reads error bodies (OpenAI {@code error.{code,type,message}}, google.rpc.Status) and retry hints. Not API. */
public final class ErrorBodies {
  /** The shared mapper: default Jackson configuration, unknown properties ignored by tree reading. */
  public static final ObjectMapper JSON = new ObjectMapper();

  private ErrorBodies() {}

  /** Parses {@code bytes} as JSON, or returns a missing node if it is not JSON. */
  public static JsonNode parseOrMissing(byte[] bytes) {
    if (bytes.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      JsonNode n = JSON.readTree(bytes);
      return n == null ? MissingNode.getInstance() : n;
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }

  /**
   * True if the body says the quota (not a rate limit) is used up: OpenAI {@code code/type == insufficient_quota},
   * Google "You exceeded your current quota" (RESOURCE_EXHAUSTED), or a message containing "quota exceeded" /
   * "billing". Rate limits ({@code rate_limit_exceeded}, "Resource has been exhausted (e.g. check quota)") are not.
   */
  public static boolean isQuotaExhausted(ProviderResponse response) {
    int statusCode = response.statusCode();
    if (statusCode != 429 && statusCode != 403) {
      return false;
    }
    JsonNode body = parseOrMissing(response.body());
    JsonNode err = body.path("error");
    String code = err.path("code").asText("");
    String type = err.path("type").asText("");
    if ("insufficient_quota".equals(code) || "insufficient_quota".equals(type)) {
      return true;
    }
    String msg = (err.isTextual() ? err.asText() : err.path("message").asText("")).toLowerCase(Locale.ROOT);
    return msg.contains("exceeded your current quota") || msg.contains("quota exceeded")
        || msg.contains("check your plan and billing");
  }

  /** Returns the error message of an error response's JSON body, truncated to 300 characters, or null. */
  public static @Nullable String message(ProviderResponse response) {
    JsonNode body = parseOrMissing(response.body());
    JsonNode err = body.path("error");
    String m = err.isTextual() ? err.asText() : err.path("message").asText(body.path("message").asText(""));
    if (m.isEmpty()) {
      return null;
    }
    return m.length() > 300 ? m.substring(0, 300) + "..." : m;
  }

  /**
   * Returns the delay a response asks for: {@code Retry-After-Ms}, then {@code Retry-After} (seconds or an
   * RFC 1123 date, per RFC 9110 §10.2.3), then Google {@code RetryInfo.retryDelay} ("58s"); null if none.
   *
   * @param nowMillis the current time, for HTTP dates
   */
  public static @Nullable Duration serverDelay(ProviderResponse response, long nowMillis) {
    String ms = response.header("retry-after-ms").orElse(null);
    if (ms != null) {
      try {
        double v = Double.parseDouble(ms.trim());
        if (v >= 0) {
          return Duration.ofMillis((long) v);
        }
      } catch (NumberFormatException ignored) {
        // fall through
      }
    }
    String ra = response.header("retry-after").orElse(null);
    if (ra != null) {
      String v = ra.trim();
      try {
        double s = Double.parseDouble(v);
        if (s >= 0) {
          return Duration.ofMillis((long) (s * 1000));
        }
      } catch (NumberFormatException notSeconds) {
        try {
          long at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
          return Duration.ofMillis(Math.max(0, at - nowMillis));
        } catch (RuntimeException ignored) {
          // unparseable: ignore the header
        }
      }
    }
    JsonNode body = parseOrMissing(response.body());
    for (JsonNode d : body.path("error").path("details")) {
      if (d.path("@type").asText("").endsWith("google.rpc.RetryInfo")) {
        String delay = d.path("retryDelay").asText("");
        if (delay.endsWith("s")) {
          try {
            return Duration.ofMillis((long) (Double.parseDouble(delay.substring(0, delay.length() - 1)) * 1000));
          } catch (NumberFormatException ignored) {
            // ignore
          }
        }
      }
    }
    return null;
  }

  /** Returns the first request-id header among {@code x-request-id}, {@code request-id}, {@code x-goog-request-id}. */
  public static @Nullable String requestId(ProviderResponse response) {
    for (String h : new String[] {"x-request-id", "request-id", "x-goog-request-id", "x-cloud-trace-context"}) {
      String v = response.header(h).orElse(null);
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
