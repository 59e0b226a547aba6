package io.qrvid.remote.internal;

import io.qrvid.remote.ProviderResponse;

/** A non-2xx response, carried through the retry policy. Not API. */
public final class HttpStatusException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient ProviderResponse response;

  /** Creates the exception; {@code what} names the request (method and redacted URL). */
  public HttpStatusException(ProviderResponse response, String what) {
    super("HTTP " + response.statusCode() + " from " + what);
    this.response = response;
  }

  /** Returns the status code. */
  public int code() {
    return response.statusCode();
  }

  /** Returns the response. */
  public ProviderResponse response() {
    return response;
  }
}
