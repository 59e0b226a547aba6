package io.qrvid.decode;

/**
 * The decoders a {@link QrDecodeChain} can run at levels 1 and 2, and {@link #REMOTE} for results of the level-3
 * service. {@link QrScanResult#decoder()} reports which one read a symbol; {@link #id()} is its name in JSON.
 */
public enum QrDecoderType {
  /**
   * ZXing with the {@code PURE_BARCODE} hint: reads an unrotated symbol with a quiet zone and nothing else in the
   * image (such as qrvid's own frames) without searching for finder patterns. Cheapest; fails fast on photos.
   */
  ZXING_PURE("zxing-pure"),
  /**
   * qrvid's own detector and sampler: finder-pattern candidates over an image pyramid, grouped into symbols (many
   * per image), the version from finder spacing and version information, a sampling grid fitted to every
   * alignment pattern (one projective map per region, so curved symbols are followed), module centres sampled
   * from a locally normalised image. Reads small symbols at full resolution, so its finder candidates also choose
   * the working scale of the other decoders.
   */
  QRVID("qrvid"),
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
  BOOFCV("boofcv"),
  /**
   * The level-3 remote service ({@link RemoteQrDecoder}); not a level-1 or level-2 decoder, so
   * {@link QrDecodeChain.Builder#level1} and {@link QrDecodeChain.Builder#level2Decoders} reject it.
   */
  REMOTE("remote");

  private final String id;

  QrDecoderType(String id) {
    this.id = id;
  }

  /** {@return the name reported in {@link QrScanResult#decoder()}, e.g. {@code "zxing-hybrid"}} */
  public String id() {
    return id;
  }
}
