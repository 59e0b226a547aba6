package io.qrvid.remote;

import static io.qrvid.remote.TestSupport.await;
import static io.qrvid.remote.TestSupport.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Regression tests for issue 13, items 14-17 (remote generation against a misbehaving video API), one per defect
 * class, against every provider's wire format where the class applies. Waits run on a fake clock unless a test needs
 * a real trickle.
 */
class Issue13Test {
  @TempDir Path out;

  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-21T05:00:00Z"));

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

  /** A second server on another host name and port: the "foreign host" that must never see a credential. */
  private Foreign foreign(FakeVideoServer s) throws Exception {
    Foreign f = new Foreign(s);
    closeables.add(f);
    return f;
  }

  private TextToVideoClient client(FakeVideoServer s, Consumer<TextToVideoClient.Builder> tweak) {
    FakeScheduler scheduler = new FakeScheduler(clock);
    closeables.add(scheduler);
    TextToVideoClient.Builder b = TextToVideoClient.builder().provider(s.provider()).outputFolder(out).clock(clock)
        .scheduler(scheduler).random(() -> 0.0);
    tweak.accept(b);
    TextToVideoClient c = b.build();
    closeables.add(c);
    return c;
  }

  private static GenerationRequest request() {
    return GenerationRequest.builder("A red fox runs through fresh snow at dawn").build();
  }

  private List<Path> files(String glob) throws Exception {
    try (Stream<Path> st = Files.list(out)) {
      return st.filter(p -> p.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName()))
          .collect(Collectors.toList());
    }
  }

  /** The video served with no Content-Length and no chunking: the body ends when the server closes. */
  private static MockResponse.Builder closeDelimited(byte[] body) {
    return new MockResponse.Builder().body(new Buffer().write(body)).removeHeader("Content-Length")
        .setHeader("Connection", "close").onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE);
  }

  /** Serves what the test scripts and records every request, on 127.0.0.1 (the main server is "localhost"). */
  static final class Foreign extends Dispatcher implements AutoCloseable {
    final MockWebServer server = new MockWebServer();
    final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    volatile java.util.function.Function<RecordedRequest, MockResponse.Builder> answer;

    Foreign(FakeVideoServer s) throws Exception {
      answer = s::download;
      server.setDispatcher(this);
      server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
    }

    HttpUrl url(String path) {
      return server.url(path).newBuilder().host("127.0.0.1").build();
    }

    @Override
    public MockResponse dispatch(RecordedRequest r) {
      requests.add(r);
      return answer.apply(r).build();
    }

    @Override
    public void close() {
      server.close();
    }
  }

  // ---- 14: credentials only to the provider's own origins ----

  @ParameterizedTest
  @MethodSource("fixtures")
  void noCredentialIsSentToAVideoUrlOnAForeignHost(ProviderFixture fx) throws Exception {
    FakeVideoServer s = server(fx);
    Foreign evil = foreign(s);
    MockResponse.Builder done = fx.doneAt(evil.url("/steal/vid.mp4"));
    assumeTrue(done != null, "this provider downloads by id from its own base URL");
    s.then(Route.POLL, done);
    TextToVideoClient c = client(s, b -> {});

    GenerationResult r = c.generate(request()).get(10, TimeUnit.SECONDS);

    assertThat(Files.readAllBytes(r.video())).isEqualTo(s.video);
    assertThat(evil.requests).hasSize(1);
    assertThat(evil.requests.get(0).getHeaders().get(fx.credentialHeader())).isNull();
    assertThat(evil.requests.get(0).getHeaders().names()).doesNotContain("x-goog-api-key", "Authorization",
        "authorization");
    // while the provider's own host still gets it
    assertThat(s.requests(Route.POLL).get(0).getHeaders().get(fx.credentialHeader())).isNotNull();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void noCredentialFollowsADownloadRedirectToAForeignHost(ProviderFixture fx) throws Exception {
    FakeVideoServer s = server(fx);
    Foreign evil = foreign(s);
    s.then(Route.DOWNLOAD, new MockResponse.Builder().code(302).setHeader("Location", evil.url("/blob/vid.mp4")));
    TextToVideoClient c = client(s, b -> {});

    GenerationResult r = c.generate(request()).get(10, TimeUnit.SECONDS);

    assertThat(Files.readAllBytes(r.video())).isEqualTo(s.video);
    assertThat(s.requests(Route.DOWNLOAD).get(0).getHeaders().get(fx.credentialHeader())).isNotNull();
    assertThat(evil.requests).hasSize(1);
    assertThat(evil.requests.get(0).getHeaders().get(fx.credentialHeader())).isNull();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void noCredentialFollowsAPollRedirectToAForeignHost(ProviderFixture fx) throws Exception {
    FakeVideoServer s = server(fx);
    Foreign evil = foreign(s);
    evil.answer = r -> fx.done(s.url());
    s.then(Route.POLL, new MockResponse.Builder().code(307).setHeader("Location", evil.url("/v1/ops/x")));
    TextToVideoClient c = client(s, b -> {});

    GenerationResult r = c.generate(request()).get(10, TimeUnit.SECONDS);

    assertThat(Files.readAllBytes(r.video())).isEqualTo(s.video);
    assertThat(evil.requests).hasSize(1);
    RecordedRequest atEvil = evil.requests.get(0);
    assertThat(atEvil.getHeaders().get(fx.credentialHeader())).isNull();
    // a 307 keeps the method (Vertex polls with POST)
    assertThat(atEvil.getMethod()).isEqualTo(s.requests(Route.POLL).get(0).getMethod());
  }

  @Test
  void aRedirectFromHttpsToHttpOnTheSameHostIsAnotherOriginAndGetsNoCredential() {
    io.qrvid.remote.internal.Transport t = new io.qrvid.remote.internal.Transport(new okhttp3.OkHttpClient(),
        java.util.Set.of(java.net.URI.create("https://api.example.com/v1/")));
    assertThat(t.trusted(java.net.URI.create("https://API.example.com:443/files/x"))).isTrue();
    assertThat(t.trusted(java.net.URI.create("http://api.example.com/files/x"))).isFalse();
    assertThat(t.trusted(java.net.URI.create("https://api.example.com:8443/files/x"))).isFalse();
    assertThat(t.trusted(java.net.URI.create("https://api.example.com.evil.net/files/x"))).isFalse();
    ProviderRequest r = ProviderRequest.builder("GET", java.net.URI.create("http://api.example.com/x"))
        .credential("x-goog-api-key", "secret").header("Accept", "video/mp4").build();
    okhttp3.Request ok = t.toOkHttp(r, java.util.Map.of());
    assertThat(ok.header("x-goog-api-key")).isNull();
    assertThat(ok.header("Accept")).isEqualTo("video/mp4");
    assertThat(r.toString()).doesNotContain("secret");
  }

  // ---- 15: a download is complete only when its length is known and matched ----

  @ParameterizedTest
  @MethodSource("fixtures")
  void aCutDownloadWithoutContentLengthIsNeverRecordedCompleted(ProviderFixture fx) throws Exception {
    FakeVideoServer s = server(fx);
    byte[] third = Arrays.copyOf(s.video, s.video.length / 3);
    s.then(Route.DOWNLOAD, r -> closeDelimited(third));
    s.rangeSupported = false;
    s.then(Route.DOWNLOAD, r -> closeDelimited(third)); // the probe: the server ignores Range, cut again
    TextToVideoClient c = client(s, b -> {});

    Throwable e = failure(c.generate(request()));

    assertThat(e).isInstanceOf(VideoDownloadException.class);
    assertThat(((VideoDownloadException) e).reason()).isEqualTo(VideoDownloadException.Reason.LENGTH_UNVERIFIED);
    assertThat(((VideoDownloadException) e).bytesReceived()).isEqualTo(third.length);
    GenerationRecord rec = c.store().list().get(0);
    assertThat(rec.status()).isEqualTo(GenerationStatus.FAILED);
    assertThat(rec.errorType()).contains("VideoDownloadException");
    assertThat(files("*.mp4")).isEmpty();
    assertThat(files("*.part")).hasSize(1); // kept: a later resume probes again
    assertThat(s.requests(Route.DOWNLOAD).get(1).getHeaders().get("Range")).isEqualTo("bytes=" + third.length + "-");
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void aCutDownloadWithoutContentLengthIsProbedWithRangeAndContinued(ProviderFixture fx) throws Exception {
    FakeVideoServer s = server(fx);
    byte[] third = Arrays.copyOf(s.video, s.video.length / 3);
    s.then(Route.DOWNLOAD, r -> closeDelimited(third));
    TextToVideoClient c = client(s, b -> {});

    GenerationResult r = c.generate(request()).get(10, TimeUnit.SECONDS);

    assertThat(Files.readAllBytes(r.video())).isEqualTo(s.video);
    assertThat(s.requests(Route.DOWNLOAD)).hasSize(2);
    assertThat(s.requests(Route.DOWNLOAD).get(1).getHeaders().get("Range")).isEqualTo("bytes=" + third.length + "-");
  }

  @Test
  void aWholeDownloadWithoutContentLengthIsConfirmedByA416NamingTheSameLength() throws Exception {
    FakeVideoServer s = server(new ProviderFixture.Gemini());
    s.then(Route.DOWNLOAD, r -> closeDelimited(s.video));
    TextToVideoClient c = client(s, b -> {});

    GenerationResult r = c.generate(request()).get(10, TimeUnit.SECONDS);

    assertThat(Files.readAllBytes(r.video())).isEqualTo(s.video);
    assertThat(s.requests(Route.DOWNLOAD).get(1).getHeaders().get("Range")).isEqualTo("bytes=" + s.video.length + "-");
  }

  @Test
  void aChunkedBodyIsSelfDelimitingAndNeedsNoProbe() throws Exception {
    FakeVideoServer s = server(new ProviderFixture.Gemini());
    s.then(Route.DOWNLOAD, new MockResponse.Builder().chunkedBody(new Buffer().write(s.video), 8192));
    TextToVideoClient c = client(s, b -> {});

    GenerationResult r = c.generate(request()).get(10, TimeUnit.SECONDS);

    assertThat(Files.readAllBytes(r.video())).isEqualTo(s.video);
    assertThat(s.requests(Route.DOWNLOAD)).hasSize(1);
  }

  @Test
  void aProviderSizeOrSha256ThatDisagreesRejectsTheFileAndOneThatAgreesAcceptsIt() throws Exception {
    ProviderFixture.Generic fx = new ProviderFixture.Generic();
    FakeVideoServer s = server(fx);
    String sha = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(s.video));
    String wrongSha = sha.replace(sha.charAt(0), sha.charAt(0) == 'a' ? 'b' : 'a');
    s.pollDefault = r -> ProviderFixture.json(200, "{\"id\":\"task-1\",\"status\":\"SUCCEEDED\",\"output\":[\""
        + s.url().resolve("/assets/vid.mp4") + "\"],\"size\":" + s.video.length + ",\"sha256\":\"" + wrongSha + "\"}");
    VideoProvider p = GenericJobProvider.builder().name("runway").baseUrl(s.url().resolve("/v1/").toString())
        .apiKey("rk").videoSizePointer("/size").videoSha256Pointer("/sha256").build();
    FakeScheduler scheduler = new FakeScheduler(clock);
    closeables.add(scheduler);
    TextToVideoClient c = TextToVideoClient.builder().provider(p).outputFolder(out).clock(clock)
        .scheduler(scheduler).random(() -> 0.0).retry(RetryOptions.builder().maxAttempts(2).build()).build();
    closeables.add(c);

    Throwable e = failure(c.generate(request()));

    assertThat(e).isInstanceOf(VideoDownloadException.class);
    assertThat(((VideoDownloadException) e).reason()).isEqualTo(VideoDownloadException.Reason.CHECKSUM_MISMATCH);
    assertThat(files("*.mp4")).isEmpty();
    assertThat(files("*.part")).isEmpty();
    assertThat(s.requests(Route.DOWNLOAD)).hasSize(2); // retried once from byte 0, then refused

    s.pollDefault = r -> ProviderFixture.json(200, "{\"id\":\"task-1\",\"status\":\"SUCCEEDED\",\"output\":[\""
        + s.url().resolve("/assets/vid.mp4") + "\"],\"size\":" + s.video.length + ",\"sha256\":\"" + sha + "\"}");
    GenerationResult r = c.generate(request()).get(10, TimeUnit.SECONDS);
    assertThat(Files.readAllBytes(r.video())).isEqualTo(s.video);
  }

  @Test
  void anXGoogHashThatDisagreesRejectsTheFile() throws Exception {
    ProviderFixture.Vertex fx = new ProviderFixture.Vertex();
    FakeVideoServer s = server(fx);
    byte[] md5 = java.security.MessageDigest.getInstance("MD5").digest("something else".getBytes());
    for (int i = 0; i < 2; i++) {
      s.then(Route.DOWNLOAD, r -> s.download(r).setHeader("x-goog-hash", "md5=" + Base64.getEncoder()
          .encodeToString(md5)));
    }
    TextToVideoClient c = client(s, b -> b.retry(RetryOptions.builder().maxAttempts(2).build()));

    Throwable e = failure(c.generate(request()));

    assertThat(e).isInstanceOf(VideoDownloadException.class).hasMessageContaining("MD5");
    assertThat(files("*.mp4")).isEmpty();

    byte[] good = java.security.MessageDigest.getInstance("MD5").digest(s.video);
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(s.video);
    long v = crc.getValue();
    String crcB64 = Base64.getEncoder().encodeToString(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16),
        (byte) (v >>> 8), (byte) v});
    s.then(Route.DOWNLOAD, r -> s.download(r).setHeader("x-goog-hash", "crc32c=" + crcB64)
        .addHeader("x-goog-hash", "md5=" + Base64.getEncoder().encodeToString(good)));
    assertThat(Files.readAllBytes(c.generate(request()).get(10, TimeUnit.SECONDS).video())).isEqualTo(s.video);
  }

  // ---- 16: an overall deadline covering the download, a size cap, no re-POST on redirects ----

  @Test
  void aTrickleDownloadCannotOutliveTheOverallTimeout() throws Exception {
    FakeVideoServer s = server(new ProviderFixture.Gemini());
    s.then(Route.DOWNLOAD, r -> s.download(r).throttleBody(512, 1, TimeUnit.SECONDS)); // 512 B/s of 300 kB
    TextToVideoClient c = TextToVideoClient.builder().provider(s.provider()).outputFolder(out)
        .pollInterval(Duration.ofMillis(10)).timeout(Duration.ofMillis(1500)).build();
    closeables.add(c);
    long t0 = System.nanoTime();

    Throwable e = failure(c.generate(request()));

    assertThat(e).isInstanceOf(GenerationTimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(8));
    GenerationRecord rec = c.store().list().get(0);
    assertThat(rec.status()).isEqualTo(GenerationStatus.FAILED);
    assertThat(rec.operationId()).isPresent(); // resumable
    assertThat(files("*.mp4")).isEmpty();
    List<Path> parts = files("*.part");
    assertThat(parts).hasSize(1); // kept for resume
    assertThat(Files.size(parts.get(0))).isLessThan(s.video.length);
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void anAnnouncedLengthAboveTheCapIsRefusedBeforeAnyByteIsWritten(ProviderFixture fx) throws Exception {
    FakeVideoServer s = server(fx);
    s.rangeSupported = false;
    s.then(Route.DOWNLOAD, r -> s.download(r).setHeader("Content-Length", "50000000000")); // "50 GB"
    TextToVideoClient c = client(s, b -> {});

    Throwable e = failure(c.generate(request()));

    assertThat(e).isInstanceOf(VideoDownloadException.class);
    assertThat(((VideoDownloadException) e).reason()).isEqualTo(VideoDownloadException.Reason.TOO_LARGE);
    assertThat(e).hasMessageContaining("50000000000");
    assertThat(files("*")).isEmpty();
    assertThat(s.requests(Route.DOWNLOAD)).hasSize(1); // not retried
  }

  @Test
  void aBodyWithoutALengthIsCutOffAtTheCapWhileStreaming() throws Exception {
    FakeVideoServer s = server(new ProviderFixture.Generic());
    s.then(Route.DOWNLOAD, new MockResponse.Builder().chunkedBody(new Buffer().write(s.video), 4096));
    TextToVideoClient c = client(s, b -> b.maxVideoBytes(100_000));

    Throwable e = failure(c.generate(request()));

    assertThat(e).isInstanceOf(VideoDownloadException.class);
    assertThat(((VideoDownloadException) e).reason()).isEqualTo(VideoDownloadException.Reason.TOO_LARGE);
    assertThat(((VideoDownloadException) e).bytesReceived()).isBetween(100_001L, 100_000L + 64 * 1024);
    assertThat(files("*")).isEmpty();
  }

  @Test
  void anInlineVideoAboveTheCapIsRefused() throws Exception {
    FakeVideoServer s = server(new ProviderFixture.Vertex());
    s.then(Route.POLL, ProviderFixture.json(200, "{\"name\":\"" + ProviderFixture.Vertex.OP + "1\",\"done\":true,"
        + "\"response\":{\"videos\":[{\"bytesBase64Encoded\":\"" + Base64.getEncoder().encodeToString(s.video)
        + "\"}]}}"));
    TextToVideoClient c = client(s, b -> b.maxVideoBytes(1000));

    Throwable e = failure(c.generate(request()));

    assertThat(e).isInstanceOf(VideoDownloadException.class);
    assertThat(((VideoDownloadException) e).reason()).isEqualTo(VideoDownloadException.Reason.TOO_LARGE);
    assertThat(files("*")).isEmpty();
  }

  @Test
  void anApiResponseAnnouncingMoreThanTheBodyLimitIsRefusedUnread() throws Exception {
    FakeVideoServer s = server(new ProviderFixture.OpenAi());
    s.then(Route.POLL, r -> new MockResponse.Builder().body("{}")
        .setHeader("Content-Length", Long.toString(ProviderResponse.MAX_BODY_BYTES + 1L)));
    TextToVideoClient c = client(s, b -> {});

    Throwable e = failure(c.generate(request()));

    assertThat(e).isExactlyInstanceOf(RemoteVideoException.class).hasMessageContaining("larger than");
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void aSubmitAnsweredWithARedirectIsNeverSentAgain(ProviderFixture fx) throws Exception {
    FakeVideoServer s = server(fx);
    for (int i = 0; i < 30; i++) { // a 307 loop
      s.then(Route.SUBMIT, r -> new MockResponse.Builder().code(307).setHeader("Location", r.getUrl().toString()));
    }
    TextToVideoClient c = client(s, b -> {});

    Throwable e = failure(c.generate(request()));

    assertThat(e).isInstanceOf(RedirectRefusedException.class);
    assertThat(((RedirectRefusedException) e).statusCode()).isEqualTo(307);
    assertThat(s.count(Route.SUBMIT)).isEqualTo(1);
    GenerationRecord rec = c.store().list().get(0);
    assertThat(rec.status()).isEqualTo(GenerationStatus.FAILED);
    assertThat(rec.errorType()).contains("RedirectRefusedException");
  }

  @Test
  void aPollRedirectLoopEndsAfterTheHopLimitWithoutRetrying() throws Exception {
    FakeVideoServer s = server(new ProviderFixture.OpenAi());
    for (int i = 0; i < 50; i++) {
      s.then(Route.POLL, r -> new MockResponse.Builder().code(302).setHeader("Location", r.getUrl().toString()));
    }
    TextToVideoClient c = client(s, b -> {});

    Throwable e = failure(c.generate(request()));

    assertThat(e).isInstanceOf(RedirectRefusedException.class).hasMessageContaining("more than 10 redirects");
    assertThat(s.count(Route.POLL)).isEqualTo(RedirectRefusedException.MAX_HOPS + 1);
  }

  // ---- 17: a clean cancel keeps the partial download; resume continues it ----

  @ParameterizedTest
  @MethodSource("fixtures")
  void cancellingDuringTheDownloadRecordsCancelledKeepsThePartAndResumeFinishesIt(ProviderFixture fx)
      throws Exception {
    FakeVideoServer s = server(fx);
    s.then(Route.DOWNLOAD, r -> s.download(r).throttleBody(16 * 1024, 50, TimeUnit.MILLISECONDS));
    InMemoryGenerationStore store = new InMemoryGenerationStore();
    TextToVideoClient c = TextToVideoClient.builder().provider(s.provider()).outputFolder(out).store(store)
        .pollInterval(Duration.ofMillis(10)).build();
    closeables.add(c);
    CompletableFuture<GenerationResult> f = c.generate(request());
    await(() -> {
      try {
        List<Path> parts = files("*.part");
        return !parts.isEmpty() && Files.size(parts.get(0)) > 0;
      } catch (Exception ex) {
        return false;
      }
    }, Duration.ofSeconds(10), "download under way");
    String id = store.list().get(0).id();

    assertThat(c.cancel(id)).isTrue();

    assertThat(f).isCancelled();
    GenerationRecord rec = store.find(id).orElseThrow();
    assertThat(rec.status()).isEqualTo(GenerationStatus.CANCELLED);
    assertThat(files("*.part")).hasSize(1);
    long kept = Files.size(files("*.part").get(0));
    assertThat(kept).isPositive().isLessThan(s.video.length);
    assertThat(s.count(Route.CANCEL)).isZero(); // the job had succeeded: cancelling it would delete the output

    GenerationResult r = c.resume(id, ProgressListener.NONE).get(10, TimeUnit.SECONDS);

    assertThat(Files.readAllBytes(r.video())).isEqualTo(s.video);
    assertThat(store.find(id).orElseThrow().status()).isEqualTo(GenerationStatus.COMPLETED);
    assertThat(s.count(Route.SUBMIT)).isEqualTo(1);
    List<RecordedRequest> downloads = s.requests(Route.DOWNLOAD);
    assertThat(downloads.get(downloads.size() - 1).getHeaders().get("Range")).matches("bytes=[1-9][0-9]*-");
  }

  @Test
  void cancellingWhilePollingSendsTheProviderCancelBeforeReturning() throws Exception {
    ProviderFixture.Generic fx = new ProviderFixture.Generic();
    FakeVideoServer s = server(fx);
    s.pollDefault = r -> fx.pending(10);
    s.then(Route.CANCEL, r -> ProviderFixture.json(200, "{}").headersDelay(300, TimeUnit.MILLISECONDS));
    InMemoryGenerationStore store = new InMemoryGenerationStore();
    TextToVideoClient c = TextToVideoClient.builder().provider(s.provider()).outputFolder(out).store(store)
        .pollInterval(Duration.ofMillis(10)).build();
    closeables.add(c);
    c.generate(request());
    await(() -> s.count(Route.POLL) >= 2, Duration.ofSeconds(5), "polling");
    String id = store.list().get(0).id();

    assertThat(c.cancel(id)).isTrue();

    assertThat(s.count(Route.CANCEL)).isEqualTo(1); // sent, and answered, before cancel() returned
    assertThat(s.requests(Route.CANCEL).get(0).getHeaders().get("Authorization")).isEqualTo("Bearer rk");
    assertThat(store.find(id).orElseThrow().status()).isEqualTo(GenerationStatus.CANCELLED);
  }
}
