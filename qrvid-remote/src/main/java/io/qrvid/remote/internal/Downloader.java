package io.qrvid.remote.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One download attempt into a {@code .part} file: resumes with {@code Range: bytes=<size>-} when the part file is not
 * empty (a server without range support answers 200 and the file restarts), follows redirects itself and drops the
 * request's headers (API keys) when a redirect leaves the original host, and checks the length against
 * {@code Content-Length}/{@code Content-Range}. A short body throws {@link IOException}, so the retry policy resumes.
 * Not API.
 */
public final class Downloader {
  private static final int BUFFER = 64 * 1024;
  private static final int MAX_REDIRECTS = 10;

  /** Receives byte counts while downloading. */
  @FunctionalInterface
  public interface Progress {
    /** Called after each chunk; {@code total} is -1 if unknown. */
    void bytes(long have, long total);
  }

  private Downloader() {}

  /**
   * Runs one attempt; returns the final size of {@code part}.
   *
   * @param client a client with redirects disabled
   * @param deadline end of this attempt (the download timeout)
   * @throws HttpStatusException for a non-2xx final response
   * @throws IOException for I/O failures, short bodies, length mismatches
   * @throws CancellationException if {@code ctx} was cancelled
   */
  public static long attempt(OkHttpClient client, CallContext ctx, Request initial, Path part, Instant deadline,
      java.time.Clock clock, Progress progress) throws Exception {
    long have = Files.exists(part) ? Files.size(part) : 0;
    Request req = initial;
    for (int hops = 0; ; hops++) {
      Request.Builder rb = req.newBuilder();
      if (have > 0) {
        rb.header("Range", "bytes=" + have + "-");
      } else {
        rb.removeHeader("Range");
      }
      Call call = client.newCall(rb.build());
      long ms = Math.max(1, Duration.between(clock.instant(), deadline).toMillis());
      call.timeout().timeout(ms, TimeUnit.MILLISECONDS);
      ctx.register(call);
      try (Response r = call.execute()) {
        if (r.isRedirect()) {
          String location = r.header("Location");
          HttpUrl next = location == null ? null : req.url().resolve(location);
          if (next == null || hops >= MAX_REDIRECTS) {
            throw new IOException("bad or too many redirects (" + hops + ")");
          }
          req = sameOrigin(initial.url(), next)
              ? initial.newBuilder().url(next).build()
              : new Request.Builder().url(next).get().build();
          continue;
        }
        if (r.code() == 416 && have > 0) {
          truncate(part);
          throw new IOException("range not satisfiable at " + have + "; restarting");
        }
        if (!r.isSuccessful()) {
          ResponseBody eb = r.body();
          byte[] small = eb == null ? new byte[0] : eb.source().readByteArray(Math.min(eb.contentLength() < 0
              ? 8192 : eb.contentLength(), 8192));
          throw new HttpStatusException(r.code(), r.headers(), ErrorBodies.parseOrMissing(small),
              "GET " + HttpCaller.redact(req));
        }
        boolean append = false;
        long total = -1;
        if (r.code() == 206) {
          long[] range = contentRange(r.header("Content-Range"));
          if (range == null || range[0] != have) {
            truncate(part);
            throw new IOException("unexpected Content-Range " + r.header("Content-Range") + " for offset " + have);
          }
          append = true;
          total = range[1];
        } else {
          have = 0;
        }
        ResponseBody body = r.body();
        if (body == null) {
          throw new IOException("no body");
        }
        long len = body.contentLength();
        if (total < 0 && len >= 0) {
          total = have + len;
        }
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
            InputStream in = body.byteStream()) {
          byte[] buf = new byte[BUFFER];
          for (int n; (n = in.read(buf)) != -1; ) {
            if (ctx.isCancelled()) {
              throw new CancellationException("download cancelled");
            }
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
            while (bb.hasRemaining()) {
              ch.write(bb);
            }
            have += n;
            progress.bytes(have, total);
          }
          ch.force(true);
        }
        if (total >= 0 && have != total) {
          if (have > total) {
            truncate(part);
          }
          throw new IOException("length mismatch: have " + have + " of " + total + " bytes");
        }
        return have;
      } finally {
        ctx.unregister(call);
      }
    }
  }

  private static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equalsIgnoreCase(b.host()) && a.port() == b.port();
  }

  private static void truncate(Path part) throws IOException {
    Files.deleteIfExists(part);
  }

  /** Parses {@code bytes start-end/total}; returns {start, total or -1}, or null. */
  static long[] contentRange(String header) {
    if (header == null || !header.startsWith("bytes ")) {
      return null;
    }
    try {
      String spec = header.substring(6).trim();
      int dash = spec.indexOf('-');
      int slash = spec.indexOf('/');
      long start = Long.parseLong(spec.substring(0, dash));
      String t = spec.substring(slash + 1);
      return new long[] {start, "*".equals(t) ? -1 : Long.parseLong(t)};
    } catch (RuntimeException e) {
      return null;
    }
  }
}
