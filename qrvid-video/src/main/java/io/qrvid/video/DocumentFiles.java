package io.qrvid.video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes restored documents into a folder, each atomically and never outside the folder. */
final class DocumentFiles {
  private DocumentFiles() {}

  /**
   * Writes {@code bytes} to {@code dir/name} through a temporary file and an atomic move.
   *
   * @throws VideoIndexException if {@code name} would resolve outside {@code dir}
   * @throws IOException if writing fails; no partial file is left under {@code name}
   */
  static Path write(Path dir, String name, byte[] bytes) throws IOException {
    Path base = dir.toAbsolutePath().normalize();
    Path target = base.resolve(name).normalize();
    if (!base.equals(target.getParent())) {
      throw new VideoIndexException("document name escapes the output folder: " + name, null);
    }
    Path tmp = base.resolve("." + name + ".part");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return target;
  }
}
