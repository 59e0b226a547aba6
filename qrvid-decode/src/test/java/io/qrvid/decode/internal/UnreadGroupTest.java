package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class UnreadGroupTest {
  /** A white image with one finder pattern (7 by 7 modules of {@code module} pixels) at its centre. */
  private static ScanImage finder(int size, double module) {
    byte[] px = new byte[size * size];
    java.util.Arrays.fill(px, (byte) 255);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        double r = Math.max(Math.abs(x - size / 2) / module, Math.abs(y - size / 2) / module);
        if (r < 3.5 && (r < 1.5 || r >= 2.5)) {
          px[y * size + x] = 0;
        }
      }
    }
    return new ScanImage(new Gray(px, size, size));
  }

  /** Random black and white cells of {@code cell} pixels: a texture with no symbol in it. */
  private static ScanImage cells(int size, int cell, long seed) {
    Random r = new Random(seed);
    int n = (size + cell - 1) / cell;
    boolean[] dark = new boolean[n * n];
    for (int i = 0; i < dark.length; i++) {
      dark[i] = r.nextBoolean();
    }
    byte[] px = new byte[size * size];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        px[y * size + x] = (byte) (dark[(y / cell) * n + x / cell] ? 0 : 255);
      }
    }
    return new ScanImage(new Gray(px, size, size));
  }

  private static int maxHits(ScanImage image) {
    int best = 0;
    for (FinderCandidate c : image.findersIfKnown()) {
      best = Math.max(best, c.hits);
    }
    return best;
  }

  @Test
  void aDrawnFinderPatternOpensLevelTwo() {
    ScanImage image = finder(200, 2);
    image.finders(Deadline.none());
    assertThat(maxHits(image)).isGreaterThanOrEqualTo(UnreadGroup.LEVEL2_EVIDENCE_HITS);
    assertThat(UnreadGroup.anyFinder(image)).isTrue();
  }

  @Test
  void aTextureWhoseCandidatesHaveFewRowsNoLongerOpensLevelTwo() {
    // this texture's best candidate is confirmed on 2 scan rows: the gate before the fourteenth pass
    // (LOOSE_REGION_HITS, 2 rows) ran level 2 on it, the gate of UnreadGroup.LEVEL2_EVIDENCE_HITS (4 rows) does not
    ScanImage image = cells(240, 4, 6);
    image.finders(Deadline.none());
    assertThat(maxHits(image)).isBetween(UnreadGroup.LOOSE_REGION_HITS, UnreadGroup.LEVEL2_EVIDENCE_HITS - 1);
    assertThat(UnreadGroup.anyFinder(image)).isFalse();
  }

  @Test
  void aBlankImageHasNoEvidence() {
    ScanImage image = new ScanImage(new Gray(new byte[200 * 200], 200, 200)); // all black
    image.finders(Deadline.none());
    assertThat(image.findersIfKnown()).isEmpty();
    assertThat(UnreadGroup.anyFinder(image)).isFalse();
  }
}
