package io.qrvid.video;

/**
 * Receives progress of a video being written or read, in frames. Called on the thread that drives the video
 * session, after each frame; keep it quick. Implementations used with one encoder or reader at a time need not be
 * thread-safe.
 */
@FunctionalInterface
public interface FrameProgressListener {
  /** Does nothing. */
  FrameProgressListener NONE = (done, total) -> {};

  /**
   * @param done frames finished so far
   * @param total frames expected in all (for reading, from the index)
   */
  void onProgress(long done, long total);
}
