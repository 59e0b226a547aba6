package io.qrvid.examples;

import io.qrvid.remote.AspectRatio;
import io.qrvid.remote.GeminiVeoProvider;
import io.qrvid.remote.GenerationFuture;
import io.qrvid.remote.GenerationRequest;
import io.qrvid.remote.GenerationResult;
import io.qrvid.remote.JdbcGenerationStore;
import io.qrvid.remote.Resolution;
import io.qrvid.remote.TextToVideoClient;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The README's remote quick start, as a program: one Veo generation on the Gemini API with progress, recorded in an
 * H2 database next to the videos. The README shows the body of {@link #generate} verbatim (a test keeps them equal).
 *
 * <pre>
 * GEMINI_API_KEY=... java -cp ... io.qrvid.examples.RemoteVideoExample [base-url [folder]]
 * </pre>
 *
 * <p>Arguments: the API base URL (default {@value GeminiVeoProvider#DEFAULT_BASE_URL}; a local test server works),
 * then the folder for videos and the database (default {@code videos}). The key comes from {@code GEMINI_API_KEY}.
 * Uses no Humble Video or computer-vision class.
 */
public final class RemoteVideoExample {
  private RemoteVideoExample() {}

  /**
   * Entry point.
   *
   * @param args optional base URL, then optional folder
   * @throws io.qrvid.remote.RemoteVideoException (wrapped in a {@link java.util.concurrent.CompletionException})
   *     if the generation fails
   */
  public static void main(String[] args) {
    String apiKey = System.getenv("GEMINI_API_KEY");
    if (apiKey == null || apiKey.isBlank()) {
      System.err.println("set GEMINI_API_KEY");
      System.exit(3);
    }
    String baseUrl = args.length > 0 ? args[0] : GeminiVeoProvider.DEFAULT_BASE_URL;
    Path videos = Path.of(args.length > 1 ? args[1] : "videos");
    GenerationResult result = generate(baseUrl, apiKey, videos);
    System.out.println("saved " + result.video() + " (" + result.sizeBytes() + " bytes, generation "
        + result.generationId() + ")");
  }

  /**
   * Generates one video into {@code videos}; blocks until it is in place.
   *
   * @param baseUrl the Gemini API base URL
   * @param apiKey the API key
   * @param videos the folder for the video and the {@code generations.mv.db} database
   * @return the result
   */
  static GenerationResult generate(String baseUrl, String apiKey, Path videos) {
    // README-BEGIN remote quick start
    try (JdbcGenerationStore store = JdbcGenerationStore.h2(videos.resolve("generations"));
         TextToVideoClient client = TextToVideoClient.builder()
             .provider(GeminiVeoProvider.builder().baseUrl(baseUrl).apiKey(apiKey).build())
             .store(store).outputFolder(videos).timeout(Duration.ofMinutes(10)).build()) {
      GenerationRequest request = GenerationRequest.builder("A red fox runs through fresh snow at dawn")
          .duration(Duration.ofSeconds(8)).aspectRatio(AspectRatio.LANDSCAPE_16_9).resolution(Resolution.P720)
          .build();
      GenerationFuture future = client.generate(request,
          e -> System.out.printf("%-11s %3.0f%%%n", e.phase(), 100 * e.fraction()));
      // future.generationId() is the store key: client.cancel(id) stops it, client.resume(id, listener) continues
      return future.join();
    }
    // README-END remote quick start
  }
}
