package io.qrvid.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;

/**
 * The jar rewrite shared by the CLI jar's package-time class-file steps ({@link ClassFileUpgrade},
 * {@link StringConcatRewrite}, {@link CalendarZoneRewrite}): every entry copied in order with its time, the class files under a prefix passed
 * through a rewrite, the new jar written beside the original, read back (each rewritten-prefix class parsed by ASM)
 * and moved over it in one step. Not API.
 */
final class JarClassRewrite {
  private JarClassRewrite() {}

  /**
   * Rewrites the class files under {@code prefix} in {@code jar} in place.
   *
   * @param jar the jar to rewrite
   * @param prefix the entry-name prefix of the class files given to {@code rewrite}
   * @param step a short name for the temporary file beside the jar ({@code <jar>.<step>.part})
   * @param rewrite a class file's bytes to its new bytes, or the same array (or null) to keep it as it is; any
   *     exception it throws leaves the jar unchanged
   * @return the number of class files changed; 0 leaves the jar untouched
   * @throws IOException if the jar cannot be read or written; the jar is then unchanged
   */
  static int rewriteClasses(Path jar, String prefix, String step, UnaryOperator<byte[]> rewrite)
      throws IOException {
    Path part = jar.resolveSibling(jar.getFileName() + "." + step + ".part");
    int changed = 0;
    try {
      try (ZipFile in = new ZipFile(jar.toFile());
          OutputStream os = Files.newOutputStream(part);
          ZipOutputStream out = new ZipOutputStream(os)) {
        for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
          ZipEntry entry = e.nextElement();
          byte[] bytes;
          try (InputStream is = in.getInputStream(entry)) {
            bytes = is.readAllBytes();
          }
          ZipEntry copy = new ZipEntry(entry.getName());
          copy.setTime(entry.getTime());
          if (isClassUnder(entry, prefix)) {
            byte[] rewritten = rewrite.apply(bytes);
            if (rewritten != null && rewritten != bytes) {
              bytes = rewritten;
              changed++;
            }
          }
          out.putNextEntry(copy);
          out.write(bytes);
          out.closeEntry();
        }
      }
      if (changed == 0) {
        return 0;
      }
      try (ZipFile check = new ZipFile(part.toFile())) {  // a complete, readable jar before it replaces the original
        for (Enumeration<? extends ZipEntry> e = check.entries(); e.hasMoreElements(); ) {
          ZipEntry entry = e.nextElement();
          if (isClassUnder(entry, prefix)) {
            try (InputStream is = check.getInputStream(entry)) {
              new ClassReader(is.readAllBytes());
            }
          }
        }
      }
      Files.move(part, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return changed;
    } finally {
      Files.deleteIfExists(part);
    }
  }

  private static boolean isClassUnder(ZipEntry entry, String prefix) {
    return entry.getName().startsWith(prefix) && entry.getName().endsWith(".class");
  }
}
