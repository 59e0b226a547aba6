package io.qrvid.remote.internal;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.spi.Scheduler;
import io.qrvid.remote.GenerationCancelledException;
import io.qrvid.remote.GenerationTimeoutException;
import io.qrvid.remote.ProviderRequest;
import io.qrvid.remote.ProviderResponse;
import io.qrvid.remote.QuotaExceededException;
import io.qrvid.remote.RedirectRefusedException;
import io.qrvid.remote.RemoteVideoException;
import io.qrvid.remote.RetriesExhaustedException;
import io.qrvid.remote.RetryOptions;
import io.qrvid.remote.VideoDownloadException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes HTTP calls with Failsafe retry policies and maps failures to the typed exceptions. Not API.
 *
 * <p>Two call kinds: {@link Kind#SUBMIT} (a job-creating POST) is retried only when it cannot have reached the
 * server (connect failures) or on 429 (rate limit, not quota) / 503; {@link Kind#READ} (polls, downloads) is retried
 * on any I/O error and on 408, 429 (rate limit), 500, 502, 503, 504. Server-requested delays are waited exactly;
 * otherwise the delay is {@link RetryOptions#backoff}. Retry waits run on the {@link Scheduler}, never blocking a
 * worker. Redirects are followed hop by hop through the {@link Transport} (credentials only to trusted origins); a
 * redirect answering a submit is a {@link RedirectRefusedException}, never followed and never retried. API response
 * bodies are read up to {@link ProviderResponse#MAX_BODY_BYTES}.
 */
public final class HttpCaller {
  private static final Logger log = LoggerFactory.getLogger("io.qrvid.remote");

  /** What kind of call: decides which failures are retried. */
  public enum Kind {
    /** A job-creating request; never resent once it may have reached the server. */
    SUBMIT,
    /** An idempotent read (poll, download, status). */
    READ
  }

  /** One attempt of a call. */
  @FunctionalInterface
  public interface Attempt<T> {
    /** Runs the attempt; throws {@link HttpStatusException} for non-2xx responses. */
    T run(CallContext ctx) throws Exception;
  }

  private final Transport transport;
  private final RetryOptions options;
  private final Scheduler scheduler;
  private final Clock clock;
  private final DoubleSupplier random;
  private final Predicate<ProviderResponse> quota;
  private final Duration requestTimeout;

  /**
   * Creates a caller.
   *
   * @param transport builds requests under the credential rule
   * @param quota decides whether an error response means "quota used up" (never retried)
   * @param requestTimeout the whole-call timeout of one API request attempt, redirects included
   */
  public HttpCaller(Transport transport, RetryOptions options, Scheduler scheduler, Clock clock,
      DoubleSupplier random, Predicate<ProviderResponse> quota, Duration requestTimeout) {
    this.transport = transport;
    this.options = options;
    this.scheduler = scheduler;
    this.clock = clock;
    this.random = random;
    this.quota = quota;
    this.requestTimeout = requestTimeout;
  }

  /** Returns the scheduler that runs attempts and waits. */
  public Scheduler scheduler() {
    return scheduler;
  }

  /** Returns the transport. */
  public Transport transport() {
    return transport;
  }

  /**
   * Sends an API request with retries; completes with the 2xx response or a typed {@link RemoteVideoException}.
   *
   * @param deadline when to give up with {@link GenerationTimeoutException} (null: no deadline)
   * @param timeout the overall timeout to report in that exception
   */
  public CompletableFuture<ProviderResponse> api(Kind kind, CallContext ctx, Supplier<ProviderRequest> request,
      @Nullable Instant deadline, Duration timeout) {
    return call(kind, ctx, deadline, timeout, c -> send(kind, c, request.get(), deadline));
  }

  private ProviderResponse send(Kind kind, CallContext c, ProviderRequest first, @Nullable Instant deadline)
      throws Exception {
    OkHttpClient client = kind == Kind.SUBMIT ? transport.submitClient() : transport.client();
    long budget = requestTimeout.toMillis();
    if (deadline != null) {
      budget = Math.min(budget, Duration.between(clock.instant(), deadline).toMillis());
    }
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(1, budget));
    ProviderRequest req = first;
    for (int hops = 0; ; hops++) {
      Call call = client.newCall(transport.toOkHttp(req, Map.of()));
      call.timeout().timeout(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      c.register(call);
      try (Response r = call.execute()) {
        if (Transport.isRedirect(r.code())) {
          if (kind == Kind.SUBMIT) {
            String loc = r.header("Location");
            java.net.URI to = loc == null ? null : Transport.resolve(req.url(), loc);
            throw new RedirectRefusedException("the submit " + req + " was answered HTTP " + r.code()
                + " (redirect); a job-creating request is never sent again", r.code(),
                to == null ? null : Urls.redact(to), c.operationId());
          }
          req = Transport.nextHop(req, r, hops, c.operationId());
          continue;
        }
        ProviderResponse pr = ProviderResponse.of(r.code(), r.headers().toMultimap(),
            readCapped(r.body(), ProviderResponse.MAX_BODY_BYTES, req, r.code(), c), req.url());
        if (!pr.isSuccessful()) {
          throw new HttpStatusException(pr, req.toString());
        }
        return pr;
      } finally {
        c.unregister(call);
      }
    }
  }

  /** Reads at most {@code limit} bytes of {@code body}; a longer body is a non-retryable error. */
  private static byte[] readCapped(ResponseBody body, long limit, ProviderRequest req, int code, CallContext c)
      throws IOException {
    long len = body.contentLength();
    Buffer buf = new Buffer();
    if (len <= limit) {
      BufferedSource src = body.source();
      while (buf.size() <= limit && src.read(buf, 64 * 1024) != -1) {
        // keep reading
      }
    }
    if (len > limit || buf.size() > limit) {
      throw new RemoteVideoException("the response to " + req + " (HTTP " + code + ") is larger than "
          + limit + " bytes", code, null, c.operationId(), null);
    }
    return buf.readByteArray();
  }

  /**
   * Runs {@code attempt} under the retry policy of {@code kind}; completes with its value or a typed
   * {@link RemoteVideoException} ({@link GenerationCancelledException} if the context was cancelled).
   */
  public <T> CompletableFuture<T> call(Kind kind, CallContext ctx, @Nullable Instant deadline, Duration timeout,
      Attempt<T> attempt) {
    AtomicInteger attempts = new AtomicInteger();
    RetryPolicy<T> policy = RetryPolicy.<T>builder()
        .handleIf((r, e) -> e != null && retryable(kind, e))
        .abortIf((r, e) -> ctx.isCancelled() || CallContext.past(deadline, clock.instant()) || tooLong(e))
        .withMaxAttempts(options.maxAttempts())
        .withMaxDuration(options.maxDuration())
        .withDelayFn(c -> delay(c.getLastException(), c.getAttemptCount(), deadline))
        .onRetryScheduled(e -> log.debug("retrying op={} attempt={} in {} ms after {}", ctx.operationId(),
            e.getAttemptCount() + 1, e.getDelay().toMillis(), describe(e.getLastException())))
        .build();
    CompletableFuture<T> failsafe = Failsafe.with(policy).with(scheduler).getAsync(c -> {
      attempts.incrementAndGet();
      if (ctx.isCancelled()) {
        throw new CancellationException("cancelled");
      }
      return attempt.run(ctx);
    });
    ctx.register(failsafe);
    CompletableFuture<T> out = new CompletableFuture<>();
    failsafe.whenComplete((v, e) -> {
      ctx.unregister(failsafe);
      if (e == null) {
        out.complete(v);
      } else {
        out.completeExceptionally(translate(unwrap(e), kind, ctx, attempts.get(), deadline, timeout));
      }
    });
    return out;
  }

  /** Unwraps CompletionException, ExecutionException and FailsafeException. */
  public static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof CompletionException || t instanceof ExecutionException || t instanceof FailsafeException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private boolean retryable(Kind kind, Throwable e) {
    if (e instanceof HttpStatusException) {
      HttpStatusException s = (HttpStatusException) e;
      int code = s.code();
      if (code == 429) {
        return !quota.test(s.response());
      }
      if (kind == Kind.SUBMIT) {
        return code == 503;
      }
      return code == 408 || code == 500 || code == 502 || code == 503 || code == 504;
    }
    if (e instanceof CancellationException || e instanceof RemoteVideoException) {
      return false;
    }
    if (kind == Kind.SUBMIT) {
      return e instanceof ConnectException || e instanceof UnknownHostException
          || e instanceof NoRouteToHostException
          || (e instanceof SocketTimeoutException && String.valueOf(e.getMessage()).contains("connect"));
    }
    return e instanceof IOException;
  }

  private boolean tooLong(@Nullable Throwable e) {
    Duration d = serverDelay(e);
    return d != null && d.compareTo(options.maxRetryAfter()) > 0;
  }

  private @Nullable Duration serverDelay(@Nullable Throwable e) {
    if (e instanceof HttpStatusException) {
      HttpStatusException s = (HttpStatusException) e;
      return ErrorBodies.serverDelay(s.response(), clock.millis());
    }
    return null;
  }

  /** The wait before the next attempt: the server's, else the backoff; never past the deadline. */
  private Duration delay(@Nullable Throwable last, int attemptsSoFar, @Nullable Instant deadline) {
    Duration told = serverDelay(last);
    Duration d = told != null ? told : options.backoff(attemptsSoFar, random.getAsDouble());
    if (deadline != null) {
      Duration left = Duration.between(clock.instant(), deadline);
      if (left.compareTo(d) < 0) {
        d = left.isNegative() ? Duration.ZERO : left;
      }
    }
    return d;
  }

  private RemoteVideoException translate(Throwable e, Kind kind, CallContext ctx, int attempts,
      @Nullable Instant deadline, Duration timeout) {
    String op = ctx.operationId();
    if (ctx.isCancelled()) {
      return new GenerationCancelledException("cancelled", op);
    }
    if (CallContext.past(deadline, clock.instant())) {
      return new GenerationTimeoutException(timeout, op, e);
    }
    if (e instanceof RemoteVideoException) {
      return (RemoteVideoException) e;
    }
    if (e instanceof DownloadCheckException) {
      DownloadCheckException d = (DownloadCheckException) e;
      return new VideoDownloadException(VideoDownloadException.Reason.CHECKSUM_MISMATCH, d.getMessage()
          + (attempts > 1 ? " (on each of " + attempts + " attempts)" : ""), d.bytes(), op);
    }
    if (e instanceof HttpStatusException) {
      HttpStatusException s = (HttpStatusException) e;
      String reqId = ErrorBodies.requestId(s.response());
      String msg = ErrorBodies.message(s.response());
      Duration told = serverDelay(s);
      if (quota.test(s.response())) {
        return new QuotaExceededException("quota exceeded (HTTP " + s.code() + ")" + (msg == null ? "" : ": " + msg),
            s.code(), reqId, op, told);
      }
      if (told != null && told.compareTo(options.maxRetryAfter()) > 0) {
        return new QuotaExceededException("server asked to wait " + told.toSeconds() + " s, more than the "
            + options.maxRetryAfter().toSeconds() + " s allowed", s.code(), reqId, op, told);
      }
      RemoteVideoException base = new RemoteVideoException(s.getMessage() + (msg == null ? "" : ": " + msg),
          s.code(), reqId, op, null);
      if (retryable(kind, s) && attempts > 1) {
        return new RetriesExhaustedException(attempts, s.code(), reqId, op, base);
      }
      return base;
    }
    if (e instanceof CancellationException) {
      return new GenerationCancelledException("cancelled", op);
    }
    if (e instanceof InterruptedIOException && ctx.isCancelled()) {
      return new GenerationCancelledException("cancelled", op);
    }
    if (retryable(kind, e) && attempts > 1) {
      return new RetriesExhaustedException(attempts, -1, null, op, e);
    }
    return new RemoteVideoException((kind == Kind.SUBMIT ? "submit failed" : "request failed") + ": " + e,
        -1, null, op, e);
  }

  private static String describe(@Nullable Throwable e) {
    return e == null ? "?" : e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
