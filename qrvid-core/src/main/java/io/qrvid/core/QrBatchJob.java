package io.qrvid.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Generates standalone QR images for many items (a payload text or URL plus an id) in the background.
 * {@link #submit(List)} returns at once with a {@link Handle} that tracks every item (PENDING, GENERATED with a
 * timestamp, FAILED with a reason, or CANCELLED), overall progress, waiting, cancellation and regeneration of failed
 * or selected items. A failure of one item (a payload too long, a sink error) never fails the job or the others.
 *
 * <pre>{@code
 * try (QrBatchJob jobs = QrBatchJob.builder()
 *     .images(QrImageWriter.builder().size(300).build())
 *     .sink(QrImageSink.folder(Path.of("qr"), ImageFormat.SVG))
 *     .build()) {
 *   QrBatchJob.Handle h = jobs.submit(List.of(new QrBatchJob.Item("home", "https://example.org")));
 *   h.await(Duration.ofMinutes(1));
 *   if (h.counts().failed() > 0) h.regenerateFailed();
 * }
 * }</pre>
 *
 * <p>Defaults: at most 500 items per submission, {@link QrImageWriter#defaults()}, {@link Runtime#availableProcessors()}
 * worker threads (a bounded pool of daemon threads created with the job and shut down by {@link #close()}), or the
 * caller's executor. A sink is required. Thread-safe: submissions and handles may be used from any thread.
 */
public final class QrBatchJob implements AutoCloseable {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");
  private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

  private final int maxItems;
  private final QrImageWriter images;
  private final QrImageSink sink;
  private final Executor executor;
  private final @Nullable ExecutorService ownPool;
  private final Set<Handle> open = new HashSet<>();
  private boolean closed;

  private QrBatchJob(Builder b) {
    maxItems = b.maxItems;
    images = b.images;
    sink = Objects.requireNonNull(b.sink, "sink");
    if (b.executor != null) {
      executor = b.executor;
      ownPool = null;
    } else {
      int pool = POOL_NUMBER.incrementAndGet();
      AtomicInteger thread = new AtomicInteger();
      ThreadPoolExecutor tpe = new ThreadPoolExecutor(b.workers, b.workers, 30, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "qrvid-batch-" + pool + "-" + thread.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
      tpe.allowCoreThreadTimeOut(true);
      ownPool = tpe;
      executor = tpe;
    }
  }

  /** {@return a builder with the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the most items one submission may hold} */
  public int maxItems() {
    return maxItems;
  }

  /**
   * One item to generate.
   *
   * @param id a unique id within the submission, 1..128 characters of {@code [A-Za-z0-9._-]}, not starting with a
   *     dot (it becomes a file name in folder sinks)
   * @param payload the text or URL to encode (as UTF-8)
   */
  public record Item(String id, String payload) {
    /**
     * Validates the id.
     *
     * @param id a unique id within the submission, 1..128 characters of {@code [A-Za-z0-9._-]}, not starting with a
     *     dot
     * @param payload the text or URL to encode (as UTF-8)
     * @throws IllegalArgumentException if the id is not a safe file name
     * @throws NullPointerException if an argument is null
     */
    public Item {
      Objects.requireNonNull(id, "id == null");
      Objects.requireNonNull(payload, "payload == null");
      if (!ID.matcher(id).matches()) {
        throw new IllegalArgumentException("id must be 1..128 of [A-Za-z0-9._-], not starting with '.': " + id);
      }
    }
  }

  /** The state of an item. */
  public enum State {
    /** Waiting for or being generated. */
    PENDING,
    /** Generated and handed to the sink. */
    GENERATED,
    /** Encoding or the sink failed; see {@link ItemStatus#failure()}. */
    FAILED,
    /** Cancelled before it was generated. */
    CANCELLED
  }

  /**
   * A snapshot of one item.
   *
   * @param id the item's id
   * @param state its state
   * @param generatedAt when it was last generated (GENERATED only)
   * @param failure why its last attempt failed (FAILED only)
   * @param attempts how many times generation was started (regenerations included)
   */
  public record ItemStatus(String id, State state, Optional<Instant> generatedAt, Optional<String> failure,
                           int attempts) {
  }

  /**
   * Item counts of a submission.
   *
   * @param pending items waiting or running
   * @param generated items generated
   * @param failed items failed
   * @param cancelled items cancelled
   */
  public record Counts(int pending, int generated, int failed, int cancelled) {
    /** {@return all items} */
    public int total() {
      return pending + generated + failed + cancelled;
    }
  }

  /**
   * Starts generating {@code items} in the background and returns at once.
   *
   * @param items the items, each with an id unique within the list
   * @return the handle through which the submission is watched, awaited, cancelled and regenerated
   * @throws IllegalArgumentException if there are no items, more than {@link #maxItems()}, or duplicate ids
   * @throws IllegalStateException if the job is closed
   * @throws NullPointerException if {@code items} is null
   */
  public Handle submit(List<Item> items) {
    Objects.requireNonNull(items, "items == null");
    if (items.isEmpty()) {
      throw new IllegalArgumentException("no items");
    }
    if (items.size() > maxItems) {
      throw new IllegalArgumentException(items.size() + " items, at most " + maxItems + " per submission");
    }
    Handle h = new Handle(items);
    h.start(List.copyOf(h.entries.keySet()));
    return h;
  }

  /**
   * Cancels the pending items of every submission and shuts down the job's own pool (the caller's executor is left
   * alone); running items finish. Idempotent.
   */
  @Override
  public void close() {
    List<Handle> handles;
    synchronized (open) {
      closed = true;
      handles = new ArrayList<>(open);
    }
    for (Handle h : handles) {
      h.cancel();
    }
    if (ownPool != null) {
      ownPool.shutdown();
    }
  }

  private static final class Entry {
    Item item;
    State state = State.PENDING;
    @Nullable Instant generatedAt;
    @Nullable String failure;
    int attempts;
    boolean running;

    Entry(Item item) {
      this.item = item;
    }
  }

  /** Tracks one submission. Thread-safe. */
  public final class Handle {
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private int pending;

    private Handle(List<Item> items) {
      for (Item i : items) {
        Objects.requireNonNull(i, "null item");
        if (entries.put(i.id(), new Entry(i)) != null) {
          throw new IllegalArgumentException("duplicate id " + i.id());
        }
      }
      pending = entries.size();
    }

    private void start(Collection<String> ids) {
      synchronized (open) {
        if (closed) {
          throw new IllegalStateException("job closed");
        }
        open.add(this);
      }
      List<Entry> started = new ArrayList<>();
      List<Integer> attempts = new ArrayList<>();
      synchronized (this) {
        for (String id : ids) {
          Entry e = entries.get(id);
          if (e.state == State.PENDING && e.attempts > 0) {
            continue; // already queued or running
          }
          if (e.state != State.PENDING) {
            pending++;
          }
          e.state = State.PENDING;
          e.failure = null;
          e.generatedAt = null;
          started.add(e);
          attempts.add(++e.attempts);
        }
      }
      for (int i = 0; i < started.size(); i++) {
        Entry e = started.get(i);
        int attempt = attempts.get(i);
        try {
          executor.execute(() -> run(e, attempt));
        } catch (RejectedExecutionException ex) {
          synchronized (this) {
            if (e.attempts == attempt) {
              finish(e, State.CANCELLED, null);
            }
          }
        }
      }
      if (started.isEmpty()) {
        synchronized (this) {
          if (pending == 0) {
            synchronized (open) {
              open.remove(this);
            }
          }
        }
      }
    }

    private void run(Entry e, int attempt) {
      Item item;
      synchronized (this) {
        if (e.state != State.PENDING || e.attempts != attempt) {
          return; // cancelled or superseded by a later regeneration
        }
        e.running = true;
        item = e.item;
      }
      String failure = null;
      try {
        QrImage image = images.encode(item.payload());
        sink.accept(item.id(), image);
      } catch (Exception ex) {
        failure = ex.getMessage() == null ? ex.toString() : ex.getClass().getSimpleName() + ": " + ex.getMessage();
      } catch (Error ex) {
        failure = ex.toString();
        if (!(ex instanceof OutOfMemoryError || ex instanceof StackOverflowError)) {
          synchronized (this) {
            if (e.attempts == attempt) {
              finish(e, State.FAILED, failure);
            }
          }
          throw ex;
        }
      }
      synchronized (this) {
        if (e.attempts == attempt && e.state == State.PENDING) {
          finish(e, failure == null ? State.GENERATED : State.FAILED, failure);
        }
      }
    }

    private void finish(@Nullable Entry e, State state, @Nullable String failure) {
      if (e == null || e.state != State.PENDING) {
        return;
      }
      e.state = state;
      e.running = false;
      e.failure = failure;
      e.generatedAt = state == State.GENERATED ? Instant.now() : null;
      pending--;
      if (pending == 0) {
        notifyAll();
        synchronized (open) {
          open.remove(this);
        }
      }
    }

    /**
     * The status of item {@code id}.
     *
     * @param id the item's id
     * @return the item's current status
     * @throws IllegalArgumentException if there is no such item
     */
    public synchronized ItemStatus status(String id) {
      Entry e = entries.get(id);
      if (e == null) {
        throw new IllegalArgumentException("no item " + id);
      }
      return statusOf(e);
    }

    private ItemStatus statusOf(Entry e) {
      return new ItemStatus(e.item.id(), e.state, Optional.ofNullable(e.generatedAt), Optional.ofNullable(e.failure),
          e.attempts);
    }

    /** {@return the status of every item, in submission order} */
    public synchronized List<ItemStatus> statuses() {
      List<ItemStatus> out = new ArrayList<>(entries.size());
      for (Entry e : entries.values()) {
        out.add(statusOf(e));
      }
      return out;
    }

    /**
     * The items in {@code state}, in submission order.
     *
     * @param state the state to keep
     * @return the matching statuses
     */
    public synchronized List<ItemStatus> statuses(State state) {
      return statuses().stream().filter(s -> s.state() == state).toList();
    }

    /** {@return item counts by state} */
    public synchronized Counts counts() {
      int g = 0;
      int f = 0;
      int c = 0;
      for (Entry e : entries.values()) {
        switch (e.state) {
          case GENERATED -> g++;
          case FAILED -> f++;
          case CANCELLED -> c++;
          default -> { }
        }
      }
      return new Counts(pending, g, f, c);
    }

    /** {@return the share of items no longer pending, 0.0..1.0} */
    public synchronized double progress() {
      return 1.0 - (double) pending / entries.size();
    }

    /** {@return true when no item is pending} */
    public synchronized boolean isDone() {
      return pending == 0;
    }

    /**
     * Waits until no item is pending or the timeout elapses.
     *
     * @return true if done, false on timeout
     * @param timeout the longest wait; zero or negative checks once
     * @throws InterruptedException if the waiting thread is interrupted
     * @throws NullPointerException if {@code timeout} is null
     */
    public synchronized boolean await(Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (pending > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return true;
    }

    /** Cancels every pending item that has not started; running items finish. Idempotent. */
    public synchronized void cancel() {
      for (Entry e : entries.values()) {
        if (e.state == State.PENDING && !e.running) {
          finish(e, State.CANCELLED, null);
        }
      }
    }

    /**
     * Generates the FAILED and CANCELLED items again, in the background.
     *
     * @return the number of items restarted
     * @throws IllegalStateException if the job is closed
     */
    public int regenerateFailed() {
      List<String> ids = new ArrayList<>();
      synchronized (this) {
        for (Entry e : entries.values()) {
          if (e.state == State.FAILED || e.state == State.CANCELLED) {
            ids.add(e.item.id());
          }
        }
      }
      start(ids);
      return ids.size();
    }

    /**
     * Generates the selected items again, in the background; items still pending are left as they are.
     *
     * @param ids the ids of items of this submission
     * @throws IllegalArgumentException if an id is unknown
     * @throws IllegalStateException if the job is closed
     * @throws NullPointerException if {@code ids} is null or holds null
     */
    public void regenerate(Collection<String> ids) {
      synchronized (this) {
        for (String id : ids) {
          if (!entries.containsKey(id)) {
            throw new IllegalArgumentException("no item " + id);
          }
        }
      }
      start(List.copyOf(ids));
    }

    /**
     * Replaces the payload of an existing item (for example a payload that was too long) and generates it again.
     *
     * @param replacement the item with the id of an existing item and its new payload
     * @throws IllegalArgumentException if there is no item with that id
     * @throws IllegalStateException if the item is still pending
     * @throws NullPointerException if {@code replacement} is null
     */
    public void regenerate(Item replacement) {
      synchronized (this) {
        Entry e = entries.get(replacement.id());
        if (e == null) {
          throw new IllegalArgumentException("no item " + replacement.id());
        }
        if (e.state == State.PENDING) {
          throw new IllegalStateException("item " + replacement.id() + " is still pending");
        }
        e.item = replacement;
      }
      start(List.of(replacement.id()));
    }
  }

  /** Configures a {@link QrBatchJob}. Mutable and not thread-safe. */
  public static final class Builder {
    private int maxItems = 500;
    private QrImageWriter images = QrImageWriter.defaults();
    private @Nullable QrImageSink sink;
    private @Nullable Executor executor;
    private int workers = Runtime.getRuntime().availableProcessors();

    private Builder() {}

    /**
     * The most items per submission (default 500).
     *
     * @param items the limit, 1..1,000,000
     * @return this builder
     * @throws IllegalArgumentException unless 1..1,000,000
     */
    public Builder maxItems(int items) {
      if (items < 1 || items > 1_000_000) {
        throw new IllegalArgumentException("maxItems not in 1..1000000: " + items);
      }
      this.maxItems = items;
      return this;
    }

    /**
     * How images are rendered: size, margin, level, colours (default {@link QrImageWriter#defaults()}).
     *
     * @param writer renders each item's symbol
     * @return this builder
     * @throws NullPointerException if {@code writer} is null
     */
    public Builder images(QrImageWriter writer) {
      this.images = Objects.requireNonNull(writer, "writer == null");
      return this;
    }

    /**
     * Where images go (required): {@link QrImageSink#folder}, {@link QrImageSink#dataUris} or your own.
     *
     * @param sink receives each image; called from worker threads
     * @return this builder
     * @throws NullPointerException if {@code sink} is null
     */
    public Builder sink(QrImageSink sink) {
      this.sink = Objects.requireNonNull(sink, "sink == null");
      return this;
    }

    /**
     * Runs items on the caller's executor (default: an own pool); {@link #close()} leaves it running.
     *
     * @param executor runs the items; the caller keeps ownership
     * @return this builder
     * @throws NullPointerException if {@code executor} is null
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor == null");
      return this;
    }

    /**
     * Threads of the job's own pool (default {@link Runtime#availableProcessors()}).
     *
     * @param workers the thread count, 1..256
     * @return this builder
     * @throws IllegalArgumentException unless 1..256
     */
    public Builder workers(int workers) {
      if (workers < 1 || workers > 256) {
        throw new IllegalArgumentException("workers not in 1..256: " + workers);
      }
      this.workers = workers;
      return this;
    }

    /**
     * Builds the job.
     *
     * @return the job; close it to stop its own pool
     * @throws IllegalStateException if no sink was set
     */
    public QrBatchJob build() {
      if (sink == null) {
        throw new IllegalStateException("no sink set");
      }
      return new QrBatchJob(this);
    }
  }
}
