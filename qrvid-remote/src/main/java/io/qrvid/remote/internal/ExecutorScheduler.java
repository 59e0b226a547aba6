package io.qrvid.remote.internal;

import dev.failsafe.spi.Scheduler;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A Failsafe {@link Scheduler} that waits on one timer thread and runs work on an {@link Executor}, so waiting never
 * occupies a worker. Not API.
 */
public final class ExecutorScheduler implements Scheduler {
  private final ScheduledExecutorService timer;
  private final Executor executor;

  /** Creates a scheduler; the caller owns both executors. */
  public ExecutorScheduler(ScheduledExecutorService timer, Executor executor) {
    this.timer = timer;
    this.executor = executor;
  }

  @Override
  public ScheduledFuture<?> schedule(Callable<?> callable, long delay, TimeUnit unit) {
    FutureTask<Object> task = new FutureTask<>(callable::call);
    if (delay <= 0) {
      executor.execute(task);
      return new Handle(task, null);
    }
    ScheduledFuture<?> wait = timer.schedule(() -> {
      if (!task.isCancelled()) {
        executor.execute(task);
      }
    }, delay, unit);
    return new Handle(task, wait);
  }

  private static final class Handle implements ScheduledFuture<Object> {
    private final FutureTask<Object> task;
    private final @Nullable ScheduledFuture<?> wait;

    Handle(FutureTask<Object> task, @Nullable ScheduledFuture<?> wait) {
      this.task = task;
      this.wait = wait;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return wait == null ? 0 : wait.getDelay(unit);
    }

    @Override
    public int compareTo(Delayed o) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      if (wait != null) {
        wait.cancel(false);
      }
      return task.cancel(mayInterruptIfRunning);
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
    public Object get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
      return task.get(timeout, unit);
    }
  }
}
