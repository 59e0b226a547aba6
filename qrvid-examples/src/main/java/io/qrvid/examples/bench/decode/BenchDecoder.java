package io.qrvid.examples.bench.decode;

import io.qrvid.decode.QrDecodeChain;
import io.qrvid.decode.QrDecoderType;
import io.qrvid.decode.QrPoint;
import io.qrvid.decode.QrScanResult;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A decoder under test: ZXing alone, BoofCV alone, or the qrvid chain, each driven through the chain's public API
 * ({@link QrDecodeChain#scan(BufferedImage)} for one-symbol images, {@link QrDecodeChain#scanAll(BufferedImage)}
 * otherwise). Thread-safe (the chain is).
 */
final class BenchDecoder {
  private final String name;
  private final QrDecodeChain chain;

  private BenchDecoder(String name, QrDecodeChain chain) {
    this.name = name;
    this.chain = chain;
  }

  /**
   * ZXing 3.5 alone as its own blackbox harness runs it: the pure-barcode reader, then the hybrid binarizer
   * ({@code scanAll} skips the pure reader and runs ZXing's multi-symbol reader); no preprocessing, full resolution.
   */
  static BenchDecoder zxing() {
    return new BenchDecoder("zxing", alone(QrDecoderType.ZXING_PURE, QrDecoderType.ZXING_HYBRID));
  }

  /** ZXing with {@code TRY_HARDER} (a denser finder search; slower), not part of the default columns. */
  static BenchDecoder zxingTryHarder() {
    return new BenchDecoder("zxing-hard", alone(QrDecoderType.ZXING_TRY_HARDER));
  }

  /** BoofCV's QR detector alone: no preprocessing, full resolution. */
  static BenchDecoder boofcv() {
    return new BenchDecoder("boofcv", alone(QrDecoderType.BOOFCV));
  }

  /** The qrvid chain with its defaults and the given time budget. */
  static BenchDecoder chain(Duration budget) {
    return new BenchDecoder("chain", QrDecodeChain.builder().timeBudget(budget).build());
  }

  /**
   * A layer alone: its level-1 decoders only, on the image at full resolution (the chain's own scale policy is not
   * part of a library "alone"; large images are where the layers and the chain differ most).
   */
  private static QrDecodeChain alone(QrDecoderType... decoders) {
    return QrDecodeChain.builder().level1(decoders).level2().maxLongSide(1 << 20).build();
  }

  String name() {
    return name;
  }

  List<Read> decode(BufferedImage image, boolean all) {
    List<QrScanResult> results;
    if (all) {
      results = chain.scanAll(image);
    } else {
      QrScanResult r = chain.scan(image);
      results = r.found() ? List.of(r) : List.of();
    }
    List<Read> out = new ArrayList<>();
    for (QrScanResult r : results) {
      List<QrPoint> c = r.corners();
      double x = 0;
      double y = 0;
      for (QrPoint p : c) {
        x += p.x();
        y += p.y();
      }
      out.add(new Read(r.text().orElse(""), r.rawBytes(), c.isEmpty() ? 0 : x / c.size(),
          c.isEmpty() ? 0 : y / c.size(), !c.isEmpty()));
    }
    return out;
  }
}
