package io.qrvid.video.internal;

import io.humble.ferry.Buffer;
import io.humble.video.Codec;
import io.humble.video.Coder;
import io.humble.video.ContainerFormat;
import io.humble.video.Encoder;
import io.humble.video.KeyValueBag;
import io.humble.video.MediaPacket;
import io.humble.video.MediaPicture;
import io.humble.video.Muxer;
import io.humble.video.MuxerFormat;
import io.humble.video.PixelFormat;
import io.humble.video.Rational;
import io.humble.video.customio.HumbleIO;
import io.qrvid.video.CodecProfile;
import io.qrvid.video.VideoEncodingException;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One video being written: an encoder and a muxer, fed 8-bit luma planes that go straight into the Y plane of a
 * YUV 4:2:0 picture (chroma fixed at 128, neutral grey). One thread owns a session from {@link #open} to
 * {@link #close}.
 *
 * <p>Setup order and timestamps follow STYLE.md's Humble rules: timebase {@code 1/fps} on encoder and picture,
 * pts = frame index; flush with {@code encode(packet, null)} until no packet is complete.
 */
public final class HumbleEncoderSession implements AutoCloseable {
  private final Path output;
  private final Muxer muxer;
  private final Encoder encoder;
  private final MediaPicture picture;
  private final MediaPacket packet;
  private final int width;
  private final int height;
  private final int lumaStride;
  private final @Nullable ChannelOutput io;
  private long frames;
  private boolean closed;

  private HumbleEncoderSession(Path output, @Nullable ChannelOutput io, Muxer muxer, Encoder encoder,
      MediaPicture picture, int width, int height) {
    this.output = output;
    this.io = io;
    this.muxer = muxer;
    this.encoder = encoder;
    this.picture = picture;
    this.packet = MediaPacket.make();
    this.width = width;
    this.height = height;
    this.lumaStride = picture.getLineSize(0);
  }

  /**
   * Opens an encoder and muxer writing to {@code output}, whose container is {@code profile.container()}
   * whatever the file's name.
   *
   * @throws VideoEncodingException if the codec is missing or refuses the settings, or the muxer cannot open
   * @throws IOException if the file cannot be created
   */
  public static HumbleEncoderSession open(Path output, int width, int height, CodecProfile profile)
      throws IOException {
    return open(output, null, width, height, profile);
  }

  /**
   * Like {@link #open(Path, int, int, CodecProfile)}, but FFmpeg writes through {@code channel}, which the caller
   * opened (and closes after {@link #close()}); {@code name} only names the output in errors. A write error on the
   * channel (a full disk) fails the session with that {@link IOException} as the cause.
   *
   * @throws VideoEncodingException if the codec is missing or refuses the settings, or the muxer cannot open
   */
  public static HumbleEncoderSession open(SeekableByteChannel channel, Path name, int width, int height,
      CodecProfile profile) throws IOException {
    return open(name, new ChannelOutput(channel), width, height, profile);
  }

  private static HumbleEncoderSession open(Path output, @Nullable ChannelOutput io, int width, int height,
      CodecProfile profile) throws IOException {
    HumbleRuntime.require();
    FfmpegLog.apply();
    if (width % 2 != 0 || height % 2 != 0) {
      throw new IllegalArgumentException("frame size must be even: " + width + "x" + height);
    }
    MuxerFormat format = MuxerFormat.guessFormat(profile.container(), null, null);
    if (format == null) {
      throw new VideoEncodingException("no muxer for container '" + profile.container() + "'", output, null);
    }
    Codec codec = Codec.findEncodingCodecByName(profile.codec());
    if (codec == null) {
      throw new VideoEncodingException("encoder '" + profile.codec() + "' is not available in Humble Video",
          output, null);
    }
    Muxer muxer = Muxer.make(io == null ? output.toString() : HumbleIO.map(io), format, null);
    Encoder encoder = Encoder.make(codec);
    encoder.setWidth(width);
    encoder.setHeight(height);
    PixelFormat.Type pixelFormat = PixelFormat.Type.valueOf(profile.pixelFormat());
    encoder.setPixelFormat(pixelFormat);
    Rational timeBase = Rational.make(1, profile.fps());
    encoder.setTimeBase(timeBase);
    for (Map.Entry<String, String> option : profile.encoderOptions().entrySet()) {
      encoder.setProperty(option.getKey(), option.getValue());
    }
    if (format.getFlag(ContainerFormat.Flag.GLOBAL_HEADER)) {
      encoder.setFlag(Coder.Flag.FLAG_GLOBAL_HEADER, true);
    }
    try {
      synchronized (HumbleRuntime.OPEN_LOCK) {
        encoder.open(null, null);
        muxer.addNewStream(encoder);
        KeyValueBag muxerOptions = KeyValueBag.make();
        for (Map.Entry<String, String> option : profile.muxerOptions().entrySet()) {
          muxerOptions.setValue(option.getKey(), option.getValue());
        }
        KeyValueBag unused = KeyValueBag.make();
        muxer.open(muxerOptions, unused);
        if (unused.getNumKeys() > 0) {
          throw new IllegalArgumentException("muxer options not recognised: " + unused.getKeys());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      encoder.delete();
      muxer.delete();
      throw new VideoEncodingException("interrupted while opening the muxer", output, e);
    } catch (RuntimeException e) {
      encoder.delete();
      muxer.delete();
      if (io != null && io.failure() != null) {
        throw new VideoEncodingException("cannot write " + output + ": " + io.failure().getMessage(), output,
            io.failure());
      }
      throw new VideoEncodingException("cannot open " + profile.codec() + "/" + profile.container() + " for "
          + width + "x" + height + ": " + e.getMessage(), output, e);
    }
    MediaPicture picture = MediaPicture.make(width, height, pixelFormat);
    picture.setTimeBase(timeBase);
    int planes = picture.getNumDataPlanes();
    for (int p = 1; p < planes; p++) {
      Buffer b = picture.getData(p);
      try {
        // getDataPlaneSize() reports the whole allocation for every plane; a chroma plane is
        // ceil(height / vertical subsampling) rows of getLineSize(p) bytes.
        byte[] grey = new byte[chromaRows(pixelFormat, height) * picture.getLineSize(p)];
        Arrays.fill(grey, (byte) 128);
        b.put(grey, 0, 0, grey.length);
      } finally {
        b.delete();
      }
    }
    return new HumbleEncoderSession(output, io, muxer, encoder, picture, width, height);
  }

  /** Rows of a chroma plane of {@code format} for a picture {@code height} rows high. */
  static int chromaRows(PixelFormat.Type format, int height) {
    switch (format) {
      case PIX_FMT_YUV444P:
        return height;
      case PIX_FMT_YUV410P:
        return (height + 3) / 4;
      case PIX_FMT_YUV420P:
      case PIX_FMT_YUVJ420P:
        return (height + 1) / 2;
      default:
        throw new IllegalArgumentException("pixel format " + format + " is not supported; use PIX_FMT_YUV420P, "
            + "PIX_FMT_YUV410P or PIX_FMT_YUV444P");
    }
  }

  /**
   * Encodes one frame.
   *
   * @param luma {@code width * height} grey levels, row-major, no padding
   * @throws VideoEncodingException if the encoder or muxer fails
   */
  public void write(byte[] luma) {
    if (closed) {
      throw new IllegalStateException("session closed");
    }
    Buffer y = picture.getData(0);
    try {
      if (lumaStride == width) {
        y.put(luma, 0, 0, width * height);
      } else {
        for (int row = 0; row < height; row++) {
          y.put(luma, row * width, row * lumaStride, width);
        }
      }
    } finally {
      y.delete();
    }
    picture.setTimeStamp(frames);
    picture.setComplete(true);
    encode(picture);
    frames++;
  }

  /** Frames written so far. */
  public long frames() {
    return frames;
  }

  private void encode(MediaPicture p) {
    try {
      do {
        encoder.encode(packet, p);
        if (packet.isComplete()) {
          muxer.write(packet, false);
        }
      } while (p == null && packet.isComplete());
    } catch (RuntimeException e) {
      if (io != null && io.failure() != null) {
        throw writeFailure();
      }
      throw new VideoEncodingException("encoding frame " + frames + " failed: " + e.getMessage(), output, e);
    }
    if (io != null && io.failure() != null) {
      throw writeFailure();
    }
  }

  private VideoEncodingException writeFailure() {
    IOException f = io.failure();
    return new VideoEncodingException("writing " + output + " failed at frame " + frames + ": " + f.getMessage(),
        output, f);
  }

  /**
   * Flushes the encoder, finishes the container and releases the natives. Idempotent.
   *
   * @throws VideoEncodingException if flushing or finishing fails, including a write error on the channel
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    RuntimeException failure = null;
    try {
      encode(null);
    } catch (RuntimeException e) {
      failure = e;
    }
    try {
      muxer.close();
    } catch (RuntimeException e) {
      if (failure == null) {
        failure = new VideoEncodingException("finishing " + output + " failed: " + e.getMessage(), output, e);
      }
    } finally {
      picture.delete();
      packet.delete();
      encoder.delete();
      muxer.delete();
    }
    if (io != null && io.failure() != null) {
      throw writeFailure(); // FFmpeg may ignore an error while flushing its last buffer on close
    }
    if (failure != null) {
      throw failure;
    }
  }
}
