package io.qrvid.examples.bench.decode;

import boofcv.abst.fiducial.QrCodeDetector;
import boofcv.alg.fiducial.qrcode.QrCode;
import boofcv.factory.fiducial.ConfigQrCode;
import boofcv.factory.fiducial.FactoryFiducial;
import boofcv.struct.image.GrayU8;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.ResultPoint;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import com.google.zxing.qrcode.QRCodeReader;
import io.qrvid.decode.QrDecodeChain;
import io.qrvid.decode.QrPoint;
import io.qrvid.decode.QrScanResult;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A decoder under test: ZXing alone or BoofCV alone, each called through its own library API on the image at full
 * resolution with no preprocessing (as a user of that library would call it, and as the "alone" columns
 * were measured), or the qrvid chain through {@link QrDecodeChain#scan(BufferedImage)} for one-symbol images and
 * {@link QrDecodeChain#scanAll(BufferedImage)} otherwise. Thread-safe: the library readers are created per call or
 * kept per thread.
 */
final class BenchDecoder {
  private final String name;
  private final Engine engine;
  private final boolean asScanned;

  /** One way of decoding an image: every symbol read, or at most one when {@code all} is false. */
  private interface Engine {
    List<Read> decode(BufferedImage image, boolean all);
  }

  private BenchDecoder(String name, Engine engine) {
    this(name, engine, false);
  }

  private BenchDecoder(String name, Engine engine, boolean asScanned) {
    this.name = name;
    this.engine = engine;
    this.asScanned = asScanned;
  }

  /**
   * Whether this decoder gets the images as {@code qrvid scan} loads them (the chain: a JPEG's luma plane) rather
   * than the colour images ZXing's and BoofCV's users decode.
   */
  boolean asScanned() {
    return asScanned;
  }

  /**
   * ZXing 3.5 alone as its own blackbox harness runs it: the pure-barcode reader, then the hybrid binarizer; with
   * several symbols per image ZXing's {@code QRCodeMultiReader} on the hybrid binarizer.
   */
  static BenchDecoder zxing() {
    return new BenchDecoder("zxing", (image, all) -> zxingDecode(image, all, false));
  }

  /** ZXing with {@code TRY_HARDER} (a denser finder search; slower), not part of the default columns. */
  static BenchDecoder zxingTryHarder() {
    return new BenchDecoder("zxing-hard", (image, all) -> zxingDecode(image, all, true));
  }

  /** BoofCV's QR detector alone ({@code FactoryFiducial.qrcode} with its default configuration), full resolution. */
  static BenchDecoder boofcv() {
    ThreadLocal<QrCodeDetector<GrayU8>> detector =
        ThreadLocal.withInitial(() -> FactoryFiducial.qrcode(new ConfigQrCode(), GrayU8.class));
    return new BenchDecoder("boofcv", (image, all) -> {
      GrayU8 gray = gray(image);
      QrCodeDetector<GrayU8> d = detector.get();
      List<Read> out = new ArrayList<>();
      try {
        d.process(gray);
      } catch (RuntimeException e) {
        detector.remove();
        return out;
      }
      for (QrCode qr : d.getDetections()) {
        if (qr.message == null) {
          continue;
        }
        double x = 0;
        double y = 0;
        int n = qr.bounds.size();
        for (int i = 0; i < n; i++) {
          x += qr.bounds.get(i).x;
          y += qr.bounds.get(i).y;
        }
        out.add(new Read(qr.message, qr.message.getBytes(StandardCharsets.ISO_8859_1), n == 0 ? 0 : x / n,
            n == 0 ? 0 : y / n, n > 0));
        if (!all) {
          break;
        }
      }
      return out;
    });
  }

  /** The qrvid chain with its defaults and the given time budget. */
  static BenchDecoder chain(Duration budget) {
    QrDecodeChain chain = QrDecodeChain.builder().timeBudget(budget).build();
    return new BenchDecoder("chain", (image, all) -> chainDecode(chain, image, all), true);
  }

  /** Luma (ITU-R BT.601 weights, as BoofCV's own converter and ZXing's luminance source use) of every pixel. */
  private static GrayU8 gray(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    GrayU8 g = new GrayU8(w, h);
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      image.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int c = row[x];
        g.data[y * w + x] = (byte) ((306 * ((c >> 16) & 0xff) + 601 * ((c >> 8) & 0xff) + 117 * (c & 0xff)) >> 10);
      }
    }
    return g;
  }

  private static List<Read> zxingDecode(BufferedImage image, boolean all, boolean tryHarder) {
    LuminanceSource source = new BufferedImageLuminanceSource(image);
    Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
    if (tryHarder) {
      hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
    }
    List<Read> out = new ArrayList<>();
    if (all) {
      try {
        for (Result r : new QRCodeMultiReader().decodeMultiple(new BinaryBitmap(new HybridBinarizer(source)),
            hints)) {
          out.add(read(r));
        }
      } catch (ReaderException | RuntimeException e) {
        // nothing read
      }
      return out;
    }
    Map<DecodeHintType, Object> pure = new EnumMap<>(hints);
    pure.put(DecodeHintType.PURE_BARCODE, Boolean.TRUE);
    for (Map<DecodeHintType, Object> h : List.of(pure, hints)) {
      try {
        out.add(read(new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), h)));
        return out;
      } catch (ReaderException | RuntimeException e) {
        // try the next way
      }
    }
    return out;
  }

  private static Read read(Result r) {
    ResultPoint[] pts = r.getResultPoints();
    double x = 0;
    double y = 0;
    int n = 0;
    for (ResultPoint p : pts == null ? new ResultPoint[0] : pts) {
      if (p != null) {
        x += p.getX();
        y += p.getY();
        n++;
      }
    }
    byte[] raw = r.getText().getBytes(StandardCharsets.ISO_8859_1);
    Object segments = r.getResultMetadata() == null ? null : r.getResultMetadata().get(ResultMetadataType.BYTE_SEGMENTS);
    if (segments instanceof List<?> list && !list.isEmpty()) {
      java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
      for (Object o : list) {
        b.writeBytes((byte[]) o);
      }
      raw = b.toByteArray();
    }
    // ZXing's result points of a QR symbol are finder (and alignment) pattern centres: their mean lies inside it.
    return new Read(r.getText(), raw, n == 0 ? 0 : x / n, n == 0 ? 0 : y / n, n > 0);
  }

  private static List<Read> chainDecode(QrDecodeChain chain, BufferedImage image, boolean all) {
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

  String name() {
    return name;
  }

  List<Read> decode(BufferedImage image, boolean all) {
    return engine.decode(image, all);
  }
}
