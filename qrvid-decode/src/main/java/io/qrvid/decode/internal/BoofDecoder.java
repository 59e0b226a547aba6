package io.qrvid.decode.internal;

import boofcv.abst.fiducial.QrCodeDetector;
import boofcv.alg.fiducial.qrcode.QrCode;
import boofcv.factory.fiducial.ConfigQrCode;
import boofcv.factory.fiducial.FactoryFiducial;
import boofcv.struct.image.GrayU8;
import com.google.zxing.common.DecoderResult;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.decoder.Version;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BoofCV's QR detector ({@code QrCodePreciseDetector}) as a level-1 decoder.
 *
 * <p>BoofCV detectors are not thread-safe, so each thread keeps its own. The error-corrected data codewords are
 * parsed with ZXing's bit-stream parser so that text and raw bytes follow exactly the same rules (ECI, character
 * set guessing, byte segments) whichever decoder read the symbol; when that parser is unavailable BoofCV's own
 * message is used.
 */
public final class BoofDecoder implements SymbolDecoder {
  private static final Logger log = LoggerFactory.getLogger(BoofDecoder.class);
  private static final @Nullable Method PARSER = findParser();

  private final ThreadLocal<QrCodeDetector<GrayU8>> detector =
      ThreadLocal.withInitial(() -> FactoryFiducial.qrcode(new ConfigQrCode(), GrayU8.class));

  @Override
  public String id() {
    return "boofcv";
  }

  @Override
  public List<Symbol> decode(Gray g, boolean all, Deadline deadline) {
    if (deadline.expired()) {
      return List.of();
    }
    List<Symbol> out = new ArrayList<>();
    try {
      QrCodeDetector<GrayU8> d = detector.get();
      d.process(wrap(g));
      for (QrCode qr : d.getDetections()) {
        Symbol s = toSymbol(qr, g);
        if (s != null) {
          out.add(s);
          if (!all) {
            break;
          }
        }
      }
    } catch (RuntimeException e) {
      log.debug("BoofCV failed on a {}x{} image", g.width, g.height, e);
      detector.remove();
    }
    return out;
  }

  /**
   * {@code g}'s pixels as a BoofCV image: its own array when it holds exactly {@code width * height} bytes (every
   * image the chain makes), else a copy. BoofCV's QR detector only reads its input (it thresholds into its own
   * binary image and samples the grey one), so the detections are those of a copy: {@code BoofDecoderTest} checks
   * both, the array unchanged after detection and the same symbols as from a copy, on random images. Before issue
   * 9's twelfth pass every image was copied (a 1600x1200 photo's 1.9 MB per call).
   */
  static GrayU8 wrap(Gray g) {
    if (g.px.length != g.width * g.height) {
      GrayU8 img = new GrayU8(g.width, g.height);
      System.arraycopy(g.px, 0, img.data, 0, g.width * g.height);
      return img;
    }
    GrayU8 img = new GrayU8();
    img.data = g.px;
    img.width = g.width;
    img.height = g.height;
    img.stride = g.width;
    img.startIndex = 0;
    img.subImage = false;
    return img;
  }

  private @Nullable Symbol toSymbol(QrCode qr, Gray g) {
    double[] pts = new double[qr.bounds.size() * 2];
    for (int i = 0; i < qr.bounds.size(); i++) {
      pts[2 * i] = qr.bounds.get(i).x;
      pts[2 * i + 1] = qr.bounds.get(i).y;
    }
    String ec = qr.error == null ? null : qr.error.name();
    String text = qr.message;
    byte[] raw = null;
    if (PARSER != null && ec != null && qr.version >= 1 && qr.version <= 40 && qr.corrected != null) {
      try {
        // BoofCV packs bits least-significant first; ZXing's parser reads them most-significant first.
        byte[] data = Arrays.copyOf(qr.corrected, qr.getNumberOfDataBytes());
        for (int i = 0; i < data.length; i++) {
          data[i] = (byte) (Integer.reverse(data[i] & 0xff) >>> 24);
        }
        DecoderResult r = (DecoderResult) PARSER.invoke(null, data, Version.getVersionForNumber(qr.version),
            ErrorCorrectionLevel.valueOf(ec), null);
        text = r.getText();
        raw = rawBytes(r);
      } catch (ReflectiveOperationException | RuntimeException e) {
        log.debug("ZXing bit-stream parser rejected BoofCV's codewords", e);
        return null;
      }
    }
    if (text == null) {
      return null;
    }
    if (raw == null) {
      raw = text.getBytes(StandardCharsets.ISO_8859_1);
    }
    return new Symbol(text, raw, id(), pts, g.toOriginal, qr.version, ec);
  }

  private static byte[] rawBytes(DecoderResult r) {
    List<byte[]> segments = r.getByteSegments();
    if (segments == null || segments.isEmpty()) {
      return r.getText().getBytes(StandardCharsets.ISO_8859_1);
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] s : segments) {
      out.writeBytes(s);
    }
    return out.toByteArray();
  }

  private static @Nullable Method findParser() {
    try {
      Class<?> c = Class.forName("com.google.zxing.qrcode.decoder.DecodedBitStreamParser");
      Method m = c.getDeclaredMethod("decode", byte[].class, Version.class, ErrorCorrectionLevel.class,
          java.util.Map.class);
      m.setAccessible(true);
      return m;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LoggerFactory.getLogger(BoofDecoder.class).debug("ZXing bit-stream parser not accessible", e);
      return null;
    }
  }
}
