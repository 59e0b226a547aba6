package io.qrvid.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qrvid.core.FrameBatch;
import io.qrvid.core.FrameLayout;
import io.qrvid.core.FrameRanges;
import io.qrvid.core.FrameRanges.Range;
import io.qrvid.core.TextChunker;
import io.qrvid.video.internal.HumbleRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Range-parallel reads: every chunk of a range exact, chunks cut by a range's ends handled, no shared state. */
class RangeReadIT {
  @TempDir static Path tmp;
  static Path video;
  static Map<String, byte[]> docs = new LinkedHashMap<>();
  static VideoIndex index;

  @BeforeAll
  static void encode() throws IOException {
    assumeTrue(HumbleRuntime.isAvailable(), "Humble Video natives not available here");
    Random r = new Random(15);
    Map<String, String> texts = new LinkedHashMap<>();
    for (int d = 0; d < 3; d++) {
      StringBuilder sb = new StringBuilder();
      while (sb.length() < 40_000 + d * 15_000) {
        sb.append(Long.toString(r.nextLong(), 36)).append(r.nextInt(8) == 0 ? ".\n" : " ");
      }
      texts.put("doc" + d + ".txt", sb.toString());
      docs.put("doc" + d + ".txt", sb.toString().getBytes(StandardCharsets.UTF_8));
    }
    video = tmp.resolve("ranges.mp4");
    // Version 10 symbols hold ~270 bytes and chunks ~450 stored bytes, so most chunks span two or three frames and
    // range boundaries cut some of them; GOP 10 makes every range start with a real seek.
    QrVideoEncoder.builder()
        .layout(FrameLayout.builder().version(10).build())
        .profile(CodecProfile.dense().newBuilder().gop(10).build())
        .chunker(TextChunker.builder().chunkSize(700).build())
        .build().encodeTexts(texts, video);
    index = VideoIndex.read(VideoIndex.pathFor(video));
  }

  static byte[] chunkBytes(VideoIndex.ChunkEntry e) {
    byte[] doc = docs.get(index.documents().get(e.document()).name());
    return Arrays.copyOfRange(doc, (int) e.byteStart(), (int) e.byteEnd());
  }

  static long firstFrame(VideoIndex.ChunkEntry e) {
    return e.firstSymbol() / index.symbolsPerFrame();
  }

  static long lastFrame(VideoIndex.ChunkEntry e) {
    return e.lastSymbol() / index.symbolsPerFrame();
  }

  @Test
  void theVideoIsLongEnoughForRealRanges() {
    assertThat(index.video().frames()).isGreaterThan(300);
    assertThat(index.chunks()).filteredOn(e -> lastFrame(e) > firstFrame(e)).hasSizeGreaterThan(50);
  }

  @Test
  void wholeReadInParallelRangesIsExactAndReportsItsRanges() throws IOException {
    List<String> events = new CopyOnWriteArrayList<>();
    AtomicLong progress = new AtomicLong();
    try (QrVideoReader reader = QrVideoReader.builder(video).workers(3).minRangeFrames(40)
        .progressListener((done, total) -> progress.accumulateAndGet(done, Math::max))
        .rangeListener(new FrameBatch.Listener() {
          @Override
          public void onRangeFinish(FrameBatch.Outcome<?> outcome) {
            events.add(outcome.range() + " " + outcome.status());
          }
        }).build()) {
      Map<String, byte[]> back = reader.readAll();
      assertThat(back.keySet()).containsExactlyElementsOf(docs.keySet());
      docs.forEach((name, bytes) -> assertThat(back.get(name)).as(name).isEqualTo(bytes));
      FrameBatch.Summary<ReadStats> ranges = reader.lastRanges().orElseThrow();
      assertThat(ranges.ranges()).isEqualTo(FrameRanges.split(0, index.video().frames() - 1, 3));
      assertThat(ranges.succeeded()).isTrue();
      assertThat(ranges.results()).extracting(ReadStats::framesExpected)
          .containsExactlyElementsOf(ranges.ranges().stream().map(Range::size).toList());
      assertThat(events).hasSize(3).allMatch(e -> e.endsWith("SUCCEEDED"));
      assertThat(progress.get()).isEqualTo(index.video().frames());
      ReadStats st = reader.lastStats();
      assertThat(st.symbolsRead()).isEqualTo(index.video().symbols());
      assertThat(st.symbolsUnreadable()).isZero();
      assertThat(st.framesExpected()).isEqualTo(index.video().frames());
      // Each range but the first decodes from the keyframe before its first frame: a few frames more, not the video.
      assertThat(st.framesDecoded()).isBetween(index.video().frames(), index.video().frames() + 2 * (10 + 8));
    }
  }

  @Test
  void oneWorkerReadsOnOneRangeAndAShortReadInOneSession() throws IOException {
    try (QrVideoReader reader = QrVideoReader.builder(video).workers(1).build()) {
      assertThat(reader.readAll().get("doc1.txt")).isEqualTo(docs.get("doc1.txt"));
      assertThat(reader.lastRanges()).get().satisfies(s -> assertThat(s.ranges()).hasSize(1));
    }
    try (QrVideoReader reader = QrVideoReader.builder(video).workers(2).build()) { // default: 4 GOPs per range
      assertThat(reader.readFrames(0, 60).complete()).isTrue();
      assertThat(reader.lastRanges()).as("61 frames < two ranges of 40: one session").isEmpty();
    }
  }

  @Test
  void everyChunkOfEveryRangeIsExactAndCutChunksAreReportedNotGuessed() throws IOException {
    long frames = index.video().frames();
    List<Range> parts = FrameRanges.split(0, frames - 1, 5);
    Map<Integer, Integer> timesRead = new LinkedHashMap<>();
    Set<Integer> cutSomewhere = new TreeSet<>();
    try (QrVideoReader reader = QrVideoReader.builder(video).workers(2).minRangeFrames(20).build()) {
      for (Range part : parts) {
        FrameRangeRead read = reader.readFrames(part.first(), part.last());
        assertThat(read.frames()).isEqualTo(part);
        assertThat(read.complete()).as(read.toString()).isTrue();
        assertThat(read.missingChunks()).isEmpty();
        for (Map.Entry<Integer, byte[]> c : read.chunks().entrySet()) {
          VideoIndex.ChunkEntry e = index.chunks().get(c.getKey());
          assertThat(part.contains(firstFrame(e)) && part.contains(lastFrame(e))).isTrue();
          assertThat(c.getValue()).as("chunk %d", c.getKey()).isEqualTo(chunkBytes(e));
          timesRead.merge(c.getKey(), 1, Integer::sum);
        }
        for (int cut : read.cutChunks()) {
          VideoIndex.ChunkEntry e = index.chunks().get(cut);
          assertThat(read.chunks()).doesNotContainKey(cut);
          assertThat(part.contains(firstFrame(e)) != part.contains(lastFrame(e))).as("chunk %d is cut", cut).isTrue();
          cutSomewhere.add(cut);
        }
      }
      assertThat(cutSomewhere).as("boundaries between 5 ranges cut chunks spanning frames").isNotEmpty();
      // Every chunk is read by exactly one range, or cut by a boundary; never both, never lost.
      for (VideoIndex.ChunkEntry e : index.chunks()) {
        int read = timesRead.getOrDefault(e.index(), 0);
        assertThat(read + (cutSomewhere.contains(e.index()) ? 1 : 0)).as("chunk %d", e.index()).isEqualTo(1);
      }
      // A cut chunk is read whole by a range that covers it.
      int cut = cutSomewhere.iterator().next();
      VideoIndex.ChunkEntry e = index.chunks().get(cut);
      FrameRangeRead wide = reader.readFrames(firstFrame(e), lastFrame(e));
      assertThat(wide.chunks().get(cut)).isEqualTo(chunkBytes(e));
      assertThat(wide.cutChunks()).doesNotContain(cut);
    }
  }

  @Test
  void documentsWhollyInsideARangeAreRebuiltAndVerified() throws IOException {
    VideoIndex.Document d = index.documents().get(1);
    long first = firstFrame(index.chunks().get(d.firstChunk()));
    long last = lastFrame(index.chunks().get(d.firstChunk() + d.chunkCount() - 1));
    try (QrVideoReader reader = QrVideoReader.builder(video).workers(2).minRangeFrames(20).build()) {
      FrameRangeRead read = reader.readFrames(first, last);
      assertThat(read.documents()).containsOnlyKeys("doc1.txt");
      assertThat(read.documents().get("doc1.txt")).isEqualTo(docs.get("doc1.txt"));
      assertThat(reader.lastRanges()).isPresent();
      FrameRangeRead inner = reader.readFrames(first + 1, last);
      assertThat(inner.documents()).isEmpty(); // its first chunk is cut or wholly outside the range
      assertThat(inner.chunks()).doesNotContainKey(d.firstChunk());
      if (lastFrame(index.chunks().get(d.firstChunk())) > first) { // compressed chunks may fit in one frame
        assertThat(inner.cutChunks()).contains(d.firstChunk());
      }
    }
  }

  @Test
  void rejectsRangesOutsideTheVideo() throws IOException {
    long frames = index.video().frames();
    try (QrVideoReader reader = QrVideoReader.open(video)) {
      assertThatThrownBy(() -> reader.readFrames(0, frames)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("0.." + (frames - 1));
      assertThatThrownBy(() -> reader.readFrames(5, 4)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("empty or reversed");
      assertThatThrownBy(() -> reader.readFrames(-1, 4)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void twoRunnersReadDifferentRangesOfTheSameVideoAtOnce() throws Exception {
    long frames = index.video().frames();
    Range a = new Range(0, frames / 2);
    Range b = new Range(frames / 3, frames - 1); // overlapping the first on purpose
    FrameRangeRead soloA;
    FrameRangeRead soloB;
    try (QrVideoReader reader = QrVideoReader.builder(video).workers(1).build()) {
      soloA = reader.readFrames(a.first(), a.last());
      soloB = reader.readFrames(b.first(), b.last());
    }
    // Two partitions of a distributed job on one machine: each has its own reader and its own batch of 2 workers.
    ExecutorService machine = Executors.newFixedThreadPool(2);
    try {
      List<Future<FrameRangeRead>> both = new ArrayList<>();
      for (Range r : List.of(a, b)) {
        both.add(machine.submit(() -> {
          try (QrVideoReader reader = QrVideoReader.builder(video).workers(2).minRangeFrames(20).build()) {
            FrameRangeRead read = reader.readFrames(r.first(), r.last());
            assertThat(reader.lastRanges()).isPresent();
            return read;
          }
        }));
      }
      FrameRangeRead ra = both.get(0).get();
      FrameRangeRead rb = both.get(1).get();
      assertThat(ra.chunks().keySet()).isEqualTo(soloA.chunks().keySet());
      assertThat(rb.chunks().keySet()).isEqualTo(soloB.chunks().keySet());
      assertThat(ra.cutChunks()).isEqualTo(soloA.cutChunks());
      assertThat(rb.cutChunks()).isEqualTo(soloB.cutChunks());
      for (FrameRangeRead read : List.of(ra, rb)) {
        assertThat(read.complete()).isTrue();
        read.chunks().forEach((i, bytes) -> assertThat(bytes).isEqualTo(chunkBytes(index.chunks().get(i))));
      }
      Set<Integer> shared = new HashSet<>(ra.chunks().keySet());
      shared.retainAll(rb.chunks().keySet());
      assertThat(shared).as("the overlap is read by both, independently").isNotEmpty();
    } finally {
      machine.shutdownNow();
    }
  }

  @Test
  void aTruncatedVideoLosesOnlyTheChunksBeyondTheCutAndNamesTheFailedRanges() throws IOException {
    Path cut = tmp.resolve("cut.mp4");
    byte[] bytes = Files.readAllBytes(video);
    Files.write(cut, Arrays.copyOf(bytes, bytes.length * 2 / 3));
    Files.copy(VideoIndex.pathFor(video), VideoIndex.pathFor(cut));
    try (QrVideoReader reader = QrVideoReader.builder(cut).workers(3).minRangeFrames(40).build()) {
      assertThatThrownBy(reader::readAll).isInstanceOfSatisfying(QrDecodeException.class, e -> {
        assertThat(e.missingChunks()).isNotEmpty().doesNotContain(0);
        assertThat(e.recovered()).containsKey("doc0.txt");
        e.recovered().forEach((name, doc) -> assertThat(doc).as(name).isEqualTo(docs.get(name)));
      });
      FrameBatch.Summary<ReadStats> ranges = reader.lastRanges().orElseThrow();
      assertThat(ranges.failures()).isNotEmpty();
      assertThat(ranges.outcomes().get(0).status()).isEqualTo(FrameBatch.Status.SUCCEEDED);
      assertThat(ranges.failures()).allSatisfy(f -> assertThat(f.cause()).get().isInstanceOf(IOException.class));
    }
  }

  @Test
  void corruptedVideosReadInRangesNeverGiveWrongBytes() throws Exception {
    byte[] original = Files.readAllBytes(video);
    Random random = new Random(1515);
    for (int t = 0; t < 8; t++) {
      byte[] bytes = original.clone();
      String what;
      if (t % 3 == 0) {
        int cut = original.length / 4 + random.nextInt(original.length / 2);
        bytes = Arrays.copyOf(bytes, cut);
        what = "truncated at " + cut;
      } else if (t % 3 == 1) {
        int at = original.length / 10 + random.nextInt(original.length * 8 / 10);
        for (int k = 0; k < 64; k++) {
          bytes[at + k] = (byte) random.nextInt(256);
        }
        what = "64 random bytes at " + at;
      } else {
        for (int k = 0; k < 200; k++) {
          int at = 4096 + random.nextInt(original.length - 4096);
          bytes[at] ^= (byte) (1 << random.nextInt(8));
        }
        what = "200 bit flips";
      }
      Path damaged = tmp.resolve("damaged" + t + ".mp4");
      Files.write(damaged, bytes);
      Files.copy(VideoIndex.pathFor(video), VideoIndex.pathFor(damaged),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(120), () -> {
        try (QrVideoReader reader = QrVideoReader.builder(damaged).workers(3).minRangeFrames(40).build()) {
          Map<String, byte[]> back;
          try {
            back = reader.readAll();
          } catch (QrDecodeException e) {
            back = e.recovered();
          }
          back.forEach((name, doc) -> assertThat(doc).as(what + ": " + name).isEqualTo(docs.get(name)));
        }
      }, what);
    }
  }
}
