package io.qrvid.remote.internal;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.Headers;

/** A non-2xx response, carried through the retry policy. Not API. */
public final class HttpStatusException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int code;
  private final transient Headers headers;
  private final transient JsonNode body;

  /** Creates the exception. */
  public HttpStatusException(int code, Headers headers, JsonNode body, String what) {
    super("HTTP " + code + " from " + what);
    this.code = code;
    this.headers = headers;
    this.body = body;
  }

  /** Returns the status code. */
  public int code() {
    return code;
  }

  /** Returns the response headers. */
  public Headers headers() {
    return headers;
  }

  /** Returns the parsed body, or a missing node. */
  public JsonNode body() {
    return body;
  }
}
