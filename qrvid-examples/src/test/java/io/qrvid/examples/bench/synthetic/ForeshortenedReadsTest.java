package io.qrvid.examples.bench.synthetic;

import org.junit.jupiter.api.Test;

/**
 * Strongly foreshortened symbols of the development set whose three finder patterns qrvid's finder search finds
 * but whose triple only the foreshortened grouping admits (an angle past 120 degrees at the top-left pattern, or a
 * top-left pattern that does not face the longest side): before it, qrvid's reader alone read none of these
 * (docs/decode.md, "issue 9, eighth pass"). The images are made by the generator, not stored: image {@code i} of a
 * category depends only on the seed, the category and {@code i}.
 */
class ForeshortenedReadsTest {
  @Test
  void foreshortenedSymbolsAreGroupedAndRead() {
    for (int i : new int[] {3, 4, 12, 15}) {
      QrvidAloneReads.assertReads(2, Category.PERSPECTIVE, i);
    }
  }
}
