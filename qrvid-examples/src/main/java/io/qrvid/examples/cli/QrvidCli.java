package io.qrvid.examples.cli;

import io.qrvid.core.QrvidException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code qrvid} command: stores text in QR video and reads it back, generates and decodes QR codes, runs
 * benchmarks. Exit codes: 0 success, 1 a read was incomplete or a verification failed, 2 bad usage, 3 bad input or
 * an I/O error, 4 an internal error.
 */
@Command(name = "qrvid", mixinStandardHelpOptions = true, versionProvider = QrvidCli.VersionProvider.class,
    description = "Store text in QR video and read it back exactly; generate and decode QR codes.",
    subcommands = {EncodeCommand.class, DecodeCommand.class, DemoCommand.class, InspectCommand.class,
        AppendCommand.class, SearchCommand.class, FramesCommand.class, ValidateCommand.class, ScanCommand.class, ServeCommand.class,
        GenerateCommand.class, GenerationsCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class QrvidCli {
  /** Exit code: a read was incomplete or a check failed. */
  public static final int EXIT_INCOMPLETE = 1;
  /** Exit code: bad input or an I/O error. */
  public static final int EXIT_INPUT = 3;
  /** Exit code: an unexpected internal error. */
  public static final int EXIT_INTERNAL = 4;

  private QrvidCli() {}

  /** Runs the CLI and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code (for tests and embedding). */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The configured command line, with qrvid's exception-to-exit-code mapping. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new QrvidCli());
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

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"qrvid " + io.qrvid.core.LibraryVersion.current()};
    }
  }
}
