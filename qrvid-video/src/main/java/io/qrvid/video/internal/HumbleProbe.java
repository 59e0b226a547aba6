package io.qrvid.video.internal;

import io.humble.video.Decoder;
import io.humble.video.Demuxer;
import io.humble.video.DemuxerStream;
import io.humble.video.MediaDescriptor;
import io.humble.video.Rational;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads a video file's first video stream's header: codec, frame size, frame rate and frame count, without decoding
 * any frame. Used to open videos written by other programs, whose frame rate the caller does not know.
 */
public final class HumbleProbe {
  /**
   * A stream's header.
   *
   * @param codec FFmpeg's decoder name (e.g. {@code mpeg4}, {@code hevc})
   * @param width frame width in pixels
   * @param height frame height in pixels
   * @param frameRate frames per second, or 0 when the container does not say
   * @param frames frames in the stream, or -1 when the container does not say
   * @param container FFmpeg's name of the container format
   */
  public record Info(String codec, int width, int height, double frameRate, long frames, String container) {}

  private HumbleProbe() {}

  /**
   * Probes {@code video}.
   *
   * @throws IOException if the file cannot be opened as a video or holds no video stream
   */
  public static Info probe(Path video) throws IOException {
    HumbleRuntime.require();
    Demuxer demuxer = Demuxer.make();
    try {
      synchronized (HumbleRuntime.OPEN_LOCK) {
        demuxer.open(video.toString(), null, false, true, null, null);
      }
      String container = demuxer.getFormat() == null ? "" : demuxer.getFormat().getName();
      for (int i = 0; i < demuxer.getNumStreams(); i++) {
        DemuxerStream s = demuxer.getStream(i);
        Decoder d = s.getDecoder();
        if (d != null && d.getCodecType() == MediaDescriptor.Type.MEDIA_VIDEO) {
          Rational r = s.getFrameRate();
          double fps = r == null || r.getDenominator() == 0 ? 0 : r.getDouble();
          long frames = s.getNumFrames();
          String codec = d.getCodec() == null ? "" : d.getCodec().getName();
          return new Info(codec, d.getWidth(), d.getHeight(), fps, frames > 0 ? frames : -1, container);
        }
      }
      throw new IOException("no video stream in " + video);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while opening " + video, e);
    } catch (RuntimeException e) {
      throw new IOException("cannot open " + video + " as a video: " + e.getMessage(), e);
    } finally {
      try {
        demuxer.close();
      } catch (Exception ignored) {
        // best effort
      }
      demuxer.delete();
    }
  }
}
