package io.qrvid.core;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The naming convention of frame folders ({@code frame_000000.png}, {@code frame_000001.png}, ...: six or more
 * digits, zero-padded, from 0) and their cleanup. Stateless; thread-safe.
 */
public final class FrameFolder {
  /** Matches a frame file name; group 1 is the index. */
  static final Pattern FRAME_NAME = Pattern.compile("frame_(\\d{6,9})\\.png");
  private static final Pattern TEMP_NAME = Pattern.compile("\\.frame_\\d{6,9}\\.png\\.[0-9a-f]+\\.tmp");

  private FrameFolder() {}

  /**
   * The file name of frame {@code index}: {@code frame_} + the index zero-padded to six digits + {@code .png}.
   *
   * @param index the zero-based frame index, 0..999,999,999
   * @return the file name, e.g. {@code frame_000042.png}
   * @throws IllegalArgumentException if the index is negative or above 999,999,999
   */
  public static String fileName(int index) {
    if (index < 0 || index > 999_999_999) {
      throw new IllegalArgumentException("frame index not in 0..999999999: " + index);
    }
    return String.format(Locale.ROOT, "frame_%06d.png", index);
  }

  /**
   * The index of a frame file name, or empty if {@code name} does not follow the convention.
   *
   * @param name a file name without folder
   * @return the frame index, or empty
   * @throws NullPointerException if {@code name} is null
   */
  public static OptionalInt indexOf(String name) {
    Matcher m = FRAME_NAME.matcher(name);
    if (!m.matches()) {
      return OptionalInt.empty();
    }
    String digits = m.group(1);
    if (digits.length() > 6 && digits.charAt(0) == '0') {
      return OptionalInt.empty();
    }
    return OptionalInt.of(Integer.parseInt(digits));
  }

  /**
   * Deletes the frame files ({@code frame_NNNNNN.png}) and leftover temporary files of an interrupted generation
   * from {@code folder}, leaving every other file, subfolders and the folder itself in place.
   *
   * @return the number of files deleted; 0 if the folder does not exist
   * @param folder the frame folder
   * @throws IOException if the folder cannot be listed or a file cannot be deleted
   * @throws NotDirectoryException if {@code folder} is a file
   */
  public static int clean(Path folder) throws IOException {
    int deleted = 0;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        if ((indexOf(name).isPresent() || TEMP_NAME.matcher(name).matches()) && Files.isRegularFile(p)) {
          Files.delete(p);
          deleted++;
        }
      }
    } catch (NoSuchFileException e) {
      return 0;
    }
    return deleted;
  }
}
