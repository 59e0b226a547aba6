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
   * Runs every task and returns their results in order; a task that could not finish because the calling thread
   * was interrupted while waiting for it gives null (the interrupt flag is kept set and the task cancelled).
   *
   * @throws RuntimeException what a task threw (unchecked exceptions as they are, checked ones wrapped)
   */
  public static <T> List<T> invokeAll(Executor executor, List<Callable<T>> tasks) {
    List<FutureTask<T>> futures = new ArrayList<>();
    for (int i = 1; i < tasks.size(); i++) {
      FutureTask<T> f = new FutureTask<>(tasks.get(i));
      futures.add(f);
      try {
        executor.execute(f);
      } catch (RejectedExecutionException e) {
        // run it here below
      }
    }
    List<T> out = new ArrayList<>();
    try {
      out.add(tasks.get(0).call());
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    for (FutureTask<T> f : futures) {
      f.run(); // no-op when already started or done
      try {
        out.add(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        f.cancel(true);
        out.add(null);
      } catch (java.util.concurrent.CancellationException e) {
        out.add(null);
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof RuntimeException) {
          throw (RuntimeException) c;
        }
        if (c instanceof Error) {
          throw (Error) c;
        }
        throw new IllegalStateException(c);
      }
    }
    return out;
  }
}
