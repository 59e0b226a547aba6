package io.qrvid.examples.bench.synthetic;

import org.junit.jupiter.api.Test;

/**
 * Symbols of the development set with one finder pattern lost under a bright spot or glare that qrvid's reader
 * reads only once the lost pattern is placed by the correlation of its ring structure and of the timing patterns
 * with what must be there ({@code LostFinderPlacer}), or once the pair of a version 1 is formed at all: the
 * template's contrast test finds nothing under the highlight, and the timing pattern's grey-level alternation
 * placed it 2-10 modules off or led to a read beyond the recovery's error-correction share (docs/decode.md,
 * "issue 9, tenth pass"). The images are made by the generator, not stored: image {@code i} of a category depends
 * only on the seed, the category and {@code i}.
 */
class LostFinderPlacementReadsTest {
  @Test
  void aPatternUnderABrightSpotIsPlacedByItsRings() {
    QrvidAloneReads.assertReads(2, Category.BRIGHT_SPOTS, 16);
  }

  @Test
  void aPatternUnderGlareIsPlacedByItsRings() {
    QrvidAloneReads.assertReads(2, Category.GLARE, 11);
  }

  @Test
  void aLostTopLeftPatternIsPlacedFromTheDiagonal() {
    QrvidAloneReads.assertReads(1, Category.BRIGHT_SPOTS, 4);
  }

  @Test
  void theSideOfAVersion1IsPaired() {
    QrvidAloneReads.assertReads(2, Category.BRIGHT_SPOTS, 0);
  }
}
