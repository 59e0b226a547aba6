package io.qrvid.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qrvid.core.FrameLayout;
import io.qrvid.core.TextChunker;
import io.qrvid.video.internal.HumbleRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RandomAccessIT {
  @TempDir static Path tmp;
  static Path video;
  static byte[] text;

  @BeforeAll
  static void encode() throws IOException {
    assumeTrue(HumbleRuntime.isAvailable(), "Humble Video natives not available here");
    StringBuilder sb = new StringBuilder();
    Random r = new Random(9);
    while (sb.length() < 200_000) {
      sb.append(Long.toString(r.nextLong(), 36)).append(r.nextInt(10) == 0 ? ".\n" : " ");
    }
    text = sb.toString().getBytes(StandardCharsets.UTF_8);
    video = tmp.resolve("ra.mp4");
    QrVideoEncoder.builder()
        .layout(FrameLayout.builder().version(20).build())
        .profile(CodecProfile.dense().newBuilder().gop(8).build())
        .chunker(TextChunker.builder().chunkSize(500).build())
        .build().encodeTexts(Map.of("ra.txt", sb.toString()), video);
  }

  @Test
  void chunkSeeksAndDecodesOnlyAFewFrames() throws IOException {
    try (QrVideoReader reader = QrVideoReader.builder(video).cacheFrames(0).build()) {
      long frames = reader.index().video().frames();
      assertThat(frames).isGreaterThan(100);
      List<VideoIndex.ChunkEntry> chunks = reader.index().chunks();
      for (int i : new int[] {chunks.size() - 1, 0, chunks.size() / 2, chunks.size() / 3}) {
        VideoIndex.ChunkEntry e = chunks.get(i);
        assertThat(reader.chunk(i)).isEqualTo(Arrays.copyOfRange(text, (int) e.byteStart(), (int) e.byteEnd()));
        // From the keyframe before (the chunk's first frame - 8) to its last frame, GOP 8: far fewer than the video.
        assertThat(reader.lastStats().framesDecoded()).as("chunk %d", i).isLessThanOrEqualTo(24);
      }
    }
  }

  @Test
  void chunkRangesAndTheCacheReturnTheSameBytes() throws IOException {
    try (QrVideoReader reader = QrVideoReader.open(video)) {
      List<VideoIndex.ChunkEntry> chunks = reader.index().chunks();
      int from = chunks.size() / 4;
      List<byte[]> range = reader.chunks(from, from + 9);
      assertThat(range).hasSize(10);
      for (int k = 0; k < 10; k++) {
        VideoIndex.ChunkEntry e = chunks.get(from + k);
        assertThat(range.get(k)).isEqualTo(Arrays.copyOfRange(text, (int) e.byteStart(), (int) e.byteEnd()));
      }
      reader.chunk(from + 3); // now served from the cache: no frame decoded
      assertThat(reader.lastStats().framesDecoded()).isLessThanOrEqualTo(range.size() + 16);
      assertThat(reader.chunk(from + 3)).isEqualTo(range.get(3));
    }
  }
}
