package io.qrvid.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrvid.core.FrameBatch.Outcome;
import io.qrvid.core.FrameBatch.Status;
import io.qrvid.core.FrameBatch.Summary;
import io.qrvid.core.FrameRanges.Range;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class FrameBatchTest {
  /** Marks every frame it sees in {@code seen} and returns the frame count of its range. */
  private static FrameBatch.Task<Long> marking(AtomicIntegerArray seen) {
    return (range, context) -> {
      for (long f = range.first(); f <= range.last(); f++) {
        seen.incrementAndGet((int) f);
        context.framesDone(f - range.first() + 1);
      }
      return range.size();
    };
  }

  @Test
  void splitsEvenlyAndRunsEveryFrameOnce() {
    AtomicIntegerArray seen = new AtomicIntegerArray(10_000);
    FrameBatch<Long> batch = FrameBatch.builder(0, 9_999, marking(seen)).workers(4).build();
    assertThat(batch.ranges()).containsExactly(new Range(0, 2499), new Range(2500, 4999), new Range(5000, 7499),
        new Range(7500, 9999));
    Summary<Long> s = batch.run();
    assertThat(s.succeeded()).isTrue();
    assertThat(s.cancelled()).isFalse();
    assertThat(s.frames()).isEqualTo(10_000);
    assertThat(s.framesSucceeded()).isEqualTo(10_000);
    assertThat(s.results()).containsExactly(2500L, 2500L, 2500L, 2500L);
    assertThat(s.ranges()).isEqualTo(batch.ranges());
    assertThat(s.failures()).isEmpty();
    assertThat(s.elapsed()).isPositive();
    assertThat(s.framesPerSecond()).isEqualTo(10_000 * 1e9 / s.elapsed().toNanos());
    for (int f = 0; f < 10_000; f++) {
      assertThat(seen.get(f)).as("frame %d", f).isEqualTo(1);
    }
  }

  @Test
  void unevenSplitsDifferByAtMostOneFrameAndStartAtTheFirstFrame() {
    FrameBatch<Long> batch = FrameBatch.builder(100, 109, (r, c) -> r.size()).workers(3).build();
    assertThat(batch.ranges()).containsExactly(new Range(100, 103), new Range(104, 106), new Range(107, 109));
    assertThat(batch.run().results()).containsExactly(4L, 3L, 3L);
  }

  @Test
  void moreWorkersThanFramesGivesFewerRangesNeverEmptyOnes() {
    List<Range> seen = new CopyOnWriteArrayList<>();
    FrameBatch<Void> batch = FrameBatch.<Void>builder(5, 7, (r, c) -> {
      seen.add(r);
      return null;
    }).workers(8).build();
    assertThat(batch.ranges()).containsExactly(new Range(5, 5), new Range(6, 6), new Range(7, 7));
    Summary<Void> s = batch.run();
    assertThat(s.succeeded()).isTrue();
    assertThat(s.results()).isEmpty(); // the task returned no results
    assertThat(seen).containsExactlyInAnyOrder(new Range(5, 5), new Range(6, 6), new Range(7, 7));
  }

  @Test
  void moreRangesThanWorkersRunAtMostWorkersAtOnce() throws Exception {
    AtomicInteger now = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    ExecutorService big = Executors.newFixedThreadPool(8);
    try {
      FrameBatch<Void> batch = FrameBatch.<Void>builder(0, 99, (r, c) -> {
        most.accumulateAndGet(now.incrementAndGet(), Math::max);
        Thread.sleep(5);
        now.decrementAndGet();
        return null;
      }).workers(2).ranges(20).executor(big).build();
      assertThat(batch.ranges()).hasSize(20).allMatch(r -> r.size() == 5);
      assertThat(batch.run().succeeded()).isTrue();
      assertThat(most.get()).isBetween(1, 2);
      assertThat(big.isShutdown()).as("the caller's executor is left running").isFalse();
    } finally {
      big.shutdownNow();
    }
  }

  @Test
  void rejectsEmptyOrReversedRangesAndBadCounts() {
    FrameBatch.Task<Void> t = (r, c) -> null;
    assertThatThrownBy(() -> FrameBatch.builder(5, 4, t)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("empty or reversed frame range 5..4");
    assertThatThrownBy(() -> FrameBatch.builder(-1, 4, t)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("start at 0");
    assertThatThrownBy(() -> FrameBatch.builder(0, 4, t).workers(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("workers < 1: 0");
    assertThatThrownBy(() -> FrameBatch.builder(0, 4, t).ranges(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ranges < 1: 0");
    assertThatThrownBy(() -> FrameBatch.builder(0, 4, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> FrameBatch.builder(0, 4, t).executor(null)).isInstanceOf(NullPointerException.class);
    assertThat(FrameBatch.builder(3, 3, t).build().ranges()).containsExactly(new Range(3, 3));
  }

  @Test
  void aFailedRangeNeverStopsTheOthersAndIsListedWithItsCause() {
    AtomicIntegerArray seen = new AtomicIntegerArray(1000);
    FrameBatch.Task<Long> mark = marking(seen);
    Summary<Long> s = FrameBatch.<Long>builder(0, 999, (r, c) -> {
      if (r.contains(420)) {
        throw new IOException("frame 420 is unreadable");
      }
      return mark.run(r, c);
    }).workers(2).ranges(10).build().run();
    assertThat(s.succeeded()).isFalse();
    assertThat(s.cancelled()).isFalse();
    assertThat(s.failedRanges()).containsExactly(new Range(400, 499));
    Outcome<Long> failure = s.failures().get(0);
    assertThat(failure.status()).isEqualTo(Status.FAILED);
    assertThat(failure.cause()).get().isInstanceOf(IOException.class);
    assertThat(failure.cause().get()).hasMessage("frame 420 is unreadable");
    assertThat(failure.result()).isEmpty();
    assertThat(failure.toString()).contains("[400..499]", "FAILED", "IOException: frame 420 is unreadable");
    assertThat(s.framesSucceeded()).isEqualTo(900);
    assertThat(s.results()).hasSize(9);
    for (int f = 0; f < 1000; f++) {
      assertThat(seen.get(f)).as("frame %d", f).isEqualTo(f >= 400 && f <= 499 ? 0 : 1);
    }
  }

  @Test
  void errorsFailTheirRangeOnlyToo() {
    Summary<Void> s = FrameBatch.<Void>builder(0, 3, (r, c) -> {
      if (r.first() == 1) {
        throw new AssertionError("boom");
      }
      return null;
    }).workers(2).ranges(4).build().run();
    assertThat(s.failedRanges()).containsExactly(new Range(1, 1));
    assertThat(s.framesSucceeded()).isEqualTo(3);
  }

  @Test
  void retryRunsOnlyTheFailedRangesAndMergesTheSummary() {
    Map<Range, AtomicInteger> runs = new ConcurrentHashMap<>();
    FrameBatch<String> batch = FrameBatch.<String>builder(0, 99, (r, c) -> {
      runs.computeIfAbsent(r, k -> new AtomicInteger()).incrementAndGet();
      if (c.attempt() == 1 && (r.first() == 20 || r.first() == 70)) {
        throw new IllegalStateException("transient failure in " + r);
      }
      return r + "#" + c.attempt();
    }).workers(3).ranges(10).build();
    Summary<String> first = batch.run();
    assertThat(first.failedRanges()).containsExactly(new Range(20, 29), new Range(70, 79));

    Summary<String> second = batch.retry(first);
    assertThat(second.succeeded()).isTrue();
    assertThat(second.outcomes()).hasSize(10);
    assertThat(second.results()).hasSize(10).contains("[20..29]#2", "[70..79]#2", "[0..9]#1");
    assertThat(second.outcomes()).filteredOn(o -> o.attempt() == 2).extracting(Outcome::range)
        .containsExactly(new Range(20, 29), new Range(70, 79));
    assertThat(second.elapsed()).isGreaterThan(first.elapsed());
    for (Range r : batch.ranges()) {
      int expected = r.first() == 20 || r.first() == 70 ? 2 : 1;
      assertThat(runs.get(r).get()).as("runs of %s", r).isEqualTo(expected);
    }
    // Nothing left to retry: a retry of a complete summary runs nothing and keeps everything.
    Summary<String> third = batch.retry(second);
    assertThat(third.outcomes()).isEqualTo(second.outcomes());
    assertThat(runs.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(12);
  }

  @Test
  void retryRefusesASummaryOfAnotherRange() {
    Summary<Void> other = FrameBatch.<Void>builder(0, 9, (r, c) -> null).build().run();
    FrameBatch<Void> batch = FrameBatch.<Void>builder(0, 19, (r, c) -> null).build();
    assertThatThrownBy(() -> batch.retry(other)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[0..9]");
  }

  @Test
  void cancelInterruptsRunningRangesAndStartsNoNewOne() throws Exception {
    CountDownLatch bothRunning = new CountDownLatch(2);
    List<Range> started = new CopyOnWriteArrayList<>();
    FrameBatch<Void> batch = FrameBatch.<Void>builder(0, 999, (r, c) -> {
      started.add(r);
      bothRunning.countDown();
      Thread.sleep(60_000); // until interrupted
      return null;
    }).workers(2).ranges(10).build();
    FrameBatch.Execution<Void> run = batch.start();
    assertThat(bothRunning.await(10, TimeUnit.SECONDS)).isTrue();
    long t0 = System.nanoTime();
    run.cancel();
    Summary<Void> s = run.await(Duration.ofSeconds(10)).orElseThrow();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    assertThat(run.isDone()).isTrue();
    assertThat(s.cancelled()).isTrue();
    assertThat(s.succeeded()).isFalse();
    assertThat(s.failures()).isEmpty();
    assertThat(s.cancelledRanges()).hasSize(10);
    assertThat(started).hasSize(2);
    assertThat(s.outcomes()).filteredOn(o -> o.cause().isPresent())
        .allMatch(o -> o.cause().get() instanceof InterruptedException).hasSize(2);

    // The cancelled ranges can be run again, here by a batch over the same range with a quick task; the two that
    // had started count as attempt 2, the others as attempt 1.
    Summary<Void> again = FrameBatch.<Void>builder(0, 999, (r, c) -> null).workers(2).ranges(10).build().retry(s);
    assertThat(again.succeeded()).isTrue();
    assertThat(again.outcomes()).filteredOn(o -> o.attempt() == 2).extracting(Outcome::range)
        .containsExactlyInAnyOrderElementsOf(started);
  }

  @Test
  void interruptingTheWaitingThreadCancelsTheRun() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    FrameBatch<Void> batch = FrameBatch.<Void>builder(0, 9, (r, c) -> {
      running.countDown();
      while (!c.isCancelled()) {
        Thread.onSpinWait(); // a task that only polls isCancelled()
      }
      return null;
    }).workers(1).ranges(5).build();
    List<Summary<Void>> result = new ArrayList<>();
    List<Boolean> flag = new ArrayList<>();
    Thread caller = new Thread(() -> {
      result.add(batch.run());
      flag.add(Thread.currentThread().isInterrupted());
    });
    caller.start();
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    caller.interrupt();
    caller.join(10_000);
    assertThat(caller.isAlive()).isFalse();
    Summary<Void> s = result.get(0);
    assertThat(flag.get(0)).as("the interrupt flag is set again").isTrue();
    assertThat(s.cancelled()).isTrue();
    // The polling range returned normally, so it succeeded; the four others never started.
    assertThat(s.outcomes()).extracting(Outcome::status).containsExactly(Status.SUCCEEDED, Status.CANCELLED,
        Status.CANCELLED, Status.CANCELLED, Status.CANCELLED);
    assertThat(s.outcomes().get(1).attempt()).isEqualTo(1);
  }

  @Test
  void listenerSeesEveryStartAndFinishAndMonotonicProgress() {
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    List<Double> fractions = new CopyOnWriteArrayList<>();
    AtomicIntegerArray seen = new AtomicIntegerArray(5000);
    Summary<Long> s = FrameBatch.builder(0, 4999, marking(seen)).workers(2).ranges(5)
        .progressListener(new FrameBatch.Listener() {
          @Override
          public void onRangeStart(Range range, int attempt) {
            events.add("start " + range);
          }

          @Override
          public void onRangeFinish(Outcome<?> outcome) {
            events.add("finish " + outcome.range() + " " + outcome.status());
            throw new IllegalStateException("a listener that throws is ignored");
          }

          @Override
          public void onProgress(double fraction) {
            fractions.add(fraction);
          }
        }).build().run();
    assertThat(s.succeeded()).isTrue();
    assertThat(events).hasSize(10);
    for (Range r : s.ranges()) {
      assertThat(events.indexOf("start " + r)).isLessThan(events.indexOf("finish " + r + " SUCCEEDED"))
          .isNotNegative();
    }
    assertThat(fractions).isNotEmpty().isSorted();
    assertThat(fractions.get(fractions.size() - 1)).isEqualTo(1.0);
    assertThat(fractions).allMatch(f -> f > 0 && f <= 1.0);
  }

  @Test
  void twoBatchesRunAtOnceWithoutSharingState() throws Exception {
    AtomicIntegerArray a = new AtomicIntegerArray(2000);
    AtomicIntegerArray b = new AtomicIntegerArray(2000);
    ExecutorService shared = Executors.newFixedThreadPool(4);
    try {
      FrameBatch.Execution<Long> ra = FrameBatch.builder(0, 999, marking(a)).workers(2).executor(shared).build()
          .start();
      FrameBatch.Execution<Long> rb = FrameBatch.builder(1000, 1999, marking(b)).workers(2).executor(shared)
          .build().start();
      Summary<Long> sa = ra.await();
      Summary<Long> sb = rb.await();
      assertThat(sa.succeeded()).isTrue();
      assertThat(sb.succeeded()).isTrue();
      assertThat(sa.range()).isEqualTo(new Range(0, 999));
      assertThat(sb.range()).isEqualTo(new Range(1000, 1999));
      for (int f = 0; f < 2000; f++) {
        assertThat(a.get(f)).isEqualTo(f < 1000 ? 1 : 0);
        assertThat(b.get(f)).isEqualTo(f < 1000 ? 0 : 1);
      }
    } finally {
      shared.shutdownNow();
    }
  }

  @Test
  void anExecutorThatAcceptsNothingIsAnError() {
    ExecutorService closed = Executors.newSingleThreadExecutor();
    closed.shutdown();
    assertThatThrownBy(() -> FrameBatch.<Void>builder(0, 9, (r, c) -> null).executor(closed).build().run())
        .isInstanceOf(RejectedExecutionException.class);
  }

  @Test
  void summaryDescribesItself() {
    Summary<Void> s = FrameBatch.<Void>builder(0, 99, (r, c) -> null).workers(2).build().run();
    assertThat(s.toString()).startsWith("2 ranges of [0..99], 100 frames: 2 succeeded, 0 failed, 0 cancelled");
    assertThat(s.outcomes().get(0).toString()).startsWith("range [0..49]: SUCCEEDED, 50 frames in ");
  }
}
