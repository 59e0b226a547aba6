package io.qrvid.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The annotation-free model of the video commands ({@link CliModel}) against picocli's model from annotations. */
class CliModelTest {
  private static final Function<String, CommandSpec> TOP = name -> CommandSpec.wrapWithoutInspection(new Object())
      .name(name);

  /** Each option as "names type aux arity required default label negatable converters", sorted. */
  private static List<String> describe(CommandSpec spec) {
    List<String> out = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      if (!o.usageHelp() && !o.versionHelp()) {
        out.add(String.join(",", o.names()) + " " + common(o) + " " + o.negatable());
      }
    }
    spec.positionalParameters().forEach(p -> out.add(p.index() + " " + common(p)));
    out.sort(null);
    return out;
  }

  private static String common(CommandLine.Model.ArgSpec a) {
    List<String> converters = new ArrayList<>();
    if (a.converters() != null) {
      for (CommandLine.ITypeConverter<?> c : a.converters()) {
        converters.add(c.getClass().getName());
      }
    }
    return a.type().getName() + " " + java.util.Arrays.toString(a.auxiliaryTypes()) + " " + a.arity() + " "
        + a.required() + " " + a.defaultValue() + " " + a.paramLabel() + " " + a.splitRegex() + " " + converters;
  }

  /** The command object's fields after a parse, by name (the spec field left out). */
  private static TreeMap<String, String> fields(Object command) throws IllegalAccessException {
    TreeMap<String, String> out = new TreeMap<>();
    for (Field f : command.getClass().getDeclaredFields()) {
      if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) || f.getType() == CommandSpec.class) {
        continue;
      }
      f.setAccessible(true);
      out.put(f.getName(), String.valueOf(f.get(command)));
    }
    return out;
  }

  @Test
  void theBuildRecordedTheVideoCommandsAndTheirClassFiles() throws Exception {
    Properties p = CliModel.snapshot();
    assertThat(p.getProperty("commands").split(",")).contains("encode", "decode", "inspect", "search");
    assertThat(p.getProperty("decode.crc")).isEqualTo(String.valueOf(CliModel.crc(DecodeCommand.class)));
    assertThat(CliModel.crc(DecodeCommand.class)).isNotEqualTo(-1);
  }

  @Test
  void rebuildsTheAnnotatedModelAndParsesLikeIt() throws Exception {
    Properties p = CliModel.snapshot();
    String[][] runs = {
        {"decode", "v.mp4", "-o", "out", "--workers", "3", "--frames", "2..5", "-q"},
        {"decode", "v.mp4", "--output=out"},
        {"encode", "a.txt", "b.md", "-o", "v.mkv", "--profile", "h264", "--mask", "3", "--no-search-index", "-q",
            "--parity", "20+4", "--chunk-size", "1000"},
        {"encode", "a.txt", "-o", "v.mkv"},
        {"inspect", "v.mp4"},
        {"search", "v.mp4", "some words"},
    };
    for (String[] args : runs) {
      CommandLine fast = CliModel.commandLine(p, args, TOP);
      assertThat(fast).as(String.join(" ", args)).isNotNull();
      CommandLine annotated = QrvidCli.commandLine();
      annotated.parseArgs(args);
      CommandLine fastSub = fast.getSubcommands().get(args[0]);
      CommandLine annotatedSub = annotated.getSubcommands().get(args[0]);
      assertThat(describe(fastSub.getCommandSpec())).isEqualTo(describe(annotatedSub.getCommandSpec()));
      fast.parseArgs(args);
      assertThat(fields(fastSub.getCommand())).as(String.join(" ", args))
          .isEqualTo(fields(annotatedSub.getCommand()));
      Field spec = fastSub.getCommand().getClass().getDeclaredField("spec");
      spec.setAccessible(true);
      assertThat(spec.get(fastSub.getCommand())).isSameAs(fastSub.getCommandSpec());
    }
  }

  @Test
  void helpVersionArgumentFilesAndUsageErrorsAreLeftToTheAnnotatedModel() throws Exception {
    Properties p = CliModel.snapshot();
    String[][] runs = {{"decode", "--help"}, {"decode", "v.mp4", "-o", "d", "-h"}, {"encode", "-V"},
        {"decode"}, {"decode", "v.mp4", "-o", "d", "--bogus"}, {"decode", "v.mp4", "-o", "d", "--workers", "x"},
        {"encode", "@args.txt"}, {"frames", "-o", "x", "--file", "y"}, {"nosuch"}};
    for (String[] args : runs) {
      assertThat(CliModel.commandLine(p, args, TOP)).as(String.join(" ", args)).isNull();
    }
  }

  @Test
  void aClassChangedSinceTheSnapshotOrNoSnapshotUsesTheAnnotations() throws Exception {
    Properties p = CliModel.snapshot();
    String[] args = {"decode", "v.mp4", "-o", "out"};
    assertThat(CliModel.commandLine(p, args, TOP)).isNotNull();
    p.setProperty("decode.crc", String.valueOf(CliModel.crc(DecodeCommand.class) ^ 1));
    assertThat(CliModel.commandLine(p, args, TOP)).isNull();
    assertThat(CliModel.commandLine(null, args, TOP)).isNull();
  }

  @Test
  void theJarsSnapshotIsTheOneTheseClassesGive() throws Exception {
    // target/classes holds the build's snapshot (process-classes); a plain run reads it through the class path
    Properties built = new Properties();
    try (var in = CliModel.class.getClassLoader().getResourceAsStream(CliModel.RESOURCE)) {
      assertThat(in).as(CliModel.RESOURCE).isNotNull();
      built.load(in);
    }
    assertThat(new TreeMap<>(built)).isEqualTo(new TreeMap<>(CliModel.snapshot()));
  }
}
