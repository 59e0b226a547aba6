package io.qrvid.core;

/**
 * Receives progress of a bulk frame generation, once per finished frame (successful or failed).
 *
 * <p>Called on the thread that consumes the frames (the caller of {@link FrameStream#next()} or of
 * {@link QrFrameGenerator#writeFolder}); keep it fast. A listener shared by concurrent generations must be
 * thread-safe.
 */
@FunctionalInterface
public interface FrameProgressListener {
  /** A listener that ignores progress. */
  FrameProgressListener NONE = (done, total) -> { };

  /**
   * Reports progress.
   *
   * @param framesDone frames finished so far
   * @param framesTotal frames expected in all, or -1 when the input size is not known in advance
   */
  void onProgress(long framesDone, long framesTotal);
}
