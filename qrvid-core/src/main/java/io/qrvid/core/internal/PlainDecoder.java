package io.qrvid.core.internal;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.ResultPoint;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes QR symbols from grey images with plain ZXing (no geometry known): a pure-barcode attempt first, then the
 * hybrid binarizer with {@code TRY_HARDER}; several symbols are returned in reading order (rows top to bottom, then
 * left to right). Contents are the raw bytes of the byte-mode segments (text bytes in ISO-8859-1 for other modes).
 *
 * <p>Stateless; thread-safe (a new reader per call).
 */
public final class PlainDecoder {
  private PlainDecoder() {}

  /** The grey plane of an image: its own bytes for {@code TYPE_BYTE_GRAY}, else BT.601 luma of its RGB. */
  public static byte[] luma(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    if (img.getType() == BufferedImage.TYPE_BYTE_GRAY && img.getRaster().getDataBuffer() instanceof DataBufferByte
        && img.getRaster().getDataBuffer().getSize() == w * h) {
      return ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    }
    int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
    byte[] y = new byte[w * h];
    for (int i = 0; i < rgb.length; i++) {
      int p = rgb[i];
      y[i] = (byte) ((((p >> 16) & 0xFF) * 299 + ((p >> 8) & 0xFF) * 587 + (p & 0xFF) * 114) / 1000);
    }
    return y;
  }

  /** Decodes one symbol from a grey plane, or empty. */
  public static Optional<byte[]> decodeOne(byte[] luma, int width, int height) {
    LuminanceSource src = new PlanarYUVLuminanceSource(luma, width, height, 0, 0, width, height, false);
    Map<DecodeHintType, Object> pure = new EnumMap<>(DecodeHintType.class);
    pure.put(DecodeHintType.PURE_BARCODE, Boolean.TRUE);
    try {
      return Optional.of(bytesOf(new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(src)), pure)));
    } catch (ReaderException e) {
      // fall through to the searching decoder
    }
    Map<DecodeHintType, Object> hard = new EnumMap<>(DecodeHintType.class);
    hard.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
    try {
      return Optional.of(bytesOf(new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(src)), hard)));
    } catch (ReaderException e) {
      return Optional.empty();
    }
  }

  /** Decodes every symbol found in a grey plane, in reading order; empty if none. */
  public static List<byte[]> decodeAll(byte[] luma, int width, int height) {
    LuminanceSource src = new PlanarYUVLuminanceSource(luma, width, height, 0, 0, width, height, false);
    Map<DecodeHintType, Object> hard = new EnumMap<>(DecodeHintType.class);
    hard.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
    Result[] results;
    try {
      results = new QRCodeMultiReader().decodeMultiple(new BinaryBitmap(new HybridBinarizer(src)), hard);
    } catch (ReaderException e) {
      return List.of();
    }
    List<Result> byY = new ArrayList<>(Arrays.asList(results));
    byY.sort(Comparator.comparingDouble(r -> topLeft(r)[1]));
    // Group into rows: a symbol starts a new row when its top is more than half a symbol's height below the first
    // symbol of the current row (symbols of different rows are at least a symbol's height apart); within a row,
    // order by x.
    float tolerance = Float.MAX_VALUE;
    for (Result r : results) {
      float lo = Float.MAX_VALUE;
      float hi = -Float.MAX_VALUE;
      for (ResultPoint p : r.getResultPoints()) {
        lo = Math.min(lo, p.getY());
        hi = Math.max(hi, p.getY());
      }
      tolerance = Math.min(tolerance, Math.max(1, (hi - lo) / 2));
    }
    List<byte[]> out = new ArrayList<>();
    List<Result> row = new ArrayList<>();
    float rowTop = Float.NaN;
    for (Result r : byY) {
      float y = topLeft(r)[1];
      if (!row.isEmpty() && y - rowTop > tolerance) {
        flush(row, out);
      }
      if (row.isEmpty()) {
        rowTop = y;
      }
      row.add(r);
    }
    flush(row, out);
    return out;
  }

  private static void flush(List<Result> row, List<byte[]> out) {
    row.sort(Comparator.comparingDouble(r -> topLeft(r)[0]));
    for (Result r : row) {
      out.add(bytesOf(r));
    }
    row.clear();
  }

  private static float[] topLeft(Result r) {
    float x = Float.MAX_VALUE;
    float y = Float.MAX_VALUE;
    for (ResultPoint p : r.getResultPoints()) {
      x = Math.min(x, p.getX());
      y = Math.min(y, p.getY());
    }
    return new float[] {x, y};
  }

  @SuppressWarnings("unchecked")
  private static byte[] bytesOf(Result r) {
    Map<ResultMetadataType, Object> meta = r.getResultMetadata();
    Object segments = meta == null ? null : meta.get(ResultMetadataType.BYTE_SEGMENTS);
    if (segments instanceof List) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (byte[] s : (List<byte[]>) segments) {
        out.writeBytes(s);
      }
      return out.toByteArray();
    }
    return r.getText().getBytes(StandardCharsets.ISO_8859_1);
  }
}
