package io.qrvid.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * A build step of the CLI jar, run at package time before the class-data sharing training ({@link CdsTraining}):
 * replaces each string concatenation that a library's classes compiled to {@code invokedynamic}
 * ({@code StringConcatFactory.makeConcatWithConstants}, JEP 280, javac's default from Java 9) with a call to a
 * private static method added to the same class that builds the same string with a {@code StringBuilder}, as javac
 * 8 compiled it (and as qrvid's own classes are compiled, {@code -XDstringConcat=inline}).
 *
 * <p>Why: the first execution of each such call site runs its bootstrap method, which generates and loads method
 * handles and lambda-form classes in interpreted JDK code, and JDK 17's archive cannot hold linked call sites. JFR
 * samples of a small {@code qrvid encode} put a quarter of Lucene's thread in those bootstraps (its first segment
 * builds file names and messages by concatenation). The rewritten call computes the same string: each argument is
 * appended as {@code String.valueOf} would convert it (primitives by their own {@code append}, {@code byte} and
 * {@code short} as {@code int}, everything else as {@code Object}), constants as they are, left to right.
 *
 * <p>The stack effect of the replacement is that of the call site (the same arguments in, a {@code String} out), so
 * the method's stack map frames stay valid; the added methods have no branches and need none. Call sites with a
 * constant other than a string are left as they are. The rewritten jar is checked and moved into place in one step;
 * on any error the jar is unchanged and the step exits 0. Not API.
 */
public final class StringConcatRewrite {
  private static final String FACTORY = "java/lang/invoke/StringConcatFactory";
  private static final String SB = "java/lang/StringBuilder";

  private StringConcatRewrite() {}

  /**
   * Rewrites the classes under a package prefix in a jar.
   *
   * @param args the jar, then the prefix of the entries to rewrite (for example {@code org/apache/lucene/})
   */
  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: StringConcatRewrite JAR PREFIX");
      return;
    }
    try {
      int[] n = rewrite(Path.of(args[0]), args[1]);
      System.err.println("qrvid: string concatenations under " + args[1] + " compiled to StringBuilder: " + n[1]
          + " in " + n[0] + " classes");
    } catch (IOException | RuntimeException | LinkageError e) {
      System.err.println("qrvid: string concatenations not rewritten (the CLI jar is unchanged): " + e);
    }
  }

  /**
   * Rewrites every class file under {@code prefix} in {@code jar} that has an {@code invokedynamic} string
   * concatenation; other entries are copied unchanged, in the same order.
   *
   * @return the classes and call sites rewritten; {0, 0} leaves the jar untouched
   * @throws IOException if the jar cannot be read or written; the jar is then unchanged
   */
  static int[] rewrite(Path jar, String prefix) throws IOException {
    int[] sites = new int[1];
    int classes = JarClassRewrite.rewriteClasses(jar, prefix, "concat", bytes -> {
      int[] count = new int[1];
      byte[] rewritten = rewrite(bytes, count);
      sites[0] += count[0];
      return count[0] > 0 ? rewritten : bytes;
    });
    return new int[] {classes, classes == 0 ? 0 : sites[0]};
  }

  /** One class with its string concatenation call sites rewritten; {@code count[0]} gets their number. */
  static byte[] rewrite(byte[] classFile, int[] count) {
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
    List<String[]> helpers = new ArrayList<>(); // name, descriptor, recipe, then the constants
    boolean[] isInterface = new boolean[1];
    String[] owner = new String[1];
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public void visit(int version, int access, String name, String signature, String superName,
          String[] interfaces) {
        owner[0] = name;
        isInterface[0] = (access & Opcodes.ACC_INTERFACE) != 0;
        super.visit(version, access, name, signature, superName, interfaces);
      }

      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
          String[] exceptions) {
        MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
        return new MethodVisitor(Opcodes.ASM9, mv) {
          @Override
          public void visitInvokeDynamicInsn(String indyName, String indyDescriptor, Handle bsm, Object... bsmArgs) {
            if (bsm.getOwner().equals(FACTORY) && bsm.getName().equals("makeConcatWithConstants")
                && bsmArgs.length >= 1 && bsmArgs[0] instanceof String recipe && constantsAreStrings(bsmArgs)) {
              String[] helper = new String[bsmArgs.length + 2];
              helper[0] = "qrvid$concat$" + helpers.size();
              helper[1] = indyDescriptor;
              helper[2] = recipe;
              for (int i = 1; i < bsmArgs.length; i++) {
                helper[i + 2] = (String) bsmArgs[i];
              }
              helpers.add(helper);
              count[0]++;
              super.visitMethodInsn(Opcodes.INVOKESTATIC, owner[0], helper[0], indyDescriptor, isInterface[0]);
              return;
            }
            super.visitInvokeDynamicInsn(indyName, indyDescriptor, bsm, bsmArgs);
          }
        };
      }

      @Override
      public void visitEnd() {
        for (String[] h : helpers) {
          writeHelper(cv, h);
        }
        super.visitEnd();
      }
    }, 0);
    return count[0] == 0 ? classFile : writer.toByteArray();
  }

  private static boolean constantsAreStrings(Object[] bsmArgs) {
    for (int i = 1; i < bsmArgs.length; i++) {
      if (!(bsmArgs[i] instanceof String)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code private static synthetic String name(args)}: a {@code StringBuilder} appending the recipe's literal text,
   * its arguments ({@code \1}) and its constants ({@code \2}) in order.
   */
  private static void writeHelper(ClassVisitor cv, String[] h) {
    MethodVisitor mv = cv.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, h[0], h[1],
        null, null);
    mv.visitCode();
    mv.visitTypeInsn(Opcodes.NEW, SB);
    mv.visitInsn(Opcodes.DUP);
    mv.visitMethodInsn(Opcodes.INVOKESPECIAL, SB, "<init>", "()V", false);
    Type[] args = Type.getArgumentTypes(h[1]);
    String recipe = h[2];
    int arg = 0;
    int slot = 0;
    int constant = 3;
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < recipe.length(); i++) {
      char c = recipe.charAt(i);
      if (c == '\u0001' || c == '\u0002') {
        appendLiteral(mv, literal);
        if (c == '\u0001') {
          Type t = args[arg++];
          mv.visitVarInsn(t.getOpcode(Opcodes.ILOAD), slot);
          slot += t.getSize();
          mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, SB, "append", "(" + appendType(t) + ")L" + SB + ";", false);
        } else {
          literal.append(h[constant++]);
          appendLiteral(mv, literal);
        }
      } else {
        literal.append(c);
      }
    }
    appendLiteral(mv, literal);
    mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, SB, "toString", "()Ljava/lang/String;", false);
    mv.visitInsn(Opcodes.ARETURN);
    mv.visitMaxs(0, 0); // computed (COMPUTE_MAXS)
    mv.visitEnd();
  }

  private static void appendLiteral(MethodVisitor mv, StringBuilder literal) {
    if (literal.length() > 0) {
      mv.visitLdcInsn(literal.toString());
      mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, SB, "append", "(Ljava/lang/String;)L" + SB + ";", false);
      literal.setLength(0);
    }
  }

  /** The {@code StringBuilder.append} parameter type that converts {@code t} as {@code String.valueOf} does. */
  static String appendType(Type t) {
    return switch (t.getSort()) {
      case Type.BOOLEAN -> "Z";
      case Type.CHAR -> "C";
      case Type.BYTE, Type.SHORT, Type.INT -> "I";
      case Type.LONG -> "J";
      case Type.FLOAT -> "F";
      case Type.DOUBLE -> "D";
      default -> t.getDescriptor().equals("Ljava/lang/String;") ? "Ljava/lang/String;" : "Ljava/lang/Object;";
    };
  }
}
