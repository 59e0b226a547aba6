package io.qrvid.examples.cli;

import io.qrvid.remote.AspectRatio;
import io.qrvid.remote.CapabilityPolicy;
import io.qrvid.remote.GenerationFailedException;
import io.qrvid.remote.GenerationRequest;
import io.qrvid.remote.GenerationResult;
import io.qrvid.remote.JdbcGenerationStore;
import io.qrvid.remote.RemoteVideoException;
import io.qrvid.remote.Resolution;
import io.qrvid.remote.TextToVideoClient;
import io.qrvid.remote.VideoProvider;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code qrvid generate}: one text-to-video generation with a progress bar, recorded in the H2 generation database.
 * The API key is read from the environment variable named by {@code --api-key-env} and never printed.
 *
 * <p>Exit codes: 0 done, 1 generation failed, 2 bad usage or missing key, 3 quota exceeded, 4 timed out.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Generate a video from text on a remote provider (Veo, Vertex, OpenAI videos, generic job API).")
public final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--provider", defaultValue = "veo", description = "veo | vertex | openai | generic (default: veo)")
  String provider = "veo";

  @Option(names = "--base-url", description = "API base URL (default: the provider's public endpoint)")
  @Nullable String baseUrl;

  @Option(names = "--api-key-env", required = true,
      description = "name of the environment variable holding the API key (or the bearer token for vertex)")
  String apiKeyEnv = "";

  @Option(names = "--prompt", required = true, description = "what the video shows (max 2000 characters)")
  String prompt = "";

  @Option(names = "--duration", defaultValue = "8", description = "seconds, 2-60 (default: 8)")
  int duration = 8;

  @Option(names = "--aspect-ratio", defaultValue = "16:9", description = "16:9 | 9:16 | 1:1 | 4:3 (default: 16:9)")
  String aspectRatio = "16:9";

  @Option(names = "--resolution", defaultValue = "720p", description = "480p | 720p | 1080p | 4k (default: 720p)")
  String resolution = "720p";

  @Option(names = "--negative-prompt", description = "what to avoid")
  @Nullable String negativePrompt;

  @Option(names = "--seed", description = "0..4294967295 (Vertex and generic only)")
  @Nullable Long seed;

  @Option(names = "--audio", negatable = true, description = "request audio on/off (Vertex and generic only)")
  @Nullable Boolean audio;

  @Option(names = "--model", description = "model name (default: the provider's)")
  @Nullable String model;

  @Option(names = "--project", description = "Google Cloud project (vertex)")
  @Nullable String project;

  @Option(names = "--location", defaultValue = "us-central1", description = "Vertex location (default: us-central1)")
  String location = "us-central1";

  @Option(names = "--snap", description = "snap unsupported values to the nearest supported ones instead of failing")
  boolean snap;

  @Option(names = {"-o", "--output"}, defaultValue = ".", description = "output folder (default: .)")
  Path output = Path.of(".");

  @Option(names = "--db", description = "H2 generation database file (default: ~/.qrvid/generations)")
  @Nullable Path db;

  @Option(names = "--timeout", defaultValue = "300", description = "overall timeout in seconds (default: 300)")
  long timeoutSeconds = 300;

  @Option(names = "--poll-interval", defaultValue = "2000", description = "poll interval in ms (default: 2000)")
  long pollMillis = 2000;

  /** Creates the command (picocli injects the options). */
  public GenerateCommand() {}

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    String key = System.getenv(apiKeyEnv);
    if (key == null || key.isBlank()) {
      err.println("environment variable " + apiKeyEnv + " is not set");
      return 2;
    }
    VideoProvider p;
    GenerationRequest request;
    try {
      p = RemoteOptions.provider(provider, baseUrl, key, model, project, location);
      GenerationRequest.Builder b = GenerationRequest.builder(prompt).duration(Duration.ofSeconds(duration))
          .aspectRatio(AspectRatio.parse(aspectRatio)).resolution(Resolution.parse(resolution))
          .negativePrompt(negativePrompt).seed(seed).audio(audio);
      request = b.build();
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    Path dbFile = db != null ? db : RemoteOptions.defaultDatabase();
    Files.createDirectories(dbFile.toAbsolutePath().getParent());
    try (JdbcGenerationStore store = JdbcGenerationStore.h2(dbFile);
        TextToVideoClient client = TextToVideoClient.builder().provider(p).store(store).outputFolder(output)
            .timeout(Duration.ofSeconds(timeoutSeconds)).pollInterval(Duration.ofMillis(pollMillis))
            .capabilityPolicy(snap ? CapabilityPolicy.SNAP : CapabilityPolicy.REJECT).build()) {
      try {
        request = client.prepare(request);
      } catch (IllegalArgumentException e) {
        err.println(e.getMessage() + (snap ? "" : " (use --snap to adjust automatically)"));
        return 2;
      }
      ProgressBar bar = new ProgressBarBuilder().setTaskName("generate").setInitialMax(100)
          .setStyle(ProgressBarStyle.ASCII).setUnit("%", 1).build();
      GenerationResult result = null;
      Throwable failure = null;
      Thread hook = null;
      try {
        CompletableFuture<GenerationResult> f = client.generate(request, e -> {
          bar.stepTo(Math.round(100 * e.fraction()));
          bar.setExtraMessage(e.phase().name().toLowerCase(java.util.Locale.ROOT)
              + (e.totalBytes() > 0 ? " " + e.bytes() / 1024 + "/" + e.totalBytes() / 1024 + " KiB" : ""));
        });
        hook = new Thread(() -> f.cancel(true));
        Runtime.getRuntime().addShutdownHook(hook);
        result = f.get();
        bar.stepTo(100);
      } catch (ExecutionException e) {
        failure = e.getCause();
      } catch (CancellationException e) {
        failure = e;
      } finally {
        bar.close();
        if (hook != null) {
          try {
            Runtime.getRuntime().removeShutdownHook(hook);
          } catch (IllegalStateException shuttingDown) {
            // the hook is running: nothing to remove
          }
        }
      }
      if (result == null) {
        return report(err, failure == null ? new CancellationException("cancelled") : failure);
      }
      out.println(result.video().toAbsolutePath().normalize());
      out.println("generation " + result.generationId() + " (operation " + result.operationId() + ")");
      return 0;
    }
  }

  private static int report(PrintWriter err, Throwable e) {
    err.println(e.getClass().getSimpleName() + ": " + e.getMessage());
    if (e instanceof RemoteVideoException) {
      ((RemoteVideoException) e).requestId().ifPresent(id -> err.println("request id: " + id));
    }
    if (e instanceof io.qrvid.remote.QuotaExceededException) {
      return 3;
    }
    if (e instanceof io.qrvid.remote.GenerationTimeoutException) {
      err.println("the job may still finish: resume it later from the stored record");
      return 4;
    }
    if (e instanceof GenerationFailedException) {
      ((GenerationFailedException) e).filterReasons().forEach(r -> err.println("filter: " + r));
    }
    return 1;
  }
}
