package io.qrvid.remote;

import static io.qrvid.remote.TestSupport.await;
import static io.qrvid.remote.TestSupport.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** checkStatus, cancel by id, resume edge cases, and where listeners run. */
class ClientOperationsTest {
  @TempDir Path out;

  private final List<AutoCloseable> closeables = new ArrayList<>();

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

  private TextToVideoClient client(FakeVideoServer s, GenerationStore store) {
    TextToVideoClient c = TextToVideoClient.builder().provider(s.provider()).outputFolder(out).store(store)
        .pollInterval(Duration.ofMillis(10)).build();
    closeables.add(c);
    return c;
  }

  private static GenerationRecord.Builder record(String id) {
    return GenerationRecord.builder().id(id).prompt("a stored prompt").model("m").provider("p")
        .createdAt(Instant.parse("2026-11-21T04:00:00Z"));
  }

  @Test
  void theBuildersProgressListenerServesGenerationsStartedWithoutOne() throws Exception {
    FakeVideoServer s = server(new ProviderFixture.Gemini());
    List<ProgressEvent> events = Collections.synchronizedList(new ArrayList<>());
    TextToVideoClient c = TextToVideoClient.builder().provider(s.provider()).outputFolder(out)
        .pollInterval(Duration.ofMillis(10)).progressListener(events::add).build();
    closeables.add(c);

    GenerationFuture f = c.generate(GenerationRequest.builder("a default listener").build());
    GenerationResult r = f.get(10, TimeUnit.SECONDS);

    assertThat(r.generationId()).isEqualTo(f.generationId());
    await(() -> events.stream().anyMatch(e -> e.fraction() == 1.0), Duration.ofSeconds(5), "fraction 1.0");
    assertThat(events).allMatch(e -> e.generationId().equals(f.generationId()));
    assertThat(c.resume(f.generationId()).get(1, TimeUnit.SECONDS).video()).isEqualTo(r.video());
  }

  @Test
  void checkStatusReadsTheProviderStateOnce() throws Exception {
    ProviderFixture.OpenAi fx = new ProviderFixture.OpenAi();
    FakeVideoServer s = server(fx).then(Route.POLL, fx.pending(42));
    TextToVideoClient c = client(s, new InMemoryGenerationStore());

    JobStatus st = c.checkStatus("video_1");

    assertThat(st.state()).isEqualTo(JobState.RUNNING);
    assertThat(st.fraction()).hasValue(0.42);
    assertThat(s.requests(Route.POLL).get(0).getTarget()).isEqualTo("/v1/videos/video_1");
  }

  @Test
  void cancelByOperationIdCancelsTheProviderJobAndMarksTheRecord() throws Exception {
    FakeVideoServer s = server(new ProviderFixture.Generic());
    InMemoryGenerationStore store = new InMemoryGenerationStore();
    store.save(record("g9").status(GenerationStatus.PROCESSING).operationId("task-9").build());
    TextToVideoClient c = client(s, store);

    assertThat(c.cancel("task-9")).isTrue();

    assertThat(s.requests(Route.CANCEL).get(0).getTarget()).isEqualTo("/v1/tasks/task-9");
    assertThat(store.find("g9").orElseThrow().status()).isEqualTo(GenerationStatus.CANCELLED);
  }

  @Test
  void resumeRefusesARecordWhoseSubmitWasNeverAcknowledged() throws Exception {
    FakeVideoServer s = server(new ProviderFixture.Gemini());
    InMemoryGenerationStore store = new InMemoryGenerationStore();
    store.save(record("g1").build());
    TextToVideoClient c = client(s, store);

    Throwable e = failure(c.resume("g1", ProgressListener.NONE));

    assertThat(e).isInstanceOf(RemoteVideoException.class).hasMessageContaining("not resubmitting");
    assertThat(s.server.getRequestCount()).isZero();
  }

  @Test
  void resumeOfACompletedRecordReturnsItsVideoWithoutAnyRequest() throws Exception {
    FakeVideoServer s = server(new ProviderFixture.Gemini());
    Path video = Files.write(out.resolve("done.mp4"), new byte[] {1, 2, 3});
    InMemoryGenerationStore store = new InMemoryGenerationStore();
    store.save(record("g2").status(GenerationStatus.COMPLETED).operationId("op").videoPath(video).build());
    TextToVideoClient c = client(s, store);

    GenerationResult r = c.resume("g2", ProgressListener.NONE).get(1, TimeUnit.SECONDS);

    assertThat(r.video()).isEqualTo(video);
    assertThat(r.sizeBytes()).isEqualTo(3);
    assertThat(s.server.getRequestCount()).isZero();
  }

  @Test
  void resumeAfterACrashMidDownloadContinuesThePartFileWithRange() throws Exception {
    FakeVideoServer s = server(new ProviderFixture.Gemini());
    Path target = out.resolve("20261121_040000_a_stored_prompt.mp4");
    Files.write(out.resolve("20261121_040000_a_stored_prompt.part"), Arrays.copyOf(s.video, 1000));
    InMemoryGenerationStore store = new InMemoryGenerationStore();
    store.save(record("g3").status(GenerationStatus.PROCESSING).operationId(ProviderFixture.Gemini.OP + "1")
        .videoPath(target).attempts(6).build());
    TextToVideoClient c = client(s, store);

    GenerationResult r = c.resume("g3", ProgressListener.NONE).get(10, TimeUnit.SECONDS);

    assertThat(r.video()).isEqualTo(target);
    assertThat(Files.readAllBytes(target)).isEqualTo(s.video);
    assertThat(s.requests(Route.DOWNLOAD).get(0).getHeaders().get("Range")).isEqualTo("bytes=1000-");
    assertThat(s.count(Route.SUBMIT)).isZero();
    assertThat(store.find("g3").orElseThrow().attempts()).isEqualTo(6 + 2); // one poll, one download
  }

  @Test
  void listenersRunOnTheProgressThreadAndASlowOrFailingListenerNeverDelaysTheGeneration() throws Exception {
    FakeVideoServer s = server(new ProviderFixture.Gemini());
    TextToVideoClient c = client(s, new InMemoryGenerationStore());
    List<String> threads = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger delivered = new AtomicInteger();

    long t0 = System.nanoTime();
    GenerationResult r = c.generate(GenerationRequest.builder("slow listener").build(), e -> {
      threads.add(Thread.currentThread().getName());
      delivered.incrementAndGet();
      try {
        Thread.sleep(300);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("listener bug");
    }).get(10, TimeUnit.SECONDS);
    long doneMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

    assertThat(r.video()).exists();
    assertThat(delivered.get()).isLessThan(5); // the generation finished while events were still queued
    await(() -> threads.size() >= 6, Duration.ofSeconds(5), "all events");
    assertThat(threads).allMatch(n -> n.startsWith("qrvid-remote-progress-"));
    assertThat(doneMs).isLessThan(300L * threads.size());
  }

  @Test
  void cancellingDuringAStalledSubmitRecordsCancelledWithoutAnOperationId() throws Exception {
    FakeVideoServer s = server(new ProviderFixture.Gemini());
    s.then(Route.SUBMIT, new mockwebserver3.MockResponse.Builder()
        .onResponseStart(mockwebserver3.SocketEffect.Stall.INSTANCE));
    TextToVideoClient c = client(s, new InMemoryGenerationStore());
    java.util.concurrent.CompletableFuture<GenerationResult> f = c.generate(GenerationRequest.builder("x").build());
    await(() -> s.count(Route.SUBMIT) == 1, Duration.ofSeconds(5), "submit sent");

    f.cancel(true);

    GenerationRecord r = c.store().list().get(0);
    assertThat(r.status()).isEqualTo(GenerationStatus.CANCELLED);
    assertThat(r.operationId()).isEmpty();
    await(() -> c.activeGenerations() == 0, Duration.ofSeconds(2), "run removed");
    assertThat(s.count(Route.SUBMIT)).isEqualTo(1); // never resent
  }

  @Test
  void aQueueRunsAtMostItsLimitAndDropsCancelledWaitingItems() throws Exception {
    FakeVideoServer s = server(new ProviderFixture.Gemini());
    s.pollDefault = r -> new ProviderFixture.Gemini().pending(0);
    TextToVideoClient c = client(s, new InMemoryGenerationStore());
    GenerationQueue q = c.queue(2);
    List<java.util.concurrent.CompletableFuture<GenerationResult>> fs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      fs.add(q.submit(GenerationRequest.builder("clip " + i).build(), ProgressListener.NONE));
    }
    await(() -> s.count(Route.POLL) >= 4, Duration.ofSeconds(5), "polling");

    assertThat(q.running()).isEqualTo(2);
    assertThat(q.waiting()).isEqualTo(3);
    assertThat(c.store().list()).hasSize(2); // waiting items have sent nothing and have no record
    fs.get(4).cancel(true);
    s.pollDefault = r -> new ProviderFixture.Gemini().done(s.url());
    for (int i = 0; i < 4; i++) {
      assertThat(fs.get(i).get(10, TimeUnit.SECONDS).video()).exists();
    }
    assertThat(c.store().list()).hasSize(4);
    assertThat(s.count(Route.SUBMIT)).isEqualTo(4);
  }
}
