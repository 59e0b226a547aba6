package io.qrvid.video;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@link QrVideoEncoder} wrote and how fast.
 *
 * @param video the video file
 * @param index the index file
 * @param documents documents stored
 * @param chunks chunks stored
 * @param symbols QR symbols written
 * @param frames video frames written
 * @param textBytes total UTF-8 bytes of the documents
 * @param videoBytes size of the video file
 * @param indexBytes size of the index file
 * @param elapsed wall time from reading the inputs to the index being in place
 */
public record EncodeResult(Path video, Path index, int documents, int chunks, long symbols, long frames,
    long textBytes, long videoBytes, long indexBytes, Duration elapsed) {

  /**
   * {@return (video + index bytes) / text bytes: below 1 means the QR video is smaller than the text; 0 without
   * text}
   */
  public double storageRatio() {
    return textBytes == 0 ? 0 : (double) (videoBytes + indexBytes) / textBytes;
  }

  /** {@return the text throughput in MB/s (10^6 bytes per second of {@link #elapsed()}); 0 when no time elapsed} */
  public double megabytesPerSecond() {
    double s = elapsed.toNanos() / 1e9;
    return s == 0 ? 0 : textBytes / 1e6 / s;
  }
}
