package io.qrvid.core;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import io.qrvid.core.internal.FastSymbolEncoder;
import io.qrvid.core.internal.GrayImages;
import io.qrvid.core.internal.OrderedPipeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Encodes byte contents as QR symbols and renders them into frames: whole pixels per module, a white quiet zone,
 * one or several symbols per frame as set by a {@link FrameLayout}, written as 8-bit grey levels (0 = dark module,
 * 255 = light) straight into a luma plane. No {@code BufferedImage}, PNG or colour conversion is involved, so the
 * plane can be the Y plane of a video encoder's picture.
 *
 * <p>Contents go into QR byte mode as raw bytes (each byte one ISO-8859-1 character, no ECI segment), never
 * base64.
 *
 * <pre>{@code
 * QrFrameGenerator gen = QrFrameGenerator.builder()
 *     .layout(FrameLayout.builder().version(40).modulePixels(2).build())
 *     .maskPolicy(MaskPolicy.fixed(0))
 *     .build();
 * byte[] luma = gen.renderFrame(List.of(content));   // frameWidth * frameHeight bytes
 * }</pre>
 *
 * <p>Bulk generation: {@link #frames(Iterable)} streams {@link QrFrame}s in index order, rendered ahead by
 * {@link Builder#workers(int) workers} within a bounded window, so memory stays bounded whatever the input size;
 * {@link #writeFolder(Iterable, Path)} writes a folder of PNG frames {@code frame_000000.png}, ... Each symbol
 * payload is one element of the input; consecutive groups of {@link FrameLayout#symbolsPerFrame()} payloads form a
 * frame (the last frame may be partly filled). A frame whose payload cannot be encoded is reported in
 * {@link GenerationStats} with its index and reason; the other frames still succeed.
 *
 * <pre>{@code
 * try (QrFrameGenerator gen = QrFrameGenerator.builder()
 *     .version(15).errorCorrection(ErrorCorrection.M)
 *     .frameSize(512, 512)                 // largest whole module size that fits, centred
 *     .maskPolicy(MaskPolicy.fixed(0))     // skip the mask search (default: the best mask, nearly as fast)
 *     .workers(2)
 *     .build();
 *     FrameStream frames = gen.textFrames(lines)) {
 *   frames.forEachRemaining(f -> consume(f.index(), f.luma()));
 *   System.out.println(frames.stats());
 * }
 * }</pre>
 *
 * <p>Defaults: {@link FrameLayout#defaults()}, {@link MaskPolicy#searchBest()}, frame size from the layout,
 * {@link Runtime#availableProcessors()} workers, an in-flight window of twice the workers. Instances are immutable
 * and thread-safe; rendering calls may run concurrently on different planes. The single-frame methods run on the
 * calling thread; the bulk methods run on the caller's {@link Builder#executor(Executor) executor} or on a bounded
 * pool of daemon threads that the generator creates on first use and shuts down in {@link #close()}.
 */
public final class QrFrameGenerator implements AutoCloseable {
  /** Grey level of a dark module. */
  public static final int DARK = 0;
  /** Grey level of a light module and of the quiet zone. */
  public static final int LIGHT = 255;

  private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

  private final FrameLayout layout;
  private final MaskPolicy maskPolicy;
  private final int frameWidth;
  private final int frameHeight;
  private final int requestedWidth;
  private final int requestedHeight;
  private final int originX;
  private final int originY;
  private final int workers;
  private final @Nullable Executor executor;
  private final boolean sequential;
  private final int inFlightFrames;
  private final int requestedInFlight;
  private final FrameProgressListener progressListener;
  private final Object poolLock = new Object();
  private final int dark;
  private final int light;
  private @Nullable ExecutorService ownPool;
  private boolean closed;

  private QrFrameGenerator(Builder b, FrameLayout layout) {
    this.layout = layout;
    this.dark = b.dark;
    this.light = b.light;
    this.maskPolicy = b.maskPolicy;
    this.requestedWidth = b.frameWidth;
    this.requestedHeight = b.frameHeight;
    this.frameWidth = b.frameWidth > 0 ? b.frameWidth : layout.frameWidth();
    this.frameHeight = b.frameHeight > 0 ? b.frameHeight : layout.frameHeight();
    this.originX = b.frameWidth > 0 ? (frameWidth - layout.columns() * layout.cellPixels()) / 2 : 0;
    this.originY = b.frameHeight > 0 ? (frameHeight - layout.rows() * layout.cellPixels()) / 2 : 0;
    this.workers = b.workers;
    this.executor = b.executor;
    this.sequential = b.sequential;
    this.requestedInFlight = b.inFlightFrames;
    this.inFlightFrames = b.inFlightFrames > 0 ? b.inFlightFrames : 2 * (b.executor != null
        ? Runtime.getRuntime().availableProcessors() : b.workers);
    this.progressListener = b.progressListener;
  }

  /**
   * Starts configuring a generator.
   *
   * @return a new builder with the defaults listed on this class
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts configuring a generator like this one; the new builder does not affect this generator.
   *
   * @return a new builder holding this generator's settings (the requested frame size, not the fitted one)
   */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /**
   * The frame layout used for every frame; with a {@link Builder#frameSize(int, int) frame size} its module size is
   * the fitted one.
   *
   * @return the layout, never null
   */
  public FrameLayout layout() {
    return layout;
  }

  /** {@return the grey level of dark modules, 0..254 (default {@value #DARK})} */
  public int darkLevel() {
    return dark;
  }

  /** {@return the grey level of light modules and of the quiet zone, 1..255 (default {@value #LIGHT})} */
  public int lightLevel() {
    return light;
  }

  /** {@return the mask policy (default {@link MaskPolicy#searchBest()})} */
  public MaskPolicy maskPolicy() {
    return maskPolicy;
  }

  /**
   * The width in pixels of the frames of the bulk methods ({@link #frames}, {@link #writeFolder}): the
   * {@link Builder#frameSize(int, int) requested frame size}, or the layout's frame width.
   *
   * @return the bulk frame width in pixels, 1..8192
   */
  public int frameWidth() {
    return frameWidth;
  }

  /**
   * The height in pixels of the frames of the bulk methods; see {@link #frameWidth()}.
   *
   * @return the bulk frame height in pixels, 1..8192
   */
  public int frameHeight() {
    return frameHeight;
  }

  /**
   * The pixel offset of the layout's top-left corner within a bulk frame: 0 without a fixed frame size, else the
   * left margin that centres the symbol grid. Add it to {@link FrameLayout#symbolX(int)} to locate a symbol.
   *
   * @return the left margin in pixels, 0 or more
   */
  public int originX() {
    return originX;
  }

  /** {@return the top margin in pixels of the layout within a bulk frame, 0 or more; see {@link #originX()}} */
  public int originY() {
    return originY;
  }

  /**
   * The number of worker threads of the generator's own pool (unused with a caller's executor or sequentially).
   *
   * @return the worker count, 1..256 (default {@link Runtime#availableProcessors()})
   */
  public int workers() {
    return workers;
  }

  /** {@return true when bulk methods run every frame on the calling thread, one at a time (for debugging)} */
  public boolean sequential() {
    return sequential;
  }

  /**
   * The largest number of frames rendered ahead of the consumer by the bulk methods (1 when sequential).
   *
   * @return the in-flight window in frames, the requested one or twice the workers (twice the available processors
   *     with a caller's executor)
   */
  public int inFlightFrames() {
    return inFlightFrames;
  }

  /**
   * Encodes one symbol's content to its module matrix, {@code symbolModules()} square, row-major, {@code true} for
   * dark modules (quiet zone not included). Uses qrvid's own byte-mode encoder when it applies and ZXing's
   * {@code Encoder} otherwise; both give the same symbol for the same mask. Runs on the calling thread.
   *
   * @param content the raw bytes of the symbol, in byte mode (one ISO-8859-1 character per byte)
   * @return a new array of {@code symbolModules() * symbolModules()} modules, {@code true} for dark
   * @throws NullPointerException if {@code content} is null
   * @throws QrEncodingException if the content does not fit the layout's version and level (its
   *     {@link QrEncodingException#symbolNumber()} is -1)
   */
  public boolean[] encodeModules(byte[] content) {
    Objects.requireNonNull(content, "content == null");
    if (FastSymbolEncoder.isByteMode(content)) {
      try {
        ErrorCorrectionLevel level = FrameLayout.zxingLevel(layout.errorCorrection());
        Optional<boolean[]> fast = maskPolicy.isFixed()
            ? FastSymbolEncoder.encode(content, layout.version(), level, maskPolicy.pattern())
            : FastSymbolEncoder.encodeBestMask(content, layout.version(), level)
                .map(FastSymbolEncoder.MaskedSymbol::modules);
        if (fast.isPresent()) {
          return fast.get();
        }
      } catch (IllegalArgumentException e) {
        throw tooLarge(content, e);
      }
    }
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    hints.put(EncodeHintType.QR_VERSION, layout.version());
    if (maskPolicy.isFixed()) {
      hints.put(EncodeHintType.QR_MASK_PATTERN, maskPolicy.pattern());
    }
    QRCode code;
    try {
      code = Encoder.encode(new String(content, StandardCharsets.ISO_8859_1),
          FrameLayout.zxingLevel(layout.errorCorrection()), hints);
    } catch (WriterException e) {
      throw tooLarge(content, e);
    }
    return FastSymbolEncoder.toModules(code.getMatrix());
  }

  private QrEncodingException tooLarge(byte[] content, Exception cause) {
    return new QrEncodingException("cannot encode " + content.length + " bytes as a version " + layout.version()
        + "-" + layout.errorCorrection() + " symbol (capacity " + layout.symbolCapacity() + "): "
        + cause.getMessage(), -1, cause);
  }

  /**
   * Renders a whole frame into a new luma plane of {@code frameWidth * frameHeight} bytes, no row padding.
   *
   * @param contents one content per slot, at most {@link FrameLayout#symbolsPerFrame()}; empty slots stay white
   * @return a new row-major plane of {@link FrameLayout#frameWidth()} x {@link FrameLayout#frameHeight()} grey
   *     levels
   * @throws IllegalArgumentException if there are more contents than slots
   * @throws QrEncodingException if a content does not fit a symbol
   */
  public byte[] renderFrame(List<byte[]> contents) {
    byte[] luma = new byte[layout.frameWidth() * layout.frameHeight()];
    renderFrame(contents, luma, 0, layout.frameWidth());
    return luma;
  }

  /**
   * Renders a whole frame into an existing luma plane, such as a video picture's Y plane with row padding. Only
   * the frame's pixels are written; row padding beyond {@link FrameLayout#frameWidth()} is left alone.
   *
   * @param contents one content per slot, at most {@link FrameLayout#symbolsPerFrame()}; empty slots stay white
   * @param plane the destination; every pixel of the frame is written
   * @param offset index of the frame's top-left pixel in {@code plane}
   * @param stride bytes from one row to the next, at least {@link FrameLayout#frameWidth()}
   * @throws IllegalArgumentException if there are more contents than slots, or the plane is too small
   * @throws QrEncodingException if a content does not fit a symbol
   */
  public void renderFrame(List<byte[]> contents, byte[] plane, int offset, int stride) {
    if (contents.size() > layout.symbolsPerFrame()) {
      throw new IllegalArgumentException(contents.size() + " contents for " + layout.symbolsPerFrame() + " slots");
    }
    int w = layout.frameWidth();
    int h = layout.frameHeight();
    if (stride < w || offset < 0 || (long) offset + (long) stride * (h - 1) + w > plane.length) {
      throw new IllegalArgumentException("plane too small for " + w + "x" + h + " at stride " + stride);
    }
    for (int y = 0; y < h; y++) {
      Arrays.fill(plane, offset + y * stride, offset + y * stride + w, (byte) light);
    }
    for (int slot = 0; slot < contents.size(); slot++) {
      drawModules(encodeModules(contents.get(slot)), plane, offset, stride, slot);
    }
  }

  /**
   * Renders one frame of the bulk methods: a new plane of {@link #frameWidth()} x {@link #frameHeight()} bytes with
   * the layout centred in it. Runs on the calling thread.
   *
   * @param index the frame number recorded in the result and in an error's message, 0 or more
   * @param contents one content per slot, at most {@link FrameLayout#symbolsPerFrame()}; empty slots stay white
   * @return the rendered frame
   * @throws IllegalArgumentException if there are more contents than slots
   * @throws QrEncodingException if a content does not fit a symbol; its {@link QrEncodingException#symbolNumber()} is
   *     the payload's index {@code index * symbolsPerFrame() + slot}
   */
  public QrFrame render(int index, List<byte[]> contents) {
    if (contents.size() > layout.symbolsPerFrame()) {
      throw new IllegalArgumentException(contents.size() + " contents for " + layout.symbolsPerFrame() + " slots");
    }
    boolean[][] symbols = new boolean[contents.size()][];
    for (int slot = 0; slot < symbols.length; slot++) {
      try {
        symbols[slot] = encodeModules(contents.get(slot));
      } catch (QrEncodingException e) {
        throw new QrEncodingException("frame " + index + " slot " + slot + ": " + e.getMessage(),
            index * layout.symbolsPerFrame() + slot, e.getCause());
      }
    }
    byte[] plane = new byte[frameWidth * frameHeight];
    Arrays.fill(plane, (byte) light);
    int offset = originY * frameWidth + originX;
    for (int slot = 0; slot < symbols.length; slot++) {
      drawModules(symbols[slot], plane, offset, frameWidth, slot);
    }
    return new QrFrame(index, plane, frameWidth, frameHeight);
  }

  /**
   * Streams the frames of {@code payloads} (one element per symbol) in index order; see {@link FrameStream}. The
   * payloads are read lazily on the consuming thread, a window ahead. Close the stream when stopping early.
   * Progress totals are the number of frames when {@code payloads} is a {@link Collection}, else -1.
   *
   * @param payloads the symbol payloads, {@link FrameLayout#symbolsPerFrame()} per frame; no element may be null
   * @return an open stream that the caller closes; a frame that fails to encode is reported in its statistics
   * @throws NullPointerException if {@code payloads} is null (a null element fails the stream when reached)
   * @throws IllegalStateException if the generator is closed and has no caller's executor and is not sequential
   */
  public FrameStream frames(Iterable<byte[]> payloads) {
    Objects.requireNonNull(payloads, "payloads == null");
    return frames(payloads.iterator(), expectedFrames(payloads));
  }

  /**
   * Like {@link #frames(Iterable)} for an iterator of unknown length (progress totals are reported as -1).
   *
   * @param payloads the symbol payloads, read lazily on the consuming thread; no element may be null
   * @return an open stream that the caller closes
   * @throws NullPointerException if {@code payloads} is null
   * @throws IllegalStateException if the generator is closed and has no caller's executor and is not sequential
   */
  public FrameStream frames(Iterator<byte[]> payloads) {
    Objects.requireNonNull(payloads, "payloads == null");
    return frames(payloads, -1);
  }

  /**
   * Like {@link #frames(Iterable)} with text payloads, each encoded as UTF-8 bytes.
   *
   * @param payloads the symbol payloads as text; no element may be null
   * @return an open stream that the caller closes
   * @throws NullPointerException if {@code payloads} is null
   * @throws IllegalStateException if the generator is closed and has no caller's executor and is not sequential
   */
  public FrameStream textFrames(Iterable<String> payloads) {
    Objects.requireNonNull(payloads, "payloads == null");
    return frames(utf8(payloads.iterator()), expectedFrames(payloads));
  }

  private FrameStream frames(Iterator<byte[]> payloads, long expected) {
    OrderedPipeline<List<byte[]>, Object> p = new OrderedPipeline<>(groups(payloads), this::renderOrFailure,
        bulkExecutor(), sequential ? 1 : inFlightFrames);
    return new FrameStream(p, progressListener, expected);
  }

  private Object renderOrFailure(int index, List<byte[]> contents) {
    try {
      return render(index, contents);
    } catch (RuntimeException e) {
      return new FrameFailure(index, String.valueOf(e.getMessage()));
    }
  }

  /**
   * Writes the frames of {@code payloads} (one element per symbol) as 8-bit grey PNG files
   * {@code frame_000000.png}, {@code frame_000001.png}, ... into {@code folder}, creating it if needed. Frames are
   * rendered and written by the workers; each file is written under a temporary name and moved into place, so no
   * partly written frame carries a final name. Existing files are overwritten but not deleted (see
   * {@link FrameFolder#clean(Path)}). Blocks until all frames are done.
   *
   * @param payloads the symbol payloads, {@link FrameLayout#symbolsPerFrame()} per frame; no element may be null
   * @param folder the destination folder, created with its parents if missing
   * @return the statistics; a frame that failed to encode or to be written is listed with its index and reason
   * @throws NullPointerException if an argument or a payload is null
   * @throws IllegalStateException if the generator is closed and has no caller's executor and is not sequential
   * @throws IOException if the folder cannot be created
   */
  public GenerationStats writeFolder(Iterable<byte[]> payloads, Path folder) throws IOException {
    Objects.requireNonNull(payloads, "payloads == null");
    return writeFolder(payloads.iterator(), expectedFrames(payloads), folder);
  }

  /**
   * Like {@link #writeFolder(Iterable, Path)} with text payloads, each encoded as UTF-8 bytes.
   *
   * @param payloads the symbol payloads as text; no element may be null
   * @param folder the destination folder, created with its parents if missing
   * @return the statistics; a frame that failed is listed with its index and reason
   * @throws NullPointerException if an argument or a payload is null
   * @throws IllegalStateException if the generator is closed and has no caller's executor and is not sequential
   * @throws IOException if the folder cannot be created
   */
  public GenerationStats writeTextFolder(Iterable<String> payloads, Path folder) throws IOException {
    Objects.requireNonNull(payloads, "payloads == null");
    return writeFolder(utf8(payloads.iterator()), expectedFrames(payloads), folder);
  }

  /**
   * Writes only frames {@code frames.first()..frames.last()} of the frames of {@code payloads} (one element per
   * symbol, {@link FrameLayout#symbolsPerFrame()} per frame) into {@code folder}, each named by its absolute frame
   * number ({@code frame_000500.png} for frame 500), as {@link #writeFolder(Iterable, Path)} writes them: the same
   * files, byte for byte, as a whole-folder write. Several ranges of one payload list may be written by different
   * generators, threads or machines into one folder (see {@link FrameBatch}); the ranges' files never collide.
   *
   * <pre>{@code
   * FrameBatch.Summary<GenerationStats> s = FrameBatch.builder(0, frameCount - 1,
   *         (range, context) -> generator.writeFolder(payloads, range, folder))
   *     .workers(4).build().run();
   * }</pre>
   *
   * @param payloads all the symbol payloads of the whole frame sequence (not just this range's); read with
   *     {@link List#subList}, so a random-access list is best
   * @param frames the inclusive, 0-based range of frame numbers to write
   * @param folder the destination folder, created with its parents if missing
   * @return the statistics of this range; a frame that failed is listed with its absolute index and reason
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the range holds a frame beyond the last frame of {@code payloads}
   * @throws IllegalStateException if the generator is closed and has no caller's executor and is not sequential
   * @throws IOException if the folder cannot be created
   */
  public GenerationStats writeFolder(List<byte[]> payloads, FrameRanges.Range frames, Path folder)
      throws IOException {
    Objects.requireNonNull(payloads, "payloads == null");
    Objects.requireNonNull(frames, "frames == null");
    Objects.requireNonNull(folder, "folder == null");
    int spf = layout.symbolsPerFrame();
    long frameCount = (payloads.size() + (long) spf - 1) / spf;
    if (frames.first() < 0 || frames.last() >= frameCount) {
      throw new IllegalArgumentException("frames " + frames + " are not all among the " + frameCount
          + " frames of " + payloads.size() + " payloads" + (frameCount > 0 ? " (0.." + (frameCount - 1) + ")" : ""));
    }
    Files.createDirectories(folder);
    long start = System.nanoTime();
    List<FrameFailure> failures = new ArrayList<>();
    int done = 0;
    int ok = 0;
    Iterator<Integer> numbers = new Iterator<>() {
      private long next = frames.first();

      @Override
      public boolean hasNext() {
        return next <= frames.last();
      }

      @Override
      public Integer next() {
        if (next > frames.last()) {
          throw new NoSuchElementException();
        }
        return (int) next++;
      }
    };
    try (OrderedPipeline<Integer, Object> p = new OrderedPipeline<>(numbers, (i, frame) -> writeOrFailure(frame,
        payloads.subList(frame * spf, (int) Math.min((long) frame * spf + spf, payloads.size())), folder),
        bulkExecutor(), sequential ? 1 : inFlightFrames)) {
      while (p.hasNext()) {
        Object r = p.next();
        done++;
        if (r instanceof FrameFailure) {
          failures.add((FrameFailure) r);
        } else {
          ok++;
        }
        progressListener.onProgress(done, frames.size());
      }
    }
    return new GenerationStats(done, ok, Duration.ofNanos(System.nanoTime() - start), failures);
  }

  /**
   * Like {@link #writeFolder(List, FrameRanges.Range, Path)} with text payloads, each encoded as UTF-8 bytes when
   * its frame is rendered.
   *
   * @param payloads all the symbol payloads of the whole frame sequence as text
   * @param frames the inclusive, 0-based range of frame numbers to write
   * @param folder the destination folder, created with its parents if missing
   * @return the statistics of this range; a frame that failed is listed with its absolute index and reason
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the range holds a frame beyond the last frame of {@code payloads}
   * @throws IllegalStateException if the generator is closed and has no caller's executor and is not sequential
   * @throws IOException if the folder cannot be created
   */
  public GenerationStats writeTextFolder(List<String> payloads, FrameRanges.Range frames, Path folder)
      throws IOException {
    Objects.requireNonNull(payloads, "payloads == null");
    return writeFolder(new java.util.AbstractList<byte[]>() {
      @Override
      public byte[] get(int i) {
        return payloads.get(i).getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public int size() {
        return payloads.size();
      }
    }, frames, folder);
  }

  private GenerationStats writeFolder(Iterator<byte[]> payloads, long expected, Path folder) throws IOException {
    Objects.requireNonNull(folder, "folder == null");
    Files.createDirectories(folder);
    long start = System.nanoTime();
    List<FrameFailure> failures = new ArrayList<>();
    int done = 0;
    int ok = 0;
    try (OrderedPipeline<List<byte[]>, Object> p = new OrderedPipeline<>(groups(payloads),
        (index, contents) -> writeOrFailure(index, contents, folder), bulkExecutor(),
        sequential ? 1 : inFlightFrames)) {
      while (p.hasNext()) {
        Object r = p.next();
        done++;
        if (r instanceof FrameFailure) {
          failures.add((FrameFailure) r);
        } else {
          ok++;
        }
        progressListener.onProgress(done, expected);
      }
    }
    return new GenerationStats(done, ok, Duration.ofNanos(System.nanoTime() - start), failures);
  }

  private Object writeOrFailure(int index, List<byte[]> contents, Path folder) {
    try {
      QrFrame f = render(index, contents);
      f.writePng(folder.resolve(FrameFolder.fileName(index)));
      return Boolean.TRUE;
    } catch (IOException e) {
      return new FrameFailure(index, "cannot write " + FrameFolder.fileName(index) + ": " + e);
    } catch (RuntimeException e) {
      return new FrameFailure(index, String.valueOf(e.getMessage()));
    }
  }

  /**
   * Convenience: writes one PNG frame per text into {@code folder} ({@code frame_000000.png}, ...) as standard QR
   * codes that phone scanners read: error correction M, the best mask, 4 pixels per module, a 4-module quiet zone,
   * and the smallest version that holds the longest text as UTF-8. Runs on a temporary pool of at most
   * {@link Runtime#availableProcessors()} threads that is shut down before returning.
   *
   * @param texts the texts, one symbol and one frame each, in order
   * @param folder the destination folder, created with its parents if missing
   * @return the statistics; a frame that failed to be written is listed with its index and reason
   * @throws IllegalArgumentException if {@code texts} is empty or a text exceeds 2331 UTF-8 bytes (version 40-M)
   * @throws IOException if the folder cannot be created
   */
  public static GenerationStats textsToFolder(List<String> texts, Path folder) throws IOException {
    if (texts.isEmpty()) {
      throw new IllegalArgumentException("texts is empty");
    }
    int longest = 0;
    for (String t : texts) {
      longest = Math.max(longest, t.getBytes(StandardCharsets.UTF_8).length);
    }
    int version = 1;
    while (version < 40 && FrameLayout.capacity(version, ErrorCorrection.M) < longest) {
      version++;
    }
    if (FrameLayout.capacity(version, ErrorCorrection.M) < longest) {
      throw new IllegalArgumentException("a text of " + longest + " UTF-8 bytes exceeds a version 40-M symbol");
    }
    FrameLayout layout = FrameLayout.builder().version(version).errorCorrection(ErrorCorrection.M).modulePixels(4)
        .quietZone(4).build();
    try (QrFrameGenerator gen = builder().layout(layout).build()) {
      return gen.writeTextFolder(texts, folder);
    }
  }

  private long expectedFrames(Iterable<?> payloads) {
    if (payloads instanceof Collection) {
      long n = ((Collection<?>) payloads).size();
      return (n + layout.symbolsPerFrame() - 1) / layout.symbolsPerFrame();
    }
    return -1;
  }

  private static Iterator<byte[]> utf8(Iterator<String> texts) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return texts.hasNext();
      }

      @Override
      public byte[] next() {
        return texts.next().getBytes(StandardCharsets.UTF_8);
      }
    };
  }

  private Iterator<List<byte[]>> groups(Iterator<byte[]> payloads) {
    int n = layout.symbolsPerFrame();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return payloads.hasNext();
      }

      @Override
      public List<byte[]> next() {
        if (!payloads.hasNext()) {
          throw new NoSuchElementException();
        }
        List<byte[]> group = new ArrayList<>(n);
        while (group.size() < n && payloads.hasNext()) {
          group.add(Objects.requireNonNull(payloads.next(), "null payload"));
        }
        return group;
      }
    };
  }

  private Executor bulkExecutor() {
    if (sequential) {
      return Runnable::run;
    }
    if (executor != null) {
      return executor;
    }
    synchronized (poolLock) {
      if (closed) {
        throw new IllegalStateException("generator closed");
      }
      if (ownPool == null) {
        int pool = POOL_NUMBER.incrementAndGet();
        AtomicInteger thread = new AtomicInteger();
        ThreadPoolExecutor tpe = new ThreadPoolExecutor(workers, workers, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
              Thread t = new Thread(r, "qrvid-frames-" + pool + "-" + thread.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
        tpe.allowCoreThreadTimeOut(true);
        ownPool = tpe;
      }
      return ownPool;
    }
  }

  /**
   * Shuts down the worker pool the generator created for its bulk methods, if any; the caller's executor is left
   * alone. Running frames finish. Afterwards the single-frame methods still work, and the bulk methods throw
   * {@link IllegalStateException} unless the generator is sequential or uses a caller's executor. Idempotent.
   */
  @Override
  public void close() {
    synchronized (poolLock) {
      closed = true;
      if (ownPool != null) {
        ownPool.shutdown();
      }
    }
  }

  /**
   * Draws an encoded module matrix into {@code slot} of a frame that is already white (light): each module becomes
   * a square of {@link FrameLayout#modulePixels()} pixels at the dark or light level. The quiet zone is not drawn.
   *
   * @param modules a matrix from {@link #encodeModules(byte[])}: {@code symbolModules()} squared, row-major
   * @param plane the destination luma plane
   * @param offset index in {@code plane} of the layout's top-left pixel
   * @param stride bytes from one row to the next
   * @param slot the symbol's slot in the layout's grid, 0-based, row by row
   * @throws IllegalArgumentException if {@code modules} has the wrong length
   * @throws ArrayIndexOutOfBoundsException if the plane is too small for the slot at this offset and stride
   */
  public void drawModules(boolean[] modules, byte[] plane, int offset, int stride, int slot) {
    int n = layout.symbolModules();
    if (modules.length != n * n) {
      throw new IllegalArgumentException("modules.length " + modules.length + " != " + n + "^2");
    }
    int px = layout.modulePixels();
    int x0 = layout.symbolX(slot);
    int y0 = layout.symbolY(slot);
    byte[] row = new byte[n * px];
    for (int my = 0; my < n; my++) {
      for (int mx = 0; mx < n; mx++) {
        Arrays.fill(row, mx * px, mx * px + px, modules[my * n + mx] ? (byte) dark : (byte) light);
      }
      int base = offset + (y0 + my * px) * stride + x0;
      for (int r = 0; r < px; r++) {
        System.arraycopy(row, 0, plane, base + r * stride, row.length);
      }
    }
  }

  /** Configures a {@link QrFrameGenerator}. Mutable and not thread-safe. */
  public static final class Builder {
    private FrameLayout.Builder layout = FrameLayout.builder();
    private MaskPolicy maskPolicy = MaskPolicy.searchBest();
    private int dark = DARK;
    private int light = LIGHT;
    private int frameWidth;
    private int frameHeight;
    private int workers = Runtime.getRuntime().availableProcessors();
    private @Nullable Executor executor;
    private boolean sequential;
    private int inFlightFrames;
    private FrameProgressListener progressListener = FrameProgressListener.NONE;

    private Builder() {}

    private Builder(QrFrameGenerator g) {
      layout = g.layout.newBuilder();
      maskPolicy = g.maskPolicy;
      frameWidth = g.requestedWidth;
      frameHeight = g.requestedHeight;
      workers = g.workers;
      executor = g.executor;
      sequential = g.sequential;
      inFlightFrames = g.requestedInFlight;
      progressListener = g.progressListener;
      dark = g.dark;
      light = g.light;
    }

    /**
     * The frame layout (default {@link FrameLayout#defaults()}). Replaces every layout setting made so far
     * ({@link #version}, {@link #modulePixels}, ...); later calls to those adjust it.
     *
     * @param layout the layout
     * @return this builder
     * @throws NullPointerException if {@code layout} is null
     */
    public Builder layout(FrameLayout layout) {
      this.layout = Objects.requireNonNull(layout, "layout == null").newBuilder();
      return this;
    }

    /**
     * Sets the layout's QR version; see {@link FrameLayout.Builder#version(int)}.
     *
     * @param version the QR version, 1..40
     * @return this builder
     * @throws IllegalArgumentException as {@link FrameLayout.Builder#version(int)} does, for a version out of range
     */
    public Builder version(int version) {
      layout.version(version);
      return this;
    }

    /**
     * Sets the layout's error-correction level; see {@link FrameLayout.Builder#errorCorrection}.
     *
     * @param level the error-correction level
     * @return this builder
     * @throws NullPointerException if {@code level} is null
     */
    public Builder errorCorrection(ErrorCorrection level) {
      layout.errorCorrection(level);
      return this;
    }

    /**
     * Sets the layout's whole pixels per module; see {@link FrameLayout.Builder#modulePixels(int)}. Ignored when a
     * {@link #frameSize(int, int) frame size} is set.
     *
     * @param pixels the side of a module in whole pixels
     * @return this builder
     * @throws IllegalArgumentException as {@link FrameLayout.Builder#modulePixels(int)} does, out of its range
     */
    public Builder modulePixels(int pixels) {
      layout.modulePixels(pixels);
      return this;
    }

    /**
     * Sets the layout's quiet zone in modules; see {@link FrameLayout.Builder#quietZone(int)}.
     *
     * @param modules the light margin around each symbol, in modules
     * @return this builder
     * @throws IllegalArgumentException as {@link FrameLayout.Builder#quietZone(int)} does, out of its range
     */
    public Builder quietZone(int modules) {
      layout.quietZone(modules);
      return this;
    }

    /**
     * Sets the layout's symbols per frame as a grid; see {@link FrameLayout.Builder#grid(int, int)}.
     *
     * @param columns symbols across a frame
     * @param rows symbols down a frame
     * @return this builder
     * @throws IllegalArgumentException as {@link FrameLayout.Builder#grid(int, int)} does, out of its range
     */
    public Builder grid(int columns, int rows) {
      layout.grid(columns, rows);
      return this;
    }

    /**
     * Fixes the size of the frames of the bulk methods (default: none, the layout's frame size). The generator
     * then picks the largest whole number of pixels per module (1..64) for which the layout's symbol grid fits,
     * and centres the grid in the frame with white margins; modules are never scaled fractionally. The
     * single-frame {@link #renderFrame(List)} methods keep the layout's own frame size.
     *
     * @param width the frame width in pixels
     * @param height the frame height in pixels
     * @return this builder
     * @throws IllegalArgumentException unless both are 1..8192
     */
    public Builder frameSize(int width, int height) {
      if (width < 1 || width > 8192 || height < 1 || height > 8192) {
        throw new IllegalArgumentException("frame size not in 1..8192: " + width + "x" + height);
      }
      this.frameWidth = width;
      this.frameHeight = height;
      return this;
    }

    /**
     * The number of threads of the pool the generator creates for its bulk methods (default
     * {@link Runtime#availableProcessors()}). Ignored with a caller's {@link #executor(Executor)}.
     *
     * @param workers the thread count
     * @return this builder
     * @throws IllegalArgumentException unless 1..256
     */
    public Builder workers(int workers) {
      if (workers < 1 || workers > 256) {
        throw new IllegalArgumentException("workers not in 1..256: " + workers);
      }
      this.workers = workers;
      return this;
    }

    /**
     * Runs the bulk methods' frames on the caller's executor instead of an own pool (default: none). The caller
     * keeps ownership: {@link QrFrameGenerator#close()} does not shut it down.
     *
     * @param executor the executor; it must run tasks concurrently for the in-flight window to help
     * @return this builder
     * @throws NullPointerException if {@code executor} is null
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor == null");
      return this;
    }

    /**
     * Runs the bulk methods on the calling thread, one frame at a time, in index order (default false): slower,
     * but stack traces and breakpoints stay on one thread, for debugging.
     *
     * @param sequential true to render on the calling thread
     * @return this builder
     */
    public Builder sequential(boolean sequential) {
      this.sequential = sequential;
      return this;
    }

    /**
     * The largest number of frames rendered ahead of the consumer (default twice the workers, or twice the
     * available processors with a caller's executor). Bounds the memory of the bulk methods to about this many
     * frames.
     *
     * @param frames the window in frames
     * @return this builder
     * @throws IllegalArgumentException unless 1..1024
     */
    public Builder inFlightFrames(int frames) {
      if (frames < 1 || frames > 1024) {
        throw new IllegalArgumentException("inFlightFrames not in 1..1024: " + frames);
      }
      this.inFlightFrames = frames;
      return this;
    }

    /**
     * Receives progress of the bulk methods (default: none); see {@link FrameProgressListener}.
     *
     * @param listener the listener, called on the consuming thread after each frame
     * @return this builder
     * @throws NullPointerException if {@code listener} is null
     */
    public Builder progressListener(FrameProgressListener listener) {
      this.progressListener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /**
     * The grey levels of dark and light modules (default {@value #DARK} and {@value #LIGHT}). Lossless video
     * codecs pay for the difference between neighbouring pixels, so adjacent levels such as 127/128 make a
     * lossless H.264 video several times smaller (measured: 12.1 vs 2.0 bytes of video per payload byte); such
     * frames are read by sampling the known module grid, not by camera-style decoders.
     *
     * @param dark the grey level of dark modules
     * @param light the grey level of light modules and of the quiet zone
     * @return this builder
     * @throws IllegalArgumentException unless {@code 0 <= dark < light <= 255}
     */
    public Builder levels(int dark, int light) {
      if (dark < 0 || light > 255 || dark >= light) {
        throw new IllegalArgumentException("levels must satisfy 0 <= dark < light <= 255: " + dark + "/" + light);
      }
      this.dark = dark;
      this.light = light;
      return this;
    }

    /**
     * The mask policy (default {@link MaskPolicy#searchBest()}).
     *
     * @param policy a fixed mask pattern, or the search for the pattern with the lowest ISO/IEC 18004 penalty
     * @return this builder
     * @throws NullPointerException if {@code policy} is null
     */
    public Builder maskPolicy(MaskPolicy policy) {
      this.maskPolicy = Objects.requireNonNull(policy, "policy == null");
      return this;
    }

    /**
     * Builds the generator. The builder may be reused afterwards.
     *
     * @return a new generator; close it to release its worker pool
     * @throws IllegalStateException if the layout is larger than 8192 pixels, or the symbol grid does not fit the
     *     {@link #frameSize(int, int) frame size} even at one pixel per module
     */
    public QrFrameGenerator build() {
      FrameLayout l = layout.build();
      if (frameWidth > 0) {
        FrameLayout fitted = null;
        for (int px = 64; px >= 1 && fitted == null; px--) {
          FrameLayout.Builder b = l.newBuilder().modulePixels(px);
          int cell = (l.symbolModules() + 2 * l.quietZone()) * px;
          if (l.columns() * cell <= frameWidth && l.rows() * cell <= frameHeight) {
            fitted = b.build();
          }
        }
        if (fitted == null) {
          throw new IllegalStateException(l.columns() + "x" + l.rows() + " symbols of version " + l.version()
              + " with quiet zone " + l.quietZone() + " do not fit " + frameWidth + "x" + frameHeight
              + " at 1 pixel per module");
        }
        l = fitted;
      }
      return new QrFrameGenerator(this, l);
    }
  }
}
