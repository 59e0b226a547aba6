package io.qrvid.decode;

import io.qrvid.decode.internal.Gray;
import io.qrvid.decode.internal.Json;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.imageio.ImageIO;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Level 3 of the decode chain: posts an image to a remote QR decode service over HTTP and parses its JSON answer.
 *
 * <p>The request is {@code POST <endpoint>} with the image bytes as the body ({@code image/png} for images the
 * chain sends). The answer is accepted in qrvid's own form ({@link QrScanResult#toJson()}, as returned by
 * {@link QrDecodeServer}) or in the common shapes {@code {"text": ...}}, {@code {"data": ...}},
 * {@code {"results": [...]}}. HTTP 404 or {@code "found": false} mean "not found".
 *
 * <p>Failures (I/O errors, timeouts, HTTP 429 and 5xx, unparseable answers) are retried {@link Builder#retries}
 * times (default 1) after {@link Builder#retryDelay} (default 100 ms). A circuit breaker counts consecutive failed
 * calls: after {@link Builder#failureThreshold} (default 3) it opens, and for {@link Builder#openDuration} (default
 * 30 s) every call returns "not found" at once without touching the network; then one trial call is let through
 * (half-open), whose success closes the breaker and whose failure opens it again. Failures never throw: a dead
 * service is "not found".
 *
 * <pre>{@code
 * RemoteQrDecoder remote = RemoteQrDecoder.builder(URI.create("http://decoder:8008/qr/decode")).build();
 * QrDecodeChain chain = QrDecodeChain.builder().remoteFallback(remote).build();
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} releases the HTTP client's threads and connections when this instance created
 * the client; a client passed to {@link Builder#okHttpClient} is left to its owner.
 */
public final class RemoteQrDecoder implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RemoteQrDecoder.class);
  private static final MediaType PNG = MediaType.get("image/png");

  /** The circuit breaker's state. */
  public enum CircuitState {
    /** Calls go through. */
    CLOSED,
    /** Calls are refused without network traffic until the open period ends. */
    OPEN,
    /** The open period has ended; the next call is a trial. */
    HALF_OPEN
  }

  private final URI endpoint;
  private final OkHttpClient client;
  private final boolean ownsClient;
  private final int retries;
  private final Duration retryDelay;
  private final int failureThreshold;
  private final Duration openDuration;
  private final String name;
  private final LongSupplier nanoClock;

  private final Object lock = new Object();
  private int consecutiveFailures;
  private long openUntilNanos;
  private boolean open;

  private RemoteQrDecoder(Builder b) {
    this.endpoint = b.endpoint;
    this.ownsClient = b.client == null;
    OkHttpClient base = b.client != null ? b.client : new OkHttpClient();
    this.client = base.newBuilder()
        .connectTimeout(b.connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .readTimeout(b.readTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .writeTimeout(b.readTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .retryOnConnectionFailure(false)
        .build();
    this.retries = b.retries;
    this.retryDelay = b.retryDelay;
    this.failureThreshold = b.failureThreshold;
    this.openDuration = b.openDuration;
    this.name = b.name;
    this.nanoClock = b.nanoClock;
  }

  /**
   * A builder for a decoder posting to {@code endpoint}, e.g. {@code http://host:8008/qr/decode}.
   *
   * @param endpoint the service's decode URL
   * @return a new builder; not thread-safe
   * @throws NullPointerException if {@code endpoint} is null
   * @throws IllegalArgumentException if it is not an http or https URI
   */
  public static Builder builder(URI endpoint) {
    return new Builder(endpoint);
  }

  /** {@return the circuit breaker's current state} */
  public CircuitState circuitState() {
    synchronized (lock) {
      if (!open) {
        return CircuitState.CLOSED;
      }
      return nanoClock.getAsLong() - openUntilNanos < 0 ? CircuitState.OPEN : CircuitState.HALF_OPEN;
    }
  }

  /**
   * Sends an image to the service.
   *
   * @param imageBytes the encoded image (PNG, JPEG, ...), sent as is
   * @param mediaType its media type, e.g. {@code "image/jpeg"}
   * @return the service's result with {@linkplain QrScanResult#level() level} 3, or "not found" when the service
   *     found nothing, failed, or the circuit is open
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code mediaType} is not a media type
   */
  public QrScanResult decode(byte[] imageBytes, String mediaType) {
    Objects.requireNonNull(imageBytes, "imageBytes == null");
    Objects.requireNonNull(mediaType, "mediaType == null");
    long start = System.nanoTime();
    QrScanResult r = post(RequestBody.create(imageBytes, MediaType.get(mediaType)));
    java.time.Duration elapsed = java.time.Duration.ofNanos(System.nanoTime() - start);
    return r == null ? QrScanResult.notFound(elapsed) : r.withProcessingTime(elapsed);
  }

  /** Encodes the grey image as PNG, sends it and maps corners back to original coordinates. */
  @Nullable QrScanResult decodeGray(Gray g) {
    BufferedImage img = new BufferedImage(g.width, g.height, BufferedImage.TYPE_BYTE_GRAY);
    img.getRaster().setDataElements(0, 0, g.width, g.height, g.px);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    QrScanResult r = post(RequestBody.create(out.toByteArray(), PNG));
    if (r == null || r.corners().isEmpty()) {
      return r;
    }
    java.util.List<QrPoint> mapped = new java.util.ArrayList<>();
    for (QrPoint p : r.corners()) {
      java.awt.geom.Point2D q = g.toOriginal.transform(new java.awt.geom.Point2D.Double(p.x(), p.y()), null);
      mapped.add(new QrPoint(q.getX(), q.getY()));
    }
    return r.toBuilder().corners(mapped).build();
  }

  private @Nullable QrScanResult post(RequestBody body) {
    if (!allowCall()) {
      return null;
    }
    Request request = new Request.Builder().url(endpoint.toString()).post(body)
        .header("Accept", "application/json").build();
    for (int attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) {
        try {
          Thread.sleep(retryDelay.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        }
      }
      try (Response response = client.newCall(request).execute()) {
        int code = response.code();
        if (code == 404) {
          recordSuccess();
          return null;
        }
        if (code == 429 || code >= 500) {
          log.debug("remote decoder {} answered HTTP {} (attempt {})", endpoint, code, attempt + 1);
          continue;
        }
        if (code >= 400) {
          log.debug("remote decoder {} rejected the image: HTTP {}", endpoint, code);
          recordSuccess();
          return null;
        }
        ResponseBody rb = response.body();
        byte[] bytes = rb == null ? new byte[0] : rb.bytes();
        QrScanResult r = Json.parseRemote(bytes, name);
        recordSuccess();
        return r;
      } catch (IOException e) {
        log.debug("remote decoder {} failed (attempt {}): {}", endpoint, attempt + 1, e.toString());
      }
    }
    recordFailure();
    return null;
  }

  private boolean allowCall() {
    synchronized (lock) {
      if (!open) {
        return true;
      }
      long now = nanoClock.getAsLong();
      if (now - openUntilNanos < 0) {
        return false;
      }
      // half-open: let this one call through and keep others out until it reports
      openUntilNanos = now + openDuration.toNanos();
      return true;
    }
  }

  private void recordSuccess() {
    synchronized (lock) {
      consecutiveFailures = 0;
      open = false;
    }
  }

  private void recordFailure() {
    synchronized (lock) {
      consecutiveFailures++;
      if (open || consecutiveFailures >= failureThreshold) {
        if (!open) {
          log.warn("remote decoder {} failed {} times in a row; circuit open for {}", endpoint,
              consecutiveFailures, openDuration);
        }
        open = true;
        openUntilNanos = nanoClock.getAsLong() + openDuration.toNanos();
      }
    }
  }

  /** Shuts down the HTTP client's dispatcher and connection pool if this instance created the client. Idempotent. */
  @Override
  public void close() {
    if (ownsClient) {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  /** Configures a {@link RemoteQrDecoder}. Mutable, not thread-safe. */
  public static final class Builder {
    private final URI endpoint;
    private @Nullable OkHttpClient client;
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration readTimeout = Duration.ofSeconds(10);
    private int retries = 1;
    private Duration retryDelay = Duration.ofMillis(100);
    private int failureThreshold = 3;
    private Duration openDuration = Duration.ofSeconds(30);
    private String name = "remote";
    private LongSupplier nanoClock = System::nanoTime;

    private Builder(URI endpoint) {
      Objects.requireNonNull(endpoint, "endpoint == null");
      String scheme = endpoint.getScheme();
      if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
        throw new IllegalArgumentException("endpoint is not http(s): " + endpoint);
      }
      this.endpoint = endpoint;
    }

    /**
     * The OkHttp client to derive from (its pools and interceptors are shared; timeouts are overridden).
     *
     * @param client the base client; the caller keeps ownership
     * @return this builder
     * @throws NullPointerException if {@code client} is null
     */
    public Builder okHttpClient(OkHttpClient client) {
      this.client = Objects.requireNonNull(client, "client == null");
      return this;
    }

    /**
     * Connect timeout (default 2 s).
     *
     * @param timeout the TCP connect timeout, positive
     * @return this builder
     * @throws IllegalArgumentException if negative or zero
     * @throws NullPointerException if {@code timeout} is null
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * Read (and write) timeout (default 10 s).
     *
     * @param timeout the longest wait between two reads or writes, positive
     * @return this builder
     * @throws IllegalArgumentException if negative or zero
     * @throws NullPointerException if {@code timeout} is null
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive(timeout, "readTimeout");
      return this;
    }

    /**
     * How many times a failed call is retried (default 1).
     *
     * @param retries the number of retries, 0..10
     * @return this builder
     * @throws IllegalArgumentException if negative or above 10
     */
    public Builder retries(int retries) {
      if (retries < 0 || retries > 10) {
        throw new IllegalArgumentException("retries not in 0..10: " + retries);
      }
      this.retries = retries;
      return this;
    }

    /**
     * The pause before a retry (default 100 ms).
     *
     * @param delay the pause, zero or more
     * @return this builder
     * @throws IllegalArgumentException if negative
     * @throws NullPointerException if {@code delay} is null
     */
    public Builder retryDelay(Duration delay) {
      Objects.requireNonNull(delay, "delay == null");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("retryDelay negative: " + delay);
      }
      this.retryDelay = delay;
      return this;
    }

    /**
     * Consecutive failed calls (after retries) that open the circuit (default 3).
     *
     * @param failures the number of consecutive failures, 1 or more
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder failureThreshold(int failures) {
      if (failures < 1) {
        throw new IllegalArgumentException("failureThreshold < 1: " + failures);
      }
      this.failureThreshold = failures;
      return this;
    }

    /**
     * How long the circuit stays open before a trial call (default 30 s).
     *
     * @param duration the time the circuit stays open, positive
     * @return this builder
     * @throws IllegalArgumentException if negative or zero
     * @throws NullPointerException if {@code duration} is null
     */
    public Builder openDuration(Duration duration) {
      this.openDuration = positive(duration, "openDuration");
      return this;
    }

    /**
     * The service's name, used in log messages (default {@code "remote"}); results report
     * {@link QrDecoderType#REMOTE} as their decoder.
     *
     * @param name a short name for logs
     * @return this builder
     * @throws IllegalArgumentException if blank
     * @throws NullPointerException if {@code name} is null
     */
    public Builder name(String name) {
      Objects.requireNonNull(name, "name == null");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name is blank");
      }
      this.name = name;
      return this;
    }

    /** A monotonic nanosecond clock for the circuit breaker (tests). */
    Builder nanoClock(LongSupplier clock) {
      this.nanoClock = Objects.requireNonNull(clock);
      return this;
    }

    /**
     * Builds the decoder.
     *
     * @return a thread-safe decoder; close it to release the HTTP client it created
     */
    public RemoteQrDecoder build() {
      return new RemoteQrDecoder(this);
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what + " == null");
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " not positive: " + d);
      }
      return d;
    }
  }
}
