package io.qrvid.video.memvid;

import io.qrvid.core.internal.DaemonThreads;
import io.qrvid.video.NativeLibraryUnavailableException;
import io.qrvid.video.internal.HumbleDecoderSession;
import io.qrvid.video.internal.HumbleProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A memvid v0.1.x library (a QR video plus {@code <name>_index.json}, research/memvid.md), read and checked chunk by
 * chunk: every frame of the video is decoded, its payload parsed, and each chunk gets a {@link MemvidVerdict}
 * comparing the video's text with the index's. Nothing is substituted: a chunk whose frame cannot be read is
 * {@link MemvidVerdict#INDEX_ONLY}, with the index's text kept and flagged, where memvid's own retriever would
 * silently return the index's copy.
 *
 * <pre>{@code
 * MemvidLibrary lib = MemvidLibrary.open(Path.of("lib.mp4"), Path.of("lib_index.json"));
 * System.out.println(lib.counts());                     // {VERIFIED=431, INDEX_ONLY=0, ...}
 * for (MemvidChunk c : lib.chunks()) {
 *   if (c.verdict() != MemvidVerdict.VERIFIED) System.out.println(c);
 * }
 * }</pre>
 *
 * <p>Both codecs memvid writes are read: MPEG-4 Part 2 in MP4 (its OpenCV {@code mp4v} path, 15 fps) and H.265 in
 * Matroska (its FFmpeg path, 30 fps), or anything else FFmpeg decodes. Frames hold one symbol of version 35 or more
 * scaled to 256 x 256, about 1.6 pixels per module after lossy coding, where plain QR decoders fail on many frames;
 * each frame is read by sampling the module grid directly ({@link MemvidFrame.Method}). A frame's position is its
 * display position (from its timestamp and the stream's frame rate); a payload is matched to the index by the frame
 * number it carries, so a frame missing from the video affects only its own chunk.
 *
 * <p>The video and index are read once, in {@code open}; the result is an immutable value (no resources held) and
 * thread-safe.
 */
public final class MemvidLibrary {
  private static final Logger log = LoggerFactory.getLogger(MemvidLibrary.class);
  private static final int MAX_WARNINGS = 50;

  private final Path video;
  private final @Nullable Path index;
  private final List<MemvidChunk> chunks;
  private final List<MemvidFrame> frames;
  private final Map<MemvidVerdict, Integer> counts;
  private final List<String> warnings;
  private final @Nullable String config;
  private final HumbleProbe.Info info;
  private final long videoBytes;
  private final long indexBytes;
  private final Duration elapsed;

  private MemvidLibrary(Path video, @Nullable Path index, List<MemvidChunk> chunks, List<MemvidFrame> frames,
      List<String> warnings, @Nullable String config, HumbleProbe.Info info, long videoBytes, long indexBytes,
      Duration elapsed) {
    this.video = video;
    this.index = index;
    this.chunks = List.copyOf(chunks);
    this.frames = List.copyOf(frames);
    this.warnings = List.copyOf(warnings);
    this.config = config;
    this.info = info;
    this.videoBytes = videoBytes;
    this.indexBytes = indexBytes;
    this.elapsed = elapsed;
    Map<MemvidVerdict, Integer> c = new EnumMap<>(MemvidVerdict.class);
    for (MemvidVerdict v : MemvidVerdict.values()) {
      c.put(v, 0);
    }
    for (MemvidChunk ch : chunks) {
      c.merge(ch.verdict(), 1, Integer::sum);
    }
    this.counts = Collections.unmodifiableMap(c);
  }

  /**
   * The index memvid writes for {@code video}: {@code <stem>_index.json} next to it ({@code lib.mp4} gives
   * {@code lib_index.json}).
   *
   * @param video the memvid video
   * @return the index path; the file may not exist
   * @throws NullPointerException if {@code video} is null
   */
  public static Path indexPathFor(Path video) {
    String name = video.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    return video.resolveSibling(stem + "_index.json");
  }

  /**
   * The FAISS file memvid writes next to {@code index}: the same name with {@code .faiss} in place of
   * {@code .json} ({@code IndexManager.save} of the index path without its suffix).
   *
   * @param index the memvid index
   * @return the FAISS path; the file may not exist
   * @throws NullPointerException if {@code index} is null
   */
  public static Path faissPathFor(Path index) {
    String name = index.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return index.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".faiss");
  }

  /**
   * Opens {@code video} with its index at {@link #indexPathFor(Path)} if that exists (else with no index: every
   * chunk read is {@link MemvidVerdict#VIDEO_ONLY}), with the default options.
   *
   * @param video the memvid video
   * @return the library with every chunk's verdict
   * @throws NoSuchFileException if the video does not exist
   * @throws MemvidIndexException if the index is not a memvid index
   * @throws IOException if a file cannot be read or the video cannot be decoded
   * @throws NativeLibraryUnavailableException if Humble Video has no natives for this platform
   */
  public static MemvidLibrary open(Path video) throws IOException {
    Path idx = indexPathFor(video);
    return open(video, Files.exists(idx) ? idx : null, MemvidReadOptions.defaults());
  }

  /**
   * Opens {@code video} with {@code index} (null: no index), with the default options.
   *
   * @param video the memvid video
   * @param index the memvid index, or null to read the video alone
   * @return the library with every chunk's verdict
   * @throws NoSuchFileException if the video or the given index does not exist
   * @throws MemvidIndexException if the index is not a memvid index
   * @throws IOException if a file cannot be read or the video cannot be decoded
   * @throws NativeLibraryUnavailableException if Humble Video has no natives for this platform
   */
  public static MemvidLibrary open(Path video, @Nullable Path index) throws IOException {
    return open(video, index, MemvidReadOptions.defaults());
  }

  /**
   * Opens {@code video} with {@code index} (null: no index): decodes every frame on {@code options.workers()}
   * threads and gives each chunk its verdict. Blocks until done.
   *
   * @param video the memvid video
   * @param index the memvid index, or null to read the video alone
   * @param options the decoding threads and progress listener
   * @return the library with every chunk's verdict
   * @throws NoSuchFileException if the video or the given index does not exist
   * @throws MemvidIndexException if the index is not a memvid index (not JSON, no {@code metadata} list, an entry
   *     without an integer {@code id} or {@code frame} or a string {@code text})
   * @throws IOException if a file cannot be read or the video cannot be opened or demuxed
   * @throws NativeLibraryUnavailableException if Humble Video has no natives for this platform
   * @throws NullPointerException if {@code video} is null
   */
  public static MemvidLibrary open(Path video, @Nullable Path index, MemvidReadOptions options) throws IOException {
    Objects.requireNonNull(video, "video == null");
    Objects.requireNonNull(options, "options == null");
    long start = System.nanoTime();
    if (!Files.isRegularFile(video)) {
      throw new NoSuchFileException(video.toString(), null, "memvid video not found");
    }
    MemvidIndexFile idx = null;
    if (index != null) {
      if (!Files.isRegularFile(index)) {
        throw new NoSuchFileException(index.toString(), null, "memvid index not found");
      }
      idx = MemvidIndexFile.read(index);
    }
    HumbleProbe.Info info = HumbleProbe.probe(video);
    List<Outcome> outcomes = decodeAll(video, info, options);
    List<String> warnings = new ArrayList<>();
    if (idx != null) {
      warnings.addAll(idx.warnings);
    }
    List<MemvidChunk> chunks = match(idx, outcomes, warnings);
    List<MemvidFrame> frames = new ArrayList<>();
    for (Outcome o : outcomes) {
      frames.add(o.frame);
    }
    if (warnings.size() > MAX_WARNINGS) {
      int more = warnings.size() - MAX_WARNINGS;
      warnings = new ArrayList<>(warnings.subList(0, MAX_WARNINGS));
      warnings.add("... and " + more + " more warnings");
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    MemvidLibrary lib = new MemvidLibrary(video, index, chunks, frames, warnings, idx == null ? null : idx.config,
        info, Files.size(video), idx == null ? 0 : idx.bytes, elapsed);
    log.info("Read memvid library {}: {} frames, {} in {} ms", video, frames.size(), lib.counts, elapsed.toMillis());
    return lib;
  }

  /** One frame's result: the diagnostics and, if read, the payload. */
  private static final class Outcome {
    final MemvidFrame frame;
    final @Nullable MemvidPayload payload;

    Outcome(MemvidFrame frame, @Nullable MemvidPayload payload) {
      this.frame = frame;
      this.payload = payload;
    }
  }

  private static List<Outcome> decodeAll(Path video, HumbleProbe.Info info, MemvidReadOptions options)
      throws IOException {
    int fps = info.frameRate() > 0 ? (int) Math.round(info.frameRate()) : 30;
    int workers = options.workers();
    ExecutorService pool = DaemonThreads.fixedPool("qrvid-memvid", workers);
    Semaphore inFlight = new Semaphore(2 * workers);
    FrameDecoder decoder = new FrameDecoder();
    List<Future<Outcome>> futures = new ArrayList<>();
    AtomicLong done = new AtomicLong();
    long total = info.frames();
    try {
      try (HumbleDecoderSession session = HumbleDecoderSession.open(video, fps)) {
        session.readFrames((position, luma, w, h) -> {
          inFlight.acquire();
          futures.add(pool.submit(() -> {
            try {
              return decodeFrame(decoder, position, new Luma(luma, w, h));
            } finally {
              inFlight.release();
              options.progressListener().onProgress(done.incrementAndGet(), total);
            }
          }));
          return true;
        });
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while reading " + video, e);
      }
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<Outcome> f : futures) {
        try {
          outcomes.add(f.get());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while decoding " + video, e);
        } catch (ExecutionException e) {
          throw new IllegalStateException("frame decoding failed", e.getCause());
        }
      }
      outcomes.sort(Comparator.comparingLong(o -> o.frame.position()));
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Outcome decodeFrame(FrameDecoder decoder, long position, Luma img) {
    MemvidPayload[] parsed = new MemvidPayload[1];
    String[] rejected = new String[1];
    Optional<FrameDecoder.Read> read;
    try {
      read = decoder.read(img, content -> {
        try {
          parsed[0] = MemvidPayload.parse(content);
          return true;
        } catch (MemvidPayload.Invalid e) {
          rejected[0] = e.getMessage();
          return false;
        }
      });
    } catch (RuntimeException e) {
      log.warn("frame {}: decoder error", position, e);
      return new Outcome(new MemvidFrame(position, null, 0, -1, null, null, false, "decoder error: " + e), null);
    }
    if (read.isEmpty()) {
      String why = rejected[0] != null ? "a symbol was read but it is not a memvid payload (" + rejected[0] + ")"
          : "no symbol could be read";
      return new Outcome(new MemvidFrame(position, null, 0, -1, null, null, false, why), null);
    }
    FrameDecoder.Read r = read.get();
    MemvidPayload p = parsed[0];
    String detail = "read (" + r.method.name().toLowerCase(java.util.Locale.ROOT)
        + (r.version > 0 ? ", version " + r.version : "")
        + (r.errorsCorrected >= 0 ? ", " + r.errorsCorrected + " codeword errors corrected" : "") + ")";
    return new Outcome(new MemvidFrame(position, r.method, r.version, r.errorsCorrected, p.id, p.frame, p.compressed,
        detail), p);
  }

  /** Gives every index entry and every payload read its verdict. */
  private static List<MemvidChunk> match(@Nullable MemvidIndexFile idx, List<Outcome> outcomes,
      List<String> warnings) {
    Map<Long, List<Outcome>> byFrame = new LinkedHashMap<>();
    Map<Long, Outcome> byPosition = new LinkedHashMap<>();
    for (Outcome o : outcomes) {
      byPosition.putIfAbsent(o.frame.position(), o);
      if (o.payload != null) {
        long f = o.payload.frame != null ? o.payload.frame : o.frame.position();
        byFrame.computeIfAbsent(f, k -> new ArrayList<>()).add(o);
      }
    }
    long videoFrames = outcomes.isEmpty() ? 0 : outcomes.get(outcomes.size() - 1).frame.position() + 1;
    Set<Outcome> claimed = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    List<MemvidChunk> chunks = new ArrayList<>();
    int displaced = 0;
    String firstDisplaced = null;
    if (idx != null) {
      for (MemvidIndexFile.Entry e : idx.entries) {
        List<Outcome> candidates = byFrame.getOrDefault((long) e.frame, List.of());
        Outcome pick = null;
        for (Outcome o : candidates) {
          if (!claimed.contains(o) && o.payload.id != null && o.payload.id == e.id) {
            pick = o;
            break;
          }
        }
        if (pick == null) {
          for (Outcome o : candidates) {
            if (!claimed.contains(o)) {
              pick = o;
              break;
            }
          }
        }
        if (pick == null) {
          chunks.add(new MemvidChunk(e.id, e.frame, MemvidVerdict.INDEX_ONLY, e.text, null, -1, e.extra,
              whyMissing(e.frame, byPosition, videoFrames)));
          continue;
        }
        claimed.add(pick);
        String text = pick.payload.text;
        long pos = pick.frame.position();
        if (pos != e.frame) {
          displaced++;
          if (firstDisplaced == null) {
            firstDisplaced = "frame " + e.frame + " is at position " + pos;
          }
        }
        if (text.equals(e.text)) {
          chunks.add(new MemvidChunk(e.id, e.frame, MemvidVerdict.VERIFIED, e.text, text, pos, e.extra,
              "video frame at position " + pos + " " + pick.frame.detail()));
        } else {
          chunks.add(new MemvidChunk(e.id, e.frame, MemvidVerdict.MISMATCH, e.text, text, pos, e.extra,
              "texts differ from character " + firstDifference(e.text, text) + " (index " + e.text.length()
                  + " characters, video " + text.length() + ")"));
        }
      }
    }
    List<Outcome> extra = new ArrayList<>();
    for (Outcome o : outcomes) {
      if (o.payload != null && !claimed.contains(o)) {
        extra.add(o);
      }
    }
    for (Outcome o : extra) {
      MemvidPayload p = o.payload;
      int frame = p.frame != null ? p.frame : (int) o.frame.position();
      int id = p.id != null ? p.id : frame;
      chunks.add(new MemvidChunk(id, frame, MemvidVerdict.VIDEO_ONLY, null, p.text, o.frame.position(), Map.of(),
          idx == null ? "no index" : "the index has no entry for frame " + frame + " (or it is claimed by another)"));
      if (o.frame.position() != frame) {
        displaced++;
      }
    }
    if (displaced > 0) {
      warnings.add(displaced + " chunks were read at other positions than their frame numbers (" + firstDisplaced
          + "): memvid's retriever seeks by position and returns another frame's text for them");
    }
    Set<Long> positions = new HashSet<>(byPosition.keySet());
    if (positions.size() != outcomes.size()) {
      warnings.add((outcomes.size() - positions.size()) + " frames share a position with another (timestamps"
          + " repeat)");
    }
    return chunks;
  }

  private static String whyMissing(int frame, Map<Long, Outcome> byPosition, long videoFrames) {
    Outcome at = byPosition.get((long) frame);
    if (at == null) {
      return frame >= videoFrames ? "the video has no frame " + frame + " (it has " + videoFrames + ")"
          : "the video has no frame at position " + frame + " (missing)";
    }
    if (at.payload == null) {
      return "frame " + frame + " could not be read: " + at.frame.detail();
    }
    return "frame " + frame + " holds the payload of frame " + at.payload.frame + ", not this chunk";
  }

  private static int firstDifference(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      if (a.charAt(i) != b.charAt(i)) {
        return i;
      }
    }
    return n;
  }

  /** {@return the video file} */
  public Path video() {
    return video;
  }

  /** {@return the index file, if one was read} */
  public Optional<Path> index() {
    return Optional.ofNullable(index);
  }

  /**
   * {@return every chunk: the index's entries in index order, then the chunks found only in the video, in video order}
   */
  public List<MemvidChunk> chunks() {
    return chunks;
  }

  /** {@return every frame of the video in position order, with how it was read or why not} */
  public List<MemvidFrame> frames() {
    return frames;
  }

  /** {@return the number of chunks with each verdict (every verdict present, zeros included)} */
  public Map<MemvidVerdict, Integer> counts() {
    return counts;
  }

  /**
   * The number of chunks with {@code verdict}.
   *
   * @param verdict the verdict
   * @return the number of chunks with it, 0 or more
   * @throws NullPointerException if {@code verdict} is null
   */
  public int count(MemvidVerdict verdict) {
    return counts.get(verdict);
  }

  /** {@return true if every chunk is {@link MemvidVerdict#VERIFIED} (and there is at least one)} */
  public boolean allVerified() {
    return !chunks.isEmpty() && count(MemvidVerdict.VERIFIED) == chunks.size();
  }

  /** {@return frames from which a memvid payload was read} */
  public long framesRead() {
    return frames.stream().filter(MemvidFrame::read).count();
  }

  /**
   * {@return inconsistencies found: index mappings that disagree with its metadata, chunk ids that are not list
   * positions, frames out of place} At most 50 are listed.
   */
  public List<String> warnings() {
    return warnings;
  }

  /** {@return the index's {@code "config"} block as JSON text, if it has one} */
  public Optional<String> config() {
    return Optional.ofNullable(config);
  }

  /** {@return FFmpeg's name of the video's codec, e.g. {@code mpeg4} (memvid's mp4v) or {@code hevc}} */
  public String codec() {
    return info.codec();
  }

  /** {@return FFmpeg's name of the container format, e.g. {@code mov,mp4,m4a,3gp,3g2,mj2} or {@code matroska,webm}} */
  public String container() {
    return info.container();
  }

  /** {@return frame width in pixels} */
  public int width() {
    return info.width();
  }

  /** {@return frame height in pixels} */
  public int height() {
    return info.height();
  }

  /** {@return frames per second as the container states it, or 0 if it does not} */
  public double frameRate() {
    return info.frameRate();
  }

  /** {@return the video's size in bytes} */
  public long videoBytes() {
    return videoBytes;
  }

  /** {@return the index's size in bytes (0 without an index)} */
  public long indexBytes() {
    return indexBytes;
  }

  /** {@return the size of memvid's FAISS file next to the index, if there is one} */
  public OptionalLong faissBytes() {
    if (index == null) {
      return OptionalLong.empty();
    }
    Path f = faissPathFor(index);
    try {
      return Files.isRegularFile(f) ? OptionalLong.of(Files.size(f)) : OptionalLong.empty();
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  /** {@return how long {@code open} took} */
  public Duration elapsed() {
    return elapsed;
  }
}
