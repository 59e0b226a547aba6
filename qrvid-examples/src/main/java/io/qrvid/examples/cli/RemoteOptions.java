package io.qrvid.examples.cli;

import io.qrvid.remote.GeminiVeoProvider;
import io.qrvid.remote.GenericJobProvider;
import io.qrvid.remote.OpenAiVideosProvider;
import io.qrvid.remote.VertexVeoProvider;
import io.qrvid.remote.VideoProvider;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Builds providers from command-line values; shared by the remote commands and the example. */
final class RemoteOptions {
  private RemoteOptions() {}

  /** The default generation database: {@code ~/.qrvid/generations} (H2 appends {@code .mv.db}). */
  static Path defaultDatabase() {
    return Path.of(System.getProperty("user.home"), ".qrvid", "generations");
  }

  /**
   * Returns the provider {@code name} ({@code veo}, {@code vertex}, {@code openai}, {@code generic}).
   *
   * @throws IllegalArgumentException for an unknown name or a missing required value
   */
  static VideoProvider provider(String name, @Nullable String baseUrl, String key, @Nullable String model,
      @Nullable String project, String location) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "veo":
      case "gemini": {
        GeminiVeoProvider.Builder b = GeminiVeoProvider.builder().apiKey(key);
        if (baseUrl != null) {
          b.baseUrl(baseUrl);
        }
        if (model != null) {
          b.model(model);
        }
        return b.build();
      }
      case "vertex": {
        if (project == null) {
          throw new IllegalArgumentException("--project is required for vertex");
        }
        VertexVeoProvider.Builder b = VertexVeoProvider.builder().project(project).location(location)
            .bearerToken(() -> key);
        if (baseUrl != null) {
          b.baseUrl(baseUrl);
        }
        if (model != null) {
          b.model(model);
        }
        return b.build();
      }
      case "openai":
      case "sora": {
        OpenAiVideosProvider.Builder b = OpenAiVideosProvider.builder().apiKey(key);
        if (baseUrl != null) {
          b.baseUrl(baseUrl);
        }
        if (model != null) {
          b.model(model);
        }
        return b.build();
      }
      case "generic": {
        if (baseUrl == null) {
          throw new IllegalArgumentException("--base-url is required for generic");
        }
        GenericJobProvider.Builder b = GenericJobProvider.builder().baseUrl(baseUrl).apiKey(key)
            .cancel("DELETE", "tasks/{id}");
        if (model != null) {
          b.model(model);
        }
        return b.build();
      }
      default:
        throw new IllegalArgumentException("unknown provider " + name + " (veo, vertex, openai, generic)");
    }
  }
}
