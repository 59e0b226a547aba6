package io.qrvid.decode.internal;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.Binarizer;
import com.google.zxing.DecodeHintType;
import com.google.zxing.InvertedLuminanceSource;
import com.google.zxing.LuminanceSource;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.ResultPoint;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.decoder.Version;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** ZXing adapters. Stateless: every call creates its own reader and bitmap, so instances are thread-safe. */
public final class ZxingDecoder implements SymbolDecoder {
  /** How ZXing is driven. */
  public enum Mode {
    PURE("zxing-pure"),
    HYBRID("zxing-hybrid"),
    GLOBAL_HISTOGRAM("zxing-global-histogram"),
    TRY_HARDER("zxing-try-harder"),
    INVERTED("zxing-inverted");

    final String id;

    Mode(String id) {
      this.id = id;
    }
  }

  private final Mode mode;

  public ZxingDecoder(Mode mode) {
    this.mode = mode;
  }

  @Override
  public String id() {
    return mode.id;
  }

  @Override
  public List<Symbol> decode(Gray g, boolean all) {
    LuminanceSource source = new PlanarYUVLuminanceSource(g.px, g.width, g.height, 0, 0, g.width, g.height, false);
    if (mode == Mode.INVERTED) {
      source = new InvertedLuminanceSource(source);
    }
    Binarizer binarizer = mode == Mode.GLOBAL_HISTOGRAM
        ? new GlobalHistogramBinarizer(source) : new HybridBinarizer(source);
    Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
    if (mode == Mode.PURE) {
      hints.put(DecodeHintType.PURE_BARCODE, Boolean.TRUE);
    }
    if (mode == Mode.TRY_HARDER || mode == Mode.INVERTED) {
      hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
    }
    BinaryBitmap bitmap = new BinaryBitmap(binarizer);
    List<Symbol> out = new ArrayList<>();
    try {
      if (all && mode != Mode.PURE) {
        for (Result r : new QRCodeMultiReader().decodeMultiple(bitmap, hints)) {
          out.add(toSymbol(r, g));
        }
      } else {
        Symbol symbol = toSymbol(new QRCodeReader().decode(bitmap, hints), g);
        if (mode == Mode.PURE) {
          symbol = withPureCorners(symbol, bitmap, g);
        }
        out.add(symbol);
      }
    } catch (ReaderException | RuntimeException e) {
      // not found / checksum / format, or a ZXing bug on odd input (e.g. ArrayIndexOutOfBounds): nothing read
    }
    return out;
  }

  /**
   * The pure-barcode path reports no points; it assumes an axis-aligned symbol spanning the black pixels'
   * bounding box, so that box gives the corners.
   */
  private static Symbol withPureCorners(Symbol s, BinaryBitmap bitmap, Gray g) throws ReaderException {
    int[] tl = bitmap.getBlackMatrix().getTopLeftOnBit();
    int[] br = bitmap.getBlackMatrix().getBottomRightOnBit();
    if (tl == null || br == null) {
      return s;
    }
    double[] pts = {tl[0], tl[1], br[0] + 1, tl[1], br[0] + 1, br[1] + 1, tl[0], br[1] + 1};
    return new Symbol(s.text, s.raw, s.decoder, pts, g.toOriginal, s.version, s.ecLevel);
  }

  private Symbol toSymbol(Result r, Gray g) {
    ResultPoint[] pts = r.getResultPoints();
    List<Double> coords = new ArrayList<>();
    if (pts != null) {
      for (ResultPoint p : pts) {
        if (p != null) {
          coords.add((double) p.getX());
          coords.add((double) p.getY());
        }
      }
    }
    double[] arr = new double[coords.size()];
    for (int i = 0; i < arr.length; i++) {
      arr[i] = coords.get(i);
    }
    String ec = null;
    Map<ResultMetadataType, Object> md = r.getResultMetadata();
    if (md != null && md.get(ResultMetadataType.ERROR_CORRECTION_LEVEL) != null) {
      ec = String.valueOf(md.get(ResultMetadataType.ERROR_CORRECTION_LEVEL));
    }
    int version = versionOf(r.getRawBytes(), ec);
    return new Symbol(r.getText(), rawBytesOf(r), mode.id, corners(arr, version), g.toOriginal, version, ec);
  }

  /**
   * Extrapolates the four outer corners (top-left, top-right, bottom-right, bottom-left) from ZXing's finder
   * centres (bottom-left, top-left, top-right), which sit 3.5 modules in from the symbol's edges; returns the
   * input unchanged when the version is unknown or fewer than three points are given.
   */
  static double[] corners(double[] pts, int version) {
    if (version < 1 || pts.length < 6) {
      return pts;
    }
    double dim = 17 + 4 * version;
    double blx = pts[0];
    double bly = pts[1];
    double tlx = pts[2];
    double tly = pts[3];
    double trx = pts[4];
    double try_ = pts[5];
    double ux = (trx - tlx) / (dim - 7);
    double uy = (try_ - tly) / (dim - 7);
    double vx = (blx - tlx) / (dim - 7);
    double vy = (bly - tly) / (dim - 7);
    double[] uv = {0, 0, dim, 0, dim, dim, 0, dim};
    double[] out = new double[8];
    for (int i = 0; i < 4; i++) {
      double u = uv[2 * i] - 3.5;
      double v = uv[2 * i + 1] - 3.5;
      out[2 * i] = tlx + u * ux + v * vx;
      out[2 * i + 1] = tly + u * uy + v * vy;
    }
    return out;
  }

  /** The version whose data-codeword count at {@code ec} equals the number of data codewords ZXing returned. */
  static int versionOf(byte @Nullable [] dataCodewords, @Nullable String ec) {
    if (dataCodewords == null || ec == null) {
      return 0;
    }
    ErrorCorrectionLevel level;
    try {
      level = ErrorCorrectionLevel.valueOf(ec);
    } catch (IllegalArgumentException e) {
      return 0;
    }
    for (int v = 1; v <= 40; v++) {
      Version version = Version.getVersionForNumber(v);
      int data = version.getTotalCodewords() - version.getECBlocksForLevel(level).getTotalECCodewords();
      if (data == dataCodewords.length) {
        return v;
      }
    }
    return 0;
  }

  @SuppressWarnings("unchecked")
  static byte[] rawBytesOf(Result result) {
    Object segments = result.getResultMetadata() == null
        ? null : result.getResultMetadata().get(ResultMetadataType.BYTE_SEGMENTS);
    if (segments instanceof List<?>) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (byte[] segment : (List<byte[]>) segments) {
        out.writeBytes(segment);
      }
      return out.toByteArray();
    }
    return result.getText().getBytes(StandardCharsets.ISO_8859_1);
  }
}
