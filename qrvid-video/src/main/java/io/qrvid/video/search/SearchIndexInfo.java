package io.qrvid.video.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.store.FSDirectory;
import org.jspecify.annotations.Nullable;

/**
 * What a video's search index holds, as recorded in it: for {@code qrvid inspect} and for tools deciding whether an
 * index must be rebuilt. Immutable and thread-safe.
 */
public final class SearchIndexInfo {
  private final Path folder;
  private final long bytes;
  private final int files;
  private final int chunks;
  private final String formatVersion;
  private final @Nullable Integer videoId;
  private final String analyzer;
  private final @Nullable String embedder;
  private final int dimension;

  private SearchIndexInfo(Path folder, long bytes, int files, int chunks, Map<String, String> data) {
    this.folder = folder;
    this.bytes = bytes;
    this.files = files;
    this.chunks = chunks;
    this.formatVersion = data.getOrDefault(SearchFields.KEY_FORMAT, "?");
    Integer id;
    try {
      id = Integer.valueOf(data.get(SearchFields.KEY_VIDEO_ID));
    } catch (NumberFormatException e) {
      id = null;
    }
    this.videoId = id;
    this.analyzer = data.getOrDefault(SearchFields.KEY_ANALYZER, "?");
    this.embedder = data.get(SearchFields.KEY_EMBEDDER);
    int dim = 0;
    try {
      dim = Integer.parseInt(data.getOrDefault(SearchFields.KEY_DIMENSION, "0"));
    } catch (NumberFormatException e) {
      dim = 0;
    }
    this.dimension = dim;
  }

  /**
   * Reads the description of {@code video}'s search index ({@link SearchIndexWriter#pathFor(Path)}).
   *
   * @param video the video whose search index is described; it need not exist
   * @return empty when the video has no search index folder
   * @throws SearchIndexException if the folder exists but holds no readable index
   * @throws IOException if the folder cannot be listed
   */
  public static Optional<SearchIndexInfo> read(Path video) throws IOException {
    Objects.requireNonNull(video, "video == null");
    Path folder = SearchIndexWriter.pathFor(video);
    if (!Files.isDirectory(folder)) {
      return Optional.empty();
    }
    long bytes = 0;
    int files = 0;
    try (Stream<Path> s = Files.list(folder)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p)) {
          bytes += Files.size(p);
          files++;
        }
      }
    }
    try (DirectoryReader r = DirectoryReader.open(FSDirectory.open(folder))) {
      return Optional.of(new SearchIndexInfo(folder, bytes, files, r.numDocs(), r.getIndexCommit().getUserData()));
    } catch (IndexNotFoundException e) {
      throw new SearchIndexException(folder, "not a search index (no Lucene commit)", e);
    } catch (IOException | RuntimeException e) {
      throw new SearchIndexException(folder, "cannot read the search index: " + e, e);
    }
  }

  /** {@return the index folder} */
  public Path folder() {
    return folder;
  }

  /** {@return the total size of its files in bytes} */
  public long bytes() {
    return bytes;
  }

  /** {@return the number of its files} */
  public int files() {
    return files;
  }

  /** {@return the number of chunks indexed} */
  public int chunks() {
    return chunks;
  }

  /** {@return the recorded format version ({@code ?} when absent: not a qrvid index)} */
  public String formatVersion() {
    return formatVersion;
  }

  /** {@return the video id it was built for, when recorded} */
  public Optional<Integer> videoId() {
    return Optional.ofNullable(videoId);
  }

  /** {@return the analyzer's code: a {@link SearchLanguage#code()} or {@code custom:NAME}} */
  public String analyzer() {
    return analyzer;
  }

  /** {@return the embedder's name, when the index has vectors} */
  public Optional<String> embedder() {
    return Optional.ofNullable(embedder);
  }

  /** {@return the vectors' dimension, 0 without vectors} */
  public int dimension() {
    return dimension;
  }
}
