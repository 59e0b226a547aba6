package io.qrvid.remote;

import static io.qrvid.remote.TestSupport.await;
import static io.qrvid.remote.TestSupport.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The lifecycle scenarios the issue asks for, run against every provider's wire format on MockWebServer. */
class ProviderScenariosTest {
  @TempDir Path out;

  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-21T05:00:00Z"));
  private FakeScheduler scheduler;

  static Stream<ProviderFixture> fixtures() {
    return Stream.of(new ProviderFixture.Gemini(), new ProviderFixture.Vertex(), new ProviderFixture.OpenAi(),
        new ProviderFixture.Generic());
  }

  @AfterEach
  void tearDown() throws Exception {
    Collections.reverse(closeables);
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  private FakeVideoServer server(ProviderFixture fx) throws Exception {
    FakeVideoServer s = new FakeVideoServer(fx);
    closeables.add(s);
    return s;
  }

  /** A client on the fake clock and scheduler: every wait is recorded, none is slept. */
  private TextToVideoClient fakeTimeClient(FakeVideoServer s, Consumer<TextToVideoClient.Builder> tweak) {
    scheduler = new FakeScheduler(clock);
    closeables.add(scheduler);
    TextToVideoClient.Builder b = TextToVideoClient.builder().provider(s.provider()).outputFolder(out).clock(clock)
        .scheduler(scheduler).random(() -> 0.0);
    tweak.accept(b);
    TextToVideoClient c = b.build();
    closeables.add(c);
    return c;
  }

  /** A client with real threads and short real intervals. */
  private TextToVideoClient realTimeClient(FakeVideoServer s, GenerationStore store) {
    TextToVideoClient c = TextToVideoClient.builder().provider(s.provider()).outputFolder(out).store(store)
        .pollInterval(Duration.ofMillis(20)).workers(1).requestTimeout(Duration.ofSeconds(20))
        .retry(RetryOptions.builder().initialDelay(Duration.ofMillis(10)).build()).build();
    closeables.add(c);
    return c;
  }

  private static GenerationRequest request() {
    return GenerationRequest.builder("A red fox runs through fresh snow at dawn").duration(Duration.ofSeconds(8)).build();
  }

  private List<Path> files(String glob) throws Exception {
    try (Stream<Path> s = Files.list(out)) {
      return s.filter(p -> p.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName()))
          .collect(Collectors.toList());
    }
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void completesWithAtomicDownloadAndMonotonicProgress(ProviderFixture fx) throws Exception {
    FakeVideoServer s = server(fx).then(Route.POLL, fx.pending(30), fx.pending(60));
    TextToVideoClient client = fakeTimeClient(s, b -> {});
    List<ProgressEvent> events = Collections.synchronizedList(new ArrayList<>());

    GenerationResult r = client.generate(request(), events::add).get(10, TimeUnit.SECONDS);

    assertThat(Files.readAllBytes(r.video())).isEqualTo(s.video);
    assertThat(r.video().getFileName().toString()).isEqualTo("20261121_050000_a_red_fox_runs_through_fresh.mp4");
    assertThat(files("*.part")).isEmpty();
    assertThat(s.count(Route.SUBMIT)).isEqualTo(1);
    assertThat(s.count(Route.POLL)).isEqualTo(3);
    GenerationRecord rec = client.store().find(r.generationId()).orElseThrow();
    assertThat(rec.status()).isEqualTo(GenerationStatus.COMPLETED);
    assertThat(rec.operationId()).contains(r.operationId());
    assertThat(rec.videoPath()).contains(r.video());
    assertThat(rec.attempts()).isEqualTo(5);
    await(() -> !events.isEmpty() && events.get(events.size() - 1).fraction() == 1.0, Duration.ofSeconds(5),
        "fraction 1.0");
    List<Double> f = events.stream().map(ProgressEvent::fraction).collect(Collectors.toList());
    assertThat(f).isSorted().startsWith(0.0, 0.1).contains(0.9).endsWith(1.0);
    assertThat(f).allMatch(p -> p == 0 || p >= 0.1);
    assertThat(events).anyMatch(e -> e.phase() == GenerationPhase.POLLING && e.fraction() >= 0.2
        && e.fraction() <= 0.8);
    assertThat(events).anyMatch(e -> e.phase() == GenerationPhase.DOWNLOADING && e.bytes() == s.video.length
        && e.totalBytes() == s.video.length);
    assertThat(scheduler.delays()).contains(Duration.ofSeconds(2)); // default poll interval
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void retriesRateLimited429AfterRetryAfter(ProviderFixture fx) throws Exception {
    FakeVideoServer s = server(fx).then(Route.SUBMIT, fx.rate429().setHeader("Retry-After", "7"));
    TextToVideoClient client = fakeTimeClient(s, b -> b.pollInterval(Duration.ofMillis(1500)));

    GenerationResult r = client.generate(request()).get(10, TimeUnit.SECONDS);

    assertThat(r.video()).exists();
    assertThat(s.count(Route.SUBMIT)).isEqualTo(2);
    assertThat(scheduler.delays()).first().isEqualTo(Duration.ofSeconds(7)); // waited exactly as told
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void failsFastOnQuota429WithoutRetrying(ProviderFixture fx) throws Exception {
    FakeVideoServer s = server(fx).then(Route.SUBMIT, fx.quota429().setHeader("Retry-After", "1"));
    TextToVideoClient client = fakeTimeClient(s, b -> {});

    CompletableFuture<GenerationResult> f = client.generate(request());

    Throwable e = failure(f);
    assertThat(e).isInstanceOf(QuotaExceededException.class);
    assertThat(((QuotaExceededException) e).statusCode()).isEqualTo(429);
    assertThat(s.count(Route.SUBMIT)).isEqualTo(1);
    GenerationRecord rec = client.store().list().get(0);
    assertThat(rec.status()).isEqualTo(GenerationStatus.FAILED);
    assertThat(rec.errorType()).contains("QuotaExceededException");
    assertThat(rec.operationId()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void retriesPollsThrough500And503WithExponentialBackoff(ProviderFixture fx) throws Exception {
    FakeVideoServer s = server(fx).then(Route.POLL, ProviderFixture.json(500, "{}"),
        ProviderFixture.json(503, "{}"), ProviderFixture.json(502, "{}"));
    TextToVideoClient client = fakeTimeClient(s, b -> b.pollInterval(Duration.ofMillis(1500)));

    GenerationResult r = client.generate(request()).get(10, TimeUnit.SECONDS);

    assertThat(r.video()).exists();
    assertThat(s.count(Route.POLL)).isEqualTo(4);
    // poll interval, then backoff 1 s, 2 s, 4 s (random fixed at 0, so no jitter)
    assertThat(scheduler.delays()).containsSubsequence(Duration.ofMillis(1500), Duration.ofSeconds(1),
        Duration.ofSeconds(2), Duration.ofSeconds(4));
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void neverResendsASubmitThatGot500(ProviderFixture fx) throws Exception {
    FakeVideoServer s = server(fx).then(Route.SUBMIT, ProviderFixture.json(500, "{\"error\":{\"message\":\"x\"}}"));
    TextToVideoClient client = fakeTimeClient(s, b -> {});

    Throwable e = failure(client.generate(request()));

    assertThat(e).isExactlyInstanceOf(RemoteVideoException.class);
    assertThat(((RemoteVideoException) e).statusCode()).isEqualTo(500);
    assertThat(s.count(Route.SUBMIT)).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void retriesSubmitOn503ButNotAfterDisconnect(ProviderFixture fx) throws Exception {
    FakeVideoServer s = server(fx).then(Route.SUBMIT, ProviderFixture.json(503, "{}"),
        new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE));
    TextToVideoClient client = fakeTimeClient(s, b -> {});

    Throwable e = failure(client.generate(request()));

    // 503: retried; then the request reached the server and the connection dropped: not resent.
    assertThat(e).isInstanceOf(RemoteVideoException.class).isNotInstanceOf(RetriesExhaustedException.class);
    assertThat(s.count(Route.SUBMIT)).isEqualTo(2);
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void timesOutWhenTheJobNeverFinishes(ProviderFixture fx) throws Exception {
    FakeVideoServer s = server(fx);
    s.pollDefault = r -> fx.pending(10);
    TextToVideoClient client = fakeTimeClient(s, b -> b.timeout(Duration.ofSeconds(10)));

    Throwable e = failure(client.generate(request()));

    assertThat(e).isInstanceOf(GenerationTimeoutException.class);
    assertThat(((GenerationTimeoutException) e).operationId()).isPresent();
    assertThat(s.count(Route.POLL)).isBetween(4, 6); // 10 s at 2 s intervals
    GenerationRecord rec = client.store().list().get(0);
    assertThat(rec.status()).isEqualTo(GenerationStatus.FAILED);
    assertThat(rec.operationId()).isPresent(); // resumable
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void timesOutOnAHangingPoll(ProviderFixture fx) throws Exception {
    FakeVideoServer s = server(fx);
    s.pollDefault = r -> new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE);
    TextToVideoClient client = fakeTimeClient(s, b -> b.timeout(Duration.ofSeconds(6))
        .requestTimeout(Duration.ofMillis(150))
        .retry(RetryOptions.builder().maxAttempts(20).initialDelay(Duration.ofSeconds(2)).build()));
    long t0 = System.nanoTime();

    Throwable e = failure(client.generate(request()));

    assertThat(e).isInstanceOf(GenerationTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    assertThat(s.count(Route.POLL)).isBetween(2, 4);
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void reportsAJobFailureWithTheProvidersCodeAndMessage(ProviderFixture fx) throws Exception {
    FakeVideoServer s = server(fx).then(Route.POLL, fx.pending(5), fx.failed("INVALID_ARGUMENT", "bad prompt"));
    TextToVideoClient client = fakeTimeClient(s, b -> {});

    Throwable e = failure(client.generate(request()));

    assertThat(e).isInstanceOf(GenerationFailedException.class);
    GenerationFailedException g = (GenerationFailedException) e;
    assertThat(g.kind()).isEqualTo(GenerationFailedException.Kind.PROVIDER_ERROR);
    assertThat(g.providerCode()).contains("INVALID_ARGUMENT");
    assertThat(g.providerMessage()).contains("bad prompt");
    assertThat(client.store().list().get(0).errorMessage().orElseThrow()).contains("bad prompt");
    assertThat(s.count(Route.DOWNLOAD)).isZero();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void treatsAContentFilteredResultAsFailure(ProviderFixture fx) throws Exception {
    FakeVideoServer s = server(fx).then(Route.POLL, fx.filtered());
    TextToVideoClient client = fakeTimeClient(s, b -> {});

    Throwable e = failure(client.generate(request()));

    assertThat(e).isInstanceOf(GenerationFailedException.class);
    assertThat(((GenerationFailedException) e).kind()).isEqualTo(GenerationFailedException.Kind.CONTENT_FILTERED);
    assertThat(files("*")).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void resumesADownloadCutInTheMiddleWithRange(ProviderFixture fx) throws Exception {
    FakeVideoServer s = server(fx);
    s.then(Route.DOWNLOAD, r -> s.download(r).onResponseBody(SocketEffect.ShutdownConnection.INSTANCE));
    TextToVideoClient client = fakeTimeClient(s, b -> {});

    GenerationResult r = client.generate(request()).get(10, TimeUnit.SECONDS);

    assertThat(Files.readAllBytes(r.video())).isEqualTo(s.video);
    assertThat(r.sizeBytes()).isEqualTo(s.video.length);
    List<RecordedRequest> downloads = s.requests(Route.DOWNLOAD);
    assertThat(downloads).hasSize(2);
    assertThat(downloads.get(0).getHeaders().get("Range")).isNull();
    assertThat(downloads.get(1).getHeaders().get("Range")).matches("bytes=[1-9][0-9]*-");
    assertThat(files("*.part")).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void neverLeavesACompleteLookingFileWhenTheDownloadKeepsFailing(ProviderFixture fx) throws Exception {
    FakeVideoServer s = server(fx);
    s.rangeSupported = false;
    for (int i = 0; i < 3; i++) {
      s.then(Route.DOWNLOAD, r -> s.download(r).onResponseBody(SocketEffect.ShutdownConnection.INSTANCE));
    }
    TextToVideoClient client = fakeTimeClient(s, b -> b.retry(RetryOptions.builder().maxAttempts(3).build()));

    Throwable e = failure(client.generate(request()));

    assertThat(e).isInstanceOf(RetriesExhaustedException.class);
    assertThat(((RetriesExhaustedException) e).attempts()).isEqualTo(3);
    assertThat(files("*.mp4")).isEmpty();
    assertThat(s.requests(Route.DOWNLOAD)).allMatch(r -> r.getHeaders().get("Range") == null
        || s.requests(Route.DOWNLOAD).indexOf(r) > 0);
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void cancellingMidPollStopsTheCallAndRecordsCancelled(ProviderFixture fx) throws Exception {
    FakeVideoServer s = server(fx);
    s.pollDefault = r -> new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE); // a poll that hangs
    TextToVideoClient client = realTimeClient(s, new InMemoryGenerationStore());
    CompletableFuture<GenerationResult> f = client.generate(request());
    await(() -> s.count(Route.POLL) >= 1, Duration.ofSeconds(5), "first poll");

    assertThat(f.cancel(true)).isTrue();

    GenerationRecord rec = client.store().list().get(0);
    assertThat(rec.status()).isEqualTo(GenerationStatus.CANCELLED);
    assertThat(rec.operationId()).isPresent();
    if (fx.cancels()) {
      await(() -> s.count(Route.CANCEL) == 1, Duration.ofSeconds(5), "provider cancel");
      assertThat(s.requests(Route.CANCEL).get(0).getTarget()).endsWith("/tasks/task-1");
    }
    // The only worker thread was blocked in the hanging poll; a new generation completing proves the call died.
    s.pollDefault = r -> fx.done(s.url());
    GenerationResult next = client.generate(request()).get(10, TimeUnit.SECONDS);
    assertThat(next.video()).exists();
    int polls = s.count(Route.POLL);
    Thread.sleep(100);
    assertThat(s.count(Route.POLL)).isEqualTo(polls); // nothing polls the cancelled job any more
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void resumesAfterACrashFromTheStoredOperationIdWithoutResubmitting(ProviderFixture fx) throws Exception {
    FakeVideoServer s = server(fx);
    s.pollDefault = r -> fx.pending(40);
    InMemoryGenerationStore store = new InMemoryGenerationStore();
    TextToVideoClient first = realTimeClient(s, store);
    CompletableFuture<GenerationResult> f = first.generate(request());
    await(() -> s.count(Route.POLL) >= 2, Duration.ofSeconds(5), "polling");
    first.close(); // the process "dies": no provider cancel, record left PROCESSING
    assertThat(f).isCompletedExceptionally();
    GenerationRecord crashed = store.list().get(0);
    assertThat(crashed.status()).isEqualTo(GenerationStatus.PROCESSING);
    String op = crashed.operationId().orElseThrow();

    s.pollDefault = r -> fx.done(s.url());
    TextToVideoClient second = realTimeClient(s, store);
    GenerationResult r = second.resume(crashed.id(), ProgressListener.NONE).get(10, TimeUnit.SECONDS);

    assertThat(r.operationId()).isEqualTo(op);
    assertThat(Files.readAllBytes(r.video())).isEqualTo(s.video);
    assertThat(s.count(Route.SUBMIT)).isEqualTo(1);
    assertThat(s.count(Route.CANCEL)).isZero();
    GenerationRecord done = store.find(crashed.id()).orElseThrow();
    assertThat(done.status()).isEqualTo(GenerationStatus.COMPLETED);
    assertThat(done.attempts()).isGreaterThan(crashed.attempts());
  }
}
