package io.qrvid.decode;

/**
 * The level-1 decoders a {@link QrDecodeChain} can run, listed cheapest first. Each reports its {@link #id()} in
 * {@link QrScanResult#decoder()}.
 */
public enum QrDecoderType {
  /**
   * ZXing with the {@code PURE_BARCODE} hint: reads an unrotated symbol with a quiet zone and nothing else in the
   * image (such as qrvid's own frames) without searching for finder patterns. Cheapest; fails fast on photos.
   */
  ZXING_PURE("zxing-pure"),
  /** ZXing's {@code QRCodeReader} on its {@code HybridBinarizer} (local block thresholds), no extra hints. */
  ZXING_HYBRID("zxing-hybrid"),
  /** ZXing on its {@code GlobalHistogramBinarizer} (one threshold per row; better on low-contrast clean images). */
  ZXING_GLOBAL_HISTOGRAM("zxing-global-histogram"),
  /** ZXing hybrid with {@code TRY_HARDER} (denser finder-pattern search). */
  ZXING_TRY_HARDER("zxing-try-harder"),
  /** ZXing hybrid with {@code TRY_HARDER} on the inverted image (light modules on a dark background). */
  ZXING_INVERTED("zxing-inverted"),
  /**
   * BoofCV's {@code QrCodePreciseDetector} (contour-based position-pattern detection, perspective-correct
   * sampling). Its data codewords are parsed with ZXing's bit-stream rules so text and bytes agree with ZXing.
   */
  BOOFCV("boofcv");

  private final String id;

  QrDecoderType(String id) {
    this.id = id;
  }

  /** The name reported in {@link QrScanResult#decoder()}, e.g. {@code "zxing-hybrid"}. */
  public String id() {
    return id;
  }
}
