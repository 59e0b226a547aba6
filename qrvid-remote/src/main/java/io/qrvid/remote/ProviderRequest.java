package io.qrvid.remote;

import io.qrvid.remote.internal.Urls;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request a {@link VideoProvider} asks the client to send: method, absolute {@code http(s)} URL, ordinary
 * headers, credential headers and an optional body. Immutable and thread-safe.
 *
 * <p>Credentials ({@link Builder#credential(String, String)}: API keys, {@code Authorization}) are kept apart from
 * ordinary headers so that the client can enforce one rule for every provider: a credential is sent only to an
 * origin (scheme, host, port) listed by {@link VideoProvider#credentialOrigins()}. A request to any other origin,
 * including every redirect hop that leaves those origins, goes out without them. {@link #toString()} never shows a
 * credential or the URL's query (which may hold {@code key=}).
 *
 * <pre>{@code
 * ProviderRequest poll = ProviderRequest.builder("GET", URI.create("https://api.example.com/v1/tasks/42"))
 *     .credential("Authorization", "Bearer " + key)
 *     .header("X-Api-Version", "2024-11-06")
 *     .build();
 * }</pre>
 */
public final class ProviderRequest {
  private final String method;
  private final URI url;
  private final Map<String, String> headers;
  private final Map<String, String> credentials;
  private final byte @Nullable [] body;
  private final @Nullable String contentType;

  private ProviderRequest(Builder b) {
    method = b.method;
    url = b.url;
    headers = Collections.unmodifiableMap(copy(b.headers));
    credentials = Collections.unmodifiableMap(copy(b.credentials));
    body = b.body;
    contentType = b.contentType;
  }

  private static Map<String, String> copy(Map<String, String> m) {
    Map<String, String> c = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    c.putAll(m);
    return c;
  }

  /**
   * Starts a request.
   *
   * @param method an HTTP method token such as {@code GET}, {@code POST} or {@code DELETE} (upper-cased)
   * @param url an absolute {@code http} or {@code https} URL
   * @return a new builder; not thread-safe
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the method is not an HTTP token or the URL is not absolute http(s)
   */
  public static Builder builder(String method, URI url) {
    return new Builder(method, url);
  }

  /** {@return a builder initialised with this request} */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** {@return the HTTP method, upper case} */
  public String method() {
    return method;
  }

  /** {@return the absolute http(s) URL} */
  public URI url() {
    return url;
  }

  /** {@return the ordinary headers (case-insensitive keys), sent to every origin} */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * {@return the credential headers (case-insensitive keys), sent only to the provider's
   * {@link VideoProvider#credentialOrigins() credential origins}}
   */
  public Map<String, String> credentials() {
    return credentials;
  }

  /** {@return a copy of the body, if the request has one} */
  public Optional<byte[]> body() {
    return body == null ? Optional.empty() : Optional.of(body.clone());
  }

  /** {@return the body's media type, if the request has a body} */
  public Optional<String> contentType() {
    return Optional.ofNullable(contentType);
  }

  /** Describes the request without credentials and without the URL's query. */
  @Override
  public String toString() {
    return method + " " + Urls.redact(url);
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private final String method;
    private URI url;
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, String> credentials = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private byte @Nullable [] body;
    private @Nullable String contentType;

    private Builder(String method, URI url) {
      Objects.requireNonNull(method, "method == null");
      if (!method.matches("[A-Za-z]{1,16}")) {
        throw new IllegalArgumentException("not an HTTP method: " + method);
      }
      this.method = method.toUpperCase(Locale.ROOT);
      this.url = checkUrl(url);
    }

    private Builder(ProviderRequest r) {
      method = r.method;
      url = r.url;
      headers.putAll(r.headers);
      credentials.putAll(r.credentials);
      body = r.body;
      contentType = r.contentType;
    }

    private static URI checkUrl(URI url) {
      Objects.requireNonNull(url, "url == null");
      String scheme = url.getScheme();
      if (!url.isAbsolute() || url.getHost() == null
          || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
        throw new IllegalArgumentException("not an absolute http(s) URL: " + Urls.redact(url));
      }
      return url;
    }

    /**
     * Replaces the URL.
     *
     * @param url an absolute {@code http} or {@code https} URL
     * @return this builder
     * @throws IllegalArgumentException if not an absolute http(s) URL
     * @throws NullPointerException if {@code url} is null
     */
    public Builder url(URI url) {
      this.url = checkUrl(url);
      return this;
    }

    /**
     * Sets an ordinary header, sent to every origin (replacing an earlier value of the same name).
     *
     * @param name the header name
     * @param value the header value
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name or value contains a line break
     */
    public Builder header(String name, String value) {
      headers.put(checkHeader(name, "name"), checkHeader(value, "value"));
      return this;
    }

    /**
     * Sets a credential header (an API key, {@code Authorization}), sent only to the provider's credential origins.
     *
     * @param name the header name, e.g. {@code Authorization}
     * @param value the secret value; never logged
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name or value contains a line break
     */
    public Builder credential(String name, String value) {
      credentials.put(checkHeader(name, "name"), checkHeader(value, "credential value"));
      return this;
    }

    /**
     * Sets the body and its media type (e.g. {@code application/json; charset=utf-8}).
     *
     * @param body the body bytes (copied)
     * @param contentType the media type sent as {@code Content-Type}
     * @return this builder
     * @throws NullPointerException if an argument is null
     */
    public Builder body(byte[] body, String contentType) {
      this.body = Objects.requireNonNull(body, "body == null").clone();
      this.contentType = Objects.requireNonNull(contentType, "contentType == null");
      return this;
    }

    /**
     * Sets a JSON text body ({@code application/json; charset=utf-8}).
     *
     * @param json the JSON text, sent as UTF-8
     * @return this builder
     * @throws NullPointerException if {@code json} is null
     */
    public Builder jsonBody(String json) {
      return body(Objects.requireNonNull(json, "json == null").getBytes(StandardCharsets.UTF_8),
          "application/json; charset=utf-8");
    }

    /**
     * Builds the request.
     *
     * @return the immutable request; the builder can be reused
     */
    public ProviderRequest build() {
      return new ProviderRequest(this);
    }

    private static String checkHeader(String s, String what) {
      Objects.requireNonNull(s, what + " == null");
      if (s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("header " + what + " contains a line break");
      }
      return s;
    }
  }
}
