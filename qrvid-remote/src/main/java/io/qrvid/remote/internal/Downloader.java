package io.qrvid.remote.internal;

import io.qrvid.remote.ProviderRequest;
import io.qrvid.remote.ProviderResponse;
import io.qrvid.remote.RemoteVideoException;
import io.qrvid.remote.VideoDownloadException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * One download attempt into a {@code .part} file. Not API.
 *
 * <ul>
 *   <li><b>Resume:</b> a non-empty part file is continued with {@code Range: bytes=<size>-}; a server without range
 *       support answers 200 and the file restarts.
 *   <li><b>Credentials:</b> redirects are followed here, hop by hop; each hop gets the provider's credentials only
 *       if its origin is trusted ({@link Transport}).
 *   <li><b>Complete means verified:</b> the body's length must be known and matched: {@code Content-Length} or the
 *       {@code Content-Range} total, or the message framing (a chunked or HTTP/2 body, whose truncation OkHttp
 *       reports as an error). A body delimited only by the connection closing proves nothing, so the client then
 *       probes with {@code Range: bytes=<size>-}: a 416 naming the same total confirms it, a 206 with more bytes
 *       continues it, anything else leaves it unverified ({@link VideoDownloadException.Reason#LENGTH_UNVERIFIED}).
 *       A size or SHA-256 from the provider's status, and {@code x-goog-hash} (MD5, CRC32C of the whole object, as
 *       Google Cloud Storage sends), are checked in addition when present.
 *   <li><b>Bounded:</b> the attempt's call timeout is the generation's overall deadline, so a trickle cannot
 *       outlive it; the announced length and the bytes received are checked against the size cap.
 *   <li><b>No symlinks:</b> the part file is opened with {@code NOFOLLOW_LINKS}; a symbolic link planted at its name
 *       is refused.
 * </ul>
 */
public final class Downloader {
  private static final int BUFFER = 64 * 1024;
  /** Range probes after a connection-delimited body: each continues the file, so a few suffice. */
  private static final int MAX_PROBES = 3;

  /** Receives byte counts while downloading. */
  @FunctionalInterface
  public interface Progress {
    /** Called after each chunk; {@code total} is -1 if unknown. */
    void bytes(long have, long total);
  }

  /**
   * What the provider said about the file, checked after the download.
   *
   * @param size the size in bytes, or -1
   * @param sha256 lower-case hex SHA-256, or null
   */
  public record Expect(long size, @Nullable String sha256) {
    /** Nothing known. */
    public static final Expect NONE = new Expect(-1, null);
  }

  private Downloader() {}

  /**
   * Runs one attempt; returns the final, verified size of {@code part}.
   *
   * @param deadline the generation's overall deadline (bounds the whole attempt)
   * @param maxBytes the size cap
   * @throws HttpStatusException for a non-2xx final response (retryable per status)
   * @throws IOException for I/O failures, cut bodies, length mismatches (retryable, resumes)
   * @throws DownloadCheckException for a checksum or provider-size mismatch (retryable, restarts from 0)
   * @throws VideoDownloadException for a size-cap violation or an unverifiable length (not retried)
   * @throws CancellationException if {@code ctx} was cancelled
   */
  public static long attempt(Transport transport, CallContext ctx, ProviderRequest initial, Path part,
      Instant deadline, Clock clock, long maxBytes, Expect expect, Progress progress) throws Exception {
    String op = ctx.operationId();
    long have = partSize(part, op);
    if (expect.size() > maxBytes) {
      throw tooLarge(part, "the provider announced " + expect.size() + " bytes", expect.size(), maxBytes, op);
    }
    if (have > maxBytes || (expect.size() >= 0 && have > expect.size())) {
      Files.deleteIfExists(part);
      have = 0;
    }
    OkHttpClient client = transport.client();
    ProviderRequest req = initial;
    int hops = 0;
    int probes = 0;
    boolean unverifiedEnd = false; // a connection-delimited body ended: the next response is a probe
    Map<String, String> lastHashes = Map.of();
    while (true) {
      Map<String, String> extra = new HashMap<>();
      extra.put("Accept-Encoding", "identity"); // lengths and checksums refer to the bytes on the wire
      if (have > 0) {
        extra.put("Range", "bytes=" + have + "-");
      }
      Call call = client.newCall(transport.toOkHttp(req, extra));
      long ms = Math.max(1, Duration.between(clock.instant(), deadline).toMillis());
      call.timeout().timeout(ms, TimeUnit.MILLISECONDS);
      ctx.register(call);
      try (Response r = call.execute()) {
        int code = r.code();
        if (Transport.isRedirect(code)) {
          req = Transport.nextHop(req, r, hops++, op);
          continue;
        }
        if (code == 416 && have > 0) {
          long[] cr = contentRange(r.header("Content-Range"));
          if (cr != null && cr[0] < 0 && cr[1] == have) {
            lastHashes = hashes(r);
            break; // the server confirms the file is whole
          }
          Files.deleteIfExists(part);
          throw new IOException("range not satisfiable at " + have + " (" + r.header("Content-Range")
              + "); restarting");
        }
        if (!r.isSuccessful()) {
          throw new HttpStatusException(ProviderResponse.of(code, r.headers().toMultimap(), small(r.body()),
              req.url()), req.toString());
        }
        ResponseBody body = r.body();
        long len = body.contentLength();
        long total;
        boolean append;
        if (code == 206) {
          long[] cr = contentRange(r.header("Content-Range"));
          if (cr == null || cr[0] != have) {
            Files.deleteIfExists(part);
            throw new IOException("unexpected Content-Range " + r.header("Content-Range") + " for offset " + have);
          }
          append = true;
          total = cr[1]; // -1 for "bytes a-b/*": this part's end is known, the file's is not
        } else {
          if (unverifiedEnd) {
            // The probe was answered with the whole file again: its length may confirm what we have.
            if (len >= 0 && len == have) {
              lastHashes = hashes(r);
              break;
            }
            throw new VideoDownloadException(VideoDownloadException.Reason.LENGTH_UNVERIFIED, "the download of "
                + Urls.redact(req.url()) + " ended after " + have + " bytes with no Content-Length, chunked or "
                + "HTTP/2 framing, and the server does not answer Range requests: cannot tell whether it is whole",
                have, op);
          }
          append = false;
          have = 0;
          total = len;
        }
        if (total > maxBytes) {
          throw tooLarge(part, "the server announced " + total + " bytes", total, maxBytes, op);
        }
        if (expect.size() >= 0 && total >= 0 && total != expect.size()) {
          Files.deleteIfExists(part);
          throw new DownloadCheckException("the server announced " + total + " bytes, the provider's status "
              + expect.size(), total);
        }
        long before = have;
        have = stream(body, part, append, have, total, maxBytes, ctx, progress, op);
        lastHashes = hashes(r);
        if (total >= 0) {
          if (have != total) {
            if (have > total) {
              Files.deleteIfExists(part);
            }
            throw new IOException("length mismatch: have " + have + " of " + total + " bytes");
          }
          break;
        }
        if (isFramed(r)) {
          break; // chunked / HTTP/2: OkHttp throws on a truncated body, so EOF here is the real end
        }
        if (expect.size() >= 0) {
          if (have != expect.size()) {
            throw new IOException("length mismatch: have " + have + " of " + expect.size() + " bytes");
          }
          break;
        }
        if (unverifiedEnd && have == before) {
          throw new VideoDownloadException(VideoDownloadException.Reason.LENGTH_UNVERIFIED, "the download of "
              + Urls.redact(req.url()) + " ended after " + have + " bytes with no length information", have, op);
        }
        if (++probes > MAX_PROBES) {
          throw new VideoDownloadException(VideoDownloadException.Reason.LENGTH_UNVERIFIED, "the download of "
              + Urls.redact(req.url()) + " kept ending without length information (" + have + " bytes)", have, op);
        }
        unverifiedEnd = true; // probe: Range from here
      } finally {
        ctx.unregister(call);
      }
    }
    verify(part, have, expect, lastHashes);
    progress.bytes(have, have);
    return have;
  }

  /** Writes an inline video to {@code part} (replacing it), without following a symbolic link, and syncs it. */
  public static void writeAll(Path part, byte[] bytes) throws IOException {
    partSize(part, null);
    try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
      ByteBuffer bb = ByteBuffer.wrap(bytes);
      while (bb.hasRemaining()) {
        ch.write(bb);
      }
      ch.force(true);
    }
  }

  /** Returns the size of an existing regular part file, 0 if absent; refuses symbolic links and other types. */
  private static long partSize(Path part, @Nullable String op) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(part, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return 0;
    }
    if (!a.isRegularFile()) {
      throw new RemoteVideoException("refusing to write the download through " + part
          + ": it is not a regular file (a symbolic link or other special file is in the way)", -1, null, op, null);
    }
    return a.size();
  }

  private static long stream(ResponseBody body, Path part, boolean append, long from, long total, long maxBytes,
      CallContext ctx, Progress progress, @Nullable String op) throws IOException {
    long have = from;
    long over = -1;
    try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
        InputStream in = body.byteStream()) {
      byte[] buf = new byte[BUFFER];
      for (int n; (n = in.read(buf)) != -1; ) {
        if (ctx.isCancelled()) {
          throw new CancellationException("download cancelled");
        }
        if (have + n > maxBytes) {
          over = have + n;
          break;
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
    if (over >= 0) {
      throw tooLarge(part, "the body passed the limit while streaming", over, maxBytes, op);
    }
    return have;
  }

  private static VideoDownloadException tooLarge(Path part, String what, long bytes, long maxBytes,
      @Nullable String op) throws IOException {
    Files.deleteIfExists(part);
    return new VideoDownloadException(VideoDownloadException.Reason.TOO_LARGE, "video too large: " + what
        + " (" + bytes + "), more than the limit of " + maxBytes + " bytes", bytes, op);
  }

  /** Chunked HTTP/1.1 or HTTP/2+: the transport reports a cut body as an error. */
  private static boolean isFramed(Response r) {
    Protocol p = r.protocol();
    if (p == Protocol.HTTP_2 || p == Protocol.H2_PRIOR_KNOWLEDGE || p == Protocol.QUIC) {
      return true;
    }
    String te = r.header("Transfer-Encoding");
    return te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
  }

  /** Checks the provider's size and SHA-256 and the storage's {@code x-goog-hash}; deletes the file on mismatch. */
  private static void verify(Path part, long have, Expect expect, Map<String, String> hashes) throws IOException {
    if (expect.size() >= 0 && have != expect.size()) {
      Files.deleteIfExists(part);
      throw new DownloadCheckException("size " + have + " differs from the provider's " + expect.size(), have);
    }
    String sha = expect.sha256();
    String md5 = hashes.get("md5");
    String crc = hashes.get("crc32c");
    if (sha == null && md5 == null && crc == null) {
      return;
    }
    MessageDigest sha256 = digest("SHA-256");
    MessageDigest md = digest("MD5");
    CRC32C crc32c = new CRC32C();
    try (InputStream in = Files.newInputStream(part, LinkOption.NOFOLLOW_LINKS)) {
      byte[] buf = new byte[BUFFER];
      for (int n; (n = in.read(buf)) != -1; ) {
        if (sha != null) {
          sha256.update(buf, 0, n);
        }
        if (md5 != null) {
          md.update(buf, 0, n);
        }
        if (crc != null) {
          crc32c.update(buf, 0, n);
        }
      }
    }
    String problem = null;
    if (sha != null && !HexFormat.of().formatHex(sha256.digest()).equalsIgnoreCase(sha)) {
      problem = "SHA-256 differs from the provider's";
    } else if (md5 != null && !Base64.getEncoder().encodeToString(md.digest()).equals(md5)) {
      problem = "MD5 differs from x-goog-hash";
    } else if (crc != null) {
      long v = crc32c.getValue();
      byte[] be = {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
      if (!Base64.getEncoder().encodeToString(be).equals(crc)) {
        problem = "CRC32C differs from x-goog-hash";
      }
    }
    if (problem != null) {
      Files.deleteIfExists(part);
      throw new DownloadCheckException("downloaded file rejected: " + problem, have);
    }
  }

  private static MessageDigest digest(String name) {
    try {
      return MessageDigest.getInstance(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(name + " is required by every Java platform", e);
    }
  }

  /**
   * Parses Google Cloud Storage's {@code x-goog-hash: crc32c=<b64>,md5=<b64>} (whole-object hashes, also on range
   * responses). Ignored when the object is stored gzip-encoded, where the hashes describe the stored bytes.
   */
  static Map<String, String> hashes(Response r) {
    if ("gzip".equalsIgnoreCase(r.header("x-goog-stored-content-encoding", ""))) {
      return Map.of();
    }
    Map<String, String> out = new HashMap<>();
    List<String> values = r.headers("x-goog-hash");
    for (String v : values) {
      for (String part : v.split(",")) {
        int eq = part.indexOf('=');
        if (eq > 0) {
          String k = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
          if (k.equals("md5") || k.equals("crc32c")) {
            out.put(k, part.substring(eq + 1).trim());
          }
        }
      }
    }
    return out;
  }

  /** Reads at most 8 KiB of an error body (enough for a JSON error), never waiting for more. */
  private static byte[] small(ResponseBody b) throws IOException {
    Buffer buf = new Buffer();
    BufferedSource src = b.source();
    while (buf.size() < 8192 && src.read(buf, 8192 - buf.size()) != -1) {
      // keep reading
    }
    return buf.readByteArray();
  }

  /**
   * Parses {@code bytes start-end/total} and {@code bytes *}{@code /total}; returns {start (or -1 for *), total (or -1
   * for *)}, or null if malformed.
   */
  static long @Nullable [] contentRange(@Nullable String header) {
    if (header == null || !header.startsWith("bytes ")) {
      return null;
    }
    try {
      String spec = header.substring(6).trim();
      int slash = spec.indexOf('/');
      String range = spec.substring(0, slash).trim();
      String t = spec.substring(slash + 1).trim();
      long total = "*".equals(t) ? -1 : Long.parseLong(t);
      if (range.equals("*")) {
        return new long[] {-1, total};
      }
      long start = Long.parseLong(range.substring(0, range.indexOf('-')));
      return new long[] {start, total};
    } catch (RuntimeException e) {
      return null;
    }
  }
}
