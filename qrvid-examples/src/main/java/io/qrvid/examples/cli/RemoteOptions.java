package io.qrvid.examples.cli;

import io.qrvid.remote.GeminiVeoProvider;
import io.qrvid.remote.GenericJobProvider;
import io.qrvid.remote.OpenAiVideosProvider;
import io.qrvid.remote.VertexVeoProvider;
import io.qrvid.remote.VideoProvider;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The provider options shared by the remote commands ({@code --provider}, {@code --base-url}, {@code --api-key-env},
 * {@code --model}, {@code --project}, {@code --location}, {@code --db}), the provider factory, and the CLI's duration
 * converter ({@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, combinable as {@code 1m30s}; a bare number is
 * refused).
 */
final class RemoteOptions {
  /** The providers the CLI knows. */
  enum Kind {
    /** Veo on the Gemini API ({@code GEMINI_API_KEY}-style key). */
    veo,
    /** Veo on Vertex AI (the variable holds an OAuth bearer token). */
    vertex,
    /** The OpenAI-style {@code /v1/videos} API. */
    openai,
    /** A Runway-shaped generic job API ({@code --base-url} required). */
    generic
  }

  @Option(names = "--provider", defaultValue = "veo",
      description = "veo | vertex | openai | generic (default: ${DEFAULT-VALUE})")
  Kind provider = Kind.veo;

  @Option(names = "--base-url", description = "API base URL (default: the provider's public endpoint)")
  @Nullable String baseUrl;

  @Option(names = "--api-key-env", required = true, paramLabel = "NAME",
      description = "name of the environment variable holding the API key (the bearer token for vertex); the key is"
          + " never printed")
  String apiKeyEnv = "";

  @Option(names = "--model", description = "model name (default: the provider's)")
  @Nullable String model;

  @Option(names = "--project", description = "Google Cloud project (vertex)")
  @Nullable String project;

  @Option(names = "--location", defaultValue = "us-central1",
      description = "Vertex location (default: ${DEFAULT-VALUE})")
  String location = "us-central1";

  @Option(names = "--db", paramLabel = "FILE",
      description = "H2 generation database (default: ~/.qrvid/generations; H2 adds .mv.db)")
  @Nullable Path db;

  /** The database file to use: {@code --db} or {@code ~/.qrvid/generations}. */
  Path database() {
    return db != null ? db : defaultDatabase();
  }

  /** The default generation database: {@code ~/.qrvid/generations} (H2 appends {@code .mv.db}). */
  static Path defaultDatabase() {
    return Path.of(System.getProperty("user.home"), ".qrvid", "generations");
  }

  /**
   * Builds the chosen provider with {@code key}.
   *
   * @throws IllegalArgumentException for a missing required value or an invalid URL or model
   */
  VideoProvider provider(String key) {
    switch (provider) {
      case veo: {
        GeminiVeoProvider.Builder b = GeminiVeoProvider.builder().apiKey(key);
        if (baseUrl != null) {
          b.baseUrl(baseUrl);
        }
        if (model != null) {
          b.model(model);
        }
        return b.build();
      }
      case vertex: {
        if (project == null) {
          throw new IllegalArgumentException("--project is required for --provider vertex");
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
      case openai: {
        OpenAiVideosProvider.Builder b = OpenAiVideosProvider.builder().apiKey(key);
        if (baseUrl != null) {
          b.baseUrl(baseUrl);
        }
        if (model != null) {
          b.model(model);
        }
        return b.build();
      }
      case generic:
      default: {
        if (baseUrl == null) {
          throw new IllegalArgumentException("--base-url is required for --provider generic");
        }
        GenericJobProvider.Builder b = GenericJobProvider.builder().baseUrl(baseUrl).apiKey(key)
            .cancel("DELETE", "tasks/{id}");
        if (model != null) {
          b.model(model);
        }
        return b.build();
      }
    }
  }

  /** The options that select this provider again, for messages that tell how to resume. */
  String resumeHint() {
    StringBuilder b = new StringBuilder("--provider ").append(provider).append(" --api-key-env ").append(apiKeyEnv);
    if (baseUrl != null) {
      b.append(" --base-url ").append(baseUrl);
    }
    if (project != null) {
      b.append(" --project ").append(project).append(" --location ").append(location);
    }
    if (db != null) {
      b.append(" --db ").append(db);
    }
    return b.toString();
  }
}
