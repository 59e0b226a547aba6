package io.qrvid.examples.cli;

import io.qrvid.remote.AspectRatio;
import io.qrvid.remote.CapabilityPolicy;
import io.qrvid.remote.GenerationCancelledException;
import io.qrvid.remote.GenerationFailedException;
import io.qrvid.remote.GenerationFuture;
import io.qrvid.remote.GenerationRecord;
import io.qrvid.remote.GenerationRequest;
import io.qrvid.remote.GenerationResult;
import io.qrvid.remote.GenerationTimeoutException;
import io.qrvid.remote.JdbcGenerationStore;
import io.qrvid.remote.ProgressListener;
import io.qrvid.remote.RemoteVideoException;
import io.qrvid.remote.Resolution;
import io.qrvid.remote.RetriesExhaustedException;
import io.qrvid.remote.TextToVideoClient;
import io.qrvid.remote.VideoDownloadException;
import io.qrvid.remote.VideoProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code qrvid generate}: one text-to-video generation (or {@code --resume ID} of a stored one) with a progress bar,
 * recorded in the H2 generation database. The API key is read from the environment variable named by
 * {@code --api-key-env} and never printed.
 *
 * <p>Ctrl-C or SIGTERM cancels cleanly: the record becomes CANCELLED, the provider's cancel is sent while the job is
 * still running (never after it succeeded, which would delete its output), a partial download stays as
 * {@code .part}, and the command prints how to resume; no stack trace.
 *
 * <p>Exit codes: 0 the video is in place; 1 the generation ran but produced no video (failed, content-filtered,
 * timed out, quota exceeded, refused download); 2 bad usage (unknown option, bad value, a request the provider cannot
 * serve); 3 bad input or I/O (missing key variable, unknown generation id, unreadable database or output folder);
 * 4 internal error. A signal ends the process with the shell's usual 130 (SIGINT) or 143 (SIGTERM).
 */
@Command(name = "generate", mixinStandardHelpOptions = true, versionProvider = QrvidCli.VersionProvider.class,
    description = "Generate a video from text on a remote provider (Veo, Vertex, OpenAI videos, generic job API),"
        + " or resume a stored generation.")
public final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin RemoteOptions remote = new RemoteOptions();

  /** Exactly one of a new prompt or a generation to resume. */
  static final class What {
    @Option(names = "--prompt", required = true, description = "what the video shows (max 2000 characters)")
    @Nullable String prompt;

    @Option(names = "--resume", required = true, paramLabel = "ID",
        description = "continue a stored generation (timed out, failed on the way, cancelled, or whose process"
            + " died) from its operation id; never submits again")
    @Nullable String resume;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  What what = new What();

  @Option(names = "--duration", defaultValue = "8s", converter = DurationConverter.class,
      description = "video length, whole seconds, 2s-60s (default: ${DEFAULT-VALUE})")
  Duration duration = Duration.ofSeconds(8);

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

  @Option(names = "--snap", description = "snap unsupported values to the nearest supported ones instead of failing")
  boolean snap;

  @Option(names = {"-o", "--output"}, defaultValue = ".", description = "output folder (default: .)")
  Path output = Path.of(".");

  @Option(names = "--timeout", defaultValue = "10m", converter = DurationConverter.class,
      description = "overall timeout, download included (default: ${DEFAULT-VALUE}); the job may still finish:"
          + " --resume it later")
  Duration timeout = Duration.ofMinutes(10);

  @Option(names = "--poll-interval", defaultValue = "2s", converter = DurationConverter.class,
      description = "time between status polls (default: ${DEFAULT-VALUE})")
  Duration pollInterval = Duration.ofSeconds(2);

  @Option(names = "--max-video-mib", defaultValue = "1024", paramLabel = "N",
      description = "refuse a video larger than N MiB (default: ${DEFAULT-VALUE})")
  long maxVideoMib = 1024;

  @Option(names = {"-q", "--quiet"}, description = "no progress bar and no summary; errors still go to stderr")
  boolean quiet;

  @Option(names = "--json", description = "print the result as one JSON object on stdout")
  boolean json;

  /** Creates the command (picocli injects the options). */
  public GenerateCommand() {}

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    if (timeout.isZero()) {
      throw new ParameterException(spec.commandLine(), "--timeout must be positive");
    }
    if (maxVideoMib < 1 || maxVideoMib > Long.MAX_VALUE >> 20) {
      throw new ParameterException(spec.commandLine(), "--max-video-mib must be at least 1");
    }
    GenerationRequest request = null;
    if (what.prompt != null) {
      try {
        request = GenerationRequest.builder(what.prompt).duration(duration)
            .aspectRatio(AspectRatio.parse(aspectRatio)).resolution(Resolution.parse(resolution))
            .negativePrompt(negativePrompt).seed(seed).audio(audio).build();
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    String key = System.getenv(remote.apiKeyEnv);
    if (key == null || key.isBlank()) {
      err.println("qrvid: environment variable " + remote.apiKeyEnv + " (named by --api-key-env) is not set");
      return QrvidCli.EXIT_INPUT;
    }
    VideoProvider provider;
    CapabilityPolicy policy = snap ? CapabilityPolicy.SNAP : CapabilityPolicy.REJECT;
    try {
      provider = remote.provider(key);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (request != null) {
      // Checked before anything is created or sent (the client checks again, to the same result).
      try {
        request = provider.capabilities(request.model().orElse(provider.defaultModel())).apply(request, policy);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(),
            e.getMessage() + (snap ? "" : " (use --snap to adjust automatically)"));
      }
    }
    Path dbFile = remote.database();
    try {
      Files.createDirectories(dbFile.toAbsolutePath().getParent());
      Files.createDirectories(output);
    } catch (IOException e) {
      err.println("qrvid: cannot create " + e.getMessage());
      return QrvidCli.EXIT_INPUT;
    }
    try (JdbcGenerationStore store = JdbcGenerationStore.h2(dbFile);
        TextToVideoClient client = TextToVideoClient.builder().provider(provider).store(store).outputFolder(output)
            .timeout(timeout).pollInterval(pollInterval).maxVideoBytes(maxVideoMib << 20)
            .capabilityPolicy(policy).build()) {
      if (request == null) {
        Optional<GenerationRecord> rec = store.find(what.resume);
        if (rec.isEmpty()) {
          err.println("qrvid: no generation " + what.resume + " in " + dbFile + ".mv.db");
          return QrvidCli.EXIT_INPUT;
        }
        if (!rec.get().provider().equals(provider.name())) {
          err.println("qrvid: generation " + what.resume + " was made with provider " + rec.get().provider()
              + ", not " + provider.name() + ": pass the same --provider");
          return QrvidCli.EXIT_INPUT;
        }
      }
      return run(client, request, err, out);
    }
  }

  private int run(TextToVideoClient client, @Nullable GenerationRequest request, PrintWriter err, PrintWriter out)
      throws InterruptedException {
    boolean bar = !quiet && !json && System.console() != null; // progress only on a terminal, never into files
    ProgressBar progress = bar ? new ProgressBarBuilder().setTaskName(request != null ? "generate" : "resume")
        .setInitialMax(100).setStyle(ProgressBarStyle.ASCII).setUnit("%", 1).setUpdateIntervalMillis(250)
        .setConsumer(new ConsoleProgressBarConsumer(System.err, width())).build() : null;
    ProgressListener listener = progress == null ? ProgressListener.NONE : e -> {
      progress.stepTo(Math.round(100 * e.fraction()));
      progress.setExtraMessage(e.phase().name().toLowerCase(Locale.ROOT)
          + (e.totalBytes() > 0 ? " " + e.bytes() / 1024 + "/" + e.totalBytes() / 1024 + " KiB" : ""));
    };
    GenerationFuture f = request != null ? client.generate(request, listener) : client.resume(what.resume, listener);
    String id = f.generationId();
    // Ctrl-C / SIGTERM: record CANCELLED, send the provider cancel, keep the .part, explain how to resume.
    AtomicBoolean signalled = new AtomicBoolean();
    CompletableFuture<Void> cancelled = new CompletableFuture<>();
    Thread hook = new Thread(() -> {
      signalled.set(true);
      try {
        String g = id;
        if (!f.isDone()) {
          // The record is saved at once; the provider's cancel gets at most 10 s, so a service manager's stop
          // (which follows SIGTERM with SIGKILL) never finds the process still waiting.
          CompletableFuture<Void> cancel = CompletableFuture.runAsync(() -> client.cancel(g), r -> {
            Thread t = new Thread(r, "qrvid-generate-cancel-call");
            t.setDaemon(true);
            t.start();
          });
          try {
            cancel.get(10, TimeUnit.SECONDS);
          } catch (ExecutionException | java.util.concurrent.TimeoutException | InterruptedException e) {
            err.println("qrvid: the provider's cancel did not finish: " + e);
          }
          if (progress != null) {
            progress.close();
          }
          err.println();
          err.println("cancelled: generation " + g + " is recorded CANCELLED" + partNote(client, g) + ".");
          client.store().find(g).flatMap(GenerationRecord::operationId).ifPresent(op -> err.println(
              "resume with: qrvid generate --resume " + g + " " + remote.resumeHint()));
          err.flush();
        }
      } finally {
        cancelled.complete(null);
      }
    }, "qrvid-generate-cancel");
    Runtime.getRuntime().addShutdownHook(hook);
    GenerationResult result = null;
    Throwable failure = null;
    try {
      result = f.get();
    } catch (ExecutionException e) {
      failure = e.getCause();
    } catch (CancellationException e) {
      failure = e;
    } finally {
      if (signalled.get()) {
        try {
          cancelled.get(30, TimeUnit.SECONDS); // the hook owns the ending; keep the store open for it
        } catch (ExecutionException | java.util.concurrent.TimeoutException ignored) {
          // nothing more to do
        }
      } else {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // a signal arrived just now: the hook runs
        }
      }
      if (progress != null && !signalled.get()) {
        progress.close();
      }
    }
    if (signalled.get()) {
      return 130;
    }
    if (result == null) {
      return report(err, failure == null ? new CancellationException("cancelled") : failure, id);
    }
    if (json) {
      out.println("{\"generationId\":" + CliJson.string(result.generationId()) + ",\"operationId\":"
          + CliJson.string(result.operationId()) + ",\"provider\":" + CliJson.string(result.provider())
          + ",\"model\":" + CliJson.string(result.model()) + ",\"video\":"
          + CliJson.string(result.video().toAbsolutePath().normalize().toString()) + ",\"bytes\":"
          + result.sizeBytes() + ",\"elapsed\":" + CliJson.string(result.elapsed().toString()) + "}");
    } else if (!quiet) {
      out.println(result.video().toAbsolutePath().normalize());
      out.println("generation " + result.generationId() + " (operation " + result.operationId() + "), "
          + result.sizeBytes() + " bytes in " + result.elapsed().toSeconds() + " s");
    }
    out.flush();
    return 0;
  }

  /**
   * The bar's width: {@code COLUMNS} if exported, else 80. A fixed width keeps progressbar from opening a JLine
   * terminal to measure it, which would reset SIGINT to the OS default and let Ctrl-C kill the JVM without running
   * the shutdown hook (no CANCELLED record, no provider cancel).
   */
  private static int width() {
    try {
      int c = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80").trim());
      return Math.max(40, c - 1);
    } catch (NumberFormatException e) {
      return 79;
    }
  }

  private static String partNote(TextToVideoClient client, String id) {
    return client.store().find(id).flatMap(GenerationRecord::videoPath).map(v -> {
      String name = v.getFileName().toString();
      Path part = v.resolveSibling((name.endsWith(".mp4") ? name.substring(0, name.length() - 4) : name) + ".part");
      return Files.exists(part) ? "; the partial download is kept as " + part : "";
    }).orElse("");
  }

  private int report(PrintWriter err, Throwable e, String id) {
    String what = "generation " + id + ": ";
    err.println("qrvid: " + what + e.getMessage());
    if (e instanceof RemoteVideoException) {
      ((RemoteVideoException) e).requestId().ifPresent(r -> err.println("request id: " + r));
    }
    if (e instanceof GenerationFailedException) {
      ((GenerationFailedException) e).filterReasons().forEach(r -> err.println("filter: " + r));
    }
    boolean resumable = e instanceof GenerationTimeoutException || e instanceof RetriesExhaustedException
        || (e instanceof VideoDownloadException
            && ((VideoDownloadException) e).reason() == VideoDownloadException.Reason.LENGTH_UNVERIFIED);
    if (resumable && e instanceof RemoteVideoException) {
      if (((RemoteVideoException) e).operationId().isPresent()) {
        err.println("the job may still finish: resume with: qrvid generate --resume " + id + " "
            + remote.resumeHint());
      } else {
        err.println("the provider never acknowledged the submit, so there is nothing to resume");
      }
    }
    if (e instanceof GenerationCancelledException || e instanceof CancellationException) {
      return QrvidCli.EXIT_INCOMPLETE;
    }
    if (e instanceof RemoteVideoException) {
      return QrvidCli.EXIT_INCOMPLETE;
    }
    err.println("qrvid: internal error: " + e);
    return QrvidCli.EXIT_INTERNAL;
  }
}
