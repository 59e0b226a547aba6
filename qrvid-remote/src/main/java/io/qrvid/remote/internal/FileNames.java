package io.qrvid.remote.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Output file names {@code yyyyMMdd_HHmmss_<first words>.mp4}: ASCII letters, digits and {@code _} only (safe on
 * Windows, macOS, Linux; no reserved names since they start with digits), at most 64 characters. Not API.
 */
public final class FileNames {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss", Locale.ROOT);
  private static final int MAX_WORDS = 6;
  private static final int MAX_SLUG = 40;
  private static final Set<Path> reserved = new HashSet<>();

  private FileNames() {}

  /** Returns the base name (without extension) for a prompt at {@code time}. */
  public static String baseName(LocalDateTime time, String prompt) {
    String ascii = Normalizer.normalize(prompt, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
    StringBuilder slug = new StringBuilder();
    int words = 0;
    for (String w : ascii.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
      if (w.isEmpty()) {
        continue;
      }
      if (words == MAX_WORDS || slug.length() + w.length() + 1 > MAX_SLUG) {
        break;
      }
      if (slug.length() > 0) {
        slug.append('_');
      }
      slug.append(w);
      words++;
    }
    if (slug.length() == 0) {
      slug.append("video");
    }
    return STAMP.format(time) + "_" + slug;
  }

  /**
   * Picks a free {@code <base>[_n].mp4} in {@code folder} whose {@code .part} is also free, and reserves it for this
   * process until {@link #release(Path)} so that concurrent generations never share a file.
   */
  public static Path reserve(Path folder, String base) {
    synchronized (reserved) {
      for (int n = 1; ; n++) {
        String name = n == 1 ? base : base + "_" + n;
        Path target = folder.resolve(name + ".mp4");
        if (!reserved.contains(target) && !Files.exists(target) && !Files.exists(partOf(target))) {
          reserved.add(target);
          return target;
        }
      }
    }
  }

  /** Reserves an already chosen target (resume); returns it. */
  public static Path reserveExisting(Path target) {
    synchronized (reserved) {
      reserved.add(target);
      return target;
    }
  }

  /** Releases a reservation. */
  public static void release(Path target) {
    synchronized (reserved) {
      reserved.remove(target);
    }
  }

  /** Returns {@code <name>.part} beside {@code target} ({@code x.mp4} becomes {@code x.part}). */
  public static Path partOf(Path target) {
    String name = target.getFileName().toString();
    String stem = name.endsWith(".mp4") ? name.substring(0, name.length() - 4) : name;
    return target.resolveSibling(stem + ".part");
  }
}
