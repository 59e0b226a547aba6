package io.qrvid.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qrvid.core.FrameLayout;
import io.qrvid.core.TextChunker;
import io.qrvid.video.internal.HumbleRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** QrVideoReader.chunksAt: scattered chunks read in one decoder session, with seeks between distant groups. */
class ChunksAtIT {
  @TempDir static Path tmp;
  static Path video;
  static byte[] text;

  @BeforeAll
  static void encode() throws IOException {
    assumeTrue(HumbleRuntime.isAvailable(), "Humble Video natives not available here");
    StringBuilder sb = new StringBuilder();
    Random r = new Random(5);
    while (sb.length() < 240_000) { // more than 200 frames after zstd with a dictionary
      sb.append(Long.toString(r.nextLong(), 36)).append(r.nextInt(8) == 0 ? ".\n" : " ");
    }
    text = sb.toString().getBytes(StandardCharsets.UTF_8);
    video = tmp.resolve("at.mp4");
    QrVideoEncoder.builder().layout(FrameLayout.builder().version(15).build())
        .profile(CodecProfile.dense().newBuilder().gop(12).build())
        .chunker(TextChunker.builder().chunkSize(400).build()).searchIndex(false)
        .build().encodeTexts(Map.of("at.txt", sb.toString()), video);
  }

  private static byte[] expected(VideoIndex.ChunkEntry e) {
    return Arrays.copyOfRange(text, (int) e.byteStart(), (int) e.byteEnd());
  }

  @Test
  void scatteredChunksComeBackExactlyInOneSession() throws IOException {
    try (QrVideoReader reader = QrVideoReader.builder(video).cacheFrames(0).build()) {
      List<VideoIndex.ChunkEntry> chunks = reader.index().chunks();
      assertThat(reader.index().video().frames()).isGreaterThan(200);
      Random r = new Random(3);
      for (int round = 0; round < 5; round++) {
        List<Integer> wanted = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
          wanted.add(r.nextInt(chunks.size()));
        }
        wanted.add(wanted.get(0)); // a duplicate
        Map<Integer, byte[]> got = reader.chunksAt(wanted);
        assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(wanted.stream().distinct().toList());
        got.forEach((i, bytes) -> assertThat(bytes).as("chunk %d", i).isEqualTo(expected(chunks.get(i))));
        // Only the frames near the wanted chunks were decoded, not the video.
        assertThat(reader.lastStats().framesDecoded()).isLessThan(reader.index().video().frames() / 2);
      }
      // Neighbours, the first and the last chunk together.
      List<Integer> edge = List.of(0, 1, chunks.size() - 1, chunks.size() - 2);
      reader.chunksAt(edge).forEach((i, bytes) -> assertThat(bytes).isEqualTo(expected(chunks.get(i))));
      assertThat(reader.chunksAt(List.of())).isEmpty();
      assertThatThrownBy(() -> reader.chunksAt(List.of(chunks.size()))).isInstanceOf(IndexOutOfBoundsException.class);
    }
  }

  @Test
  void cachedFramesAreServedFromTheCache() throws IOException {
    try (QrVideoReader reader = QrVideoReader.open(video)) {
      int n = reader.index().chunks().size();
      List<Integer> wanted = List.of(n / 4, n / 2, 3 * n / 4);
      Map<Integer, byte[]> first = reader.chunksAt(wanted);
      assertThat(reader.lastStats().framesDecoded()).isPositive();
      Map<Integer, byte[]> again = reader.chunksAt(wanted);
      assertThat(reader.lastStats().framesDecoded()).isZero();
      assertThat(again.keySet()).isEqualTo(first.keySet());
      wanted.forEach(i -> assertThat(again.get(i)).isEqualTo(first.get(i)));
    }
  }

  @Test
  void aVideoWithBFramesIsReadExactlyToo() throws IOException {
    // The lossy profile's x264 (preset medium, CRF) reorders frames: B-frames shown up to 5 frames after they are
    // decoded. A seek by decode time can then land after a chunk's frame, and random access must seek again
    // earlier rather than miss it.
    StringBuilder sb = new StringBuilder();
    Random r = new Random(8);
    while (sb.length() < 40_000) {
      sb.append(Long.toString(r.nextLong(), 36)).append(' ');
    }
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    Path v = tmp.resolve("b.mp4");
    QrVideoEncoder.builder().layout(CodecProfile.lossy().layout().newBuilder().version(8).build())
        .profile(CodecProfile.lossy())
        .chunker(TextChunker.builder().chunkSize(150).build()).searchIndex(false)
        .build().encodeTexts(Map.of("b.txt", sb.toString()), v);
    try (QrVideoReader reader = QrVideoReader.builder(v).cacheFrames(0).build()) {
      List<VideoIndex.ChunkEntry> chunks = reader.index().chunks();
      Random pick = new Random(4);
      for (int round = 0; round < 6; round++) {
        List<Integer> wanted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          wanted.add(pick.nextInt(chunks.size()));
        }
        Map<Integer, byte[]> got = reader.chunksAt(wanted);
        assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(wanted.stream().distinct().toList());
        got.forEach((i, b) -> assertThat(b).isEqualTo(Arrays.copyOfRange(bytes, (int) chunks.get(i).byteStart(),
            (int) chunks.get(i).byteEnd())));
      }
    }
  }
}
