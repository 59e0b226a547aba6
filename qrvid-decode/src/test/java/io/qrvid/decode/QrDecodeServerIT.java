package io.qrvid.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QrDecodeServerIT {
  private QrDecodeServer server;
  private HttpClient http;
  private String base;
  private final byte[] png = TestImages.png(TestImages.qr("served", ErrorCorrectionLevel.M, 3));

  @BeforeEach
  void start() throws Exception {
    server = QrDecodeServer.builder().port(0).maxRequestBytes(256 * 1024).maxConcurrentDecodes(2)
        .stopGracePeriod(Duration.ofSeconds(1)).build().start();
    base = "http://127.0.0.1:" + server.port();
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
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

  @Test
  void decodesRawImageBodyWithEveryField() throws Exception {
    HttpResponse<String> r = post("/qr/decode", png, "image/png");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
    assertThat(r.body()).contains("\"found\":true", "\"text\":\"served\"", "\"rawBytesBase64\"", "\"decoder\"",
        "\"processingTimeMs\"", "\"level\":1", "\"preprocessing\"", "\"rotationDegrees\"", "\"corners\"",
        "\"version\":1", "\"errorCorrectionLevel\":\"M\"");
  }

  @Test
  void legacyHybridFallbackPathAnswersTheSame() throws Exception {
    assertThat(post("/qr/hybrid-fallback", png, "application/octet-stream").body()).contains("\"text\":\"served\"");
  }

  @Test
  void decodesMultipartUpload() throws Exception {
    String boundary = "qrvidBoundary42";
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--" + boundary
        + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
    byte[] body = new byte[head.length + png.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(png, 0, body, head.length, png.length);
    System.arraycopy(tail, 0, body, head.length + png.length, tail.length);
    HttpResponse<String> r = post("/qr/decode", body, "multipart/form-data; boundary=" + boundary);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"text\":\"served\"");
  }

  @Test
  void answers404WhenNothingFound() throws Exception {
    byte[] blank = TestImages.png(new BufferedImage(80, 80, BufferedImage.TYPE_BYTE_GRAY));
    HttpResponse<String> r = post("/qr/decode", blank, "image/png");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("\"found\":false");
  }

  @Test
  void badBodiesGet4xxNever500() throws Exception {
    assertThat(post("/qr/decode", new byte[300 * 1024], "image/png").statusCode()).isEqualTo(413);
    assertThat(post("/qr/decode", Arrays.copyOf(png, png.length / 2), "image/png").statusCode()).isEqualTo(400);
    assertThat(post("/qr/decode", "hello".getBytes(StandardCharsets.UTF_8), "text/plain").statusCode())
        .isEqualTo(400);
    assertThat(post("/qr/decode", new byte[0], "image/png").statusCode()).isEqualTo(400);
    assertThat(post("/qr/decode", QrDecodeChainTest.pngHeaderOnly(60_000, 60_000), "image/png").statusCode())
        .isEqualTo(413);
    assertThat(post("/qr/decode", "--x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
        "multipart/form-data; boundary=x").statusCode()).isBetween(400, 499);
    HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(base + "/qr/decode")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
  }

  @Test
  void allQueryReturnsEverySymbol() throws Exception {
    HttpResponse<String> r = post("/qr/decode?all=true", png, "image/png");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).startsWith("{\"found\":true,\"results\":[{").contains("\"text\":\"served\"");
  }

  /** Restarts the server with the given settings and starts one slow request (a noise image: full budget). */
  private java.util.concurrent.CompletableFuture<HttpResponse<String>> slowRequestOn(QrDecodeServer.Builder b)
      throws Exception {
    server.close();
    server = b.port(0).maxRequestBytes(8 << 20).build().start();
    base = "http://127.0.0.1:" + server.port();
    java.util.Random random = new java.util.Random(1);
    BufferedImage noise = new BufferedImage(1200, 1200, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 1200; y++) {
      for (int x = 0; x < 1200; x++) {
        noise.getRaster().setSample(x, y, 0, random.nextInt(256));
      }
    }
    byte[] body = TestImages.png(noise);
    java.util.concurrent.CompletableFuture<HttpResponse<String>> running = java.util.concurrent.CompletableFuture
        .supplyAsync(() -> {
          try {
            return post("/qr/decode", body, "image/png");
          } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
          }
        });
    long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!health().contains("\"activeDecodes\":1") && System.nanoTime() < waitUntil) {
      Thread.sleep(10);
    }
    assertThat(health()).contains("\"activeDecodes\":1");
    return running;
  }

  @Test
  void busySlotsAnswer503() throws Exception {
    java.util.concurrent.CompletableFuture<HttpResponse<String>> running = slowRequestOn(QrDecodeServer.builder()
        .maxConcurrentDecodes(1).queueTimeout(Duration.ZERO)
        .chain(QrDecodeChain.builder().timeBudget(Duration.ofSeconds(3)).build()));
    HttpResponse<String> refused = post("/qr/decode", png, "image/png");
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(running.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(404);
    assertThat(post("/qr/decode", png, "image/png").statusCode()).isEqualTo(200);
  }

  @Test
  void closeLetsRunningRequestFinishThenRefusesConnections() throws Exception {
    java.util.concurrent.CompletableFuture<HttpResponse<String>> running = slowRequestOn(QrDecodeServer.builder());
    long closeStart = System.nanoTime();
    server.close();
    long closeMs = (System.nanoTime() - closeStart) / 1_000_000;
    assertThat(running.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(404);
    assertThat(closeMs).as("close waited for the running request").isGreaterThan(100);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> post("/health", new byte[0], "text/plain"))
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void healthReportsUp() throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"status\":\"UP\"", "\"maxConcurrentDecodes\":2");
  }

  /**
   * Bounded load test on loopback: {@code qrvid.load.requests} (default 2000) requests from 16 concurrent clients,
   * a mix of decodable images and bad bodies. No request may fail or get a 5xx, and retained heap may not grow.
   */
  @Test
  void survivesConcurrentLoadWithoutErrorsOrMemoryGrowth() throws Exception {
    int total = Integer.getInteger("qrvid.load.requests", 2000);
    int clients = 16;
    // warm up, then measure retained heap
    for (int i = 0; i < 50; i++) {
      post("/qr/decode", png, "image/png");
    }
    long heapBefore = usedHeapAfterGc();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    byte[] notImage = "definitely not an image".getBytes(StandardCharsets.UTF_8);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      futures.add(pool.submit(() -> {
        int i;
        while ((i = next.getAndIncrement()) < total) {
          boolean bad = i % 10 == 9;
          long t0 = System.nanoTime();
          try {
            HttpResponse<String> r = post("/qr/decode", bad ? notImage : png, "image/png");
            latencies.add(System.nanoTime() - t0);
            if (r.statusCode() != (bad ? 400 : 200) || (!bad && !r.body().contains("\"text\":\"served\""))) {
              errors.incrementAndGet();
            }
          } catch (Exception e) {
            errors.incrementAndGet();
          }
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get(5, TimeUnit.MINUTES);
    }
    long wallMs = (System.nanoTime() - start) / 1_000_000;
    pool.shutdown();
    long heapAfter = usedHeapAfterGc();
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    double p50 = sorted.get(sorted.size() / 2) / 1e6;
    double p99 = sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1)) / 1e6;
    String report = String.format("load: %d requests, %d clients, %d ms wall, %.0f req/s, p50 %.2f ms, p99 %.2f ms,"
            + " errors %d, retained heap %d -> %d KiB%n", total, clients, wallMs, total * 1000.0 / wallMs, p50, p99,
        errors.get(), heapBefore / 1024, heapAfter / 1024);
    System.out.print(report);
    java.nio.file.Files.writeString(java.nio.file.Path.of("target", "load-report.txt"), report);
    assertThat(errors.get()).isZero();
    assertThat(sorted).hasSize(total);
    assertThat(heapAfter - heapBefore).as("retained heap growth").isLessThan(32L * 1024 * 1024);
  }

  private String health() throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + "/health")).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body();
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
