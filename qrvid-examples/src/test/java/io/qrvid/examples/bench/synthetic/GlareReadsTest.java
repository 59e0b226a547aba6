package io.qrvid.examples.bench.synthetic;

import org.junit.jupiter.api.Test;

/**
 * Symbols of the development set under glare that qrvid's reader reads only with the second darkness estimates
 * (the module levels as planes across each window, and the 3x3 blur equaliser): with one dark and one light level
 * per window, the dark modules washed out on a highlight's bright side are read as light (docs/decode.md,
 * "issue 9, ninth pass"). The images are made by the generator, not stored: image {@code i} of a category depends
 * only on the seed, the category and {@code i}.
 */
class GlareReadsTest {
  @Test
  void glare7IsRead() {
    QrvidAloneReads.assertReads(1, Category.GLARE, 7);
  }

  @Test
  void glare18IsRead() {
    QrvidAloneReads.assertReads(1, Category.GLARE, 18);
  }
}
