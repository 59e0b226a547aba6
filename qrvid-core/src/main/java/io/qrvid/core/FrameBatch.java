package io.qrvid.core;

import io.qrvid.core.FrameRanges.Range;
import io.qrvid.core.internal.DaemonThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task over a range of frames ({@code first..last}, inclusive) split into contiguous sub-ranges
 * ({@link FrameRanges#split}) that run in parallel on {@link Builder#workers(int) workers}: the range runner behind
 * range-parallel video reads ({@code QrVideoReader}), frame folders written or validated by range, and the
 * {@code --range}/{@code --frames} options of the CLI.
 *
 * <pre>{@code
 * FrameBatch<Long> batch = FrameBatch.builder(0, 9_999, (range, context) -> {
 *       long done = 0;
 *       for (long f = range.first(); f <= range.last(); f++) {
 *         process(f);                          // throw to fail this range only
 *         context.framesDone(++done);          // optional: finer progress
 *       }
 *       return done;                           // the range's result (null for none)
 *     })
 *     .workers(4)                              // or .executor(yourExecutor)
 *     .progressListener(new FrameBatch.Listener() {
 *       public void onRangeFinish(FrameBatch.Outcome<?> o) { System.out.println(o); }
 *     })
 *     .build();
 * FrameBatch.Summary<Long> summary = batch.run();
 * if (!summary.succeeded()) {
 *   summary.failures().forEach(o -> System.err.println(o.range() + ": " + o.cause().orElseThrow()));
 *   summary = batch.retry(summary);          // runs only the ranges that did not succeed
 * }
 * }</pre>
 *
 * <p>Contract:
 * <ul>
 *   <li>The range is split into {@link Builder#ranges(int) ranges} (default: one per worker) of sizes that differ by
 *       at most one frame; never more ranges than frames, so no range is empty.
 *   <li>At most {@code workers} ranges run at once, also on a caller's executor. Each range runs once, on one thread,
 *       from start to finish; a task that throws fails its range only: the other ranges still run, and the
 *       {@link Summary} lists every failed range with its cause. {@link #retry(Summary)} runs again only the ranges of
 *       a summary that did not succeed and returns the merged summary.
 *   <li>Events: each range's start and finish go to the {@link Listener} and to SLF4J (logger
 *       {@code io.qrvid.core.FrameBatch}: DEBUG per range, WARN per failed range, INFO once per run with the summary).
 *       Progress is reported as a fraction {@code 0.0..1.0} of the frames, never decreasing.
 *   <li>Cancellation: {@link Execution#cancel()} (or interrupting the thread blocked in {@link #run()}) interrupts the
 *       running ranges and starts no new one; ranges stopped or never started are {@link Status#CANCELLED} and the
 *       summary says {@link Summary#cancelled()}. Tasks should stop promptly when interrupted (blocking calls throw
 *       {@link InterruptedException}; loops check {@link Context#isCancelled()}).
 * </ul>
 *
 * <p>No global state: each run has its own queue, threads and counters, so any number of batches may run at once
 * in one JVM (e.g. one per partition of a distributed job; see {@code docs/ranges.md}). Without a caller's executor
 * a run starts {@code min(workers, ranges)} daemon threads named {@code qrvid-batch-N} and stops them when it ends;
 * a caller's executor is used as it is and never shut down (it must not be a pool that the tasks themselves wait
 * on). A built batch is immutable and thread-safe, and may be run many times.
 *
 * @param <R> the result of one range ({@code Void} and {@code null} when there is none)
 */
public final class FrameBatch<R> {
  private static final Logger log = LoggerFactory.getLogger(FrameBatch.class);

  private final Range range;
  private final Task<R> task;
  private final int workers;
  private final @Nullable Executor executor;
  private final int rangeCount;
  private final Listener listener;
  private final String name;
  private final List<Range> ranges;

  private FrameBatch(Builder<R> b) {
    range = b.range;
    task = b.task;
    workers = b.workers;
    executor = b.executor;
    rangeCount = b.rangeCount > 0 ? b.rangeCount : b.workers;
    listener = b.listener;
    name = b.name;
    ranges = FrameRanges.split(range.first(), range.last(), rangeCount);
  }

  /**
   * A builder for a batch over frames {@code first..last} (inclusive, 0-based) that runs {@code task} once per
   * sub-range.
   *
   * @param <R> the result of one range
   * @param first the first frame, 0 or more
   * @param last the last frame, inclusive, at least {@code first}
   * @param task the work for one range; called once per range and attempt, possibly on several threads at once
   * @return a new builder with the defaults listed on {@link Builder}
   * @throws IllegalArgumentException if {@code first < 0}, or the range is empty or reversed ({@code first > last})
   * @throws NullPointerException if {@code task} is null
   */
  public static <R> Builder<R> builder(long first, long last, Task<R> task) {
    if (first < 0) {
      throw new IllegalArgumentException("frame numbers start at 0: first = " + first);
    }
    if (first > last) {
      throw new IllegalArgumentException("empty or reversed frame range " + first + ".." + last);
    }
    return new Builder<>(new Range(first, last), Objects.requireNonNull(task, "task == null"));
  }

  /**
   * Like {@link #builder(long, long, Task)} for {@code range}.
   *
   * @param <R> the result of one range
   * @param range the frames, inclusive and 0-based
   * @param task the work for one range
   * @return a new builder with the defaults listed on {@link Builder}
   * @throws NullPointerException if an argument is null
   */
  public static <R> Builder<R> builder(Range range, Task<R> task) {
    Objects.requireNonNull(range, "range == null");
    return builder(range.first(), range.last(), task);
  }

  /** {@return a new builder holding this batch's range, task and settings; it does not affect this batch} */
  public Builder<R> newBuilder() {
    return new Builder<>(this);
  }

  /** {@return the whole range of frames, inclusive} */
  public Range range() {
    return range;
  }

  /** {@return the sub-ranges, in order: contiguous, covering {@link #range()} once, none empty; unmodifiable} */
  public List<Range> ranges() {
    return ranges;
  }

  /** {@return the most ranges that run at once, 1 or more} */
  public int workers() {
    return workers;
  }

  /**
   * Runs every range and waits for all of them. If the calling thread is interrupted while waiting, the batch is
   * cancelled, this method waits for the running ranges to stop, sets the thread's interrupt flag again and returns
   * the cancelled summary.
   *
   * @return the summary; failed ranges are listed there, never thrown
   * @throws RejectedExecutionException if the caller's executor accepts none of the batch's workers
   */
  public Summary<R> run() {
    return start().awaitUninterruptiblyOrCancel();
  }

  /**
   * Starts every range and returns at once.
   *
   * @return the running execution, to wait for, watch or cancel
   * @throws RejectedExecutionException if the caller's executor accepts none of the batch's workers
   */
  public Execution<R> start() {
    return new Execution<>(this, ranges, List.of(), Duration.ZERO, Map.of()).begin();
  }

  /**
   * Runs again the ranges of {@code previous} that did not succeed (failed or cancelled) and waits for them; see
   * {@link #run()} for interruption. The ranges that succeeded keep their outcome.
   *
   * @param previous a summary of this batch (or of one over the same range), from {@link #run()} or a retry
   * @return the merged summary: the kept outcomes and the new ones, in range order; its {@link Summary#elapsed()}
   *     adds this run's wall time to the previous one's
   * @throws NullPointerException if {@code previous} is null
   * @throws IllegalArgumentException if {@code previous} is the summary of a batch over another range
   * @throws RejectedExecutionException if the caller's executor accepts none of the batch's workers
   */
  public Summary<R> retry(Summary<R> previous) {
    return startRetry(previous).awaitUninterruptiblyOrCancel();
  }

  /**
   * Like {@link #retry(Summary)}, returning at once. When every range of {@code previous} succeeded, the returned
   * execution is already done and holds the same outcomes.
   *
   * @param previous a summary of this batch (or of one over the same range)
   * @return the running execution, whose summary merges the kept and the new outcomes
   * @throws NullPointerException if {@code previous} is null
   * @throws IllegalArgumentException if {@code previous} is the summary of a batch over another range
   * @throws RejectedExecutionException if the caller's executor accepts none of the batch's workers
   */
  public Execution<R> startRetry(Summary<R> previous) {
    Objects.requireNonNull(previous, "previous == null");
    if (!previous.range().equals(range)) {
      throw new IllegalArgumentException("summary of range " + previous.range() + ", not of this batch's " + range);
    }
    List<Range> again = new ArrayList<>();
    List<Outcome<R>> kept = new ArrayList<>();
    Map<Range, Integer> attempts = new java.util.HashMap<>();
    for (Outcome<R> o : previous.outcomes()) {
      if (o.status() == Status.SUCCEEDED) {
        kept.add(o);
      } else {
        again.add(o.range());
        // a range cancelled before it started did not use up an attempt
        attempts.put(o.range(), o.started ? o.attempt() : o.attempt() - 1);
      }
    }
    return new Execution<>(this, again, kept, previous.elapsed(), attempts).begin();
  }

  /**
   * The work done for one range.
   *
   * @param <R> the range's result
   */
  @FunctionalInterface
  public interface Task<R> {
    /**
     * Processes every frame of {@code range}. Runs on one thread; may run concurrently with other ranges of the same
     * batch, so any state shared between ranges must be thread-safe.
     *
     * @param range the frames to process, inclusive; never empty
     * @param context the range's link to its batch: progress, attempt number, cancellation
     * @return the range's result, or null for none
     * @throws Exception to fail this range only; an {@link InterruptedException} after cancellation marks the range
     *     cancelled
     */
    @Nullable R run(Range range, Context context) throws Exception;
  }

  /** What a running range may tell its batch, and ask it. Thread-safe. */
  public static final class Context {
    private final Execution<?> execution;
    private final int slot;
    private final Range range;
    private final int attempt;

    private Context(Execution<?> execution, int slot, Range range, int attempt) {
      this.execution = execution;
      this.slot = slot;
      this.range = range;
      this.attempt = attempt;
    }

    /** {@return the range being processed} */
    public Range range() {
      return range;
    }

    /** {@return the attempt: 1 for the first run of this range, 2 for its first retry, and so on} */
    public int attempt() {
      return attempt;
    }

    /**
     * Reports that {@code frames} frames of this range are finished so far, for the batch's progress fraction.
     * Optional: a range that never calls it counts as done when it finishes. Values never lower the progress and are
     * clamped to the range's size.
     *
     * @param frames the frames of this range finished so far, counted from its first frame
     */
    public void framesDone(long frames) {
      execution.progress(slot, frames);
    }

    /** {@return true once the batch is cancelled; a long loop should then stop} */
    public boolean isCancelled() {
      return execution.cancelled;
    }
  }

  /** What became of a range. */
  public enum Status {
    /** The task returned. */
    SUCCEEDED,
    /** The task threw; see {@link Outcome#cause()}. */
    FAILED,
    /** The batch was cancelled before the range started or while it ran. */
    CANCELLED
  }

  /**
   * The outcome of one range. Immutable.
   *
   * @param <R> the range's result
   */
  public static final class Outcome<R> {
    private final Range range;
    private final Status status;
    private final @Nullable R result;
    private final @Nullable Throwable cause;
    private final Duration elapsed;
    private final int attempt;
    private final boolean started;

    private Outcome(Range range, Status status, @Nullable R result, @Nullable Throwable cause, Duration elapsed,
        int attempt, boolean started) {
      this.started = started;
      this.range = range;
      this.status = status;
      this.result = result;
      this.cause = cause;
      this.elapsed = elapsed;
      this.attempt = attempt;
    }

    /** {@return the range, inclusive} */
    public Range range() {
      return range;
    }

    /** {@return what became of the range} */
    public Status status() {
      return status;
    }

    /** {@return the task's result, when it succeeded and returned one; else empty} */
    public Optional<R> result() {
      return Optional.ofNullable(result);
    }

    /** {@return why the range failed (or what a cancelled task threw); empty when it succeeded or never started} */
    public Optional<Throwable> cause() {
      return Optional.ofNullable(cause);
    }

    /** {@return the wall time of the task; zero when it never started} */
    public Duration elapsed() {
      return elapsed;
    }

    /** {@return the attempt that produced this outcome: 1 for the first run, 2 after one retry, ...} */
    public int attempt() {
      return attempt;
    }

    @Override
    public String toString() {
      String s = String.format(Locale.ROOT, "range %s: %s, %d frames in %.2f s", range, status, range.size(),
          elapsed.toNanos() / 1e9);
      if (status == Status.SUCCEEDED && elapsed.toNanos() > 0) {
        s += String.format(Locale.ROOT, " (%.1f frames/s)", range.size() * 1e9 / elapsed.toNanos());
      }
      if (cause != null) {
        s += ": " + describe(cause);
      }
      return attempt > 1 ? s + " (attempt " + attempt + ")" : s;
    }
  }

  /**
   * The result of a run: every range's outcome, counts, wall time and throughput. Immutable.
   *
   * @param <R> a range's result
   */
  public static final class Summary<R> {
    private final Range range;
    private final List<Outcome<R>> outcomes;
    private final Duration elapsed;

    private Summary(Range range, List<Outcome<R>> outcomes, Duration elapsed) {
      this.range = range;
      List<Outcome<R>> sorted = new ArrayList<>(outcomes);
      sorted.sort((a, b) -> Long.compare(a.range().first(), b.range().first()));
      this.outcomes = List.copyOf(sorted);
      this.elapsed = elapsed;
    }

    /** {@return the batch's whole range, inclusive} */
    public Range range() {
      return range;
    }

    /** {@return every range's outcome, in range order; unmodifiable} */
    public List<Outcome<R>> outcomes() {
      return outcomes;
    }

    /** {@return the sub-ranges, in order; unmodifiable} */
    public List<Range> ranges() {
      return outcomes.stream().map(Outcome::range).toList();
    }

    /** {@return the number of frames of the whole range} */
    public long frames() {
      return range.size();
    }

    /** {@return the number of frames of the ranges that succeeded} */
    public long framesSucceeded() {
      return outcomes.stream().filter(o -> o.status() == Status.SUCCEEDED).mapToLong(o -> o.range().size()).sum();
    }

    /** {@return the outcomes of the ranges that failed, in range order, each with its cause; unmodifiable} */
    public List<Outcome<R>> failures() {
      return outcomes.stream().filter(o -> o.status() == Status.FAILED).toList();
    }

    /** {@return the ranges that failed, in order; unmodifiable} */
    public List<Range> failedRanges() {
      return failures().stream().map(Outcome::range).toList();
    }

    /** {@return the ranges that were cancelled (stopped or never started), in order; unmodifiable} */
    public List<Range> cancelledRanges() {
      return outcomes.stream().filter(o -> o.status() == Status.CANCELLED).map(Outcome::range).toList();
    }

    /** {@return true when the run was cancelled before every range finished} */
    public boolean cancelled() {
      return outcomes.stream().anyMatch(o -> o.status() == Status.CANCELLED);
    }

    /** {@return true when every range succeeded} */
    public boolean succeeded() {
      return outcomes.stream().allMatch(o -> o.status() == Status.SUCCEEDED);
    }

    /** {@return a new list of the results of the ranges that succeeded and returned one, in range order} */
    public List<R> results() {
      List<R> out = new ArrayList<>();
      for (Outcome<R> o : outcomes) {
        o.result().ifPresent(out::add);
      }
      return out;
    }

    /** {@return the wall time from the start of the run to its last range's end, summed over a run and its retries} */
    public Duration elapsed() {
      return elapsed;
    }

    /** {@return {@link #framesSucceeded()} per second of {@link #elapsed()}; 0 when no time elapsed} */
    public double framesPerSecond() {
      long nanos = elapsed.toNanos();
      return nanos <= 0 ? 0 : framesSucceeded() * 1e9 / nanos;
    }

    @Override
    public String toString() {
      long ok = outcomes.stream().filter(o -> o.status() == Status.SUCCEEDED).count();
      return String.format(Locale.ROOT, "%d ranges of %s, %,d frames: %d succeeded, %d failed, %d cancelled; "
              + "%.2f s, %.1f frames/s", outcomes.size(), range, frames(), ok, failures().size(),
          cancelledRanges().size(), elapsed.toNanos() / 1e9, framesPerSecond());
    }
  }

  /**
   * Receives a batch's events. Calls come from the worker threads, one at a time (never concurrently within one
   * run); keep them fast. An exception thrown by a listener is logged and ignored. Every method does nothing by
   * default.
   */
  public interface Listener {
    /** A listener that ignores every event. */
    Listener NONE = new Listener() { };

    /**
     * A range starts, on the worker thread that runs it.
     *
     * @param range the range
     * @param attempt 1 for its first run, 2 for its first retry, ...
     */
    default void onRangeStart(Range range, int attempt) {}

    /**
     * A range finished, failed, or was cancelled (also a range cancelled before it started).
     *
     * @param outcome what became of the range
     */
    default void onRangeFinish(Outcome<?> outcome) {}

    /**
     * Progress of the run. Reported when it grows by at least 0.001, and always at 1.0.
     *
     * @param fraction the finished share {@code 0.0..1.0} of this run's frames; never decreases within a run
     */
    default void onProgress(double fraction) {}
  }

  /**
   * A started run: wait for it, watch its progress, or cancel it. Thread-safe.
   *
   * @param <R> a range's result
   */
  public static final class Execution<R> {
    private final FrameBatch<R> batch;
    private final List<Range> toRun;
    private final List<Outcome<R>> kept;
    private final Duration before;
    private final Map<Range, Integer> attempts;
    private final ConcurrentLinkedQueue<Integer> pending = new ConcurrentLinkedQueue<>();
    private final List<@Nullable Outcome<R>> outcomes;
    private final long[] done;
    private final long totalFrames;
    private final Object lock = new Object();
    private final Map<Thread, Range> running = new IdentityHashMap<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicInteger loopsLeft = new AtomicInteger();
    private final Object listenerLock = new Object();
    private volatile boolean cancelled;
    private long framesDone;
    private double reported;
    private double delivered;
    private long startNanos;
    private @Nullable ExecutorService ownPool;
    private volatile @Nullable Summary<R> summary;

    private Execution(FrameBatch<R> batch, List<Range> toRun, List<Outcome<R>> kept, Duration before,
        Map<Range, Integer> attempts) {
      this.batch = batch;
      this.attempts = Map.copyOf(attempts);
      this.toRun = List.copyOf(toRun);
      this.kept = List.copyOf(kept);
      this.before = before;
      this.outcomes = new ArrayList<>(Collections.nCopies(toRun.size(), null));
      this.done = new long[toRun.size()];
      long total = 0;
      for (Range r : toRun) {
        total += r.size();
      }
      this.totalFrames = total;
    }

    private Execution<R> begin() {
      startNanos = System.nanoTime();
      for (int i = 0; i < toRun.size(); i++) {
        pending.add(i);
      }
      int loops = Math.min(batch.workers, toRun.size());
      log.debug("{}: {} ranges of {} on {} workers", batch.name, toRun.size(), batch.range, loops);
      if (loops == 0) {
        finish();
        return this;
      }
      loopsLeft.set(loops);
      Executor ex = batch.executor;
      if (ex == null) {
        ownPool = DaemonThreads.fixedPool("qrvid-batch", loops);
        ex = ownPool;
      }
      RejectedExecutionException rejected = null;
      int accepted = 0;
      for (int i = 0; i < loops; i++) {
        try {
          ex.execute(this::loop);
          accepted++;
        } catch (RejectedExecutionException e) {
          rejected = e;
          loopEnded();
        }
      }
      if (accepted == 0) {
        throw new RejectedExecutionException("the executor accepted none of the batch's " + loops + " workers",
            rejected);
      }
      return this;
    }

    private void loop() {
      try {
        Integer slot;
        while ((slot = pending.poll()) != null) {
          runRange(slot);
        }
      } finally {
        loopEnded();
      }
    }

    private void loopEnded() {
      if (loopsLeft.decrementAndGet() == 0) {
        finish();
      }
    }

    private void runRange(int slot) {
      Range r = toRun.get(slot);
      int attempt = attemptOf(r);
      Thread me = Thread.currentThread();
      boolean skip;
      synchronized (lock) {
        skip = cancelled;
        if (!skip) {
          running.put(me, r);
        }
      }
      if (skip) {
        record(slot, new Outcome<>(r, Status.CANCELLED, null, null, Duration.ZERO, attempt, false));
        return;
      }
      log.debug("{}: range {} started (attempt {})", batch.name, r, attempt);
      notifyListener(l -> l.onRangeStart(r, attempt));
      long t0 = System.nanoTime();
      Outcome<R> outcome;
      try {
        R result = batch.task.run(r, new Context(this, slot, r, attempt));
        outcome = new Outcome<>(r, Status.SUCCEEDED, result, null, Duration.ofNanos(System.nanoTime() - t0), attempt,
            true);
      } catch (Throwable t) {
        Status status = cancelled ? Status.CANCELLED : Status.FAILED;
        outcome = new Outcome<>(r, status, null, t, Duration.ofNanos(System.nanoTime() - t0), attempt,
            true);
      } finally {
        synchronized (lock) {
          running.remove(me);
          if (cancelled) {
            Thread.interrupted(); // the interrupt was ours: do not leak it into the pool's next task
          }
        }
      }
      record(slot, outcome);
    }

    private int attemptOf(Range r) {
      return attempts.getOrDefault(r, 0) + 1;
    }

    private void record(int slot, Outcome<R> outcome) {
      synchronized (lock) {
        outcomes.set(slot, outcome);
      }
      Range r = outcome.range();
      switch (outcome.status()) {
        case SUCCEEDED:
          log.debug("{}: {}", batch.name, outcome);
          break;
        case FAILED:
          log.warn("{}: range {} failed: {}", batch.name, r, describe(Objects.requireNonNull(outcome.cause)));
          log.debug("{}: range {} failure", batch.name, r, outcome.cause);
          break;
        default:
          log.debug("{}: range {} cancelled", batch.name, r);
          break;
      }
      if (outcome.status() != Status.CANCELLED) {
        progress(slot, r.size());
      }
      notifyListener(l -> l.onRangeFinish(outcome));
    }

    private void progress(int slot, long frames) {
      double fraction;
      synchronized (lock) {
        long v = Math.min(Math.max(frames, 0), toRun.get(slot).size());
        if (v <= done[slot]) {
          return;
        }
        framesDone += v - done[slot];
        done[slot] = v;
        fraction = totalFrames == 0 ? 1.0 : (double) framesDone / totalFrames;
        if (fraction < 1.0 && fraction - reported < 0.001) {
          return;
        }
        reported = fraction;
      }
      synchronized (listenerLock) {
        if (fraction > delivered) { // reports computed on two threads may arrive out of order
          delivered = fraction;
          notifyListener(l -> l.onProgress(fraction));
        }
      }
    }

    private void finish() {
      List<Outcome<R>> all = new ArrayList<>(kept);
      synchronized (lock) {
        for (int i = 0; i < toRun.size(); i++) {
          Outcome<R> o = outcomes.get(i);
          if (o == null) { // never started: cancelled, or no worker was accepted
            o = new Outcome<>(toRun.get(i), Status.CANCELLED, null, null, Duration.ZERO, attemptOf(toRun.get(i)),
                false);
            outcomes.set(i, o);
          }
          all.add(o);
        }
      }
      Summary<R> s = new Summary<>(batch.range, all, before.plusNanos(System.nanoTime() - startNanos));
      if (ownPool != null) {
        ownPool.shutdown();
      }
      if (toRun.isEmpty()) {
        log.debug("{}: nothing to run: {}", batch.name, s);
      } else if (s.succeeded()) {
        log.info("{}: {}", batch.name, s);
      } else {
        log.warn("{}: {}", batch.name, s);
      }
      summary = s;
      finished.countDown();
    }

    private void notifyListener(java.util.function.Consumer<Listener> event) {
      synchronized (listenerLock) {
        try {
          event.accept(batch.listener);
        } catch (RuntimeException e) {
          log.warn("{}: progress listener threw; ignored", batch.name, e);
        }
      }
    }

    /**
     * Cancels the run: interrupts the running ranges and starts no new one. Returns at once; {@link #await()} waits
     * for the running ranges to stop. Idempotent; does nothing once the run is done.
     */
    public void cancel() {
      synchronized (lock) {
        if (cancelled || summary != null) {
          return;
        }
        cancelled = true;
        for (Thread t : running.keySet()) {
          t.interrupt();
        }
      }
      log.debug("{}: cancel requested", batch.name);
    }

    /** {@return true once every range has finished, failed or been cancelled} */
    public boolean isDone() {
      return summary != null;
    }

    /** {@return the progress so far, a fraction {@code 0.0..1.0} of the frames of this run} */
    public double fraction() {
      synchronized (lock) {
        return totalFrames == 0 ? 1.0 : (double) framesDone / totalFrames;
      }
    }

    /**
     * Waits until the run is done.
     *
     * @return the summary of every range of the batch (for a retry, merged with the kept outcomes)
     * @throws InterruptedException if the waiting thread is interrupted (the run goes on; cancel it if needed)
     */
    public Summary<R> await() throws InterruptedException {
      finished.await();
      return Objects.requireNonNull(summary);
    }

    /**
     * Waits at most {@code timeout} for the run to be done.
     *
     * @param timeout the longest wait; zero or negative does not wait
     * @return the summary, or empty if the run is still going
     * @throws NullPointerException if {@code timeout} is null
     * @throws InterruptedException if the waiting thread is interrupted (the run goes on)
     */
    public Optional<Summary<R>> await(Duration timeout) throws InterruptedException {
      Objects.requireNonNull(timeout, "timeout == null");
      return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS) ? Optional.of(Objects.requireNonNull(summary))
          : Optional.empty();
    }

    private Summary<R> awaitUninterruptiblyOrCancel() {
      boolean interrupted = false;
      while (true) {
        try {
          finished.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
          cancel();
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      return Objects.requireNonNull(summary);
    }
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getName() : t.getClass().getSimpleName() + ": " + m;
  }

  /**
   * Configures a {@link FrameBatch}. Mutable and not thread-safe.
   *
   * @param <R> a range's result
   */
  public static final class Builder<R> {
    private final Range range;
    private final Task<R> task;
    private int workers = Runtime.getRuntime().availableProcessors();
    private @Nullable Executor executor;
    private int rangeCount;
    private Listener listener = Listener.NONE;
    private String name = "frame batch";

    private Builder(Range range, Task<R> task) {
      this.range = range;
      this.task = task;
    }

    private Builder(FrameBatch<R> b) {
      range = b.range;
      task = b.task;
      workers = b.workers;
      executor = b.executor;
      rangeCount = b.rangeCount;
      listener = b.listener;
      name = b.name;
    }

    /**
     * The most ranges that run at once (default {@link Runtime#availableProcessors()}); also the default number of
     * ranges.
     *
     * @param n the number of ranges that run at once
     * @return this builder
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public Builder<R> workers(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("workers < 1: " + n);
      }
      this.workers = n;
      return this;
    }

    /**
     * Runs the ranges on the caller's executor instead of threads of the run's own (default: none); still at most
     * {@link #workers(int)} at once. The caller keeps ownership; the batch never shuts it down.
     *
     * @param executor the executor; each run submits up to {@code min(workers, ranges)} long-running tasks to it
     * @return this builder
     * @throws NullPointerException if {@code executor} is null
     */
    public Builder<R> executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor == null");
      return this;
    }

    /**
     * How many ranges the frames are split into (default: {@link #workers(int)}); more ranges than workers balance
     * uneven ranges at the cost of more range starts (a video range starts with a seek). Never more ranges than
     * frames.
     *
     * @param n the number of ranges
     * @return this builder
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public Builder<R> ranges(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("ranges < 1: " + n);
      }
      this.rangeCount = n;
      return this;
    }

    /**
     * Receives range start and finish events and progress (default: none).
     *
     * @param listener the listener; see {@link Listener} for its threads
     * @return this builder
     * @throws NullPointerException if {@code listener} is null
     */
    public Builder<R> progressListener(Listener listener) {
      this.listener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /**
     * A name for the log lines, e.g. the file processed (default "frame batch").
     *
     * @param name the name, logged as it is
     * @return this builder
     * @throws NullPointerException if {@code name} is null
     */
    public Builder<R> name(String name) {
      this.name = Objects.requireNonNull(name, "name == null");
      return this;
    }

    /**
     * Builds the batch and splits its range (see {@link FrameRanges#split}). The builder may be reused afterwards.
     *
     * @return a new batch, immutable and thread-safe
     */
    public FrameBatch<R> build() {
      return new FrameBatch<>(this);
    }
  }
}
