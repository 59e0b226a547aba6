package io.qrvid.decode.internal;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.Binarizer;
import com.google.zxing.DecodeHintType;
import com.google.zxing.InvertedLuminanceSource;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.ResultPoint;
import com.google.zxing.ResultPointCallback;
import com.google.zxing.common.BitArray;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.DecoderResult;
import com.google.zxing.common.DetectorResult;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.decoder.Decoder;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.decoder.QRCodeDecoderMetaData;
import com.google.zxing.qrcode.decoder.Version;
import com.google.zxing.qrcode.detector.Detector;
import com.google.zxing.qrcode.detector.FinderPattern;
import com.google.zxing.qrcode.detector.FinderPatternInfo;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * ZXing adapters. Stateless: every call creates its own reader and bitmap, so instances are thread-safe.
 *
 * <p>Many symbols per image ({@code all}) are read with ZXing's public multi-symbol parts driven here rather than with
 * its {@code QRCodeMultiReader}, so that the scan's {@link Deadline} is checked all along: the finder search and triple
 * selection of ZXing's {@code MultiFinderPatternFinder.findMulti} ({@link ZxingFinderGroups}, the same triples with a
 * deadline), then for each plausible triple of finder patterns (a {@link FinderPatternInfo}) ZXing's detector ({@link
 * Detector#processFinderPatternInfo}: alignment pattern search, grid sampling) and its {@link Decoder}, the deadline
 * checked before each triple, and giving up after {@link #MAX_MISSES_IN_A_ROW} triples in a row read nothing (the
 * triples listed are bounded too: {@link ZxingFinderGroups#MAX_TRIPLES}). ZXing's {@code QRCodeMultiReader} does the
 * same with no way to stop and no bound: on a textured 1280x960 photo of one version-7 symbol (the synthetic set, seed
 * 2, {@code noncompliant_0019}) ZXing with TRY_HARDER listed 206,105 triples in 0.7 s and sampled them all, 21 s of a
 * 1.5 s budget. What it does that matters is kept: the mirrored correction of the points, the error-correction level
 * and byte segments as metadata. Its concatenation of structured-append symbols is not: the chain reports every symbol
 * with its own corners (as the other decoders do), and the concatenated result had none. The single-symbol path ({@code
 * QRCodeReader}) is stopped during its finder search by a {@link ResultPointCallback} that throws once the deadline has
 * expired, and gives way to the multi-symbol path on images with very many finder-pattern centres ({@link
 * #decodeSingle}).
 *
 * <p>Triples are tried most plausible first ({@link #byPlausibility}): the finder patterns of a real symbol are
 * confirmed on many scan rows, a textured background's look-alikes on one or two; and a triple sharing a finder
 * pattern with a symbol already decoded is skipped (two symbols never share one).
 */
public final class ZxingDecoder implements SymbolDecoder {
  /** Finder-pattern groups sampled by the multi-symbol path so far, in this JVM: a work counter for tests. */
  private static final LongAdder GROUPS_TRIED = new LongAdder();

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

  /**
   * {@return how many finder-pattern groups ({@link FinderPatternInfo}s) the multi-symbol path of every instance
   * has sampled in this JVM} A work counter that does not depend on the machine's speed: tests bound the work done
   * after a deadline with it.
   */
  public static long groupsTried() {
    return GROUPS_TRIED.sum();
  }

  @Override
  public List<Symbol> decode(Gray g, boolean all, Deadline deadline) {
    if (deadline.expired()) {
      return List.of();
    }
    LuminanceSource source = new PlanarYUVLuminanceSource(g.px, g.width, g.height, 0, 0, g.width, g.height, false);
    Binarizer binarizer;
    if (mode == Mode.INVERTED) {
      // the hybrid binarizer on inverted grey levels: not the complement of the plain one (its thresholds are
      // floored means, and low-contrast blocks take half their minimum), so it is not shared
      binarizer = new HybridBinarizer(new InvertedLuminanceSource(source));
    } else if (mode == Mode.GLOBAL_HISTOGRAM) {
      binarizer = new GlobalHistogramBinarizer(source);
    } else {
      binarizer = new SharedHybrid(source, g);
    }
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
        for (Result r : decodeMultiple(bitmap.getBlackMatrix(), hints, deadline)) {
          out.add(toSymbol(r, g));
        }
      } else if (mode == Mode.PURE) {
        out.add(withPureCorners(toSymbol(new QRCodeReader().decode(bitmap, hints), g), bitmap, g));
      } else {
        out.addAll(decodeSingle(bitmap, hints, deadline, g));
      }
    } catch (ReaderException | RuntimeException e) {
      // not found / checksum / format, or a ZXing bug on odd input (e.g. ArrayIndexOutOfBounds): nothing read
    }
    return out;
  }

  /**
   * Every symbol ZXing's multi-symbol detector finds, the deadline checked before each finder-pattern group (so at
   * most one group, a few milliseconds, runs past it; see the class description).
   */
  private static List<Result> decodeMultiple(BitMatrix matrix, Map<DecodeHintType, Object> hints, Deadline deadline)
      throws ReaderException {
    if (deadline.expired()) {
      return List.of();
    }
    List<FinderPatternInfo> order =
        byPlausibility(new ZxingFinderGroups(matrix).find(hints.containsKey(DecodeHintType.TRY_HARDER), deadline));
    GroupDetector detector = new GroupDetector(matrix);
    Decoder decoder = new Decoder();
    Set<FinderPattern> decoded = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Result> results = new ArrayList<>();
    int missesInARow = 0;
    for (FinderPatternInfo info : order) {
      if (deadline.expired() || missesInARow >= MAX_MISSES_IN_A_ROW) {
        break;
      }
      if (decoded.contains(info.getTopLeft()) || decoded.contains(info.getTopRight())
          || decoded.contains(info.getBottomLeft())) {
        continue;
      }
      GROUPS_TRIED.increment();
      try {
        DetectorResult d = detector.process(info);
        DecoderResult r = decoder.decode(d.getBits(), hints);
        ResultPoint[] points = d.getPoints();
        if (r.getOther() instanceof QRCodeDecoderMetaData) {
          ((QRCodeDecoderMetaData) r.getOther()).applyMirroredCorrection(points);
        }
        Result result = new Result(r.getText(), r.getRawBytes(), points, BarcodeFormat.QR_CODE);
        if (r.getByteSegments() != null) {
          result.putMetadata(ResultMetadataType.BYTE_SEGMENTS, r.getByteSegments());
        }
        if (r.getECLevel() != null) {
          result.putMetadata(ResultMetadataType.ERROR_CORRECTION_LEVEL, r.getECLevel());
        }
        results.add(result);
        missesInARow = 0;
        decoded.add(info.getTopLeft());
        decoded.add(info.getTopRight());
        decoded.add(info.getBottomLeft());
      } catch (ReaderException e) {
        // this group is no symbol: try the next
        missesInARow++;
      }
    }
    return results;
  }

  /**
   * ZXing's single-symbol reader ({@code QRCodeReader}), stopped by the deadline during its finder search, and
   * replaced by the multi-symbol path (first symbol only) on an image with more than {@value #MAX_SINGLE_CENTRES}
   * finder-pattern centres: its choice of the best three centres tries every triple (cubic in the centres, with no
   * way to stop), 1.7 s for the 549 centres of a textured 1280x960 photo (the synthetic set, seed 2, {@code
   * noncompliant_0019}), while the multi-symbol path's search is bounded by the deadline and read that photo's
   * symbol. On the 1,542 images of the development sets ZXing's finder search saw at most 57 centres on any other
   * image (docs/decode.md, "issue 9, seventh pass"); 200 centres cost the triple search about 1.3 million triples.
   */
  private List<Symbol> decodeSingle(BinaryBitmap bitmap, Map<DecodeHintType, Object> hints,
      Deadline deadline, Gray g) throws ReaderException {
    int[] centres = {0};
    hints.put(DecodeHintType.NEED_RESULT_POINT_CALLBACK, (ResultPointCallback) point -> {
      if (deadline.expired()) {
        throw Stopped.INSTANCE;
      }
      if (++centres[0] > MAX_SINGLE_CENTRES) {
        throw TooManyCentres.INSTANCE;
      }
    });
    try {
      return List.of(toSymbol(new QRCodeReader().decode(bitmap, hints), g));
    } catch (TooManyCentres e) {
      hints.remove(DecodeHintType.NEED_RESULT_POINT_CALLBACK);
      for (Result r : decodeMultiple(bitmap.getBlackMatrix(), hints, deadline)) {
        return List.of(toSymbol(r, g));
      }
      return List.of();
    }
  }

  /**
   * Most finder-pattern groups in a row that the multi-symbol path samples without a read before it gives up on the
   * image (ZXing's {@code QRCodeMultiReader} samples every group). Traced with a 60 s budget on every image of the
   * synthetic sets of seeds 2 and 3 and seed 1's count-10 set (1,220 images) and the sample sets: every read came
   * within 28 groups of the previous read (or of the start), at rank 68 at most; only seed 2's {@code
   * noncompliant_0019} (a symbol on diagonal stripes, up to 214,606 groups per image, none read) and seed 1's {@code
   * lots_0007} (374 groups tried, its 4 reads by rank 31) had a call that tried more than 300. The bound is 9x the
   * largest gap (docs/decode.md, "issue 9, thirteenth pass").
   */
  static final int MAX_MISSES_IN_A_ROW = 256;

  /** Most finder-pattern centres the single-symbol path may see (see {@link #decodeSingle}). */
  static final int MAX_SINGLE_CENTRES = 200;

  /** Thrown through ZXing by {@link #decodeSingle}: too many centres for its cubic triple search. */
  private static final class TooManyCentres extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final TooManyCentres INSTANCE = new TooManyCentres();

    private TooManyCentres() {
      super("too many finder-pattern centres", null, false, false);
    }
  }

  /** Thrown through ZXing by {@link #decodeSingle}: the deadline expired, nothing more is read. */
  private static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Stopped INSTANCE = new Stopped();

    private Stopped() {
      super("deadline expired", null, false, false);
    }
  }

  /**
   * The groups ordered by the fewest scan rows that confirmed one of their finder patterns, most first (a stable
   * sort: ZXing's own order, by module size, among equals). A real finder pattern is crossed by about as many scan
   * rows as its centre is tall; the look-alikes of a textured background mostly by one or two (the same observation
   * as {@link FinderGrouper#HITS_WEIGHT}'s).
   */
  static List<FinderPatternInfo> byPlausibility(List<FinderPatternInfo> infos) {
    List<FinderPatternInfo> order = new ArrayList<>(infos);
    order.sort(Comparator.comparingInt(ZxingDecoder::minCount).reversed());
    return order;
  }

  private static int minCount(FinderPatternInfo info) {
    return Math.min(info.getTopLeft().getCount(),
        Math.min(info.getTopRight().getCount(), info.getBottomLeft().getCount()));
  }

  /**
   * ZXing's hybrid binarisation of {@code g}: {@code new HybridBinarizer(source).getBlackMatrix()} of its pixels as
   * they are, made once per image and kept on it ({@link Gray#hybridBits()}), so that the pure-barcode, hybrid and
   * try-harder decoders, which all binarise an image this way, share one matrix (on a whole 1600x1200 photo up to
   * three binarisations, 5-8 ms each at load, became one). Exact: the binarizer is a function of the pixels alone,
   * the pixels of a {@code Gray} never change, and none of the paths here writes to the matrix (ZXing's finder
   * searches, its detector and {@link #withPureCorners} only read it; the sampled grids and the pure path's bits are
   * new matrices; the {@code ALSO_INVERTED} hint, which flips the matrix in place, is never given).
   * {@code ZxingSharedBinarisationTest} checks the shared matrix against a fresh binarizer's before and after every
   * decoder ran, and the decoders' results against decoding each with its own binarizer, on random images.
   *
   * <p>Thread-safe: two decoders racing on one image each binarise it and store equal matrices.
   *
   * @throws NotFoundException as the binarizer does (a nearly flat histogram on an image under 40 pixels): not
   *     cached, so the next decoder meets it again, as before
   */
  static BitMatrix hybridMatrix(Gray g, LuminanceSource source) throws NotFoundException {
    Object cached = g.hybridBits();
    if (cached != null) {
      return (BitMatrix) cached;
    }
    BitMatrix m = new HybridBinarizer(source).getBlackMatrix();
    g.hybridBits(m);
    return m;
  }

  /**
   * A {@link HybridBinarizer} whose matrix is {@link #hybridMatrix} (shared by the decoders of one image); its rows
   * ({@code getBlackRow}, which no QR reader calls) are the hybrid binarizer's own.
   */
  private static final class SharedHybrid extends Binarizer {
    private final Gray gray;
    private final HybridBinarizer rows;

    SharedHybrid(LuminanceSource source, Gray gray) {
      super(source);
      this.gray = gray;
      this.rows = new HybridBinarizer(source);
    }

    @Override
    public BitArray getBlackRow(int y, BitArray row) throws NotFoundException {
      return rows.getBlackRow(y, row);
    }

    @Override
    public BitMatrix getBlackMatrix() throws NotFoundException {
      return hybridMatrix(gray, getLuminanceSource());
    }

    @Override
    public Binarizer createBinarizer(LuminanceSource source) {
      return new HybridBinarizer(source);
    }
  }

  /** ZXing's QR detector opened for one group of finder patterns at a time. */
  private static final class GroupDetector extends Detector {
    GroupDetector(BitMatrix image) {
      super(image);
    }

    DetectorResult process(FinderPatternInfo info) throws ReaderException {
      return processFinderPatternInfo(info);
    }
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
