package io.qrvid.remote.internal;

import io.qrvid.remote.GenerationCancelledException;
import io.qrvid.remote.GenerationFailedException;
import io.qrvid.remote.GenerationFuture;
import io.qrvid.remote.GenerationPhase;
import io.qrvid.remote.GenerationRecord;
import io.qrvid.remote.GenerationRequest;
import io.qrvid.remote.GenerationResult;
import io.qrvid.remote.GenerationStatus;
import io.qrvid.remote.GenerationTimeoutException;
import io.qrvid.remote.JobStatus;
import io.qrvid.remote.ProgressEvent;
import io.qrvid.remote.ProgressListener;
import io.qrvid.remote.RemoteVideoException;
import io.qrvid.remote.RetriesExhaustedException;
import io.qrvid.remote.VideoDownloadException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import io.qrvid.remote.ProviderRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle of one generation: submit, persist the operation id, poll, download, finish. Every step runs on the
 * client's scheduler; nothing blocks while waiting. Not API.
 *
 * <p>Record transitions: PENDING (saved by the client) -> PROCESSING with the operation id, saved before the first
 * poll -> COMPLETED | FAILED | CANCELLED exactly once. A timed-out or retry-exhausted generation is FAILED but keeps
 * its operation id, so it can be resumed. One deadline ({@code start + timeout}) bounds everything, the download
 * included. A cancelled run keeps its {@code .part} file for a later resume.
 */
public final class GenerationRun {
  private static final Logger log = LoggerFactory.getLogger("io.qrvid.remote");

  private final RunEnv env;
  private final ProgressListener listener;
  private final CallContext ctx = new CallContext();
  private final GenerationFuture result;
  private final Instant start;
  private final Instant deadline;
  private final Object lock = new Object();
  private final int baseAttempts;
  private GenerationRecord record;
  private boolean finished;
  private double lastFraction = -1;
  private long lastBytesEvent = -1;
  private @Nullable Path target;
  private volatile Runnable onDone = () -> {};
  /** True once the provider reported the job SUCCEEDED: a provider cancel would then only delete the output. */
  private volatile boolean jobSucceeded;

  /** Creates a run for a saved record. */
  public GenerationRun(RunEnv env, GenerationRecord record, ProgressListener listener) {
    this.env = env;
    this.record = record;
    this.result = new GenerationFuture(record.id());
    this.listener = listener;
    this.start = env.clock().instant();
    this.deadline = start.plus(env.timeout());
    this.baseAttempts = record.attempts();
    ctx.operationId(record.operationId().orElse(null));
    result.whenComplete((r, e) -> {
      if (result.isCancelled()) {
        cancel("cancelled by caller");
      }
    });
  }

  /** Sets an action run once the run reached its end, before its future completes. */
  public void onDone(Runnable action) {
    this.onDone = action;
  }

  /** Returns the future of this run; cancelling it cancels the run. */
  public GenerationFuture result() {
    return result;
  }

  /** Returns the generation id. */
  public String id() {
    return record.id();
  }

  /** Returns the operation id, once known. */
  public @Nullable String operationId() {
    return ctx.operationId();
  }

  /** Starts with a submit. */
  public void start(GenerationRequest request, String model) {
    emit(GenerationPhase.STARTED, 0, 0, -1);
    env.caller().api(HttpCaller.Kind.SUBMIT, ctx, () -> env.provider().submitRequest(request, model), deadline,
            env.timeout())
        .thenAccept(r -> onSubmitted(env.provider().parseOperationId(r)))
        .exceptionally(this::fail);
  }

  /** Continues a record that already has an operation id: polls at once, never submits. */
  public void resume() {
    String op = record.operationId().orElseThrow();
    update(b -> b.status(GenerationStatus.PROCESSING).errorType(null).errorMessage(null).finishedAt(null));
    log.info("resuming generation {} op={}", id(), op);
    emit(GenerationPhase.SUBMITTED, 0.1, 0, -1);
    schedulePoll(Duration.ZERO);
  }

  private void onSubmitted(String operationId) {
    ctx.operationId(operationId);
    Instant now = now();
    synchronized (lock) {
      if (finished) {
        // Cancelled while the submit was in flight: keep the id in the record and cancel the job remotely.
        record = record.newBuilder().operationId(operationId).updatedAt(now)
            .attempts(baseAttempts + ctx.requests()).build();
        saveTerminal(record);
        sendProviderCancel(operationId);
        return;
      }
      // Persist the operation id before anything else, so that a crash from here on is resumable.
      record = record.newBuilder().status(GenerationStatus.PROCESSING).operationId(operationId).submittedAt(now)
          .updatedAt(now).attempts(baseAttempts + ctx.requests()).build();
      env.store().save(record);
    }
    log.info("generation {} accepted by {} op={}", id(), env.provider().name(), operationId);
    emit(GenerationPhase.SUBMITTED, 0.1, 0, -1);
    schedulePoll(env.pollInterval());
  }

  private void schedulePoll(Duration delay) {
    if (isFinished()) {
      return;
    }
    Duration left = Duration.between(now(), deadline);
    Duration d = delay.compareTo(left) > 0 ? (left.isNegative() ? Duration.ZERO : left) : delay;
    ScheduledFuture<?>[] holder = new ScheduledFuture<?>[1];
    holder[0] = env.caller().scheduler().schedule(() -> {
      if (holder[0] != null) {
        ctx.unregister(holder[0]);
      }
      pollOnce();
      return null;
    }, d.toNanos(), TimeUnit.NANOSECONDS);
    ctx.register(holder[0]);
  }

  private void pollOnce() {
    if (isFinished()) {
      return;
    }
    String op = ctx.operationId();
    if (op == null) {
      fail(new IllegalStateException("no operation id"));
      return;
    }
    if (CallContext.past(deadline, now())) {
      fail(new GenerationTimeoutException(env.timeout(), op, null));
      return;
    }
    env.caller().api(HttpCaller.Kind.READ, ctx, () -> env.provider().pollRequest(op), deadline, env.timeout())
        .thenAccept(r -> onStatus(env.provider().parseStatus(r)))
        .exceptionally(this::fail);
  }

  private void onStatus(JobStatus s) {
    String op = ctx.operationId();
    switch (s.state()) {
      case QUEUED:
      case RUNNING: {
        double f;
        if (s.fraction().isPresent()) {
          f = 0.2 + 0.6 * s.fraction().getAsDouble();
        } else {
          // No provider progress (Veo documents none): approach 0.8 as the elapsed time nears the timeout.
          double t = Duration.between(start, now()).toMillis();
          double tau = Math.max(1, env.timeout().toMillis() / 3.0);
          f = 0.2 + 0.6 * (1 - Math.exp(-t / tau));
        }
        emit(GenerationPhase.POLLING, f, 0, -1);
        if (CallContext.past(deadline, now())) {
          fail(new GenerationTimeoutException(env.timeout(), op, null));
        } else {
          schedulePoll(s.pollAfter().orElse(env.pollInterval()));
        }
        return;
      }
      case SUCCEEDED:
        jobSucceeded = true;
        emit(GenerationPhase.POLLING, 0.8, 0, -1);
        download(s);
        return;
      case FAILED:
        fail(new GenerationFailedException(s.failureKind().orElse(GenerationFailedException.Kind.PROVIDER_ERROR),
            s.errorCode().orElse(null), s.errorMessage().orElse(null), s.filterReasons(), op));
        return;
      case CANCELLED:
      default:
        fail(new GenerationCancelledException("cancelled by the provider" + s.errorMessage().map(m -> ": " + m)
            .orElse(""), op));
    }
  }

  private void download(JobStatus s) {
    String op = java.util.Objects.requireNonNull(ctx.operationId());
    Path t;
    Optional<Path> stored = record.videoPath();
    try {
      Files.createDirectories(env.outputFolder());
    } catch (IOException e) {
      fail(new RemoteVideoException("cannot create " + env.outputFolder(), e));
      return;
    }
    if (stored.isPresent() && !Files.exists(stored.get())) {
      t = FileNames.reserveExisting(stored.get());
    } else {
      LocalDateTime local = LocalDateTime.ofInstant(record.createdAt(), env.clock().getZone());
      t = FileNames.reserve(env.outputFolder(), FileNames.baseName(local, record.prompt()));
    }
    synchronized (lock) {
      target = t;
    }
    update(b -> b.videoPath(t));
    emit(GenerationPhase.DOWNLOADING, 0.9, 0, -1);
    Path part = FileNames.partOf(t);
    Optional<byte[]> inline = s.inlineVideo();
    CompletableFuture<Long> size;
    if (inline.isPresent()) {
      byte[] bytes = inline.get();
      if (bytes.length > env.maxVideoBytes()) {
        fail(new VideoDownloadException(VideoDownloadException.Reason.TOO_LARGE, "video too large: the inline video "
            + "has " + bytes.length + " bytes, more than the limit of " + env.maxVideoBytes() + " bytes",
            bytes.length, op));
        return;
      }
      size = env.caller().call(HttpCaller.Kind.READ, ctx, deadline, env.timeout(), x -> {
        Downloader.writeAll(part, bytes);
        return (long) bytes.length;
      });
    } else {
      ProviderRequest req;
      try {
        req = env.provider().downloadRequest(op, s);
      } catch (RuntimeException e) {
        fail(e);
        return;
      }
      Downloader.Expect expect = new Downloader.Expect(s.expectedSize().orElse(-1), s.sha256().orElse(null));
      size = env.caller().call(HttpCaller.Kind.READ, ctx, deadline, env.timeout(),
          x -> Downloader.attempt(env.caller().transport(), x, req, part, deadline, env.clock(),
              env.maxVideoBytes(), expect, this::onBytes));
    }
    size.thenAccept(n -> complete(part, t, n)).exceptionally(this::fail);
  }

  private void onBytes(long have, long total) {
    synchronized (lock) {
      // At most one event per 1 % (or per MiB when the length is unknown).
      long step = total > 0 ? Math.max(1, total / 100) : 1 << 20;
      if (lastBytesEvent >= 0 && have - lastBytesEvent < step && have != total) {
        return;
      }
      lastBytesEvent = have;
    }
    double f = total > 0 ? 0.9 + 0.09 * Math.min(1.0, (double) have / total) : 0.9;
    emit(GenerationPhase.DOWNLOADING, f, have, total);
  }

  private void complete(Path part, Path t, long size) {
    try {
      try {
        Files.move(part, t, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(part, t, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      fail(new RemoteVideoException("cannot move " + part + " to " + t, e));
      return;
    } finally {
      FileNames.release(t);
    }
    String op = java.util.Objects.requireNonNull(ctx.operationId());
    Instant now = now();
    synchronized (lock) {
      if (finished) {
        return;
      }
      finished = true;
      record = record.newBuilder().status(GenerationStatus.COMPLETED).videoPath(t).finishedAt(now).updatedAt(now)
          .errorType(null).errorMessage(null).attempts(baseAttempts + ctx.requests()).build();
      saveTerminal(record);
    }
    onDone.run();
    emit(GenerationPhase.COMPLETED, 1.0, size, size);
    log.info("generation {} completed op={} bytes={}", id(), op, size);
    result.complete(new GenerationResult(id(), op, record.provider(), record.model(), t, size,
        Duration.between(start, now)));
  }

  /**
   * Cancels locally, records CANCELLED (keeping the {@code .part} file for a later resume), then cancels the future.
   * The provider job is cancelled if the provider supports it and the job has not already succeeded (cancelling a
   * finished job would only delete its output, which a resume could still download).
   *
   * @return completes when the provider's cancel request has been answered (or failed, or was not needed)
   */
  public CompletableFuture<Void> cancel(String why) {
    if (!ctx.cancel()) {
      return CompletableFuture.completedFuture(null);
    }
    String op = ctx.operationId();
    CompletableFuture<Void> remote = op != null && !jobSucceeded ? sendProviderCancel(op)
        : CompletableFuture.completedFuture(null);
    finish(GenerationStatus.CANCELLED, new GenerationCancelledException(why, op), false);
    result.cancel(false);
    return remote;
  }

  /**
   * Stops locally without touching the provider or the record (it stays PENDING/PROCESSING and resumable), as if
   * the process had died. Used when the client closes.
   */
  public void abandon() {
    synchronized (lock) {
      if (finished) {
        return;
      }
      finished = true;
    }
    ctx.cancel();
    releaseTarget();
    onDone.run();
    result.completeExceptionally(new GenerationCancelledException("client closed; resumable", ctx.operationId()));
  }

  private CompletableFuture<Void> sendProviderCancel(String op) {
    Optional<ProviderRequest> req = env.provider().cancelRequest(op);
    if (req.isEmpty()) {
      log.info("provider {} cannot cancel jobs; stopped polling op={}", env.provider().name(), op);
      return CompletableFuture.completedFuture(null);
    }
    CallContext c = new CallContext();
    c.operationId(op);
    return env.caller().api(HttpCaller.Kind.READ, c, req::get, now().plusSeconds(30), Duration.ofSeconds(30))
        .handle((r, e) -> {
          if (e != null) {
            log.warn("provider cancel of op={} failed: {}", op, HttpCaller.unwrap(e).getMessage());
          } else {
            log.info("provider cancelled op={}", op);
          }
          return null;
        });
  }

  private @Nullable Void fail(Throwable t) {
    Throwable e = HttpCaller.unwrap(t);
    RemoteVideoException rve = e instanceof RemoteVideoException ? (RemoteVideoException) e
        : new RemoteVideoException("generation failed: " + e, -1, null, ctx.operationId(), e);
    if (rve instanceof GenerationCancelledException && ctx.isCancelled()) {
      return null; // cancel() already recorded it
    }
    GenerationStatus status = rve instanceof GenerationCancelledException ? GenerationStatus.CANCELLED
        : GenerationStatus.FAILED;
    // Keep what a later resume can continue; drop what is known to be bad or useless.
    boolean keepPart = rve instanceof GenerationTimeoutException || rve instanceof RetriesExhaustedException
        || rve instanceof GenerationCancelledException
        || (rve instanceof VideoDownloadException
            && ((VideoDownloadException) rve).reason() == VideoDownloadException.Reason.LENGTH_UNVERIFIED);
    if (finish(status, rve, !keepPart)) {
      log.info("generation {} {}: {}", id(), status, rve.getClass().getSimpleName());
      result.completeExceptionally(rve);
    }
    return null;
  }

  private boolean finish(GenerationStatus status, RemoteVideoException e, boolean deletePart) {
    Instant now = now();
    synchronized (lock) {
      if (finished) {
        return false;
      }
      finished = true;
      record = record.newBuilder().status(status).finishedAt(now).updatedAt(now)
          .errorType(e.getClass().getSimpleName()).errorMessage(e.getMessage())
          .attempts(baseAttempts + ctx.requests()).build();
      saveTerminal(record);
    }
    ctx.cancel();
    onDone.run();
    Path t = releaseTarget();
    if (deletePart && t != null) {
      try {
        Files.deleteIfExists(FileNames.partOf(t));
      } catch (IOException io) {
        log.warn("cannot delete {}", FileNames.partOf(t), io);
      }
    }
    return true;
  }

  /**
   * Saves a terminal record; a store failure is logged, not thrown, so the future still completes (the video, if
   * any, is already in place).
   */
  private void saveTerminal(GenerationRecord r) {
    try {
      env.store().save(r);
    } catch (RuntimeException e) {
      log.error("cannot record generation {} as {}", r.id(), r.status(), e);
    }
  }

  private @Nullable Path releaseTarget() {
    Path t;
    synchronized (lock) {
      t = target;
    }
    if (t != null) {
      FileNames.release(t);
    }
    return t;
  }

  private boolean isFinished() {
    synchronized (lock) {
      return finished;
    }
  }

  private void update(UnaryOperator<GenerationRecord.Builder> change) {
    synchronized (lock) {
      if (finished) {
        return;
      }
      record = change.apply(record.newBuilder()).updatedAt(now()).attempts(baseAttempts + ctx.requests()).build();
      env.store().save(record);
    }
  }

  private void emit(GenerationPhase phase, double fraction, long bytes, long total) {
    ProgressEvent ev;
    synchronized (lock) {
      double p = Math.max(lastFraction, Math.min(1.0, fraction));
      lastFraction = p;
      ev = new ProgressEvent(id(), phase, p, bytes, total);
    }
    env.progress().dispatch(listener, ev);
  }

  private Instant now() {
    return env.clock().instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** Serialises request parameters (not the prompt) as the record's config JSON. */
  public static String configJson(GenerationRequest r) {
    com.fasterxml.jackson.databind.node.ObjectNode n = ErrorBodies.JSON.createObjectNode();
    n.put("durationSeconds", r.duration().toSeconds());
    n.put("aspectRatio", r.aspectRatio().label());
    n.put("resolution", r.resolution().label());
    r.negativePrompt().ifPresent(v -> n.put("negativePrompt", v));
    r.seed().ifPresent(v -> n.put("seed", v));
    r.audio().ifPresent(v -> n.put("audio", v));
    return n.toString();
  }
}
