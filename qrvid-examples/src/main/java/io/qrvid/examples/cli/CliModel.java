package io.qrvid.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * picocli's model of the simple subcommands (every option and parameter a field of the command class, no mixin
 * but the standard help options, no argument group or subcommand), recorded at build time and rebuilt at run time
 * without reading a single annotation: the CLI's share of issue 14's "a CLI that starts at once".
 *
 * <p>Why: picocli builds its model from the command's annotations, and the first annotation a JVM reads costs the
 * JDK's annotation parser and a dynamic proxy class per annotation type, generated as bytecode by interpreted code
 * (JDK 17's class-data sharing archive cannot hold dynamic proxies). Measured in a cold JVM with the CLI's archive
 * and options on the 2-core CI machine: 40-50 ms for the first annotation, 10-40 ms more for a command's fields, and
 * about 40 ms for the rest of picocli's model of {@code decode}; a small encode and decode each pay it once.
 *
 * <p>How: {@link #main} (run by the build after compiling, see the pom) builds each subcommand's model from its
 * annotations as picocli does and writes what parsing needs (names, types, arity, split, defaults, required,
 * converters, the field of each option) to {@value #RESOURCE}, with the CRC-32 of the command's class file.
 * {@link #commandLine} rebuilds that model with picocli's programmatic API, binding options to the same fields.
 *
 * <p>Only a plain run takes this path: {@link #commandLine} returns null (and the caller builds the model from the
 * annotations as before) when the resource is missing or unreadable, the class file no longer has the recorded
 * CRC-32 (a build that skipped the snapshot), an argument asks for help or the version, or the arguments do not
 * parse. A usage error is therefore reported, with its usage message, by the annotated model, word for word as
 * before. Not API.
 */
final class CliModel {
  /** The snapshot in the CLI's jar (and in {@code target/classes}). */
  static final String RESOURCE = "META-INF/qrvid/cli-model.properties";

  /**
   * The subcommands recorded (when simple): those that read or write a video, whose start-up is most of a small
   * run. The others build their model from annotations, as before.
   */
  static final java.util.Set<String> COMMANDS = java.util.Set.of("encode", "decode", "inspect", "search", "append",
      "demo");

  private CliModel() {}

  /**
   * Writes the snapshot of every simple subcommand of {@link QrvidCli} to {@code args[0]}. Never fails the build:
   * on any error it prints it, removes a partial file, and exits 0 (the CLI then reads annotations, as before).
   *
   * @param args the file to write
   */
  public static void main(String[] args) {
    try {
      Properties p = snapshot();
      Path target = Path.of(args[0]);
      Files.createDirectories(target.toAbsolutePath().getParent());
      Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
      java.io.StringWriter text = new java.io.StringWriter();
      p.store(text, null);
      List<String> lines = new ArrayList<>();
      for (String line : text.toString().split("\n")) {
        if (!line.startsWith("#") && !line.isBlank()) {
          lines.add(line);
        }
      }
      java.util.Collections.sort(lines); // a stable file: one line per key, sorted
      lines.add(0, "# picocli's model of qrvid's simple subcommands, written by the build (see CliModel)");
      Files.write(tmp, lines, java.nio.charset.StandardCharsets.ISO_8859_1);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      System.out.println("qrvid: picocli model of " + p.getProperty("commands") + " written to " + target);
    } catch (Exception | Error e) {
      System.err.println("qrvid: no picocli model snapshot (the CLI reads annotations instead): " + e);
      try {
        Files.deleteIfExists(Path.of(args[0]));
      } catch (IOException | RuntimeException ignored) {
        // nothing more to do
      }
    }
  }

  /** The snapshot: {@code commands}, then per command and argument the keys {@link #commandLine} reads. */
  static Properties snapshot() throws IOException {
    Properties p = new Properties();
    List<String> names = new ArrayList<>();
    for (Class<?> c : QrvidCli.class.getAnnotation(Command.class).subcommands()) {
      if (c == CommandLine.HelpCommand.class) {
        continue;
      }
      String name = c.getAnnotation(Command.class).name();
      if (COMMANDS.contains(name) && record(p, name, c)) {
        names.add(name);
      }
    }
    p.setProperty("commands", String.join(",", names));
    p.setProperty("name", QrvidCli.class.getAnnotation(Command.class).name());
    return p;
  }

  /** Records one command; false (nothing recorded) if it is not simple. */
  private static boolean record(Properties p, String name, Class<?> c) throws IOException {
    Command a = c.getAnnotation(Command.class);
    if (a.subcommands().length > 0 || c.getSuperclass() != Object.class) {
      return false;
    }
    CommandSpec spec = new CommandLine(c).getCommandSpec();
    if (!spec.argGroups().isEmpty() || spec.mixins().size() > (a.mixinStandardHelpOptions() ? 1 : 0)
        || !spec.unmatchedArgsBindings().isEmpty() || spec.defaultValueProvider() != null) {
      return false;
    }
    String specField = "";
    for (Field f : c.getDeclaredFields()) {
      if (f.isAnnotationPresent(CommandLine.Spec.class)) {
        specField = f.getName();
      } else if (f.isAnnotationPresent(CommandLine.Mixin.class) || f.isAnnotationPresent(CommandLine.ParentCommand.class)
          || f.isAnnotationPresent(CommandLine.Unmatched.class) || f.isAnnotationPresent(CommandLine.ArgGroup.class)) {
        return false;
      }
    }
    List<ArgSpec> args = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      if (!o.usageHelp() && !o.versionHelp()) {
        args.add(o);
      }
    }
    args.addAll(spec.positionalParameters());
    String k = name + ".";
    int i = 0;
    for (ArgSpec s : args) {
      if (!(s.userObject() instanceof Field f) || f.getDeclaringClass() != c || Modifier.isFinal(f.getModifiers())
          || s.interactive() || s.preprocessor() != null && !isDefault(s.preprocessor())
          || s.parameterConsumer() != null) {
        return false;
      }
      String a0 = k + i + ".";
      p.setProperty(a0 + "field", f.getName());
      p.setProperty(a0 + "type", s.type().getName());
      p.setProperty(a0 + "aux", join(s.auxiliaryTypes()));
      p.setProperty(a0 + "arity", s.arity().toString());
      if (s.defaultValue() != null && s.defaultValue().contains("${")) {
        return false; // a variable would be resolved on the build machine
      }
      p.setProperty(a0 + "split", s.splitRegex());
      p.setProperty(a0 + "required", String.valueOf(s.required()));
      p.setProperty(a0 + "label", s.paramLabel());
      if (s.defaultValue() != null) {
        p.setProperty(a0 + "default", s.defaultValue());
      }
      List<String> converters = new ArrayList<>();
      if (s.converters() != null) {
        for (CommandLine.ITypeConverter<?> t : s.converters()) {
          converters.add(t.getClass().getName());
        }
      }
      p.setProperty(a0 + "converters", String.join(",", converters));
      if (s instanceof OptionSpec o) {
        p.setProperty(a0 + "names", String.join(" ", o.names()));
        p.setProperty(a0 + "negatable", String.valueOf(o.negatable()));
        p.setProperty(a0 + "fallback", o.fallbackValue());
      } else {
        p.setProperty(a0 + "index", ((PositionalParamSpec) s).index().toString());
      }
      i++;
    }
    p.setProperty(k + "class", c.getName());
    p.setProperty(k + "crc", String.valueOf(crc(c)));
    p.setProperty(k + "spec", specField);
    p.setProperty(k + "args", String.valueOf(i));
    return true;
  }

  private static boolean isDefault(Object preprocessor) {
    return preprocessor.getClass().getName().startsWith("picocli.");
  }

  private static String join(Class<?>[] types) {
    StringBuilder b = new StringBuilder();
    for (Class<?> t : types) {
      b.append(b.length() == 0 ? "" : ",").append(t.getName());
    }
    return b.toString();
  }

  /** The CRC-32 of the class file of {@code c}, or -1 if it cannot be read. */
  static long crc(Class<?> c) {
    try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
      if (in == null) {
        return -1;
      }
      CRC32 crc = new CRC32();
      crc.update(in.readAllBytes());
      return crc.getValue();
    } catch (IOException e) {
      return -1;
    }
  }

  /** The snapshot, read once; null if missing or unreadable. */
  private static final class Snapshot {
    static final @Nullable Properties PROPERTIES = load();

    private static @Nullable Properties load() {
      try (InputStream in = CliModel.class.getClassLoader().getResourceAsStream(RESOURCE)) {
        if (in == null) {
          return null;
        }
        Properties p = new Properties();
        p.load(in);
        return p;
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }
  }

  /**
   * The command line for {@code args} built from the snapshot, with {@code top} as its top-level command, or null
   * when the annotated model must be used (see the class comment). The returned command line has parsed
   * {@code args} once without error on an identical model and has not run anything.
   *
   * @param args the arguments; {@code args[0]} names the subcommand
   * @param top the top-level command's specification (without subcommands and help options) for its name
   */
  static @Nullable CommandLine commandLine(String[] args,
      java.util.function.Function<String, CommandSpec> top) {
    return commandLine(Snapshot.PROPERTIES, args, top);
  }

  /** {@link #commandLine(String[], java.util.function.Function)} from the snapshot {@code p} (null: none). */
  static @Nullable CommandLine commandLine(@Nullable Properties p, String[] args,
      java.util.function.Function<String, CommandSpec> top) {
    if (p == null || args.length == 0
        || !Arrays.asList(p.getProperty("commands", "").split(",")).contains(args[0])) {
      return null;
    }
    for (String a : args) {
      if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version") || a.startsWith("@")) {
        return null; // help, version and argument files: the annotated model, as before
      }
    }
    try {
      CommandLine probe = build(p, args[0], top);
      if (probe == null) {
        return null;
      }
      probe.parseArgs(args); // a usage error is reported by the annotated model
      return build(p, args[0], top); // a fresh command object, as the annotated path gives

    } catch (CommandLine.ParameterException | CommandLine.InitializationException e) {
      return null;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }

  private static @Nullable CommandLine build(Properties p, String name, java.util.function.Function<String, CommandSpec> top)
      throws ReflectiveOperationException {
    String k = name + ".";
    Class<?> c = Class.forName(p.getProperty(k + "class"), false, CliModel.class.getClassLoader());
    if (crc(c) != Long.parseLong(p.getProperty(k + "crc"))) {
      return null; // the class changed since the snapshot
    }
    java.lang.reflect.Constructor<?> ctor = c.getDeclaredConstructor();
    ctor.setAccessible(true);
    Object command = ctor.newInstance();
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
    spec.name(name);
    int n = Integer.parseInt(p.getProperty(k + "args"));
    for (int i = 0; i < n; i++) {
      String a = k + i + ".";
      Field f = c.getDeclaredField(p.getProperty(a + "field"));
      f.setAccessible(true);
      Binding binding = new Binding(command, f); // the field's initial value is its value when not given
      Class<?> type = primitiveOrClass(p.getProperty(a + "type"));
      if (!f.getType().equals(type)) {
        return null;
      }
      List<Class<?>> aux = new ArrayList<>();
      for (String t : p.getProperty(a + "aux").split(",")) {
        if (!t.isEmpty()) {
          aux.add(primitiveOrClass(t));
        }
      }
      List<CommandLine.ITypeConverter<?>> converters = new ArrayList<>();
      for (String t : p.getProperty(a + "converters").split(",")) {
        if (!t.isEmpty()) {
          java.lang.reflect.Constructor<?> cc = Class.forName(t, true, CliModel.class.getClassLoader())
              .getDeclaredConstructor();
          cc.setAccessible(true);
          converters.add((CommandLine.ITypeConverter<?>) cc.newInstance());
        }
      }
      String names = p.getProperty(a + "names");
      if (names != null) {
        OptionSpec.Builder b = OptionSpec.builder(names.split(" "));
        b.type(type).auxiliaryTypes(aux.toArray(new Class<?>[0])).arity(p.getProperty(a + "arity"))
            .splitRegex(p.getProperty(a + "split")).required(Boolean.parseBoolean(p.getProperty(a + "required")))
            .paramLabel(p.getProperty(a + "label")).defaultValue(p.getProperty(a + "default"))
            .negatable(Boolean.parseBoolean(p.getProperty(a + "negatable")))
            .fallbackValue(p.getProperty(a + "fallback")).getter(binding).setter(binding)
            .initialValue(f.get(command)).hasInitialValue(true);
        if (!converters.isEmpty()) {
          b.converters(converters.toArray(new CommandLine.ITypeConverter<?>[0]));
        }
        spec.addOption(b.build());
      } else {
        PositionalParamSpec.Builder b = PositionalParamSpec.builder();
        b.index(p.getProperty(a + "index")).type(type).auxiliaryTypes(aux.toArray(new Class<?>[0]))
            .arity(p.getProperty(a + "arity")).splitRegex(p.getProperty(a + "split"))
            .required(Boolean.parseBoolean(p.getProperty(a + "required"))).paramLabel(p.getProperty(a + "label"))
            .defaultValue(p.getProperty(a + "default")).getter(binding).setter(binding)
            .initialValue(f.get(command)).hasInitialValue(true);
        if (!converters.isEmpty()) {
          b.converters(converters.toArray(new CommandLine.ITypeConverter<?>[0]));
        }
        spec.addPositional(b.build());
      }
    }
    String specField = p.getProperty(k + "spec");
    if (!specField.isEmpty()) {
      Field f = c.getDeclaredField(specField);
      f.setAccessible(true);
      f.set(command, spec);
    }
    CommandLine cli = new CommandLine(top.apply(p.getProperty("name")));
    cli.addSubcommand(name, new CommandLine(spec));
    return cli;
  }

  private static Class<?> primitiveOrClass(String name) throws ClassNotFoundException {
    return switch (name) {
      case "int" -> int.class;
      case "long" -> long.class;
      case "boolean" -> boolean.class;
      case "double" -> double.class;
      case "float" -> float.class;
      case "short" -> short.class;
      case "byte" -> byte.class;
      case "char" -> char.class;
      default -> Class.forName(name, false, CliModel.class.getClassLoader());
    };
  }

  /** Reads and writes one field of the command object, as picocli's binding of an annotated field does. */
  private static final class Binding implements CommandLine.Model.IGetter, CommandLine.Model.ISetter {
    private final Object target;
    private final Field field;

    Binding(Object target, Field field) {
      this.target = target;
      this.field = field;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() throws Exception {
      return (T) field.get(target);
    }

    @Override
    public <T> T set(T value) throws Exception {
      @SuppressWarnings("unchecked")
      T old = (T) field.get(target);
      field.set(target, value);
      return old;
    }
  }
}
