import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Prints how many jars, and how many bytes, a consumer project's runtime class path holds: the line of the README's
 * table for one module. Run by each consumer project (single-file source launch, no build step):
 * {@code java JarReport.java MODULE CLASSPATH_FILE}, where the file is what {@code dependency:build-classpath} wrote
 * for the runtime scope. Exits with 1 when the file is missing or names a jar that does not exist.
 */
public final class JarReport {
  private JarReport() {}

  public static void main(String[] args) throws IOException {
    String module = args[0];
    String classpath = Files.readString(Path.of(args[1])).strip();
    List<Path> jars = new ArrayList<>();
    for (String entry : classpath.split(java.io.File.pathSeparator)) {
      if (!entry.isBlank()) {
        jars.add(Path.of(entry));
      }
    }
    long total = 0;
    for (Path jar : jars) {
      if (!Files.isRegularFile(jar)) {
        System.err.println("JarReport: missing " + jar);
        System.exit(1);
      }
      total += Files.size(jar);
    }
    jars.sort(Comparator.comparingLong((Path p) -> {
      try {
        return Files.size(p);
      } catch (IOException e) {
        return 0L;
      }
    }).reversed());
    String[] names = jars.stream().map(p -> p.getFileName().toString()).toArray(String[]::new);
    System.out.printf(Locale.ROOT, "JAR-REPORT | %s alone | %d jars | %,d bytes | %.1f MiB |%n", module, jars.size(),
        total, total / 1048576.0);
    System.out.println("JAR-REPORT " + module + " runtime jars, largest first: " + String.join(", ", Arrays.asList(names)));
  }
}
