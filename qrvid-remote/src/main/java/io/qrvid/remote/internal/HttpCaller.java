package io.qrvid.remote.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.spi.Scheduler;
import io.qrvid.remote.GenerationCancelledException;
import io.qrvid.remote.GenerationTimeoutException;
import io.qrvid.remote.QuotaExceededException;
import io.qrvid.remote.RemoteVideoException;
import io.qrvid.remote.RetriesExhaustedException;
import io.qrvid.remote.RetryOptions;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
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
 * worker.
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
    /** Runs the attempt with the given client; throws {@link HttpStatusException} for non-2xx responses. */
    T run(OkHttpClient client, CallContext ctx) throws Exception;
  }

  /** A buffered 2xx JSON response. */
  public record JsonResponse(int code, Headers headers, JsonNode body) {}

  private final OkHttpClient readClient;
  private final OkHttpClient submitClient;
  private final RetryOptions options;
  private final Scheduler scheduler;
  private final Clock clock;
  private final DoubleSupplier random;
  private final BiPredicate<Integer, JsonNode> quota;
  private final Duration requestTimeout;

  /**
   * Creates a caller.
   *
   * @param client the base client; submits use a derived client with {@code retryOnConnectionFailure(false)}
   * @param quota decides whether an error body means "quota used up" (never retried)
   * @param requestTimeout the whole-call timeout of one JSON request attempt
   */
  public HttpCaller(OkHttpClient client, RetryOptions options, Scheduler scheduler, Clock clock,
      DoubleSupplier random, BiPredicate<Integer, JsonNode> quota, Duration requestTimeout) {
    this.readClient = client;
    this.submitClient = client.newBuilder().retryOnConnectionFailure(false).build();
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

  /** Returns the client used for reads. */
  public OkHttpClient readClient() {
    return readClient;
  }

  /**
   * Sends a JSON request with retries; completes with the 2xx response or a typed {@link RemoteVideoException}.
   *
   * @param deadline when to give up with {@link GenerationTimeoutException} (null: no deadline)
   * @param timeout the overall timeout to report in that exception
   */
  public CompletableFuture<JsonResponse> json(Kind kind, CallContext ctx, Supplier<Request> request,
      @Nullable Instant deadline, Duration timeout) {
    return call(kind, ctx, deadline, timeout, (client, c) -> {
      Request req = request.get();
      Call call = client.newCall(req);
      long ms = requestTimeout.toMillis();
      if (deadline != null) {
        ms = Math.min(ms, Math.max(1, Duration.between(clock.instant(), deadline).toMillis()));
      }
      call.timeout().timeout(ms, TimeUnit.MILLISECONDS);
      c.register(call);
      try (Response r = call.execute()) {
        ResponseBody rb = r.body();
        byte[] bytes = rb == null ? new byte[0] : rb.bytes();
        JsonNode body = ErrorBodies.parseOrMissing(bytes);
        if (!r.isSuccessful()) {
          throw new HttpStatusException(r.code(), r.headers(), body, req.method() + " " + redact(req));
        }
        if (body.isMissingNode()) {
          throw new RemoteVideoException("response of " + req.method() + " " + redact(req) + " is not JSON",
              r.code(), ErrorBodies.requestId(r.headers()), c.operationId(), null);
        }
        return new JsonResponse(r.code(), r.headers(), body);
      } finally {
        c.unregister(call);
      }
    });
  }

  /**
   * Runs {@code attempt} under the retry policy of {@code kind}; completes with its value or a typed
   * {@link RemoteVideoException} ({@link GenerationCancelledException} if the context was cancelled).
   */
  public <T> CompletableFuture<T> call(Kind kind, CallContext ctx, @Nullable Instant deadline, Duration timeout,
      Attempt<T> attempt) {
    OkHttpClient client = kind == Kind.SUBMIT ? submitClient : readClient;
    AtomicInteger attempts = new AtomicInteger();
    RetryPolicy<T> policy = RetryPolicy.<T>builder()
        .handleIf((r, e) -> e != null && retryable(kind, e))
        .abortIf((r, e) -> ctx.isCancelled() || CallContext.past(deadline, clock.instant()) || tooLong(e))
        .withMaxAttempts(options.maxAttempts())
        .withMaxDuration(options.maxDuration())
        .withDelayFn(c -> delay(c.getLastException(), c.getAttemptCount()))
        .onRetryScheduled(e -> log.debug("retrying op={} attempt={} in {} ms after {}", ctx.operationId(),
            e.getAttemptCount() + 1, e.getDelay().toMillis(), describe(e.getLastException())))
        .build();
    CompletableFuture<T> failsafe = Failsafe.with(policy).with(scheduler).getAsync(c -> {
      attempts.incrementAndGet();
      if (ctx.isCancelled()) {
        throw new CancellationException("cancelled");
      }
      return attempt.run(client, ctx);
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
        return !quota.test(code, s.body());
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
      return ErrorBodies.serverDelay(s.headers(), s.body(), clock.millis());
    }
    return null;
  }

  private Duration delay(@Nullable Throwable last, int attemptsSoFar) {
    Duration told = serverDelay(last);
    if (told != null) {
      return told;
    }
    return options.backoff(attemptsSoFar, random.getAsDouble());
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
    if (e instanceof HttpStatusException) {
      HttpStatusException s = (HttpStatusException) e;
      String reqId = ErrorBodies.requestId(s.headers());
      String msg = ErrorBodies.message(s.body());
      Duration told = serverDelay(s);
      if (quota.test(s.code(), s.body())) {
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

  /** Returns scheme, host and path of a request, without query (which may hold {@code key=}). */
  public static String redact(Request r) {
    return r.url().scheme() + "://" + r.url().host() + ":" + r.url().port() + r.url().encodedPath();
  }
}
