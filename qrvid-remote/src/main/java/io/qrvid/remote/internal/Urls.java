package io.qrvid.remote.internal;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/** URL helpers: redaction for messages and logs, and origins (RFC 6454: scheme, host, port). Not API. */
public final class Urls {
  private Urls() {}

  /** Returns scheme, host, port and path of {@code url}, without user info, query or fragment. */
  public static String redact(URI url) {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
        + (url.getRawPath() == null ? "" : url.getRawPath());
  }

  /**
   * Returns the origin of an http(s) URL as {@code scheme://host:port}, lower case, with the default port made
   * explicit (80, 443), so that {@code https://A.example} and {@code https://a.example:443/x} compare equal.
   *
   * @throws IllegalArgumentException if the URL is not absolute http(s)
   */
  public static String origin(URI url) {
    Objects.requireNonNull(url, "url == null");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
      throw new IllegalArgumentException("not an absolute http(s) URL: " + url.getScheme() + "://" + url.getHost());
    }
    int port = url.getPort() >= 0 ? url.getPort() : scheme.equals("https") ? 443 : 80;
    return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + ":" + port;
  }
}
