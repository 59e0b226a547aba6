package io.qrvid.remote.internal;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import org.jspecify.annotations.Nullable;

/**
 * Shared state of the HTTP calls of one generation (or one standalone call): cancellation, in-flight calls and
 * pending futures to cancel with it, the operation id for error context, and the request counter. Thread-safe. Not
 * API.
 */
public final class CallContext {
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final Set<Call> calls = ConcurrentHashMap.newKeySet();
  private final Set<Future<?>> futures = ConcurrentHashMap.newKeySet();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile @Nullable String operationId;

  /** Returns true once {@link #cancel()} was called. */
  public boolean isCancelled() {
    return cancelled.get();
  }

  /**
   * Cancels every in-flight call and pending future, now and for any registered later.
   *
   * @return true on the first call
   */
  public boolean cancel() {
    if (!cancelled.compareAndSet(false, true)) {
      return false;
    }
    calls.forEach(Call::cancel);
    futures.forEach(f -> f.cancel(false));
    return true;
  }

  /** Registers an in-flight call; cancels it at once if already cancelled. */
  public void register(Call call) {
    calls.add(call);
    requests.incrementAndGet();
    if (cancelled.get()) {
      call.cancel();
    }
  }

  /** Unregisters a finished call. */
  public void unregister(Call call) {
    calls.remove(call);
  }

  /** Registers a pending future (a scheduled poll, a retrying execution). */
  public void register(Future<?> f) {
    futures.add(f);
    if (cancelled.get()) {
      f.cancel(false);
    }
  }

  /** Unregisters a finished future. */
  public void unregister(Future<?> f) {
    futures.remove(f);
  }

  /** Returns the number of HTTP requests sent so far, retries included. */
  public int requests() {
    return requests.get();
  }

  /** Returns the operation id, once known. */
  public @Nullable String operationId() {
    return operationId;
  }

  /** Sets the operation id. */
  public void operationId(@Nullable String id) {
    this.operationId = id;
  }

  /** Returns true if {@code deadline} is set and passed at {@code now}. */
  public static boolean past(@Nullable Instant deadline, Instant now) {
    return deadline != null && !now.isBefore(deadline);
  }
}
