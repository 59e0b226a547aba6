package io.qrvid.decode;

import io.qrvid.decode.internal.ConnectionDeadlines;
import io.qrvid.decode.internal.Json;
import io.qrvid.decode.internal.JsonErrorHandler;
import io.qrvid.decode.internal.Multipart;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embeddable HTTP QR decode service on Jetty 12 (core, no servlet API). Every answer is JSON.
 *
 * <ul>
 *   <li>{@code POST /qr/decode}: the body is the image bytes (any content type), or {@code multipart/form-data}
 *       whose part with a file name (or named {@code image} or {@code file}, else the first part) is the image.
 *       Answers every field of {@link QrScanResult} ({@link QrScanResult#toJson()}): 200 when a symbol was read,
 *       404 when none was found. With the query {@code ?all=true} the answer is
 *       {@code {"found": bool, "results": [...]}} with every symbol ({@link QrDecodeChain#scanAll}). Images are read
 *       by {@link ImageLoader} with the chain's {@link QrDecodeChain#maxPixels() maxPixels}.
 *   <li>{@code POST /qr/hybrid-fallback}: the same, so that callers of the older Python fallback service of that
 *       name can switch by changing the host.
 *   <li>{@code GET /health}: {@code {"status": "UP", ...}} with counters; never queued behind decodes.
 * </ul>
 *
 * <p>Errors are {@code {"error": "...", "status": N}} (decode endpoints add {@code "found": false}, and
 * {@code "reason"} for image errors): 400 a malformed body (bad multipart, malformed chunked encoding, empty body,
 * unreadable image), 404 an unknown path, 405 a wrong method, 408 a body not received within
 * {@link Builder#bodyTimeout}, 413 a body larger than {@link Builder#maxRequestBytes} (declared or actual) or an image
 * whose header declares more than {@code maxPixels} (any dimension: width, height, samples, bits; see
 * {@link ImageLoader}), 415 bytes in no supported image format, 431 request headers larger than
 * {@link Builder#maxHeaderBytes}, 503 when the service is saturated for {@link Builder#queueTimeout} or stopping,
 * 500 only for a defect in qrvid.
 *
 * <p><b>Slow and hostile clients.</b> Connections are read asynchronously, so a slow client holds a socket, never a
 * thread. A request head must arrive within {@link Builder#headerTimeout} (default 10 s) of the connection opening
 * or of the previous response, however slowly it trickles in; a body within {@link Builder#bodyTimeout} (default
 * 30 s) of its head; and no connection may stay silent longer than {@link Builder#idleTimeout} (default 30 s). At
 * most {@link Builder#maxConcurrentRequests} decode requests (default 32) are admitted at once, before any body
 * byte is read or parsed; up to {@link Builder#maxQueuedRequests} more (default 256) wait, without a thread, for up
 * to {@link Builder#queueTimeout} (default 10 s), and the rest get 503 at once. Admitted bodies are read into
 * memory (at most {@code maxRequestBytes} each, default 20 MiB), multipart bodies parsed in one linear pass (qrvid's
 * Knuth-Morris-Pratt reader; RFC 2046's 70-character boundary limit checked before the body is read), image headers checked at once (a rejected image is answered
 * without waiting behind queued decodes), and images decoded by {@link Builder#workers} threads
 * (default: the number of processors) apart from Jetty's own threads, so {@code /health} answers while every
 * worker is busy. At most {@link Builder#maxConnections} connections (default 1024) are open at once.
 *
 * <pre>{@code
 * try (QrDecodeServer server = QrDecodeServer.builder().port(8008).build()) {
 *   server.start();
 *   // curl --data-binary @photo.jpg http://127.0.0.1:8008/qr/decode
 *   server.awaitStop();
 * }
 * }</pre>
 *
 * <p>Built, then {@link #start()}ed, then {@link #close()}d. Thread-safe. {@link #close()} stops gracefully: the
 * listener stops accepting, new requests on open connections get 503, and running requests get up to
 * {@link Builder#stopGracePeriod} (default 5 s) to finish; then connections close and the threads stop. Binds to
 * 127.0.0.1 by default. Logger: {@code io.qrvid.decode.QrDecodeServer}; Jetty logs as {@code org.eclipse.jetty}.
 */
public final class QrDecodeServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(QrDecodeServer.class);
  private static final String JSON = "application/json; charset=utf-8";
  /**
   * After an answer that refuses a body, at most this many further request bytes are read and discarded before the
   * connection closes (a lingering close, as in Apache httpd's {@code lingering_close}).
   */
  private static final long LINGER_BYTES = 64L * 1024 * 1024;
  /** ... and for at most this long. */
  private static final Duration LINGER_TIME = Duration.ofSeconds(2);

  private final QrDecodeChain chain;
  private final ImageLoader headerCheck;
  private final InetAddress bindAddress;
  private final int requestedPort;
  private final long maxRequestBytes;
  private final int maxHeaderBytes;
  private final int workerCount;
  private final int maxConcurrentRequests;
  private final int maxQueuedRequests;
  private final int maxConnections;
  private final Duration queueTimeout;
  private final Duration idleTimeout;
  private final Duration headerTimeout;
  private final Duration bodyTimeout;
  private final Duration stopGracePeriod;

  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong decoded = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger receiving = new AtomicInteger();
  private final AtomicInteger queued = new AtomicInteger();

  private final Object stateLock = new Object();
  private @Nullable Server server;
  private @Nullable ServerConnector connector;
  private @Nullable ExecutorService workers;
  private @Nullable ConnectionDeadlines deadlines;
  private boolean started;
  private boolean stopped;

  private QrDecodeServer(Builder b) {
    this.chain = b.chain;
    this.headerCheck = ImageLoader.builder().maxPixels(b.chain.maxPixels()).build();
    this.bindAddress = b.bindAddress;
    this.requestedPort = b.port;
    this.maxRequestBytes = b.maxRequestBytes;
    this.maxHeaderBytes = b.maxHeaderBytes;
    this.workerCount = b.workers;
    this.maxConcurrentRequests = b.maxConcurrentRequests;
    this.maxQueuedRequests = b.maxQueuedRequests;
    this.maxConnections = b.maxConnections;
    this.queueTimeout = b.queueTimeout;
    this.idleTimeout = b.idleTimeout;
    this.headerTimeout = b.headerTimeout;
    this.bodyTimeout = b.bodyTimeout;
    this.stopGracePeriod = b.stopGracePeriod;
  }

  /**
   * A builder with the defaults (see the class description and each setter).
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds the port and starts serving.
   *
   * @return this server
   * @throws BindException if the port is in use; the message names the port and the address
   * @throws IOException if the address cannot be bound for another reason
   * @throws IllegalStateException if already started or closed
   */
  public QrDecodeServer start() throws IOException {
    synchronized (stateLock) {
      if (started || stopped) {
        throw new IllegalStateException(stopped ? "closed" : "already started");
      }
      started = true;
      QueuedThreadPool pool = new QueuedThreadPool(Math.max(16, 4 + workerCount), 4, 30_000);
      pool.setName("qrvid-http");
      pool.setDaemon(true);
      Server s = new Server(pool);
      s.setStopAtShutdown(false);
      s.setStopTimeout(stopGracePeriod.toMillis());
      s.setErrorHandler(new JsonErrorHandler());

      HttpConfiguration http = new HttpConfiguration();
      http.setRequestHeaderSize(maxHeaderBytes);
      http.setSendServerVersion(false);
      http.setSendXPoweredBy(false);
      ServerConnector c = new ServerConnector(s, 1, 1, new HttpConnectionFactory(http));
      c.setHost(bindAddress.getHostAddress());
      c.setPort(requestedPort);
      c.setIdleTimeout(idleTimeout.toMillis());
      c.setAcceptQueueSize(128);
      c.setReuseAddress(true);
      Scheduler scheduler = c.getScheduler();
      ConnectionDeadlines d = new ConnectionDeadlines(scheduler, headerTimeout);
      c.addBean(d);
      s.addConnector(c);
      s.addBean(new NetworkConnectionLimit(maxConnections, c));

      AtomicInteger n = new AtomicInteger();
      ThreadPoolExecutor w = new ThreadPoolExecutor(workerCount, workerCount, 30, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "qrvid-decode-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
          });

      QoSHandler qos = new QoSHandler(new DecodeHandler(scheduler, w));
      qos.setMaxRequestCount(maxConcurrentRequests);
      qos.setMaxSuspendedRequestCount(maxQueuedRequests);
      qos.setMaxSuspend(queueTimeout);
      s.setHandler(new GracefulHandler(new Router(qos, d)));
      try {
        s.start();
      } catch (Exception e) {
        stopQuietly(s);
        w.shutdownNow();
        stopped = true;
        stateLock.notifyAll();
        throw bindFailure(e);
      }
      server = s;
      connector = c;
      workers = w;
      deadlines = d;
      log.info("qrvid decode service listening on {}:{}", bindAddress.getHostAddress(), c.getLocalPort());
      return this;
    }
  }

  private IOException bindFailure(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        BindException b = new BindException("port " + requestedPort + " is already in use (" + bindAddress.getHostAddress()
            + ":" + requestedPort + ")");
        b.initCause(e);
        return b;
      }
    }
    return e instanceof IOException ? (IOException) e
        : new IOException("cannot start the decode service on " + bindAddress.getHostAddress() + ":" + requestedPort
            + ": " + e.getMessage(), e);
  }

  private static void stopQuietly(Server s) {
    try {
      s.stop();
    } catch (Exception ignored) {
      // already failing
    }
  }

  /**
   * The bound port (useful with port 0).
   *
   * @return the local port
   * @throws IllegalStateException if not started, or closed
   */
  public int port() {
    synchronized (stateLock) {
      if (connector == null || stopped) {
        throw new IllegalStateException(stopped ? "closed" : "not started");
      }
      return connector.getLocalPort();
    }
  }

  /**
   * Blocks until {@link #close()} is called from another thread.
   *
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  public void awaitStop() throws InterruptedException {
    synchronized (stateLock) {
      while (!stopped) {
        stateLock.wait();
      }
    }
  }

  /** Stops gracefully (see the class description). Idempotent; a server never started just becomes closed. */
  @Override
  public void close() {
    Server s;
    ExecutorService w;
    synchronized (stateLock) {
      if (stopped) {
        return;
      }
      stopped = true;
      s = server;
      w = workers;
      stateLock.notifyAll();
    }
    if (s != null) {
      try {
        s.stop(); // graceful: stop accepting, 503 new requests, wait up to the stop timeout for running ones
      } catch (Exception e) {
        log.warn("stopping the decode service failed", e);
      }
    }
    if (w != null) {
      w.shutdownNow();
      try {
        w.awaitTermination(stopGracePeriod.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  // ------------------------------------------------------------------ handlers

  private static void respond(Response response, Callback callback, int status, String json, boolean close) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
    if (close) {
      response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    }
    Content.Sink.write(response, true, json, callback);
  }

  private static String error(int status, String message, boolean decodeEndpoint,
      QrImageException.@Nullable Reason reason) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (decodeEndpoint) {
      m.put("found", false);
    }
    m.put("error", message);
    m.put("status", status);
    if (reason != null) {
      m.put("reason", reason.name());
    }
    return Json.write(m);
  }

  /** Routes /health and unknown paths itself; decode paths go through QoS admission to the decode handler. */
  private final class Router extends Handler.Wrapper {
    private final ConnectionDeadlines deadlines;
    private final QoSHandler qos;

    Router(QoSHandler qos, ConnectionDeadlines deadlines) {
      super(qos);
      this.qos = qos;
      this.deadlines = deadlines;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      Connection connection = request.getConnectionMetaData().getConnection();
      deadlines.requestStarted(connection);
      Request.addCompletionListener(request, failure -> deadlines.requestCompleted(connection));
      String path = Request.getPathInContext(request);
      switch (path) {
        case "/health":
          health(request, response, callback);
          return true;
        case "/qr/decode":
        case "/qr/hybrid-fallback":
          return super.handle(request, response, callback);
        default:
          respond(response, callback, 404, error(404, "no such path: " + path
              + " (the service answers POST /qr/decode, POST /qr/hybrid-fallback, GET /health)", false, null), false);
          return true;
      }
    }

    private void health(Request request, Response response, Callback callback) {
      String method = request.getMethod();
      if (!"GET".equals(method) && !"HEAD".equals(method)) {
        response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
        respond(response, callback, 405, error(405, "use GET", false, null), false);
        return;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("status", "UP");
      m.put("receivingBodies", receiving.get());
      m.put("activeDecodes", active.get());
      m.put("queuedDecodes", queued.get());
      m.put("workers", workerCount);
      m.put("maxConcurrentRequests", maxConcurrentRequests);
      m.put("openConnections", deadlines.openConnections());
      m.put("requests", requests.get());
      m.put("decoded", decoded.get());
      m.put("rejected", rejected.get() + qos.getTotalExceededRequestCount() + qos.getTotalExpiredRequestCount());
      respond(response, callback, 200, Json.write(m), false);
    }
  }

  /** Reads a decode request's body asynchronously (bounded in size and time), then decodes it on a worker. */
  private final class DecodeHandler extends Handler.Abstract {
    private final Scheduler scheduler;
    private final ExecutorService workers;

    DecodeHandler(Scheduler scheduler, ExecutorService workers) {
      this.scheduler = scheduler;
      this.workers = workers;
    }

    /**
     * Answers {@code status} with {@code Connection: close}, then reads and discards what the client still sends
     * (at most {@link #LINGER_BYTES}, for at most {@link #LINGER_TIME}) before the request completes and the
     * connection closes. Closing a socket whose receive buffer still holds unread request bytes makes the kernel
     * send a TCP RST, which can destroy the answer before the client has read it (RFC 9112 section 9.6).
     */
    void respondAndLinger(Request request, Response response, Callback callback, int status, String json) {
      AtomicBoolean completed = new AtomicBoolean();
      Runnable complete = () -> {
        if (completed.compareAndSet(false, true)) {
          callback.succeeded();
        }
      };
      respond(response, Callback.from(() -> {
        scheduler.schedule(complete, LINGER_TIME);
        new Runnable() {
          private long discarded;

          @Override
          public void run() {
            while (!completed.get()) {
              Content.Chunk chunk = request.read();
              if (chunk == null) {
                request.demand(this);
                return;
              }
              discarded += chunk.remaining();
              chunk.release();
              if (chunk.isLast() || Content.Chunk.isFailure(chunk) || discarded > LINGER_BYTES) {
                complete.run();
                return;
              }
            }
          }
        }.run();
      }, x -> {
        if (completed.compareAndSet(false, true)) {
          callback.failed(x);
        }
      }), status, json, true);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      requests.incrementAndGet();
      if (!"POST".equals(request.getMethod())) {
        response.getHeaders().put(HttpHeader.ALLOW, "POST");
        respond(response, callback, 405, error(405, "use POST with the image bytes as the body", true, null),
            false);
        return true;
      }
      long declared = request.getLength();
      if (declared > maxRequestBytes) {
        respondAndLinger(request, response, callback, 413, error(413, "body of " + declared
            + " bytes is larger than " + maxRequestBytes + " bytes", true, null));
        return true;
      }
      String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
      String boundary = null;
      if (Multipart.isMultipart(contentType)) {
        try {
          boundary = Multipart.boundary(contentType);
        } catch (IllegalArgumentException e) {
          respondAndLinger(request, response, callback, 400, error(400, e.getMessage(), true, null));
          return true;
        }
      }
      String allParam = Request.extractQueryParameters(request).getValue("all");
      Exchange ex = new Exchange(request, response, callback, "true".equals(allParam) || "1".equals(allParam));
      ex.deadline = scheduler.schedule(() -> ex.respondOnce(408, error(408, "request body not received within "
          + bodyTimeout.toMillis() + " ms", true, null), true), bodyTimeout);
      ex.boundary = boundary;
      ex.readMore();
      return true;
    }

    /** One decode request from its head to its answer; answers exactly once. */
    private final class Exchange {
      private final Request request;
      private final Response response;
      private final Callback callback;
      private final boolean all;
      private final AtomicBoolean answered = new AtomicBoolean();
      private final AtomicBoolean received = new AtomicBoolean();
      volatile Scheduler.@Nullable Task deadline;
      @Nullable String boundary;
      private byte[] body;
      private int size;

      Exchange(Request request, Response response, Callback callback, boolean all) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.all = all;
        receiving.incrementAndGet();
        long declared = request.getLength();
        this.body = new byte[(int) Math.min(maxRequestBytes, declared > 0 ? declared : 64 * 1024)];
      }

      /** The body is complete, failed, or will not be read: it no longer counts as being received. */
      private void bodyDone() {
        if (received.compareAndSet(false, true)) {
          receiving.decrementAndGet();
        }
      }

      void respondOnce(int status, String json, boolean close) {
        bodyDone();
        if (answered.compareAndSet(false, true)) {
          cancelDeadline();
          if (status == 503) {
            rejected.incrementAndGet();
          }
          if (status == 413) {
            respondAndLinger(request, response, callback, status, json);
          } else {
            respond(response, callback, status, json, close);
          }
        }
      }

      private void cancelDeadline() {
        Scheduler.Task t = deadline;
        if (t != null) {
          t.cancel();
        }
      }

      /**
       * Reads the body chunk by chunk up to {@code maxRequestBytes}, asking Jetty for a callback when no chunk is
       * ready (no thread waits). Past the limit it answers 413 and stops reading: the connection closes after the
       * answer. (Jetty's own {@code Content.Source.asByteArrayAsync} fails the request after its promise, which
       * races with an answer written from that promise.)
       */
      void readMore() {
        while (true) {
          if (answered.get()) {
            return;
          }
          Content.Chunk chunk = request.read();
          if (chunk == null) {
            request.demand(this::readMore);
            return;
          }
          if (Content.Chunk.isFailure(chunk)) {
            cancelDeadline();
            readFailed(chunk.getFailure());
            return;
          }
          ByteBuffer b = chunk.getByteBuffer();
          int n = b.remaining();
          if (size + n > maxRequestBytes) {
            chunk.release();
            respondOnce(413, error(413, "body larger than " + maxRequestBytes + " bytes", true, null), true);
            return;
          }
          if (size + n > body.length) {
            body = Arrays.copyOf(body, (int) Math.min(maxRequestBytes, Math.max(size + n, 2L * body.length)));
          }
          b.get(body, size, n);
          size += n;
          chunk.release();
          if (chunk.isLast()) {
            cancelDeadline();
            bodyDone();
            bodyRead(size == body.length ? body : Arrays.copyOf(body, size));
            return;
          }
        }
      }

      private void bodyRead(byte[] bytes) {
        byte[] image = bytes;
        if (boundary != null) {
          try {
            image = Multipart.imagePart(bytes, boundary);
          } catch (IllegalArgumentException e) {
            respondOnce(400, error(400, e.getMessage(), true, null), false);
            return;
          }
        }
        if (image.length > 0) {
          // The header check is cheap: a rejected image is answered now, not after the decodes queued before it.
          try {
            headerCheck.check(image);
          } catch (QrImageException e) {
            imageRejected(e);
            return;
          }
        }
        decodeLater(image);
      }

      private void imageRejected(QrImageException e) {
        int status = e.reason() == QrImageException.Reason.TOO_LARGE ? 413
            : e.reason() == QrImageException.Reason.UNSUPPORTED_FORMAT ? 415 : 400;
        respondOnce(status, error(status, e.getMessage(), true, e.reason()), false);
      }

      private void readFailed(@Nullable Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
          t = t.getCause();
        }
        String message = t == null ? "no body" : String.valueOf(t.getMessage());
        if (t instanceof HttpException) {
          int code = ((HttpException) t).getCode();
          respondOnce(code, error(code, "malformed request body: " + ((HttpException) t).getReason(), true, null),
              true);
        } else if (t instanceof TimeoutException) {
          respondOnce(408, error(408, "request body not received in time: " + message, true, null), true);
        } else if (t instanceof EofException) {
          // the client went away: nobody to answer
          bodyDone();
          if (answered.compareAndSet(false, true)) {
            callback.failed(t);
          }
        } else if (message.contains("exceed") || message.contains("too large") || message.contains("max length")
            || message.contains("max file size")) {
          respondOnce(413, error(413, "body larger than " + maxRequestBytes + " bytes", true, null), true);
        } else {
          log.debug("unreadable request body", t);
          respondOnce(400, error(400, "malformed request body: " + message, true, null), true);
        }
      }

      private void decodeLater(byte[] body) {
        if (answered.get()) {
          return; // timed out meanwhile
        }
        if (body.length == 0) {
          respondOnce(400, error(400, "empty body: send the image bytes", true, null), false);
          return;
        }
        long queuedAt = System.nanoTime();
        boolean allBusy = queued.get() + active.get() >= workerCount;
        if (allBusy && queueTimeout.isZero()) {
          respondOnce(503, error(503, "all " + workerCount + " decode workers busy", true, null), false);
          return;
        }
        queued.incrementAndGet();
        try {
          workers.execute(() -> {
            queued.decrementAndGet();
            if (allBusy && System.nanoTime() - queuedAt > queueTimeout.toNanos()) {
              respondOnce(503, error(503, "no decode worker free within " + queueTimeout.toMillis() + " ms", true,
                  null), false);
              return;
            }
            decode(body);
          });
        } catch (RejectedExecutionException e) {
          queued.decrementAndGet();
          respondOnce(503, error(503, "stopping", true, null), false);
        }
      }

      private void decode(byte[] body) {
        int status;
        String json;
        boolean close = false;
        VirtualMachineError fatal = null;
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
            status = results.isEmpty() ? 404 : 200;
            json = Json.write(m);
          } else {
            QrScanResult r = chain.scan(body);
            status = r.found() ? 200 : 404;
            json = r.toJson();
          }
          if (status == 200) {
            decoded.incrementAndGet();
          }
        } catch (QrImageException e) {
          status = e.reason() == QrImageException.Reason.TOO_LARGE ? 413
              : e.reason() == QrImageException.Reason.UNSUPPORTED_FORMAT ? 415 : 400;
          json = error(status, e.getMessage(), true, e.reason()); // e.g. corrupt data past a valid header
        } catch (Throwable t) {
          log.error("decode request failed", t);
          status = 500;
          json = error(500, "internal error", true, null);
          close = true;
          if (t instanceof VirtualMachineError) {
            fatal = (VirtualMachineError) t;
          }
        } finally {
          active.decrementAndGet(); // before answering: a client may send its next request at once
        }
        respondOnce(status, json, close);
        if (fatal != null) {
          throw fatal;
        }
      }
    }
  }

  // ------------------------------------------------------------------ builder

  /** Configures a {@link QrDecodeServer}. Mutable, not thread-safe; {@link #build()} may be called repeatedly. */
  public static final class Builder {
    private QrDecodeChain chain = QrDecodeChain.defaults();
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port = 8008;
    private long maxRequestBytes = 20L * 1024 * 1024;
    private int maxHeaderBytes = 16 * 1024;
    private int workers = Runtime.getRuntime().availableProcessors();
    private int maxConcurrentRequests = 32;
    private int maxQueuedRequests = 256;
    private int maxConnections = 1024;
    private Duration queueTimeout = Duration.ofSeconds(10);
    private Duration idleTimeout = Duration.ofSeconds(30);
    private Duration headerTimeout = Duration.ofSeconds(10);
    private Duration bodyTimeout = Duration.ofSeconds(30);
    private Duration stopGracePeriod = Duration.ofSeconds(5);

    private Builder() {}

    /**
     * The chain that decodes requests (default {@link QrDecodeChain#defaults()}); its
     * {@link QrDecodeChain#maxPixels()} is the image size limit.
     *
     * @param chain the chain
     * @return this builder
     * @throws NullPointerException if null
     */
    public Builder chain(QrDecodeChain chain) {
      this.chain = Objects.requireNonNull(chain, "chain == null");
      return this;
    }

    /**
     * The address to bind (default the loopback address; use {@code 0.0.0.0} to serve other hosts).
     *
     * @param address the address
     * @return this builder
     * @throws NullPointerException if null
     */
    public Builder bindAddress(InetAddress address) {
      this.bindAddress = Objects.requireNonNull(address, "address == null");
      return this;
    }

    /**
     * The TCP port (default 8008; 0 picks a free port, see {@link QrDecodeServer#port()}).
     *
     * @param port 0..65535
     * @return this builder
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
     * The largest request body in bytes (default 20 MiB); a larger declared Content-Length is answered 413 before
     * the body is read, a larger chunked body as soon as it passes the limit.
     *
     * @param bytes 1..1 GiB
     * @return this builder
     * @throws IllegalArgumentException if not in 1..1 GiB
     */
    public Builder maxRequestBytes(long bytes) {
      if (bytes <= 0 || bytes > (1L << 30)) {
        throw new IllegalArgumentException("maxRequestBytes not in 1..1 GiB: " + bytes);
      }
      this.maxRequestBytes = bytes;
      return this;
    }

    /**
     * The largest request head (request line and headers) in bytes (default 16 KiB); larger is answered 431.
     *
     * @param bytes 1 KiB..1 MiB
     * @return this builder
     * @throws IllegalArgumentException if not in 1 KiB..1 MiB
     */
    public Builder maxHeaderBytes(int bytes) {
      if (bytes < 1024 || bytes > (1 << 20)) {
        throw new IllegalArgumentException("maxHeaderBytes not in 1 KiB..1 MiB: " + bytes);
      }
      this.maxHeaderBytes = bytes;
      return this;
    }

    /**
     * The threads that decode images (default: the number of processors); at most this many images are decoded
     * at once.
     *
     * @param n 1..1024
     * @return this builder
     * @throws IllegalArgumentException if not in 1..1024
     */
    public Builder workers(int n) {
      if (n < 1 || n > 1024) {
        throw new IllegalArgumentException("workers not in 1..1024: " + n);
      }
      this.workers = n;
      return this;
    }

    /**
     * How many decode requests are admitted at once (default 32): reading their body, waiting for a worker or
     * decoding. Admission happens before any body byte is read; memory for bodies is bounded by this times
     * {@link #maxRequestBytes}.
     *
     * @param n 1..4096
     * @return this builder
     * @throws IllegalArgumentException if not in 1..4096
     */
    public Builder maxConcurrentRequests(int n) {
      if (n < 1 || n > 4096) {
        throw new IllegalArgumentException("maxConcurrentRequests not in 1..4096: " + n);
      }
      this.maxConcurrentRequests = n;
      return this;
    }

    /**
     * How many more decode requests may wait for admission (default 256), holding no thread; beyond that, 503 at
     * once.
     *
     * @param n 0..65536
     * @return this builder
     * @throws IllegalArgumentException if not in 0..65536
     */
    public Builder maxQueuedRequests(int n) {
      if (n < 0 || n > 65536) {
        throw new IllegalArgumentException("maxQueuedRequests not in 0..65536: " + n);
      }
      this.maxQueuedRequests = n;
      return this;
    }

    /**
     * How many connections may be open at once (default 1024); beyond that, new connections wait in the listen
     * backlog.
     *
     * @param n 1..65536
     * @return this builder
     * @throws IllegalArgumentException if not in 1..65536
     */
    public Builder maxConnections(int n) {
      if (n < 1 || n > 65536) {
        throw new IllegalArgumentException("maxConnections not in 1..65536: " + n);
      }
      this.maxConnections = n;
      return this;
    }

    /**
     * How long a request may wait for admission, and again for a decode worker, before HTTP 503 (default 10 s).
     *
     * @param timeout not negative
     * @return this builder
     * @throws NullPointerException if null
     * @throws IllegalArgumentException if negative
     */
    public Builder queueTimeout(Duration timeout) {
      this.queueTimeout = nonNegative(timeout, "queueTimeout");
      return this;
    }

    /**
     * How long a connection may stay silent (no byte read or written) before it is closed (default 30 s).
     *
     * @param timeout positive
     * @return this builder
     * @throws NullPointerException if null
     * @throws IllegalArgumentException if not positive
     */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = positive(timeout, "idleTimeout");
      return this;
    }

    /**
     * How long a request head (request line and headers) may take to arrive, counted from the connection opening
     * or the previous response, however slowly its bytes trickle in (default 10 s); then the connection is closed.
     * An idle keep-alive connection is closed after the same time.
     *
     * @param timeout positive
     * @return this builder
     * @throws NullPointerException if null
     * @throws IllegalArgumentException if not positive
     */
    public Builder headerTimeout(Duration timeout) {
      this.headerTimeout = positive(timeout, "headerTimeout");
      return this;
    }

    /**
     * How long a request body may take to arrive once admitted (default 30 s); then HTTP 408 and the connection
     * closes.
     *
     * @param timeout positive
     * @return this builder
     * @throws NullPointerException if null
     * @throws IllegalArgumentException if not positive
     */
    public Builder bodyTimeout(Duration timeout) {
      this.bodyTimeout = positive(timeout, "bodyTimeout");
      return this;
    }

    /**
     * How long {@link QrDecodeServer#close()} waits for running requests (default 5 s).
     *
     * @param period not negative
     * @return this builder
     * @throws NullPointerException if null
     * @throws IllegalArgumentException if negative
     */
    public Builder stopGracePeriod(Duration period) {
      this.stopGracePeriod = nonNegative(period, "stopGracePeriod");
      return this;
    }

    private static Duration nonNegative(Duration d, String name) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " negative: " + d);
      }
      return d;
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " not positive: " + d);
      }
      return d;
    }

    /**
     * Builds a server; call {@link QrDecodeServer#start()} to serve.
     *
     * @return a new, unstarted server
     */
    public QrDecodeServer build() {
      return new QrDecodeServer(this);
    }
  }
}
