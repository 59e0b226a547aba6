package io.qrvid.remote;

import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * A scripted provider on MockWebServer: per route, scripted responses are served first, then defaults (submit ->
 * accepted with a fresh id, poll -> done, download -> the video with Range support, cancel -> 200).
 */
final class FakeVideoServer extends Dispatcher implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  final MockWebServer server = new MockWebServer();
  final ProviderFixture fx;
  final byte[] video;
  private final Map<Route, Deque<Function<RecordedRequest, MockResponse.Builder>>> scripts = new EnumMap<>(Route.class);
  private final Map<Route, AtomicInteger> counts = new EnumMap<>(Route.class);
  private final List<RecordedRequest> requests = new ArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  volatile boolean rangeSupported = true;
  volatile Function<RecordedRequest, MockResponse.Builder> pollDefault;

  FakeVideoServer(ProviderFixture fx) throws Exception {
    this.fx = fx;
    this.video = new byte[300_000];
    new Random(42).nextBytes(video);
    for (Route r : Route.values()) {
      scripts.put(r, new ConcurrentLinkedDeque<>());
      counts.put(r, new AtomicInteger());
    }
    server.setDispatcher(this);
    server.setServerSocketFactory(NoDelaySockets.server());
    server.start();
    pollDefault = r -> fx.done(url());
  }

  HttpUrl url() {
    return server.url("/");
  }

  VideoProvider provider() {
    return fx.provider(url());
  }

  FakeVideoServer then(Route route, MockResponse.Builder... responses) {
    for (MockResponse.Builder m : responses) {
      scripts.get(route).addLast(r -> m);
    }
    return this;
  }

  FakeVideoServer then(Route route, Function<RecordedRequest, MockResponse.Builder> fn) {
    scripts.get(route).addLast(fn);
    return this;
  }

  int count(Route route) {
    return counts.get(route).get();
  }

  synchronized List<RecordedRequest> requests(Route route) {
    List<RecordedRequest> out = new ArrayList<>();
    for (RecordedRequest r : requests) {
      if (fx.route(r) == route) {
        out.add(r);
      }
    }
    return out;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    return respond(request).build();
  }

  private MockResponse.Builder respond(RecordedRequest request) {
    Route route = fx.route(request);
    counts.get(route).incrementAndGet();
    synchronized (this) {
      requests.add(request);
    }
    Function<RecordedRequest, MockResponse.Builder> scripted = scripts.get(route).pollFirst();
    if (scripted != null) {
      return scripted.apply(request);
    }
    switch (route) {
      case SUBMIT:
        return fx.submitted(ids.incrementAndGet());
      case POLL:
        return pollDefault.apply(request);
      case DOWNLOAD:
        return download(request);
      case CANCEL:
        return ProviderFixture.json(200, "{}");
      default:
        return new MockResponse.Builder().code(404);
    }
  }

  /** Serves the video, honouring {@code Range: bytes=N-} when {@link #rangeSupported}. */
  MockResponse.Builder download(RecordedRequest request) {
    String range = request.getHeaders().get("Range");
    Matcher m = range == null ? null : RANGE.matcher(range);
    if (rangeSupported && m != null && m.matches()) {
      int from = Integer.parseInt(m.group(1));
      if (from >= video.length) {
        return new MockResponse.Builder().code(416).setHeader("Content-Range", "bytes */" + video.length);
      }
      Buffer b = new Buffer().write(video, from, video.length - from);
      return new MockResponse.Builder().code(206).setHeader("Accept-Ranges", "bytes")
          .setHeader("Content-Range", "bytes " + from + "-" + (video.length - 1) + "/" + video.length)
          .setHeader("Content-Type", "video/mp4").body(b);
    }
    MockResponse.Builder r = new MockResponse.Builder().setHeader("Content-Type", "video/mp4").body(new Buffer().write(video));
    if (rangeSupported) {
      r.setHeader("Accept-Ranges", "bytes");
    }
    return r;
  }

  @Override
  public void close() {
    server.close();
  }
}
