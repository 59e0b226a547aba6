package io.qrvid.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.qrvid.remote.GenerationResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's remote quick start compiles (it is {@link RemoteVideoExample}), runs, and matches the README. */
class RemoteVideoExampleIT {
  @TempDir Path tmp;

  @Test
  void theQuickStartGeneratesAVideoAgainstAGeminiShapedServer() throws Exception {
    byte[] video = new byte[50_000];
    new Random(5).nextBytes(video);
    AtomicInteger polls = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1beta/";
    server.createContext("/", x -> {
      String path = x.getRequestURI().getPath();
      x.getRequestBody().readAllBytes();
      if (!"k".equals(x.getRequestHeaders().getFirst("x-goog-api-key"))) {
        send(x, 401, "{}".getBytes(StandardCharsets.UTF_8));
      } else if (path.endsWith(":predictLongRunning")) {
        send(x, 200, "{\"name\":\"models/veo/operations/op1\"}".getBytes(StandardCharsets.UTF_8));
      } else if (path.endsWith("/operations/op1")) {
        String done = polls.incrementAndGet() < 2 ? "{\"done\":false}"
            : "{\"done\":true,\"response\":{\"generateVideoResponse\":{\"generatedSamples\":[{\"video\":{\"uri\":\""
                + base + "files/v:download?alt=media\"}}]}}}";
        send(x, 200, done.getBytes(StandardCharsets.UTF_8));
      } else if (path.startsWith("/v1beta/files/")) {
        send(x, 200, video);
      } else {
        send(x, 404, new byte[0]);
      }
    });
    server.start();
    try {
      GenerationResult r = RemoteVideoExample.generate(base, "k", tmp);

      assertThat(Files.readAllBytes(r.video())).isEqualTo(video);
      assertThat(r.video().getParent()).isEqualTo(tmp);
      assertThat(tmp.resolve("generations.mv.db")).exists();
    } finally {
      server.stop(0);
    }
  }

  private static void send(HttpExchange x, int code, byte[] body) throws IOException {
    x.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
    try (OutputStream o = x.getResponseBody()) {
      o.write(body);
    }
  }

  @Test
  void theReadmeShowsTheExampleVerbatim() throws Exception {
    Path readme = Path.of(System.getProperty("user.dir")).resolveSibling("README.md");
    Path source = Path.of("src/main/java/io/qrvid/examples/RemoteVideoExample.java");
    assumeTrue(Files.exists(readme) && Files.exists(source), "run from the qrvid-examples module folder");
    List<String> src = Files.readAllLines(source);
    int from = indexOf(src, "// README-BEGIN remote quick start") + 1;
    int to = indexOf(src, "// README-END remote quick start");
    List<String> region = src.subList(from, to);
    int indent = region.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
        .min().orElse(0);
    String expected = region.stream().map(l -> l.isBlank() ? "" : l.substring(indent))
        .collect(Collectors.joining("\n"));

    List<String> md = Files.readAllLines(readme);
    int heading = indexOf(md, "## Quick start: remote text-to-video");
    int open = heading + 1;
    while (!md.get(open).equals("```java")) {
      open++;
    }
    int close = open + 1;
    while (!md.get(close).equals("```")) {
      close++;
    }
    String shown = String.join("\n", md.subList(open + 1, close));

    assertThat(shown).isEqualTo(expected);
  }

  private static int indexOf(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().startsWith(prefix)) {
        return i;
      }
    }
    throw new AssertionError("no line starting with " + prefix);
  }
}
