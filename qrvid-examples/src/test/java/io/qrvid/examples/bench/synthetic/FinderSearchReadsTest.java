package io.qrvid.examples.bench.synthetic;

import org.junit.jupiter.api.Test;

/**
 * Symbols of the development set whose finder patterns qrvid's finder search missed everywhere (docs/decode.md,
 * "issue 9, ninth pass"): an over-exposed version 1 whose dark rings are half their width (found edge to edge),
 * and symbols printed as dots (found on 3x3-box-smoothed pyramid levels), both by the second look that qrvid's
 * reader takes when it read nothing.
 * qrvid's reader alone reads each; before this pass it read none of them. The images are made by the generator, not
 * stored: image {@code i} of a category depends only on the seed, the category and {@code i}.
 */
class FinderSearchReadsTest {
  @Test
  void anOverExposedSymbolIsFoundEdgeToEdge() {
    QrvidAloneReads.assertReads(2, Category.BRIGHTNESS, 13);
  }

  @Test
  void symbolsPrintedAsDotsAreFoundOnSmoothedLevels() {
    QrvidAloneReads.assertReads(2, Category.NONCOMPLIANT, 1);
    QrvidAloneReads.assertReads(2, Category.NONCOMPLIANT, 7);
    QrvidAloneReads.assertReads(1, Category.NONCOMPLIANT, 5);
  }
}
