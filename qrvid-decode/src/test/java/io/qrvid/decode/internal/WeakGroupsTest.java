package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * qrvid's reader leaves a group with a weakly confirmed finder pattern unread after failures
 * ({@link QrvidDetector#weakAfterFailures}; issue 9, sixteenth pass).
 */
class WeakGroupsTest {
  private static final double MODULE = 4;
  /** A version-3 symbol: 22 modules between the finder centres. */
  private static final double SIDE = 22 * MODULE;

  private static FinderCandidate at(double x, double y, int hits) {
    FinderCandidate f = new FinderCandidate(x, y, MODULE, 30, 220, 1);
    f.hits = hits;
    return f;
  }

  private static FinderGrouper.Triple triple(int tlHits, int trHits, int blHits) {
    FinderGrouper.Triple t = FinderGrouper.evaluate(at(100, 100, tlHits), at(100 + SIDE, 100, trHits),
        at(100, 100 + SIDE, blHits));
    assertThat(t).isNotNull();
    return t;
  }

  @Test
  void aGroupWithAPatternOnFourRowsOrFewerIsSkippedFromTheThirdFailureSinceTheLastRead() {
    FinderGrouper.Triple weak = triple(20, QrvidDetector.WEAK_HITS, 30);
    assertThat(QrvidDetector.weakAfterFailures(weak, 0)).isFalse();
    assertThat(QrvidDetector.weakAfterFailures(weak, QrvidDetector.WEAK_AFTER_FAILURES - 1)).isFalse();
    assertThat(QrvidDetector.weakAfterFailures(weak, QrvidDetector.WEAK_AFTER_FAILURES)).isTrue();
    assertThat(QrvidDetector.weakAfterFailures(weak, 100)).isTrue();
    // whichever pattern is the weak one
    assertThat(QrvidDetector.weakAfterFailures(triple(1, 20, 20), 3)).isTrue();
    assertThat(QrvidDetector.weakAfterFailures(triple(20, 20, 2), 3)).isTrue();
  }

  @Test
  void aGroupWhosePatternsAllHaveMoreRowsIsAlwaysRead() {
    FinderGrouper.Triple strong = triple(QrvidDetector.WEAK_HITS + 1, 15, 42);
    assertThat(QrvidDetector.weakAfterFailures(strong, 0)).isFalse();
    assertThat(QrvidDetector.weakAfterFailures(strong, 3)).isFalse();
    assertThat(QrvidDetector.weakAfterFailures(strong, 1000)).isFalse();
  }
}
