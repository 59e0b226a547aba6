package io.qrvid.video.memvid;

/**
 * The video codecs {@link MemvidWriter} writes: both are read by OpenCV's {@code VideoCapture} (its FFmpeg backend,
 * as in the opencv-python wheels), which memvid's retriever uses.
 */
public enum MemvidCodec {
  /**
   * FFV1 in Matroska ({@code .mkv}): lossless, so every frame decodes exactly, and the smallest. Measured with
   * version-35 symbols of 1 KB English chunks at 4 pixels per module (652 x 652 frames): about 12 KB per frame, less
   * than memvid's own 16.4 KB per lossy 256 x 256 frame.
   */
  FFV1("ffv1", "matroska", ".mkv"),
  /**
   * MPEG-4 Part 2 in MP4 ({@code .mp4}), memvid's own default codec (its OpenCV {@code mp4v} writer), at a fixed
   * quantiser ({@link MemvidWriter.Builder#quantiser(int)}, default 2): lossy and large at readable module sizes
   * (measured about 130-170 KB per 652 x 652 frame at quantisers 2-4), for tools that expect memvid's codec.
   */
  MP4V("mpeg4", "mp4", ".mp4");

  private final String encoder;
  private final String container;
  private final String extension;

  MemvidCodec(String encoder, String container, String extension) {
    this.encoder = encoder;
    this.container = container;
    this.extension = extension;
  }

  /** {@return FFmpeg's encoder name} */
  public String encoder() {
    return encoder;
  }

  /** {@return FFmpeg's muxer name} */
  public String container() {
    return container;
  }

  /** {@return the file name extension the video must have, with its dot} */
  public String extension() {
    return extension;
  }
}
