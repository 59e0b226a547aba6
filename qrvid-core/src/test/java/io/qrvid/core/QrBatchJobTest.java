package io.qrvid.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrvid.core.QrBatchJob.Item;
import io.qrvid.core.QrBatchJob.ItemStatus;
import io.qrvid.core.QrBatchJob.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QrBatchJobTest {
  @TempDir Path dir;

  private static List<Item> items(int n) {
    List<Item> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Item("item-" + i, "https://example.org/" + i));
    }
    return out;
  }

  @Test
  void failedItemsAreReportedWithoutFailingOthersAndSucceedWhenRegenerated() throws Exception {
    Set<String> failOnce = ConcurrentHashMap.newKeySet();
    failOnce.addAll(Set.of("item-2", "item-5"));
    Map<String, Integer> delivered = new ConcurrentHashMap<>();
    QrImageSink flaky = (id, image) -> {
      if (failOnce.remove(id)) {
        throw new IOException("disk full for " + id);
      }
      delivered.merge(id, 1, Integer::sum);
    };
    List<Item> items = new ArrayList<>(items(8));
    items.set(6, new Item("too-long", "x".repeat(5000)));
    try (QrBatchJob job = QrBatchJob.builder().sink(flaky).workers(2).build()) {
      QrBatchJob.Handle h = job.submit(items);
      assertThat(h.await(Duration.ofSeconds(30))).isTrue();
      assertThat(h.counts()).isEqualTo(new QrBatchJob.Counts(0, 5, 3, 0));
      assertThat(h.progress()).isEqualTo(1.0);
      assertThat(h.status("item-2").failure()).hasValue("IOException: disk full for item-2");
      assertThat(h.status("too-long").failure().orElseThrow()).contains("cannot encode 5000 bytes");
      ItemStatus ok = h.status("item-0");
      assertThat(ok.state()).isEqualTo(State.GENERATED);
      assertThat(ok.generatedAt()).isPresent();
      assertThat(ok.failure()).isEmpty();

      assertThat(h.regenerateFailed()).isEqualTo(3);
      assertThat(h.await(Duration.ofSeconds(30))).isTrue();
      assertThat(h.statuses(State.FAILED)).extracting(ItemStatus::id).containsExactly("too-long");
      assertThat(h.status("item-5").state()).isEqualTo(State.GENERATED);
      assertThat(h.status("item-5").attempts()).isEqualTo(2);

      h.regenerate(new Item("too-long", "short now"));
      assertThat(h.await(Duration.ofSeconds(30))).isTrue();
      assertThat(h.counts().generated()).isEqualTo(8);
      assertThat(delivered).hasSize(8).containsValues(1);

      h.regenerate(List.of("item-0"));
      assertThat(h.await(Duration.ofSeconds(30))).isTrue();
      assertThat(delivered.get("item-0")).isEqualTo(2);
      assertThat(h.status("item-0").attempts()).isEqualTo(2);
    }
  }

  @Test
  void submitReturnsAtOnceAndCancelStopsPendingItems() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    QrImageSink blocking = (id, image) -> {
      started.countDown();
      release.await(30, TimeUnit.SECONDS);
    };
    try (QrBatchJob job = QrBatchJob.builder().sink(blocking).workers(1).build()) {
      QrBatchJob.Handle h = job.submit(items(5));
      assertThat(h.isDone()).isFalse();
      assertThat(h.status("item-4").state()).isEqualTo(State.PENDING);
      assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(h.await(Duration.ofMillis(20))).isFalse();
      h.cancel();
      release.countDown();
      assertThat(h.await(Duration.ofSeconds(30))).isTrue();
      // the running item completes; the four queued items were cancelled
      assertThat(h.counts().cancelled()).isEqualTo(4);
      assertThat(h.counts().generated()).isEqualTo(1);
      assertThat(h.status("item-0").state()).isEqualTo(State.GENERATED);
    }
  }

  @Test
  void writesPngAndSvgFilesNamedByItemId() throws Exception {
    for (ImageFormat format : ImageFormat.values()) {
      Path folder = dir.resolve(format.extension());
      try (QrBatchJob job = QrBatchJob.builder().sink(QrImageSink.folder(folder, format)).build()) {
        QrBatchJob.Handle h = job.submit(items(3));
        assertThat(h.await(Duration.ofSeconds(30))).isTrue();
        assertThat(h.counts().generated()).isEqualTo(3);
      }
      try (var files = Files.list(folder)) {
        assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
            "item-0." + format.extension(), "item-1." + format.extension(), "item-2." + format.extension());
      }
    }
    assertThat(Files.readString(dir.resolve("svg").resolve("item-1.svg"))).contains("<svg");
  }

  @Test
  void deliversDataUrisToACallersSink() throws Exception {
    Map<String, String> uris = new ConcurrentHashMap<>();
    try (QrBatchJob job = QrBatchJob.builder().sink(QrImageSink.dataUris(ImageFormat.PNG, uris::put)).build()) {
      job.submit(items(2)).await(Duration.ofSeconds(30));
    }
    assertThat(uris).containsOnlyKeys("item-0", "item-1");
    assertThat(uris.get("item-0")).startsWith("data:image/png;base64,iVBOR");
  }

  @Test
  void enforcesTheItemLimitAndUniqueSafeIds() {
    try (QrBatchJob job = QrBatchJob.builder().maxItems(3).sink((id, image) -> { }).build()) {
      assertThatThrownBy(() -> job.submit(items(4))).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("at most 3");
      assertThatThrownBy(() -> job.submit(List.of())).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> job.submit(List.of(new Item("a", "1"), new Item("a", "2"))))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate");
    }
    assertThat(QrBatchJob.builder().sink((id, image) -> { }).build().maxItems()).isEqualTo(500);
    assertThatThrownBy(() -> new Item("../etc", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Item(".hidden", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> QrBatchJob.builder().build()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aClosedJobRejectsNewWork() {
    QrBatchJob job = QrBatchJob.builder().sink((id, image) -> { }).build();
    job.close();
    job.close();
    assertThatThrownBy(() -> job.submit(items(1))).isInstanceOf(IllegalStateException.class);
  }
}
