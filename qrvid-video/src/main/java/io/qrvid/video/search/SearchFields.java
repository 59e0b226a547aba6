package io.qrvid.video.search;

import io.qrvid.video.VideoIndex;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.index.IndexOptions;

/**
 * What a search index holds, in one place. Per chunk one Lucene document: {@value #CHUNK} (numeric doc values: the
 * chunk's index in its video), {@value #TEXT} and {@value #TITLE} (indexed for BM25 with frequencies and positions,
 * never stored, no term vectors, no offsets) and, with an embedder, {@value #VECTOR} (HNSW). No field is stored:
 * Lucene's stored-fields files exist but hold nothing.
 */
final class SearchFields {
  static final String CHUNK = "chunk";
  static final String TEXT = "text";
  static final String TITLE = "title";
  static final String VECTOR = "vector";

  static final String KEY_FORMAT = "qrvid.search.format";
  static final String KEY_VIDEO_ID = "qrvid.video.id";
  static final String KEY_ANALYZER = "qrvid.analyzer";
  static final String KEY_CHUNKS = "qrvid.chunks";
  static final String KEY_EMBEDDER = "qrvid.embedder";
  static final String KEY_DIMENSION = "qrvid.vector.dimension";
  static final String KEY_SIMILARITY = "qrvid.vector.similarity";

  /** Indexed text: terms with frequencies and positions (phrase queries), norms (BM25); nothing stored. */
  static final FieldType INDEXED_TEXT;

  static {
    FieldType t = new FieldType();
    t.setTokenized(true);
    t.setStored(false);
    t.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
    t.setStoreTermVectors(false);
    t.setOmitNorms(false);
    t.freeze();
    INDEXED_TEXT = t;
  }

  private SearchFields() {}

  /**
   * True if search indexes the chunks of {@code d}: a text layer, or a text document that has no text layer and
   * is not HTML (whose markup is searched through its text layer).
   */
  static boolean searchable(VideoIndex index, VideoIndex.Document d) {
    if (d.textLayer()) {
      return true;
    }
    if (d.storageOrText() != VideoIndex.Storage.TEXT || "text/html".equals(d.mediaType())) {
      return false;
    }
    return index.documents().stream().noneMatch(o -> o.textOf() != null && o.textOf() == d.id());
  }

  /** Deletes a folder and everything in it; a missing folder is fine. */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        try {
          Files.deleteIfExists(d);
        } catch (NoSuchFileException ignored) {
          // gone already
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
