package io.qrvid.video.memvid;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What {@link MemvidImporter#importLibrary} wrote. Immutable.
 *
 * @param video the qrvid video
 * @param index the qrvid index next to it
 * @param chunks chunks imported (every chunk of the library)
 * @param counts chunks per verdict
 * @param flagged the INDEX_ONLY and MISMATCH chunks imported with {@code acceptIndexText}, in library order
 * @param sourceBytes the memvid video and index together (the FAISS file is not imported and not counted)
 * @param importedBytes the qrvid video and index together
 * @param elapsed time spent encoding
 */
public record MemvidImportResult(Path video, Path index, int chunks, Map<MemvidVerdict, Integer> counts,
    List<MemvidChunk> flagged, long sourceBytes, long importedBytes, Duration elapsed) {

  /**
   * Copies the collections.
   *
   * @param video the qrvid video
   * @param index the qrvid index next to it
   * @param chunks chunks imported (every chunk of the library)
   * @param counts chunks per verdict (copied)
   * @param flagged the INDEX_ONLY and MISMATCH chunks imported with {@code acceptIndexText}, in library order (copied)
   * @param sourceBytes the memvid video and index together, in bytes
   * @param importedBytes the qrvid video and index together, in bytes
   * @param elapsed time spent encoding
   * @throws NullPointerException if {@code counts} or {@code flagged} is null or holds null
   */
  public MemvidImportResult {
    counts = Map.copyOf(counts);
    flagged = List.copyOf(flagged);
  }

  /** {@return how many times smaller the imported library is than the memvid video and index} */
  public double reduction() {
    return importedBytes == 0 ? 0 : (double) sourceBytes / importedBytes;
  }
}
