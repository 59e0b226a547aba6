package io.qrvid.examples.cli;

import io.qrvid.core.QrvidException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code qrvid} command: stores text in QR video and reads it back, generates and decodes QR codes, runs
 * benchmarks. Exit codes: 0 success, 1 a read was incomplete or a verification failed, 2 bad usage, 3 bad input or
 * an I/O error, 4 an internal error.
 */
@Command(name = "qrvid", mixinStandardHelpOptions = true, versionProvider = QrvidCli.VersionProvider.class,
    description = "Store text in QR video and read it back exactly; generate and decode QR codes.",
    subcommands = {EncodeCommand.class, DecodeCommand.class, DemoCommand.class, InspectCommand.class,
        AppendCommand.class, SearchCommand.class, FramesCommand.class, ValidateCommand.class, ScanCommand.class,
        ServeCommand.class, GenerateCommand.class, GenerationsCommand.class, BenchCommand.class, MemvidCommand.class,
        CommandLine.HelpCommand.class})
public final class QrvidCli {
  /** Exit code: a read was incomplete or a check failed. */
  public static final int EXIT_INCOMPLETE = 1;
  /** Exit code: bad input or an I/O error. */
  public static final int EXIT_INPUT = 3;
  /** Exit code: an unexpected internal error. */
  public static final int EXIT_INTERNAL = 4;

  private QrvidCli() {}

  /**
   * Runs the CLI and exits with its exit code. {@code qrvid --version} (or {@code -V}) alone is answered before
   * picocli loads, with the line picocli would print (loading picocli is most of a bare start). A video command
   * starts {@link StartupWarmUp} first and runs once picocli has parsed it and the warm-up is over.
   */
  public static void main(String[] args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      System.out.println(version());
      return;
    }
    setUpProcess();
    Thread warmUp = StartupWarmUp.start(args, nativesFolder());
    CommandLine cli = commandLine(args);
    if (warmUp != null) {
      // The command runs only once the warm-up is over: both threads never initialise library classes at once.
      cli.setExecutionStrategy(new AfterWarmUp(warmUp, cli.getExecutionStrategy()));
    }
    System.exit(cli.execute(args));
  }

  /** {@code qrvid} and the library version ({@link io.qrvid.core.LibraryVersion#current()}). */
  static String version() {
    return "qrvid " + io.qrvid.core.LibraryVersion.current();
  }

  /**
   * Process-wide settings of the command-line program, made before any picocli, SLF4J or Humble class is used:
   * <ul>
   *   <li>{@code picocli.disable.closures=true}: picocli otherwise looks up Groovy's {@code Closure} class, a miss
   *       that opens every jar of the class path;</li>
   *   <li>the SLF4J simple logger (the CLI's binding) writes warnings and errors to standard error, without a time
   *       stamp (its {@code SimpleDateFormat} and locale data were a tenth of a small encode's main thread), and the
   *       {@code io.qrvid} loggers at the level in the environment variable {@code QRVID_LOG_LEVEL} (default
   *       {@code warn}); system properties given on the command line win;</li>
   *   <li>when a {@code natives} folder sits next to the CLI jar (the build unpacks Humble Video's native library
   *       there, and leaves Humble's native jar out of the CLI's class path), it is added to
   *       {@code java.library.path}, where Humble's loader looks when its class path holds no native library. This
   *       spares every video command the copy of Humble's 105 MB library to a temporary file that Humble's loader
   *       makes on each start when the library is found in a jar.</li>
   * </ul>
   * Not for library use: it changes system properties of the whole JVM.
   */
  static void setUpProcess() {
    setIfAbsent("picocli.disable.closures", "true");
    setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    setIfAbsent("org.slf4j.simpleLogger.showDateTime", "false"); // a date format costs a short run ~10% of its time
    String level = System.getenv("QRVID_LOG_LEVEL");
    setIfAbsent("org.slf4j.simpleLogger.log.io.qrvid", level == null || level.isBlank() ? "warn"
        : level.trim().toLowerCase(Locale.ROOT));
    Path natives = nativesFolder();
    if (natives != null) {
      String path = System.getProperty("java.library.path", "");
      if (!Arrays.asList(path.split(java.io.File.pathSeparator)).contains(natives.toString())) {
        System.setProperty("java.library.path",
            path.isEmpty() ? natives.toString() : natives + java.io.File.pathSeparator + path);
      }
    }
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /** The {@code natives} folder next to the jar this class was loaded from, if there is one. */
  static @Nullable Path nativesFolder() {
    try {
      java.security.CodeSource source = QrvidCli.class.getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        return null;
      }
      Path location = Path.of(source.getLocation().toURI());
      Path natives = location.resolveSibling("natives");
      return Files.isRegularFile(location) && Files.isDirectory(natives) ? natives.toAbsolutePath() : null;
    } catch (java.net.URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Runs the CLI and returns its exit code (for tests and embedding). Builds only the part of the command model the
   * arguments use (see {@link #commandLine(String...)}), so {@code qrvid --version} or {@code qrvid encode ...} does
   * not load and reflect over every other command.
   */
  public static int run(String... args) {
    return commandLine(args).execute(args);
  }

  /** The configured command line with every subcommand, and qrvid's exception-to-exit-code mapping. */
  public static CommandLine commandLine() {
    return configure(new CommandLine(new QrvidCli()));
  }

  /**
   * A configured command line with just what {@code args} need, parsing and running them exactly as
   * {@link #commandLine()} would: the top-level command alone for {@code --version}/{@code -V}; the top-level
   * command and the one subcommand named by {@code args[0]} (with its own subcommands) for {@code qrvid NAME ...};
   * the full command line for anything else (no arguments, {@code --help}, {@code help}, an unknown name), whose
   * messages list every subcommand. Building picocli's model of a command reflects over its options and loads the
   * types they mention (measured on a busy 2-core machine, after picocli's own classes had loaded: 45-60 ms of CPU
   * for one command, 90-110 ms for all of them); the subcommands and their names come from the
   * {@code @Command(subcommands = ...)} annotation of this class, the one list to extend. A plain run of a simple
   * subcommand (no help, no usage error) does not read annotations at all: {@link CliModel} rebuilds its model from
   * a snapshot the build made.
   */
  public static CommandLine commandLine(String... args) {
    if (args.length == 0) {
      return commandLine();
    }
    CommandLine fast = CliModel.commandLine(args, name -> CommandSpec.wrapWithoutInspection(new QrvidCli())
        .name(name).versionProvider(new VersionProvider()));
    if (fast != null) {
      return configure(fast);
    }
    Command top = QrvidCli.class.getAnnotation(Command.class);
    if (Arrays.stream(args).allMatch(a -> a.equals("-V") || a.equals("--version"))) {
      return configure(new CommandLine(topLevel(top)));
    }
    for (Class<?> c : top.subcommands()) {
      Command sub = c.getAnnotation(Command.class);
      if (sub != null && c != CommandLine.HelpCommand.class
          && (sub.name().equals(args[0]) || Arrays.asList(sub.aliases()).contains(args[0]))) {
        CommandLine cli = new CommandLine(topLevel(top));
        cli.addSubcommand(new CommandLine(c));
        return configure(cli);
      }
    }
    return commandLine();
  }

  /** The top-level command as the annotation declares it, without its subcommands. */
  private static CommandSpec topLevel(Command top) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(new QrvidCli());
    spec.name(top.name()).mixinStandardHelpOptions(top.mixinStandardHelpOptions())
        .versionProvider(new VersionProvider());
    spec.usageMessage().description(top.description());
    return spec;
  }

  private static CommandLine configure(CommandLine cli) {
    versionEverywhere(cli);
    cli.setExecutionExceptionHandler((e, cmd, parseResult) -> {
      PrintWriter err = cmd.getErr();
      if (e instanceof NoSuchFileException) {
        err.println("qrvid: file not found: " + e.getMessage());
        return EXIT_INPUT;
      }
      if (e instanceof QrvidException || e instanceof IOException || e instanceof IllegalArgumentException) {
        err.println("qrvid: " + e.getMessage());
        return EXIT_INPUT;
      }
      err.println("qrvid: internal error: " + e);
      e.printStackTrace(err);
      return EXIT_INTERNAL;
    });
    return cli;
  }

  /** {@code --version}/{@code -V} of every subcommand prints qrvid's own version too (docs/VOCABULARY.md). */
  private static void versionEverywhere(CommandLine cli) {
    for (CommandLine sub : cli.getSubcommands().values()) {
      CommandSpec spec = sub.getCommandSpec();
      if (spec.versionProvider() == null && spec.version().length == 0) {
        spec.versionProvider(new VersionProvider());
      }
      versionEverywhere(sub);
    }
  }

  /**
   * Runs the parsed command once the warm-up is over. A class rather than a lambda: the class-data sharing training
   * archives no lambda proxy that it did not link itself, and a lambda here was spun as a new class by every start (a
   * few ms of interpreted JDK code); {@link CdsTraining} runs its commands through this class too.
   */
  static final class AfterWarmUp implements CommandLine.IExecutionStrategy {
    private final Thread warmUp;
    private final CommandLine.IExecutionStrategy strategy;

    AfterWarmUp(Thread warmUp, CommandLine.IExecutionStrategy strategy) {
      this.warmUp = warmUp;
      this.strategy = strategy;
    }

    @Override
    public int execute(CommandLine.ParseResult parseResult) {
      StartupWarmUp.await(warmUp);
      return strategy.execute(parseResult);
    }
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {version()};
    }
  }
}
