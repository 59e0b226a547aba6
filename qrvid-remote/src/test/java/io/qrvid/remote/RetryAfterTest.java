package io.qrvid.remote;

import static io.qrvid.remote.TestSupport.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server-requested delays: every form is waited exactly (fake clock), too-long ones fail fast. */
class RetryAfterTest {
  @TempDir Path out;

  private final ProviderFixture.Gemini fx = new ProviderFixture.Gemini();
  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-21T05:00:00Z"));
  private FakeVideoServer s;
  private FakeScheduler scheduler;
  private TextToVideoClient client;

  @BeforeEach
  void setUp() throws Exception {
    s = new FakeVideoServer(fx);
    scheduler = new FakeScheduler(clock);
    client = TextToVideoClient.builder().provider(s.provider()).outputFolder(out).clock(clock).scheduler(scheduler)
        .pollInterval(Duration.ofMillis(1111)).random(() -> 0.0)
        .retry(RetryOptions.builder().maxAttempts(3).build()).build();
  }

  @AfterEach
  void tearDown() throws Exception {
    client.close();
    scheduler.close();
    s.close();
  }

  private GenerationResult run() throws Exception {
    return client.generate(GenerationRequest.builder("a lighthouse").build()).get(10, TimeUnit.SECONDS);
  }

  @Test
  void honoursRetryAfterMs() throws Exception {
    s.then(Route.POLL, fx.rate429().setHeader("Retry-After-Ms", "250").setHeader("Retry-After", "9"));

    run();

    assertThat(scheduler.delays()).containsExactly(Duration.ofMillis(1111), Duration.ofMillis(250));
  }

  @Test
  void honoursRetryAfterAsAnHttpDate() throws Exception {
    s.then(Route.POLL, r -> fx.rate429().setHeader("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME
        .format(clock.instant().plusSeconds(30).atOffset(ZoneOffset.UTC))));

    run();

    // the date has whole seconds; the fake clock stood at 05:00:01.111 when the 429 arrived
    assertThat(scheduler.delays()).hasSize(2);
    assertThat(scheduler.delays().get(1)).isEqualTo(Duration.ofMillis(29_889));
  }

  @Test
  void honoursGoogleRetryInfoDelay() throws Exception {
    s.then(Route.POLL, ProviderFixture.json(429, "{\"error\":{\"code\":429,\"message\":\"Resource has been "
        + "exhausted (e.g. check quota).\",\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":"
        + "\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"12s\"}]}}"));

    run();

    assertThat(scheduler.delays()).containsExactly(Duration.ofMillis(1111), Duration.ofSeconds(12));
  }

  @Test
  void failsAtOnceWhenTheServerAsksToWaitTooLong() throws Exception {
    s.then(Route.POLL, fx.rate429().setHeader("Retry-After", "3600"));

    Throwable e = failure(client.generate(GenerationRequest.builder("a lighthouse").build()));

    assertThat(e).isInstanceOf(QuotaExceededException.class);
    assertThat(((QuotaExceededException) e).retryAfter()).contains(Duration.ofHours(1));
    assertThat(s.count(Route.POLL)).isEqualTo(1);
  }

  @Test
  void givesUpOnPersistentRateLimitingAfterMaxAttempts() throws Exception {
    s.pollDefault = r -> fx.rate429();

    Throwable e = failure(client.generate(GenerationRequest.builder("a lighthouse").build()));

    assertThat(e).isInstanceOf(RetriesExhaustedException.class);
    assertThat(((RetriesExhaustedException) e).attempts()).isEqualTo(3);
    assertThat(((RetriesExhaustedException) e).statusCode()).isEqualTo(429);
    assertThat(s.count(Route.POLL)).isEqualTo(3);
    // no server delay: exponential backoff 1 s, 2 s
    assertThat(scheduler.delays()).containsExactly(Duration.ofMillis(1111), Duration.ofSeconds(1),
        Duration.ofSeconds(2));
  }

  @Test
  void retriesASubmitThatCouldNotConnect() throws Exception {
    mockwebserver3.MockWebServer gone = new mockwebserver3.MockWebServer();
    gone.start();
    String deadUrl = gone.url("/v1beta/").toString();
    gone.close(); // nothing listens there any more: the POST cannot reach a server
    try (TextToVideoClient c = TextToVideoClient.builder()
        .provider(GeminiVeoProvider.builder().baseUrl(deadUrl).apiKey("k").build()).outputFolder(out)
        .clock(clock).scheduler(scheduler).random(() -> 0.0).retry(RetryOptions.builder().maxAttempts(3).build())
        .build()) {
      Throwable e = failure(c.generate(GenerationRequest.builder("a lighthouse").build()));

      assertThat(e).isInstanceOf(RetriesExhaustedException.class).hasCauseInstanceOf(java.net.ConnectException.class);
      assertThat(((RetriesExhaustedException) e).attempts()).isEqualTo(3);
      assertThat(scheduler.delays()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }
  }
}
