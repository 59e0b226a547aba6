package io.qrvid.remote;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Runs many generations through one {@link TextToVideoClient} with at most {@link #maxConcurrent()} in flight;
 * the rest wait in FIFO order without holding a thread. Thread-safe. Obtain one with
 * {@link TextToVideoClient#queue(int)}.
 *
 * <p>A queued generation gets its record when it starts (so a process that dies with items still queued has sent
 * nothing for them). Cancelling a queued future removes it from the queue; cancelling a started one cancels the
 * generation.
 */
public final class GenerationQueue {
  private final TextToVideoClient client;
  private final int maxConcurrent;
  private final Deque<Item> waiting = new ArrayDeque<>();
  private int running;

  GenerationQueue(TextToVideoClient client, int maxConcurrent) {
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("maxConcurrent < 1: " + maxConcurrent);
    }
    this.client = client;
    this.maxConcurrent = maxConcurrent;
  }

  /** {@return the concurrency limit} */
  public int maxConcurrent() {
    return maxConcurrent;
  }

  /** {@return how many generations wait for a slot} */
  public synchronized int waiting() {
    return waiting.size();
  }

  /** {@return how many generations of this queue are running} */
  public synchronized int running() {
    return running;
  }

  /**
   * Queues a generation. The request is checked against the provider's capabilities at once.
   *
   * @return completes like {@link TextToVideoClient#generate(GenerationRequest, ProgressListener)}
   * @param request the generation to run
   * @param listener receives this generation's progress; {@link ProgressListener#NONE} for none
   * @throws IllegalArgumentException if the provider cannot serve the request
   * @throws NullPointerException if an argument is null
   */
  public CompletableFuture<GenerationResult> submit(GenerationRequest request, ProgressListener listener) {
    client.prepare(request);
    Item item = new Item(Objects.requireNonNull(request, "request == null"),
        Objects.requireNonNull(listener, "listener == null"));
    synchronized (this) {
      waiting.addLast(item);
    }
    drain();
    return item.future;
  }

  private void drain() {
    while (true) {
      Item next;
      synchronized (this) {
        if (running >= maxConcurrent || waiting.isEmpty()) {
          return;
        }
        next = waiting.pollFirst();
        if (next.future.isDone()) {
          continue;
        }
        running++;
      }
      start(next);
    }
  }

  private void start(Item item) {
    CompletableFuture<GenerationResult> f;
    try {
      f = client.generate(item.request, item.listener);
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    CompletableFuture<GenerationResult> started = f;
    item.future.whenComplete((r, e) -> {
      if (item.future.isCancelled()) {
        started.cancel(false);
      }
    });
    started.whenComplete((r, e) -> {
      synchronized (this) {
        running--;
      }
      if (e == null) {
        item.future.complete(r);
      } else {
        item.future.completeExceptionally(e);
      }
      drain();
    });
  }

  private static final class Item {
    final GenerationRequest request;
    final ProgressListener listener;
    final CompletableFuture<GenerationResult> future = new CompletableFuture<>();

    Item(GenerationRequest request, ProgressListener listener) {
      this.request = request;
      this.listener = listener;
    }
  }
}
