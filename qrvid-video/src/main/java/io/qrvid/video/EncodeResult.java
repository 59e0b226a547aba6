package io.qrvid.video;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@link QrVideoEncoder} wrote and how fast.
 *
 * @param video the video file
 * @param index the index file
 * @param documents documents stored (text layers extracted from PDF, EPUB and HTML not counted)
 * @param chunks chunks stored, text layers' included
 * @param symbols QR symbols written
 * @param frames video frames written
 * @param textBytes total bytes of the stored documents (their UTF-8 bytes for text)
 * @param videoBytes size of the video file
 * @param indexBytes size of the index file
 * @param elapsed wall time from reading the inputs to the indexes being in place
 * @param searchIndex the search index folder, or null when none was built
 * @param searchIndexBytes total size of the search index's files (0 when none was built)
 */
public record EncodeResult(Path video, Path index, int documents, int chunks, long symbols, long frames,
    long textBytes, long videoBytes, long indexBytes, Duration elapsed, @Nullable Path searchIndex,
    long searchIndexBytes) {

  /**
   * A result without a search index ({@link #searchIndex()} empty, {@link #searchIndexBytes()} 0).
   *
   * @param video the video file
   * @param index the index file
   * @param documents documents stored (text layers not counted)
   * @param chunks chunks stored, text layers' included
   * @param symbols QR symbols written
   * @param frames video frames written
   * @param textBytes total bytes of the stored documents
   * @param videoBytes size of the video file in bytes
   * @param indexBytes size of the index file in bytes
   * @param elapsed wall time from reading the inputs to the indexes being in place
   */
  public EncodeResult(Path video, Path index, int documents, int chunks, long symbols, long frames,
      long textBytes, long videoBytes, long indexBytes, Duration elapsed) {
    this(video, index, documents, chunks, symbols, frames, textBytes, videoBytes, indexBytes, elapsed, null, 0);
  }

  /** {@return the search index folder, when one was built} */
  public Optional<Path> searchIndexFolder() {
    return Optional.ofNullable(searchIndex);
  }

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
