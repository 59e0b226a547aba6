package io.qrvid.examples.cli;

import io.qrvid.core.FrameProgressListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on standard error that a {@link FrameProgressListener} drives. Thread-safe; {@link #close()} is idempotent, and progress after it is ignored. */
final class Progress implements FrameProgressListener, AutoCloseable {
  private final ProgressBar bar;
  private boolean closed;

  Progress(String task, long total, boolean quiet) {
    // Only on a terminal (VOCABULARY): System.console() is null when the standard streams are redirected.
    this.bar = quiet || System.console() == null ? null : new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(1, total))
        .setStyle(ProgressBarStyle.ASCII).setUnit(" frames", 1).setUpdateIntervalMillis(250)
        .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
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
      bar.close();
    }
    closed = true;
  }
}
