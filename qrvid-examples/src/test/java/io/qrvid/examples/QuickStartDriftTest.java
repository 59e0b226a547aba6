package io.qrvid.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java block of {@code README.md} and {@code docs/*.md} is a region of a compiled source file, shown verbatim.
 *
 * <p>The rule for documentation writers: put the code in a source file that the build compiles (the quick starts of
 * each module live in {@code qrvid-examples/src/quickstart/<module>}, which the consumer projects also compile
 * against that module alone), between {@code // README-BEGIN name} and {@code // README-END name}; in the Markdown,
 * write {@code <!-- source: PATH#name -->} (PATH from the repository root) on the line just above the
 * {@code ```java} fence, and paste the region's lines without their common indentation. This test fails when a Java
 * block has no such line, names a missing file or region, or differs from its region by one character; and when a
 * region is shown nowhere. The one exception is code that cannot compile against qrvid alone (a sketch for another
 * framework, such as Apache Spark): {@code <!-- sketch: REASON -->} above its fence, with the reason.
 */
class QuickStartDriftTest {
  private static final Pattern SOURCE = Pattern.compile("<!--\\s*source:\\s*(\\S+)#(.+?)\\s*-->");
  private static final Pattern SKETCH = Pattern.compile("<!--\\s*sketch:\\s*(\\S.*?)\\s*-->");
  private static final Pattern BEGIN = Pattern.compile("^\\s*// README-BEGIN (.+?)\\s*$");
  private static final Pattern END = Pattern.compile("^\\s*// README-END (.+?)\\s*$");

  /** One fenced Java block of a Markdown file. */
  record Block(Path doc, int line, String sourcePath, String region, String code) {
    String where() {
      return doc.getFileName() + ":" + line;
    }
  }

  @Test
  void everyJavaBlockOfTheDocumentationIsItsCompiledRegionVerbatim() throws IOException {
    Path root = repositoryRoot();
    List<Block> blocks = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Path doc : documentation(root)) {
      blocks.addAll(javaBlocks(root, doc, problems));
    }
    assertThat(blocks).as("Java blocks found in README.md and docs/").hasSizeGreaterThanOrEqualTo(4);
    for (Block b : blocks) {
      if (b.sourcePath() == null) {
        continue;
      }
      Path source = root.resolve(b.sourcePath()).normalize();
      if (!source.startsWith(root) || !Files.isRegularFile(source)) {
        problems.add(b.where() + ": source " + b.sourcePath() + " does not exist");
        continue;
      }
      Map<String, String> regions = regions(source, problems);
      String region = regions.get(b.region());
      if (region == null) {
        problems.add(b.where() + ": " + b.sourcePath() + " has no region '" + b.region() + "' (it has "
            + regions.keySet() + ")");
      } else if (!region.equals(b.code())) {
        problems.add(b.where() + ": the block differs from region '" + b.region() + "' of " + b.sourcePath()
            + firstDifference(region, b.code()));
      }
    }
    assertThat(problems).as("documentation Java blocks that drifted from their compiled source").isEmpty();
  }

  @Test
  void everyRegionIsShownInTheDocumentation() throws IOException {
    Path root = repositoryRoot();
    Set<String> shown = new HashSet<>();
    List<String> problems = new ArrayList<>();
    for (Path doc : documentation(root)) {
      for (Block b : javaBlocks(root, doc, new ArrayList<>())) {
        shown.add(b.sourcePath() + "#" + b.region());
      }
    }
    int regionCount = 0;
    for (Path source : sourcesWithRegions(root)) {
      String relative = root.relativize(source).toString().replace('\\', '/');
      for (String name : regions(source, problems).keySet()) {
        regionCount++;
        if (!shown.contains(relative + "#" + name)) {
          problems.add(relative + ": region '" + name + "' is shown in no README.md or docs/*.md block");
        }
      }
    }
    assertThat(regionCount).as("README-BEGIN regions in the sources").isGreaterThanOrEqualTo(4);
    assertThat(problems).isEmpty();
  }

  @Test
  void findsADriftedBlockAndABlockWithoutSource() throws IOException {
    Path dir = Files.createTempDirectory("drift");
    try {
      Files.writeString(dir.resolve("A.java"), String.join("\n", "class A {", "  void f() {",
          "    // README-BEGIN a", "    int x = 1;", "      x++;", "    // README-END a", "  }", "}", ""));
      Path md = dir.resolve("doc.md");
      Files.writeString(md, String.join("\n", "# doc", "<!-- source: A.java#a -->", "```java", "int x = 1;",
          "  x++;", "```", "", "```java", "int y = 2;", "```", ""));
      List<String> problems = new ArrayList<>();
      List<Block> blocks = javaBlocks(dir, md, problems);
      assertThat(blocks).extracting(Block::region).containsExactly("a", null);
      assertThat(problems).singleElement().asString().contains("doc.md:8").contains("no <!-- source:");
      assertThat(regions(dir.resolve("A.java"), problems)).containsEntry("a", "int x = 1;\n  x++;");

      Files.writeString(md, Files.readString(md).replace("  x++;", "  x += 2;"));
      Block drifted = javaBlocks(dir, md, new ArrayList<>()).get(0);
      assertThat(drifted.code()).isNotEqualTo(regions(dir.resolve("A.java"), problems).get("a"));
      assertThat(firstDifference("int x = 1;\n  x++;", drifted.code())).contains("line 2");

      Files.writeString(md, String.join("\n", "<!-- sketch: needs Apache Spark -->", "```java", "sc.parallelize();",
          "```", "<!-- sketch: -->", "```java", "x();", "```", ""));
      List<String> sketchProblems = new ArrayList<>();
      assertThat(javaBlocks(dir, md, sketchProblems)).singleElement().extracting(Block::sourcePath).isNull();
      assertThat(sketchProblems).singleElement().asString().contains("doc.md:6"); // a sketch needs its reason
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** The folder holding {@code mvnw} and {@code README.md}, above the working directory. */
  static Path repositoryRoot() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("README.md")) && Files.isRegularFile(d.resolve("mvnw"))) {
        return d;
      }
    }
    throw new AssertionError("no README.md and mvnw above " + dir);
  }

  /** README.md and every Markdown file under docs/. */
  static List<Path> documentation(Path root) throws IOException {
    List<Path> docs = new ArrayList<>();
    docs.add(root.resolve("README.md"));
    Path dir = root.resolve("docs");
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
      }
    }
    return docs;
  }

  /**
   * The {@code ```java} blocks of a Markdown file. A block without a {@code <!-- source: PATH#name -->} line just
   * above it is reported in {@code problems} (and returned with a null source path).
   */
  static List<Block> javaBlocks(Path root, Path doc, List<String> problems) throws IOException {
    List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String fence = lines.get(i).strip();
      if (!fence.startsWith("```")) {
        continue;
      }
      int close = i + 1;
      while (close < lines.size() && !lines.get(close).strip().equals("```")) {
        close++;
      }
      if (fence.equals("```java")) {
        String code = String.join("\n", lines.subList(i + 1, Math.min(close, lines.size())));
        Matcher m = i > 0 ? SOURCE.matcher(lines.get(i - 1).strip()) : null;
        if (m != null && m.matches()) {
          blocks.add(new Block(doc, i + 1, m.group(1), m.group(2), code));
        } else if (i > 0 && SKETCH.matcher(lines.get(i - 1).strip()).matches()) {
          // declared not compilable against qrvid alone, with its reason (class javadoc): not checked
        } else {
          problems.add(root.relativize(doc) + ":" + (i + 1) + ": a Java block with no <!-- source: PATH#name --> "
              + "line above it");
          blocks.add(new Block(doc, i + 1, null, null, code));
        }
      }
      i = close;
    }
    return blocks;
  }

  /** The README-BEGIN/README-END regions of a source file, each without the lines' common indentation. */
  static Map<String, String> regions(Path source, List<String> problems) throws IOException {
    List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
    Map<String, String> regions = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher begin = BEGIN.matcher(lines.get(i));
      if (!begin.matches()) {
        continue;
      }
      String name = begin.group(1);
      int end = i + 1;
      while (end < lines.size() && !END.matcher(lines.get(end)).matches()) {
        end++;
      }
      Matcher endMatch = end < lines.size() ? END.matcher(lines.get(end)) : null;
      if (endMatch == null || !endMatch.matches() || !endMatch.group(1).equals(name)) {
        problems.add(source.getFileName() + ":" + (i + 1) + ": region '" + name + "' has no README-END " + name);
        continue;
      }
      if (regions.containsKey(name)) {
        problems.add(source.getFileName() + ":" + (i + 1) + ": region '" + name + "' appears twice");
      }
      List<String> region = lines.subList(i + 1, end);
      int indent = region.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
          .min().orElse(0);
      regions.put(name, region.stream().map(l -> l.isBlank() ? "" : l.substring(indent))
          .collect(Collectors.joining("\n")));
      i = end;
    }
    return regions;
  }

  /** Java sources under {@code qrvid-*}{@code /src} that hold a README-BEGIN line. */
  static List<Path> sourcesWithRegions(Path root) throws IOException {
    List<Path> found = new ArrayList<>();
    List<Path> modules;
    try (Stream<Path> s = Files.list(root)) {
      modules = s.filter(p -> p.getFileName().toString().startsWith("qrvid-") && Files.isDirectory(p.resolve("src")))
          .sorted().toList();
    }
    for (Path module : modules) {
      try (Stream<Path> s = Files.walk(module.resolve("src"))) {
        for (Path p : s.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
          if (Files.readAllLines(p, StandardCharsets.UTF_8).stream().anyMatch(l -> BEGIN.matcher(l).matches())) {
            found.add(p);
          }
        }
      }
    }
    return found;
  }

  /** Where two texts first differ, as a readable message. */
  static String firstDifference(String region, String block) {
    String[] a = region.split("\n", -1);
    String[] b = block.split("\n", -1);
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String x = i < a.length ? a[i] : "<end of region>";
      String y = i < b.length ? b[i] : "<end of block>";
      if (!x.equals(y)) {
        return "; first difference at line " + (i + 1) + " of the block:\n  source: " + x + "\n  doc:    " + y;
      }
    }
    return "";
  }
}
