package io.qrvid.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.qrvid.remote.GenerationRecord;
import io.qrvid.remote.GenerationStatus;
import io.qrvid.remote.JdbcGenerationStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qrvid generate} and {@code qrvid generations} as a user runs them: in a child JVM against a local
 * Runway-shaped job API, including SIGTERM in the middle (issue 13 item 17) and {@code --resume}. Needs no natives.
 */
class GenerateCommandIT {
  @TempDir Path tmp;

  private FakeJobApi api;

  /** A generic job API on loopback: submit, poll, cancel, and a video download with Range and optional trickle. */
  static final class FakeJobApi implements AutoCloseable {
    final HttpServer server;
    final ExecutorService pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fake-job-api");
      t.setDaemon(true);
      return t;
    });
    final byte[] video = new byte[200_000];
    final AtomicInteger submits = new AtomicInteger();
    final AtomicInteger polls = new AtomicInteger();
    final AtomicInteger cancels = new AtomicInteger();
    final List<String> ranges = Collections.synchronizedList(new ArrayList<>());
    volatile boolean done = true;
    volatile boolean trickle;

    FakeJobApi() throws IOException {
      new Random(3).nextBytes(video);
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setExecutor(pool);
      server.createContext("/", this::handle);
      server.start();
    }

    String base() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/";
    }

    private void handle(HttpExchange x) throws IOException {
      String path = x.getRequestURI().getPath();
      String method = x.getRequestMethod();
      x.getRequestBody().readAllBytes();
      if (method.equals("POST") && path.equals("/v1/text_to_video")) {
        submits.incrementAndGet();
        json(x, "{\"id\":\"task-1\"}");
      } else if (method.equals("GET") && path.equals("/v1/tasks/task-1")) {
        polls.incrementAndGet();
        json(x, done ? "{\"id\":\"task-1\",\"status\":\"SUCCEEDED\",\"output\":[\"http://127.0.0.1:"
            + server.getAddress().getPort() + "/assets/vid.mp4\"]}"
            : "{\"id\":\"task-1\",\"status\":\"RUNNING\",\"progress\":0.3}");
      } else if (method.equals("DELETE") && path.equals("/v1/tasks/task-1")) {
        cancels.incrementAndGet();
        json(x, "{}");
      } else if (method.equals("GET") && path.equals("/assets/vid.mp4")) {
        download(x);
      } else {
        x.sendResponseHeaders(404, -1);
        x.close();
      }
    }

    private static void json(HttpExchange x, String body) throws IOException {
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      x.getResponseHeaders().set("Content-Type", "application/json");
      x.sendResponseHeaders(200, b.length);
      try (OutputStream o = x.getResponseBody()) {
        o.write(b);
      }
    }

    private void download(HttpExchange x) throws IOException {
      String range = x.getRequestHeaders().getFirst("Range");
      ranges.add(String.valueOf(range));
      int from = range == null ? 0 : Integer.parseInt(range.replaceAll("\\D", ""));
      if (from > 0) {
        x.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (video.length - 1) + "/" + video.length);
      }
      x.sendResponseHeaders(from > 0 ? 206 : 200, video.length - from);
      try (OutputStream o = x.getResponseBody()) {
        for (int at = from; at < video.length; at += 4096) {
          o.write(video, at, Math.min(4096, video.length - at));
          o.flush();
          if (trickle) {
            Thread.sleep(100);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      server.stop(0);
      pool.shutdownNow();
    }
  }

  record Run(int exit, String out, String err) {}

  @BeforeEach
  void start() throws IOException {
    api = new FakeJobApi();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private ProcessBuilder qrvid(String... args) {
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
        System.getProperty("java.class.path"), "io.qrvid.examples.cli.QrvidCli"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(tmp.resolve("stdout.txt").toFile())
        .redirectError(tmp.resolve("stderr.txt").toFile());
    pb.environment().put("QRVID_TEST_KEY", "test-key");
    return pb;
  }

  private Run finish(Process p) throws Exception {
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the command ended").isTrue();
    return new Run(p.exitValue(), Files.readString(tmp.resolve("stdout.txt")),
        Files.readString(tmp.resolve("stderr.txt")));
  }

  private Run run(String... args) throws Exception {
    return finish(qrvid(args).start());
  }

  private String[] generate(String... extra) {
    List<String> a = new ArrayList<>(List.of("generate", "--provider", "generic", "--base-url", api.base(),
        "--api-key-env", "QRVID_TEST_KEY", "-o", tmp.resolve("videos").toString(), "--db",
        tmp.resolve("db").toString(), "--poll-interval", "50ms"));
    a.addAll(List.of(extra));
    return a.toArray(new String[0]);
  }

  private List<Path> files(String glob) throws IOException {
    Path dir = tmp.resolve("videos");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName()))
          .collect(Collectors.toList());
    }
  }

  private List<GenerationRecord> records() {
    try (JdbcGenerationStore store = JdbcGenerationStore.h2(tmp.resolve("db"))) {
      return store.list();
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  private boolean partHasBytes() {
    try {
      List<Path> parts = files("*.part");
      return !parts.isEmpty() && Files.size(parts.get(0)) > 0;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void generatesAVideoAndListsItsRecord() throws Exception {
    Run r = run(generate("--prompt", "A paper boat on a rainy street", "--duration", "8s", "--json"));

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("{\"generationId\":").contains("\"bytes\":" + api.video.length);
    assertThat(files("*.mp4")).hasSize(1);
    assertThat(Files.readAllBytes(files("*.mp4").get(0))).isEqualTo(api.video);

    Run list = run("generations", "--db", tmp.resolve("db").toString(), "--json");
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out().lines()).hasSize(1);
    assertThat(list.out()).contains("\"status\":\"COMPLETED\"").contains("\"prompt\":\"A paper boat on a rainy street\"");
  }

  @Test
  void sigtermDuringTheDownloadRecordsCancelledKeepsThePartAndResumeFinishesIt() throws Exception {
    api.trickle = true; // 4 KiB per 100 ms: about 5 s for the whole video
    Process p = qrvid(generate("--prompt", "A red fox in snow")).start();
    await(this::partHasBytes, "the download to start");

    p.destroy(); // SIGTERM
    Run r = finish(p);

    assertThat(r.exit()).isEqualTo(143);
    assertThat(r.err()).contains("recorded CANCELLED").contains("partial download is kept")
        .contains("qrvid generate --resume ").doesNotContain("Exception").doesNotContain("\tat ");
    GenerationRecord rec = records().get(0);
    assertThat(rec.status()).isEqualTo(GenerationStatus.CANCELLED);
    assertThat(files("*.mp4")).isEmpty();
    assertThat(files("*.part")).hasSize(1);
    assertThat(api.cancels.get()).isZero(); // the job had succeeded: a provider cancel would delete its output

    api.trickle = false;
    Run resumed = run(generate("--resume", rec.id(), "-q"));

    assertThat(resumed.exit()).as(resumed.err()).isZero();
    assertThat(Files.readAllBytes(files("*.mp4").get(0))).isEqualTo(api.video);
    assertThat(files("*.part")).isEmpty();
    assertThat(api.ranges.get(api.ranges.size() - 1)).matches("bytes=[1-9][0-9]*-");
    assertThat(api.submits.get()).isEqualTo(1);
    assertThat(records().get(0).status()).isEqualTo(GenerationStatus.COMPLETED);
  }

  @Test
  void sigtermWhilePollingSendsTheProviderCancel() throws Exception {
    api.done = false;
    Process p = qrvid(generate("--prompt", "A red fox in snow")).start();
    await(() -> api.polls.get() >= 2, "polling");

    p.destroy();
    Run r = finish(p);

    assertThat(r.err()).contains("recorded CANCELLED").doesNotContain("\tat ");
    assertThat(api.cancels.get()).isEqualTo(1);
    assertThat(records().get(0).status()).isEqualTo(GenerationStatus.CANCELLED);
  }

  @Test
  void aTimeoutExits1AndTellsHowToResume() throws Exception {
    api.done = false;
    Run r = run(generate("--prompt", "A red fox in snow", "--timeout", "3s", "-q"));

    assertThat(r.exit()).isEqualTo(1);
    GenerationRecord rec = records().get(0);
    assertThat(r.err()).contains("did not finish within 3 s").contains("qrvid generate --resume " + rec.id())
        .contains("--provider generic");
    assertThat(rec.status()).isEqualTo(GenerationStatus.FAILED);
    assertThat(rec.operationId()).contains("task-1");
  }

  /** Runs the CLI in this JVM (for commands that end before any network call). */
  private static Run inProcess(String... args) {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine cli = QrvidCli.commandLine();
    cli.setOut(new java.io.PrintWriter(out));
    cli.setErr(new java.io.PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void usageErrorsExit2AndInputErrorsExit3() throws Exception {
    Run bareNumber = inProcess(generate("--prompt", "x", "--timeout", "20"));
    assertThat(bareNumber.exit()).isEqualTo(2);
    assertThat(bareNumber.err()).contains("'20' is not a duration").contains("30s");

    Run both = inProcess(generate("--prompt", "x", "--resume", "abc"));
    assertThat(both.exit()).isEqualTo(2);

    Run fraction = inProcess(generate("--prompt", "x", "--duration", "4500ms"));
    assertThat(fraction.exit()).isEqualTo(2);
    assertThat(fraction.err()).contains("whole seconds");

    Run noKey = inProcess("generate", "--provider", "generic", "--base-url", api.base(), "--api-key-env",
        "QRVID_NO_SUCH_VARIABLE", "--prompt", "x", "--db", tmp.resolve("db").toString());
    assertThat(noKey.exit()).isEqualTo(3);
    assertThat(noKey.err()).contains("QRVID_NO_SUCH_VARIABLE");

    Run unknown = run(generate("--resume", "no-such-id"));
    assertThat(unknown.exit()).isEqualTo(3);
    assertThat(unknown.err()).contains("no generation no-such-id");
    assertThat(api.submits.get()).isZero();
  }
}
