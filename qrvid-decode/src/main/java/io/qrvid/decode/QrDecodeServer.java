package io.qrvid.decode;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.qrvid.decode.internal.Json;
import io.qrvid.decode.internal.Multipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embeddable HTTP QR decode service on the JDK's built-in server ({@code com.sun.net.httpserver}).
 *
 * <ul>
 *   <li>{@code POST /qr/decode}: the body is the image bytes (any content type), or {@code multipart/form-data}
 *       whose file part (or part named {@code image}/{@code file}) is the image. Answers JSON with every field of
 *       {@link QrScanResult} ({@link QrScanResult#toJson()}): 200 when a symbol was read, 404 when none was found,
 *       413 when the body exceeds {@link Builder#maxRequestBytes} or the image's declared size exceeds the chain's
 *       limits, 400 when the bytes are not a readable image, 503 when all decode slots stay busy for
 *       {@link Builder#queueTimeout}, 405 for other methods. With the query {@code ?all=true} the answer is
 *       {@code {"found": bool, "results": [...]}} with every symbol ({@link QrDecodeChain#scanAll}).
 *   <li>{@code POST /qr/hybrid-fallback}: the same, so that callers of the older Python fallback service of that
 *       name can switch by changing the host.
 *   <li>{@code GET /health}: {@code {"status":"UP", ...}} with counters.
 * </ul>
 *
 * <p>At most {@link Builder#maxConcurrentDecodes} images (default: the number of processors) are decoded at once.
 * Binds to 127.0.0.1 by default.
 *
 * <pre>{@code
 * try (QrDecodeServer server = QrDecodeServer.builder().port(8008).build().start()) {
 *   // curl --data-binary @photo.jpg http://127.0.0.1:8008/qr/decode
 *   server.awaitStop();
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops gracefully: new decode requests get 503 while running ones get up to
 * {@link Builder#stopGracePeriod} (default 5 s) to finish; then the listener closes and the handler threads stop.
 */
public final class QrDecodeServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(QrDecodeServer.class);

  private final QrDecodeChain chain;
  private final InetAddress bindAddress;
  private final int requestedPort;
  private final long maxRequestBytes;
  private final int maxConcurrent;
  private final Duration queueTimeout;
  private final Duration stopGracePeriod;
  private final Semaphore slots;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong decoded = new AtomicLong();
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean draining;
  private final Object stateLock = new Object();
  private @Nullable HttpServer server;
  private @Nullable ExecutorService executor;
  private boolean stopped;

  private QrDecodeServer(Builder b) {
    this.chain = b.chain;
    this.bindAddress = b.bindAddress;
    this.requestedPort = b.port;
    this.maxRequestBytes = b.maxRequestBytes;
    this.maxConcurrent = b.maxConcurrentDecodes;
    this.queueTimeout = b.queueTimeout;
    this.stopGracePeriod = b.stopGracePeriod;
    this.slots = new Semaphore(maxConcurrent, true);
  }

  /** A builder with defaults: 127.0.0.1:8008, the default chain, 20 MiB bodies, one decode per processor. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds the port and starts serving.
   *
   * @return this server
   * @throws IOException if the address cannot be bound
   * @throws IllegalStateException if already started or stopped
   */
  public QrDecodeServer start() throws IOException {
    synchronized (stateLock) {
      if (server != null || stopped) {
        throw new IllegalStateException("already started or stopped");
      }
      HttpServer s = HttpServer.create(new InetSocketAddress(bindAddress, requestedPort), 128);
      AtomicInteger n = new AtomicInteger();
      ThreadPoolExecutor ex = new ThreadPoolExecutor(maxConcurrent + 2, maxConcurrent + 2, 30, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "qrvid-decode-server-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
      s.setExecutor(ex);
      s.createContext("/qr/decode", this::handleDecode);
      s.createContext("/qr/hybrid-fallback", this::handleDecode);
      s.createContext("/health", this::handleHealth);
      s.start();
      server = s;
      executor = ex;
      log.info("qrvid decode service listening on {}:{}", bindAddress.getHostAddress(), s.getAddress().getPort());
      return this;
    }
  }

  /**
   * The bound port (useful with port 0).
   *
   * @throws IllegalStateException if not started
   */
  public int port() {
    synchronized (stateLock) {
      if (server == null) {
        throw new IllegalStateException("not started");
      }
      return server.getAddress().getPort();
    }
  }

  /** Blocks until {@link #close()} is called from another thread, or the thread is interrupted. */
  public void awaitStop() throws InterruptedException {
    synchronized (stateLock) {
      while (!stopped) {
        stateLock.wait();
      }
    }
  }

  /** Stops gracefully (see the class description). Idempotent. */
  @Override
  public void close() {
    HttpServer s;
    ExecutorService ex;
    synchronized (stateLock) {
      if (stopped) {
        return;
      }
      stopped = true;
      draining = true;
      s = server;
      ex = executor;
      stateLock.notifyAll();
    }
    if (s != null) {
      // Drain: new requests get 503 (see handlers) while running ones finish, then stop at once. (The JDK 17
      // server's own stop(delay) waits the full delay even when idle.)
      long deadline = System.nanoTime() + stopGracePeriod.toNanos();
      while (inFlight.get() > 0 && System.nanoTime() - deadline < 0) {
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      s.stop(0);
    }
    if (ex != null) {
      ex.shutdown();
      try {
        if (!ex.awaitTermination(stopGracePeriod.toMillis(), TimeUnit.MILLISECONDS)) {
          ex.shutdownNow();
        }
      } catch (InterruptedException e) {
        ex.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }

  private void handleHealth(HttpExchange ex) throws IOException {
    try (ex) {
      if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
        send(ex, 405, error("method not allowed"));
        return;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("status", "UP");
      m.put("activeDecodes", active.get());
      m.put("maxConcurrentDecodes", maxConcurrent);
      m.put("requests", requests.get());
      m.put("decoded", decoded.get());
      send(ex, 200, Json.write(m));
    }
  }

  private void handleDecode(HttpExchange ex) throws IOException {
    inFlight.incrementAndGet();
    try {
      decode(ex);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private void decode(HttpExchange ex) throws IOException {
    try (ex) {
      requests.incrementAndGet();
      if (draining) {
        send(ex, 503, error("stopping"));
        return;
      }
      if (!"POST".equals(ex.getRequestMethod())) {
        ex.getResponseHeaders().add("Allow", "POST");
        send(ex, 405, error("use POST with the image bytes as the body"));
        return;
      }
      String declared = ex.getRequestHeaders().getFirst("Content-Length");
      if (declared != null) {
        try {
          if (Long.parseLong(declared.trim()) > maxRequestBytes) {
            tooLarge(ex);
            return;
          }
        } catch (NumberFormatException e) {
          send(ex, 400, error("bad Content-Length"));
          return;
        }
      }
      byte[] body = readLimited(ex.getRequestBody(), maxRequestBytes);
      if (body == null) {
        tooLarge(ex);
        return;
      }
      String boundary = Multipart.boundary(ex.getRequestHeaders().getFirst("Content-Type"));
      if (boundary != null) {
        byte[] part = Multipart.firstFile(body, boundary);
        if (part == null) {
          send(ex, 400, error("multipart body without a file part"));
          return;
        }
        body = part;
      }
      if (body.length == 0) {
        send(ex, 400, error("empty body"));
        return;
      }
      boolean all = "all=true".equals(ex.getRequestURI().getRawQuery());
      if (!slots.tryAcquire(queueTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        send(ex, 503, error("all " + maxConcurrent + " decode slots busy"));
        return;
      }
      active.incrementAndGet();
      try {
        if (all) {
          List<QrScanResult> results = chain.scanAll(body);
          List<Map<String, @Nullable Object>> maps = new ArrayList<>();
          for (QrScanResult r : results) {
            maps.add(Json.toMap(r));
          }
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("found", !results.isEmpty());
          m.put("results", maps);
          if (!results.isEmpty()) {
            decoded.incrementAndGet();
          }
          send(ex, results.isEmpty() ? 404 : 200, Json.write(m));
        } else {
          QrScanResult r = chain.scan(body);
          if (r.found()) {
            decoded.incrementAndGet();
          }
          send(ex, r.found() ? 200 : 404, r.toJson());
        }
      } catch (QrImageException e) {
        send(ex, e.reason() == QrImageException.Reason.TOO_LARGE ? 413 : 400, error(e.getMessage()));
      } finally {
        active.decrementAndGet();
        slots.release();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      log.debug("client connection failed", e);
    } catch (RuntimeException e) {
      log.error("decode request failed", e);
      try {
        send(ex, 500, error("internal error"));
      } catch (IOException | RuntimeException ignored) {
        // response already started or connection gone
      }
    }
  }

  /** Answers 413 and closes the connection, since the rest of the body is not read. */
  private void tooLarge(HttpExchange ex) throws IOException {
    ex.getResponseHeaders().set("Connection", "close");
    send(ex, 413, error("body larger than " + maxRequestBytes + " bytes"));
  }

  private static byte @Nullable [] readLimited(InputStream in, long max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[16384];
    long total = 0;
    int n;
    while ((n = in.read(buf)) > 0) {
      total += n;
      if (total > max) {
        return null;
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private static String error(@Nullable String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("found", false);
    m.put("error", message == null ? "error" : message);
    return Json.write(m);
  }

  private static void send(HttpExchange ex, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(bytes);
    }
  }

  /** Configures a {@link QrDecodeServer}. Mutable, not thread-safe. */
  public static final class Builder {
    private QrDecodeChain chain = QrDecodeChain.defaults();
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port = 8008;
    private long maxRequestBytes = 20L * 1024 * 1024;
    private int maxConcurrentDecodes = Runtime.getRuntime().availableProcessors();
    private Duration queueTimeout = Duration.ofSeconds(10);
    private Duration stopGracePeriod = Duration.ofSeconds(5);

    private Builder() {}

    /** The chain that decodes requests (default {@link QrDecodeChain#defaults()}). */
    public Builder chain(QrDecodeChain chain) {
      this.chain = Objects.requireNonNull(chain, "chain == null");
      return this;
    }

    /** The address to bind (default the loopback address; use {@code 0.0.0.0} to serve other hosts). */
    public Builder bindAddress(InetAddress address) {
      this.bindAddress = Objects.requireNonNull(address, "address == null");
      return this;
    }

    /**
     * The TCP port (default 8008; 0 picks a free port, see {@link QrDecodeServer#port()}).
     *
     * @throws IllegalArgumentException if outside 0..65535
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port not in 0..65535: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The largest accepted request body in bytes (default 20 MiB); larger bodies get HTTP 413.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxRequestBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxRequestBytes not positive: " + bytes);
      }
      this.maxRequestBytes = bytes;
      return this;
    }

    /**
     * How many images are decoded at once (default: available processors).
     *
     * @throws IllegalArgumentException if not in 1..1024
     */
    public Builder maxConcurrentDecodes(int n) {
      if (n < 1 || n > 1024) {
        throw new IllegalArgumentException("maxConcurrentDecodes not in 1..1024: " + n);
      }
      this.maxConcurrentDecodes = n;
      return this;
    }

    /**
     * How long a request waits for a decode slot before HTTP 503 (default 10 s).
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder queueTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout == null");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("queueTimeout negative: " + timeout);
      }
      this.queueTimeout = timeout;
      return this;
    }

    /**
     * How long {@link QrDecodeServer#close()} waits for running requests (default 5 s).
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder stopGracePeriod(Duration period) {
      Objects.requireNonNull(period, "period == null");
      if (period.isNegative()) {
        throw new IllegalArgumentException("stopGracePeriod negative: " + period);
      }
      this.stopGracePeriod = period;
      return this;
    }

    /** Builds a server; call {@link QrDecodeServer#start()} to serve. */
    public QrDecodeServer build() {
      return new QrDecodeServer(this);
    }
  }
}
