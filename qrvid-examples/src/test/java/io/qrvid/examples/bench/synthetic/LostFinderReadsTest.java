package io.qrvid.examples.bench.synthetic;

import org.junit.jupiter.api.Test;

/**
 * A symbol of the development set with one finder pattern lost under damage and the other two foreshortened, that
 * qrvid's reader reads only once the lost pattern is placed by the timing pattern leaving the corner pattern: the
 * right-angle prediction misses it by 9 modules and its own template cannot be matched there (docs/decode.md,
 * "issue 9, eighth pass"). The image is made by the generator, not stored: image {@code i} of a category depends
 * only on the seed, the category and {@code i}.
 */
class LostFinderReadsTest {
  @Test
  void aLostFinderPatternIsPlacedByTheTimingPattern() {
    QrvidAloneReads.assertReads(2, Category.DAMAGED, 14);
  }
}
