package io.qrvid.examples.bench.synthetic;

import org.junit.jupiter.api.Test;

/**
 * Symbols on cylinders of the development set that qrvid's reader reads only through its warped grid (the timing
 * patterns followed module by module, lines across the curvature fitted per strip): before it, qrvid's reader alone
 * read none of these three (docs/decode.md, "issue 9, seventh pass"). The images are made by the generator, not
 * stored: image {@code i} of a category depends only on the seed, the category and {@code i}.
 */
class CurvedReadsTest {
  @Test
  void cylinderSymbolsThatNoHomographyFollowsAreRead() {
    QrvidAloneReads.assertReads(2, Category.CURVED, 3);
    QrvidAloneReads.assertReads(1, Category.CURVED, 3);
    QrvidAloneReads.assertReads(1, Category.CURVED, 7);
  }
}
