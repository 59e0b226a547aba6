package io.qrvid.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

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
 * stack map frames stay valid. Written with ASM's tree API (the method's instructions as a list). The rewritten jar
 * is checked and moved into place in one step; on any error the jar is unchanged and the step exits 0. Not API.
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
      int n = JarClassRewrite.rewriteClasses(Path.of(args[0]), args[1], "zone", bytes -> rewrite(bytes, new int[1]));
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
    ClassNode node = new ClassNode();
    new ClassReader(classFile).accept(node, 0);
    int pairs = 0;
    for (MethodNode method : node.methods) {
      pairs += rewrite(method);
    }
    count[0] += pairs;
    if (pairs == 0) {
      return classFile;
    }
    ClassWriter writer = new ClassWriter(0); // the replacement keeps the pair's stack effect: maxima and frames hold
    node.accept(writer);
    return writer.toByteArray();
  }

  /**
   * Replaces the pairs in one method: between the two calls only line numbers and labels that control cannot
   * reach other than by falling through (javac puts a line-number label there when the chain spans two lines, as in
   * Humble's {@code Media}); a jump or switch target, an exception range's bound or handler, or a stack map frame
   * between them leaves the pair as it is.
   *
   * @return the number of pairs replaced
   */
  private static int rewrite(MethodNode method) {
    Set<LabelNode> entered = new HashSet<>(); // LabelNode keeps Object's identity equality
    for (AbstractInsnNode insn : method.instructions) {
      if (insn instanceof JumpInsnNode jump) {
        entered.add(jump.label);
      } else if (insn instanceof TableSwitchInsnNode table) {
        entered.add(table.dflt);
        entered.addAll(table.labels);
      } else if (insn instanceof LookupSwitchInsnNode lookup) {
        entered.add(lookup.dflt);
        entered.addAll(lookup.labels);
      }
    }
    for (TryCatchBlockNode range : method.tryCatchBlocks) {
      entered.add(range.start);
      entered.add(range.end);
      entered.add(range.handler);
    }
    int pairs = 0;
    for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
      if (!isCall(insn, Opcodes.INVOKESTATIC, CALENDAR, "getInstance", "()L" + CALENDAR + ";")) {
        continue;
      }
      AbstractInsnNode next = insn.getNext();
      while (next instanceof LineNumberNode || next instanceof LabelNode label && !entered.contains(label)) {
        next = next.getNext();
      }
      if (isCall(next, Opcodes.INVOKEVIRTUAL, CALENDAR, "getTimeZone", "()L" + ZONE + ";")) {
        MethodInsnNode zone = new MethodInsnNode(Opcodes.INVOKESTATIC, ZONE, "getDefault", "()L" + ZONE + ";", false);
        method.instructions.set(insn, zone);
        method.instructions.remove(next);
        insn = zone;
        pairs++;
      }
    }
    return pairs;
  }

  private static boolean isCall(AbstractInsnNode insn, int opcode, String owner, String name, String descriptor) {
    return insn instanceof MethodInsnNode call && call.getOpcode() == opcode && call.owner.equals(owner)
        && call.name.equals(name) && call.desc.equals(descriptor);
  }
}
