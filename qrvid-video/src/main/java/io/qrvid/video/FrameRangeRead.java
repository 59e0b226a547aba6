package io.qrvid.video;

import io.qrvid.core.FrameRanges;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link QrVideoReader#readFrames(long, long)} read from a range of frames: the chunks whose frames all lie in
 * the range (exact, CRC32C verified), the chunks cut by the range's ends (not read), the chunks inside the range that
 * could not be recovered, and the documents wholly inside the range (SHA-256 verified). Immutable; the byte arrays
 * are the reader's copies and are not copied again (do not modify them if you share the result).
 */
public final class FrameRangeRead {
  private final FrameRanges.Range frames;
  private final Map<Integer, byte[]> chunks;
  private final List<Integer> cutChunks;
  private final List<Integer> missingChunks;
  private final Map<String, byte[]> documents;
  private final ReadStats stats;

  FrameRangeRead(FrameRanges.Range frames, Map<Integer, byte[]> chunks, List<Integer> cutChunks,
      List<Integer> missingChunks, Map<String, byte[]> documents, ReadStats stats) {
    this.frames = frames;
    this.chunks = Collections.unmodifiableMap(new TreeMap<>(chunks));
    this.cutChunks = List.copyOf(cutChunks);
    this.missingChunks = List.copyOf(missingChunks);
    this.documents = Collections.unmodifiableMap(new LinkedHashMap<>(documents));
    this.stats = stats;
  }

  /** {@return the frames read, inclusive and 0-based} */
  public FrameRanges.Range frames() {
    return frames;
  }

  /**
   * The chunks of the range that were recovered.
   *
   * @return an unmodifiable map from chunk index to the chunk's exact bytes, in ascending index order
   */
  public Map<Integer, byte[]> chunks() {
    return chunks;
  }

  /**
   * The chunks that have frames both inside and outside the range, ascending: never returned in part. A read of the
   * neighbouring range lists them too; read them with a range that covers them, or with
   * {@link QrVideoReader#chunks(int, int)}.
   *
   * @return the indices of the cut chunks, ascending; unmodifiable
   */
  public List<Integer> cutChunks() {
    return cutChunks;
  }

  /**
   * {@return the indices of the chunks wholly inside the range that could not be recovered, ascending; unmodifiable}
   */
  public List<Integer> missingChunks() {
    return missingChunks;
  }

  /**
   * The documents whose every chunk lies in the range and was recovered and verified.
   *
   * @return an unmodifiable map from document name to its exact bytes, in index order
   */
  public Map<String, byte[]> documents() {
    return documents;
  }

  /** {@return how the read went: frames and symbols read, chunks recovered, time} */
  public ReadStats stats() {
    return stats;
  }

  /** {@return true when every chunk wholly inside the range was recovered} */
  public boolean complete() {
    return missingChunks.isEmpty();
  }

  @Override
  public String toString() {
    return "frames " + frames + ": " + chunks.size() + " chunks read, " + missingChunks.size() + " missing, "
        + cutChunks.size() + " cut by the range's ends, " + documents.size() + " whole documents";
  }
}
