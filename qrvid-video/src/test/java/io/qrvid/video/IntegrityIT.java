package io.qrvid.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qrvid.core.TextChunker;
import io.qrvid.video.internal.HumbleDecoderSession;
import io.qrvid.video.internal.HumbleEncoderSession;
import io.qrvid.video.internal.HumbleRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Frames lost or replaced in a copy of the video: rebuilt from parity, or named exactly when there is none. */
class IntegrityIT {
  @TempDir Path tmp;
  static final Map<String, String> DOCS = new LinkedHashMap<>();

  @BeforeAll
  static void setUp() {
    assumeTrue(HumbleRuntime.isAvailable(), "Humble Video natives not available here");
    Random r = new Random(17);
    for (int d = 0; d < 6; d++) {
      StringBuilder sb = new StringBuilder();
      while (sb.length() < 40_000) {
        sb.append(Long.toString(r.nextLong(), 36)).append(r.nextInt(8) == 0 ? ". " : " ");
      }
      DOCS.put("doc" + d + ".txt", sb.toString());
    }
  }

  private Path encode(String name, int paritySymbols) throws IOException {
    Path video = tmp.resolve(name);
    QrVideoEncoder.builder().profile(CodecProfile.fast()).chunker(TextChunker.builder().chunkSize(1500).build())
        .parity(20, paritySymbols).build().encodeTexts(DOCS, video);
    return video;
  }

  /** Re-encodes {@code video} into {@code copy}, replacing the given frames; the index is copied alongside. */
  private static void damagedCopy(Path video, Path copy, Set<Long> frames, List<byte[]> replacements)
      throws IOException, InterruptedException {
    VideoIndex index = VideoIndex.read(VideoIndex.pathFor(video));
    List<byte[]> lumas = new ArrayList<>();
    try (HumbleDecoderSession in = HumbleDecoderSession.open(video, index.codec().fps())) {
      in.readFrames((f, luma, w, h) -> lumas.add(luma));
    }
    assertThat((long) lumas.size()).isEqualTo(index.video().frames());
    int next = 0;
    try (HumbleEncoderSession out = HumbleEncoderSession.open(copy, index.geometry().frameWidth(),
        index.geometry().frameHeight(), CodecProfile.fast())) {
      for (int f = 0; f < lumas.size(); f++) {
        if (frames.contains((long) f)) {
          if (replacements.isEmpty()) {
            byte[] grey = new byte[lumas.get(f).length];
            Arrays.fill(grey, (byte) 128);
            out.write(grey);
          } else {
            out.write(replacements.get(next++ % replacements.size()));
          }
        } else {
          out.write(lumas.get(f));
        }
      }
    }
    Files.copy(VideoIndex.pathFor(video), VideoIndex.pathFor(copy));
  }

  private static Set<Long> fivePercent(long frames, long seed) {
    Random r = new Random(seed);
    Set<Long> picked = new TreeSet<>();
    long n = Math.max(1, Math.round(frames * 0.05));
    while (picked.size() < n) {
      picked.add((long) r.nextInt((int) frames));
    }
    return picked;
  }

  /** How many of {@code positions} hold data symbols (the others hold parity symbols). */
  private static long dataPositions(VideoIndex index, Set<Long> positions) {
    int k = index.geometry().parityData();
    int m = index.geometry().parityShards();
    long data = index.video().dataSymbols();
    return positions.stream().filter(p -> {
      long group = p / (k + m);
      long kg = Math.min(k, data - group * k);
      return p % (k + m) < kg;
    }).count();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void withParityFivePercentLostFramesAreRebuiltAndEveryDocumentIsExact() throws Exception {
    Path video = encode("p.mp4", 4);
    long frames = VideoIndex.read(VideoIndex.pathFor(video)).video().frames();
    Set<Long> lost = fivePercent(frames, 1);
    Path copy = tmp.resolve("p-damaged.mp4");
    damagedCopy(video, copy, lost, List.of());
    try (QrVideoReader reader = QrVideoReader.open(copy)) {
      Map<String, byte[]> back = reader.readAll();
      for (Map.Entry<String, String> e : DOCS.entrySet()) {
        assertThat(back.get(e.getKey())).as(e.getKey()).isEqualTo(utf8(e.getValue()));
      }
      assertThat(reader.lastStats().symbolsUnreadable()).isEqualTo(lost.size());
      assertThat(reader.lastStats().symbolsRebuilt()).isEqualTo(dataPositions(reader.index(), lost)).isPositive();
    }
  }

  @Test
  void withoutParityEveryLostChunkIsNamedAndEveryOtherDocumentIsRestored() throws Exception {
    Path video = encode("n.mp4", 0);
    VideoIndex index = VideoIndex.read(VideoIndex.pathFor(video));
    Set<Long> lost = fivePercent(index.video().frames(), 2);
    Path copy = tmp.resolve("n-damaged.mp4");
    damagedCopy(video, copy, lost, List.of());
    Set<Integer> expectedMissing = new TreeSet<>();
    Set<String> expectedIncomplete = new TreeSet<>();
    for (VideoIndex.ChunkEntry c : index.chunks()) {
      for (long s = c.firstSymbol(); s <= c.lastSymbol(); s++) {
        if (lost.contains(s)) { // one symbol per frame
          expectedMissing.add(c.index());
          expectedIncomplete.add(index.documents().get(c.document()).name());
        }
      }
    }
    assertThat(expectedMissing).isNotEmpty();
    try (QrVideoReader reader = QrVideoReader.open(copy)) {
      assertThatThrownBy(reader::readAll).isInstanceOfSatisfying(QrDecodeException.class, e -> {
        assertThat(e.missingChunks()).containsExactlyElementsOf(expectedMissing);
        assertThat(new TreeSet<>(e.incompleteDocuments())).isEqualTo(expectedIncomplete);
        for (Map.Entry<String, String> d : DOCS.entrySet()) {
          if (!expectedIncomplete.contains(d.getKey())) {
            assertThat(e.recovered().get(d.getKey())).as(d.getKey()).isEqualTo(utf8(d.getValue()));
          } else {
            assertThat(e.recovered()).doesNotContainKey(d.getKey());
          }
        }
      });
    }
  }

  @Test
  void framesFromAnotherVideoAreIgnoredAndRebuiltFromParity() throws Exception {
    Path video = encode("a.mp4", 4);
    Path other = encode("b.mp4", 4); // same settings and text, different video id
    List<byte[]> foreign = new ArrayList<>();
    try (HumbleDecoderSession in = HumbleDecoderSession.open(other, 30)) {
      in.readFrames((f, luma, w, h) -> foreign.add(luma) && foreign.size() < 3);
    }
    long frames = VideoIndex.read(VideoIndex.pathFor(video)).video().frames();
    Set<Long> replaced = fivePercent(frames, 3);
    Path copy = tmp.resolve("a-spliced.mp4");
    damagedCopy(video, copy, replaced, foreign);
    try (QrVideoReader reader = QrVideoReader.open(copy)) {
      Map<String, byte[]> back = reader.readAll();
      assertThat(back.get("doc3.txt")).isEqualTo(utf8(DOCS.get("doc3.txt")));
      assertThat(back).hasSize(DOCS.size());
      assertThat(reader.lastStats().foreignPayloads()).isPositive();
      assertThat(reader.lastStats().symbolsRebuilt()).isEqualTo(dataPositions(reader.index(), replaced))
          .isPositive();
    }
  }
}
