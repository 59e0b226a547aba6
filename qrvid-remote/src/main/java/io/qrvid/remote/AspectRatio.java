package io.qrvid.remote;

/**
 * Frame aspect ratio of a requested video. The generic range accepts all four; providers accept fewer (Veo and the
 * OpenAI videos API: 16:9 and 9:16 only, per {@code research/videogen.md} §0).
 */
public enum AspectRatio {
  /** Landscape 16:9. */
  LANDSCAPE_16_9("16:9", 16, 9),
  /** Portrait 9:16. */
  PORTRAIT_9_16("9:16", 9, 16),
  /** Square 1:1. */
  SQUARE_1_1("1:1", 1, 1),
  /** Classic 4:3. */
  CLASSIC_4_3("4:3", 4, 3);

  private final String label;
  private final int width;
  private final int height;

  AspectRatio(String label, int width, int height) {
    this.label = label;
    this.width = width;
    this.height = height;
  }

  /** {@return the ratio as providers spell it, e.g. {@code "16:9"}} */
  public String label() {
    return label;
  }

  /** {@return true if the frame is wider than high or square} */
  public boolean isLandscape() {
    return width >= height;
  }

  /**
   * Parses {@code "16:9"}, {@code "9:16"}, {@code "1:1"} or {@code "4:3"}.
   *
   * @param label the ratio as width:height; surrounding blanks are ignored
   * @return the matching ratio
   * @throws IllegalArgumentException for any other value
   * @throws NullPointerException if {@code label} is null
   */
  public static AspectRatio parse(String label) {
    for (AspectRatio r : values()) {
      if (r.label.equals(label.trim())) {
        return r;
      }
    }
    throw new IllegalArgumentException("unsupported aspect ratio: " + label + " (16:9, 9:16, 1:1, 4:3)");
  }
}
