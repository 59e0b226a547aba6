package io.qrvid.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class QrvidCliTest {
  private static List<String> subcommandNames() {
    List<String> names = new ArrayList<>();
    for (Class<?> c : QrvidCli.class.getAnnotation(Command.class).subcommands()) {
      if (c != CommandLine.HelpCommand.class) {
        names.add(c.getAnnotation(Command.class).name());
      }
    }
    return names;
  }

  private static String execute(CommandLine cli, String... args) {
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(out));
    int exit = cli.execute(args);
    return exit + "\n" + out;
  }

  @Test
  void versionBuildsNoSubcommandAndPrintsWhatTheFullCommandLinePrints() {
    CommandLine lazy = QrvidCli.commandLine("--version");
    assertThat(lazy.getSubcommands()).isEmpty();
    assertThat(execute(lazy, "--version")).isEqualTo(execute(QrvidCli.commandLine(), "--version"))
        .startsWith("0\nqrvid ");
    assertThat(QrvidCli.commandLine("-V").getSubcommands()).isEmpty();
  }

  @Test
  void mainAnswersVersionWithoutPicocliWithTheLinePicocliPrints() throws Exception {
    java.io.PrintStream old = System.out;
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      QrvidCli.main(new String[] {"--version"});
      QrvidCli.main(new String[] {"-V"});
    } finally {
      System.setOut(old);
    }
    String picocli = execute(QrvidCli.commandLine(), "--version").substring(2);
    assertThat(buf.toString(java.nio.charset.StandardCharsets.UTF_8).replace("\r\n", "\n"))
        .isEqualTo(picocli.replace("\r\n", "\n").repeat(2));
  }

  @Test
  void aNamedCommandBuildsOnlyThatCommandWithTheSameOptionsAndHelp() {
    CommandLine full = QrvidCli.commandLine();
    List<String> names = subcommandNames();
    assertThat(names).contains("encode", "decode", "bench", "demo");
    for (String name : names) {
      CommandLine lazy = QrvidCli.commandLine(name, "--help");
      assertThat(lazy.getSubcommands()).as(name).containsOnlyKeys(name);
      CommandLine sub = lazy.getSubcommands().get(name);
      assertThat(sub.getUsageMessage()).as(name).isEqualTo(full.getSubcommands().get(name).getUsageMessage());
      assertThat(sub.getSubcommands().keySet()).as(name)
          .isEqualTo(full.getSubcommands().get(name).getSubcommands().keySet());
    }
    assertThat(QrvidCli.commandLine("bench", "cli").getSubcommands().get("bench").getSubcommands())
        .containsKeys("qr", "cli", "video", "decode");
  }

  @Test
  void anythingElseGetsEveryCommandSoMessagesListThemAll() {
    int all = QrvidCli.commandLine().getSubcommands().size();
    assertThat(all).isGreaterThan(10);
    for (String[] args : new String[][] {{}, {"--help"}, {"help"}, {"help", "encode"}, {"nope"}, {"-V", "encode"}}) {
      assertThat(QrvidCli.commandLine(args).getSubcommands()).as(String.join(" ", args)).hasSize(all);
    }
  }

  @Test
  void usageErrorsAndUnknownCommandsKeepTheirExitCodes() {
    String[] bogus = {"encode", "in.txt", "-o", "out.mp4", "--bogus"};
    assertThat(execute(QrvidCli.commandLine(bogus), bogus)).startsWith("2\n").contains("--bogus");
    assertThat(execute(QrvidCli.commandLine("nope"), "nope")).startsWith("2\n").contains("nope");
    assertThat(execute(QrvidCli.commandLine("decode"), "decode")).startsWith("2\n").contains("Missing");
  }
}
