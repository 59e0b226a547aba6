package io.qrvid.examples.cli;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.qrvid.decode.internal.Multipart;
import io.qrvid.examples.bench.ServeLoad;
import io.qrvid.examples.bench.ServeLoad.Body;
import io.qrvid.examples.bench.ServeLoad.Report;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.Promise;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code qrvid bench serve}: the decode service under a bounded load (issue 13 item 13). Starts {@code qrvid serve}
 * in a child JVM on a free loopback port, measures its resident memory, runs one client alone for a baseline, then
 * {@code --clients} concurrent clients (default 48) of which {@code --slow} (default 4) are the slow clients
 * (trickled headers, a partial TLS hello, a body shorter than its Content-Length, a trickled body), while /health is
 * polled every 100 ms. Prints p50/p90/p99 latency, req/s, the latency ratio under load against the baseline, /health
 * latency (all within 1 s or not), answers per status, 5xx, failed requests, and RSS before, after and at peak. Last,
 * the multipart worst case side by side in this JVM: qrvid's KMP reader against Jetty's parser on the same 20 MiB
 * bodies.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Load-test the HTTP decode service: 48 clients with 4 slow ones, p50/p99, req/s, /health, 5xx, RSS.")
public final class BenchServeCommand implements Callable<Integer> {
  private static final String TEXT = "qrvid bench serve";

  @Option(names = "--clients", defaultValue = "48", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--slow", defaultValue = "4",
      description = "Slow clients among them, 0-4 (default: ${DEFAULT-VALUE}).")
  int slow;

  @Option(names = "--requests", defaultValue = "2000", description = "Requests to answer (default: ${DEFAULT-VALUE}).")
  int requests;

  @Option(names = "--baseline-requests", defaultValue = "60",
      description = "Requests of the one-client baseline (default: ${DEFAULT-VALUE}).")
  int baselineRequests;

  @Option(names = "--max-duration", defaultValue = "10m", converter = DurationConverter.class,
      description = "Hard stop for the load (default: ${DEFAULT-VALUE}).")
  Duration maxDuration;

  @Option(names = "--workers", description = "The server's decode workers (default: the number of cores).")
  Integer workers;

  @Option(names = "--server-heap", defaultValue = "1g", description = "The server JVM's -Xmx (default: ${DEFAULT-VALUE}).")
  String serverHeap;

  @Option(names = "--images", description = "A folder whose images (png, jpg, gif, bmp, webp, tif) join the mix.")
  Path images;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the request mix (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--skip-multipart", description = "Skip the multipart parser comparison.")
  boolean skipMultipart;

  /** Creates the command (picocli fills the fields). */
  public BenchServeCommand() {}

  @Override
  public Integer call() throws Exception {
    if (clients < 1 || slow < 0 || slow > 4 || slow >= clients || requests < 1) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "need --clients >= 1, --slow in 0..4 and below --clients, --requests >= 1");
    }
    List<Body> mix = mix();
    Path log = Files.createTempFile("qrvid-bench-serve-", ".log");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + serverHeap, "-cp", System.getProperty("java.class.path"), QrvidCli.class.getName(), "serve",
        "--port", "0"));
    if (workers != null) {
      cmd.addAll(List.of("--workers", String.valueOf(workers)));
    }
    Process server = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
    try {
      int port = awaitPort(server, log);
      ServeLoad load = new ServeLoad(port, mix);
      // Warm up the server's JIT and pools with every body kind, then measure its memory.
      load.run(4, 0, Math.max(40, mix.size() * 4), Duration.ofMinutes(2), seed + 1000);
      long rssBefore = rssKib(server.pid(), "VmRSS");
      Report baseline = load.run(1, 0, baselineRequests, Duration.ofMinutes(5), seed + 2000);
      Report r = load.run(clients, slow, requests, maxDuration, seed);
      long rssAfter = rssKib(server.pid(), "VmRSS");
      long rssPeak = rssKib(server.pid(), "VmHWM");
      print(mix, port, baseline, r, rssBefore, rssAfter, rssPeak);
      if (!skipMultipart) {
        multipartComparison();
      }
      boolean healthOk = r.healthFailures == 0 && !r.health.isEmpty()
          && Report.ms(r.health, 1.0) < 1000;
      return r.serverErrors() == 0 && r.failed == 0 && healthOk ? 0 : QrvidCli.EXIT_INCOMPLETE;
    } finally {
      server.destroy(); // SIGTERM: the serve command's shutdown hook closes the server gracefully
      if (!server.waitFor(20, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
      Files.deleteIfExists(log);
    }
  }

  private void print(List<Body> mix, int port, Report baseline, Report r, long rssBefore, long rssAfter,
      long rssPeak) {
    System.out.printf(Locale.ROOT, "qrvid bench serve: %d clients (%d slow), %d requests, server on 127.0.0.1:%d "
        + "(child JVM -Xmx%s, workers %s, %d cores)%n", clients, slow, requests, port, serverHeap,
        workers == null ? "default" : workers, Runtime.getRuntime().availableProcessors());
    StringBuilder m = new StringBuilder();
    for (Body b : mix) {
      m.append(m.length() == 0 ? "" : ", ").append(b.toString());
    }
    System.out.println("mix: " + m);
    double seconds = r.wall.toNanos() / 1e9;
    System.out.printf(Locale.ROOT, "%-22s %9s %9s %9s %9s %9s%n", "", "answered", "req/s", "p50 ms", "p90 ms",
        "p99 ms");
    row("1 client (baseline)", baseline);
    row(clients + " clients", r);
    StringBuilder kinds = new StringBuilder();
    for (Map.Entry<String, List<Long>> e : baseline.byKind.entrySet()) {
      List<Long> loaded = r.byKind.getOrDefault(e.getKey(), List.of());
      kinds.append(String.format(Locale.ROOT, "%n  %-22s alone p50 %8.1f ms (%d)   under load p50 %8.1f ms (%d)",
          e.getKey(), Report.ms(e.getValue(), 0.5), e.getValue().size(), Report.ms(loaded, 0.5), loaded.size()));
    }
    System.out.println("per body kind:" + kinds);
    double alone = baseline.latencies.size() / (baseline.wall.toNanos() / 1e9);
    double loaded = r.latencies.size() / seconds;
    System.out.printf(Locale.ROOT, "under load / alone: throughput %.2fx, p50 latency %.1fx, p99 latency %.1fx "
        + "(decoding is CPU-bound: requests beyond the workers wait in the admission queue)%n", loaded / alone,
        Report.ms(r.latencies, 0.5) / Report.ms(baseline.latencies, 0.5),
        Report.ms(r.latencies, 0.99) / Report.ms(baseline.latencies, 0.99));
    System.out.printf(Locale.ROOT, "wall %.1f s; statuses %s; 5xx %d; unexpected statuses %d; failed requests %d%n",
        seconds, r.statuses, r.serverErrors(), r.unexpected, r.failed);
    System.out.printf(Locale.ROOT, "/health: %d polls, p50 %.1f ms, p99 %.1f ms, max %.1f ms, failures %d: %s%n",
        r.health.size(), Report.ms(r.health, 0.5), Report.ms(r.health, 0.99), Report.ms(r.health, 1.0),
        r.healthFailures, r.healthFailures == 0 && Report.ms(r.health, 1.0) < 1000 ? "always within 1 s"
            : "NOT always within 1 s");
    System.out.printf(Locale.ROOT, "slow clients: %d connections cut or answered by the server%n", r.slowCut);
    System.out.printf(Locale.ROOT, "server RSS: before %s, after %s, peak %s%n", mib(rssBefore), mib(rssAfter),
        mib(rssPeak));
  }

  private static void row(String name, Report r) {
    System.out.printf(Locale.ROOT, "%-22s %9d %9.1f %9.1f %9.1f %9.1f%n", name, r.latencies.size(),
        r.latencies.size() / (r.wall.toNanos() / 1e9), Report.ms(r.latencies, 0.5), Report.ms(r.latencies, 0.9),
        Report.ms(r.latencies, 0.99));
  }

  private static String mib(long kib) {
    return kib < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0);
  }

  /** VmRSS or VmHWM of a process in KiB from /proc (Linux), or -1. */
  private static long rssKib(long pid, String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux, or the process is gone
    }
    return -1;
  }

  private static int awaitPort(Process server, Path log) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
      try {
        return out.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    String line = first.get(120, TimeUnit.SECONDS);
    Matcher m = Pattern.compile(":(\\d+)/qr/decode").matcher(line == null ? "" : line);
    if (!m.find()) {
      throw new IOException("the server did not start: " + line + "; log: " + Files.readString(log));
    }
    Thread drain = new Thread(() -> {
      try {
        while (out.readLine() != null) {
          // discard
        }
      } catch (IOException e) {
        // process ended
      }
    }, "bench-serve-drain");
    drain.setDaemon(true);
    drain.start();
    return Integer.parseInt(m.group(1));
  }

  // ------------------------------------------------------------------ the request mix

  private List<Body> mix() throws IOException {
    List<Body> mix = new ArrayList<>();
    Random random = new Random(seed);
    byte[] symbol = png(symbolImage(3));
    mix.add(new Body("symbol.png", symbol, "image/png", 40, List.of(200)));
    mix.add(new Body("photo-1280x960.jpg", jpeg(photo(1280, 960, random)), "image/jpeg", 30, List.of(200)));
    mix.add(new Body("multipart.png", ServeLoad.multipart("benchBoundary7", symbol),
        "multipart/form-data; boundary=benchBoundary7", 10, List.of(200)));
    mix.add(new Body("phone-4000x3000.jpg", jpeg(photo(4000, 3000, random)), "image/jpeg", 5, List.of()));
    mix.add(new Body("bomb.tif", tiffBomb(), "image/tiff", 5, List.of(413)));
    mix.add(new Body("text", "not an image".getBytes(StandardCharsets.UTF_8), "text/plain", 10, List.of(415)));
    if (images != null) {
      try (Stream<Path> files = Files.walk(images)) {
        for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)
            .filter(p -> p.toString().matches("(?i).*\\.(png|jpe?g|gif|bmp|webp|tiff?)$")).sorted()::iterator) {
          mix.add(new Body(p.getFileName().toString(), Files.readAllBytes(p), "application/octet-stream", 1,
              List.of()));
        }
      }
    }
    return mix;
  }

  private static BufferedImage symbolImage(int modulePx) {
    try {
      BitMatrix m = new QRCodeWriter().encode(TEXT, BarcodeFormat.QR_CODE, 0, 0,
          Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
      BufferedImage img = new BufferedImage(m.getWidth() * modulePx, m.getHeight() * modulePx,
          BufferedImage.TYPE_BYTE_GRAY);
      for (int y = 0; y < img.getHeight(); y++) {
        for (int x = 0; x < img.getWidth(); x++) {
          img.getRaster().setSample(x, y, 0, m.get(x / modulePx, y / modulePx) ? 0 : 255);
        }
      }
      return img;
    } catch (WriterException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A photo-like image: a noisy lighting gradient with the symbol pasted at a third of each side. */
  private static BufferedImage photo(int width, int height, Random random) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] row = new int[width];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int v = Math.max(0, Math.min(255, 110 + 90 * x / width + 30 * y / height + random.nextInt(31) - 15));
        row[x] = (v << 16) | (v << 8) | Math.max(0, v - 25);
      }
      img.setRGB(0, y, width, 1, row, 0, width);
    }
    BufferedImage symbol = symbolImage(Math.max(4, width / 250));
    img.createGraphics().drawImage(symbol, width / 3, height / 3, null);
    return img;
  }

  private static byte[] png(BufferedImage img) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  private static byte[] jpeg(BufferedImage img) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "jpeg", out);
    return out.toByteArray();
  }

  /** Issue 13's 190-byte TIFF declaring 1000x1000 pixels of 1000 samples of 32 bits. */
  static byte[] tiffBomb() {
    ByteBuffer b = ByteBuffer.allocate(190).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).putShort((short) 10);
    int[][] entries = {{256, 4, 1000}, {257, 4, 1000}, {258, 3, 32}, {259, 3, 1}, {262, 3, 1}, {273, 4, 134},
        {277, 3, 1000}, {278, 4, 1000}, {279, 4, 4}, {284, 3, 1}};
    for (int[] e : entries) {
      b.putShort((short) e[0]).putShort((short) e[1]).putInt(1);
      if (e[1] == 3) {
        b.putShort((short) e[2]).putShort((short) 0);
      } else {
        b.putInt(e[2]);
      }
    }
    b.putInt(0);
    return b.array();
  }

  // ------------------------------------------------------------------ multipart, side by side

  private static void multipartComparison() throws Exception {
    String boundary = "a".repeat(70);
    byte[] adversarial = multipartBody(boundary, (byte) 'a');
    byte[] ordinary = multipartBody(boundary, (byte) 'x');
    long[] q = new long[2];
    long[] j = new long[2];
    for (int rep = 0; rep < 3; rep++) { // the last of three runs, after warm-up
      q[0] = time(() -> Multipart.imagePart(adversarial, boundary));
      q[1] = time(() -> Multipart.imagePart(ordinary, boundary));
      j[0] = time(() -> jetty(adversarial, boundary));
      j[1] = time(() -> jetty(ordinary, boundary));
    }
    System.out.printf(Locale.ROOT, "multipart, 20 MiB part, 70-char boundary (this JVM, 3rd run): crafted part "
        + "(all 'a', boundary all 'a'): qrvid %d ms, Jetty 12 MultiPartFormData %d ms (%.0fx); ordinary part: "
        + "qrvid %d ms, Jetty %d ms%n", q[0], j[0], (double) j[0] / Math.max(1, q[0]), q[1], j[1]);
  }

  private static byte[] multipartBody(String boundary, byte fill) {
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"x\"\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[head.length + (20 << 20) + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    Arrays.fill(body, head.length, head.length + (20 << 20), fill);
    System.arraycopy(tail, 0, body, body.length - tail.length, tail.length);
    return body;
  }

  private static int jetty(byte[] body, String boundary) throws Exception {
    MultiPartFormData.Parser parser = new MultiPartFormData.Parser(boundary);
    parser.setMaxMemoryFileSize(-1);
    parser.setMaxLength(64L << 20);
    CompletableFuture<MultiPartFormData.Parts> parts = new CompletableFuture<>();
    parser.parse(Content.Source.from(ByteBuffer.wrap(body)), Promise.Invocable.toPromise(parts));
    try (MultiPartFormData.Parts p = parts.get(5, TimeUnit.MINUTES)) {
      return p.size();
    }
  }

  private interface Work {
    Object run() throws Exception;
  }

  private static long time(Work w) throws Exception {
    long t0 = System.nanoTime();
    w.run();
    return (System.nanoTime() - t0) / 1_000_000;
  }
}
