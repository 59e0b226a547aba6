package io.qrvid.video.internal;

import io.humble.ferry.Buffer;
import io.humble.video.Decoder;
import io.humble.video.Demuxer;
import io.humble.video.Global;
import io.humble.video.Rational;
import io.humble.video.DemuxerStream;
import io.humble.video.MediaDescriptor;
import io.humble.video.MediaPacket;
import io.humble.video.MediaPicture;
import io.humble.video.PixelFormat;
import io.qrvid.video.VideoEncodingException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a video's frames in display order as 8-bit luma planes (the Y plane of the decoded picture, copied
 * without row padding). One thread owns a session.
 *
 * <p>Damage never ends a read with an exception: a packet the decoder rejects is skipped (as a player would), and a
 * container the demuxer cannot read further (a fragmented MP4 cut inside a fragment, a corrupted box) ends the read
 * there, after the frames still in the decoder are delivered; {@link #damage()} then says where and why. FFmpeg's
 * own log lines about it stay off stderr ({@link FfmpegLog}).
 */
public final class HumbleDecoderSession implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HumbleDecoderSession.class);
  /** The largest frame side qrvid writes ({@code FrameLayout}'s limit). */
  private static final int MAX_SIDE = 8192;

  /** Receives each decoded frame; return false to stop reading. */
  @FunctionalInterface
  public interface FrameSink {
    /**
     * @param frame the frame's number in display order, from 0
     * @param luma {@code width * height} bytes, owned by the callee
     */
    boolean accept(long frame, byte[] luma, int width, int height) throws InterruptedException;
  }

  private final Path video;
  private final Demuxer demuxer;
  private final Decoder decoder;
  private final int streamIndex;
  private final MediaPicture picture;
  private final MediaPacket packet;
  private final long tbNum;
  private final long tbDen;
  private final long startTime;
  private final int fps;
  private long frames;
  private long counter;
  private long packets;
  private @Nullable String damage;
  private boolean closed;

  private HumbleDecoderSession(Path video, Demuxer demuxer, Decoder decoder, int streamIndex, Rational timeBase,
      long startTime, int fps) {
    this.video = video;
    this.demuxer = demuxer;
    this.decoder = decoder;
    this.streamIndex = streamIndex;
    this.tbNum = timeBase.getNumerator();
    this.tbDen = timeBase.getDenominator();
    this.startTime = startTime == Global.NO_PTS ? 0 : startTime;
    this.fps = fps;
    this.picture = MediaPicture.make(decoder.getWidth(), decoder.getHeight(), decoder.getPixelFormat());
    this.packet = MediaPacket.make();
  }

  /**
   * Opens {@code video} and its first video stream.
   *
   * @param fps the frame rate the video was written with; frame numbers are derived from presentation timestamps
   * @throws IOException if the file cannot be opened or holds no video stream
   */
  public static HumbleDecoderSession open(Path video, int fps) throws IOException {
    return open(video, fps, 0);
  }

  /**
   * Like {@link #open(Path, int)} with the number of threads the video decoder may use: 0 lets FFmpeg choose (frame
   * and slice threads, about one per core), 1 decodes on the calling thread only, which costs the least CPU per
   * frame (measured on a lossless 192x192 H.264 video: 0.49 ms per frame on one thread, 0.55 ms of CPU with FFmpeg's
   * threads) and is what parallel range reads use, one session per worker.
   *
   * @throws IllegalArgumentException if {@code decoderThreads < 0}
   */
  public static HumbleDecoderSession open(Path video, int fps, int decoderThreads) throws IOException {
    if (decoderThreads < 0) {
      throw new IllegalArgumentException("decoderThreads < 0: " + decoderThreads);
    }
    HumbleRuntime.require();
    FfmpegLog.apply();
    Demuxer demuxer = Demuxer.make();
    try {
      synchronized (HumbleRuntime.OPEN_LOCK) {
        demuxer.open(video.toString(), null, false, true, null, null);
      }
      int n = demuxer.getNumStreams();
      for (int i = 0; i < n; i++) {
        DemuxerStream s = demuxer.getStream(i);
        Decoder d = s.getDecoder();
        if (d != null && d.getCodecType() == MediaDescriptor.Type.MEDIA_VIDEO) {
          if (decoderThreads > 0) {
            d.setProperty("threads", decoderThreads);
          }
          synchronized (HumbleRuntime.OPEN_LOCK) {
            d.open(null, null);
          }
          if (d.getWidth() < 1 || d.getHeight() < 1 || d.getWidth() > MAX_SIDE || d.getHeight() > MAX_SIDE) {
            // Checked before a picture is allocated: a crafted header must not cost gigabytes.
            throw new IOException(video + " declares " + d.getWidth() + "x" + d.getHeight()
                + " pixel frames; qrvid videos are 1 to " + MAX_SIDE + " pixels a side");
          }
          return new HumbleDecoderSession(video, demuxer, d, i, s.getTimeBase(), s.getStartTime(), fps);
        }
      }
      throw new IOException("no video stream in " + video);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(demuxer);
      throw new IOException("interrupted while opening " + video, e);
    } catch (IOException e) {
      closeQuietly(demuxer);
      throw e;
    } catch (RuntimeException | OutOfMemoryError e) { // FFmpeg's ENOMEM arrives as OutOfMemoryError
      closeQuietly(demuxer);
      throw new IOException("cannot open " + video + " as a video: " + e.getMessage(), e);
    }
  }

  /**
   * Why the last {@link #readFrames} stopped before the end of the file, when the container was damaged: the
   * demuxer's error and how many packets were read before it.
   */
  public Optional<String> damage() {
    return Optional.ofNullable(damage);
  }

  /** Frame width in pixels. */
  public int width() {
    return decoder.getWidth();
  }

  /** Frame height in pixels. */
  public int height() {
    return decoder.getHeight();
  }

  /**
   * Seeks so that the next frames read start at the last keyframe at or before {@code frame}. Frames before
   * {@code frame} may still be delivered (the decoder needs them); the sink skips them by number.
   *
   * @throws IOException if the demuxer cannot seek
   */
  public void seekToFrame(long frame) throws IOException, InterruptedException {
    if (frame < 0) {
      return;
    }
    long ts = startTime + frame * tbDen / (fps * tbNum);
    int r;
    try {
      r = demuxer.seek(streamIndex, Long.MIN_VALUE, ts, ts, 0);
    } catch (RuntimeException e) {
      throw new IOException("cannot seek to frame " + frame + " in " + video + ": " + e.getMessage(), e);
    }
    if (r < 0) {
      throw new IOException("cannot seek to frame " + frame + " in " + video + " (error " + r + ")");
    }
    decoder.flush();
    counter = -1; // unknown until a timestamp is seen
  }

  /**
   * Decodes frames in display order and hands each to {@code sink} until the stream ends, the container cannot be
   * read further ({@link #damage()}), or the sink returns false. A damaged packet is skipped, as a player would; the
   * frames it held are then missing.
   *
   * @return frames delivered by this call
   * @throws VideoEncodingException if the video's pixel format has no luma plane this reader understands
   * @throws InterruptedException if the sink is interrupted
   */
  public long readFrames(FrameSink sink) throws IOException, InterruptedException {
    frames = 0;
    damage = null;
    if (decoder.getPixelFormat() != PixelFormat.Type.PIX_FMT_YUV420P
        && decoder.getPixelFormat() != PixelFormat.Type.PIX_FMT_YUVJ420P
        && decoder.getPixelFormat() != PixelFormat.Type.PIX_FMT_GRAY8
        && decoder.getPixelFormat() != PixelFormat.Type.PIX_FMT_YUV444P
        && decoder.getPixelFormat() != PixelFormat.Type.PIX_FMT_YUV410P) {
      throw new VideoEncodingException("unsupported pixel format " + decoder.getPixelFormat(), video, null);
    }
    while (true) {
      int r;
      try {
        r = demuxer.read(packet);
      } catch (RuntimeException | OutOfMemoryError e) { // FFmpeg's ENOMEM arrives as OutOfMemoryError
        damage = "the container cannot be read after packet " + packets + ": " + e.getMessage();
        log.debug("{}: {}", video, damage);
        break;
      }
      if (r < 0) {
        break;
      }
      packets++;
      if (packet.getStreamIndex() != streamIndex || !packet.isComplete()) {
        continue;
      }
      int offset = 0;
      int size = packet.getSize();
      while (offset < size) {
        int used;
        try {
          used = decoder.decode(picture, packet, offset);
        } catch (RuntimeException | OutOfMemoryError e) {
          log.debug("{}: packet {} skipped: {}", video, packets, e.getMessage());
          break; // corrupt packet: skip the rest of it
        }
        if (used <= 0) {
          break;
        }
        offset += used;
        if (picture.isComplete() && !deliver(sink)) {
          return frames;
        }
      }
    }
    do {
      try {
        decoder.decode(picture, null, 0);
      } catch (RuntimeException | OutOfMemoryError e) {
        break;
      }
      if (picture.isComplete() && !deliver(sink)) {
        return frames;
      }
    } while (picture.isComplete());
    return frames;
  }

  private boolean deliver(FrameSink sink) throws InterruptedException {
    long ts = picture.getTimeStamp();
    long number;
    if (ts != Global.NO_PTS) {
      number = Math.round((double) (ts - startTime) * fps * tbNum / tbDen);
    } else if (counter >= 0) {
      number = counter;
    } else {
      log.debug("{}: a frame without a timestamp after a seek is skipped", video);
      return true;
    }
    int w = picture.getWidth();
    int h = picture.getHeight();
    int stride = picture.getLineSize(0);
    byte[] luma = new byte[w * h];
    Buffer y = picture.getData(0);
    try {
      if (stride == w) {
        y.get(0, luma, 0, w * h);
      } else {
        for (int row = 0; row < h; row++) {
          y.get(row * stride, luma, row * w, w);
        }
      }
    } finally {
      y.delete();
    }
    counter = number + 1;
    frames++;
    return sink.accept(number, luma, w, h);
  }

  private static void closeQuietly(Demuxer d) {
    try {
      d.close();
    } catch (Exception ignored) {
      // best effort
    }
    d.delete();
  }

  /** Closes the demuxer and releases the natives. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    picture.delete();
    packet.delete();
    decoder.delete();
    closeQuietly(demuxer);
  }
}
