package io.qrvid.decode;

import io.qrvid.core.ErrorCorrection;
import io.qrvid.decode.internal.BoofDecoder;
import io.qrvid.decode.internal.Clahe;
import io.qrvid.decode.internal.Deadline;
import io.qrvid.decode.internal.Filters;
import io.qrvid.decode.internal.Gray;
import io.qrvid.decode.internal.Luma;
import io.qrvid.decode.internal.Parallel;
import io.qrvid.decode.internal.QrvidDetector;
import io.qrvid.decode.internal.ScanImage;
import io.qrvid.decode.internal.Symbol;
import io.qrvid.decode.internal.SymbolDecoder;
import io.qrvid.decode.internal.UnreadGroup;
import io.qrvid.decode.internal.ZxingDecoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A layered QR decoder that tries cheap decoders first and more expensive strategies only when they fail.
 *
 * <ul>
 *   <li>One grey image per scan (colour is converted to luminance) with its image pyramid, integral images and
 *       finder-pattern candidates, shared by every step.
 *   <li>The working scale comes from the image, not from a fixed size. A photo of more than 2.5 million pixels
 *       whose finder patterns all have modules of 8 pixels or more (none under 4.5 pixels, on any scan row) is
 *       replaced by the pyramid level at which the smallest keeps at least 4 pixels and the long side at least 1000
 *       pixels (a 12-megapixel photo of one close-up symbol: 1008 x 756), and every step below works on that level as
 *       if it were the photo; corners are reported in the photo's pixels and the preprocessing lists {@link
 *       Preprocessing#RESIZE}. Otherwise qrvid's own detector finds finder patterns
 *       at full resolution and on every pyramid level and reads symbols at full resolution; the ZXing and BoofCV
 *       decoders then run on regions around groups of finder patterns that qrvid's reader could not read (each
 *       region reduced so that modules are about 3 pixels wide), and on the whole image at the largest reduction
 *       that keeps the smallest unread group's modules at least 2.5 pixels wide (full resolution for images up to
 *       1600 pixels on the long side; when no group of finder patterns is left unread, about 1280 pixels on the
 *       long side for ZXing and 2048 for BoofCV).
 *   <li>Level 1: the {@linkplain Builder#level1 level-1 decoders} in order (default: ZXing pure, qrvid, ZXing
 *       hybrid, BoofCV, ZXing global histogram, ZXing try-harder, ZXing inverted).
 *   <li>Level 2, only when level 1 found nothing: each {@linkplain Builder#level2 preprocessing strategy} in order
 *       derives an image from the working image, and the {@linkplain Builder#level2Decoders level-2 decoders}
 *       (default qrvid, ZXing try-harder, BoofCV) are retried on it.
 *   <li>Level 3 (off by default): a {@link RemoteQrDecoder} that posts the image to an HTTP service.
 * </ul>
 *
 * <p>{@link #scan} stops at the first symbol read (when a decoder reads several, the largest wins). {@link #scanAll}
 * returns every distinct symbol: the union over the level-1 decoders, cheapest first, in three steps: qrvid's own
 * reader; then every other level-1 decoder on small regions around what qrvid saw but did not read (groups of
 * finder patterns that showed timing patterns, and clusters of finder patterns no read symbol accounts for); then
 * every other level-1 decoder on the whole image. It stops after any step once qrvid's own reader has read at
 * least one symbol, every group of finder patterns that showed timing patterns was read, and no two
 * well-confirmed finder patterns are left unused (so nothing in the image looks like a symbol still unread).
 * qrvid's reader starts no further group after 30 % of the budget once it has read a symbol (50 % before): the
 * groups it leaves become regions for the other decoders. With a single level-1 decoder the chain is that decoder
 * "alone", with the same working-scale choice, which makes the chain read at least what each of its level-1
 * decoders reads alone (up to the time budget).
 *
 * <p>Level 2 runs only when qrvid's finder search saw at least one finder-pattern candidate confirmed on two scan
 * rows: without one, on the synthetic development set (docs/decode.md), the preprocessing retries read nothing and
 * spent the whole time budget. It goes strategy by strategy (by default gamma 2.0, up-scaling, CLAHE, equalisation
 * and unsharp mask, the only strategies that read anything on the development sets when every level-2 step was
 * traced: docs/decode.md, "issue 9, eleventh pass"), first on the region around the first group of finder patterns
 * qrvid saw but did not read (a small image), then on the whole working image (where CLAHE and equalisation, which
 * never read there, come last, and by default are not run at all); strategies configured beyond those five come
 * after them, again region first. Each preprocessed image goes to the
 * level-2 decoders ({@link Builder#workers} side by side), but not every decoder gets every image: qrvid's own
 * reader, which searches its own pyramid and samples sub-pixel, gets no rescaled image and only the region (it is
 * the dearest decoder per pixel there), BoofCV, whose block-wise Otsu threshold is a local contrast normalisation of
 * its own, gets no equalised or CLAHE image, and on the default strategies a default decoder gets only the images
 * on which it ever read a symbol in that trace ({@code LEVEL2_REGION_DECODERS}, {@code LEVEL2_WHOLE_DECODERS}; an
 * image no decoder gets is not made), and of up-scaling's two images only the 3x one (images under 500 pixels;
 * the 2x one never read, {@code LEVEL2_SKIPPED_UPSCALE}); when the region is the whole working image (small images)
 * the whole-image passes are skipped. Level 2 starts nothing after 80 % of the budget or once its decoders have
 * been given 7.6 million pixels in all: on the synthetic development set every level-2 read came within 6.3 million
 * pixels, while images nobody read used them all (docs/decode.md, "issue 9, sixth pass"; since the eleventh pass
 * the default steps rarely add up to that bound).
 * qrvid's reader gives up on a preprocessed image after the first group of finder patterns that fails and 12
 * predicted lost finder patterns (at level 1 after 30,000 modules of failed groups and 60 predictions); groups
 * with a finder pattern inside a symbol already read are never tried.
 *
 * <p>In {@link #scanAll}'s whole-image step ZXing's global-histogram binarizer is skipped when the hybrid one runs:
 * on the 300 images of the synthetic set it read nothing there that the other decoders had not (it still runs on
 * the regions).
 *
 * <p>Levels 1 and 2 stop when the {@linkplain Builder#timeBudget time budget} (default 1500 ms) is spent, and when
 * the calling thread is interrupted. The budget is checked between steps and inside every decoder, between units of
 * its own work: qrvid's reader between finder-search rows, candidates grouped and groups read; ZXing between
 * finder-search rows, between first patterns of its triple search and between the groups of finder patterns it
 * samples (its multi-symbol path is driven here for that, see {@code ZxingDecoder}); BoofCV, whose detector cannot
 * be stopped, only before it starts. So a scan overruns its budget by at most one such unit per {@linkplain
 * Builder#workers worker} (a ZXing group is one grid sampled and decoded; a BoofCV run on a whole working image is
 * the largest unit, up to 2048 pixels on the long side). Measured on the 1,542 images of the development sets
 * (three synthetic sets and ZXing's and zxing-cpp's samples; {@link #scanAll} with 2 workers and {@link #scan} with
 * 1; 2 shared cores at load 4-9): the longest scan took 149 ms more than the 1.5 s budget (BoofCV on a whole
 * 3200x2400 photo, started at 0.7 s), the longest without BoofCV 93 ms more (docs/decode.md, "issue 9, seventh
 * pass"; before that pass the same sweep's longest took 1.47 s more, and ZXing's multi-symbol path could run 20 s on
 * one textured photo). The first scan on a cold JVM also pays for class loading and compilation (0.7 s more on the
 * first of 160 photos in that pass). Level 3 is bounded by the remote
 * client's own timeouts. "Nothing found" is a {@link QrScanResult} whose {@code found()} is false, never an
 * exception.
 *
 * <pre>{@code
 * QrDecodeChain chain = QrDecodeChain.builder()
 *     .timeBudget(Duration.ofSeconds(1))
 *     .build();
 * QrScanResult r = chain.scan(ImageIO.read(file));
 * if (r.found()) System.out.println(r.text().orElseThrow() + " via " + r.decoder().orElseThrow());
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe: every scan uses its own images and readers, and BoofCV detectors are
 * kept per thread. Scans run on the calling thread.
 */
public final class QrDecodeChain {
  /** Default level-1 decoders, cheapest first. */
  public static final List<QrDecoderType> DEFAULT_LEVEL1 = List.of(QrDecoderType.ZXING_PURE, QrDecoderType.QRVID,
      QrDecoderType.ZXING_HYBRID, QrDecoderType.BOOFCV, QrDecoderType.ZXING_GLOBAL_HISTOGRAM,
      QrDecoderType.ZXING_TRY_HARDER, QrDecoderType.ZXING_INVERTED);
  /**
   * Default level-2 strategies, in the order tried: the five that read anything on the four synthetic development
   * sets (seeds 1, 2 and 3, 1,880 photos) and on ZXing's and zxing-cpp's sample photos at four rotations (316 images)
   * when every level-2 step was traced (docs/decode.md, "issue 9, eleventh pass"). The other strategies (gamma 0.5,
   * down-scaling, rotations, Otsu, Sauvola, close, pad, invert) read nothing there in 20,222 tries by the three
   * level-2 decoders while taking 40 % of level 2's decoder time in that trace; they stay
   * available through {@link Builder#level2}. Before that pass the list also held them, after these five (small
   * rotations, whose two rotated canvases are the largest images of level 2, last but four: "issue 9, fourth pass").
   */
  public static final List<Preprocessing> DEFAULT_LEVEL2 = List.of(Preprocessing.GAMMA_DARKEN, Preprocessing.UPSCALE,
      Preprocessing.CLAHE, Preprocessing.EQUALIZE, Preprocessing.UNSHARP);
  /** Default level-2 decoders. */
  public static final List<QrDecoderType> DEFAULT_LEVEL2_DECODERS =
      List.of(QrDecoderType.QRVID, QrDecoderType.ZXING_TRY_HARDER, QrDecoderType.BOOFCV);

  /** Images up to this long side are decoded at full resolution by every decoder. */
  static final int FULL_RESOLUTION_SIDE = 1600;
  /**
   * Long side of ZXing's working image when no unread group of finder patterns says otherwise: ZXing's hybrid
   * binarizer (8-pixel blocks) breaks up modules much larger than its blocks, so large photos read better smaller.
   */
  static final int DEFAULT_WORKING_SIDE = 1280;
  /**
   * Long side of BoofCV's working image in the same case: its contour detector has no such limit and reads small
   * symbols that 1280 pixels would blur away (the issue's table: BoofCV alone on full photos read 67 of 85 in
   * "brightness", the chain that scaled to 1280 first 52).
   */
  static final int DEFAULT_BOOFCV_SIDE = 2048;
  /**
   * Share of the time budget after which qrvid's reader, once it has read a symbol, tries no further group of
   * finder patterns at level 1: in photos of many small symbols a group it cannot read costs about as much as
   * BoofCV on a region around it, and every group left untried is given to the other decoders as such a region.
   */
  static final double QRVID_SHARE = 0.3;
  /**
   * The same share while qrvid's reader has read nothing: larger, since a single hard symbol may need many groups
   * tried, but bounded, since finder-pattern look-alikes (Data Matrix, printed patterns) offer hundreds of groups
   * and the other decoders and level 2 need time too.
   */
  static final double QRVID_SHARE_NONE = 0.5;
  /** Most regions around unread groups of finder patterns given to the ZXing and BoofCV decoders. */
  static final int MAX_REGIONS = 6;
  /**
   * Most regions around loose finder patterns (seen but neither grouped nor read by qrvid's reader) given to the
   * ZXing and BoofCV decoders; photos of many small symbols have up to about a dozen such symbols.
   */
  static final int MAX_LOOSE_REGIONS = 16;
  /**
   * Share of the time budget after which level 2 starts no further step. On the synthetic development set every
   * level-2 read came within 0.7 s of the scan's start on one thread with 7 other builds on the 2 cores (0.3 s on
   * a quiet machine), while images nobody reads spent the whole 1.5 s budget; 0.6 lost reads when two images were
   * scanned at once on that loaded machine (docs/decode.md, "issue 9, third pass").
   */
  static final double LEVEL2_SHARE = 0.8;
  /**
   * Pixels (summed over every preprocessed image, once per level-2 decoder run on it) after which level 2 starts no
   * further step: a bound on work that does not depend on the machine's load. On the synthetic development set (seed
   * 1, 20 per category, 40 negatives, 100 over-damaged symbols, no time limit; the strategies in {@link
   * #LEVEL2_FIRST}'s order, {@link #WHOLE_LAST} last on the whole image, BoofCV not given {@link #TONE_MAPS} and
   * qrvid's reader only {@link #QRVID_LEVEL2_REGIONS} region) every level-2 read came within 6.3 million (ZXing
   * try-harder after gamma 2.0 on a whole blurred 1200x1600 photo; the next latest 6.1 and 6.0 million), so the
   * bound leaves a 20 % margin, while images nobody reads use it all; the latest level-2 read on ZXing's and
   * zxing-cpp's sample photos (zxing-cpp's {@code qrcode-2/30a.webp}, BoofCV after gamma 0.5) comes at 6.3 million
   * too (docs/decode.md, "issue 9, sixth pass"; 11.5 million in the fifth pass, where the latest read came at 9.5
   * million, 14 million before small rotations and gamma 0.5 left the first strategies, 20 million before qrvid's
   * reader was left out of rescaled images).
   */
  static final long LEVEL2_PIXELS = 7_600_000L;
  /**
   * The level-2 strategies tried first (on the regions, then on the whole image) before the others (again regions,
   * then whole image), in the configured order within each group: every level-2 read on the synthetic development
   * set (seed 1, 20 per category, no time limit) came from one of these. Small rotations and gamma 0.5, first
   * strategies until the fifth pass, read nothing there while taking 20 % of the pixels given to level 2 on the
   * photos it did not read (docs/decode.md, "issue 9, third pass" and "fifth pass").
   */
  static final Set<Preprocessing> LEVEL2_FIRST = EnumSet.of(Preprocessing.GAMMA_DARKEN, Preprocessing.UPSCALE,
      Preprocessing.CLAHE, Preprocessing.EQUALIZE, Preprocessing.UNSHARP);
  /**
   * Strategies of {@link #LEVEL2_FIRST} that come after the others on the whole working image (they keep their
   * place on the regions), ordered by reads per millisecond: on the synthetic development set (seed 1, 20 per
   * category, no time limit) CLAHE and equalisation gave 4 of the 8 region reads of qrvid's reader but nothing on
   * the whole image (0 reads in 201 tries by the three level-2 decoders on the 320 photos, 2.9 s, most of it
   * qrvid's reader), where gamma 2.0 read 4 photos and the unsharp mask 1 (docs/decode.md, "issue 9, sixth
   * pass"). In practice the pixel bound ({@link #LEVEL2_PIXELS}) then ends level 2 before them on large photos.
   */
  static final Set<Preprocessing> WHOLE_LAST = EnumSet.of(Preprocessing.CLAHE, Preprocessing.EQUALIZE);
  /**
   * Level-2 strategies whose images qrvid's own reader is not given: it searches finder patterns over its own image
   * pyramid and at full resolution with a small window, and samples module centres by bilinear interpolation, so a
   * rescaled copy of the image shows it nothing new. On the synthetic development set (seed 1, 20 per category)
   * every level-2 read after up-scaling came from BoofCV or ZXing, and qrvid's reader spent a third of the pixels
   * given to level 2 there.
   */
  static final Set<Preprocessing> RESCALING = EnumSet.of(Preprocessing.UPSCALE, Preprocessing.DOWNSCALE);
  /**
   * Level-2 strategies whose images BoofCV is not given: histogram equalisation and CLAHE, which remap grey levels
   * (monotonically over the whole image, or within each tile) to stretch local contrast, while BoofCV's QR detector
   * binarises with Otsu's threshold per 40-pixel block (its default {@code ConfigQrCode}), a local contrast
   * normalisation of its own, and it already ran on the same regions and on the whole image at level 1. On the
   * synthetic development set (seed 1, 20 per category, 40 negatives, 100 over-damaged symbols, no time limit) it
   * read nothing on these images in 684 tries (2.6 s, 15 % of its level-2 time), nor on ZXing's and zxing-cpp's
   * sample photos, where every one of its level-2 reads came after gamma 2.0 or 0.5 or up-scaling (so gamma images,
   * also monotone maps, are still given to it: on real photos they read; docs/decode.md, "issue 9, sixth pass").
   */
  static final Set<Preprocessing> TONE_MAPS = EnumSet.of(Preprocessing.EQUALIZE, Preprocessing.CLAHE);
  /**
   * Level-2 regions (in {@link Scan#regions()}'s order) on which qrvid's own reader runs: only the first. Its
   * reader is the dearest level-2 decoder per pixel on regions (about 150 ms per million pixels against BoofCV's
   * 27 and ZXing try-harder's 6, same trace), it sees the other regions again in the whole image, and on the
   * synthetic development set (seed 1, 20 per category, no time limit) every one of its region reads came from the
   * first region, in this pass and in the fifth (docs/decode.md, "issue 9, sixth pass").
   */
  static final int QRVID_LEVEL2_REGIONS = 1;
  /**
   * Most regions (unread groups first) that level 2 tries before the whole working image: one. With every level-2
   * step traced on the four synthetic development sets and ZXing's and zxing-cpp's sample photos (docs/decode.md,
   * "issue 9, eleventh pass"), every region read came from the first region; the second and third (3 until that
   * pass) read nothing in 1,166 tries.
   */
  static final int MAX_LEVEL2_REGIONS = 1;
  /**
   * For each default level-2 strategy, the default level-2 decoders given its image of the first region: those that
   * read at least one symbol there when every level-2 step was traced on the four synthetic development sets (1,880
   * photos, 60 s budget, all three decoders on every image) and on ZXing's and zxing-cpp's sample photos at four
   * rotations (docs/decode.md, "issue 9, eleventh pass"; reads in brackets): gamma 2.0 qrvid (9) and BoofCV (1);
   * up-scaling ZXing try-harder (2) and BoofCV (2); CLAHE qrvid (7); equalisation qrvid (4); unsharp mask qrvid (4),
   * BoofCV (6) and ZXing try-harder (1). The other pairings (ZXing try-harder after gamma 2.0, CLAHE and
   * equalisation) read nothing in 2,440 tries. ZXing try-harder after the unsharp mask left in the fifteenth pass:
   * with every level-2 step run on every image that reaches level 2 on main 47c1f23 (docs/decode.md, "issue 9,
   * fifteenth pass"; seeds 2 and 1 (count 10), 60 s budget, and the 8 sample photos that reach level 2 at four
   * rotations) it read nothing in 295 tries (1.7 % of level 2's decoder time on the synthetic sets). Decoders
   * that are not default level-2 decoders, and strategies not listed, are not restricted.
   */
  static final Map<Preprocessing, Set<QrDecoderType>> LEVEL2_REGION_DECODERS = Map.of(
      Preprocessing.GAMMA_DARKEN, EnumSet.of(QrDecoderType.QRVID, QrDecoderType.BOOFCV),
      Preprocessing.UPSCALE, EnumSet.of(QrDecoderType.ZXING_TRY_HARDER, QrDecoderType.BOOFCV),
      Preprocessing.CLAHE, EnumSet.of(QrDecoderType.QRVID),
      Preprocessing.EQUALIZE, EnumSet.of(QrDecoderType.QRVID),
      Preprocessing.UNSHARP, EnumSet.of(QrDecoderType.QRVID, QrDecoderType.BOOFCV));
  /**
   * The same for the whole working image: gamma 2.0 qrvid (1 read), up-scaling BoofCV (1), unsharp mask qrvid (2);
   * CLAHE and equalisation none (no whole-image step for them). The other pairings read nothing in 2,436 tries
   * (qrvid after CLAHE and equalisation 0 of 418, at 60-70 ms each; BoofCV after gamma 2.0 and the unsharp mask 0
   * of 570; ZXing try-harder 0 of 1,448), with the same trace as {@link #LEVEL2_REGION_DECODERS}.
   */
  static final Map<Preprocessing, Set<QrDecoderType>> LEVEL2_WHOLE_DECODERS = Map.of(
      Preprocessing.GAMMA_DARKEN, EnumSet.of(QrDecoderType.QRVID),
      Preprocessing.UPSCALE, EnumSet.of(QrDecoderType.BOOFCV),
      Preprocessing.CLAHE, EnumSet.noneOf(QrDecoderType.class),
      Preprocessing.EQUALIZE, EnumSet.noneOf(QrDecoderType.class),
      Preprocessing.UNSHARP, EnumSet.of(QrDecoderType.QRVID));

  /**
   * The up-scaling factor whose image (of {@link Preprocessing#UPSCALE}'s two: 2 under 800 pixels on the long side,
   * 3 as well under 500) the default level-2 decoders are not given: 2, so by default only images under 500 pixels
   * are up-scaled, by 3. Traced (docs/decode.md, "issue 9, fifteenth pass"): with every level-2 step run on every
   * image that reaches level 2 on main 47c1f23 (seeds 2 and 1 (count 10), 60 s budget, {@code scanAll}: 271
   * images; ZXing's and zxing-cpp's sample photos at four rotations, {@code scan}: 8 photos, 24 scans), the 2x
   * images read nothing in 682 decoder runs (BoofCV and ZXing try-harder on the region, BoofCV on the whole
   * image; 11 % of level 2's decoder time on the synthetic sets, 21 % on the sample photos), while the 3x images
   * gave every up-scaling read: 2 on the synthetic sets and ZXing's blackbox {@code qrcode-4/30.png} at 0, 180 and
   * 270 degrees (at 180 only on the whole image). A decoder that is not a default level-2 decoder still gets both.
   */
  static final int LEVEL2_SKIPPED_UPSCALE = 2;

  private static final Map<QrDecoderType, SymbolDecoder> DECODERS = createDecoders();
  private static final QrvidDetector QRVID = new QrvidDetector();

  private final List<QrDecoderType> level1;
  private final List<Preprocessing> level2;
  private final List<QrDecoderType> level2Decoders;
  private final @Nullable RemoteQrDecoder remote;
  private final Duration timeBudget;
  private final long maxPixels;
  private final int workers;
  private final @Nullable Executor executor;

  private QrDecodeChain(Builder b) {
    this.level1 = b.level1;
    this.level2 = b.level2;
    this.level2Decoders = b.level2Decoders;
    this.remote = b.remote;
    this.timeBudget = b.timeBudget;
    this.maxPixels = b.maxPixels;
    this.workers = b.workers;
    this.executor = b.executor;
  }

  private Executor executor() {
    return executor != null ? executor : Parallel.shared();
  }

  private static Map<QrDecoderType, SymbolDecoder> createDecoders() {
    Map<QrDecoderType, SymbolDecoder> m = new EnumMap<>(QrDecoderType.class);
    m.put(QrDecoderType.ZXING_PURE, new ZxingDecoder(ZxingDecoder.Mode.PURE));
    m.put(QrDecoderType.ZXING_HYBRID, new ZxingDecoder(ZxingDecoder.Mode.HYBRID));
    m.put(QrDecoderType.ZXING_GLOBAL_HISTOGRAM, new ZxingDecoder(ZxingDecoder.Mode.GLOBAL_HISTOGRAM));
    m.put(QrDecoderType.ZXING_TRY_HARDER, new ZxingDecoder(ZxingDecoder.Mode.TRY_HARDER));
    m.put(QrDecoderType.ZXING_INVERTED, new ZxingDecoder(ZxingDecoder.Mode.INVERTED));
    m.put(QrDecoderType.BOOFCV, new BoofDecoder());
    m.put(QrDecoderType.QRVID, QRVID);
    return m;
  }

  /** {@return a builder with the default levels (see the class description)} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the chain with default settings: levels 1 and 2, no remote fallback, a 1500 ms budget} */
  public static QrDecodeChain defaults() {
    return builder().build();
  }

  /** {@return a builder initialised with this chain's settings} */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /**
   * Scans an image of any {@link BufferedImage} type (colour is converted to luminance; see
   * {@link Preprocessing#GREY}).
   *
   * @return the first symbol read, or a "not found" result
   * @param image the image; not modified
   * @throws NullPointerException if {@code image} is null
   */
  public QrScanResult scan(BufferedImage image) {
    Objects.requireNonNull(image, "image == null");
    long start = System.nanoTime();
    return first(run(Luma.of(image), Luma.isColour(image), false, start), start);
  }

  /**
   * Scans an 8-bit luma plane (one byte per pixel, row-major, no padding), such as the Y plane of a decoded video
   * frame.
   *
   * @param luma {@code width * height} grey levels, 0 = black; not modified
   * @return the first symbol read, or a "not found" result
   * @param width the plane's width in pixels
   * @param height the plane's height in pixels
   * @throws NullPointerException if {@code luma} is null
   * @throws IllegalArgumentException if the array is shorter than {@code width * height} or a dimension is not
   *     positive
   */
  public QrScanResult scanLuma(byte[] luma, int width, int height) {
    long start = System.nanoTime();
    return first(run(lumaGray(luma, width, height), false, false, start), start);
  }

  /**
   * Decodes encoded image bytes (PNG, JPEG, GIF, BMP; whatever the JDK's ImageIO reads) and scans them. The
   * header is read first, and images declaring more than {@link Builder#maxPixels} pixels are rejected before
   * their pixels are decoded; a JPEG stored as YCbCr or grey is decoded to its luma plane only
   * ({@link ImageLoader.Builder#lumaPlane(boolean)}: about 3x faster loading of a camera photo). The processing time
   * and the time budget include reading the image.
   *
   * @return the first symbol read, or a "not found" result
   * @param encodedImage the image file's bytes; not modified
   * @throws NullPointerException if {@code encodedImage} is null
   * @throws QrImageException if the bytes are not a readable image or the image exceeds the limit
   */
  public QrScanResult scan(byte[] encodedImage) {
    Objects.requireNonNull(encodedImage, "encodedImage == null");
    long start = System.nanoTime();
    BufferedImage image = ImageLoader.builder().maxPixels(maxPixels).lumaPlane(true).build().load(encodedImage);
    return first(run(Luma.of(image), Luma.isColour(image), false, start), start);
  }

  /**
   * Reads an image file and scans it like {@link #scan(byte[])}.
   *
   * @param imageFile the image file
   * @return the first symbol read, or a "not found" result
   * @throws IOException if the file cannot be read
   * @throws QrImageException if the file is not a readable image or exceeds the limit
   * @throws NullPointerException if {@code imageFile} is null
   */
  public QrScanResult scan(Path imageFile) throws IOException {
    long start = System.nanoTime();
    BufferedImage image = ImageLoader.builder().maxPixels(maxPixels).lumaPlane(true).build().load(imageFile);
    return first(run(Luma.of(image), Luma.isColour(image), false, start), start);
  }

  /**
   * Returns every distinct symbol in the image (see the class description for when level 1 stops early): the
   * union of what the level-1 decoders find (duplicates, the same content at about the same place, are merged; the
   * pure-barcode decoder, which assumes a single symbol filling the image, is skipped unless it is the only level-1
   * decoder); when level 1 finds nothing, the first level-2 strategy that finds anything; when that finds nothing
   * either, the remote fallback's answer.
   *
   * @return the symbols, largest first; empty when none was found
   * @param image the image; not modified
   * @throws NullPointerException if {@code image} is null
   */
  public List<QrScanResult> scanAll(BufferedImage image) {
    Objects.requireNonNull(image, "image == null");
    long start = System.nanoTime();
    return stamp(run(Luma.of(image), Luma.isColour(image), true, start), start);
  }

  /**
   * Like {@link #scanAll(BufferedImage)} for a luma plane (see {@link #scanLuma}).
   *
   * @param luma {@code width * height} grey levels, 0 = black; not modified
   * @param width the plane's width in pixels
   * @param height the plane's height in pixels
   * @return the symbols, largest first; empty when none was found
   * @throws NullPointerException if {@code luma} is null
   * @throws IllegalArgumentException if the array is shorter than {@code width * height} or a dimension is not
   *     positive
   */
  public List<QrScanResult> scanAllLuma(byte[] luma, int width, int height) {
    long start = System.nanoTime();
    return stamp(run(lumaGray(luma, width, height), false, true, start), start);
  }

  /**
   * Like {@link #scanAll(BufferedImage)} for encoded image bytes, with the checks of {@link #scan(byte[])}.
   *
   * @param encodedImage the image file's bytes; not modified
   * @return the symbols, largest first; empty when none was found
   * @throws NullPointerException if {@code encodedImage} is null
   * @throws QrImageException if the bytes are not a readable image or the image exceeds the limit
   */
  public List<QrScanResult> scanAll(byte[] encodedImage) {
    Objects.requireNonNull(encodedImage, "encodedImage == null");
    long start = System.nanoTime();
    BufferedImage image = ImageLoader.builder().maxPixels(maxPixels).lumaPlane(true).build().load(encodedImage);
    return stamp(run(Luma.of(image), Luma.isColour(image), true, start), start);
  }

  /** {@return the time budget for levels 1 and 2 of one scan} */
  public Duration timeBudget() {
    return timeBudget;
  }

  /** {@return the largest image, in pixels (width times height), accepted from encoded bytes and files} */
  public long maxPixels() {
    return maxPixels;
  }

  private static QrScanResult first(List<QrScanResult> all, long start) {
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    return all.isEmpty() ? QrScanResult.notFound(elapsed) : all.get(0).withProcessingTime(elapsed);
  }

  private static List<QrScanResult> stamp(List<QrScanResult> all, long start) {
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    List<QrScanResult> out = new ArrayList<>(all.size());
    for (QrScanResult r : all) {
      out.add(r.withProcessingTime(elapsed));
    }
    return List.copyOf(out);
  }

  /** A derived image and how it was made. */
  private static final class Variant {
    final Gray gray;
    final List<Preprocessing> steps;
    final double rotation;
    /** The up-scaling factor of {@link Preprocessing#UPSCALE}'s images (2 or 3), 1 for every other image. */
    final int scale;

    Variant(Gray gray, List<Preprocessing> steps, double rotation) {
      this(gray, steps, rotation, 1);
    }

    Variant(Gray gray, List<Preprocessing> steps, double rotation, int scale) {
      this.gray = gray;
      this.steps = steps;
      this.rotation = rotation;
      this.scale = scale;
    }
  }

  /** One decoder on one prepared image. */
  private static final class Job {
    final SymbolDecoder decoder;
    final Gray gray;
    final int level;
    /** "crop" or "whole": for the scan's trace. */
    final String what;

    Job(SymbolDecoder decoder, Gray gray, int level, String what) {
      this.decoder = decoder;
      this.gray = gray;
      this.level = level;
      this.what = what;
    }

    String name() {
      return what + " " + decoder.id() + " " + gray.width + "x" + gray.height;
    }

    List<Symbol> run(boolean all, Deadline deadline) {
      return decoder.decode(gray, all, deadline);
    }
  }

  /** One scan's state: the shared image, the working scale, and what was found so far. */
  private final class Scan {
    /** The photo, or its reduced view once {@link #chooseScale} chose one. */
    ScanImage image;
    final Deadline deadline;
    /** After this, qrvid's reader starts no further group once it has read a symbol (see {@link #QRVID_SHARE}). */
    final Deadline qrvidShare;
    /** The same when qrvid's reader has read nothing yet (see {@link #QRVID_SHARE_NONE}). */
    final Deadline qrvidShareNone;
    final boolean all;
    final List<Preprocessing> base;
    final List<QrScanResult> found = new ArrayList<>();
    /** What ran, in order, with the milliseconds since the scan started: "qrvid", "crop boofcv 3", "whole zxing-hybrid 0", "level2 CLAHE". */
    final List<String> trace = new ArrayList<>();
    final long start;
    /** Pixels given to level-2 decoders so far (each image counted once per decoder), see {@link #LEVEL2_PIXELS}. */
    final AtomicLong level2Pixels = new AtomicLong();
    int workingLevel = -1;
    int boofLevel = -1;

    Scan(Gray gray, boolean colour, boolean all, long start, @Nullable Deadline deadline) {
      this.image = new ScanImage(gray);
      this.deadline = deadline != null ? deadline : Deadline.after(start, timeBudget.toNanos());
      this.qrvidShare = Deadline.after(start, (long) (timeBudget.toNanos() * QRVID_SHARE));
      this.qrvidShareNone = Deadline.after(start, (long) (timeBudget.toNanos() * QRVID_SHARE_NONE));
      this.all = all;
      this.base = colour ? List.of(Preprocessing.GREY) : List.of();
      this.start = start;
    }

    /** Notes "+k step" when the step just run added k new symbols (k > 0). */
    void noteReads(int before, String step) {
      if (found.size() > before) {
        note("+" + (found.size() - before) + " " + step);
      }
    }

    void note(String step) {
      synchronized (trace) {
        trace.add(step + " @" + (System.nanoTime() - start) / 1_000_000);
      }
    }

    /** The pyramid level the ZXing decoders (and level 2) work on (see the class description). */
    int workingLevel() {
      if (workingLevel < 0) {
        workingLevel = level(DEFAULT_WORKING_SIDE);
      }
      return workingLevel;
    }

    /** The pyramid level BoofCV works on. */
    int boofLevel() {
      if (boofLevel < 0) {
        boofLevel = level(DEFAULT_BOOFCV_SIDE);
      }
      return boofLevel;
    }

    private int level(int defaultSide) {
      Gray g = image.gray();
      int side = Math.max(g.width, g.height);
      int k = 0;
      if (side > FULL_RESOLUTION_SIDE) {
        double smallest = UnreadGroup.smallestLooseModule(image);
        for (UnreadGroup t : unreadGroups()) {
          smallest = Math.min(smallest, t.moduleSize);
        }
        if (Double.isInfinite(smallest)) {
          while ((side >> (k + 1)) >= defaultSide) {
            k++;
          }
        } else {
          while (smallest / (1 << (k + 1)) >= 2.5 && (side >> (k + 1)) >= 640) {
            k++;
          }
        }
      }
      // never beyond the pyramid's smallest level
      while (k > 0 && !image.hasLevel(k)) {
        k--;
      }
      return k;
    }

    /**
     * Replaces a large photo by the pyramid level its finder patterns say it is best read at ({@link
     * ScanImage#workingReduction}): every later step, qrvid's reader included, then works on that level as if it were
     * the photo, and reports its corners in the photo's pixels.
     */
    void chooseScale() {
      int k = image.workingReduction(deadline);
      if (k > 0) {
        image = image.reduced(k);
        note("working scale 1/" + image.reduction() + " " + image.gray().width + "x" + image.gray().height);
      }
    }

    /** Runs qrvid's reader first if it has not run (its groups guide the others), reporting nothing. */
    List<UnreadGroup> unreadGroups() {
      if (!image.qrvidRan()) {
        note("qrvid");
      }
      QRVID.decode(image, true, deadline, qrvidShare, qrvidShareNone);
      return UnreadGroup.unread(image);
    }

    List<Preprocessing> steps(int level) {
      if (level == 0 && image.reduction() == 1) {
        return base;
      }
      List<Preprocessing> s = new ArrayList<>(base);
      s.add(Preprocessing.RESIZE);
      return s;
    }

    void add(Symbol s, int level, List<Preprocessing> steps, double rotation) {
      QrScanResult r = toResult(s, level, steps, rotation);
      for (QrScanResult f : found) {
        if (Arrays.equals(f.rawBytes(), r.rawBytes()) && f.text().equals(r.text()) && samePlace(f, r)) {
          return;
        }
      }
      found.add(r);
      if (s.points.length == 8 && level == 1) {
        image.addReadOriginal(s.points);
      }
    }

    /** Runs one level-1 decoder; true when the scan may stop here. */
    boolean level1(QrDecoderType t) {
      if (t == QrDecoderType.QRVID) {
        if (!image.qrvidRan()) {
          note("qrvid");
        }
        // every symbol even for scan(): its cost after the first read is small, and the largest must win
        for (Symbol s : QRVID.decode(image, true, deadline, qrvidShare, qrvidShareNone)) {
          add(s, 1, steps(0), 0);
        }
        return all ? nothingLeft() : !found.isEmpty();
      }
      return runJobs(jobs(t));
    }

    /**
     * Runs several decoders' job lists at once (scanAll with more than one worker): each list in order on one
     * thread, the lists side by side; results are added in the lists' order. True when the scan may stop here.
     */
    boolean runParallel(List<List<Job>> perDecoder) {
      List<Callable<List<Symbol>[]>> tasks = new ArrayList<>();
      for (List<Job> jobs : perDecoder) {
        tasks.add(() -> {
          @SuppressWarnings("unchecked")
          List<Symbol>[] out = new List[jobs.size()];
          for (int i = 0; i < jobs.size(); i++) {
            if (!deadline.expired()) {
              note(jobs.get(i).name());
            }
            out[i] = deadline.expired() ? List.of() : jobs.get(i).run(true, deadline);
          }
          return out;
        });
      }
      List<List<Symbol>[]> results = Parallel.invokeAll(executor(), tasks);
      for (int d = 0; d < perDecoder.size(); d++) {
        List<Symbol>[] r = results.get(d);
        if (r == null) {
          continue; // interrupted while waiting for it
        }
        for (int i = 0; i < r.length; i++) {
          int before = found.size();
          for (Symbol s : r[i]) {
            add(s, 1, steps(perDecoder.get(d).get(i).level), 0);
          }
          noteReads(before, perDecoder.get(d).get(i).name());
        }
      }
      return nothingLeft();
    }

    /** Runs jobs one after the other on this thread; true when the scan may stop here. */
    boolean runJobs(List<Job> jobs) {
      for (Job j : jobs) {
        if (deadline.expired()) {
          return false;
        }
        note(j.name());
        int before = found.size();
        for (Symbol s : j.run(all, deadline)) {
          add(s, 1, steps(j.level), 0);
        }
        noteReads(before, j.name());
        if (!all && !found.isEmpty()) {
          return true;
        }
      }
      return all ? nothingLeft() : !found.isEmpty();
    }

    /**
     * The images one ZXing or BoofCV decoder looks at, prepared on the calling thread: the {@linkplain #cropJobs
     * regions} where qrvid saw finder patterns it could not read, then the whole image at the working scale.
     */
    List<Job> jobs(QrDecoderType t) {
      List<Job> out = new ArrayList<>(cropJobs(t));
      out.add(wholeJob(t));
      return out;
    }

    /**
     * Regions around groups of finder patterns that looked like symbols but were not read, and around clusters of
     * finder patterns no read symbol accounts for (each reduced so that modules are about 3 pixels); none for the
     * pure-barcode decoder.
     */
    List<Job> cropJobs(QrDecoderType t) {
      SymbolDecoder d = DECODERS.get(t);
      List<Job> out = new ArrayList<>();
      if (t == QrDecoderType.ZXING_PURE) {
        return out;
      }
      for (UnreadGroup v : regions()) {
        int k = 0;
        while (v.moduleSize / (1 << (k + 1)) >= 3 && image.hasLevel(k + 1)) {
          k++;
        }
        out.add(new Job(d, image.crop(k, v.x0, v.y0, v.x1, v.y1), k, "crop"));
      }
      return out;
    }

    /** The whole image at the decoder's working scale. */
    Job wholeJob(QrDecoderType t) {
      int k = t == QrDecoderType.BOOFCV ? boofLevel() : workingLevel();
      return new Job(DECODERS.get(t), image.scaled(k), k, "whole");
    }

    /** Unread groups (at most {@link #MAX_REGIONS}), then regions around loose finder patterns. */
    List<UnreadGroup> regions() {
      List<UnreadGroup> groups = unreadGroups();
      List<UnreadGroup> out = new ArrayList<>(groups.subList(0, Math.min(groups.size(), MAX_REGIONS)));
      out.addAll(UnreadGroup.looseRegions(image, groups, MAX_LOOSE_REGIONS));
      return out;
    }

    /**
     * Level 1 of {@link #scanAll}: qrvid's reader (when it is a level-1 decoder), then every other decoder on the
     * regions qrvid could not account for (cheap: small images), then every other decoder on the whole image
     * ({@link #workers} side by side), stopping as soon as {@link #nothingLeft} holds.
     */
    void level1All(List<QrDecoderType> pending) {
      List<QrDecoderType> others = new ArrayList<>(pending);
      if (others.remove(QrDecoderType.QRVID) && level1(QrDecoderType.QRVID)) {
        return;
      }
      for (QrDecoderType t : others) {
        if (deadline.expired()) {
          return;
        }
        // one region at a time, so that a read in a textured image ends the scan (runJobs checks nothingLeft only
        // at its list's end; run job by job it reads and adds exactly what it did on the whole list)
        for (Job j : cropJobs(t)) {
          if (texturedRead()) {
            return;
          }
          if (deadline.expired()) {
            break;
          }
          runJobs(List.of(j));
        }
        if (texturedRead() || !deadline.expired() && nothingLeft()) {
          return;
        }
      }
      // ZXing's global-histogram binarizer on the whole image read nothing that the hybrid one and the others
      // had not read on the 300 images of the synthetic set (docs/decode.md); it stays on the regions
      if (others.contains(QrDecoderType.ZXING_HYBRID)) {
        others.remove(QrDecoderType.ZXING_GLOBAL_HISTOGRAM);
      }
      for (int i = 0; i < others.size() && !deadline.expired(); ) {
        int n = Math.min(Math.max(1, workers), others.size() - i);
        List<QrDecoderType> batch = others.subList(i, i + n);
        i += n;
        boolean done;
        if (n > 1) {
          List<List<Job>> perDecoder = new ArrayList<>();
          for (QrDecoderType t : batch) {
            perDecoder.add(List.of(wholeJob(t)));
          }
          done = runParallel(perDecoder);
        } else {
          done = runJobs(List.of(wholeJob(batch.get(0))));
        }
        if (done || texturedRead()) {
          return;
        }
      }
    }

    /**
     * Runs the level-2 decoders on one preprocessed image ({@link #workers} side by side; {@code region} is the
     * image's index in {@link #regions()}, -1 for the whole working image); true when one read a symbol.
     */
    boolean level2(Preprocessing p, Variant v, int region, Deadline level2End) {
      String where = region < 0 ? "whole" : "region" + region;
      List<Callable<List<Symbol>>> tasks = new ArrayList<>();
      List<QrDecoderType> decoders = new ArrayList<>();
      for (QrDecoderType t : level2DecodersFor(p, region, v.scale)) {
        decoders.add(t);
        tasks.add(() -> {
          if (deadline.expired() || level2End.expired() || level2Pixels.get() >= LEVEL2_PIXELS) {
            return List.of();
          }
          note("level2 " + p + " " + t.id() + " " + v.gray.width + "x" + v.gray.height + " " + where);
          if (level2Pixels.addAndGet((long) v.gray.width * v.gray.height) > LEVEL2_PIXELS) {
            return List.of();
          }
          return t == QrDecoderType.QRVID
              ? QRVID.decode(new ScanImage(v.gray), all, deadline, deadline, deadline, QrvidDetector.Effort.RETRY)
              : DECODERS.get(t).decode(v.gray, all, deadline);
        });
      }
      List<List<Symbol>> results = new ArrayList<>();
      if (workers > 1 && tasks.size() > 1) {
        results = Parallel.invokeAll(executor(), tasks, workers);
      } else {
        for (Callable<List<Symbol>> task : tasks) {
          List<Symbol> r = Parallel.call(task);
          results.add(r);
          if (!r.isEmpty()) {
            break;
          }
        }
      }
      for (int d = 0; d < results.size(); d++) {
        List<Symbol> symbols = results.get(d);
        int before = found.size();
        for (Symbol s : symbols == null ? List.<Symbol>of() : symbols) {
          add(s, 2, v.steps, v.rotation);
        }
        noteReads(before, "level2 " + p + " " + decoders.get(d).id());
      }
      return !found.isEmpty();
    }

    /**
     * The level-2 decoders given strategy {@code p}'s image of region {@code region} ({@code -1}: the whole working
     * image), in the configured order: qrvid's reader gets no rescaled image ({@link #RESCALING}) and only the first
     * {@link #QRVID_LEVEL2_REGIONS} regions, BoofCV no tone map ({@link #TONE_MAPS}), and a default decoder on a
     * default strategy only where it ever read ({@link #LEVEL2_REGION_DECODERS}, {@link #LEVEL2_WHOLE_DECODERS}).
     * Empty: the strategy's image is not even made.
     */
    List<QrDecoderType> level2DecodersFor(Preprocessing p, int region) {
      return level2DecodersFor(p, region, 1);
    }

    /**
     * {@link #level2DecodersFor(Preprocessing, int)} for one of the strategy's images, {@code scale} its up-scaling
     * factor (1: not up-scaled): the default level-2 decoders get no image up-scaled by {@link
     * #LEVEL2_SKIPPED_UPSCALE}.
     */
    List<QrDecoderType> level2DecodersFor(Preprocessing p, int region, int scale) {
      Set<QrDecoderType> measured = (region < 0 ? LEVEL2_WHOLE_DECODERS : LEVEL2_REGION_DECODERS).get(p);
      List<QrDecoderType> out = new ArrayList<>();
      for (QrDecoderType t : level2Decoders) {
        if (scale == LEVEL2_SKIPPED_UPSCALE && DEFAULT_LEVEL2_DECODERS.contains(t)) {
          continue;
        }
        if (t == QrDecoderType.QRVID && (RESCALING.contains(p) || region >= QRVID_LEVEL2_REGIONS)) {
          continue;
        }
        if (t == QrDecoderType.BOOFCV && TONE_MAPS.contains(p)) {
          continue;
        }
        if (measured != null && DEFAULT_LEVEL2_DECODERS.contains(t) && !measured.contains(t)) {
          continue;
        }
        out.add(t);
      }
      return out;
    }

    /**
     * True when something was read and the loose finder-pattern candidates ({@link UnreadGroup#loose}) are more
     * than {@link UnreadGroup#TEXTURE_LOOSE}: texture, not symbols still unread, so {@link #level1All} stops (level
     * 2 never runs once something was read).
     */
    boolean texturedRead() {
      return !found.isEmpty() && UnreadGroup.loose(image) > UnreadGroup.TEXTURE_LOOSE;
    }

    /** True when qrvid read something and nothing in the image looks like a symbol still unread. */
    boolean nothingLeft() {
      return !found.isEmpty() && UnreadGroup.unread(image).isEmpty() && UnreadGroup.loose(image) < 2;
    }
  }

  private List<QrScanResult> run(Gray original, boolean colour, boolean all, long start) {
    return run(original, colour, all, start, null);
  }

  /**
   * {@link #scanAll(BufferedImage)} ({@code all}) or {@link #scan(BufferedImage)} that also reports what ran, for
   * tests and benchmarks: one entry per step ("qrvid", "crop boofcv 212x212", "whole zxing-hybrid 2800x2100",
   * "level2 CLAHE zxing-try-harder", "remote"), each followed by " @" and the milliseconds since the start.
   */
  List<QrScanResult> scanTraced(BufferedImage image, boolean all, List<String> trace) {
    return scanTraced(image, all, trace, null);
  }

  /**
   * {@link #scanTraced(BufferedImage, boolean, List)} with the scan's deadline given instead of taken from the time
   * budget (null: from the budget), for tests that bound the work done after it in units that do not depend on the
   * machine's speed (e.g. {@link Deadline#when}).
   */
  List<QrScanResult> scanTraced(BufferedImage image, boolean all, List<String> trace, @Nullable Deadline deadline) {
    long start = System.nanoTime();
    return stamp(run(Luma.of(image), Luma.isColour(image), all, start, trace, deadline), start);
  }

  private List<QrScanResult> run(Gray original, boolean colour, boolean all, long start,
      @Nullable List<String> traceOut) {
    return run(original, colour, all, start, traceOut, null);
  }

  private List<QrScanResult> run(Gray original, boolean colour, boolean all, long start,
      @Nullable List<String> traceOut, @Nullable Deadline deadline) {
    Scan scan = new Scan(original, colour, all, start, deadline);
    try {
      return run(scan, all);
    } finally {
      if (traceOut != null) {
        traceOut.addAll(scan.trace);
      }
    }
  }

  private List<QrScanResult> run(Scan scan, boolean all) {
    scan.chooseScale();
    List<QrDecoderType> pending = new ArrayList<>();
    for (QrDecoderType t : level1) {
      if (all && t == QrDecoderType.ZXING_PURE && level1.size() > 1) {
        continue; // it assumes one symbol filling the image; its answer would duplicate others'
      }
      pending.add(t);
    }
    if (all) {
      scan.level1All(pending);
    } else {
      for (QrDecoderType t : pending) {
        if (scan.deadline.expired() || scan.level1(t)) {
          break;
        }
      }
    }
    if (!scan.found.isEmpty()) {
      return sorted(scan.found);
    }
    Gray g = scan.image.scaled(scan.workingLevel());
    List<Preprocessing> base = scan.steps(scan.workingLevel());
    // no finder-pattern candidate confirmed on 4 rows anywhere (qrvid's search ran, at any level): nothing for
    // level 2 to rescue (UnreadGroup.LEVEL2_EVIDENCE_HITS)
    scan.unreadGroups();
    boolean evidence = UnreadGroup.anyFinder(scan.image);
    if (!evidence) {
      scan.note("no finder patterns on 4 rows: level 2 skipped; " + UnreadGroup.evidence(scan.image));
    } else {
      scan.note(UnreadGroup.evidence(scan.image));
    }
    // the regions around what qrvid saw but did not read first (small images: every strategy is cheap there),
    // then the whole working image
    List<Gray> images = new ArrayList<>();
    List<List<Preprocessing>> bases = new ArrayList<>();
    boolean regionIsWhole = false;
    if (evidence) {
      for (UnreadGroup v : scan.regions()) {
        if (images.size() >= MAX_LEVEL2_REGIONS) {
          break;
        }
        int k = 0;
        while (v.moduleSize / (1 << (k + 1)) >= 3 && scan.image.hasLevel(k + 1)) {
          k++;
        }
        Gray crop = scan.image.crop(k, v.x0, v.y0, v.x1, v.y1);
        // a first region that is the whole working image (small images) makes the whole-image passes repeat it
        // (the first: qrvid's reader sees no other region)
        regionIsWhole |= images.size() < QRVID_LEVEL2_REGIONS && k == scan.workingLevel() && crop.width == g.width
            && crop.height == g.height;
        images.add(crop);
        bases.add(scan.steps(k));
      }
    }
    images.add(g);
    bases.add(base);
    // two passes: every strategy on the regions (small images, cheap), then every strategy on the whole working
    // image; within a pass strategy by strategy, so the cheap, most useful strategies come first on every region.
    // Level 2 starts nothing after its share of the budget.
    Deadline level2End = Deadline.after(scan.start, (long) (timeBudget.toNanos() * LEVEL2_SHARE));
    int regions = images.size() - 1;
    List<List<Preprocessing>> groups = new ArrayList<>(List.of(new ArrayList<>(), new ArrayList<>()));
    for (Preprocessing p : evidence && !level2Decoders.isEmpty() ? level2 : List.<Preprocessing>of()) {
      groups.get(LEVEL2_FIRST.contains(p) ? 0 : 1).add(p);
    }
    // on the whole working image the first strategies that read nothing there come last (a stable sort)
    List<Preprocessing> wholeFirst = new ArrayList<>(groups.get(0));
    wholeFirst.sort(Comparator.comparing(WHOLE_LAST::contains));
    level2:
    for (int pass = 0; pass < 4; pass++) {
      for (Preprocessing p : pass == 1 ? wholeFirst : groups.get(pass / 2)) {
        boolean whole = pass % 2 == 1;
        if (whole && regionIsWhole) {
          continue;
        }
        for (int i = whole ? regions : 0; i < (whole ? images.size() : regions); i++) {
          if (scan.deadline.expired() || level2End.expired() || scan.level2Pixels.get() >= LEVEL2_PIXELS) {
            break level2;
          }
          if (scan.level2DecodersFor(p, whole ? -1 : i).isEmpty()) {
            continue; // no decoder would see this image: not made
          }
          // nor the 2x up-scaled image when only default decoders would be given it (LEVEL2_SKIPPED_UPSCALE)
          boolean byTwo = !scan.level2DecodersFor(p, whole ? -1 : i, LEVEL2_SKIPPED_UPSCALE).isEmpty();
          for (Variant v : variants(p, images.get(i), bases.get(i), byTwo)) {
            if (scan.level2(p, v, whole ? -1 : i, level2End)) {
              return sorted(scan.found);
            }
          }
        }
      }
    }
    if (remote != null && !Thread.currentThread().isInterrupted()) {
      scan.note("remote");
      QrScanResult r = remote.decodeGray(g);
      if (r != null) {
        scan.found.add(r);
      }
    }
    return scan.found;
  }

  /**
   * Strategy {@code p}'s images of {@code b}; {@code byTwo}: whether {@link Preprocessing#UPSCALE} makes its 2x image
   * (some decoder is given it, see {@link #LEVEL2_SKIPPED_UPSCALE}).
   */
  private static List<Variant> variants(Preprocessing p, Gray b, List<Preprocessing> steps, boolean byTwo) {
    switch (p) {
      case GREY:
      case RESIZE:
        return List.of();
      case GAMMA_DARKEN:
        return one(Filters.gamma(b, 2.0), steps, p);
      case GAMMA_BRIGHTEN:
        return one(Filters.gamma(b, 0.5), steps, p);
      case UPSCALE:
        if (b.longSide() >= 800) {
          return List.of();
        }
        List<Variant> up = new ArrayList<>();
        if (byTwo) {
          up.add(scaled(Filters.resize(b, b.width * 2, b.height * 2), steps, p, 2));
        }
        if (b.longSide() < 500) {
          up.add(scaled(Filters.resize(b, b.width * 3, b.height * 3), steps, p, 3));
        }
        return up;
      case DOWNSCALE:
        return b.longSide() < 160 ? List.of() : one(Filters.resize(b, b.width / 2, b.height / 2), steps, p);
      case ROTATE_SMALL:
        return List.of(rotated(b, 10, steps, p), rotated(b, 350, steps, p));
      case ROTATE_45:
        return List.of(rotated(b, 45, steps, p));
      case CLAHE:
        return one(Clahe.apply(b, 8, 8, 3.0), steps, p);
      case EQUALIZE:
        return one(Filters.equalize(b), steps, p);
      case OTSU:
        return one(Filters.otsu(b), steps, p);
      case SAUVOLA:
        return one(Filters.sauvola(b, Math.max(7, b.longSide() / 16), 0.3), steps, p);
      case UNSHARP:
        return one(Filters.unsharp(b, 2, 1.5), steps, p);
      case CLOSE:
        return one(Filters.close(b, 1), steps, p);
      case PAD:
        return one(Filters.pad(b, Math.max(8, b.longSide() / 8)), steps, p);
      case INVERT:
        return one(Filters.invert(b), steps, p);
      case ROTATE_RIGHT_ANGLES:
        return List.of(rotated(b, 90, steps, p), rotated(b, 180, steps, p), rotated(b, 270, steps, p));
      default:
        throw new AssertionError(p);
    }
  }

  private static List<Variant> one(Gray g, List<Preprocessing> steps, Preprocessing p) {
    return List.of(new Variant(g, then(steps, p), 0));
  }

  private static Variant scaled(Gray g, List<Preprocessing> steps, Preprocessing p, int scale) {
    return new Variant(g, then(steps, p), 0, scale);
  }

  private static Variant rotated(Gray g, double degrees, List<Preprocessing> steps, Preprocessing p) {
    return new Variant(Filters.rotate(g, degrees), then(steps, p), degrees);
  }

  /** A new list: {@code steps}, then {@code p}. */
  private static List<Preprocessing> then(List<Preprocessing> steps, Preprocessing p) {
    List<Preprocessing> s = new ArrayList<>(steps);
    s.add(p);
    return s;
  }

  private static QrScanResult toResult(Symbol s, int level, List<Preprocessing> steps, double rotation) {
    List<QrPoint> corners = new ArrayList<>();
    for (int i = 0; i + 1 < s.points.length; i += 2) {
      corners.add(new QrPoint(s.points[i], s.points[i + 1]));
    }
    ErrorCorrection ec = null;
    if (s.ecLevel != null) {
      try {
        ec = ErrorCorrection.valueOf(s.ecLevel);
      } catch (IllegalArgumentException e) {
        ec = null;
      }
    }
    return QrScanResult.builder(s.text, s.raw, typeOf(s.decoder)).level(level)
        .preprocessing(steps).rotationDegrees(rotation).corners(corners).version(s.version).errorCorrection(ec)
        .build();
  }

  /**
   * The same place: centres closer than half the larger symbol's diagonal (or no geometry on either side).
   */
  private static boolean samePlace(QrScanResult a, QrScanResult b) {
    if (a.corners().isEmpty() || b.corners().isEmpty()) {
      return true;
    }
    double reach = Math.max(diagonal(a), diagonal(b)) / 2;
    return distance(centre(a), centre(b)) < Math.max(reach, 4);
  }

  private static double diagonal(QrScanResult r) {
    List<QrPoint> c = r.corners();
    double d = 0;
    for (QrPoint p : c) {
      for (QrPoint q : c) {
        d = Math.max(d, distance(p, q));
      }
    }
    return d;
  }

  private static List<QrScanResult> sorted(List<QrScanResult> found) {
    found.sort((a, b) -> Double.compare(area(b), area(a)));
    return found;
  }

  private static QrPoint centre(QrScanResult r) {
    double x = 0;
    double y = 0;
    for (QrPoint p : r.corners()) {
      x += p.x();
      y += p.y();
    }
    int n = Math.max(1, r.corners().size());
    return new QrPoint(x / n, y / n);
  }

  private static double distance(QrPoint a, QrPoint b) {
    return Math.hypot(a.x() - b.x(), a.y() - b.y());
  }

  /** Polygon area by the shoelace formula (0 without corners). */
  private static double area(QrScanResult r) {
    List<QrPoint> c = r.corners();
    double s = 0;
    for (int i = 0; i < c.size(); i++) {
      QrPoint p = c.get(i);
      QrPoint q = c.get((i + 1) % c.size());
      s += p.x() * q.y() - q.x() * p.y();
    }
    return Math.abs(s) / 2;
  }

  private static QrDecoderType typeOf(String id) {
    for (QrDecoderType t : QrDecoderType.values()) {
      if (t.id().equals(id)) {
        return t;
      }
    }
    throw new AssertionError("unknown decoder id " + id);
  }

  private static Gray lumaGray(byte[] luma, int width, int height) {
    Objects.requireNonNull(luma, "luma == null");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("width and height must be positive: " + width + "x" + height);
    }
    if (luma.length < (long) width * height) {
      throw new IllegalArgumentException("luma.length " + luma.length + " < " + width + "*" + height);
    }
    return new Gray(luma, width, height);
  }

  /** Configures a {@link QrDecodeChain}. Mutable and not thread-safe; {@link #build()} may be called repeatedly. */
  public static final class Builder {
    private List<QrDecoderType> level1 = DEFAULT_LEVEL1;
    private List<Preprocessing> level2 = DEFAULT_LEVEL2;
    private List<QrDecoderType> level2Decoders = DEFAULT_LEVEL2_DECODERS;
    private @Nullable RemoteQrDecoder remote;
    private Duration timeBudget = Duration.ofMillis(1500);
    private long maxPixels = 50_000_000L;
    private int workers = Math.min(2, Runtime.getRuntime().availableProcessors());
    private @Nullable Executor executor;

    private Builder() {}

    private Builder(QrDecodeChain c) {
      level1 = c.level1;
      level2 = c.level2;
      level2Decoders = c.level2Decoders;
      remote = c.remote;
      timeBudget = c.timeBudget;
      maxPixels = c.maxPixels;
      workers = c.workers;
      executor = c.executor;
    }

    /**
     * The level-1 decoders, in the order tried (default {@link QrDecodeChain#DEFAULT_LEVEL1}); none disables level 1.
     *
     * @param decoders the decoders, each tried on the image as given
     * @return this builder
     * @throws NullPointerException if an element is null
     * @throws IllegalArgumentException if {@link QrDecoderType#REMOTE} is given (see {@link #remoteFallback})
     */
    public Builder level1(QrDecoderType... decoders) {
      this.level1 = local(decoders);
      return this;
    }

    /**
     * The level-2 strategies, in the order tried (default {@link QrDecodeChain#DEFAULT_LEVEL2}); none disables level 2.
     *
     * @param strategies the preprocessing strategies, each producing images for the level-2 decoders
     * @return this builder
     * @throws NullPointerException if an element is null
     */
    public Builder level2(Preprocessing... strategies) {
      this.level2 = List.copyOf(Arrays.asList(strategies));
      return this;
    }

    /**
     * The decoders retried on each level-2 image, in order (default {@link QrDecodeChain#DEFAULT_LEVEL2_DECODERS}).
     *
     * @param decoders the decoders tried on each preprocessed image
     * @return this builder
     * @throws NullPointerException if an element is null
     * @throws IllegalArgumentException if {@link QrDecoderType#REMOTE} is given (see {@link #remoteFallback})
     */
    public Builder level2Decoders(QrDecoderType... decoders) {
      this.level2Decoders = local(decoders);
      return this;
    }

    private static List<QrDecoderType> local(QrDecoderType... decoders) {
      List<QrDecoderType> l = List.copyOf(Arrays.asList(decoders));
      if (l.contains(QrDecoderType.REMOTE)) {
        throw new IllegalArgumentException("REMOTE is the level-3 fallback: use remoteFallback(...)");
      }
      return l;
    }

    /**
     * The level-3 remote fallback, or null for none (default).
     *
     * @param remote the decode service asked when levels 1 and 2 find nothing, or null; the caller keeps ownership
     * @return this builder
     */
    public Builder remoteFallback(@Nullable RemoteQrDecoder remote) {
      this.remote = remote;
      return this;
    }

    /**
     * The wall-time budget for levels 1 and 2 of one scan (default 1500 ms), checked between steps and inside every
     * decoder, so a scan overruns it by at most one decoder's unit of work per worker (see the class description for
     * the units and the overshoot measured).
     *
     * @param budget the budget, positive
     * @return this builder
     * @throws NullPointerException if null
     * @throws IllegalArgumentException if not positive
     */
    public Builder timeBudget(Duration budget) {
      Objects.requireNonNull(budget, "budget == null");
      if (budget.isNegative() || budget.isZero()) {
        throw new IllegalArgumentException("timeBudget not positive: " + budget);
      }
      this.timeBudget = budget;
      return this;
    }

    /**
     * The largest image, in pixels (width times height), accepted from encoded bytes and files (default
     * 50,000,000): the image-size limit of docs/VOCABULARY.md, checked from the header before any pixel is decoded.
     * The working scale is not configured: the chain chooses it from the finder patterns in the image.
     *
     * @param pixels the limit in pixels, positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxPixels(long pixels) {
      if (pixels <= 0) {
        throw new IllegalArgumentException("maxPixels not positive: " + pixels);
      }
      this.maxPixels = pixels;
      return this;
    }

    /**
     * How many threads one scan may keep busy (default: 2, or 1 on a single-core machine): in {@link #scanAll},
     * after qrvid's own reader, the remaining level-1 decoders run this many side by side on the whole image; in
     * level 2 (both {@link #scan} and {@link #scanAll}) the level-2 decoders run this many side by side on each
     * preprocessed image. Level 1 of {@link #scan} always runs its decoders one after the other (cheapest first,
     * stopping at the first symbol). 1 runs everything on the calling thread; a caller that scans many images at
     * once (one per core) should use 1.
     *
     * @param workers the thread count, 1 or more
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder workers(int workers) {
      if (workers < 1) {
        throw new IllegalArgumentException("workers < 1: " + workers);
      }
      this.workers = workers;
      return this;
    }

    /**
     * Where the extra threads of {@link #workers(int)} come from (default: a shared pool of daemon threads, one per
     * core). The calling thread always does part of the work, and runs any task the executor has not started by
     * the time it is free, so a saturated executor slows a scan down but cannot deadlock it.
     *
     * @param executor runs the extra work; the caller keeps ownership
     * @return this builder
     * @throws NullPointerException if null
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor == null");
      return this;
    }

    /**
     * Builds an immutable chain.
     *
     * @return the chain; immutable and thread-safe, the builder can be reused
     * @throws IllegalStateException if no level is enabled
     */
    public QrDecodeChain build() {
      if (level1.isEmpty() && (level2.isEmpty() || level2Decoders.isEmpty()) && remote == null) {
        throw new IllegalStateException("no decode level enabled");
      }
      return new QrDecodeChain(this);
    }
  }
}
