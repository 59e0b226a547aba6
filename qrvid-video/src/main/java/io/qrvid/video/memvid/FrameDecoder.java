package io.qrvid.video.memvid;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.DecoderResult;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.decoder.Decoder;
import io.qrvid.core.internal.SoftSymbolDecoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads the one QR symbol of a memvid frame, cheapest way first, until a result passes the caller's check (a valid
 * memvid payload):
 *
 * <ol>
 *   <li>{@link MemvidFrame.Method#DITHER_MODEL}, only for frames FFmpeg dithered to one bit
 *       ({@link DitherEqualiser#looksDithered}; centre sampling misreads 2-5% of their modules): the modules
 *       estimated by inverting the scaler and dither chain ({@link DitherEqualiser}) on memvid's exact geometry,
 *       decoded with hard decisions, then with erasures;</li>
 *   <li>{@link MemvidFrame.Method#GRID}: locate the module grid ({@link GridLocator}), sample every module's centre,
 *       threshold at half darkness, and Reed-Solomon decode the module matrix (ZXing's {@code Decoder}, hard
 *       decisions);</li>
 *   <li>{@link MemvidFrame.Method#SOFT}: the same centre samples as darkness estimates, decoded with erasures for
 *       the least certain codewords ({@link SoftSymbolDecoder});</li>
 *   <li>{@link MemvidFrame.Method#DECONVOLVED}, then {@link MemvidFrame.Method#SOFT}: the same grid, modules
 *       estimated by {@link Deconvolver} (blur widths tried from the one that worked last, then the others), decoded
 *       with hard decisions, then soft;</li>
 *   <li>{@link MemvidFrame.Method#ZXING}: plain ZXing on the whole frame (pure barcode, then the hybrid binarizer
 *       with {@code TRY_HARDER}), for frames whose geometry matches no hypothesis.</li>
 * </ol>
 *
 * <p>Symbol contents are returned as their exact bytes: byte-mode segments as read (no charset guess), other modes
 * as their ASCII text. Thread-safe; the blur width that worked last is shared between threads as a hint.
 */
final class FrameDecoder {
  static final double[] SIGMAS = {0.5, 0.35, 0.25, 0.65, 0.85};
  private static final int ITERATIONS = 40;
  private static final double LAMBDA = 0.05;
  private static final Map<DecodeHintType, Object> RAW_BYTES = Map.of(DecodeHintType.CHARACTER_SET, "ISO-8859-1");

  private volatile double lastSigma = SIGMAS[0];

  /** A symbol read from a frame. */
  static final class Read {
    final byte[] content;
    final MemvidFrame.Method method;
    final int version;
    final int errorsCorrected;

    Read(byte[] content, MemvidFrame.Method method, int version, int errorsCorrected) {
      this.content = content;
      this.method = method;
      this.version = version;
      this.errorsCorrected = errorsCorrected;
    }
  }

  /**
   * Reads the frame's symbol.
   *
   * @param accept the caller's check of a decoded content; a rejected content makes the next method run
   * @return the first accepted read, or empty
   */
  Optional<Read> read(Luma img, Predicate<byte[]> accept) {
    Optional<SymbolGrid> located = GridLocator.locate(img);
    if (located.isPresent()) {
      SymbolGrid grid = located.get();
      Deconvolver dec = new Deconvolver(img, grid);
      float[] naive = dec.sampleCentres();
      boolean dithered = DitherEqualiser.looksDithered(img);
      Optional<Read> r = dithered ? ditherModel(img, grid, accept) : Optional.empty();
      if (r.isEmpty()) {
        r = hard(naive, grid.version, MemvidFrame.Method.GRID, accept);
      }
      if (r.isEmpty()) {
        r = soft(naive, grid.version, accept);
      }
      if (r.isPresent()) {
        return r;
      }
      double first = lastSigma;
      for (int k = -1; k < SIGMAS.length; k++) {
        double sigma = k < 0 ? first : SIGMAS[k];
        if (k >= 0 && sigma == first) {
          continue;
        }
        Deconvolver.Estimate e = dec.solve(sigma, naive, ITERATIONS, LAMBDA);
        r = hard(e.darkness, grid.version, MemvidFrame.Method.DECONVOLVED, accept);
        if (r.isEmpty()) {
          r = soft(e.darkness, grid.version, accept);
        }
        if (r.isPresent()) {
          lastSigma = sigma;
          return r;
        }
      }
    }
    return plain(img, accept);
  }

  /** Reads a dithered frame through {@link DitherEqualiser} on memvid's exact geometry: hard, then soft. */
  private static Optional<Read> ditherModel(Luma img, SymbolGrid grid, Predicate<byte[]> accept) {
    float[] equalised = new DitherEqualiser(img, GridLocator.memvidGeometry(img, grid)).estimate();
    Optional<Read> r = hard(equalised, grid.version, MemvidFrame.Method.DITHER_MODEL, accept);
    return r.isPresent() ? r : soft(equalised, grid.version, MemvidFrame.Method.DITHER_MODEL, accept);
  }

  /** Thresholds darkness at 1/2 and decodes with ZXing's Reed-Solomon decoder. */
  static Optional<Read> hard(float[] darkness, int version, MemvidFrame.Method method, Predicate<byte[]> accept) {
    int n = 17 + 4 * version;
    BitMatrix bits = new BitMatrix(n);
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        if (darkness[r * n + c] > 0.5f) {
          bits.set(c, r);
        }
      }
    }
    try {
      DecoderResult d = new Decoder().decode(bits, RAW_BYTES);
      byte[] content = bytesOf(d.getText());
      if (accept.test(content)) {
        Integer errors = d.getErrorsCorrected();
        return Optional.of(new Read(content, method, version, errors == null ? -1 : errors));
      }
    } catch (ChecksumException | FormatException | RuntimeException e) {
      // not decodable with hard decisions
    }
    return Optional.empty();
  }

  /** Decodes darkness estimates with erasures ({@link SoftSymbolDecoder}). */
  static Optional<Read> soft(float[] darkness, int version, Predicate<byte[]> accept) {
    return soft(darkness, version, MemvidFrame.Method.SOFT, accept);
  }

  /** Decodes darkness estimates with erasures, reporting {@code method}. */
  static Optional<Read> soft(float[] darkness, int version, MemvidFrame.Method method, Predicate<byte[]> accept) {
    Optional<SoftSymbolDecoder.Result> r = SoftSymbolDecoder.decode(darkness, 17 + 4 * version);
    if (r.isPresent()) {
      byte[] content = bytesOf(r.get().text());
      if (accept.test(content)) {
        return Optional.of(new Read(content, method, version,
            r.get().errorsCorrected() + r.get().erasuresUsed()));
      }
    }
    return Optional.empty();
  }

  /**
   * A symbol's bytes from ZXing's text: memvid's payloads are ASCII (base64, or JSON with ensure_ascii), read here
   * as ISO-8859-1, one character per byte; text ZXing read as UTF-8 (a character above U+00FF) goes back to UTF-8.
   */
  static byte[] bytesOf(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 0xFF) {
        return text.getBytes(StandardCharsets.UTF_8);
      }
    }
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static Optional<Read> plain(Luma img, Predicate<byte[]> accept) {
    PlanarYUVLuminanceSource src = new PlanarYUVLuminanceSource(img.pixels, img.width, img.height, 0, 0, img.width,
        img.height, false);
    Map<DecodeHintType, Object> pure = new EnumMap<>(DecodeHintType.class);
    pure.putAll(RAW_BYTES);
    pure.put(DecodeHintType.PURE_BARCODE, Boolean.TRUE);
    Map<DecodeHintType, Object> hard = new EnumMap<>(DecodeHintType.class);
    hard.putAll(RAW_BYTES);
    hard.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
    for (Map<DecodeHintType, Object> hints : java.util.List.of(pure, hard)) {
      try {
        Result res = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(src)), hints);
        byte[] content = bytesOf(res.getText());
        if (accept.test(content)) {
          int n = res.getRawBytes() == null ? 0 : res.getRawBytes().length;
          return Optional.of(new Read(content, MemvidFrame.Method.ZXING, versionOf(n), -1));
        }
      } catch (ReaderException | RuntimeException e) {
        // next
      }
    }
    return Optional.empty();
  }

  /** The version whose data codeword count at error-correction level M is {@code dataCodewords}, or 0. */
  private static int versionOf(int dataCodewords) {
    for (int v = 1; v <= 40; v++) {
      com.google.zxing.qrcode.decoder.Version ver = com.google.zxing.qrcode.decoder.Version.getVersionForNumber(v);
      com.google.zxing.qrcode.decoder.Version.ECBlocks b =
          ver.getECBlocksForLevel(com.google.zxing.qrcode.decoder.ErrorCorrectionLevel.M);
      if (ver.getTotalCodewords() - b.getTotalECCodewords() == dataCodewords) {
        return v;
      }
    }
    return 0;
  }
}
