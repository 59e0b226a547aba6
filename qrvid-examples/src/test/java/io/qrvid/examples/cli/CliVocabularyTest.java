package io.qrvid.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrvid.core.LibraryVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command line agrees with itself and with docs/VOCABULARY.md: every command's {@code --help} renders, every
 * {@code --version} prints qrvid's version, {@code qrvid help} and the README list the same commands, and no two
 * commands use different option names (or defaults, or units) for a meaning the vocabulary fixes.
 *
 * <p>{@link #KNOWN_VIOLATIONS} lists what the vocabulary check finds in commands not yet renamed; the test fails when
 * a new violation appears and when a listed one is gone (remove it from the list then).
 */
class CliVocabularyTest {
  /**
   * Violations found in commands that other work owns, reported and scheduled rather than fixed here. Each entry is
   * "command path: what".
   */
  static final Set<String> KNOWN_VIOLATIONS = Set.of();

  /** Names that mean what the vocabulary's one option means, and the one option. */
  private static final Map<String, String> SYNONYMS = synonyms();

  private static Map<String, String> synonyms() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String n : List.of("--out", "--output-dir", "--outdir", "--output-folder", "--dest", "--destination", "-O")) {
      m.put(n, "-o, --output");
    }
    for (String n : List.of("--no-progress", "--silent", "--no-progress-bar")) {
      m.put(n, "-q, --quiet");
    }
    for (String n : List.of("--threads", "--parallelism", "--concurrency", "--jobs", "-j", "-t", "--cores")) {
      m.put(n, "--workers");
    }
    for (String n : List.of("--qrversion", "--symbol-version", "--qr-ver")) {
      m.put(n, "--qr-version");
    }
    for (String n : List.of("--module-pixels", "--module-size", "--modulepx", "--module-pixel", "--px")) {
      m.put(n, "--module-px");
    }
    for (String n : List.of("--ec-level", "--error-correction", "--errorcorrection", "--ecl", "--level")) {
      m.put(n, "--ec");
    }
    for (String n : List.of("--mask-pattern", "--mask-policy")) {
      m.put(n, "--mask");
    }
    for (String n : List.of("--json-lines", "--jsonl", "--format")) {
      m.put(n, "--json");
    }
    return m;
  }

  /** Every command below {@code qrvid} by its path ("bench qr"), the help command left out. */
  static Map<String, CommandLine> commands() {
    Map<String, CommandLine> all = new TreeMap<>();
    collect("", QrvidCli.commandLine(), all);
    return all;
  }

  private static void collect(String path, CommandLine cli, Map<String, CommandLine> all) {
    for (Map.Entry<String, CommandLine> e : cli.getSubcommands().entrySet()) {
      CommandLine sub = e.getValue();
      if (sub.getCommandSpec().userObject() instanceof CommandLine.HelpCommand
          || !e.getKey().equals(sub.getCommandName())) {
        continue; // the help command, and aliases
      }
      String p = path.isEmpty() ? e.getKey() : path + " " + e.getKey();
      all.put(p, sub);
      collect(p, sub, all);
    }
  }

  /** Runs {@code qrvid args...} with captured streams; returns exit code, standard output, standard error. */
  static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = QrvidCli.commandLine(args);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new String[] {String.valueOf(exit), out.toString(), err.toString()};
  }

  @Test
  void everyCommandsHelpRenders() {
    Map<String, CommandLine> commands = commands();
    assertThat(commands).containsKeys("encode", "decode", "demo", "frames", "validate", "bench", "bench qr");
    Set<String> problems = new TreeSet<>();
    StringBuilder details = new StringBuilder();
    for (String path : commands.keySet()) {
      List<String> args = new ArrayList<>(List.of(path.split(" ")));
      args.add("--help");
      String[] r = run(args.toArray(String[]::new));
      if (!r[0].equals("0") || !r[1].startsWith("Usage: qrvid " + path) || !r[2].isEmpty()) {
        problems.add(path + ": --help does not render");
        details.append(path).append(" --help: exit ").append(r[0]).append(", ").append(r[2].lines().findFirst()
            .orElse("")).append('\n');
      }
      String top = path.split(" ")[0];
      String[] h = run("help", top);
      if (!h[0].equals("0") || !h[1].startsWith("Usage: qrvid " + top)) {
        problems.add("help " + top + ": exit " + h[0]);
      }
    }
    assertOnlyKnown(problems, "--help does not render", details.toString());
  }

  /** Fails on a problem (of those whose text contains {@code kind}) not in KNOWN_VIOLATIONS, or a listed one gone. */
  private static void assertOnlyKnown(Set<String> found, String kind, String details) {
    Set<String> fresh = new TreeSet<>(found);
    fresh.removeAll(KNOWN_VIOLATIONS);
    Set<String> gone = KNOWN_VIOLATIONS.stream().filter(v -> v.contains(kind) && !found.contains(v))
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(fresh).as("new CLI problems (docs/VOCABULARY.md, 'Command line')\n" + details).isEmpty();
    assertThat(gone).as("fixed problems still listed in KNOWN_VIOLATIONS: remove them").isEmpty();
  }

  @Test
  void everyCommandsVersionOptionPrintsQrvidsVersion() {
    String expected = "qrvid " + LibraryVersion.current();
    Set<String> problems = new TreeSet<>();
    StringBuilder details = new StringBuilder();
    for (String path : commands().keySet()) {
      for (String option : List.of("--version", "-V")) {
        List<String> args = new ArrayList<>(List.of(path.split(" ")));
        args.add(option);
        String[] r = run(args.toArray(String[]::new));
        if (!r[0].equals("0") || !r[1].strip().equals(expected)) {
          problems.add(path + ": " + option + " does not print qrvid's version");
          details.append(path).append(' ').append(option).append(": exit ").append(r[0]).append(", printed '")
              .append(r[1].strip()).append("' ").append(r[2].lines().findFirst().orElse("")).append('\n');
        }
      }
    }
    assertOnlyKnown(problems, "print qrvid's version", details.toString());
  }

  @Test
  void helpAndTheReadmeListTheSameCommands() throws IOException {
    Map<String, CommandLine> commands = commands();
    Set<String> cli = new TreeSet<>(commands.keySet());
    cli.add("help");

    String[] help = run("help");
    Set<String> listed = new TreeSet<>();
    for (String line : help[1].lines().toList()) {
      String t = line.strip();
      String first = t.isEmpty() ? "" : t.split("\\s+")[0];
      if (line.startsWith("  ") && commands.containsKey(first) || first.equals("help")) {
        listed.add(first);
      }
    }
    Set<String> topLevel = cli.stream().filter(c -> !c.contains(" ")).collect(Collectors.toCollection(TreeSet::new));
    assertThat(listed).as("commands listed by 'qrvid help'").isEqualTo(topLevel);

    assertThat(readmeCommands(readme())).as("commands of the README's command-line block").isEqualTo(cli);
  }

  /**
   * The commands named in the README's "The {@code qrvid} command line" block: the word after {@code ./qrvid}, every
   * word after " / " on the same line, and {@code bench a|b|c} as {@code bench a}, {@code bench b}, ....
   */
  static Set<String> readmeCommands(List<String> readme) {
    int heading = readme.indexOf("## The `qrvid` command line");
    assertThat(heading).as("README section 'The `qrvid` command line'").isNotNegative();
    int open = heading + 1;
    while (!readme.get(open).startsWith("```")) {
      open++;
    }
    Set<String> names = new TreeSet<>();
    for (int i = open + 1; !readme.get(i).startsWith("```"); i++) {
      String line = readme.get(i);
      if (!line.startsWith("./qrvid ")) {
        continue;
      }
      String code = line.substring("./qrvid ".length());
      int comment = code.indexOf('#');
      code = comment >= 0 ? code.substring(0, comment) : code;
      for (String part : code.split(" / ")) {
        String[] words = part.strip().split("\\s+");
        if (words.length > 1 && words[1].contains("|")) {
          names.add(words[0]);
          for (String sub : words[1].split("\\|")) {
            names.add(words[0] + " " + sub);
          }
        } else if (!words[0].isEmpty()) {
          names.add(words[0]);
        }
      }
    }
    return names;
  }

  private static List<String> readme() throws IOException {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("README.md")) && Files.isRegularFile(d.resolve("mvnw"))) {
        return Files.readAllLines(d.resolve("README.md"), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no README.md above " + dir);
  }

  @Test
  void optionNamesDefaultsAndUnitsFollowTheVocabulary() {
    Set<String> found = violations(commands());
    Set<String> fresh = new TreeSet<>(found);
    fresh.removeAll(KNOWN_VIOLATIONS);
    Set<String> gone = KNOWN_VIOLATIONS.stream()
        .filter(v -> !v.contains("--help does not render") && !v.contains("print qrvid's version") && !found.contains(v))
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(fresh).as("new CLI vocabulary violations (docs/VOCABULARY.md, 'Command line')").isEmpty();
    assertThat(gone).as("fixed violations still listed in KNOWN_VIOLATIONS: remove them").isEmpty();
  }

  @Test
  void theCheckFindsEachKindOfViolation() {
    @CommandLine.Command(name = "bad")
    class Bad {
      @CommandLine.Option(names = "--out") String out;
      @CommandLine.Option(names = "--no-progress") boolean noProgress;
      @CommandLine.Option(names = "--threads") int threads;
      @CommandLine.Option(names = "--version") int version;
      @CommandLine.Option(names = "--module-pixels") int px;
      @CommandLine.Option(names = "-o") String o;
      @CommandLine.Option(names = "--timeout-ms") long timeout;
      @CommandLine.Option(names = "--poll-interval") Duration poll;
      @CommandLine.Option(names = "--mask", defaultValue = "3") String mask;
      @CommandLine.Option(names = "--ec", defaultValue = "L") String ec;
    }
    @CommandLine.Command(name = "good")
    class Good {
      @CommandLine.Option(names = "--ec", defaultValue = "M") String ec;
    }
    Map<String, CommandLine> commands = new TreeMap<>();
    commands.put("bad", new CommandLine(new Bad()));
    commands.put("good", new CommandLine(new Good()));
    assertThat(violations(commands)).containsExactlyInAnyOrder(
        "bad: --out (use -o, --output)",
        "bad: --no-progress (use -q, --quiet)",
        "bad: --threads (use --workers)",
        "bad: --version is the QR version (use --qr-version; --version prints qrvid's version)",
        "bad: --module-pixels (use --module-px)",
        "bad: -o without --output (use -o, --output)",
        "bad: --timeout-ms is a bare number (durations take a unit, e.g. 1500ms)",
        "bad: --poll-interval is a Duration without DurationConverter (durations take a unit, e.g. 1500ms)",
        "bad: --mask defaults to 3 (the vocabulary's default is best)",
        "--ec defaults differ: bad L, good M");
  }

  /** Every departure from the vocabulary's command-line table, as "command: what". */
  static Set<String> violations(Map<String, CommandLine> commands) {
    Set<String> found = new LinkedHashSet<>();
    Map<String, String> ecDefaults = new TreeMap<>();
    for (Map.Entry<String, CommandLine> e : commands.entrySet()) {
      String cmd = e.getKey();
      for (OptionSpec o : e.getValue().getCommandSpec().options()) {
        if (o.usageHelp() || o.versionHelp()) {
          continue;
        }
        Set<String> names = Set.of(o.names());
        for (String n : o.names()) {
          String one = SYNONYMS.get(n);
          if (one != null) {
            found.add(cmd + ": " + n + " (use " + one + ")");
          }
        }
        if (names.contains("--version") || names.contains("-V")) {
          found.add(cmd + ": --version is the QR version (use --qr-version; --version prints qrvid's version)");
        }
        pair(cmd, names, "-o", "--output", found);
        pair(cmd, names, "-q", "--quiet", found);
        String longest = o.longestName();
        String lower = longest.toLowerCase(Locale.ROOT);
        Class<?> type = o.type();
        boolean number = type == int.class || type == long.class || type == Integer.class || type == Long.class
            || type == double.class || type == Double.class;
        boolean timeLike = lower.endsWith("-ms") || lower.endsWith("-millis") || lower.endsWith("-seconds")
            || lower.equals("--seconds") || lower.endsWith("-secs") || lower.endsWith("-minutes")
            || lower.contains("timeout") || lower.contains("interval") || lower.contains("budget")
            || lower.contains("delay") || lower.equals("--duration");
        if (timeLike && number) {
          found.add(cmd + ": " + longest + " is a bare number (durations take a unit, e.g. 1500ms)");
        } else if (type == Duration.class && !hasDurationConverter(o)) {
          found.add(cmd + ": " + longest + " is a Duration without DurationConverter (durations take a unit, e.g. "
              + "1500ms)");
        }
        if (names.contains("--mask") && o.defaultValue() != null && !o.defaultValue().equals("best")) {
          found.add(cmd + ": --mask defaults to " + o.defaultValue() + " (the vocabulary's default is best)");
        }
        if (names.contains("--ec") && o.defaultValue() != null) {
          ecDefaults.put(cmd, o.defaultValue());
        }
      }
    }
    if (new TreeSet<>(ecDefaults.values()).size() > 1) {
      found.add("--ec defaults differ: " + ecDefaults.entrySet().stream().map(x -> x.getKey() + " " + x.getValue())
          .collect(Collectors.joining(", ")));
    }
    return found;
  }

  private static void pair(String cmd, Set<String> names, String shortName, String longName, Set<String> found) {
    if (names.contains(shortName) && !names.contains(longName)) {
      found.add(cmd + ": " + shortName + " without " + longName + " (use " + shortName + ", " + longName + ")");
    } else if (names.contains(longName) && !names.contains(shortName)) {
      found.add(cmd + ": " + longName + " without " + shortName + " (use " + shortName + ", " + longName + ")");
    }
  }

  private static boolean hasDurationConverter(OptionSpec o) {
    CommandLine.ITypeConverter<?>[] converters = o.converters();
    if (converters == null) {
      return false;
    }
    for (CommandLine.ITypeConverter<?> c : converters) {
      if (c instanceof DurationConverter) {
        return true;
      }
    }
    return false;
  }
}
