package io.qrvid.video.memvid;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@link MemvidWriter#write} wrote. Immutable.
 *
 * @param video the video file
 * @param index the index file ({@code <stem>_index.json})
 * @param faiss the FAISS file next to the index ({@code <stem>_index.faiss}); it holds no vectors when
 *     {@link #searchable()} is false
 * @param chunks chunks written, one frame each
 * @param version the QR version of every symbol (35 or more, the smallest that holds the longest payload)
 * @param modulePixels pixels per module
 * @param frameWidth frame width in pixels
 * @param frameHeight frame height in pixels
 * @param videoBytes the video's size
 * @param indexBytes the index's size
 * @param faissBytes the FAISS file's size
 * @param searchable true if the FAISS file holds a vector per chunk (an {@link Embedder} was given); false means
 *     memvid can open the library and decode chunks by id, but its search finds nothing
 * @param generation time spent rendering and encoding frames
 * @param elapsed the whole write, embeddings included
 */
public record MemvidWriteResult(Path video, Path index, Path faiss, int chunks, int version, int modulePixels,
    int frameWidth, int frameHeight, long videoBytes, long indexBytes, long faissBytes, boolean searchable,
    Duration generation, Duration elapsed) {

  /** {@return the FAISS file when it holds vectors; empty when the library is not searchable} */
  public Optional<Path> searchIndex() {
    return searchable ? Optional.of(faiss) : Optional.empty();
  }
}
