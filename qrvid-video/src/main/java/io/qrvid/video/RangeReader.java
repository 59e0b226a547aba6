package io.qrvid.video;

import io.qrvid.core.FrameBatch;
import io.qrvid.core.FrameProgressListener;
import io.qrvid.core.FrameRanges.Range;
import io.qrvid.core.QrvidException;
import io.qrvid.video.internal.HumbleDecoderSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Range-parallel reading of a QR video: the frames are split into contiguous ranges ({@link FrameBatch}), and each
 * worker reads its range with a decoder session of its own, seeking to the keyframe before the range and decoding the
 * video on one thread ({@link HumbleDecoderSession#open(Path, int, int)} with one decoder thread), then reading the
 * symbols of each frame on the same thread. No frame crosses threads, and no state is shared between workers but the
 * thread-safe {@link ScanState}, so the throughput grows with the workers until the cores are busy.
 *
 * <p>Frame numbers come from presentation timestamps, as in a single-session read: a range's worker skips the frames
 * before its first frame (decoded from the keyframe, which the decoder needs) and stops after its last, so every
 * frame is read by exactly one range. A chunk whose parts lie in two ranges is reassembled from both, since every
 * range adds to the same {@link ScanState}.
 *
 * <p>Holds no resources between calls; thread-safe.
 */
final class RangeReader {
  private static final Logger log = LoggerFactory.getLogger(QrVideoReader.class);
  /** Frames to seek before a range's first frame; more than x264's B-frame reordering delay. */
  static final int SEEK_MARGIN_FRAMES = 8;

  private final Path video;
  private final VideoIndex index;
  private final FrameSymbols symbols;

  RangeReader(Path video, VideoIndex index, FrameSymbols symbols) {
    this.video = video;
    this.index = index;
    this.symbols = symbols;
  }

  /**
   * Reads the frames of {@code range} on the calling thread and adds what it found to {@code state}, also when it
   * fails part-way (the frames read until then are kept).
   *
   * @param context the batch's context, told how many frames of the range are done
   * @param done frames done across all ranges, for {@code listener}
   * @return the statistics of this range alone
   * @throws IOException if the video cannot be opened, sought or read, or fewer frames than the range holds were
   *     decoded (a damaged stream)
   * @throws InterruptedException if the thread is interrupted (the batch was cancelled)
   * @throws VideoIndexException if the video's frames are not the size the index describes
   */
  ReadStats read(Range range, FrameBatch.Context context, ScanState state, AtomicLong done,
      FrameProgressListener listener, long totalFrames) throws IOException, InterruptedException {
    ScanState own = state.forRange();
    long[] inRange = new long[1];
    boolean[] late = new boolean[1];
    String damage = null;
    HumbleDecoderSession session = HumbleDecoderSession.open(video, index.codec().fps(), 1);
    try {
      symbols.checkFrameSize(session);
      boolean seek = range.first() > 0;
      for (int pass = 0; pass < 2; pass++) {
        if (seek) {
          // MP4 seeks by decode timestamp: with B-frames the keyframe found for a presentation time can lie a few
          // frames after it, so aim a little earlier and skip what is not wanted.
          try {
            session.seekToFrame(Math.max(0, range.first() - SEEK_MARGIN_FRAMES));
          } catch (IOException e) {
            log.debug("{}; reading range {} from the start instead", e.getMessage(), range);
            seek = false;
            session.close();
            session = HumbleDecoderSession.open(video, index.codec().fps(), 1);
          }
        }
        boolean sought = seek;
        long[] seen = new long[1];
        session.readFrames((frame, luma, w, h) -> {
          own.framesDecoded.incrementAndGet();
          if (Thread.interrupted()) {
            throw new InterruptedException("range " + range + " cancelled");
          }
          if (sought && seen[0]++ == 0 && frame > range.first()) {
            late[0] = true; // the seek landed after the range's first frame: read from the start instead
            return false;
          }
          if (frame > range.last()) {
            return false;
          }
          if (frame < range.first() || !symbols.accept(frame, w, h, own)) {
            return true;
          }
          symbols.read(frame, luma, w, own);
          context.framesDone(++inRange[0]);
          listener.onProgress(done.incrementAndGet(), totalFrames);
          return true;
        });
        damage = session.damage().orElse(null);
        if (!late[0] || pass == 1) {
          break;
        }
        log.debug("range {}: the seek landed after its first frame; reading from the start", range);
        late[0] = false;
        seek = false;
        session.close();
        session = HumbleDecoderSession.open(video, index.codec().fps(), 1);
      }
    } catch (QrvidException e) {
      throw e; // an index of another video, an unsupported pixel format: not a damaged range
    } catch (RuntimeException e) {
      // The demuxer and decoder report damaged or truncated data as runtime exceptions: the range ends there. Data
      // past the range's last frame may be read before the decoder hands that frame over; damage there is not this
      // range's concern.
      if (inRange[0] == range.size()) {
        return own.stats(range.size());
      }
      throw new IOException("range " + range + " of " + video + " ends after " + inRange[0] + " of " + range.size()
          + " frames: " + e.getMessage(), e);
    } finally {
      session.close();
      own.mergeInto(state);
    }
    if (inRange[0] < range.size()) {
      // A damaged stream loses frames; the chunks they held are reported missing by the reader.
      throw new IOException("range " + range + " of " + video + ": " + inRange[0] + " of " + range.size()
          + " frames decoded" + (damage != null ? "; " + damage : ""));
    }
    return own.stats(range.size());
  }
}
