package io.qrvid.decode.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * Jetty's error handler answering JSON for every status Jetty itself produces (404 for unknown paths, 400 for a
 * malformed request or chunked body, 431 for oversized headers, 503 from the QoS and graceful-stop handlers):
 * {@code {"error": "...", "status": N}}, whatever the request's Accept header says.
 */
public final class JsonErrorHandler extends ErrorHandler {
  private static final String JSON = "application/json; charset=utf-8";

  /** Creates the handler. */
  public JsonErrorHandler() {
    setShowStacks(false);
    setShowCauses(false);
  }

  /**
   * The JSON body of an error answer.
   *
   * @param status the HTTP status
   * @param message what went wrong, for people (the status's reason phrase when null)
   * @return {@code {"error": message, "status": status}}
   */
  public static String body(int status, @Nullable String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", message == null || message.isBlank() ? reason(status) : message);
    m.put("status", status);
    return Json.write(m);
  }

  private static String reason(int status) {
    String r = HttpStatus.getMessage(status);
    return r == null ? "error" : r;
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, @Nullable String message,
      @Nullable Throwable cause, Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
    Content.Sink.write(response, true, body(code, message), callback);
  }
}
