package io.qrvid.examples;

import io.qrvid.remote.AspectRatio;
import io.qrvid.remote.GeminiVeoProvider;
import io.qrvid.remote.GenerationFuture;
import io.qrvid.remote.GenerationRequest;
import io.qrvid.remote.GenerationResult;
import io.qrvid.remote.GenericJobProvider;
import io.qrvid.remote.JdbcGenerationStore;
import io.qrvid.remote.OpenAiVideosProvider;
import io.qrvid.remote.Resolution;
import io.qrvid.remote.TextToVideoClient;
import io.qrvid.remote.VertexVeoProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

/**
 * The README's remote quick start, as a program: one Veo generation on the Gemini API with progress, recorded in an
 * H2 database next to the videos. The README shows the body of {@link #generate} verbatim, and
 * {@code docs/remote.md} also the provider fragments of {@link #otherProviders} (the {@code QuickStartDriftTest} of
 * {@code qrvid-examples} keeps them equal).
 *
 * <pre>
 * GEMINI_API_KEY=... java -cp ... io.qrvid.examples.RemoteVideoExample [base-url [folder]]
 * java -cp ... io.qrvid.examples.RemoteVideoExample --local [folder]
 * </pre>
 *
 * <p>Arguments: the API base URL (default {@value GeminiVeoProvider#DEFAULT_BASE_URL}), then the folder for videos
 * and the database (default {@code videos}); the key comes from {@code GEMINI_API_KEY}. With {@code --local} the
 * generation runs against a {@link LocalGeminiServer} on the loopback interface (no key, no network), and the
 * program checks that the downloaded video is the one the server made. Uses no Humble Video or computer-vision
 * class; compiles against {@code qrvid-remote} alone (H2, optional there, is the only other dependency).
 */
public final class RemoteVideoExample {
  private RemoteVideoExample() {}

  /**
   * Entry point; exits with 3 when no API key is set (without {@code --local}).
   *
   * @param args {@code --local} or an optional base URL, then an optional folder
   * @throws IOException if {@code --local} cannot start its server or read the video back
   * @throws io.qrvid.remote.RemoteVideoException (wrapped in a {@link java.util.concurrent.CompletionException})
   *     if the generation fails
   * @throws IllegalStateException if {@code --local} downloaded other bytes than the server's video
   */
  public static void main(String[] args) throws IOException {
    if (args.length > 0 && args[0].equals("--local")) {
      Path videos = Path.of(args.length > 1 ? args[1] : "videos");
      byte[] video = new byte[50_000];
      new Random(5).nextBytes(video);
      try (LocalGeminiServer server = LocalGeminiServer.start("local-key", video)) {
        GenerationResult result = generate(server.baseUrl(), "local-key", videos);
        if (!Arrays.equals(Files.readAllBytes(result.video()), video)) {
          throw new IllegalStateException("the downloaded video differs from the local server's");
        }
        System.out.println("qrvid-remote quick start: OK (" + result.video() + ", " + result.sizeBytes()
            + " bytes, " + server.requests() + " requests to " + server.baseUrl() + ")");
      }
      return;
    }
    String apiKey = System.getenv("GEMINI_API_KEY");
    if (apiKey == null || apiKey.isBlank()) {
      System.err.println("set GEMINI_API_KEY, or try --local");
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
    // README-BEGIN remote
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
    // README-END remote
  }

  /**
   * The provider fragments of {@code docs/remote.md}: builds one provider of each other kind (no request is sent).
   *
   * @param key an API key for the generic provider
   */
  static void otherProviders(String key) {
    // README-BEGIN remote providers
    VertexVeoProvider.builder().project("my-project").location("us-central1")
        .bearerToken(() -> tokenFromGoogleAuth()).build();            // polls POST …:fetchPredictOperation
    OpenAiVideosProvider.builder().apiKey(System.getenv("OPENAI_API_KEY")).model("sora-2").build();
    GenericJobProvider.builder().baseUrl("https://api.dev.runwayml.com/v1/").apiKey(key)
        .header("X-Runway-Version", "2024-11-06").submitPath("text_to_video").pollPath("tasks/{id}")
        .cancel("DELETE", "tasks/{id}").statusPointer("/status").progressPointer("/progress", 1.0)
        .videoUrlPointer("/output/0").errorPointers("/failureCode", "/failure").model("gen4.5").build();
    // README-END remote providers
  }

  private static String tokenFromGoogleAuth() {
    throw new UnsupportedOperationException("get a token from Google's auth library or 'gcloud auth "
        + "print-access-token'");
  }
}
