package io.qrvid.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load check: 200 generations through a queue against a local Veo-shaped server that injects a fault into 5 % of
 * responses (500, 503, rate-limit 429 with Retry-After-Ms, dropped connections, cut downloads). Every generation must
 * end up in the JDBC store exactly once, in a terminal state, with no duplicated provider job, using a bounded number
 * of threads.
 */
class QueueLoadTest {
  private static final int GENERATIONS = 200;
  private static final int CONCURRENCY = 16;
  private static final int WORKERS = 4;
  private static final Pattern OP = Pattern.compile(".*/operations/(op\\d+)$");

  @TempDir Path dir;

  /** A Veo-like server: each job finishes after two polls; 5 % of responses are faults. */
  static final class FaultyVeo extends Dispatcher {
    final Random random = new Random(7);
    final AtomicInteger jobIds = new AtomicInteger();
    final Map<String, AtomicInteger> jobs = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> faults = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();
    final byte[] video = new byte[20_000];
    String base;

    FaultyVeo() {
      new Random(1).nextBytes(video);
    }

    private synchronized double roll() {
      return random.nextDouble();
    }

    private MockResponse.Builder fault(String kind, MockResponse.Builder r) {
      faults.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
      return r;
    }

    @Override
    public MockResponse dispatch(RecordedRequest r) {
      return respond(r).build();
    }

    private MockResponse.Builder respond(RecordedRequest r) {
      requests.incrementAndGet();
      String path = r.getTarget();
      boolean inject = roll() < 0.05;
      double which = roll();
      if (path.endsWith(":predictLongRunning")) {
        if (inject) {
          if (which < 0.25) {
            return fault("submit 500", ProviderFixture.json(500, "{}"));
          } else if (which < 0.5) {
            return fault("submit 503", ProviderFixture.json(503, "{}"));
          } else if (which < 0.75) {
            return fault("submit 429", new ProviderFixture.Gemini().rate429().setHeader("Retry-After-Ms", "5"));
          }
          return fault("submit dropped", new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE));
        }
        String id = "op" + jobIds.incrementAndGet();
        jobs.put(id, new AtomicInteger());
        return ProviderFixture.json(200, "{\"name\":\"models/veo-3.1-generate-preview/operations/" + id + "\"}");
      }
      Matcher m = OP.matcher(path);
      if (m.matches()) {
        if (inject) {
          return which < 0.5 ? fault("poll 500", ProviderFixture.json(500, "{}"))
              : fault("poll 503", ProviderFixture.json(503, "{}"));
        }
        AtomicInteger polls = jobs.get(m.group(1));
        if (polls == null) {
          return ProviderFixture.json(404, "{\"error\":{\"message\":\"no such operation\"}}");
        }
        if (polls.incrementAndGet() < 3) {
          return ProviderFixture.json(200, "{\"done\":false}");
        }
        return ProviderFixture.json(200, "{\"done\":true,\"response\":{\"generateVideoResponse\":{\"generatedSamples\":"
            + "[{\"video\":{\"uri\":\"" + base + "v1beta/files/" + m.group(1) + ":download?alt=media\"}}]}}}");
      }
      if (path.startsWith("/v1beta/files/")) {
        String range = r.getHeaders().get("Range");
        int from = range == null ? 0 : Integer.parseInt(range.replaceAll("\\D", ""));
        MockResponse.Builder ok = new MockResponse.Builder().code(from == 0 ? 200 : 206).setHeader("Accept-Ranges", "bytes")
            .body(new Buffer().write(video, from, video.length - from));
        if (from > 0) {
          ok.setHeader("Content-Range", "bytes " + from + "-" + (video.length - 1) + "/" + video.length);
        }
        if (inject) {
          return fault("download cut", ok.onResponseBody(SocketEffect.ShutdownConnection.INSTANCE));
        }
        return ok;
      }
      return new MockResponse.Builder().code(404);
    }
  }

  @Test
  void twoHundredGenerationsWithFivePercentFaultsAreAllAccountedFor() throws Exception {
    FaultyVeo veo = new FaultyVeo();
    MockWebServer server = new MockWebServer();
    server.setDispatcher(veo);
    server.setServerSocketFactory(NoDelaySockets.server());
    server.start();
    veo.base = server.url("/").toString();
    AtomicInteger maxClientThreads = new AtomicInteger();
    AtomicInteger maxActive = new AtomicInteger();
    TextToVideoClient[] holder = new TextToVideoClient[1];
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        if (holder[0] != null) {
          maxActive.accumulateAndGet(holder[0].activeGenerations(), Math::max);
        }
        long n = Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().startsWith("qrvid-remote-")).count();
        maxClientThreads.accumulateAndGet((int) n, Math::max);
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    long t0 = System.nanoTime();
    try (JdbcGenerationStore store = JdbcGenerationStore.h2(dir.resolve("generations"));
        TextToVideoClient client = TextToVideoClient.builder()
            .provider(GeminiVeoProvider.builder().baseUrl(server.url("/v1beta/").toString()).apiKey("k").build())
            .httpClient(new okhttp3.OkHttpClient.Builder().socketFactory(NoDelaySockets.client()).build())
            .store(store).outputFolder(dir.resolve("videos")).workers(WORKERS)
            .pollInterval(Duration.ofMillis(5))
            .retry(RetryOptions.builder().initialDelay(Duration.ofMillis(5)).maxDelay(Duration.ofMillis(50)).build())
            .build()) {
      holder[0] = client;
      sampler.start();
      GenerationQueue queue = client.queue(CONCURRENCY);
      List<CompletableFuture<GenerationResult>> futures = new ArrayList<>();
      for (int i = 0; i < GENERATIONS; i++) {
        futures.add(queue.submit(GenerationRequest.builder("load test clip number " + i).build(),
            ProgressListener.NONE));
      }
      assertThat(queue.running()).isLessThanOrEqualTo(CONCURRENCY);
      CompletableFuture.allOf(futures.stream().map(f -> f.handle((r, e) -> null)).toArray(CompletableFuture[]::new))
          .get(120, TimeUnit.SECONDS);
      sampler.interrupt();
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

      List<GenerationResult> ok = futures.stream().filter(f -> !f.isCompletedExceptionally()).map(f -> f.join())
          .collect(Collectors.toList());
      List<GenerationRecord> records = store.list();
      assertThat(records).hasSize(GENERATIONS);
      assertThat(records.stream().map(GenerationRecord::id).distinct()).hasSize(GENERATIONS);
      assertThat(records).allMatch(r -> r.status() == GenerationStatus.COMPLETED
          || r.status() == GenerationStatus.FAILED);
      List<GenerationRecord> completed = records.stream().filter(r -> r.status() == GenerationStatus.COMPLETED)
          .collect(Collectors.toList());
      assertThat(completed).hasSize(ok.size());
      // No provider job is duplicated or lost: every job the server created belongs to exactly one record.
      Set<String> recordedOps = records.stream().flatMap(r -> r.operationId().stream())
          .map(o -> o.substring(o.lastIndexOf('/') + 1)).collect(Collectors.toSet());
      assertThat(records.stream().filter(r -> r.operationId().isPresent())).hasSize(recordedOps.size());
      assertThat(recordedOps).isEqualTo(veo.jobs.keySet());
      // Every completed video is whole and unique; no partial files remain next to them.
      Set<Path> paths = new HashSet<>();
      for (GenerationRecord r : completed) {
        Path v = r.videoPath().orElseThrow();
        assertThat(Files.size(v)).isEqualTo(veo.video.length);
        assertThat(paths.add(v)).isTrue();
      }
      try (Stream<Path> files = Files.list(dir.resolve("videos"))) {
        assertThat(files.filter(p -> p.toString().endsWith(".mp4")).count()).isEqualTo(completed.size());
      }
      int injected = veo.faults.values().stream().mapToInt(AtomicInteger::get).sum();
      assertThat(injected).isGreaterThan(0);
      // Only submits that may have reached the server (500, or dropped after sending) are not retried; every other
      // fault is absorbed by retries or Range resume.
      int unsafeSubmits = veo.faults.getOrDefault("submit 500", new AtomicInteger()).get()
          + veo.faults.getOrDefault("submit dropped", new AtomicInteger()).get();
      assertThat(GENERATIONS - completed.size()).isEqualTo(unsafeSubmits);
      assertThat(maxClientThreads.get()).isLessThanOrEqualTo(WORKERS + 2);
      assertThat(maxActive.get()).isBetween(2, CONCURRENCY);
      System.out.printf("load check: %d generations, %d completed, %d failed, %d requests, %d faults injected %s,"
              + " max client threads %d, max concurrent generations %d, %d ms%n", GENERATIONS, completed.size(), GENERATIONS - completed.size(),
          veo.requests.get(), injected, veo.faults, maxClientThreads.get(), maxActive.get(), ms);
      Map<String, Long> failures = records.stream().filter(r -> r.status() == GenerationStatus.FAILED)
          .collect(Collectors.groupingBy(r -> r.errorType().orElse("?"), Collectors.counting()));
      System.out.println("load check failures by type: " + failures);
    } finally {
      sampler.interrupt();
      server.close();
    }
  }
}
