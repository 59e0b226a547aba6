package io.qrvid.video.internal;

import io.humble.ferry.Logger;
import io.humble.video.Global;
import org.slf4j.LoggerFactory;

/**
 * Keeps FFmpeg's and Humble's native log lines off stderr unless asked for.
 *
 * <p>Humble Video hands FFmpeg's {@code av_log} lines to SLF4J as logger {@code org.ffmpeg} at FFmpeg's own level
 * (an {@code AV_LOG_ERROR} line, e.g. "AVC: nal size" on a damaged packet, arrives at ERROR), and its own native
 * errors as {@code io.humble.*} at ERROR, before qrvid can say what they mean. qrvid reports every damage itself
 * (a typed exception naming the lost chunks; a DEBUG line from {@code io.qrvid.video}), so by default both native
 * sources are switched off at the source ({@code av_log_set_level(AV_LOG_QUIET)} and Humble's global native log
 * switches). Enable DEBUG for {@code org.ffmpeg} (or {@code io.humble}) in the SLF4J binding to get them back: then
 * FFmpeg logs up to {@code AV_LOG_INFO} and Humble's native loggers are on, at the levels they choose. Humble offers
 * no way to lower a native line's level, so this is the nearest to "FFmpeg at DEBUG" it allows.
 *
 * <p>Applied whenever a session opens, so a logging configuration changed at run time takes effect on the next
 * session. Thread-safe.
 */
final class FfmpegLog {
  /** libavutil/log.h. */
  private static final int AV_LOG_QUIET = -8;
  private static final int AV_LOG_INFO = 32;
  private static volatile Boolean applied;

  private FfmpegLog() {}

  /** Sets FFmpeg's and Humble's native logging from the SLF4J configuration; natives must be loaded. */
  static void apply() {
    boolean on = LoggerFactory.getLogger("org.ffmpeg").isDebugEnabled()
        || LoggerFactory.getLogger("io.humble").isDebugEnabled();
    if (Boolean.valueOf(on).equals(applied)) {
      return;
    }
    synchronized (FfmpegLog.class) {
      Global.setFFmpegLoggingLevel(on ? AV_LOG_INFO : AV_LOG_QUIET);
      for (Logger.Level level : new Logger.Level[] {Logger.Level.LEVEL_ERROR, Logger.Level.LEVEL_WARN,
          Logger.Level.LEVEL_INFO}) {
        Logger.setGlobalIsLogging(level, on);
      }
      applied = on;
    }
  }
}
