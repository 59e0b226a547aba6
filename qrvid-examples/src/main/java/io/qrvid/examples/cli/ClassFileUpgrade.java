package io.qrvid.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * A build step of the CLI jar, run at package time before the class-data sharing training ({@link CdsTraining}):
 * rewrites the class files of one package in the jar from a class-file version before Java 6 (49, Java 5) to
 * version 50 (Java 6), with stack map frames computed by ASM. Nothing else in a class changes (same bytecode,
 * constant pool entries, attributes); version 50 adds no language feature.
 *
 * <p>Why: picocli 4.7's class files are version 49, and a JDK 17 dynamic archive skips every class older than
 * version 50 ("Old class has been linked"), so each {@code qrvid} command parsed, verified (with the old,
 * type-inferring verifier) and linked picocli's 175 classes from the jar. Archived, they map with the rest; measured
 * with {@code qrvid bench cli} (see the README benchmark row). Version 50 rather than 52 keeps the JVM's fail-over to
 * the old verifier (JVMS 4.10: a version-50 class whose stack map frames do not check is verified by type inference
 * instead), so a wrong frame could never make a class unloadable.
 *
 * <p>The rewritten jar is written beside the original, read back and checked, then moved over it in one step; on
 * any error the jar is left as it was (the CLI then still works, only without picocli in the archive) and the step
 * exits 0 with a message on standard error, so it never fails the build. Not API.
 */
public final class ClassFileUpgrade {
  /** The class-file major version this step writes (Java 6). */
  static final int TARGET_VERSION = Opcodes.V1_6;

  private ClassFileUpgrade() {}

  /**
   * Upgrades the classes under a package prefix in a jar.
   *
   * @param args the jar, then the prefix of the entries to upgrade (for example {@code picocli/})
   */
  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: ClassFileUpgrade JAR PREFIX");
      return;
    }
    try {
      int n = upgrade(Path.of(args[0]), args[1]);
      System.err.println("qrvid: class files under " + args[1] + " upgraded to version 50: " + n);
    } catch (IOException | RuntimeException | LinkageError e) {
      System.err.println("qrvid: class files not upgraded (the CLI jar is unchanged): " + e);
    }
  }

  /**
   * Rewrites every class file under {@code prefix} in {@code jar} whose version is below 50 to version 50 (see the
   * class comment); other entries are copied unchanged, in the same order.
   *
   * @param jar the jar to rewrite in place
   * @param prefix the entry name prefix of the classes to upgrade
   * @return the number of classes rewritten; 0 leaves the jar untouched
   * @throws IOException if the jar cannot be read or written; the jar is then unchanged
   */
  static int upgrade(Path jar, String prefix) throws IOException {
    return JarClassRewrite.rewriteClasses(jar, prefix, "upgrade", bytes -> {
      if (majorVersion(bytes) >= 50) {
        return bytes;
      }
      byte[] upgraded = upgrade(bytes);
      if (majorVersion(upgraded) != 50) {
        throw new IllegalStateException("upgrade gave version " + majorVersion(upgraded));
      }
      return upgraded;
    });
  }

  /** One class file at version 50 with frames computed from its bytecode; everything else as it was. */
  static byte[] upgrade(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
      @Override
      protected ClassLoader getClassLoader() {
        return ClassFileUpgrade.class.getClassLoader(); // the build's class path holds the library's own classes
      }
    };
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public void visit(int version, int access, String name, String signature, String superName,
          String[] interfaces) {
        super.visit(TARGET_VERSION, access, name, signature, superName, interfaces);
      }
    }, ClassReader.SKIP_FRAMES);
    return writer.toByteArray();
  }

  /** The major version of a class file (bytes 6-7, JVMS 4.1). */
  static int majorVersion(byte[] classFile) {
    if (classFile.length < 8) {
      return -1;
    }
    return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
  }
}
