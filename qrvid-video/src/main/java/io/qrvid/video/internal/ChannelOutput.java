package io.qrvid.video.internal;

import io.humble.video.customio.IURLProtocolHandler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import org.jspecify.annotations.Nullable;

/**
 * FFmpeg's output file as a Java channel (Humble's custom I/O protocol): the muxer writes and seeks through a
 * channel qrvid opened itself, so the file FFmpeg writes is exactly the temporary file qrvid created (never a path
 * FFmpeg would open, follow or truncate on its own), and a write error such as "No space left on device" is kept as
 * the {@link IOException} it was ({@link #failure()}) instead of a bare FFmpeg error code. The channel stays open
 * when FFmpeg closes its end; its owner closes it. Used by one muxer on one thread.
 */
final class ChannelOutput implements IURLProtocolHandler {
  private final SeekableByteChannel channel;
  private @Nullable IOException failure;

  ChannelOutput(SeekableByteChannel channel) {
    this.channel = channel;
  }

  /** The first I/O error, if any write or seek failed. */
  @Nullable IOException failure() {
    return failure;
  }

  @Override
  public int open(String url, int flags) {
    return flags == URL_RDONLY_MODE ? -1 : 0;
  }

  @Override
  public int read(byte[] buf, int size) {
    try {
      int n = channel.read(ByteBuffer.wrap(buf, 0, size));
      return Math.max(n, 0);
    } catch (IOException e) {
      return fail(e);
    }
  }

  @Override
  public int write(byte[] buf, int size) {
    if (failure != null) {
      return -1;
    }
    try {
      ByteBuffer b = ByteBuffer.wrap(buf, 0, size);
      while (b.hasRemaining()) {
        channel.write(b);
      }
      return size;
    } catch (IOException e) {
      return fail(e);
    }
  }

  @Override
  public long seek(long offset, int whence) {
    try {
      long to;
      switch (whence) {
        case SEEK_SET -> to = offset;
        case SEEK_CUR -> to = channel.position() + offset;
        case SEEK_END -> to = channel.size() + offset;
        case SEEK_SIZE -> {
          return channel.size();
        }
        default -> {
          return -1;
        }
      }
      if (to < 0) {
        return -1;
      }
      channel.position(to);
      return to;
    } catch (IOException e) {
      return fail(e);
    }
  }

  private int fail(IOException e) {
    if (failure == null) {
      failure = e;
    }
    return -1;
  }

  @Override
  public int close() {
    return 0; // the channel belongs to the caller
  }

  @Override
  public boolean isStreamed(String url, int flags) {
    return false;
  }
}
