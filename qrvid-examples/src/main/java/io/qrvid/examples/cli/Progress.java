package io.qrvid.examples.cli;

import io.qrvid.core.FrameProgressListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jspecify.annotations.Nullable;

/**
 * The command line's progress bar on standard error, driven by a {@link FrameProgressListener}. Thread-safe; closed
 * once (idempotent).
 *
 * <p>What every command's bar does (docs/VOCABULARY.md, "Command line"):
 * <ul>
 *   <li>it is shown only when not quiet and standard error is a terminal ({@link #stderrIsTerminal()}), so a
 *       redirected or piped run writes no bar into files;</li>
 *   <li>ASCII only ({@link ProgressBarStyle#ASCII}): no ANSI colour or cursor movement, only carriage-return
 *       redraws;</li>
 *   <li>a fixed width ({@link #width()}): progressbar otherwise asks JLine for the terminal's width, and opening
 *       JLine's system terminal replaced the JVM's SIGINT handling, so Ctrl-C killed the JVM without running its
 *       shutdown hooks (found in {@code qrvid generate}, whose cancel hook never ran; checked there in a terminal
 *       under tmux). {@code ProgressTest} checks that no JLine terminal is opened.</li>
 * </ul>
 * Commands check their inputs before they open a bar, so a usage or input error is never printed over one.
 */
final class Progress implements FrameProgressListener, AutoCloseable {
  /**
   * System property that says whether standard error is a terminal ({@code true}/{@code false}). The {@code qrvid}
   * launcher sets it from the shell's {@code [ -t 2 ]}: Java 17 cannot tell on its own.
   */
  static final String STDERR_TERMINAL = "qrvid.stderr.terminal";

  private final @Nullable ProgressBar bar;
  private final @Nullable LineConsumer consumer;
  private boolean closed;

  /**
   * Opens a bar of {@code total} frames (0 or less: not known yet), or none when {@code quiet} or standard error is
   * not a terminal.
   *
   * @param task the bar's label
   * @param total the number of frames, if known
   * @param quiet true for no bar at all
   */
  Progress(String task, long total, boolean quiet) {
    this.consumer = quiet || !stderrIsTerminal() ? null : new LineConsumer(System.err, width());
    this.bar = consumer == null ? null : open(task, Math.max(1, total), " frames", consumer);
  }

  /**
   * A progress bar with the command line's settings (ASCII, fixed width, 250 ms updates) writing to {@code out}.
   * For commands whose progress is not counted in frames; callers decide first whether to show one at all.
   * Under load progressbar 0.10.2 may close such a bar without ending its line (see {@link LineConsumer}); a caller
   * that prints after it should start on a new line when that matters.
   *
   * @param task the bar's label
   * @param max the count that means done
   * @param unit the unit shown after the counts, with its leading space (for example {@code " frames"})
   * @param out the stream, normally {@link System#err}
   * @return the bar, to be closed by the caller
   */
  static ProgressBar open(String task, long max, String unit, PrintStream out) {
    return open(task, max, unit, new LineConsumer(out, width()));
  }

  private static ProgressBar open(String task, long max, String unit, LineConsumer consumer) {
    return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
        .setUnit(unit, 1).setUpdateIntervalMillis(250).setConsumer(consumer)
        .build();
  }

  /**
   * Whether standard error is a terminal: the {@value #STDERR_TERMINAL} system property when set (by the launcher),
   * else whether the JVM has a console ({@link System#console()}: standard input and output are a terminal), the best
   * a Java 17 program started without the launcher can tell.
   */
  static boolean stderrIsTerminal() {
    String told = System.getProperty(STDERR_TERMINAL);
    if (told != null && !told.isBlank()) {
      return Boolean.parseBoolean(told.trim().toLowerCase(Locale.ROOT));
    }
    return System.console() != null;
  }

  /**
   * The bar's width in characters: one less than the environment's {@code COLUMNS} (which interactive shells keep up
   * to date), at least 40; 79 when {@code COLUMNS} is unset or not a number.
   */
  static int width() {
    String columns = System.getenv("COLUMNS");
    try {
      return columns == null ? 79 : Math.max(40, Integer.parseInt(columns.trim()) - 1);
    } catch (NumberFormatException e) {
      return 79;
    }
  }

  /** Whether a bar is shown. */
  boolean shown() {
    return bar != null;
  }

  @Override
  public synchronized void onProgress(long done, long total) {
    if (bar != null && !closed) {
      bar.maxHint(total < 0 ? -1 : Math.max(1, total)); // -1: total not known yet
      bar.stepTo(done);
    }
  }

  @Override
  public synchronized void close() {
    if (bar != null && !closed) {
      closed = true;
      bar.close();
      if (consumer != null) {
        consumer.close(); // ends the line when progressbar's final update skipped it (LineConsumer)
      }
    }
  }

  /**
   * progressbar's console consumer, closed (the bar's line ended) once. progressbar 0.10.2's final update, run by
   * {@link ProgressBar#close()}, only draws and does not end the line when the bar's first scheduled update never
   * ran (a bar closed at once under load, seen in {@code ProgressTest}); {@link Progress#close()} therefore closes
   * the consumer itself too.
   */
  private static final class LineConsumer extends ConsoleProgressBarConsumer {
    private final AtomicBoolean closed = new AtomicBoolean();

    LineConsumer(PrintStream out, int width) {
      super(out, width);
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        super.close();
      }
    }
  }
}
