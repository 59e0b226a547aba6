package io.qrvid.remote;

import dev.failsafe.spi.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs scheduled work at once on a small pool, recording each requested delay and advancing a {@link FakeClock} by
 * it: retry waits and poll intervals are asserted without sleeping.
 */
final class FakeScheduler implements Scheduler, AutoCloseable {
  private final FakeClock clock;
  private final ExecutorService pool = Executors.newFixedThreadPool(3, r -> {
    Thread t = new Thread(r, "fake-scheduler");
    t.setDaemon(true);
    return t;
  });
  private final List<Duration> delays = new ArrayList<>();

  FakeScheduler(FakeClock clock) {
    this.clock = clock;
  }

  synchronized List<Duration> delays() {
    return List.copyOf(delays);
  }

  @Override
  public ScheduledFuture<?> schedule(Callable<?> callable, long delay, TimeUnit unit) {
    if (delay > 0) {
      Duration d = Duration.ofNanos(unit.toNanos(delay));
      synchronized (this) {
        delays.add(d);
      }
      clock.advance(d);
    }
    FutureTask<Object> task = new FutureTask<>(callable::call);
    pool.execute(task);
    return new ScheduledFuture<Object>() {
      @Override
      public long getDelay(TimeUnit u) {
        return 0;
      }

      @Override
      public int compareTo(Delayed o) {
        return 0;
      }

      @Override
      public boolean cancel(boolean mayInterrupt) {
        return task.cancel(mayInterrupt);
      }

      @Override
      public boolean isCancelled() {
        return task.isCancelled();
      }

      @Override
      public boolean isDone() {
        return task.isDone();
      }

      @Override
      public Object get() throws InterruptedException, ExecutionException {
        return task.get();
      }

      @Override
      public Object get(long t, TimeUnit u) throws InterruptedException, ExecutionException, TimeoutException {
        return task.get(t, u);
      }
    };
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
