package io.qrvid.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/** {@link StringConcatRewrite}: the rewritten call builds the string the JDK's indy concatenation builds. */
class StringConcatRewriteTest {
  private static final String DESC = "(ILjava/lang/String;CJLjava/lang/Object;DZBSF[C)Ljava/lang/String;";
  private static final String RECIPE = "a\u0001b\u0001\u0002|\u0001\u0001[\u0001]\u0001\u0001\u0001\u0001\u0001"
      + "\u0001\u0002end";

  /** A class {@code T} with {@code static String f(...)} compiled as javac 9+ compiles a concatenation. */
  private static byte[] indyClass() {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(Opcodes.V11, Opcodes.ACC_PUBLIC, "T", null, "java/lang/Object", null);
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "f", DESC, null, null);
    mv.visitCode();
    int slot = 0;
    for (Type t : Type.getArgumentTypes(DESC)) {
      mv.visitVarInsn(t.getOpcode(Opcodes.ILOAD), slot);
      slot += t.getSize();
    }
    Handle bsm = new Handle(Opcodes.H_INVOKESTATIC, "java/lang/invoke/StringConcatFactory", "makeConcatWithConstants",
        "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;Ljava/lang/String;"
            + "[Ljava/lang/Object;)Ljava/lang/invoke/CallSite;", false);
    mv.visitInvokeDynamicInsn("makeConcatWithConstants", DESC, bsm, RECIPE, "<const \u0001 one>", "-two");
    mv.visitInsn(Opcodes.ARETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  private static Method load(byte[] bytes) throws Exception {
    ClassLoader loader = new ClassLoader(StringConcatRewriteTest.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (name.equals("T")) {
          return defineClass(name, bytes, 0, bytes.length);
        }
        throw new ClassNotFoundException(name);
      }
    };
    return Class.forName("T", true, loader).getMethod("f", int.class, String.class, char.class, long.class,
        Object.class, double.class, boolean.class, byte.class, short.class, float.class, char[].class);
  }

  private static boolean hasIndy(byte[] bytes) {
    boolean[] found = new boolean[1];
    new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String d, String s, String[] e) {
        return new MethodVisitor(Opcodes.ASM9) {
          @Override
          public void visitInvokeDynamicInsn(String n, String desc, Handle bsm, Object... args) {
            found[0] = true;
          }
        };
      }
    }, 0);
    return found[0];
  }

  @Test
  void buildsTheSameStringsWithoutInvokedynamic() throws Exception {
    byte[] original = indyClass();
    int[] count = new int[1];
    byte[] rewritten = StringConcatRewrite.rewrite(original, count);
    assertThat(count[0]).isEqualTo(1);
    assertThat(hasIndy(original)).isTrue();
    assertThat(hasIndy(rewritten)).isFalse();
    Method before = load(original);
    Method after = load(rewritten);
    char[] chars = {'x', 'y'};
    List<Object[]> inputs = List.of(
        new Object[] {42, "s", 'c', 1L << 40, List.of(1, 2), 0.1, true, (byte) -3, (short) 300, 1.5e-7f, chars},
        new Object[] {-1, null, '\u00e9', Long.MIN_VALUE, null, Double.NaN, false, (byte) 0, (short) -1, -0.0f, null},
        new Object[] {0, "\u4e2d\u0001\u0002", '\u0001', 0L, new StringBuilder("sb"), 1e300, true, Byte.MAX_VALUE,
            Short.MIN_VALUE, Float.POSITIVE_INFINITY, new char[0]});
    for (Object[] in : inputs) {
      String expected = (String) before.invoke(null, in);
      assertThat((String) after.invoke(null, in)).isEqualTo(expected);
    }
    assertThat((String) after.invoke(null, inputs.get(0))).startsWith("a42bs<const \u0001 one>|c1099511627776[");
  }

  @Test
  void leavesClassesWithoutConcatenationAlone() throws Exception {
    byte[] plain;
    try (var in = StringConcatRewriteTest.class.getResourceAsStream("StringConcatRewriteTest.class")) {
      plain = in.readAllBytes();
    }
    int[] count = new int[1];
    assertThat(StringConcatRewrite.rewrite(plain, count)).isSameAs(plain);
    assertThat(count[0]).isZero();
  }
}
