package io.qrvid.core.internal;

import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.DecoderResult;
import com.google.zxing.qrcode.decoder.Decoder;
import io.qrvid.core.FrameLayout;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;

/**
 * Search-free decoding of a symbol whose geometry is known: samples the luma plane at every module's cell, thresholds
 * the means, and decodes the module matrix with {@link FastSymbolDecoder} (byte-mode symbols of the layout's version
 * and level) or else hands it to ZXing's Reed-Solomon-correcting {@link Decoder}, skipping finder-pattern search and
 * perspective sampling.
 *
 * <p>Thresholds tried in order: 128, then the midpoint between the means of the two classes around 128 (one
 * step of the isodata/k-means iteration of Ridler and Calvard, 1978), which adapts to codec contrast loss.
 *
 * <p>Stateless; thread-safe.
 */
public final class ModuleGridDecoder {
  private ModuleGridDecoder() {}

  /**
   * Decodes the symbol in {@code slot} of a frame.
   *
   * @param plane the luma plane
   * @param offset index of the frame's top-left pixel
   * @param stride bytes per plane row
   * @return the symbol's byte-mode content (for a numeric or alphanumeric symbol, its text in ISO-8859-1), or
   *     empty if it did not decode
   */
  public static Optional<byte[]> decode(byte[] plane, int offset, int stride, FrameLayout layout, int slot) {
    return decode(plane, offset, stride, layout, slot, 128);
  }

  /**
   * Like {@link #decode(byte[], int, int, FrameLayout, int)}, trying {@code threshold} first: module means below it
   * are dark. For modules rendered at grey levels {@code dark}/{@code light}, pass {@code (dark + light + 1) / 2}.
   */
  public static Optional<byte[]> decode(byte[] plane, int offset, int stride, FrameLayout layout, int slot,
      int threshold) {
    int n = layout.symbolModules();
    int px = layout.modulePixels();
    int inset = px >= 4 ? 1 : 0;
    int span = px - 2 * inset;
    int x0 = layout.symbolX(slot);
    int y0 = layout.symbolY(slot);
    int[] means = new int[n * n];
    if (span == 1) { // one pixel per module sampled: a copy
      for (int my = 0; my < n; my++) {
        int base = offset + (y0 + my * px + inset) * stride + x0 + inset;
        for (int mx = 0; mx < n; mx++) {
          means[my * n + mx] = plane[base + mx * px] & 0xFF;
        }
      }
    }
    for (int my = 0; my < n && span > 1; my++) {
      for (int mx = 0; mx < n; mx++) {
        int sum = 0;
        int base = offset + (y0 + my * px + inset) * stride + x0 + mx * px + inset;
        for (int r = 0; r < span; r++) {
          int p = base + r * stride;
          for (int c = 0; c < span; c++) {
            sum += plane[p + c] & 0xFF;
          }
        }
        means[my * n + mx] = sum / (span * span);
      }
    }
    Optional<byte[]> result = FastSymbolDecoder.decode(means, threshold, layout.version(), layout.errorCorrection());
    if (result.isPresent()) {
      return result;
    }
    result = attempt(means, n, threshold);
    if (result.isPresent()) {
      return result;
    }
    long darkSum = 0;
    long lightSum = 0;
    int dark = 0;
    for (int m : means) {
      if (m < threshold) {
        darkSum += m;
        dark++;
      } else {
        lightSum += m;
      }
    }
    if (dark == 0 || dark == means.length) {
      return Optional.empty();
    }
    int t = (int) ((darkSum / dark + lightSum / (means.length - dark)) / 2);
    return t == threshold ? Optional.empty() : attempt(means, n, t);
  }

  private static Optional<byte[]> attempt(int[] means, int n, int threshold) {
    BitMatrix bits = new BitMatrix(n);
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        if (means[y * n + x] < threshold) {
          bits.set(x, y);
        }
      }
    }
    try {
      DecoderResult r = new Decoder().decode(bits);
      return Optional.of(bytesOf(r));
    } catch (ChecksumException | FormatException e) {
      return Optional.empty();
    }
  }

  /** Byte-mode segments concatenated; for a symbol without any (numeric or alphanumeric mode), its text. */
  private static byte[] bytesOf(DecoderResult r) {
    List<byte[]> segments = r.getByteSegments();
    if (segments == null || segments.isEmpty()) {
      return r.getText().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] s : segments) {
      out.writeBytes(s);
    }
    return out.toByteArray();
  }
}
