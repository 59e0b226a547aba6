package io.qrvid.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Gemini-API-shaped stand-in for Veo on the loopback interface, so that {@link RemoteVideoExample} can be tried
 * (and tested) without an API key or a network: {@code POST ...:predictLongRunning} answers an operation name, the
 * first poll of {@code GET .../operations/op1} answers {@code {"done":false}}, the next ones the URI of a video,
 * and {@code GET /v1beta/files/...} serves the video's bytes. A request without the expected
 * {@code x-goog-api-key} gets 401. It imitates only the answers the example needs; it is no model of the real API's
 * errors or limits.
 *
 * <p>Bound to an ephemeral port of {@code 127.0.0.1} (the JDK's {@code com.sun.net.httpserver}); thread-safe;
 * {@link #close()} stops it at once.
 */
public final class LocalGeminiServer implements AutoCloseable {
  private final HttpServer server;
  private final String baseUrl;
  private final AtomicInteger polls = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();

  private LocalGeminiServer(HttpServer server, String apiKey, byte[] video) {
    this.server = server;
    this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1beta/";
    server.createContext("/", x -> answer(x, apiKey, video));
  }

  /**
   * Starts a server that generates {@code video}.
   *
   * @param apiKey the only API key it accepts
   * @param video the bytes every generation "produces"
   * @return the running server
   * @throws IOException if no loopback port can be bound
   */
  public static LocalGeminiServer start(String apiKey, byte[] video) throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    LocalGeminiServer s = new LocalGeminiServer(http, apiKey, video.clone());
    http.start();
    return s;
  }

  /** The base URL to give {@code GeminiVeoProvider.Builder.baseUrl}, ending in {@code /v1beta/}. */
  public String baseUrl() {
    return baseUrl;
  }

  /** How many requests it has answered so far. */
  public int requests() {
    return requests.get();
  }

  private void answer(HttpExchange x, String apiKey, byte[] video) throws IOException {
    requests.incrementAndGet();
    String path = x.getRequestURI().getPath();
    x.getRequestBody().readAllBytes();
    if (!apiKey.equals(x.getRequestHeaders().getFirst("x-goog-api-key"))) {
      send(x, 401, "{\"error\":{\"code\":401,\"message\":\"API key not valid\"}}");
    } else if (path.endsWith(":predictLongRunning")) {
      send(x, 200, "{\"name\":\"models/veo/operations/op1\"}");
    } else if (path.endsWith("/operations/op1")) {
      send(x, 200, polls.incrementAndGet() < 2 ? "{\"done\":false}"
          : "{\"done\":true,\"response\":{\"generateVideoResponse\":{\"generatedSamples\":[{\"video\":{\"uri\":\""
              + baseUrl + "files/v:download?alt=media\"}}]}}}");
    } else if (path.startsWith("/v1beta/files/")) {
      send(x, 200, video);
    } else {
      send(x, 404, "{\"error\":{\"code\":404,\"message\":\"not found\"}}");
    }
  }

  private static void send(HttpExchange x, int status, String json) throws IOException {
    x.getResponseHeaders().set("Content-Type", "application/json");
    send(x, status, json.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange x, int status, byte[] body) throws IOException {
    x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream o = x.getResponseBody()) {
      o.write(body);
    }
  }

  /** Stops the server at once. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.stop(0);
    }
  }
}
