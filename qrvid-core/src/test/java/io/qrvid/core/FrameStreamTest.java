package io.qrvid.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrvid.core.internal.ModuleGridDecoder;
import io.qrvid.core.internal.PlainDecoder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class FrameStreamTest {
  private static List<byte[]> randomPayloads(int count, int length, long seed) {
    Random r = new Random(seed);
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] b = new byte[length];
      r.nextBytes(b);
      out.add(b);
    }
    return out;
  }

  private static byte[] decodeSlot(QrFrameGenerator gen, QrFrame f, int slot) {
    int offset = gen.originY() * f.width() + gen.originX();
    return ModuleGridDecoder.decode(f.luma(), offset, f.width(), gen.layout(), slot).orElseThrow();
  }

  @Test
  void deliversFramesInIndexOrderWhenWorkersFinishOutOfOrder() {
    List<byte[]> payloads = randomPayloads(30, 100, 1);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    // Random delays make later frames finish before earlier ones.
    try (QrFrameGenerator gen = QrFrameGenerator.builder().version(8).maskPolicy(MaskPolicy.fixed(2))
        .executor(r -> pool.execute(() -> {
          LockSupport.parkNanos(ThreadLocalRandom.current().nextInt(3_000_000));
          r.run();
        })).inFlightFrames(6).build();
        FrameStream frames = gen.frames(payloads)) {
      List<Integer> indices = new ArrayList<>();
      frames.forEachRemaining(f -> {
        indices.add(f.index());
        assertThat(decodeSlot(gen, f, 0)).isEqualTo(payloads.get(f.index()));
      });
      assertThat(indices).hasSize(30).isSorted().doesNotHaveDuplicates();
      // without a fixed frame size, a bulk frame is exactly the layout's frame
      assertThat(gen.originX()).isZero();
      assertThat(gen.render(0, List.of(payloads.get(0))).luma()).isEqualTo(gen.renderFrame(List.of(payloads.get(0))));
      assertThat(frames.maxInFlight()).isBetween(2, 6);
      GenerationStats stats = frames.stats();
      assertThat(stats.totalFrames()).isEqualTo(30);
      assertThat(stats.successfulFrames()).isEqualTo(30);
      assertThat(stats.failedFrames()).isZero();
      assertThat(stats.framesPerSecond()).isPositive();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailingPayloadIsReportedWithItsIndexAndTheOthersSucceed() {
    List<byte[]> payloads = randomPayloads(6, 50, 2);
    payloads.set(3, new byte[FrameLayout.capacity(5, ErrorCorrection.L) + 1]);
    List<long[]> progress = new ArrayList<>();
    try (QrFrameGenerator gen = QrFrameGenerator.builder().version(5).workers(2)
        .progressListener((done, total) -> progress.add(new long[] {done, total})).build();
        FrameStream frames = gen.frames(payloads)) {
      List<Integer> indices = frames.stream().map(QrFrame::index).toList();
      assertThat(indices).containsExactly(0, 1, 2, 4, 5);
      GenerationStats stats = frames.stats();
      assertThat(stats.totalFrames()).isEqualTo(6);
      assertThat(stats.successfulFrames()).isEqualTo(5);
      assertThat(stats.failedFrames()).isEqualTo(1);
      assertThat(stats.failures()).singleElement().satisfies(f -> {
        assertThat(f.index()).isEqualTo(3);
        assertThat(f.reason()).contains("capacity");
      });
      assertThat(progress).hasSize(6);
      assertThat(progress.get(5)).containsExactly(6, 6);
    }
  }

  @Test
  void groupsPayloadsIntoTiledFramesAndLeavesTheLastFramePartlyFilled() {
    List<byte[]> payloads = randomPayloads(5, 60, 3);
    try (QrFrameGenerator gen = QrFrameGenerator.builder().version(6).grid(2, 1).sequential(true)
        .build(); FrameStream frames = gen.frames(payloads)) {
      List<QrFrame> list = frames.stream().toList();
      assertThat(list).extracting(QrFrame::index).containsExactly(0, 1, 2);
      assertThat(decodeSlot(gen, list.get(1), 1)).isEqualTo(payloads.get(3));
      assertThat(decodeSlot(gen, list.get(2), 0)).isEqualTo(payloads.get(4));
      assertThat(ModuleGridDecoder.decode(list.get(2).luma(), 0, list.get(2).width(), gen.layout(), 1)).isEmpty();
    }
  }

  @Test
  void fixedFrameSizeUsesTheLargestWholeModuleSizeThatFitsAndCentresTheSymbol() {
    byte[] payload = "x".repeat(400).getBytes(StandardCharsets.US_ASCII);
    try (QrFrameGenerator gen = QrFrameGenerator.builder().version(15).errorCorrection(ErrorCorrection.M)
        .quietZone(2).frameSize(512, 512).maskPolicy(MaskPolicy.fixed(1)).sequential(true).build();
        FrameStream frames = gen.frames(List.of(payload))) {
      // version 15 = 77 modules + 2 * 2 quiet = 81 modules; 512 / 81 = 6 px, 486 px used, 13 px margins.
      assertThat(gen.layout().modulePixels()).isEqualTo(6);
      assertThat(gen.originX()).isEqualTo(13);
      assertThat(gen.originY()).isEqualTo(13);
      QrFrame f = frames.next();
      assertThat(f.width()).isEqualTo(512);
      assertThat(f.height()).isEqualTo(512);
      assertThat(decodeSlot(gen, f, 0)).isEqualTo(payload);
      assertThat(PlainDecoder.decodeOne(f.luma(), 512, 512)).contains(payload);
      // The first dark module (finder pattern corner) sits at the margin plus the quiet zone.
      int corner = gen.originX() + 2 * 6;
      assertThat(f.luma()[corner * 512 + corner]).isEqualTo((byte) 0);
      assertThat(f.luma()[(corner - 1) * 512 + corner - 1]).isEqualTo((byte) 255);
    }
  }

  @Test
  void rejectsAFrameSizeTooSmallForTheSymbol() {
    assertThatThrownBy(() -> QrFrameGenerator.builder().version(40).frameSize(100, 100).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("do not fit");
    assertThatThrownBy(() -> QrFrameGenerator.builder().frameSize(0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> QrFrameGenerator.builder().workers(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sequentialModeProducesTheSameFramesAsParallelMode() {
    List<String> texts = List.of("alpha", "beta", "gamma", "delta", "epsilon");
    List<byte[]> seq = new ArrayList<>();
    List<byte[]> par = new ArrayList<>();
    QrFrameGenerator.Builder b = QrFrameGenerator.builder().version(3).modulePixels(2);
    try (QrFrameGenerator s = b.sequential(true).build(); FrameStream f = s.textFrames(texts)) {
      f.forEachRemaining(x -> seq.add(x.luma()));
      assertThat(f.maxInFlight()).isEqualTo(1);
    }
    try (QrFrameGenerator p = b.sequential(false).workers(2).build(); FrameStream f = p.textFrames(texts)) {
      f.forEachRemaining(x -> par.add(x.luma()));
    }
    assertThat(seq).hasSize(5);
    for (int i = 0; i < 5; i++) {
      assertThat(par.get(i)).isEqualTo(seq.get(i));
    }
  }

  @Test
  void pullsInputOnlyAWindowAheadOfTheConsumer() {
    AtomicInteger pulled = new AtomicInteger();
    AtomicInteger maxAhead = new AtomicInteger();
    AtomicInteger consumed = new AtomicInteger();
    byte[] payload = {1, 2, 3};
    Iterator<byte[]> endless = new Iterator<>() {
      @Override
      public boolean hasNext() {
        return pulled.get() < 3000;
      }

      @Override
      public byte[] next() {
        maxAhead.accumulateAndGet(pulled.incrementAndGet() - consumed.get(), Math::max);
        return payload;
      }
    };
    try (QrFrameGenerator gen = QrFrameGenerator.builder().version(1).modulePixels(1).quietZone(0)
        .maskPolicy(MaskPolicy.fixed(0)).workers(2).inFlightFrames(4).build();
        FrameStream frames = gen.frames(endless)) {
      while (frames.hasNext()) {
        frames.next();
        consumed.incrementAndGet();
      }
      assertThat(consumed.get()).isEqualTo(3000);
      // at most the window plus the frame being handed over
      assertThat(maxAhead.get()).isLessThanOrEqualTo(5);
      assertThat(frames.stats().totalFrames()).isEqualTo(3000);
    }
  }

  @Test
  void writeFolderReportsAFrameThatCannotBeWrittenAndWritesTheOthers(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path folder = dir.resolve("frames");
    java.nio.file.Files.createDirectories(folder.resolve("frame_000001.png")); // a folder blocks frame 1
    try (QrFrameGenerator gen = QrFrameGenerator.builder().version(2).workers(2).build()) {
      GenerationStats stats = gen.writeTextFolder(List.of("a", "b", "c"), folder);
      assertThat(stats.totalFrames()).isEqualTo(3);
      assertThat(stats.successfulFrames()).isEqualTo(2);
      assertThat(stats.failures()).singleElement().satisfies(f -> {
        assertThat(f.index()).isEqualTo(1);
        assertThat(f.reason()).contains("frame_000001.png");
      });
    }
    assertThat(folder.resolve("frame_000000.png")).isRegularFile();
    assertThat(folder.resolve("frame_000002.png")).isRegularFile();
    try (var files = java.nio.file.Files.list(folder)) {
      assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList()).isEmpty();
    }
    Path notAFolder = java.nio.file.Files.writeString(dir.resolve("file"), "x");
    try (QrFrameGenerator gen = QrFrameGenerator.builder().version(2).build()) {
      assertThatThrownBy(() -> gen.writeTextFolder(List.of("a"), notAFolder)).isInstanceOf(java.io.IOException.class);
    }
  }

  @Test
  void closeShutsDownTheOwnPoolButNotTheCallersExecutor() {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      QrFrameGenerator own = QrFrameGenerator.builder().version(1).workers(1).build();
      try (FrameStream f = own.textFrames(List.of("x"))) {
        assertThat(f.stream().count()).isEqualTo(1);
      }
      own.close();
      own.close();
      assertThatThrownBy(() -> own.textFrames(List.of("x")).hasNext()).isInstanceOf(IllegalStateException.class);
      assertThat(own.renderFrame(List.of(new byte[] {1}))).isNotEmpty(); // single frames still work

      QrFrameGenerator callers = QrFrameGenerator.builder().version(1).executor(pool).build();
      callers.close();
      try (FrameStream f = callers.textFrames(List.of("y", "z"))) {
        assertThat(f.stream().count()).isEqualTo(2);
      }
      assertThat(pool.isShutdown()).isFalse();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void newBuilderKeepsEveryOption() {
    FrameProgressListener listener = (d, t) -> { };
    try (QrFrameGenerator gen = QrFrameGenerator.builder().version(7).errorCorrection(ErrorCorrection.Q)
        .quietZone(3).grid(2, 2).frameSize(640, 480).maskPolicy(MaskPolicy.fixed(5)).workers(3)
        .inFlightFrames(9).sequential(true).progressListener(listener).build();
        QrFrameGenerator copy = gen.newBuilder().build()) {
      assertThat(copy.layout()).isEqualTo(gen.layout());
      assertThat(copy.maskPolicy()).isEqualTo(MaskPolicy.fixed(5));
      assertThat(copy.frameWidth()).isEqualTo(640);
      assertThat(copy.frameHeight()).isEqualTo(480);
      assertThat(copy.workers()).isEqualTo(3);
      assertThat(copy.inFlightFrames()).isEqualTo(9);
      assertThat(copy.sequential()).isTrue();
      // 2 x 2 symbols of 45 + 6 = 51 modules: 480 / 102 = 4 px per module
      assertThat(copy.layout().modulePixels()).isEqualTo(4);
      assertThat(copy.originX()).isEqualTo((640 - 2 * 51 * 4) / 2);
    }
  }

  @Test
  void streamsOneHundredThousandFramesInASmallHeap() throws Exception {
    // A forked JVM with a 24 MB heap generates 100,000 frames of 32x32 pixels; collecting them would need over
    // 100 MB, so finishing proves the frames are streamed, not retained.
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx24m", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), HundredThousandFrames.class.getName()).redirectErrorStream(true);
    Process p = pb.start();
    StringBuilder out = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        out.append(line).append('\n');
      }
    }
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out.toString()).isZero();
    assertThat(out.toString()).contains("frames=100000 ok=100000");
  }

  /** The child process of {@link #streamsOneHundredThousandFramesInASmallHeap()}. */
  static final class HundredThousandFrames {
    public static void main(String[] args) {
      int n = 100_000;
      AtomicLong checksum = new AtomicLong();
      Iterator<byte[]> payloads = new Iterator<>() {
        int i;

        @Override
        public boolean hasNext() {
          return i < n;
        }

        @Override
        public byte[] next() {
          return Integer.toString(i++ * 7919).getBytes(StandardCharsets.US_ASCII);
        }
      };
      try (QrFrameGenerator gen = QrFrameGenerator.builder().version(1).modulePixels(1).quietZone(0)
          .maskPolicy(MaskPolicy.fixed(0)).workers(2).build();
          FrameStream frames = gen.frames(payloads)) {
        frames.forEachRemaining(f -> checksum.addAndGet(f.luma()[f.luma().length / 2]));
        GenerationStats s = frames.stats();
        long peak = 0;
        for (java.lang.management.MemoryPoolMXBean b : java.lang.management.ManagementFactory
            .getMemoryPoolMXBeans()) {
          if (b.getType() == java.lang.management.MemoryType.HEAP) {
            peak += b.getPeakUsage().getUsed();
          }
        }
        System.out.println("frames=" + s.totalFrames() + " ok=" + s.successfulFrames() + " maxInFlight="
            + frames.maxInFlight() + " peakHeapBytes=" + peak + " fps=" + (long) s.framesPerSecond());
        System.exit(s.totalFrames() == n && s.allSucceeded() ? 0 : 1);
      }
    }
  }
}
