package io.qrvid.remote.internal;

import io.qrvid.remote.ProviderRequest;
import io.qrvid.remote.RedirectRefusedException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@link ProviderRequest}s into OkHttp requests under the credential rule, and decides redirect hops. Every
 * OkHttp client it hands out follows no redirects itself: OkHttp keeps custom headers such as
 * {@code x-goog-api-key} across hosts, so redirects are followed here, hop by hop, each hop checked against the
 * credential origins. Not API.
 */
public final class Transport {
  private final OkHttpClient client;
  private final OkHttpClient submitClient;
  private final Set<String> credentialOrigins;

  /**
   * Creates a transport.
   *
   * @param base the caller's (or default) client; derived clients share its pools
   * @param origins the origins that may receive credentials
   * @throws IllegalArgumentException if {@code origins} is empty or holds a non-http(s) URI
   */
  public Transport(OkHttpClient base, Set<URI> origins) {
    if (origins.isEmpty()) {
      throw new IllegalArgumentException("the provider's credentialOrigins() is empty");
    }
    this.client = base.newBuilder().followRedirects(false).followSslRedirects(false).build();
    this.submitClient = client.newBuilder().retryOnConnectionFailure(false).build();
    this.credentialOrigins = origins.stream().map(Urls::origin).collect(Collectors.toUnmodifiableSet());
  }

  /** Returns the client for idempotent requests (no redirects followed by OkHttp). */
  public OkHttpClient client() {
    return client;
  }

  /** Returns the client for job-creating requests: no redirects, no silent retry on connection failure. */
  public OkHttpClient submitClient() {
    return submitClient;
  }

  /** Returns true if {@code url}'s origin may receive credentials. */
  public boolean trusted(URI url) {
    return credentialOrigins.contains(Urls.origin(url));
  }

  /**
   * Builds the OkHttp request for {@code r}: its headers always, its credentials only if its URL is trusted.
   *
   * @param extra headers added last (e.g. {@code Range}); may be empty
   */
  public Request toOkHttp(ProviderRequest r, Map<String, String> extra) {
    Request.Builder b = new Request.Builder().url(r.url().toString());
    r.headers().forEach(b::header);
    if (trusted(r.url())) {
      r.credentials().forEach(b::header);
    }
    extra.forEach(b::header);
    Optional<byte[]> body = r.body();
    RequestBody rb = body.map(bytes -> RequestBody.create(bytes,
        MediaType.parse(r.contentType().orElse("application/octet-stream")))).orElse(null);
    if (rb == null && requiresBody(r.method())) {
      rb = RequestBody.create(new byte[0]);
    }
    return b.method(r.method(), rb).build();
  }

  private static boolean requiresBody(String method) {
    return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
  }

  /** Returns true for a redirect status that carries a Location to follow. */
  public static boolean isRedirect(int code) {
    return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
  }

  /**
   * Returns the request for the next hop after redirect {@code response} to {@code current}: same method and body for
   * 307/308; GET without body for 303, and for 301/302 answering a POST (RFC 9110 §15.4). Credentials stay in the
   * request; {@link #toOkHttp} attaches them only if the new origin is trusted.
   *
   * @param hops redirects followed so far
   * @throws RedirectRefusedException if there is no usable Location, or too many hops
   */
  public static ProviderRequest nextHop(ProviderRequest current, Response response, int hops,
      @Nullable String operationId) {
    String location = response.header("Location");
    URI next = location == null ? null : resolve(current.url(), location);
    if (next == null) {
      throw new RedirectRefusedException("HTTP " + response.code() + " redirect from "
          + Urls.redact(current.url()) + " without a usable http(s) Location", response.code(), null, operationId);
    }
    if (hops >= RedirectRefusedException.MAX_HOPS) {
      throw new RedirectRefusedException("more than " + RedirectRefusedException.MAX_HOPS + " redirects from "
          + Urls.redact(current.url()), response.code(), Urls.redact(next), operationId);
    }
    int code = response.code();
    boolean toGet = code == 303 || ((code == 301 || code == 302) && current.method().equals("POST"));
    if (!toGet) {
      return current.newBuilder().url(next).build();
    }
    ProviderRequest.Builder b = ProviderRequest.builder("GET", next);
    current.headers().forEach((k, v) -> {
      if (!k.equalsIgnoreCase("Content-Type")) {
        b.header(k, v);
      }
    });
    current.credentials().forEach(b::credential);
    return b.build();
  }

  /** Resolves a Location against {@code base}; null unless the result is absolute http(s). */
  static @Nullable URI resolve(URI base, String location) {
    HttpUrl b = HttpUrl.parse(base.toString());
    HttpUrl u = b == null ? null : b.resolve(location.trim());
    return u == null ? null : u.uri();
  }
}
