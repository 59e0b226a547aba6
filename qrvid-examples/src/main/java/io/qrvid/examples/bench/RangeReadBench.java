package io.qrvid.examples.bench;

import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.Decoder;
import io.qrvid.core.ErrorCorrection;
import io.qrvid.core.FrameLayout;
import io.qrvid.core.FramePayload;
import io.qrvid.core.internal.ModuleGridDecoder;
import io.qrvid.video.CodecProfile;
import io.qrvid.video.QrVideoEncoder;
import io.qrvid.video.QrVideoReader;
import io.qrvid.video.VideoIndex;
import io.qrvid.video.internal.HumbleDecoderSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code qrvid bench video --scaling}: whole-video decode throughput of range-parallel reads with 1, 2, ... workers,
 * side by side in one run (rounds interleaved, median reported), against the single-session read (one video decoder,
 * symbols on the workers), on a video of at least {@code --min-frames} frames made of the corpus repeated; then a
 * profile of where one thread's CPU time goes per frame (demux + H.264 decode, grid sampling + Reed-Solomon, payload
 * parsing, inflate + CRC32C, SHA-256), measured with per-thread CPU timers so that other processes' load does not
 * count.
 */
public final class RangeReadBench {
  private final PrintWriter out;
  private final Path work;
  private final CodecProfile profile;

  /**
   * @param out where the tables go
   * @param work scratch folder (the long video is kept there and reused while its source is unchanged)
   */
  public RangeReadBench(PrintWriter out, Path work, CodecProfile profile) {
    this.out = out;
    this.work = work;
    this.profile = profile;
  }

  /**
   * Runs the comparison.
   *
   * @param files the corpus, repeated until the video has at least {@code minFrames} frames
   * @param workers the worker counts to compare, e.g. 1, 2
   * @return true when every read restored every document exactly
   */
  public boolean run(List<Path> files, long minFrames, int[] workers, int rounds) throws IOException {
    Map<String, String> corpus = new LinkedHashMap<>();
    for (Path f : files) {
      corpus.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
    }
    Path video = longVideo(corpus, minFrames);
    VideoIndex index = VideoIndex.read(VideoIndex.pathFor(video));
    long textBytes = index.documents().stream().mapToLong(VideoIndex.Document::bytes).sum();
    long frames = index.video().frames();
    out.printf(Locale.ROOT, "decode scaling: %s, %,d frames, %,d documents, %.1f MB of text, profile %s, %d cores, "
            + "%d rounds (median)%n", video.getFileName(), frames, index.documents().size(), textBytes / 1e6,
        index.codec().profile(), Runtime.getRuntime().availableProcessors(), rounds);
    out.flush();

    List<String> names = new ArrayList<>();
    List<QrVideoReader.Builder> readers = new ArrayList<>();
    ThreadCpu threadCpu = new ThreadCpu();
    for (int w : workers) {
      names.add("ranges, " + w + (w == 1 ? " worker" : " workers"));
      readers.add(QrVideoReader.builder(video).workers(w).rangeListener(threadCpu));
    }
    int most = Arrays.stream(workers).max().orElse(2);
    names.add("1 session + " + most + " symbol workers");
    readers.add(QrVideoReader.builder(video).workers(Math.max(2, most)).minRangeFrames(Integer.MAX_VALUE));

    read(readers.get(readers.size() > 1 ? 1 : 0), video, corpus, index); // warm-up: JIT, natives, page cache
    double[][] seconds = new double[readers.size()][rounds];
    double[][] cpu = new double[readers.size()][rounds];
    double[][] critical = new double[readers.size()][rounds];
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    boolean exact = true;
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < readers.size(); i++) {
        threadCpu.clear();
        long c0 = processCpu();
        long m0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        exact &= read(readers.get(i), video, corpus, index);
        seconds[i][r] = (System.nanoTime() - t0) / 1e9;
        cpu[i][r] = (processCpu() - c0) / 1e6 / frames;
        critical[i][r] = (threadCpu.busiest() + mx.getCurrentThreadCpuTime() - m0) / 1e9;
      }
    }
    out.printf(Locale.ROOT, "%-40s %9s %10s %9s %12s %10s %14s   %s%n", "read (whole video, every check)", "MB/s",
        "frames/s", "vs 1st", "CPU ms/frame", "cores used", "idle-core MB/s", "rounds (s)");
    double base = frames / median(seconds[0]);
    for (int i = 0; i < readers.size(); i++) {
      double s = median(seconds[i]);
      double c = median(critical[i]);
      String idle = i < workers.length && c > 0 ? String.format(Locale.ROOT, "%14.2f", textBytes / 1e6 / c)
          : String.format(Locale.ROOT, "%14s", "-");
      out.printf(Locale.ROOT, "%-40s %9.2f %10.1f %8.2fx %12.3f %10.2f %s   %s%n", names.get(i), textBytes / 1e6 / s,
          frames / s, frames / s / base, median(cpu[i]), median(cpu[i]) * frames / 1e3 / s, idle,
          format(seconds[i]));
    }
    out.println("MB/s = text bytes restored (every chunk CRC32C and document SHA-256 verified) / wall time; CPU = "
        + "this process's CPU time per frame (all threads); the machine's other load slows the wall time, not the "
        + "CPU time; cores used = CPU time / wall time (of the machine's " + Runtime.getRuntime().availableProcessors()
        + "; below the worker count when other processes hold the cores). idle-core MB/s = text / (the busiest "
        + "range worker's thread CPU time + the calling thread's): "
        + "the wall time if every worker had a core to itself (range workers share nothing; their video decoder "
        + "runs on their own thread).");
    out.flush();
    profile(video, index);
    return exact;
  }

  private static boolean read(QrVideoReader.Builder b, Path video, Map<String, String> corpus, VideoIndex index)
      throws IOException {
    try (QrVideoReader reader = b.build()) {
      Map<String, byte[]> docs = reader.readAll();
      for (VideoIndex.Document d : index.documents()) {
        String source = corpus.get(d.name().substring(d.name().indexOf('_') + 1));
        if (source == null || !Arrays.equals(docs.get(d.name()), source.getBytes(StandardCharsets.UTF_8))) {
          return false;
        }
      }
      return docs.size() == index.documents().size();
    }
  }

  /** The corpus repeated ({@code copyNNN_<name>}) into a video of at least {@code minFrames} frames, reused. */
  private Path longVideo(Map<String, String> corpus, long minFrames) throws IOException {
    Files.createDirectories(work);
    long bytes = corpus.values().stream().mapToLong(s -> s.getBytes(StandardCharsets.UTF_8).length).sum();
    Path video = work.resolve("scaling-" + profile.name().toLowerCase(Locale.ROOT) + "-" + minFrames + ".mp4");
    Path idx = VideoIndex.pathFor(video);
    if (Files.exists(video) && Files.exists(idx)) {
      VideoIndex old = VideoIndex.read(idx);
      int copies = old.documents().size() / Math.max(1, corpus.size());
      if (old.video().frames() >= minFrames && old.documents().size() == copies * corpus.size()
          && old.documents().stream().mapToLong(VideoIndex.Document::bytes).sum() == copies * bytes) {
        out.println("reusing " + video + " (delete it to encode again)");
        return video;
      }
    }
    QrVideoEncoder encoder = QrVideoEncoder.builder().profile(profile).build();
    Path one = work.resolve("scaling-one.mp4");
    long perCopy = encoder.encodeTexts(copies(corpus, 1), one).frames();
    Files.deleteIfExists(one);
    Files.deleteIfExists(VideoIndex.pathFor(one));
    int copies = (int) Math.max(1, (minFrames + perCopy - 1) / perCopy);
    while (true) {
      out.printf(Locale.ROOT, "encoding the corpus %d times (%.1f MB of text) into %s ...%n", copies,
          copies * bytes / 1e6, video);
      out.flush();
      long t0 = System.nanoTime();
      long got = encoder.encodeTexts(copies(corpus, copies), video).frames();
      out.printf(Locale.ROOT, "  %,d frames in %.1f s%n", got, (System.nanoTime() - t0) / 1e9);
      if (got >= minFrames) {
        return video;
      }
      copies += (int) Math.max(1, (minFrames - got + perCopy - 1) / perCopy);
    }
  }

  private static Map<String, String> copies(Map<String, String> corpus, int n) {
    Map<String, String> docs = new LinkedHashMap<>();
    for (int c = 0; c < n; c++) {
      for (Map.Entry<String, String> e : corpus.entrySet()) {
        docs.put(String.format(Locale.ROOT, "copy%03d_%s", c, e.getKey()), e.getValue()); // the same String
      }
    }
    return docs;
  }

  /** Per-phase CPU time of one thread reading the whole video with one decoder thread, per frame. */
  private void profile(Path video, VideoIndex index) throws IOException {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    if (!mx.isCurrentThreadCpuTimeSupported()) {
      out.println("profile: per-thread CPU time is not supported by this JVM");
      return;
    }
    VideoIndex.Geometry g = index.geometry();
    FrameLayout layout = FrameLayout.builder().version(g.version()).errorCorrection(ErrorCorrection.valueOf(
        g.errorCorrection())).modulePixels(g.modulePixels()).quietZone(g.quietZone()).grid(g.columns(), g.rows())
        .frameAlignment(g.alignment()).build();
    int threshold = (g.darkLevel() + g.lightLevel() + 1) / 2;
    int spf = layout.symbolsPerFrame();
    long[] t = new long[6]; // decode, grid, parse, zxing sample
    long[] marks = {mx.getCurrentThreadCpuTime()};
    long[] sampled = new long[1];
    Map<Integer, List<FramePayload>> parts = new HashMap<>();
    long frames;
    try (HumbleDecoderSession s = HumbleDecoderSession.open(video, index.codec().fps(), 1)) {
      frames = s.readFrames((frame, luma, w, h) -> {
        long c0 = mx.getCurrentThreadCpuTime();
        t[0] += c0 - marks[0];
        List<byte[]> contents = new ArrayList<>(spf);
        for (int slot = 0; slot < spf && frame * spf + slot < index.video().symbols(); slot++) {
          ModuleGridDecoder.decode(luma, 0, w, layout, slot, threshold).ifPresent(contents::add);
        }
        long c1 = mx.getCurrentThreadCpuTime();
        t[1] += c1 - c0;
        for (byte[] c : contents) {
          if (!io.qrvid.core.ParityPayload.isParity(c)) {
            for (FramePayload p : FramePayload.parseSymbol(c)) {
              parts.computeIfAbsent(p.chunkIndex(), k -> new ArrayList<>()).add(p);
            }
          }
        }
        long c2 = mx.getCurrentThreadCpuTime();
        t[2] += c2 - c1;
        if (frame % 10 == 0 && spf == 1) { // ZXing's decoder on the same modules, every 10th frame
          zxing(luma, w, layout, threshold);
          sampled[0]++;
        }
        long c3 = mx.getCurrentThreadCpuTime();
        t[3] += c3 - c2;
        marks[0] = c3;
        return true;
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    long c0 = mx.getCurrentThreadCpuTime();
    Map<Integer, byte[]> chunks = new HashMap<>();
    for (VideoIndex.ChunkEntry e : index.chunks()) {
      List<FramePayload> ps = parts.get(e.index());
      if (ps != null) {
        chunks.put(e.index(), FramePayload.reassemble(ps, (int) (e.byteEnd() - e.byteStart())));
      }
    }
    long c1 = mx.getCurrentThreadCpuTime();
    t[4] = c1 - c0;
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (byte[] c : chunks.values()) {
        sha.update(c);
      }
      sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    t[5] = mx.getCurrentThreadCpuTime() - c1;
    String[] phases = {"demux + H.264 decode (1 decoder thread)", "grid sampling + Reed-Solomon", "payload parsing",
        null, "inflate + CRC32C (reassembly)", "SHA-256 of the text"};
    double total = 0;
    for (int i = 0; i < t.length; i++) {
      if (i != 3) {
        total += t[i];
      }
    }
    out.printf(Locale.ROOT, "profile: one thread, %,d frames, CPU time per frame by phase%n", frames);
    for (int i = 0; i < t.length; i++) {
      if (i == 3) {
        continue;
      }
      out.printf(Locale.ROOT, "  %-42s %8.3f ms  %5.1f%%%n", phases[i], t[i] / 1e6 / frames, 100 * t[i] / total);
    }
    out.printf(Locale.ROOT, "  %-42s %8.3f ms  -> %.1f MB/s of text per core%n", "total", total / 1e6 / frames,
        index.documents().stream().mapToLong(VideoIndex.Document::bytes).sum() / 1e6 / (total / 1e9));
    if (sampled[0] > 0) {
      out.printf(Locale.ROOT, "  %-42s %8.3f ms  (%d frames sampled)%n", "for comparison: ZXing's Decoder instead",
          t[3] / 1e6 / sampled[0], sampled[0]);
    }
    out.flush();
  }

  /** ZXing's decoder on the thresholded module means, as the reader used before {@code FastSymbolDecoder}. */
  private static void zxing(byte[] luma, int width, FrameLayout layout, int threshold) {
    int n = layout.symbolModules();
    int px = layout.modulePixels();
    int x0 = layout.symbolX(0);
    int y0 = layout.symbolY(0);
    BitMatrix bits = new BitMatrix(n);
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        if ((luma[(y0 + y * px + px / 2) * width + x0 + x * px + px / 2] & 0xFF) < threshold) {
          bits.set(x, y);
        }
      }
    }
    try {
      new Decoder().decode(bits);
    } catch (Exception e) {
      // counted as time all the same
    }
  }

  /** Accumulates each range worker's thread CPU time, read at the start and finish of its ranges. */
  private static final class ThreadCpu implements io.qrvid.core.FrameBatch.Listener {
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private final ThreadLocal<long[]> start = ThreadLocal.withInitial(() -> new long[1]);
    private final Map<Long, Long> byThread = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void onRangeStart(io.qrvid.core.FrameRanges.Range range, int attempt) {
      start.get()[0] = mx.getCurrentThreadCpuTime();
    }

    @Override
    public void onRangeFinish(io.qrvid.core.FrameBatch.Outcome<?> outcome) {
      long used = mx.getCurrentThreadCpuTime() - start.get()[0];
      byThread.merge(Thread.currentThread().getId(), used, Long::sum);
    }

    void clear() {
      byThread.clear();
    }

    long busiest() {
      return byThread.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }
  }

  private static long processCpu() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getProcessCpuTime();
    }
    return 0;
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static String format(double[] xs) {
    StringBuilder sb = new StringBuilder();
    for (double x : xs) {
      sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", x));
    }
    return sb.toString();
  }
}
