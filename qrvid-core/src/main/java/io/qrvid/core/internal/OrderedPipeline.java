package io.qrvid.core.internal;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;

/**
 * Maps an input iterator through a function on an executor and yields the results in input order, with at most
 * {@code window} tasks in flight: memory stays bounded whatever the input size, because input is pulled only when a
 * slot frees up and results are not retained after they are returned.
 *
 * <p>The input iterator is read on the consuming thread only. Not thread-safe: one consumer.
 *
 * @param <T> input type
 * @param <R> result type
 */
public final class OrderedPipeline<T, R> implements Iterator<R>, AutoCloseable {
  private final Iterator<? extends T> input;
  private final BiFunction<Integer, T, R> task;
  private final Executor executor;
  private final int window;
  private final ArrayDeque<CompletableFuture<R>> inFlight;
  private int nextIndex;
  private boolean closed;

  /**
   * Creates a pipeline; nothing runs until {@link #hasNext()} or {@link #next()} is called.
   *
   * @param task called with the zero-based input index and the input; exceptions it throws surface from
   *     {@link #next()} as a {@link CompletionException} whose cause is the task's exception
   */
  public OrderedPipeline(Iterator<? extends T> input, BiFunction<Integer, T, R> task, Executor executor,
      int window) {
    if (window < 1) {
      throw new IllegalArgumentException("window < 1: " + window);
    }
    this.input = input;
    this.task = task;
    this.executor = executor;
    this.window = window;
    this.inFlight = new ArrayDeque<>(window);
  }

  private void fill() {
    while (!closed && inFlight.size() < window && input.hasNext()) {
      T item = input.next();
      int index = nextIndex++;
      inFlight.add(CompletableFuture.supplyAsync(() -> task.apply(index, item), executor));
    }
  }

  @Override
  public boolean hasNext() {
    fill();
    return !inFlight.isEmpty();
  }

  /**
   * The next result in input order, waiting for it if needed.
   *
   * @throws CompletionException wrapping the task's failure
   * @throws CancellationException if the waiting thread is interrupted (the interrupt flag is restored)
   */
  @Override
  public R next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    CompletableFuture<R> head = inFlight.poll();
    try {
      R r = head.get();
      fill();
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new CancellationException("interrupted while waiting for a result");
    } catch (java.util.concurrent.ExecutionException e) {
      fill();
      throw new CompletionException(e.getCause());
    }
  }

  /** The number of tasks submitted and not yet returned; never more than the window. */
  public int inFlight() {
    return inFlight.size();
  }

  /** Stops pulling input and cancels queued tasks that have not started. Idempotent. */
  @Override
  public void close() {
    closed = true;
    for (CompletableFuture<R> f : inFlight) {
      f.cancel(false);
    }
    inFlight.clear();
  }
}
