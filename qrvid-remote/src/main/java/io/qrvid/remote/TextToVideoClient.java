package io.qrvid.remote;

import dev.failsafe.spi.Scheduler;
import io.qrvid.remote.internal.CallContext;
import io.qrvid.remote.internal.ExecutorScheduler;
import io.qrvid.remote.internal.GenerationRun;
import io.qrvid.remote.internal.HttpCaller;
import io.qrvid.remote.internal.ProgressDispatcher;
import io.qrvid.remote.internal.RunEnv;
import io.qrvid.remote.internal.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates videos from text on a remote provider, asynchronously, with retries, progress, an atomic download and a
 * stored record of every generation. Thread-safe; share one instance. Close it to release its threads.
 *
 * <p>Lifecycle of {@link #generate}: validate (generic bounds, then the provider's capabilities) -> save a PENDING
 * record -> submit (progress 0.1) -> save the operation id (PROCESSING) before the first poll -> poll (0.2-0.8) ->
 * download to {@code <name>.part}, resuming with {@code Range}, length-verified, then atomically moved to
 * {@code <name>.mp4} (0.9-0.99) -> COMPLETED (1.0). A submit is retried only when it cannot have reached the server
 * (connect failures) or on 429 rate limit / 503, and never follows a redirect, because no provider offers idempotency
 * keys and a duplicate submit is a second paid job (research/videogen.md §0.4).
 *
 * <p>Safety against a misbehaving or hostile API (issue 13): credentials go only to the provider's
 * {@linkplain VideoProvider#credentialOrigins() origins}, on every request and every redirect hop; a download is
 * complete only when its length is known and matched (or a provider checksum agrees); one overall
 * {@linkplain Builder#timeout(Duration) timeout} bounds the download too; {@linkplain Builder#maxVideoBytes(long) a
 * size cap} is checked against the announced length and while streaming; API response bodies are capped at
 * {@link ProviderResponse#MAX_BODY_BYTES}.
 *
 * <pre>{@code
 * try (TextToVideoClient client = TextToVideoClient.builder()
 *     .provider(GeminiVeoProvider.builder().apiKey(System.getenv("GEMINI_API_KEY")).build())
 *     .outputFolder(Path.of("videos"))
 *     .store(JdbcGenerationStore.h2(Path.of("generations")))
 *     .build()) {
 *   GenerationResult r = client.generate(GenerationRequest.builder("a red fox in snow").build(),
 *       e -> System.out.printf("%s %.0f%%%n", e.phase(), 100 * e.fraction())).join();
 *   System.out.println(r.video());
 * }
 * }</pre>
 *
 * <p>Threads: a bounded worker pool (default 4 {@linkplain Builder#workers(int) workers}, or the
 * {@link Builder#executor(Executor) executor} you supply) runs HTTP calls; one timer thread runs all waits (poll
 * intervals, retry backoff), so no thread sleeps; one thread delivers progress events.
 */
public final class TextToVideoClient implements AutoCloseable {
  /** The default {@link Builder#maxVideoBytes(long) size cap}: 1 GiB. */
  public static final long DEFAULT_MAX_VIDEO_BYTES = 1L << 30;

  private static final Logger log = LoggerFactory.getLogger("io.qrvid.remote");

  private final VideoProvider provider;
  private final GenerationStore store;
  private final CapabilityPolicy capabilityPolicy;
  private final Clock clock;
  private final RunEnv env;
  private final Duration requestTimeout;
  private final ProgressListener progressListener;
  private final HttpCaller caller;
  private final List<ExecutorService> owned = new ArrayList<>();
  private final Map<String, GenerationRun> active = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private TextToVideoClient(Builder b) {
    provider = Objects.requireNonNull(b.provider, "provider not set");
    store = b.store;
    capabilityPolicy = b.capabilityPolicy;
    clock = b.clock;
    requestTimeout = b.requestTimeout;
    progressListener = b.progressListener;
    Scheduler scheduler = b.scheduler;
    if (scheduler == null) {
      Executor workers = b.executor;
      if (workers == null) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(b.workers, b.workers, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), daemon("qrvid-remote-worker-"));
        pool.allowCoreThreadTimeOut(true);
        owned.add(pool);
        workers = pool;
      }
      ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon("qrvid-remote-timer-"));
      timer.setRemoveOnCancelPolicy(true);
      owned.add(timer);
      scheduler = new ExecutorScheduler(timer, workers);
    }
    ThreadPoolExecutor progress = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        daemon("qrvid-remote-progress-"));
    progress.allowCoreThreadTimeOut(true);
    owned.add(progress);
    OkHttpClient http = b.httpClient != null ? b.httpClient : new OkHttpClient.Builder()
        .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(30))
        .writeTimeout(Duration.ofSeconds(30)).build();
    caller = new HttpCaller(new Transport(http, provider.credentialOrigins()), b.retry, scheduler, clock, b.random,
        provider::isQuotaExhausted, b.requestTimeout);
    env = new RunEnv(provider, caller, store, clock, new ProgressDispatcher(progress), b.pollInterval, b.timeout,
        b.maxVideoBytes, b.outputFolder);
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** {@return a builder; {@link Builder#provider} is required} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the provider} */
  public VideoProvider provider() {
    return provider;
  }

  /** {@return the store records are kept in} */
  public GenerationStore store() {
    return store;
  }

  /**
   * Validates {@code request} against the generic bounds (done by its builder) and the provider's capabilities under
   * the configured {@link CapabilityPolicy}; returns the request that would be sent.
   *
   * @param request the request to check
   * @return the request to send: {@code request} itself, or a snapped copy under {@link CapabilityPolicy#SNAP}
   * @throws IllegalArgumentException if the provider cannot serve it under the policy
   * @throws NullPointerException if {@code request} is null
   */
  public GenerationRequest prepare(GenerationRequest request) {
    Objects.requireNonNull(request, "request == null");
    String model = request.model().orElse(provider.defaultModel());
    return provider.capabilities(model).apply(request, capabilityPolicy);
  }

  /**
   * Starts a generation. The record is saved (PENDING) before this method returns; everything else runs in the
   * background. Cancelling the returned future cancels the in-flight HTTP call, stops polling, cancels the provider
   * job where the provider supports it (unless it already succeeded), keeps any partial download for
   * {@link #resume} and records CANCELLED.
   *
   * @param progressListener receives progress on the client's progress thread
   * @return the generation's future (with its {@linkplain GenerationFuture#generationId() id}); completes with the
   *     result, or exceptionally with a {@link RemoteVideoException} subtype:
   *     {@link QuotaExceededException}, {@link GenerationTimeoutException}, {@link GenerationFailedException},
   *     {@link GenerationCancelledException} (provider-side cancel), {@link RetriesExhaustedException},
   *     {@link VideoDownloadException}, {@link RedirectRefusedException}
   * @param request what to generate
   * @throws IllegalArgumentException if the request fails the provider capability check
   * @throws IllegalStateException if the client is closed
   * @throws RemoteVideoException if the record cannot be saved
   * @throws NullPointerException if an argument is null
   */
  public GenerationFuture generate(GenerationRequest request, ProgressListener progressListener) {
    Objects.requireNonNull(progressListener, "progressListener == null");
    checkOpen();
    GenerationRequest sendable = prepare(request);
    String model = sendable.model().orElse(provider.defaultModel());
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    GenerationRecord record = GenerationRecord.builder()
        .id(UUID.randomUUID().toString())
        .prompt(sendable.prompt())
        .model(model)
        .provider(provider.name())
        .config(GenerationRun.configJson(sendable))
        .status(GenerationStatus.PENDING)
        .createdAt(now)
        .build();
    store.save(record);
    GenerationRun run = track(new GenerationRun(env, record, progressListener));
    run.start(sendable, model);
    return run.result();
  }

  /**
   * Same as {@link #generate(GenerationRequest, ProgressListener)} with the client's
   * {@linkplain Builder#progressListener(ProgressListener) default progress listener}.
   *
   * @param request what to generate
   * @return the generation's future, as {@link #generate(GenerationRequest, ProgressListener)} returns it
   * @throws IllegalArgumentException if the request fails the provider capability check
   * @throws IllegalStateException if the client is closed
   * @throws RemoteVideoException if the record cannot be saved
   * @throws NullPointerException if {@code request} is null
   */
  public GenerationFuture generate(GenerationRequest request) {
    return generate(request, progressListener);
  }

  /**
   * Same as {@link #resume(String, ProgressListener)} with the client's
   * {@linkplain Builder#progressListener(ProgressListener) default progress listener}.
   *
   * @param generationId the local generation id (the store key)
   * @return a future as {@link #resume(String, ProgressListener)} returns it
   * @throws IllegalArgumentException if no record has that id
   * @throws IllegalStateException if the client is closed
   * @throws NullPointerException if {@code generationId} is null
   */
  public GenerationFuture resume(String generationId) {
    return resume(generationId, progressListener);
  }

  /**
   * Continues a stored generation whose process died, timed out, failed on the way or was cancelled, from its stored
   * operation id: polls and downloads (continuing a kept {@code .part} file with {@code Range}), never submits
   * again. A COMPLETED record whose file exists completes at once; a generation already running in this client
   * returns its future. A job the provider itself cancelled fails again with {@link GenerationCancelledException}.
   * The overall {@linkplain Builder#timeout(Duration) timeout} starts anew.
   *
   * @param progressListener receives progress on the client's progress thread
   * @param generationId the local generation id (the store key)
   * @throws IllegalArgumentException if no record has that id
   * @throws IllegalStateException if the client is closed
   * @return a future like {@link #generate}'s; it fails with {@link RemoteVideoException} if the record has no
   *     operation id (the submit was never acknowledged, so it may or may not have created a job: resubmitting could
   *     pay twice, so the client refuses)
   * @throws NullPointerException if an argument is null
   */
  public GenerationFuture resume(String generationId, ProgressListener progressListener) {
    Objects.requireNonNull(generationId, "generationId == null");
    Objects.requireNonNull(progressListener, "progressListener == null");
    checkOpen();
    GenerationRun running = active.get(generationId);
    if (running != null) {
      return running.result();
    }
    GenerationRecord r = store.find(generationId)
        .orElseThrow(() -> new IllegalArgumentException("no generation " + generationId));
    if (r.status() == GenerationStatus.COMPLETED && r.videoPath().isPresent() && Files.exists(r.videoPath().get())) {
      Path v = r.videoPath().get();
      GenerationFuture done = new GenerationFuture(r.id());
      try {
        done.complete(new GenerationResult(r.id(), r.operationId().orElse(""), r.provider(), r.model(), v,
            Files.size(v), Duration.ZERO));
      } catch (java.io.IOException e) {
        done.completeExceptionally(new RemoteVideoException("cannot read " + v, e));
      }
      return done;
    }
    if (r.operationId().isEmpty()) {
      GenerationFuture refused = new GenerationFuture(r.id());
      refused.completeExceptionally(new RemoteVideoException("generation " + generationId
          + " has no operation id: the submit was never acknowledged; not resubmitting (it may have created a job)",
          null));
      return refused;
    }
    GenerationRun run = track(new GenerationRun(env, r, progressListener));
    run.resume();
    return run.result();
  }

  /**
   * Reads the provider status of {@code operationId} once (with retries), blocking the calling thread.
   *
   * @param operationId the provider's operation (job) id
   * @return the job's status as the provider reports it now
   * @throws RemoteVideoException (or a subtype) if the status cannot be read
   * @throws IllegalStateException if the client is closed
   * @throws NullPointerException if {@code operationId} is null
   */
  public JobStatus checkStatus(String operationId) {
    Objects.requireNonNull(operationId, "operationId == null");
    checkOpen();
    CallContext ctx = new CallContext();
    ctx.operationId(operationId);
    try {
      return caller.api(HttpCaller.Kind.READ, ctx, () -> provider.pollRequest(operationId), null,
          requestTimeout).thenApply(provider::parseStatus).join();
    } catch (RuntimeException e) {
      throw rethrow(e);
    }
  }

  /**
   * Cancels a generation by generation id or operation id, blocking until it is recorded and the provider's cancel
   * request (if any) has been answered, or {@linkplain Builder#requestTimeout(Duration) the request timeout} passed.
   * A generation running in this client is stopped, recorded CANCELLED with its partial download kept for
   * {@link #resume}, and its future cancelled; its provider job is cancelled where the provider supports it and the
   * job has not already succeeded. Otherwise the provider job is cancelled if the provider supports it, and a stored
   * non-terminal record with that id or operation id is marked CANCELLED. Safe to call from a shutdown hook.
   *
   * @return true if something was cancelled (a local run, a stored record, or a provider job)
   * @param id a local generation id or a provider operation id
   * @throws RemoteVideoException if the provider's cancel request for a job not running here fails
   * @throws NullPointerException if {@code id} is null
   */
  public boolean cancel(String id) {
    Objects.requireNonNull(id, "id == null");
    for (GenerationRun run : active.values()) {
      if (id.equals(run.id()) || id.equals(run.operationId())) {
        try {
          run.cancel("cancelled by caller").get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
          log.warn("provider cancel of generation {} did not finish: {}", run.id(), e.toString());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return true;
      }
    }
    Optional<GenerationRecord> rec = store.find(id).or(() -> store.list().stream()
        .filter(r -> r.operationId().filter(id::equals).isPresent()).findFirst());
    String op = rec.flatMap(GenerationRecord::operationId).orElse(id);
    boolean sent = false;
    Optional<ProviderRequest> req = provider.cancelRequest(op);
    if (req.isPresent()) {
      CallContext ctx = new CallContext();
      ctx.operationId(op);
      try {
        caller.api(HttpCaller.Kind.READ, ctx, req::get, null, requestTimeout).join();
      } catch (RuntimeException e) {
        throw rethrow(e);
      }
      sent = true;
    }
    if (rec.isPresent() && !rec.get().status().isTerminal()) {
      Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      store.save(rec.get().newBuilder().status(GenerationStatus.CANCELLED).finishedAt(now).updatedAt(now)
          .errorType(GenerationCancelledException.class.getSimpleName()).errorMessage("cancelled").build());
      return true;
    }
    return sent;
  }

  /**
   * {@return a queue that runs at most {@code maxConcurrent} generations of this client at once}
   *
   * @param maxConcurrent the most generations of the queue running at once, 1 or more
   * @throws IllegalArgumentException if {@code maxConcurrent < 1}
   */
  public GenerationQueue queue(int maxConcurrent) {
    return new GenerationQueue(this, maxConcurrent);
  }

  /** {@return the number of generations running in this client} */
  public int activeGenerations() {
    return active.size();
  }

  /**
   * Stops the client: running generations complete with {@link GenerationCancelledException} but their records stay
   * PENDING/PROCESSING (resumable), and provider jobs are not cancelled; threads the client created are shut down.
   * The store and an injected OkHttp client or executor are not closed. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    active.values().forEach(GenerationRun::abandon);
    active.clear();
    owned.forEach(ExecutorService::shutdownNow);
    log.trace("client closed");
  }

  private GenerationRun track(GenerationRun run) {
    active.put(run.id(), run);
    run.onDone(() -> active.remove(run.id(), run));
    run.result().whenComplete((r, e) -> active.remove(run.id(), run));
    return run;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("client is closed");
    }
  }

  private static RuntimeException rethrow(RuntimeException e) {
    Throwable t = HttpCaller.unwrap(e);
    return t instanceof RuntimeException ? (RuntimeException) t : new RemoteVideoException(t.toString(), t);
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private @Nullable VideoProvider provider;
    private @Nullable OkHttpClient httpClient;
    private RetryOptions retry = RetryOptions.defaults();
    private Duration pollInterval = Duration.ofSeconds(2);
    private Duration timeout = Duration.ofMinutes(10);
    private Duration requestTimeout = Duration.ofSeconds(60);
    private long maxVideoBytes = DEFAULT_MAX_VIDEO_BYTES;
    private Path outputFolder = Path.of(".");
    private GenerationStore store = new InMemoryGenerationStore();
    private @Nullable Executor executor;
    private int workers = 4;
    private CapabilityPolicy capabilityPolicy = CapabilityPolicy.REJECT;
    private ProgressListener progressListener = ProgressListener.NONE;
    private Clock clock = Clock.systemDefaultZone();
    private @Nullable Scheduler scheduler;
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

    private Builder() {}

    /**
     * Sets the provider. Required.
     *
     * @param provider the service that generates the videos
     * @return this builder
     * @throws NullPointerException if null
     */
    public Builder provider(VideoProvider provider) {
      this.provider = Objects.requireNonNull(provider, "provider == null");
      return this;
    }

    /**
     * Sets the OkHttp client (default: connect 10 s, read/write 30 s). The client derives variants that follow no
     * redirects (it follows them itself, under the credential rule) and, for submits, one with
     * {@code retryOnConnectionFailure(false)}; the caller keeps ownership.
     *
     * @param client the base client whose connection pool and dispatcher are shared
     * @return this builder
     * @throws NullPointerException if null
     */
    public Builder httpClient(OkHttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "client == null");
      return this;
    }

    /**
     * Sets the retry options (default {@link RetryOptions#defaults()}).
     *
     * @param retry how failed API calls are retried
     * @return this builder
     * @throws NullPointerException if null
     */
    public Builder retry(RetryOptions retry) {
      this.retry = Objects.requireNonNull(retry, "retry == null");
      return this;
    }

    /**
     * Sets the poll interval (default 2 s); a provider hint such as {@code openai-poll-after-ms} overrides it.
     *
     * @param d the wait between two status polls; zero polls back to back
     * @return this builder
     * @throws IllegalArgumentException if negative
     * @throws NullPointerException if {@code d} is null
     */
    public Builder pollInterval(Duration d) {
      this.pollInterval = nonNegative(d, "pollInterval");
      return this;
    }

    /**
     * Sets the overall timeout of a generation, from {@link TextToVideoClient#generate} (or
     * {@link TextToVideoClient#resume}) to the video in place, download included (default 10 min). When it passes,
     * the generation fails with {@link GenerationTimeoutException}; the record keeps its operation id and any
     * partial download, so {@code resume} can continue. Veo takes 11 s to 6 min per clip (third-party notes cited in
     * research/videogen.md, "Progress mapping"), so 10 min leaves room for a download.
     *
     * @param d the time budget of one generation
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @throws NullPointerException if {@code d} is null
     */
    public Builder timeout(Duration d) {
      this.timeout = positive(d, "timeout");
      return this;
    }

    /**
     * Sets the timeout of one API request attempt, whole call with its redirects (default 60 s); never beyond the
     * overall timeout.
     *
     * @param d the time budget of one attempt
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @throws NullPointerException if {@code d} is null
     */
    public Builder requestTimeout(Duration d) {
      this.requestTimeout = positive(d, "requestTimeout");
      return this;
    }

    /**
     * Sets the largest video the client accepts, in bytes (default {@value #DEFAULT_MAX_VIDEO_BYTES}, 1 GiB). It is
     * checked against the announced length ({@code Content-Length}, {@code Content-Range}, a provider's size) before
     * any byte is written, and against the bytes received while streaming; a larger video fails with
     * {@link VideoDownloadException} ({@link VideoDownloadException.Reason#TOO_LARGE}) and its partial file is
     * deleted. The default is above the largest request the generic bounds allow: 60 s at 4k and a generous
     * 100 Mbit/s is 750 MB.
     *
     * @param bytes the size limit in bytes, 1 or more
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxVideoBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxVideoBytes < 1: " + bytes);
      }
      this.maxVideoBytes = bytes;
      return this;
    }

    /**
     * Sets the folder videos are written to (default: the working directory); created if missing.
     *
     * @param folder where videos and their {@code .part} files are written
     * @return this builder
     * @throws NullPointerException if null
     */
    public Builder outputFolder(Path folder) {
      this.outputFolder = Objects.requireNonNull(folder, "folder == null");
      return this;
    }

    /**
     * Sets the store (default: a new {@link InMemoryGenerationStore}). The caller keeps ownership.
     *
     * @param store where generation records are kept
     * @return this builder
     * @throws NullPointerException if null
     */
    public Builder store(GenerationStore store) {
      this.store = Objects.requireNonNull(store, "store == null");
      return this;
    }

    /**
     * Sets the executor that runs HTTP work (default: an owned pool of {@link #workers(int)} daemon threads). The
     * caller keeps ownership; it must not run tasks on the calling thread.
     *
     * @param executor runs the HTTP calls and downloads
     * @return this builder
     * @throws NullPointerException if null
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor == null");
      return this;
    }

    /**
     * Sets the number of worker threads of the default pool (default 4); ignored when an
     * {@link #executor(Executor)} is supplied. Waits hold no worker, so 4 serve many concurrent generations.
     *
     * @param n the number of threads, 1 or more
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder workers(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("workers < 1: " + n);
      }
      this.workers = n;
      return this;
    }

    /**
     * Sets what happens when the provider cannot serve a request (default {@link CapabilityPolicy#REJECT}).
     *
     * @param policy reject the request, or snap it to what the provider supports
     * @return this builder
     * @throws NullPointerException if null
     */
    public Builder capabilityPolicy(CapabilityPolicy policy) {
      this.capabilityPolicy = Objects.requireNonNull(policy, "policy == null");
      return this;
    }

    /**
     * Sets the progress listener of generations started without one
     * ({@link TextToVideoClient#generate(GenerationRequest)}, {@link TextToVideoClient#resume(String)}); default:
     * none. It is called on the client's progress thread, for every such generation;
     * {@link ProgressEvent#generationId()} tells them apart.
     *
     * @param listener the default listener; {@link ProgressListener#NONE} for none
     * @return this builder
     * @throws NullPointerException if null
     */
    public Builder progressListener(ProgressListener listener) {
      this.progressListener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /**
     * Sets the clock for timeouts, elapsed-time progress, record times and file names (default: system clock, default
     * zone). Tests pass a fake clock together with a fake scheduler.
     *
     * @param clock the time source
     * @return this builder
     * @throws NullPointerException if null
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** Test hook: runs all waits and work on {@code scheduler} instead of the built-in executors. */
    Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler == null");
      return this;
    }

    /** Test hook: the random source for jitter, values in [0, 1). */
    Builder random(DoubleSupplier random) {
      this.random = Objects.requireNonNull(random, "random == null");
      return this;
    }

    /**
     * Builds the client.
     *
     * @return a thread-safe client; close it to stop the threads it created
     * @throws NullPointerException if no provider was set
     */
    public TextToVideoClient build() {
      return new TextToVideoClient(this);
    }

    private static Duration nonNegative(Duration d, String name) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " is negative");
      }
      return d;
    }

    private static Duration positive(Duration d, String name) {
      if (nonNegative(d, name).isZero()) {
        throw new IllegalArgumentException(name + " is zero");
      }
      return d;
    }
  }
}
