package io.qrvid.remote;

/**
 * Receives progress reports of a generation.
 *
 * <p>Calls come from one dedicated delivery thread per client, in order, never from a thread the client needs for
 * HTTP work; a slow listener delays later reports but never the generation. Exceptions thrown by a listener are
 * logged and ignored.
 */
@FunctionalInterface
public interface ProgressListener {
  /** A listener that ignores every report. */
  ProgressListener NONE = e -> {};

  /**
   * Called for each report.
   *
   * @param event the report: generation id, phase, progress as a fraction 0..1 and bytes downloaded
   */
  void onProgress(ProgressEvent event);
}
