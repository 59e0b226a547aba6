package io.qrvid.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qrvid.core.FrameLayout;
import io.qrvid.video.internal.HumbleRuntime;
import io.qrvid.core.MaskPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parity interleaved across GOPs survives a lost GOP (one fragment's frames zeroed); parity without does not. */
class ParityInterleaveIT {
  @TempDir Path tmp;
  static final Map<String, String> DOCS = new LinkedHashMap<>();

  @BeforeAll
  static void docs() {
    assumeTrue(HumbleRuntime.isAvailable(), "Humble Video natives not available here");
    Random r = new Random(5);
    for (int d = 0; d < 4; d++) {
      DOCS.put("doc" + d + ".txt", Issue13VideoIT.text(r, 6000));
    }
  }

  private Path encodeAndCutOneFragment(String name, int interleave) throws IOException {
    Path v = tmp.resolve(name);
    // The mask is pinned so that x264's scene cuts, and with them the fragment boundaries, stay where this test
    // expects them: the third fragment then holds a whole 6-frame GOP, more than a group's 2 parity symbols.
    QrVideoEncoder.Builder b = Issue13VideoIT.encoder().newBuilder().maskPolicy(MaskPolicy.fixed(0)).parity(8, 2);
    QrVideoEncoder e = b.parityInterleave(interleave).build();
    e.encodeTexts(DOCS, v);
    byte[] all = Files.readAllBytes(v);
    List<long[]> fragments = Mp4Boxes.fragments(all);
    assertThat(fragments).hasSizeGreaterThan(4);
    // Zero the coded frames of one fragment (one GOP): its frames are lost, the fragments around it are intact.
    long[] f = fragments.get(2);
    List<long[]> boxes = Mp4Boxes.boxes(all);
    long[] mdat = boxes.stream().filter(x -> x[0] < f[1] && x[1] == f[1]).findFirst().orElseThrow();
    byte[] cut = all.clone();
    Arrays.fill(cut, (int) mdat[0] + 8, (int) mdat[1], (byte) 0);
    Files.write(v, cut);
    return v;
  }

  @Test
  void gopInterleavedParityRebuildsALostGop() throws IOException {
    QrVideoEncoder e = Issue13VideoIT.encoder();
    int depth = QrVideoEncoder.gopInterleave(e.profile(), e.layout(), 2);
    assertThat(depth).isEqualTo(3); // GOP 6, one symbol per frame, 2 parity symbols per group
    Path v = encodeAndCutOneFragment("interleaved.mp4", depth);
    assertThat(VideoIndex.read(VideoIndex.pathFor(v)).geometry().parityInterleave()).isEqualTo(depth);
    try (QrVideoReader reader = QrVideoReader.open(v)) {
      Map<String, byte[]> back = reader.readAll();
      for (Map.Entry<String, String> d : DOCS.entrySet()) {
        assertThat(back.get(d.getKey())).isEqualTo(d.getValue().getBytes(StandardCharsets.UTF_8));
      }
      assertThat(reader.lastStats().symbolsRebuilt()).isPositive();
    }
  }

  @Test
  void groupedParityLosesChunksWithALostGop() throws IOException {
    Path v = encodeAndCutOneFragment("grouped.mp4", 1);
    assertThat(VideoIndex.read(VideoIndex.pathFor(v)).geometry().parityInterleave()).isNull();
    try (QrVideoReader reader = QrVideoReader.open(v)) {
      assertThatThrownBy(reader::readAll).isInstanceOfSatisfying(QrDecodeException.class,
          x -> assertThat(x.missingChunks()).isNotEmpty());
    }
  }
}
