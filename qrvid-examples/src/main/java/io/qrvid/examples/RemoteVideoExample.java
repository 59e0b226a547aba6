package io.qrvid.examples;

import io.qrvid.remote.GenerationRequest;
import io.qrvid.remote.GenerationResult;
import io.qrvid.remote.InMemoryGenerationStore;
import io.qrvid.remote.OpenAiVideosProvider;
import io.qrvid.remote.TextToVideoClient;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs one text-to-video generation against an OpenAI-style {@code /v1/videos} server and prints progress.
 *
 * <pre>
 * QRVID_API_KEY=... java -cp ... io.qrvid.examples.RemoteVideoExample https://api.openai.com/v1/ "a red fox in snow"
 * </pre>
 *
 * <p>Arguments: the base URL (including {@code /v1/}), then optionally the prompt. The key comes from the
 * {@code QRVID_API_KEY} environment variable ({@code test} if unset, which suits a local test server). The video is
 * written to the working directory. Uses no Humble Video class.
 */
public final class RemoteVideoExample {
  private RemoteVideoExample() {}

  /**
   * Entry point.
   *
   * @param args base URL, then optional prompt words
   * @throws Exception if the generation fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: RemoteVideoExample <base-url> [prompt...]");
      System.exit(2);
    }
    String prompt = args.length > 1 ? String.join(" ", java.util.Arrays.copyOfRange(args, 1, args.length))
        : "A paper boat drifting down a rainy street, cinematic";
    String key = System.getenv().getOrDefault("QRVID_API_KEY", "test");
    try (TextToVideoClient client = TextToVideoClient.builder()
        .provider(OpenAiVideosProvider.builder().baseUrl(args[0]).apiKey(key).build())
        .store(new InMemoryGenerationStore())
        .outputFolder(Path.of("."))
        .pollInterval(Duration.ofSeconds(2))
        .timeout(Duration.ofMinutes(5))
        .build()) {
      GenerationResult r = client.generate(GenerationRequest.builder(prompt).duration(Duration.ofSeconds(8)).build(),
          e -> System.out.printf("%-11s %5.1f%%%s%n", e.phase(), 100 * e.fraction(),
              e.totalBytes() > 0 ? "  " + e.bytes() + "/" + e.totalBytes() + " bytes" : "")).join();
      System.out.println("saved " + r.video().toAbsolutePath().normalize() + " (" + r.sizeBytes() + " bytes, operation "
          + r.operationId() + ")");
    }
  }
}
