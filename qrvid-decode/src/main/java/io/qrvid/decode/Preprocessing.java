package io.qrvid.decode;

/**
 * Level-2 preprocessing strategies. Each one derives an image from the scanned one, and the chain retries its
 * level-2 decoders on it; the strategy's {@link #id()} (with parameters) is reported in
 * {@link QrScanResult#preprocessing()}.
 *
 * <p>All strategies work on the 8-bit luminance image after {@link #GREY}, at the chain's working scale.
 */
public enum Preprocessing {
  /**
   * Grey conversion: luminance {@code (306 R + 601 G + 117 B) / 1024} (ITU-R BT.601 weights), with transparent
   * pixels composited on white. Always the first step for a colour image, so it is reported but never retried.
   */
  GREY("grey"),
  /**
   * Scaling down by a power of two (area averaging, from the scan's image pyramid): the working scale the chain
   * chose from the finder-pattern sizes in the image for the ZXing and BoofCV decoders, or the reduced region
   * around one group of finder patterns. Reported when the decoder that read the symbol worked on a reduced image;
   * never a level-2 strategy of its own.
   */
  RESIZE("resize"),
  /** Gamma 2.0 (darkens mid-tones: washed-out or over-exposed symbols). */
  GAMMA_DARKEN("gamma-2.0"),
  /** Gamma 0.5 (brightens mid-tones: under-exposed symbols). */
  GAMMA_BRIGHTEN("gamma-0.5"),
  /**
   * Bilinear up-scaling by 2 for small images (long side below 800 px; skipped otherwise), then by 3 when the long
   * side is below 500 px (both reported as this step). The chain's {@linkplain QrDecodeChain#DEFAULT_LEVEL2_DECODERS
   * default level-2 decoders} get only the 3x image (the 2x one never read a symbol in a trace of every level-2
   * step: docs/decode.md, "issue 9, fifteenth pass"); any other decoder given to {@link
   * QrDecodeChain.Builder#level2Decoders} gets both.
   */
  UPSCALE("upscale"),
  /** Area-averaging down-scaling by 2 (removes noise and print texture; skipped below 160 px). */
  DOWNSCALE("downscale-0.5x"),
  /**
   * Small rotations of 10 degrees clockwise and counter-clockwise (the angle is reported in
   * {@link QrScanResult#rotationDegrees()}; helps row-scanning finder searches on skewed symbols).
   */
  ROTATE_SMALL("rotate-small"),
  /** A 45 degree rotation. */
  ROTATE_45("rotate-45"),
  /**
   * CLAHE, contrast-limited adaptive histogram equalisation (8x8 tiles, clip limit 3), after K. Zuiderveld,
   * "Contrast Limited Adaptive Histogram Equalization", Graphics Gems IV, 1994 (own implementation).
   */
  CLAHE("clahe"),
  /** Global histogram equalisation. */
  EQUALIZE("equalize"),
  /**
   * Otsu's global threshold (N. Otsu, "A threshold selection method from gray-level histograms", IEEE Trans.
   * SMC 9(1), 1979).
   */
  OTSU("otsu"),
  /**
   * Sauvola's adaptive threshold with k = 0.3 and a window of 1/8 of the long side (J. Sauvola, M. Pietikainen,
   * "Adaptive document image binarization", Pattern Recognition 33(2), 2000), computed with integral images.
   */
  SAUVOLA("sauvola"),
  /** Unsharp mask: {@code in + 1.5 * (in - boxblur5x5(in))}. */
  UNSHARP("unsharp"),
  /** Grey-level morphological close with a 3x3 square (removes small dark speckles inside light areas). */
  CLOSE("close"),
  /** A white border of 1/8 of the long side (restores a missing quiet zone). */
  PAD("pad"),
  /** Photographic negative (light symbols on dark backgrounds). */
  INVERT("invert"),
  /** Rotations by 90, 180 and 270 degrees clockwise (the angle is reported in {@link QrScanResult#rotationDegrees()}). */
  ROTATE_RIGHT_ANGLES("rotate-90s");

  private final String id;

  Preprocessing(String id) {
    this.id = id;
  }

  /** {@return a short stable name, e.g. {@code "clahe"}, used in JSON} */
  public String id() {
    return id;
  }
}
