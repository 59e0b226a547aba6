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

  /**
   * Symbols on cylinders that qrvid's reader reads on its cylinder grid (the image of a symbol wrapped round a
   * cylinder, fitted to both timing patterns, the finder patterns and the alignment patterns): main's reader before
   * it read none of these five (versions 4, 6, 11, 12 and 5; docs/decode.md, "issue 9, tenth pass").
   */
  @Test
  void cylinderGridReadsWhatTheWarpedGridLost() {
    QrvidAloneReads.assertReads(2, Category.CURVED, 5);
    QrvidAloneReads.assertReads(2, Category.CURVED, 9);
    QrvidAloneReads.assertReads(2, Category.CURVED, 13);
    QrvidAloneReads.assertReads(1, Category.CURVED, 12);
    QrvidAloneReads.assertReads(1, Category.CURVED, 16);
  }
}
