package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lost-finder recovery's test of a pair's completions ({@link QrvidDetector#completions}): a pair with exactly
 * one candidate where it puts a third pattern is not tried (issue 9, fifteenth pass).
 */
class LostFinderCompletionsTest {
  private static final double MODULE = 4;
  /** A version-3 symbol: 22 modules between the finder centres. */
  private static final double SIDE = 22 * MODULE;

  private static FinderCandidate at(double x, double y) {
    return new FinderCandidate(x, y, MODULE, 30, 220, 1);
  }

  private static int completions(FinderCandidate a, FinderCandidate b, List<FinderCandidate> finders,
      boolean[] seen) {
    return QrvidDetector.completions(finders, QrvidDetector.thirdPlaces(a, b), MODULE, seen);
  }

  @Test
  void theThirdPlacesAreTheSquaresCornersOnBothSidesOfTheSideAndOfTheDiagonal() {
    FinderCandidate tl = at(100, 100);
    FinderCandidate tr = at(100 + SIDE, 100);
    double[][] side = QrvidDetector.thirdPlaces(tl, tr);
    // below and above the top-left, below and above the top-right (y grows downwards)
    assertThat(side).isDeepEqualTo(new double[][] {
        {100, 100 + SIDE}, {100, 100 - SIDE}, {100 + SIDE, 100 + SIDE}, {100 + SIDE, 100 - SIDE},
        {100 + SIDE / 2, 100 + SIDE / 2}, {100 + SIDE / 2, 100 - SIDE / 2}});
    FinderCandidate bl = at(100, 100 + SIDE);
    double[][] diagonal = QrvidDetector.thirdPlaces(tr, bl);
    // the diagonal's two other corners: the top-left and the bottom-right
    assertThat(diagonal[4]).containsExactly(100, 100);
    assertThat(diagonal[5]).containsExactly(100 + SIDE, 100 + SIDE);
  }

  @Test
  void aPairWhoseSymbolsThirdPatternWasFoundHasOneCompletion() {
    FinderCandidate tl = at(100, 100);
    FinderCandidate tr = at(100 + SIDE, 100);
    FinderCandidate bl = at(100 + 1.5 * MODULE, 100 + SIDE - 1.5 * MODULE);
    boolean[] seen = new boolean[6];
    assertThat(completions(tl, tr, List.of(tl, tr, bl), seen)).isEqualTo(1);
    assertThat(seen).containsExactly(true, false, false, false, false, false);
    // the same symbol from its diagonal: the found top-left completes it
    assertThat(completions(tr, bl, List.of(tl, tr, bl), seen)).isEqualTo(1);
    assertThat(seen).containsExactly(false, false, false, false, true, false);
  }

  @Test
  void aPairWithNoOrTwoCompletionsIsNotDropped() {
    FinderCandidate tl = at(100, 100);
    FinderCandidate tr = at(100 + SIDE, 100);
    boolean[] seen = new boolean[6];
    assertThat(completions(tl, tr, List.of(tl, tr), seen)).isZero();
    assertThat(seen).containsOnly(false);
    // more than 3 modules from where the third pattern would be: not a completion
    FinderCandidate off = at(100 + 2.2 * MODULE, 100 + SIDE + 2.2 * MODULE);
    assertThat(completions(tl, tr, List.of(tl, tr, off), seen)).isZero();
    // a candidate on each side of the pair: two completions, at least one of them not the symbol's
    FinderCandidate bl = at(100, 100 + SIDE);
    FinderCandidate above = at(100 + SIDE, 100 - SIDE);
    assertThat(completions(tl, tr, List.of(tl, tr, bl, above), seen)).isEqualTo(2);
    assertThat(seen).containsExactly(true, false, false, true, false, false);
  }
}
