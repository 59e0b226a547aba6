package io.qrvid.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The packaged CLI jar as {@code ./qrvid} runs it, in a new JVM: picocli's class files upgraded for the class-data
 * sharing archive ({@link ClassFileUpgrade}), and a small encode/decode round trip with the start-up warm-up
 * ({@link StartupWarmUp}) loading zstd-jni's library from {@code target/natives/zstd}, or, when that file is
 * unusable, from zstd-jni's usual temporary copy.
 */
class CliJarIT {
  private static final Path TARGET = Path.of("target");
  private static final Path JAR = TARGET.resolve("qrvid-cli.jar");

  @TempDir Path dir;

  private static boolean linuxAmd64() {
    return System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).startsWith("linux")
        && System.getProperty("os.arch").equals("amd64");
  }

  @Test
  void picocliClassesInTheJarAreVersion50() throws IOException {
    assumeTrue(Files.isRegularFile(JAR), "no CLI jar (package skipped)");
    int picocli = 0;
    try (ZipFile z = new ZipFile(JAR.toFile())) {
      for (ZipEntry e : java.util.Collections.list(z.entries())) {
        if (e.getName().startsWith("picocli/") && e.getName().endsWith(".class")) {
          try (InputStream in = z.getInputStream(e)) {
            assertThat(ClassFileUpgrade.majorVersion(in.readNBytes(8))).as(e.getName()).isEqualTo(50);
          }
          picocli++;
        }
      }
    }
    assertThat(picocli).isGreaterThan(100);
  }

  @Test
  void humblesMediaInTheJarReadsItsZoneWithoutACalendar() throws IOException {
    assumeTrue(Files.isRegularFile(JAR), "no CLI jar (package skipped)");
    byte[] media;
    try (ZipFile z = new ZipFile(JAR.toFile())) {
      ZipEntry e = z.getEntry("io/humble/video/Media.class");
      assertThat(e).as("Humble's Media class in the CLI jar").isNotNull();
      try (InputStream in = z.getInputStream(e)) {
        media = in.readAllBytes();
      }
    }
    List<String> calls = new ArrayList<>();
    new ClassReader(media).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String d, String sig, String[] ex) {
        return !name.equals("<clinit>") ? null : new MethodVisitor(Opcodes.ASM9) {
          @Override
          public void visitMethodInsn(int opcode, String owner, String n, String desc, boolean itf) {
            calls.add(owner + "." + n);
          }
        };
      }
    }, 0);
    assertThat(calls).containsExactly("java/util/TimeZone.getDefault", "java/util/TimeZone.getRawOffset");
  }

  @Test
  void roundTripLoadsZstdFromTheNativesFolderWithoutATemporaryCopy() throws Exception {
    assumeTrue(Files.isRegularFile(JAR) && linuxAmd64(), "CLI jar on linux/amd64 only");
    Path zstdTemp = Files.createDirectories(dir.resolve("zstd-temp"));
    roundTrip(JAR, zstdTemp);
    try (var files = Files.list(zstdTemp)) {
      assertThat(files.toList()).as("zstd-jni copies made").isEmpty();
    }
  }

  @Test
  void anUnusableZstdLibraryBesideTheJarFallsBackToZstdJnisOwnLoader() throws Exception {
    assumeTrue(Files.isRegularFile(JAR) && linuxAmd64(), "CLI jar on linux/amd64 only");
    Path home = Files.createDirectories(dir.resolve("cli"));
    Path jar = Files.copy(JAR, home.resolve("qrvid-cli.jar"));
    Path natives = Files.createDirectories(home.resolve("natives"));
    Path humble = Files.createSymbolicLink(natives.resolve("libhumblevideo.so"),
        TARGET.resolve("natives/libhumblevideo.so").toAbsolutePath());
    Path zstd = Files.createDirectories(natives.resolve("zstd/linux/amd64"));
    try (var libs = Files.list(TARGET.resolve("natives/zstd/linux/amd64"))) {
      for (Path lib : libs.toList()) {
        Files.writeString(zstd.resolve(lib.getFileName()), "not a shared library");
      }
    }
    Path zstdTemp = Files.createDirectories(dir.resolve("zstd-temp"));
    try {
      roundTrip(jar, zstdTemp);
    } finally {
      Files.delete(humble); // the link only; JUnit warns about links it has to delete
    }
  }

  private void roundTrip(Path jar, Path zstdTemp) throws Exception {
    Path input = dir.resolve("note.txt");
    Files.writeString(input, "a small note for the round trip, ".repeat(40), StandardCharsets.UTF_8);
    Path video = dir.resolve("note.mp4");
    run(jar, zstdTemp, "encode", input.toString(), "-o", video.toString(), "-q");
    Path back = dir.resolve("back");
    run(jar, zstdTemp, "decode", video.toString(), "-o", back.toString(), "-q");
    assertThat(back.resolve("note.txt")).hasSameBinaryContentAs(input);
  }

  private void run(Path jar, Path zstdTemp, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-DZstdTempFolder=" + zstdTemp, "-jar", jar.toString()));
    cmd.addAll(List.of(args));
    Path log = dir.resolve("out.txt");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", args) + " did not finish in 2 minutes");
    }
    assertThat(p.exitValue()).as(Files.readString(log)).isZero();
  }
}
