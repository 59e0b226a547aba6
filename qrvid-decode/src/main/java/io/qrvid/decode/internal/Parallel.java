package io.qrvid.decode.internal;

import io.qrvid.core.internal.DaemonThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Runs a few tasks side by side: the first on the calling thread, the others on an executor; when the calling
 * thread is done it runs, itself, any task the executor has not started, so a busy or saturated executor (even one
 * whose threads are the callers) costs time but never deadlocks.
 */
public final class Parallel {
  private static volatile ExecutorService shared;

  private Parallel() {}

  /** A pool of daemon threads, one per core, made on first use and shared by every chain. */
  public static Executor shared() {
    ExecutorService s = shared;
    if (s == null) {
      synchronized (Parallel.class) {
        s = shared;
        if (s == null) {
          s = DaemonThreads.fixedPool("qrvid-decode", Math.max(1, Runtime.getRuntime().availableProcessors()));
          shared = s;
        }
      }
    }
    return s;
  }

  /**
   * Runs every task on at most {@code workers} threads (the calling thread and {@code workers - 1} helpers from the
   * executor, each taking the next task not yet started) and returns their results in order. A helper the executor
   * has not started when the calling thread runs out of tasks is run (and finds nothing left) on the calling thread,
   * so a saturated executor costs time but never deadlocks. A task that could not finish because the calling thread
   * was interrupted while waiting for it gives null (the interrupt flag is kept set).
   *
   * @throws RuntimeException what a task threw (unchecked exceptions as they are, checked ones wrapped)
   */
  public static <T> List<T> invokeAll(Executor executor, List<Callable<T>> tasks, int workers) {
    int n = tasks.size();
    AtomicInteger next = new AtomicInteger();
    AtomicReferenceArray<T> results = new AtomicReferenceArray<>(n);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable loop = () -> {
      for (int i = next.getAndIncrement(); i < n && failure.get() == null; i = next.getAndIncrement()) {
        try {
          results.set(i, tasks.get(i).call());
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        }
      }
    };
    List<FutureTask<Void>> helpers = new ArrayList<>();
    for (int h = 1; h < Math.min(workers, n); h++) {
      FutureTask<Void> f = new FutureTask<>(loop, null);
      helpers.add(f);
      try {
        executor.execute(f);
      } catch (RejectedExecutionException e) {
        // run on this thread below
      }
    }
    loop.run();
    for (FutureTask<Void> f : helpers) {
      f.run(); // no-op when already started or done
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        f.cancel(true);
      } catch (java.util.concurrent.CancellationException | ExecutionException e) {
        // the loop catches what its tasks throw; nothing else to report
      }
    }
    Throwable t = failure.get();
    if (t instanceof RuntimeException) {
      throw (RuntimeException) t;
    }
    if (t instanceof Error) {
      throw (Error) t;
    }
    if (t != null) {
      throw new IllegalStateException(t);
    }
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(results.get(i));
    }
    return out;
  }

  /**
   * Calls one task on this thread.
   *
   * @throws RuntimeException what the task threw (unchecked exceptions as they are, checked ones wrapped)
   */
  public static <T> T call(Callable<T> task) {
    try {
      return task.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs every task, each on its own thread where the executor has one ({@link #invokeAll(Executor, List, int)}
   * with one worker per task), and returns their results in order.
   *
   * @throws RuntimeException what a task threw (unchecked exceptions as they are, checked ones wrapped)
   */
  public static <T> List<T> invokeAll(Executor executor, List<Callable<T>> tasks) {
    return invokeAll(executor, tasks, tasks.size());
  }
}
