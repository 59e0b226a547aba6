package io.qrvid.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each provider puts on the wire, per research/videogen.md. */
class ProviderWireFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path out;

  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-21T05:00:00Z"));
  private FakeScheduler scheduler;

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

  private TextToVideoClient client(VideoProvider p) {
    scheduler = new FakeScheduler(clock);
    closeables.add(scheduler);
    TextToVideoClient c = TextToVideoClient.builder().provider(p).outputFolder(out).clock(clock)
        .scheduler(scheduler).random(() -> 0.0).build();
    closeables.add(c);
    return c;
  }

  @Test
  void geminiSendsTheKeyHeaderAndTheVeoBody() throws Exception {
    FakeVideoServer s = server(new ProviderFixture.Gemini());
    TextToVideoClient c = client(s.provider());

    c.generate(GenerationRequest.builder("a lighthouse").duration(Duration.ofSeconds(6)).aspectRatio(AspectRatio.PORTRAIT_9_16)
        .resolution(Resolution.P1080).negativePrompt("fog").build()).get(10, TimeUnit.SECONDS);

    RecordedRequest submit = s.requests(Route.SUBMIT).get(0);
    assertThat(submit.getTarget()).isEqualTo("/v1beta/models/veo-3.1-generate-preview:predictLongRunning");
    assertThat(submit.getHeaders().get("x-goog-api-key")).isEqualTo("test-key");
    JsonNode body = JSON.readTree(submit.getBody().utf8());
    assertThat(body.at("/instances/0/prompt").asText()).isEqualTo("a lighthouse");
    assertThat(body.at("/parameters/durationSeconds").asInt()).isEqualTo(6);
    assertThat(body.at("/parameters/aspectRatio").asText()).isEqualTo("9:16");
    assertThat(body.at("/parameters/resolution").asText()).isEqualTo("1080p");
    assertThat(body.at("/parameters/negativePrompt").asText()).isEqualTo("fog");
    assertThat(body.at("/parameters/seed").isMissingNode()).isTrue();
    RecordedRequest poll = s.requests(Route.POLL).get(0);
    assertThat(poll.getMethod()).isEqualTo("GET");
    assertThat(poll.getTarget()).isEqualTo("/v1beta/models/veo-3.1-generate-preview/operations/op1");
    assertThat(s.requests(Route.DOWNLOAD).get(0).getHeaders().get("x-goog-api-key")).isEqualTo("test-key");
  }

  @Test
  void geminiDropsTheApiKeyWhenADownloadRedirectLeavesTheHost() throws Exception {
    MockWebServer cdn = new MockWebServer();
    closeables.add(cdn::close);
    FakeVideoServer s = server(new ProviderFixture.Gemini());
    cdn.enqueue(new MockResponse.Builder().body(new okio.Buffer().write(s.video)).build());
    cdn.start();
    s.then(Route.DOWNLOAD, new MockResponse.Builder().code(302).setHeader("Location", cdn.url("/blob/vid.mp4")));
    TextToVideoClient c = client(s.provider());

    GenerationResult r = c.generate(GenerationRequest.builder("a lighthouse").build()).get(10, TimeUnit.SECONDS);

    assertThat(Files.readAllBytes(r.video())).isEqualTo(s.video);
    assertThat(s.requests(Route.DOWNLOAD).get(0).getHeaders().get("x-goog-api-key")).isEqualTo("test-key");
    RecordedRequest atCdn = cdn.takeRequest(1, TimeUnit.SECONDS);
    assertThat(atCdn.getTarget()).isEqualTo("/blob/vid.mp4");
    assertThat(atCdn.getHeaders().get("x-goog-api-key")).isNull();
  }

  @Test
  void vertexPollsWithFetchPredictOperationAndDecodesInlineVideo() throws Exception {
    ProviderFixture.Vertex fx = new ProviderFixture.Vertex();
    FakeVideoServer s = server(fx);
    byte[] small = "not really an mp4".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    s.then(Route.POLL, ProviderFixture.json(200, "{\"name\":\"" + ProviderFixture.Vertex.OP + "1\",\"done\":true,"
        + "\"response\":{\"videos\":[{\"bytesBase64Encoded\":\"" + Base64.getEncoder().encodeToString(small)
        + "\",\"mimeType\":\"video/mp4\"}]}}"));
    TextToVideoClient c = client(s.provider());

    GenerationResult r = c.generate(GenerationRequest.builder("a lighthouse").seed(42L).audio(true).build())
        .get(10, TimeUnit.SECONDS);

    assertThat(Files.readAllBytes(r.video())).isEqualTo(small);
    RecordedRequest submit = s.requests(Route.SUBMIT).get(0);
    assertThat(submit.getTarget()).isEqualTo("/v1/projects/p/locations/us-central1/publishers/google/models/"
        + "veo-3.0-generate-001:predictLongRunning");
    assertThat(submit.getHeaders().get("Authorization")).isEqualTo("Bearer test-token");
    JsonNode body = JSON.readTree(submit.getBody().utf8());
    assertThat(body.at("/parameters/seed").asLong()).isEqualTo(42);
    assertThat(body.at("/parameters/generateAudio").asBoolean()).isTrue();
    RecordedRequest poll = s.requests(Route.POLL).get(0);
    assertThat(poll.getMethod()).isEqualTo("POST");
    assertThat(poll.getTarget()).isEqualTo("/v1/projects/p/locations/us-central1/publishers/google/models/"
        + "veo-3.0-generate-001:fetchPredictOperation");
    assertThat(JSON.readTree(poll.getBody().utf8()).path("operationName").asText())
        .isEqualTo(ProviderFixture.Vertex.OP + "1");
    assertThat(s.count(Route.DOWNLOAD)).isZero();
  }

  @Test
  void vertexDownloadsGcsUrisFromTheStorageEndpointWithTheToken() throws Exception {
    FakeVideoServer s = server(new ProviderFixture.Vertex());
    TextToVideoClient c = client(s.provider());

    c.generate(GenerationRequest.builder("a lighthouse").build()).get(10, TimeUnit.SECONDS);

    RecordedRequest dl = s.requests(Route.DOWNLOAD).get(0);
    assertThat(dl.getTarget()).isEqualTo("/storage/bucket/vid.mp4");
    assertThat(dl.getHeaders().get("Authorization")).isEqualTo("Bearer test-token");
  }

  @Test
  void openAiSendsMultipartWithSecondsAsAStringAndHonoursPollAfter() throws Exception {
    ProviderFixture.OpenAi fx = new ProviderFixture.OpenAi();
    FakeVideoServer s = server(fx).then(Route.POLL, fx.pending(42).setHeader("openai-poll-after-ms", "750"));
    TextToVideoClient c = client(s.provider());
    List<ProgressEvent> events = Collections.synchronizedList(new ArrayList<>());

    c.generate(GenerationRequest.builder("a lighthouse").duration(Duration.ofSeconds(12)).build(), events::add)
        .get(10, TimeUnit.SECONDS);

    RecordedRequest submit = s.requests(Route.SUBMIT).get(0);
    assertThat(submit.getHeaders().get("Authorization")).isEqualTo("Bearer sk-test");
    assertThat(submit.getHeaders().get("Content-Type")).startsWith("multipart/form-data");
    String form = submit.getBody().utf8();
    assertThat(form).containsPattern("name=\"seconds\"\r\n(Content-Length: 2\r\n)?\r\n12\r\n");
    assertThat(form).containsPattern("name=\"size\"\r\n(Content-Length: 8\r\n)?\r\n1280x720\r\n");
    assertThat(form).containsPattern("name=\"model\"\r\n(Content-Length: 6\r\n)?\r\nsora-2\r\n");
    assertThat(s.requests(Route.DOWNLOAD).get(0).getTarget()).isEqualTo("/v1/videos/video_1/content");
    assertThat(scheduler.delays()).containsSubsequence(Duration.ofSeconds(2), Duration.ofMillis(750));
    // a snapshot (toArray holds the list's lock): the progress thread may still be appending
    TestSupport.await(() -> List.copyOf(events).stream().anyMatch(e -> e.fraction() == 1.0), Duration.ofSeconds(5),
        "1.0");
    assertThat(List.copyOf(events))
        .anyMatch(e -> e.phase() == GenerationPhase.POLLING && Math.abs(e.fraction() - 0.452) < 1e-9);
  }

  @Test
  void genericProviderSendsConfiguredHeadersAndMapsFractionalProgress() throws Exception {
    ProviderFixture.Generic fx = new ProviderFixture.Generic();
    FakeVideoServer s = server(fx).then(Route.POLL, fx.pending(50));
    TextToVideoClient c = client(s.provider());
    List<ProgressEvent> events = Collections.synchronizedList(new ArrayList<>());

    c.generate(GenerationRequest.builder("a lighthouse").seed(7L).build(), events::add).get(10, TimeUnit.SECONDS);

    RecordedRequest submit = s.requests(Route.SUBMIT).get(0);
    assertThat(submit.getHeaders().get("X-Runway-Version")).isEqualTo("2024-11-06");
    assertThat(submit.getHeaders().get("Authorization")).isEqualTo("Bearer rk");
    JsonNode body = JSON.readTree(submit.getBody().utf8());
    assertThat(body.path("model").asText()).isEqualTo("gen4.5");
    assertThat(body.path("seed").asLong()).isEqualTo(7);
    assertThat(s.requests(Route.POLL).get(0).getTarget()).isEqualTo("/v1/tasks/task-1");
    // the asset lives on the API host here, so it gets the credentials; other hosts get none
    assertThat(s.requests(Route.DOWNLOAD).get(0).getHeaders().get("Authorization")).isEqualTo("Bearer rk");
    // a snapshot (toArray holds the list's lock): the progress thread may still be appending
    TestSupport.await(() -> List.copyOf(events).stream().anyMatch(e -> e.fraction() == 1.0), Duration.ofSeconds(5),
        "1.0");
    assertThat(List.copyOf(events))
        .anyMatch(e -> e.phase() == GenerationPhase.POLLING && Math.abs(e.fraction() - 0.5) < 1e-9);
  }

  @Test
  void veoCapabilitiesRejectOrSnapPerPolicy() throws Exception {
    GenerationRequest wide = GenerationRequest.builder("a lighthouse").duration(Duration.ofSeconds(10))
        .aspectRatio(AspectRatio.SQUARE_1_1).resolution(Resolution.P480).seed(3L).build();
    VideoProvider gemini = GeminiVeoProvider.builder().apiKey("k").build();

    try (TextToVideoClient reject = TextToVideoClient.builder().provider(gemini).build()) {
      assertThatThrownBy(() -> reject.generate(wide)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("duration 10").hasMessageContaining("1:1").hasMessageContaining("seed");
      assertThat(reject.store().list()).isEmpty(); // nothing recorded, nothing sent
    }
    try (TextToVideoClient snap = TextToVideoClient.builder().provider(gemini)
        .capabilityPolicy(CapabilityPolicy.SNAP).build()) {
      GenerationRequest sent = snap.prepare(wide);
      assertThat(sent.duration()).isEqualTo(Duration.ofSeconds(8));
      assertThat(sent.aspectRatio()).isEqualTo(AspectRatio.LANDSCAPE_16_9);
      assertThat(sent.resolution()).isEqualTo(Resolution.P720);
      assertThat(sent.seed()).isEmpty();
      assertThat(snap.prepare(wide.newBuilder().duration(Duration.ofSeconds(5)).aspectRatio(AspectRatio.CLASSIC_4_3).build())
          .duration()).isEqualTo(Duration.ofSeconds(6)); // tie between 4 and 6 goes to the longer
    }
    VideoProvider sora = OpenAiVideosProvider.builder().apiKey("k").build();
    assertThat(sora.capabilities("sora-2").apply(GenerationRequest.builder("x").duration(Duration.ofSeconds(10)).build(),
        CapabilityPolicy.SNAP).duration()).isEqualTo(Duration.ofSeconds(12));
    assertThatThrownBy(() -> sora.capabilities("sora-2").apply(GenerationRequest.builder("x").duration(Duration.ofSeconds(5))
        .build(), CapabilityPolicy.REJECT)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 s");
  }
}
