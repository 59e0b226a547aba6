package io.qrvid.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP decode service on loopback: answers, errors as JSON, and the regression tests for issue 13 items 10-13
 * (slow clients, image bombs, quadratic multipart, malformed chunked bodies, oversized images, load).
 */
class QrDecodeServerIT {
  private QrDecodeServer server;
  private HttpClient http;
  private String base;
  private final byte[] png = TestImages.png(TestImages.qr("served", ErrorCorrectionLevel.M, 3));

  @BeforeEach
  void start() throws Exception {
    restart(QrDecodeServer.builder().maxRequestBytes(256 * 1024).workers(2));
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  private void restart(QrDecodeServer.Builder b) throws IOException {
    if (server != null) {
      server.close();
    }
    server = b.port(0).stopGracePeriod(Duration.ofSeconds(20)).build();
    server.start();
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> post(String path, byte[] body, String contentType) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** POSTs with chunked transfer encoding (no Content-Length): the JDK client chunks an InputStream body. */
  private HttpResponse<String> postChunked(String path, byte[] body, String contentType) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void assertJson(HttpResponse<String> r) {
    assertThat(r.headers().firstValue("Content-Type")).as("Content-Type of " + r.statusCode())
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(r.body()).startsWith("{").endsWith("}");
  }

  private static void assertError(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertJson(r);
    assertThat(r.body()).contains("\"error\":", "\"status\":" + status);
  }

  static byte[] multipart(String boundary, byte[] image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--"
        + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n"
        + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(image);
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
    return out.toByteArray();
  }

  // ------------------------------------------------------------------ answers

  @Test
  void decodesRawImageBodyWithEveryField() throws Exception {
    HttpResponse<String> r = post("/qr/decode", png, "image/png");
    assertThat(r.statusCode()).isEqualTo(200);
    assertJson(r);
    assertThat(r.body()).contains("\"found\":true", "\"text\":\"served\"", "\"rawBytesBase64\"", "\"decoder\"",
        "\"processingTimeMs\"", "\"level\":1", "\"preprocessing\"", "\"rotationDegrees\"", "\"corners\"",
        "\"version\":1", "\"errorCorrectionLevel\":\"M\"");
  }

  @Test
  void legacyHybridFallbackPathAnswersTheSame() throws Exception {
    assertThat(post("/qr/hybrid-fallback", png, "application/octet-stream").body()).contains("\"text\":\"served\"");
  }

  @Test
  void decodesMultipartUploadAlsoWhenChunked() throws Exception {
    byte[] body = multipart("qrvidBoundary42", png);
    String type = "multipart/form-data; boundary=qrvidBoundary42";
    HttpResponse<String> r = post("/qr/decode", body, type);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"text\":\"served\"");
    assertThat(postChunked("/qr/decode", body, type).body()).contains("\"text\":\"served\"");
    assertThat(postChunked("/qr/decode", png, "image/png").body()).contains("\"text\":\"served\"");
  }

  @Test
  void decodesWebpAndRotatedJpegUploads() throws Exception {
    assertThat(post("/qr/decode", ImageLoaderTest.fixture("webp-lossy.webp"), "image/webp").body())
        .contains("\"text\":\"qrvid fixture\"");
    assertThat(post("/qr/decode", ImageLoaderTest.fixture("jpeg-cmyk.jpg"), "image/jpeg").body())
        .contains("\"text\":\"qrvid fixture\"");
  }

  @Test
  void answers404WhenNothingFound() throws Exception {
    byte[] blank = TestImages.png(new BufferedImage(80, 80, BufferedImage.TYPE_BYTE_GRAY));
    HttpResponse<String> r = post("/qr/decode", blank, "image/png");
    assertThat(r.statusCode()).isEqualTo(404);
    assertJson(r);
    assertThat(r.body()).contains("\"found\":false");
  }

  @Test
  void allQueryReturnsEverySymbol() throws Exception {
    HttpResponse<String> r = post("/qr/decode?all=true", png, "image/png");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).startsWith("{\"found\":true,\"results\":[{").contains("\"text\":\"served\"");
  }

  @Test
  void healthReportsUp() throws Exception {
    HttpResponse<String> r = get("/health");
    assertThat(r.statusCode()).isEqualTo(200);
    assertJson(r);
    assertThat(r.body()).contains("\"status\":\"UP\"", "\"workers\":2");
  }

  // ------------------------------------------------------------------ errors, all JSON

  @Test
  void everyErrorIsJsonWithItsStatus() throws Exception {
    assertError(get("/nope"), 404);
    assertError(get("/"), 404);
    assertError(get("/qr/decode"), 405);
    assertError(post("/health", new byte[1], "text/plain"), 405);
    assertError(post("/qr/decode", new byte[0], "image/png"), 400);
    assertError(post("/qr/decode", Arrays.copyOf(png, png.length / 2), "image/png"), 400);
    assertError(post("/qr/decode", "hello".getBytes(StandardCharsets.UTF_8), "text/plain"), 415);
    assertError(post("/qr/decode", "--x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
        "multipart/form-data; boundary=x"), 400);
    assertError(post("/qr/decode", new byte[10], "multipart/form-data"), 400);
  }

  @Test
  void tooLargeBodiesAre413DeclaredOrChunked() throws Exception {
    // repeated: the answer must reach the client every time, not be lost to a TCP reset when the server closes a
    // connection with unread body bytes (the server reads and discards them first: a lingering close)
    for (int i = 0; i < 25; i++) {
      assertError(post("/qr/decode", new byte[300 * 1024], "image/png"), 413);
      assertError(postChunked("/qr/decode", new byte[300 * 1024], "image/png"), 413);
      assertError(post("/qr/decode", multipart("b", new byte[300 * 1024]), "multipart/form-data; boundary=b"), 413);
    }
    // the service still answers afterwards
    assertThat(post("/qr/decode", png, "image/png").statusCode()).isEqualTo(200);
  }

  /** Issue 13 items 11 and 13: image bombs of every dimension are 413 (a 30000x30000 BMP was 400). */
  @Test
  void imageBombsOfEveryDimensionAre413() throws Exception {
    byte[][] bombs = {ImageBombs.bmp(30_000, 30_000, 24), ImageBombs.tiffSamples(), ImageBombs.tiffTile(),
        ImageBombs.png(60_000, 60_000, 8, 0), ImageBombs.png(5001, 5000, 16, 6), ImageBombs.jpeg(65_000, 65_000, 3,
        false, 1), ImageBombs.gif(65_535, 65_535), ImageBombs.webpCanvas(16_000_000, 16_000_000),
        ImageBombs.jpeg(64, 64, 1, true, 600)};
    for (byte[] bomb : bombs) {
      HttpResponse<String> r = post("/qr/decode", bomb, "application/octet-stream");
      assertError(r, 413);
      assertThat(r.body()).contains("\"reason\":\"TOO_LARGE\"");
    }
    // concurrent bombs do not take the service down
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> f = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        f.add(pool.submit(() -> post("/qr/decode", ImageBombs.tiffSamples(), "image/tiff").statusCode()));
      }
      for (Future<Integer> x : f) {
        assertThat(x.get(60, TimeUnit.SECONDS)).isEqualTo(413);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(post("/qr/decode", png, "image/png").statusCode()).isEqualTo(200);
  }

  // ------------------------------------------------------------------ raw sockets

  /** Sends raw bytes and reads the whole answer (until the server closes or 10 s pass). */
  private String raw(byte[] request, boolean halfClose) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(request);
      out.flush();
      if (halfClose) {
        s.shutdownOutput();
      }
      return readAll(s.getInputStream());
    }
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      int n;
      while ((n = in.read(buf)) > 0) {
        got.write(buf, 0, n);
      }
    } catch (SocketTimeoutException | java.net.SocketException e) {
      // return what arrived
    }
    return got.toString(StandardCharsets.ISO_8859_1);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Issue 13 item 13: a malformed chunked body is answered 400 with JSON, not closed without a status. */
  @Test
  void malformedChunkedBodyIs400Json() throws Exception {
    for (String chunks : new String[] {"zz\r\nabc\r\n0\r\n\r\n", "5\r\nabc\r\n0\r\n\r\n",
        "fffffffffffffffffff\r\n", "3;\u0001\r\nabc\r\n0\r\n\r\n"}) {
      String answer = raw(ascii("POST /qr/decode HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n" + chunks), true);
      assertThat(answer).as(chunks).startsWith("HTTP/1.1 400 ");
      assertThat(answer).as(chunks).contains("application/json").contains("\"status\":400");
    }
  }

  @Test
  void oversizedHeadersAre431Json() throws Exception {
    String answer = raw(ascii("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(40_000) + "\r\n\r\n"),
        false);
    assertThat(answer).startsWith("HTTP/1.1 431 ").contains("application/json").contains("\"status\":431");
  }

  /**
   * Issue 13 item 12: the boundary is checked before any body byte is read. A 10 KB boundary (RFC 2046 allows 70
   * characters) on a declared 20 MB body that is never sent is answered 400 at once.
   */
  @Test
  void overlongMultipartBoundaryIsRejectedBeforeTheBodyIsRead() throws Exception {
    restart(QrDecodeServer.builder().maxRequestBytes(32L << 20).workers(2));
    String boundary = "b".repeat(10 * 1024);
    long t0 = System.nanoTime();
    String answer = raw(ascii("POST /qr/decode HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary="
        + boundary + "\r\nContent-Length: " + (20 << 20) + "\r\n\r\n"), false);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(answer).startsWith("HTTP/1.1 400 ").contains("boundary of 10240 characters");
    assertThat(ms).as("answered without waiting for the body").isLessThan(8_000);
  }

  /**
   * Issue 13 item 12: the worst case for the boundary search (a 70-character boundary of one repeated byte, and a
   * 20 MB part of that same byte, so every position matches 70 bytes before failing) is parsed in linear time: the
   * answer comes within a deadline that a quadratic parse (20 MB x 20 MB) could never meet.
   */
  @Test
  void adversarialMultipartBodyOf20MbIsParsedInLinearTime() throws Exception {
    restart(QrDecodeServer.builder().maxRequestBytes(32L << 20).workers(2).bodyTimeout(Duration.ofSeconds(60)));
    String boundary = "a".repeat(70);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(ascii("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"x\"\r\n\r\n"));
    byte[] filler = new byte[20 << 20];
    Arrays.fill(filler, (byte) 'a');
    body.writeBytes(filler);
    body.writeBytes(ascii("\r\n--" + boundary + "--\r\n"));
    long t0 = System.nanoTime();
    HttpResponse<String> r = post("/qr/decode", body.toByteArray(), "multipart/form-data; boundary=" + boundary);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf("adversarial multipart: 20 MiB part, 70-byte boundary: %d ms, status %d%n", ms, r.statusCode());
    assertThat(r.statusCode()).isEqualTo(415); // parsed whole; the part is not an image
    assertThat(ms).isLessThan(45_000);
  }

  // ------------------------------------------------------------------ slow clients (issue 13 item 10)

  /** The four slow clients of the issue; each holds a socket open doing its thing until {@code stop}. */
  static List<Thread> slowClients(int port, AtomicBoolean stop, AtomicInteger closedByServer) {
    List<Thread> threads = new ArrayList<>();
    String[] kinds = {"trickled-headers", "partial-tls-hello", "short-body", "slow-body"};
    for (String kind : kinds) {
      Thread t = new Thread(() -> {
        while (!stop.get()) {
          try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(200);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            byte[] head;
            switch (kind) {
              case "trickled-headers":
                head = ascii("POST /qr/decode HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(4000) + "\r\n\r\n");
                break;
              case "partial-tls-hello":
                head = new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03};
                break;
              case "short-body":
                head = ascii("POST /qr/decode HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\n"
                    + "Content-Length: 100000\r\n\r\n" + "x".repeat(1000));
                break;
              default:
                head = ascii("POST /qr/decode HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\n"
                    + "Content-Length: 100000\r\n\r\n");
                break;
            }
            boolean trickle = kind.equals("trickled-headers") || kind.equals("slow-body")
                || kind.equals("partial-tls-hello");
            int i = 0;
            if (!trickle) {
              out.write(head);
              out.flush();
              i = head.length;
            }
            while (!stop.get()) {
              if (trickle) {
                out.write(i < head.length ? head[i] : (byte) 'x');
                out.flush();
                i++;
              }
              try {
                if (in.read() < 0) {
                  closedByServer.incrementAndGet();
                  break;
                }
                // an answer arrived (400 for the TLS bytes, 408 for the bodies): drain, then start over
                readAll(in);
                closedByServer.incrementAndGet();
                break;
              } catch (SocketTimeoutException e) {
                // still open: keep trickling
              }
            }
          } catch (IOException e) {
            closedByServer.incrementAndGet(); // reset by the server
          }
        }
      }, "slow-client-" + kind);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    return threads;
  }

  @Test
  void healthAnswersWithinASecondWhileSlowClientsHoldConnectionsAndTheyAreCut() throws Exception {
    restart(QrDecodeServer.builder().maxRequestBytes(1 << 20).workers(2).headerTimeout(Duration.ofSeconds(1))
        .bodyTimeout(Duration.ofSeconds(2)).idleTimeout(Duration.ofSeconds(5)));
    for (int i = 0; i < 20; i++) { // warm up the client and the server (class loading, JIT) before measuring
      get("/health");
      post("/qr/decode", png, "image/png");
    }
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger closed = new AtomicInteger();
    List<Thread> slow = slowClients(server.port(), stop, closed);
    try {
      long worst = 0;
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
      while (System.nanoTime() < end) {
        long t0 = System.nanoTime();
        HttpResponse<String> h = get("/health");
        worst = Math.max(worst, System.nanoTime() - t0);
        assertThat(h.statusCode()).as("/health answered %s %s", h.statusCode(), h.body()).isEqualTo(200);
        HttpResponse<String> d = post("/qr/decode", png, "image/png");
        assertThat(d.statusCode()).as("/qr/decode answered %s %s", d.statusCode(), d.body()).isEqualTo(200);
        Thread.sleep(100);
      }
      assertThat(worst / 1_000_000).as("worst /health latency, ms").isLessThan(1000);
      // every slow client was cut at least once by the header, body or idle deadline
      assertThat(closed.get()).as("slow connections closed by the server").isGreaterThanOrEqualTo(4);
    } finally {
      stop.set(true);
      for (Thread t : slow) {
        t.join(5000);
      }
    }
  }

  /** The admission limit applies before any body byte is read: a slow body holds the only permit. */
  @Test
  void admissionLimitAppliesBeforeBodiesAreReadAndHealthStaysUp() throws Exception {
    restart(QrDecodeServer.builder().workers(1).maxConcurrentRequests(1).maxQueuedRequests(0)
        .bodyTimeout(Duration.ofSeconds(5)));
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.getOutputStream().write(ascii("POST /qr/decode HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\n"
          + "Content-Length: 1000\r\n\r\nabc"));
      s.getOutputStream().flush();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
      while (!get("/health").body().contains("\"receivingBodies\":1") && System.nanoTime() < until) {
        Thread.sleep(10);
      }
      HttpResponse<String> refused = post("/qr/decode", png, "image/png");
      assertError(refused, 503);
      assertThat(get("/health").body()).contains("\"receivingBodies\":1", "\"rejected\":1");
      assertThat(get("/health").statusCode()).isEqualTo(200);
      s.setSoTimeout(10_000);
      assertThat(readAll(s.getInputStream())).startsWith("HTTP/1.1 408 ");
    }
    // the permit comes back once Jetty has finished the timed-out exchange
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    HttpResponse<String> after;
    do {
      after = post("/qr/decode", png, "image/png");
    } while (after.statusCode() == 503 && System.nanoTime() < until);
    assertThat(after.statusCode()).isEqualTo(200);
  }

  // ------------------------------------------------------------------ lifecycle

  /** Restarts the server with the given settings and starts one slow request (a noise image: full budget). */
  private CompletableFuture<HttpResponse<String>> slowRequestOn(QrDecodeServer.Builder b) throws Exception {
    restart(b.maxRequestBytes(8 << 20));
    Random random = new Random(1);
    BufferedImage noise = new BufferedImage(1200, 1200, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 1200; y++) {
      for (int x = 0; x < 1200; x++) {
        noise.getRaster().setSample(x, y, 0, random.nextInt(256));
      }
    }
    byte[] body = TestImages.png(noise);
    CompletableFuture<HttpResponse<String>> running = CompletableFuture.supplyAsync(() -> {
      try {
        return post("/qr/decode", body, "image/png");
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    });
    long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    String health = get("/health").body();
    while (!health.contains("\"activeDecodes\":1") && !running.isDone() && System.nanoTime() < waitUntil) {
      Thread.sleep(10);
      health = get("/health").body();
    }
    if (running.isDone()) {
      throw new AssertionError("the slow request ended before it was seen decoding: "
          + running.handle((r, e) -> r != null ? r.statusCode() + " " + r.body() : String.valueOf(e)).join());
    }
    assertThat(health).as("health 20 s after the slow request was sent").contains("\"activeDecodes\":1");
    return running;
  }

  @Test
  void busyWorkersAnswer503AfterTheQueueTimeout() throws Exception {
    CompletableFuture<HttpResponse<String>> running = slowRequestOn(QrDecodeServer.builder().workers(1)
        .queueTimeout(Duration.ZERO).chain(QrDecodeChain.builder().timeBudget(Duration.ofSeconds(3)).build()));
    HttpResponse<String> refused = post("/qr/decode", png, "image/png");
    assertError(refused, 503);
    // bad images are answered from their header at once, never queued behind decodes
    assertError(post("/qr/decode", ImageBombs.tiffSamples(), "image/tiff"), 413);
    assertError(post("/qr/decode", "text".getBytes(StandardCharsets.UTF_8), "text/plain"), 415);
    assertThat(running.isDone()).as("the running decode is still running").isFalse();
    assertThat(running.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(404);
    assertThat(post("/qr/decode", png, "image/png").statusCode()).isEqualTo(200);
  }

  @Test
  void closeLetsRunningRequestFinishThenRefusesConnections() throws Exception {
    CompletableFuture<HttpResponse<String>> running = slowRequestOn(QrDecodeServer.builder()
        .chain(QrDecodeChain.builder().timeBudget(Duration.ofSeconds(3)).build()));
    long closeStart = System.nanoTime();
    server.close();
    long closeMs = (System.nanoTime() - closeStart) / 1_000_000;
    assertThat(running.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(404);
    assertThat(closeMs).as("close waited for the running request").isGreaterThan(100);
    assertThatThrownBy(() -> post("/health", new byte[0], "text/plain")).isInstanceOf(IOException.class);
    server.close(); // idempotent
  }

  @Test
  void portInUseIsABindExceptionNamingThePort() throws Exception {
    int port = server.port();
    QrDecodeServer second = QrDecodeServer.builder().port(port).build();
    assertThatThrownBy(second::start).isInstanceOf(BindException.class)
        .hasMessageContaining("port " + port + " is already in use");
    assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class);
    second.close();
  }

  // ------------------------------------------------------------------ bounded load (issue 13 item 13)

  /**
   * A bounded load test on loopback, small enough for CI: {@code qrvid.load.requests} (default 600) requests from
   * 16 concurrent clients (a mix of decodable images, a 1 MP photo-like JPEG and bad bodies) while the four slow
   * clients of the issue hold connections and /health is polled. No request may fail or get a 5xx, /health must
   * answer within 1 s every time, and retained heap may not grow. The full 48-client run with RSS is
   * {@code qrvid bench serve}.
   */
  @Test
  void boundedLoadWithSlowClientsHasNo5xxAndHealthUnderASecond() throws Exception {
    // The chain's time budget is wall time: with 16 clients on 2 cores a photo's scan can be starved past the default
    // 1.5 s and answer 404, which is the budget working, not a service failure. This test is about the service.
    restart(QrDecodeServer.builder().maxRequestBytes(4 << 20).workers(2).headerTimeout(Duration.ofSeconds(2))
        .bodyTimeout(Duration.ofSeconds(3)).chain(QrDecodeChain.builder().timeBudget(Duration.ofSeconds(10)).build()));
    int total = Integer.getInteger("qrvid.load.requests", 600);
    int clients = 16;
    byte[] photo = photoLikeJpeg("served", 1280, 800, 7);
    byte[] notImage = "definitely not an image".getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 20; i++) {
      post("/qr/decode", png, "image/png");
    }
    long heapBefore = usedHeapAfterGc();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger closed = new AtomicInteger();
    List<Thread> slow = slowClients(server.port(), stop, closed);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    List<String> errorCauses = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger fiveHundreds = new AtomicInteger();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    List<Long> health = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean loadDone = new AtomicBoolean();
    Thread poller = new Thread(() -> {
      while (!loadDone.get()) {
        long t0 = System.nanoTime();
        try {
          if (get("/health").statusCode() == 200) {
            health.add(System.nanoTime() - t0);
          } else {
            health.add(Long.MAX_VALUE);
          }
          Thread.sleep(50);
        } catch (Exception e) {
          health.add(Long.MAX_VALUE);
        }
      }
    });
    poller.start();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        futures.add(pool.submit(() -> {
          int i;
          while ((i = next.getAndIncrement()) < total) {
            int kind = i % 10;
            byte[] body = kind == 9 ? notImage : kind == 8 ? photo : png;
            long t0 = System.nanoTime();
            try {
              HttpResponse<String> r = post("/qr/decode", body, kind == 9 ? "text/plain" : "image/png");
              latencies.add(System.nanoTime() - t0);
              if (r.statusCode() >= 500) {
                fiveHundreds.incrementAndGet();
              }
              int expected = kind == 9 ? 415 : 200;
              if (r.statusCode() != expected || (kind < 8 && !r.body().contains("\"text\":\"served\""))) {
                errors.incrementAndGet();
                errorCauses.add("request " + i + " (kind " + kind + "): " + r.statusCode() + " " + r.body());
              }
            } catch (Exception e) {
              errors.incrementAndGet();
              errorCauses.add("request " + i + " (kind " + kind + "): " + e);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get(5, TimeUnit.MINUTES);
      }
    } finally {
      loadDone.set(true);
      stop.set(true);
      pool.shutdown();
      poller.join(5000);
      for (Thread t : slow) {
        t.join(5000);
      }
    }
    long wallMs = (System.nanoTime() - start) / 1_000_000;
    long heapAfter = usedHeapAfterGc();
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    long worstHealth = health.stream().mapToLong(Long::longValue).max().orElse(Long.MAX_VALUE);
    String report = String.format("load: %d requests, %d clients + 4 slow, %d ms wall, %.0f req/s, p50 %.1f ms,"
            + " p99 %.1f ms, errors %d, 5xx %d, /health polled %d times, worst %.1f ms, retained heap %d -> %d KiB%n",
        total, clients, wallMs, total * 1000.0 / wallMs, percentile(sorted, 0.5), percentile(sorted, 0.99),
        errors.get(), fiveHundreds.get(), health.size(), worstHealth / 1e6, heapBefore / 1024, heapAfter / 1024);
    System.out.print(report);
    java.nio.file.Files.writeString(java.nio.file.Path.of("target", "load-report.txt"), report);
    assertThat(fiveHundreds.get()).isZero();
    assertThat(errors.get()).as("failed requests: %s", errorCauses).isZero();
    assertThat(sorted).hasSize(total);
    assertThat(health).isNotEmpty();
    assertThat(worstHealth / 1_000_000).as("worst /health latency, ms").isLessThan(1000);
    assertThat(heapAfter - heapBefore).as("retained heap growth").isLessThan(32L * 1024 * 1024);
  }

  /**
   * A photo-like JPEG: a noisy lighting gradient with the symbol ({@code text}, 4 px per module) pasted off-centre.
   */
  static byte[] photoLikeJpeg(String text, int width, int height, long seed) {
    Random random = new Random(seed);
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int v = Math.max(0, Math.min(255, 120 + 80 * x / width + 30 * y / height + random.nextInt(31) - 15));
        img.setRGB(x, y, (v << 16) | (v << 8) | Math.max(0, v - 20));
      }
    }
    BufferedImage qr = TestImages.qr(text, ErrorCorrectionLevel.M, 4);
    img.createGraphics().drawImage(qr, width / 3, height / 4, null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      javax.imageio.ImageIO.write(img, "jpeg", out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static double percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int i = (int) Math.min(sorted.size() - 1, Math.max(0, Math.ceil(sorted.size() * p) - 1));
    return sorted.get(i) / 1e6;
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }
}
