package io.qrvid.video;

import io.qrvid.core.internal.SafeFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes restored documents into one folder through {@link SafeFiles}: each under its validated plain name, never
 * outside the folder, never through a link planted there, atomically. Within one restore, a document never
 * replaces another one written before it: on a file system that folds case or Unicode normalization, {@code A.txt}
 * and {@code a.txt} are one file, and the second is then refused (named in the failure) instead of silently
 * replacing the first. Not thread-safe.
 */
final class DocumentFiles {
  private static final Logger log = LoggerFactory.getLogger(DocumentFiles.class);

  private final Path dir;
  /** File keys (device and inode) of the files written by this restore, to the document written there. */
  private final Map<Object, String> writtenKeys = new HashMap<>();
  /** Case- and normalization-folded names written, for platforms without file keys. */
  private final Map<String, String> writtenFolded = new HashMap<>();

  DocumentFiles(Path dir) throws IOException {
    Files.createDirectories(dir);
    this.dir = dir.toAbsolutePath().normalize();
  }

  /**
   * Writes one document.
   *
   * @throws FileAlreadyExistsException if the target is a file this restore already wrote under another name
   * @throws IOException if writing fails; nothing is left under a temporary name
   */
  Path write(String name, byte[] bytes) throws IOException {
    try (SafeFiles.Staged s = SafeFiles.stage(dir, name)) {
      s.write(bytes);
      String earlier = earlierWriter(s.target());
      if (earlier != null) {
        throw new FileAlreadyExistsException(s.target().toString(), null, "is the file "
            + SafeFiles.quote(earlier) + " was just restored to (this file system does not tell the two names "
            + "apart); not replaced");
      }
      s.commit();
      remember(name, s.target());
      return s.target();
    }
  }

  private @Nullable String earlierWriter(Path target) throws IOException {
    String folded = fold(target.getFileName().toString());
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    Object key = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    return key != null ? writtenKeys.get(key) : writtenFolded.get(folded);
  }

  private void remember(String name, Path target) {
    try {
      Object key = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
      if (key != null) {
        writtenKeys.put(key, name);
      }
    } catch (IOException e) {
      log.debug("no file key for {}: {}", target, e.toString());
    }
    writtenFolded.put(fold(name), name);
  }

  private static String fold(String name) {
    return Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }

  /**
   * Writes every recovered document in {@code names} order into {@code dir}, going on past any document that
   * cannot be written, then reports everything that is not on disk.
   *
   * @param names every document name, in order
   * @param recovered the verified documents, by name
   * @param failure the read's failure, when chunks were lost
   * @return the files written, when everything was recovered and written
   * @throws RestoreException if anything was lost or not written; written documents stay written
   * @throws IOException if {@code dir} cannot be created
   */
  static List<Path> restore(Path dir, List<String> names, Map<String, byte[]> recovered,
      @Nullable QrDecodeException failure) throws IOException {
    DocumentFiles files = new DocumentFiles(dir);
    List<Path> written = new ArrayList<>();
    Map<String, String> unwritten = new LinkedHashMap<>();
    for (String name : names) {
      byte[] bytes = recovered.get(name);
      if (bytes == null) {
        continue;
      }
      try {
        written.add(files.write(name, bytes));
      } catch (IOException | RuntimeException e) {
        log.debug("cannot write {}", SafeFiles.quote(name), e);
        unwritten.put(name, e instanceof IOException && e.getMessage() != null ? e.getClass().getSimpleName()
            + ": " + e.getMessage() : e.toString());
      }
    }
    if (failure == null && unwritten.isEmpty()) {
      return written;
    }
    StringBuilder m = new StringBuilder();
    if (failure != null) {
      m.append(failure.getMessage());
    }
    if (!unwritten.isEmpty()) {
      if (m.length() > 0) {
        m.append("; ");
      }
      m.append(unwritten.size()).append(" recovered document(s) could not be written: ");
      int n = 0;
      for (Map.Entry<String, String> e : unwritten.entrySet()) {
        if (n++ == 10) {
          m.append(", and ").append(unwritten.size() - 10).append(" more");
          break;
        }
        m.append(n > 1 ? ", " : "").append(SafeFiles.quote(e.getKey())).append(" (").append(e.getValue())
            .append(')');
      }
    }
    RestoreException e = new RestoreException(m.toString(),
        failure != null ? failure.missingChunks() : List.of(),
        failure != null ? failure.incompleteDocuments() : List.of(), recovered, written, unwritten);
    if (failure != null) {
      e.initCause(failure);
    }
    throw e;
  }
}
