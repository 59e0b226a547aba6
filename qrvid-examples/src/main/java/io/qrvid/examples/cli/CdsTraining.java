package io.qrvid.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The training run behind the CLI's class-data sharing archive: runs the commands a user runs most, in-process and
 * quietly, so that the JVM started with {@code -XX:ArchiveClassesAtExit=qrvid-cli.jsa} archives the classes they
 * load (parsed, verified and laid out, ready to map at the next start; JDK 17 dynamic AppCDS, JEP 350). The
 * {@code qrvid-examples} build runs it at package time; the {@code qrvid} launcher then starts every command with
 * {@code -XX:SharedArchiveFile}. Classes a run needs that the archive lacks still load from the jars as usual, and
 * signed jars (Humble Video's) are never archived.
 *
 * <p>Never fails the build: every step catches its errors and reports them on standard error, and {@link #main}
 * exits 0. Not API.
 */
public final class CdsTraining {
  private CdsTraining() {}

  /**
   * Without arguments, runs the training commands in a new temporary folder, deleted afterwards. With
   * {@code --install ARCHIVE TARGET}, moves a finished archive into place ({@link #install}).
   *
   * @param args nothing, or {@code --install}, the archive a training run wrote, and the path to give it
   */
  public static void main(String[] args) {
    if (args.length == 3 && args[0].equals("--install")) {
      try {
        install(Path.of(args[1]), Path.of(args[2]));
      } catch (IOException | RuntimeException e) {
        System.err.println("qrvid cds archive not installed: " + e);
      }
      return;
    }
    QrvidCli.setUpProcess();
    Path dir = null;
    try {
      dir = Files.createTempDirectory("qrvid-cds-");
      train(dir);
    } catch (IOException | RuntimeException e) {
      System.err.println("qrvid cds training: " + e);
    } finally {
      if (dir != null) {
        deleteTree(dir);
      }
    }
  }

  /**
   * Moves the archive a training run wrote ({@code -XX:ArchiveClassesAtExit=archive}, written as the JVM exits, so
   * never under its final name) to {@code target} in one atomic step, then writes {@code target.jvm}: the real path
   * of this JVM's {@code java} launcher and the archive's size in bytes, one per line. The {@code qrvid} script maps
   * the archive only when both still hold: JDK 17 checks an archive's header but not its length, and a truncated
   * archive crashes the JVM, so a half-written or cut file must never look usable.
   *
   * @throws IOException if the archive is missing or empty, or cannot be moved or stamped
   */
  static void install(Path archive, Path target) throws IOException {
    long size = Files.isRegularFile(archive) ? Files.size(archive) : 0;
    if (size == 0) {
      throw new IOException("no archive at " + archive);
    }
    Path stamp = target.resolveSibling(target.getFileName() + ".jvm");
    Files.deleteIfExists(stamp);
    Files.move(archive, target, StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toRealPath();
    Path tmp = stamp.resolveSibling(stamp.getFileName() + ".tmp");
    Files.writeString(tmp, javaBin + "\n" + size + "\n");
    Files.move(tmp, stamp, StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  private static void train(Path dir) throws IOException {
    Path text = dir.resolve("usr_01.txt");
    try (InputStream in = CdsTraining.class.getResourceAsStream("/samples/vim/usr_01.txt")) {
      if (in == null) {
        throw new IOException("sample text missing from the jar");
      }
      Files.copy(in, text);
    }
    Path lines = Files.writeString(dir.resolve("lines.txt"), "first payload\nsecond payload\nthird payload\n");
    Path video = dir.resolve("t.mp4");
    Path frames = dir.resolve("frames");
    List<String[]> runs = List.of(
        new String[] {"--version"},
        new String[] {"--help"},
        new String[] {"encode", "--help"},
        new String[] {"encode", text.toString(), "-o", video.toString(), "-q"},
        new String[] {"decode", video.toString(), "-o", dir.resolve("back").toString(), "-q"},
        new String[] {"inspect", video.toString()},
        new String[] {"frames", "-o", frames.toString(), "--file", lines.toString(), "--frame-size", "256x256",
            "-q"},
        new String[] {"validate", frames.toString(), "--file", lines.toString()},
        new String[] {"scan", frames.resolve("frame_000000.png").toString()});
    java.io.PrintStream stdout = System.out;
    java.io.PrintStream stderr = System.err;
    java.io.PrintStream nowhere = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
    for (String[] run : runs) {
      StringWriter sink = new StringWriter();
      System.setOut(nowhere);  // some commands print straight to System.out
      System.setErr(nowhere);
      try {
        Thread warmUp = StartupWarmUp.start(run, QrvidCli.nativesFolder()); // as QrvidCli.main does
        CommandLine cli = QrvidCli.commandLine(run);
        if (warmUp != null) {
          cli.setExecutionStrategy(new QrvidCli.AfterWarmUp(warmUp, cli.getExecutionStrategy()));
        }
        cli.setOut(new PrintWriter(sink));
        cli.setErr(new PrintWriter(sink));
        int exit = cli.execute(run);
        if (warmUp != null) {
          warmUp.join(); // over already when the command ran; never two warm-ups at once
        }
        if (exit != 0) {
          stderr.println("qrvid cds training: exit " + exit + " from " + String.join(" ", run) + ": "
              + sink.toString().strip());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException | LinkageError e) {
        stderr.println("qrvid cds training: " + String.join(" ", run) + ": " + e);
      } finally {
        System.setOut(stdout);
        System.setErr(stderr);
      }
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      System.err.println("qrvid cds training: could not delete " + dir + ": " + e);
    }
  }
}
