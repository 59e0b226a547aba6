package io.qrvid.remote;

import io.qrvid.remote.internal.Urls;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One buffered HTTP response handed to a {@link VideoProvider} to interpret: status code, headers, body and the URL
 * that answered (after redirects). Immutable and thread-safe.
 *
 * <p>The client reads API response bodies up to a fixed limit ({@value #MAX_BODY_BYTES} bytes, enough for a Veo
 * status carrying an 8 s 1080p clip inline as base64) and fails with a {@link RemoteVideoException} beyond it, so a
 * provider never sees a truncated body. Video downloads are streamed to disk and never buffered here.
 *
 * <pre>{@code
 * ProviderResponse r = ProviderResponse.of(200, Map.of("Content-Type", List.of("application/json")),
 *     "{\"id\":\"task-1\"}".getBytes(StandardCharsets.UTF_8));   // e.g. in a provider's unit test
 * }</pre>
 */
public final class ProviderResponse {
  /** The largest API response body the client buffers, in bytes (64 MiB). */
  public static final int MAX_BODY_BYTES = 64 << 20;

  private final int statusCode;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private final URI url;

  private ProviderResponse(int statusCode, Map<String, List<String>> headers, byte[] body, URI url) {
    this.statusCode = statusCode;
    Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> h.computeIfAbsent(Objects.requireNonNull(k, "header name == null"),
        x -> new ArrayList<>()).addAll(v));
    h.replaceAll((k, v) -> List.copyOf(v));
    this.headers = Collections.unmodifiableMap(h);
    this.body = body;
    this.url = url;
  }

  /**
   * Creates a response (the client does this; providers' unit tests may too).
   *
   * @param statusCode the HTTP status, 100..599
   * @param headers header values by name (case-insensitive)
   * @param body the body bytes (copied)
   * @param url the URL that answered
   * @return the response
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the status is outside 100..599 or the body exceeds {@link #MAX_BODY_BYTES}
   */
  public static ProviderResponse of(int statusCode, Map<String, List<String>> headers, byte[] body, URI url) {
    if (statusCode < 100 || statusCode > 599) {
      throw new IllegalArgumentException("status outside 100..599: " + statusCode);
    }
    Objects.requireNonNull(body, "body == null");
    if (body.length > MAX_BODY_BYTES) {
      throw new IllegalArgumentException("body larger than " + MAX_BODY_BYTES + " bytes");
    }
    return new ProviderResponse(statusCode, Objects.requireNonNull(headers, "headers == null"), body.clone(),
        Objects.requireNonNull(url, "url == null"));
  }

  /**
   * Same as {@link #of(int, Map, byte[], URI)} with the URL {@code http://localhost/}.
   *
   * @param statusCode the HTTP status, 100..599
   * @param headers header values by name (case-insensitive)
   * @param body the body bytes (copied)
   * @return the response
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the status is outside 100..599 or the body is too large
   */
  public static ProviderResponse of(int statusCode, Map<String, List<String>> headers, byte[] body) {
    return of(statusCode, headers, body, URI.create("http://localhost/"));
  }

  /** {@return the HTTP status code} */
  public int statusCode() {
    return statusCode;
  }

  /** {@return true for a 2xx status} */
  public boolean isSuccessful() {
    return statusCode >= 200 && statusCode < 300;
  }

  /**
   * {@return the first value of header {@code name} (case-insensitive), if present}
   *
   * @param name the header name
   */
  public Optional<String> header(String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /** {@return every header, by name (case-insensitive keys); values in the order received} */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** {@return a copy of the body} */
  public byte[] body() {
    return body.clone();
  }

  /** {@return the body decoded as UTF-8 (malformed input replaced)} */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** {@return the URL that answered (the last hop when redirects were followed)} */
  public URI url() {
    return url;
  }

  @Override
  public String toString() {
    return "ProviderResponse{" + statusCode + ", " + body.length + " bytes from " + Urls.redact(url) + "}";
  }
}
