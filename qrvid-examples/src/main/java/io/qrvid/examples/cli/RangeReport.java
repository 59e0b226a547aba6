package io.qrvid.examples.cli;

import io.qrvid.core.FrameBatch;
import io.qrvid.core.FrameProgressListener;
import io.qrvid.core.FrameRanges;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine;

/**
 * The CLI side of a {@link FrameBatch}: one completion line per range and the summary on standard output (none with
 * {@code -q}), a progress bar on standard error driven by the batch's fraction, and the failed ranges named on
 * standard error. Thread-safe: ranges finish on worker threads.
 */
final class RangeReport implements FrameBatch.Listener {
  private final PrintWriter out;
  private final boolean quiet;
  private final FrameProgressListener progress;
  private final long frames;

  /**
   * @param progress driven by the batch's fraction ({@link FrameProgressListener#NONE} when the work reports
   *     frames itself)
   * @param frames the frames of the whole batch, for the progress bar
   */
  RangeReport(PrintWriter out, boolean quiet, FrameProgressListener progress, long frames) {
    this.out = out;
    this.quiet = quiet;
    this.progress = progress;
    this.frames = frames;
  }

  @Override
  public void onRangeFinish(FrameBatch.Outcome<?> o) {
    if (quiet) {
      return;
    }
    String line;
    double s = o.elapsed().toNanos() / 1e9;
    switch (o.status()) {
      case SUCCEEDED:
        line = String.format(Locale.ROOT, "range %s done: %,d frames in %.2f s (%.1f frames/s)", o.range(),
            o.range().size(), s, s > 0 ? o.range().size() / s : 0.0);
        break;
      case FAILED:
        line = String.format(Locale.ROOT, "range %s FAILED after %.2f s: %s", o.range(), s,
            o.cause().map(RangeReport::describe).orElse("unknown cause"));
        break;
      default:
        line = "range " + o.range() + " cancelled";
        break;
    }
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  @Override
  public void onProgress(double fraction) {
    progress.onProgress(Math.round(fraction * frames), frames);
  }

  /** Prints the summary line (not with {@code -q}) and names each failed range on {@code err}. */
  void summary(FrameBatch.Summary<?> s, int workers, PrintWriter err) {
    if (!quiet) {
      synchronized (out) {
        out.printf(Locale.ROOT, "%d ranges of frames %s on %d workers: %,d frames, %d failed, %d cancelled; "
                + "%.2f s, %.1f frames/s%n", s.outcomes().size(), s.range(), workers, s.frames(), s.failures().size(),
            s.cancelledRanges().size(), s.elapsed().toNanos() / 1e9, s.framesPerSecond());
        out.flush();
      }
    }
    for (FrameBatch.Outcome<?> f : s.failures()) {
      err.println("qrvid: range " + f.range() + " failed: " + f.cause().map(RangeReport::describe).orElse("?"));
    }
    err.flush();
  }

  static String describe(Throwable t) {
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
  }

  /** Converts {@code A..B} (inclusive, 0-based) to a range; a bad value is a usage error (exit code 2). */
  static final class Converter implements CommandLine.ITypeConverter<FrameRanges.Range> {
    @Override
    public FrameRanges.Range convert(String value) {
      try {
        return FrameRanges.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
