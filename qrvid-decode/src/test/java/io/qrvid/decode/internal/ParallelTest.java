package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParallelTest {
  @Test
  void runsEveryTaskOnAtMostTheGivenThreadsAndKeepsTheOrder() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      AtomicInteger running = new AtomicInteger();
      AtomicInteger most = new AtomicInteger();
      List<Callable<Integer>> tasks = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        int n = i;
        tasks.add(() -> {
          most.accumulateAndGet(running.incrementAndGet(), Math::max);
          Thread.sleep(2);
          running.decrementAndGet();
          return n * n;
        });
      }
      List<Integer> out = Parallel.invokeAll(pool, tasks, 2);
      assertThat(out).hasSize(20);
      for (int i = 0; i < 20; i++) {
        assertThat(out.get(i)).isEqualTo(i * i);
      }
      assertThat(most.get()).isBetween(1, 2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anExecutorThatRefusesWorkCostsTimeButNothingElse() {
    List<Callable<String>> tasks = List.of(() -> "a", () -> "b", () -> "c");
    List<String> out = Parallel.invokeAll(r -> {
      throw new RejectedExecutionException("full");
    }, tasks, 3);
    assertThat(out).containsExactly("a", "b", "c");
  }

  @Test
  void aTaskFailureIsRethrown() {
    List<Callable<String>> tasks = List.of(() -> "a", () -> {
      throw new IllegalArgumentException("bad task");
    });
    assertThatThrownBy(() -> Parallel.invokeAll(Runnable::run, tasks, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("bad task");
  }
}
