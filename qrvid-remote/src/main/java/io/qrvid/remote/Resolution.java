package io.qrvid.remote;

import java.util.Locale;

/**
 * Vertical resolution of a requested video. Veo accepts 720p and 1080p (and 4k on Veo 3.1); the OpenAI videos API
 * expresses it through {@code size} (per {@code research/videogen.md} §0).
 */
public enum Resolution {
  /** 480 lines. */
  P480("480p", 480),
  /** 720 lines. */
  P720("720p", 720),
  /** 1080 lines. */
  P1080("1080p", 1080),
  /** 2160 lines (4K UHD). */
  UHD_4K("4k", 2160);

  private final String label;
  private final int lines;

  Resolution(String label, int lines) {
    this.label = label;
    this.lines = lines;
  }

  /** {@return the label providers use, e.g. {@code "720p"} or {@code "4k"}} */
  public String label() {
    return label;
  }

  /** {@return the number of lines (the shorter frame side)} */
  public int lines() {
    return lines;
  }

  /**
   * Parses {@code 480p}, {@code 720p}, {@code 1080p} or {@code 4k} (case-insensitive).
   *
   * @param label the label; surrounding blanks are ignored
   * @return the matching resolution
   * @throws IllegalArgumentException for any other value
   * @throws NullPointerException if {@code label} is null
   */
  public static Resolution parse(String label) {
    String l = label.trim().toLowerCase(Locale.ROOT);
    for (Resolution r : values()) {
      if (r.label.equals(l)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unsupported resolution: " + label + " (480p, 720p, 1080p, 4k)");
  }
}
