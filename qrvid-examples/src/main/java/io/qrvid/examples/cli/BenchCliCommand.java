package io.qrvid.examples.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code qrvid bench cli}: the wall time of the command line as a user meets it, {@code qrvid --version} and a
 * round trip of one small file ({@code qrvid encode FILE -o V -q} then {@code qrvid decode V -o DIR -q}, checked
 * byte for byte), for several ways of starting the JVM side by side in interleaved rounds, against the same
 * commands run in this JVM (warm: after as many runs as there are rounds). Ways: the {@code qrvid} launcher
 * (class-data sharing archive and its JVM options), plain {@code java -jar} on the same jar, and {@code java -jar}
 * with each launcher option alone; optionally another launcher (say, a build of the code before a change, for
 * before/after in one run) and the jar with Humble's native jar on the class path (Humble then copies its native
 * library to a temporary file on every start, as before qrvid's {@code natives} folder).
 */
@Command(name = "cli", mixinStandardHelpOptions = true,
    description = "Start-up and a small round trip from the shell, per way of starting the JVM, vs in-process.")
public final class BenchCliCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--rounds", defaultValue = "5",
      description = "Interleaved rounds; the median is reported (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--file", description = "The small file of the round trip (default: the bundled usr_01.txt, "
      + "7,081 bytes).")
  Path file;

  @Option(names = "--launcher", description = "The qrvid launcher to measure (default: the one of this build, "
      + "three folders above the CLI jar).")
  Path launcher;

  @Option(names = "--baseline", paramLabel = "LAUNCHER",
      description = "Another qrvid launcher to measure beside it, e.g. a build of the code before a change.")
  Path baseline;

  @Option(names = "--humble-native-jar", paramLabel = "JAR",
      description = "Humble's native jar (humble-video-arch-*.jar): adds a row that puts it on the class path.")
  Path humbleNativeJar;

  // A plain flag: with a negatable "--options" defaulting to true, "--no-options" still printed every option row.
  @Option(names = "--no-options",
      description = "Only the launcher, java -jar and baseline rows: no row per JVM option of the launcher.")
  boolean noOptions;

  @Option(names = "--work", defaultValue = "qrvid-bench-out/cli",
      description = "Scratch folder, cleared first (default: ${DEFAULT-VALUE}).")
  Path work;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path jar = cliJar();
    if (rounds < 1) {
      throw new IllegalArgumentException("--rounds must be at least 1: " + rounds);
    }
    deleteTree(work);
    Files.createDirectories(work);
    Path input = file != null ? file : sample(work);
    byte[] expected = Files.readAllBytes(input);
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path archive = jar.resolveSibling("qrvid-cli.jsa");
    Path qrvid = launcher != null ? launcher : jar.getParent().getParent().getParent().resolve("qrvid");

    List<Way> ways = new ArrayList<>();
    if (Files.isRegularFile(qrvid)) {
      ways.add(new Way("./qrvid (launcher)", List.of(qrvid.toString())));
    }
    ways.add(new Way("java -jar", List.of(javaBin, "-jar", jar.toString())));
    if (!noOptions) {
      if (Files.isRegularFile(archive)) {
        ways.add(new Way("java -jar + class-data archive", List.of(javaBin, "-XX:SharedArchiveFile=" + archive,
            "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-jar", jar.toString())));
        ways.add(new Way("java -jar + archive at its own address", List.of(javaBin,
            "-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
            "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0", "-jar", jar.toString())));
      }
      ways.add(new Way("java -jar + C1 only (TieredStopAtLevel=1)",
          List.of(javaBin, "-XX:TieredStopAtLevel=1", "-jar", jar.toString())));
      ways.add(new Way("java -jar + C1 only, thresholds x5",
          List.of(javaBin, "-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=5", "-jar", jar.toString())));
      if (Files.isRegularFile(qrvid)) {
        ways.add(new Way("./qrvid without the warm-up thread", List.of(qrvid.toString()),
            java.util.Map.of("QRVID_JAVA_OPTS", "-Dqrvid.warmup=false")));
      }
      ways.add(new Way("java -jar + SerialGC", List.of(javaBin, "-XX:+UseSerialGC", "-jar", jar.toString())));
      ways.add(new Way("java -jar + -Xshare:off (no CDS at all)", List.of(javaBin, "-Xshare:off", "-jar",
          jar.toString())));
    }
    if (humbleNativeJar != null) {
      ways.add(new Way("java -cp jar:humble-native-jar (copy per start)", List.of(javaBin, "-cp",
          jar + File.pathSeparator + humbleNativeJar, QrvidCli.class.getName())));
    }
    if (baseline != null) {
      ways.add(new Way("baseline " + baseline, List.of(baseline.toString())));
    }

    out.printf(Locale.ROOT, "qrvid bench cli: %d interleaved rounds, median wall time; round trip of %s (%,d bytes); "
        + "%d cores, java %s%n", rounds, input.getFileName(), expected.length,
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    out.flush();
    double[][] version = new double[ways.size()][rounds];
    double[][] trip = new double[ways.size()][rounds];
    double[] inVersion = new double[rounds];
    double[] inTrip = new double[rounds];
    // One untimed pass first: the launchers may build what is stale, and the page cache fills.
    for (Way w : ways) {
      run(w, List.of("--version"));
    }
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < ways.size(); i++) {
        Way w = ways.get(i);
        version[i][r] = run(w, List.of("--version"));
        trip[i][r] = roundTrip(w, input, expected, "r" + r + "w" + i);
      }
      inVersion[r] = inProcess(List.of("--version"));
      inTrip[r] = inProcessRoundTrip(input, expected, "r" + r + "in");
      out.printf(Locale.ROOT, "  round %d of %d done%n", r + 1, rounds);
      out.flush();
    }
    // The in-process rows are warm: take the later half of the rounds.
    double inV = median(Arrays.copyOfRange(inVersion, rounds / 2, rounds));
    double inT = median(Arrays.copyOfRange(inTrip, rounds / 2, rounds));
    out.println();
    out.printf(Locale.ROOT, "%-52s %12s %16s %10s %12s%n", "way to run", "--version s", "encode+decode s",
        "vs in-proc", "MB/s e2e");
    out.printf(Locale.ROOT, "%-52s %12.3f %16.3f %10s %12.3f%n", "in-process, warm (QrvidCli.run in this JVM)",
        inV, inT, "1.0x", expected.length / 1e6 / inT);
    for (int i = 0; i < ways.size(); i++) {
      double v = median(version[i]);
      double t = median(trip[i]);
      out.printf(Locale.ROOT, "%-52s %12.3f %16.3f %9.1fx %12.3f   rounds: %s | %s%n", ways.get(i).name, v, t,
          t / inT, expected.length / 1e6 / t, list(version[i]), list(trip[i]));
    }
    out.flush();
    return 0;
  }

  /** The jar this class was loaded from. */
  private static Path cliJar() throws IOException {
    try {
      Path p = Path.of(BenchCliCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!Files.isRegularFile(p)) {
        throw new IOException("bench cli runs from the CLI jar (./qrvid bench cli), not from " + p);
      }
      return p;
    } catch (java.net.URISyntaxException e) {
      throw new IOException(e);
    }
  }

  private static Path sample(Path dir) throws IOException {
    Path p = dir.resolve("usr_01.txt");
    try (InputStream in = BenchCliCommand.class.getResourceAsStream("/samples/vim/usr_01.txt")) {
      if (in == null) {
        throw new IOException("sample usr_01.txt missing from the jar");
      }
      Files.copy(in, p);
    }
    return p;
  }

  private double roundTrip(Way w, Path input, byte[] expected, String tag) throws IOException, InterruptedException {
    Path video = work.resolve(tag + ".mp4");
    Path back = work.resolve(tag + "-back");
    double s = run(w, List.of("encode", input.toString(), "-o", video.toString(), "-q"))
        + run(w, List.of("decode", video.toString(), "-o", back.toString(), "-q"));
    check(back.resolve(input.getFileName()), expected, w.name);
    return s;
  }

  private double inProcessRoundTrip(Path input, byte[] expected, String tag) throws IOException {
    Path video = work.resolve(tag + ".mp4");
    Path back = work.resolve(tag + "-back");
    double s = inProcess(List.of("encode", input.toString(), "-o", video.toString(), "-q"))
        + inProcess(List.of("decode", video.toString(), "-o", back.toString(), "-q"));
    check(back.resolve(input.getFileName()), expected, "in-process");
    return s;
  }

  private static void check(Path restored, byte[] expected, String who) throws IOException {
    if (!Files.isRegularFile(restored) || !Arrays.equals(Files.readAllBytes(restored), expected)) {
      throw new IOException(who + ": the round trip did not restore " + restored + " exactly");
    }
  }

  /** Seconds from process start to exit; the command must exit 0. */
  private double run(Way w, List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(w.command);
    cmd.addAll(args);
    Path err = work.resolve("stderr.txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(err.toFile());
    pb.environment().putAll(w.env);
    long t0 = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException(w.name + ": " + String.join(" ", args) + " did not finish in 10 minutes");
    }
    double s = (System.nanoTime() - t0) / 1e9;
    if (p.exitValue() != 0) {
      throw new IOException(w.name + ": " + String.join(" ", cmd) + " exited " + p.exitValue() + ": "
          + Files.readString(err, StandardCharsets.UTF_8).strip());
    }
    return s;
  }

  private static double inProcess(List<String> args) throws IOException {
    String[] a = args.toArray(new String[0]);
    StringWriter sink = new StringWriter();
    CommandLine cli = QrvidCli.commandLine(a);
    cli.setOut(new PrintWriter(sink));
    cli.setErr(new PrintWriter(sink));
    long t0 = System.nanoTime();
    int exit = cli.execute(a);
    double s = (System.nanoTime() - t0) / 1e9;
    if (exit != 0) {
      throw new IOException("in-process " + String.join(" ", args) + " exited " + exit + ": " + sink);
    }
    return s;
  }

  private static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
  }

  private static String list(double[] v) {
    StringBuilder b = new StringBuilder();
    for (double d : v) {
      b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", d));
    }
    return b.toString();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** A way to start the CLI: its command and the environment variables it adds. */
  private record Way(String name, List<String> command, java.util.Map<String, String> env) {
    Way(String name, List<String> command) {
      this(name, command, java.util.Map.of());
    }
  }
}
