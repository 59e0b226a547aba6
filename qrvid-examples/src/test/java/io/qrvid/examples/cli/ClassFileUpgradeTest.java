package io.qrvid.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ClassFileUpgradeTest {
  @TempDir Path dir;

  private static byte[] classBytes(Class<?> c) throws IOException {
    try (InputStream in = c.getResourceAsStream("/" + c.getName().replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }

  private static void writeJar(Path jar, Map<String, byte[]> entries) throws IOException {
    try (OutputStream os = Files.newOutputStream(jar); ZipOutputStream out = new ZipOutputStream(os)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(e.getKey()));
        out.write(e.getValue());
        out.closeEntry();
      }
    }
  }

  private static Map<String, byte[]> readJar(Path jar) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile z = new ZipFile(jar.toFile())) {
      for (ZipEntry e : Collections.list(z.entries())) {
        try (InputStream in = z.getInputStream(e)) {
          entries.put(e.getName(), in.readAllBytes());
        }
      }
    }
    return entries;
  }

  @Test
  void upgradesPicocliToVersion50AndKeepsEverythingElse() throws Exception {
    byte[] range = classBytes(CommandLine.Range.class);
    byte[] help = classBytes(CommandLine.Help.class);
    assertThat(ClassFileUpgrade.majorVersion(range)).isEqualTo(49); // picocli 4.7 targets Java 5
    byte[] own = classBytes(ClassFileUpgradeTest.class);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
    entries.put("picocli/CommandLine$Range.class", range);
    entries.put("picocli/CommandLine$Help.class", help);
    entries.put("picocli/readme.txt", "not a class".getBytes(StandardCharsets.UTF_8));
    entries.put("io/qrvid/Own.class", own);
    Path jar = dir.resolve("cli.jar");
    writeJar(jar, entries);

    assertThat(ClassFileUpgrade.upgrade(jar, "picocli/")).isEqualTo(2);

    Map<String, byte[]> after = readJar(jar);
    assertThat(new ArrayList<>(after.keySet())).containsExactlyElementsOf(entries.keySet());
    assertThat(ClassFileUpgrade.majorVersion(after.get("picocli/CommandLine$Range.class"))).isEqualTo(50);
    assertThat(ClassFileUpgrade.majorVersion(after.get("picocli/CommandLine$Help.class"))).isEqualTo(50);
    assertThat(after.get("picocli/readme.txt")).isEqualTo(entries.get("picocli/readme.txt"));
    assertThat(after.get("io/qrvid/Own.class")).isEqualTo(own);
    assertThat(after.get("META-INF/MANIFEST.MF")).isEqualTo(entries.get("META-INF/MANIFEST.MF"));
    try (var files = Files.list(dir)) {
      assertThat(files.toList()).containsExactly(jar); // no part file left
    }

    // The upgraded classes load, verify (with the stack map frames ASM computed) and behave like the originals.
    ClassLoader loader = new ClassLoader(ClassFileUpgradeTest.class.getClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith("picocli.")) {
          return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
          Class<?> c = findLoadedClass(name);
          if (c == null) {
            String entry = name.replace('.', '/') + ".class";
            byte[] b = after.get(entry);
            if (b == null) {
              try (InputStream in = getParent().getResourceAsStream(entry)) {
                b = in.readAllBytes();
              } catch (IOException | NullPointerException e) {
                throw new ClassNotFoundException(name, e);
              }
            }
            c = defineClass(name, b, 0, b.length);
          }
          return c;
        }
      }
    };
    Class<?> upgraded = Class.forName("picocli.CommandLine$Range", true, loader);
    assertThat(upgraded.getClassLoader()).isSameAs(loader);
    Object r = upgraded.getMethod("valueOf", String.class).invoke(null, "2..*");
    assertThat(r.toString()).isEqualTo(CommandLine.Range.valueOf("2..*").toString()).isEqualTo("2..*");
  }

  @Test
  void aJarWithoutOldClassesIsLeftAsItWas() throws Exception {
    Path jar = dir.resolve("new.jar");
    writeJar(jar, Map.of("picocli/Own.class", classBytes(ClassFileUpgradeTest.class)));
    byte[] before = Files.readAllBytes(jar);
    assertThat(ClassFileUpgrade.upgrade(jar, "picocli/")).isZero();
    assertThat(Files.readAllBytes(jar)).isEqualTo(before);
  }

  @Test
  void aJarThatCannotBeReadIsLeftAsItWasAndMainDoesNotThrow() throws Exception {
    Path jar = Files.writeString(dir.resolve("broken.jar"), "not a zip");
    ClassFileUpgrade.main(new String[] {jar.toString(), "picocli/"});
    assertThat(Files.readString(jar)).isEqualTo("not a zip");
    try (var files = Files.list(dir)) {
      assertThat(files.toList()).containsExactly(jar);
    }
  }
}
