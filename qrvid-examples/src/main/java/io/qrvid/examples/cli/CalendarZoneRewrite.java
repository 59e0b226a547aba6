package io.qrvid.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * A build step of the CLI jar, run at package time before the class-data sharing training ({@link CdsTraining}):
 * replaces {@code Calendar.getInstance().getTimeZone()}, two calls in a row, with {@code TimeZone.getDefault()} in
 * a library's classes. Humble Video's {@code io.humble.video.Media} does exactly this in its static initialiser (to
 * keep the zone's raw offset for its formatted time stamps), so every command that loads Humble built a
 * {@code GregorianCalendar} for the default locale: the JDK's locale-provider lookup and CLDR calendar data (first
 * day of the week, minimal days), 50-80 ms in a cold JVM against 5 ms for the default zone alone (measured, C1
 * only: {@code Calendar.getInstance().getTimeZone()} against {@code TimeZone.getDefault()} as a JVM's first call).
 *
 * <p>Same zone: {@code Calendar.getInstance()} gives its calendar a copy of {@code TimeZone.getDefault()}, unless
 * the default locale carries a Unicode {@code tz} extension ({@code -u-tz-...}, set through
 * {@code user.extensions}), whose zone it takes instead; {@code TimeZone.getDefault()} ignores that extension. For
 * Humble that changes nothing qrvid reads: the offset only enters {@code Media}'s human-readable time stamp string.
 *
 * <p>The stack effect of the replacement is that of the pair (nothing in, a {@code TimeZone} out), and nothing can
 * jump between its two calls (a pair with a jump, switch or exception-range label between them is left as it is), so
 * stack map frames stay valid. The rewritten jar is checked and moved
 * into place in one step; on any error the jar is unchanged and the step exits 0. Not API.
 */
public final class CalendarZoneRewrite {
  private static final String CALENDAR = "java/util/Calendar";
  private static final String ZONE = "java/util/TimeZone";

  private CalendarZoneRewrite() {}

  /**
   * Rewrites the classes under a package prefix in a jar.
   *
   * @param args the jar, then the prefix of the entries to rewrite (for example {@code io/humble/})
   */
  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: CalendarZoneRewrite JAR PREFIX");
      return;
    }
    try {
      int n = JarClassRewrite.rewriteClasses(Path.of(args[0]), args[1], "zone", bytes -> {
        int[] count = new int[1];
        byte[] rewritten = rewrite(bytes, count);
        return count[0] > 0 ? rewritten : bytes;
      });
      System.err.println("qrvid: Calendar.getInstance().getTimeZone() under " + args[1]
          + " read as TimeZone.getDefault(): " + n + " classes");
    } catch (IOException | RuntimeException | LinkageError e) {
      System.err.println("qrvid: calendar zone reads not rewritten (the CLI jar is unchanged): " + e);
    }
  }

  /**
   * One class with each {@code Calendar.getInstance().getTimeZone()} pair replaced; {@code count[0]} gets their
   * number.
   *
   * @param classFile the class file
   * @param count a one-element array that receives the number of pairs replaced
   * @return the rewritten class file, or {@code classFile} itself when it has no such pair
   */
  static byte[] rewrite(byte[] classFile, int[] count) {
    ClassReader reader = new ClassReader(classFile);
    java.util.Map<String, java.util.Set<Integer>> targets = jumpTargets(reader);
    ClassWriter writer = new ClassWriter(reader, 0);
    reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public org.objectweb.asm.MethodVisitor visitMethod(int access, String name, String descriptor,
          String signature, String[] exceptions) {
        return new PairVisitor(super.visitMethod(access, name, descriptor, signature, exceptions),
            targets.getOrDefault(name + descriptor, java.util.Set.of()), count);
      }
    }, 0);
    return count[0] == 0 ? classFile : writer.toByteArray();
  }

  /**
   * The labels, per method (name and descriptor), that control can reach other than by falling through (jump and
   * switch targets, and the bounds and handlers of exception ranges), each as its place in the order in which
   * {@link ClassReader} visits the method's labels (the same in every pass with the same flags).
   */
  private static java.util.Map<String, java.util.Set<Integer>> jumpTargets(ClassReader reader) {
    java.util.Map<String, java.util.Set<Integer>> targets = new java.util.HashMap<>();
    reader.accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public org.objectweb.asm.MethodVisitor visitMethod(int access, String name, String descriptor,
          String signature, String[] exceptions) {
        java.util.Set<Integer> set = targets.computeIfAbsent(name + descriptor, k -> new java.util.HashSet<>());
        List<org.objectweb.asm.Label> labels = new ArrayList<>();
        java.util.Map<org.objectweb.asm.Label, Integer> order = new java.util.IdentityHashMap<>();
        return new org.objectweb.asm.MethodVisitor(Opcodes.ASM9) {
          @Override
          public void visitLabel(org.objectweb.asm.Label label) {
            order.put(label, order.size());
          }

          @Override
          public void visitJumpInsn(int opcode, org.objectweb.asm.Label label) {
            labels.add(label);
          }

          @Override
          public void visitTableSwitchInsn(int min, int max, org.objectweb.asm.Label dflt,
              org.objectweb.asm.Label... targets) {
            labels.add(dflt);
            labels.addAll(java.util.Arrays.asList(targets));
          }

          @Override
          public void visitLookupSwitchInsn(org.objectweb.asm.Label dflt, int[] keys,
              org.objectweb.asm.Label[] targets) {
            visitTableSwitchInsn(0, 0, dflt, targets);
          }

          @Override
          public void visitTryCatchBlock(org.objectweb.asm.Label start, org.objectweb.asm.Label end,
              org.objectweb.asm.Label handler, String type) {
            labels.add(start);
            labels.add(end);
            labels.add(handler);
          }

          @Override
          public void visitEnd() {
            for (org.objectweb.asm.Label l : labels) {
              set.add(order.get(l));
            }
          }
        };
      }
    }, 0);
    return targets;
  }

  /**
   * Holds back a {@code Calendar.getInstance()} call until the next instruction: a {@code getTimeZone()} call on it
   * replaces both; anything else writes it out first, unchanged. Labels that only mark a line number (no jump, switch
   * or exception range reaches them) and their line numbers may sit between the two calls (javac puts one there
   * when the chain spans two lines, as in Humble's {@code Media}); they are held back too and written after the
   * replacement.
   */
  private static final class PairVisitor extends org.objectweb.asm.MethodVisitor {
    private final java.util.Set<Integer> targets;
    private final int[] count;
    private boolean pending;
    private int labels;
    private final List<Object[]> held = new ArrayList<>(); // {label} or {line, label}

    PairVisitor(org.objectweb.asm.MethodVisitor mv, java.util.Set<Integer> targets, int[] count) {
      super(Opcodes.ASM9, mv);
      this.targets = targets;
      this.count = count;
    }

    private void flush() {
      if (pending) {
        pending = false;
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, CALENDAR, "getInstance", "()L" + CALENDAR + ";", false);
      }
      writeHeld();
    }

    private void writeHeld() {
      for (Object[] h : held) {
        if (h.length == 1) {
          mv.visitLabel((org.objectweb.asm.Label) h[0]);
        } else {
          mv.visitLineNumber((Integer) h[0], (org.objectweb.asm.Label) h[1]);
        }
      }
      held.clear();
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
      if (pending && opcode == Opcodes.INVOKEVIRTUAL && owner.equals(CALENDAR) && name.equals("getTimeZone")
          && descriptor.equals("()L" + ZONE + ";")) {
        pending = false;
        count[0]++;
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, ZONE, "getDefault", "()L" + ZONE + ";", false);
        writeHeld();
        return;
      }
      flush();
      if (opcode == Opcodes.INVOKESTATIC && owner.equals(CALENDAR) && name.equals("getInstance")
          && descriptor.equals("()L" + CALENDAR + ";")) {
        pending = true;
        return;
      }
      mv.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    // Every other event writes a held-back call out first.
    @Override
    public void visitInsn(int opcode) {
      flush();
      mv.visitInsn(opcode);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
      flush();
      mv.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
      flush();
      mv.visitVarInsn(opcode, varIndex);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
      flush();
      mv.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
      flush();
      mv.visitFieldInsn(opcode, owner, name, descriptor);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, org.objectweb.asm.Handle bsm,
        Object... bsmArgs) {
      flush();
      mv.visitInvokeDynamicInsn(name, descriptor, bsm, bsmArgs);
    }

    @Override
    public void visitJumpInsn(int opcode, org.objectweb.asm.Label label) {
      flush();
      mv.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitLabel(org.objectweb.asm.Label label) {
      int index = labels++;
      if (pending && !targets.contains(index)) {
        held.add(new Object[] {label});
        return;
      }
      flush();
      mv.visitLabel(label);
    }

    @Override
    public void visitLdcInsn(Object value) {
      flush();
      mv.visitLdcInsn(value);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
      flush();
      mv.visitIincInsn(varIndex, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, org.objectweb.asm.Label dflt,
        org.objectweb.asm.Label... labels) {
      flush();
      mv.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(org.objectweb.asm.Label dflt, int[] keys, org.objectweb.asm.Label[] labels) {
      flush();
      mv.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
      flush();
      mv.visitMultiANewArrayInsn(descriptor, numDimensions);
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
      flush();
      mv.visitFrame(type, numLocal, local, numStack, stack);
    }

    @Override
    public void visitLineNumber(int line, org.objectweb.asm.Label start) {
      if (pending) {
        held.add(new Object[] {line, start});
        return;
      }
      mv.visitLineNumber(line, start);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
      flush();
      mv.visitMaxs(maxStack, maxLocals);
    }

    @Override
    public void visitEnd() {
      flush();
      mv.visitEnd();
    }
  }
}
