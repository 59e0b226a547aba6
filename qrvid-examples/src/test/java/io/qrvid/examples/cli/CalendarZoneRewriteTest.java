package io.qrvid.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** {@link CalendarZoneRewrite}: the zone read without a calendar, and nothing else touched. */
class CalendarZoneRewriteTest {
  /**
   * A class {@code T} with {@code static int offset()} ({@code Calendar.getInstance().getTimeZone().getRawOffset()},
   * as Humble's {@code Media} reads it) and {@code static Object calendar()} ({@code Calendar.getInstance()} alone,
   * which must stay).
   */
  private static byte[] zoneClass() {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(Opcodes.V11, Opcodes.ACC_PUBLIC, "T", null, "java/lang/Object", null);
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "offset", "()I", null, null);
    mv.visitCode();
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/util/Calendar", "getInstance", "()Ljava/util/Calendar;", false);
    mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/util/Calendar", "getTimeZone", "()Ljava/util/TimeZone;", false);
    mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/util/TimeZone", "getRawOffset", "()I", false);
    mv.visitInsn(Opcodes.IRETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "calendar", "()Ljava/lang/Object;", null, null);
    mv.visitCode();
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/util/Calendar", "getInstance", "()Ljava/util/Calendar;", false);
    mv.visitInsn(Opcodes.ARETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  private static Class<?> load(byte[] bytes) throws Exception {
    ClassLoader loader = new ClassLoader(CalendarZoneRewriteTest.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (name.equals("T")) {
          return defineClass(name, bytes, 0, bytes.length);
        }
        throw new ClassNotFoundException(name);
      }
    };
    return Class.forName("T", true, loader);
  }

  /** The calls each method makes, as {@code owner.name}, in order. */
  private static List<String> calls(byte[] bytes, String method) {
    List<String> calls = new ArrayList<>();
    new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String d, String s, String[] e) {
        return !name.equals(method) ? null : new MethodVisitor(Opcodes.ASM9) {
          @Override
          public void visitMethodInsn(int opcode, String owner, String n, String desc, boolean itf) {
            calls.add(owner.substring(owner.lastIndexOf('/') + 1) + "." + n);
          }
        };
      }
    }, 0);
    return calls;
  }

  @Test
  void readsTheSameOffsetWithoutACalendar() throws Exception {
    byte[] original = zoneClass();
    int[] count = new int[1];
    byte[] rewritten = CalendarZoneRewrite.rewrite(original, count);
    assertThat(count[0]).isEqualTo(1);
    assertThat(calls(rewritten, "offset")).containsExactly("TimeZone.getDefault", "TimeZone.getRawOffset");
    assertThat(calls(rewritten, "calendar")).containsExactly("Calendar.getInstance");
    Class<?> before = load(original);
    Class<?> after = load(rewritten);
    Method m = after.getMethod("offset");
    assertThat(m.invoke(null)).isEqualTo(before.getMethod("offset").invoke(null))
        .isEqualTo(java.util.TimeZone.getDefault().getRawOffset());
    assertThat(after.getMethod("calendar").invoke(null)).isInstanceOf(java.util.Calendar.class);
  }

  @Test
  void leavesAClassWithoutThePairAsItIs() {
    byte[] bytes = plainClass();
    int[] count = new int[1];
    assertThat(CalendarZoneRewrite.rewrite(bytes, count)).isSameAs(bytes);
    assertThat(count[0]).isZero();
  }

  private static byte[] plainClass() {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(Opcodes.V11, Opcodes.ACC_PUBLIC, "T", null, "java/lang/Object", null);
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "calendar", "()Ljava/lang/Object;",
        null, null);
    mv.visitCode();
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/util/Calendar", "getInstance", "()Ljava/util/Calendar;", false);
    mv.visitInsn(Opcodes.ARETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  @Test
  void leavesAPairThatAJumpEntersBetweenItsCalls() {
    // getInstance; L: getTimeZone; getRawOffset; ifeq L ... : a jump reaches the label between the two calls, so the
    // calendar on the stack there must stay (the class is only read, never loaded).
    ClassWriter cw = new ClassWriter(0);
    cw.visit(Opcodes.V1_6, Opcodes.ACC_PUBLIC, "T", null, "java/lang/Object", null);
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "f", "()V", null, null);
    mv.visitCode();
    org.objectweb.asm.Label between = new org.objectweb.asm.Label();
    mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/util/Calendar", "getInstance", "()Ljava/util/Calendar;", false);
    mv.visitLabel(between);
    mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/util/Calendar", "getTimeZone", "()Ljava/util/TimeZone;", false);
    mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/util/TimeZone", "getRawOffset", "()I", false);
    mv.visitJumpInsn(Opcodes.IFEQ, between);
    mv.visitInsn(Opcodes.RETURN);
    mv.visitMaxs(1, 0);
    mv.visitEnd();
    cw.visitEnd();
    byte[] bytes = cw.toByteArray();
    int[] count = new int[1];
    assertThat(CalendarZoneRewrite.rewrite(bytes, count)).isSameAs(bytes);
    assertThat(count[0]).isZero();
  }

  @Test
  void humblesMediaReadsItsZoneWithoutACalendar() throws Exception {
    byte[] media;
    try (InputStream in = CalendarZoneRewriteTest.class.getResourceAsStream("/io/humble/video/Media.class")) {
      assertThat(in).as("Humble's Media class on the test class path").isNotNull();
      media = in.readAllBytes();
    }
    assertThat(calls(media, "<clinit>")).contains("Calendar.getInstance");
    int[] count = new int[1];
    byte[] rewritten = CalendarZoneRewrite.rewrite(media, count);
    assertThat(count[0]).isEqualTo(1);
    assertThat(calls(rewritten, "<clinit>")).containsExactly("TimeZone.getDefault", "TimeZone.getRawOffset");
  }
}
