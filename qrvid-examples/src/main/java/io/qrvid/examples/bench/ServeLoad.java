package io.qrvid.examples.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded HTTP load against a running decode service on this machine: {@code clients} concurrent clients post a
 * weighted mix of bodies until {@code requests} have been answered or {@code maxDuration} has passed, while up to
 * four slow clients hold connections the way issue 13 item 10 describes (request headers trickled one byte at a
 * time, a partial TLS ClientHello on the plain port, a body shorter than its Content-Length, a body trickled one
 * byte at a time) and one more client polls {@code GET /health}. Every loop is bounded in count and time and
 * stops by itself; only loopback addresses are targeted.
 */
public final class ServeLoad {
  /** One kind of request body, with its share of the mix and the statuses that count as correct. */
  public static final class Body {
    final String name;
    final byte[] bytes;
    final String contentType;
    final int weight;
    final List<Integer> expected;

    /**
     * Creates a body kind.
     *
     * @param name for the report
     * @param bytes the body
     * @param contentType its Content-Type
     * @param weight its share of the mix (relative)
     * @param expected the statuses that count as correct; empty for any status below 500
     */
    public Body(String name, byte[] bytes, String contentType, int weight, List<Integer> expected) {
      this.name = Objects.requireNonNull(name);
      this.bytes = bytes.clone();
      this.contentType = Objects.requireNonNull(contentType);
      this.weight = weight;
      this.expected = List.copyOf(expected);
    }

    @Override
    public String toString() {
      return name + " (" + weight + ", " + (bytes.length >= 10_240 ? bytes.length / 1024 + " KiB" : bytes.length
          + " B") + ")";
    }
  }

  /** What a run measured. */
  public static final class Report {
    /** Latencies of answered decode requests, sorted, in nanoseconds. */
    public final List<Long> latencies;
    /** /health latencies, sorted, in nanoseconds. */
    public final List<Long> health;
    /** Answers per status. */
    public final Map<Integer, Integer> statuses;
    /** Answers whose status was not among the body kind's expected ones (5xx included). */
    public final int unexpected;
    /** Requests that failed without an answer (connection errors, client timeouts). */
    public final int failed;
    /** /health polls that failed or did not answer 200. */
    public final int healthFailures;
    /** Slow-client connections the server closed or answered. */
    public final int slowCut;
    /** Wall time of the run. */
    public final Duration wall;
    /** Latencies per body kind, sorted, in nanoseconds. */
    public final Map<String, List<Long>> byKind;

    Report(List<Long> latencies, List<Long> health, Map<Integer, Integer> statuses, int unexpected, int failed,
        int healthFailures, int slowCut, Duration wall, Map<String, List<Long>> byKind) {
      this.byKind = byKind;
      this.latencies = latencies;
      this.health = health;
      this.statuses = statuses;
      this.unexpected = unexpected;
      this.failed = failed;
      this.healthFailures = healthFailures;
      this.slowCut = slowCut;
      this.wall = wall;
    }

    /** Answers with a 5xx status. */
    public int serverErrors() {
      int n = 0;
      for (Map.Entry<Integer, Integer> e : statuses.entrySet()) {
        if (e.getKey() >= 500) {
          n += e.getValue();
        }
      }
      return n;
    }

    /** The p-quantile (0..1) of sorted nanosecond values, in milliseconds; NaN when empty. */
    public static double ms(List<Long> sorted, double p) {
      if (sorted.isEmpty()) {
        return Double.NaN;
      }
      int i = (int) Math.min(sorted.size() - 1, Math.max(0, Math.ceil(sorted.size() * p) - 1));
      return sorted.get(i) / 1e6;
    }
  }

  private final int port;
  private final List<Body> bodies;
  private final int totalWeight;

  /**
   * A load against {@code 127.0.0.1:port}.
   *
   * @param port the service's port
   * @param bodies the mix
   */
  public ServeLoad(int port, List<Body> bodies) {
    this.port = port;
    this.bodies = List.copyOf(bodies);
    int w = 0;
    for (Body b : bodies) {
      w += b.weight;
    }
    if (w <= 0) {
      throw new IllegalArgumentException("no body with a positive weight");
    }
    this.totalWeight = w;
  }

  private Body pick(Random random) {
    int r = random.nextInt(totalWeight);
    for (Body b : bodies) {
      r -= b.weight;
      if (r < 0) {
        return b;
      }
    }
    return bodies.get(bodies.size() - 1);
  }

  /**
   * Runs the load.
   *
   * @param clients concurrent clients posting bodies
   * @param slow slow clients (0-4) among them, in the order of the class description
   * @param requests answered requests to stop at
   * @param maxDuration the hard stop
   * @param seed for the mix
   * @return what was measured
   * @throws InterruptedException if interrupted
   */
  public Report run(int clients, int slow, int requests, Duration maxDuration, long seed)
      throws InterruptedException {
    String base = "http://127.0.0.1:" + port;
    long deadline = System.nanoTime() + maxDuration.toNanos();
    AtomicInteger issued = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    Map<String, List<Long>> byKind = new ConcurrentHashMap<>();
    List<Long> health = Collections.synchronizedList(new ArrayList<>());
    Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    AtomicInteger unexpected = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger healthFailures = new AtomicInteger();
    AtomicInteger slowCut = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int c = 0; c < clients - slow; c++) {
      long clientSeed = seed * 1000 + c;
      threads.add(thread("load-client-" + c, () -> {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
        Random random = new Random(clientSeed);
        while (!stop.get() && issued.getAndIncrement() < requests && System.nanoTime() < deadline) {
          Body b = pick(random);
          long t0 = System.nanoTime();
          try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + "/qr/decode"))
                .timeout(Duration.ofSeconds(120)).header("Content-Type", b.contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(b.bytes)).build(), HttpResponse.BodyHandlers.ofByteArray());
            long took = System.nanoTime() - t0;
            latencies.add(took);
            byKind.computeIfAbsent(b.name, k -> Collections.synchronizedList(new ArrayList<>())).add(took);
            statuses.merge(r.statusCode(), 1, Integer::sum);
            boolean ok = b.expected.isEmpty() ? r.statusCode() < 500 : b.expected.contains(r.statusCode());
            if (!ok) {
              unexpected.incrementAndGet();
            }
          } catch (IOException e) {
            failed.incrementAndGet();
          }
        }
      }));
    }
    for (int s = 0; s < Math.min(4, slow); s++) {
      int kind = s;
      threads.add(thread("slow-client-" + s, () -> slowClient(kind, stop, deadline, slowCut)));
    }
    Thread poller = thread("health-poller", () -> {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10)).build();
      while (!stop.get() && System.nanoTime() < deadline) {
        long t0 = System.nanoTime();
        try {
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/health"))
              .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
          health.add(System.nanoTime() - t0);
          if (r.statusCode() != 200) {
            healthFailures.incrementAndGet();
          }
        } catch (IOException e) {
          healthFailures.incrementAndGet();
        }
        sleep(100);
      }
    });
    for (Thread t : threads) {
      t.start();
    }
    poller.start();
    for (Thread t : threads.subList(0, clients - slow)) {
      t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000 + 130_000));
    }
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    stop.set(true);
    for (Thread t : threads) {
      t.join(10_000);
    }
    poller.join(35_000);
    List<Long> sortedLatencies = new ArrayList<>(latencies);
    Collections.sort(sortedLatencies);
    List<Long> sortedHealth = new ArrayList<>(health);
    Collections.sort(sortedHealth);
    Map<String, List<Long>> sortedByKind = new TreeMap<>();
    for (Map.Entry<String, List<Long>> e : byKind.entrySet()) {
      List<Long> l = new ArrayList<>(e.getValue());
      Collections.sort(l);
      sortedByKind.put(e.getKey(), l);
    }
    return new Report(sortedLatencies, sortedHealth, new TreeMap<>(statuses), unexpected.get(), failed.get(),
        healthFailures.get(), slowCut.get(), wall, sortedByKind);
  }

  private static Thread thread(String name, ThrowingRunnable r) {
    Thread t = new Thread(() -> {
      try {
        r.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, name);
    t.setDaemon(true);
    return t;
  }

  private interface ThrowingRunnable {
    void run() throws InterruptedException;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The slow clients; each reconnects after the server cuts it, until {@code stop}. */
  private void slowClient(int kind, AtomicBoolean stop, long deadline, AtomicInteger cut) {
    byte[] head;
    boolean trickle;
    switch (kind) {
      case 0: // request headers trickled one byte at a time
        head = ascii("POST /qr/decode HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + "a".repeat(100_000) + "\r\n\r\n");
        trickle = true;
        break;
      case 1: // a partial TLS ClientHello sent to the plain HTTP port, then silence
        head = new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03};
        trickle = false;
        break;
      case 2: // a body shorter than its Content-Length, then silence
        head = ascii("POST /qr/decode HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\n"
            + "Content-Length: 1000000\r\n\r\n" + "x".repeat(1000));
        trickle = false;
        break;
      default: // a body trickled one byte at a time
        head = ascii("POST /qr/decode HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\n"
            + "Content-Length: 1000000\r\n\r\n");
        trickle = false;
        break;
    }
    while (!stop.get() && System.nanoTime() < deadline) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        s.setSoTimeout(250);
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        int i = 0;
        if (!trickle) {
          out.write(head);
          out.flush();
        }
        while (!stop.get() && System.nanoTime() < deadline) {
          if (trickle || kind == 3) {
            out.write(trickle && i < head.length ? head[i] : (byte) 'x');
            out.flush();
            i++;
          }
          try {
            int b = in.read();
            if (b >= 0) {
              drain(in);
            }
            cut.incrementAndGet(); // answered (400, 408) or closed by the server
            sleep(100); // a slow client, not a connection flood
            break;
          } catch (SocketTimeoutException e) {
            // still open: go on
          }
        }
      } catch (IOException e) {
        cut.incrementAndGet(); // reset by the server
        sleep(50);
      }
    }
  }

  private static void drain(InputStream in) {
    byte[] buf = new byte[4096];
    try {
      while (in.read(buf) > 0) {
        // discard
      }
    } catch (IOException e) {
      // closed or timed out: done
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A multipart/form-data body holding {@code image} as a file part, after a text field. */
  public static byte[] multipart(String boundary, byte[] image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ascii("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nbench\r\n--"
        + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n"
        + "Content-Type: image/png\r\n\r\n"));
    out.writeBytes(image);
    out.writeBytes(ascii("\r\n--" + boundary + "--\r\n"));
    return out.toByteArray();
  }
}
