package io.qrvid.examples.bench.synthetic;

import org.junit.jupiter.api.Test;

/**
 * Blurred symbols of the development set whose timing patterns show no colour change at the finder patterns'
 * threshold (blur wider than a module shrinks the one-module alternation to a few grey levels about a local level
 * that is not that threshold), so that qrvid's reader rejected their groups before sampling; judged on the module
 * centres' own local levels ({@code TimingAlternation}) they pass and decode (docs/decode.md, "issue 9, tenth
 * pass"). The images are made by the generator, not stored: image {@code i} of a category depends only on the
 * seed, the category and {@code i}.
 */
class BlurTimingReadsTest {
  @Test
  void blurred9IsRead() {
    QrvidAloneReads.assertReads(2, Category.BLURRED, 9);
  }

  @Test
  void blurred14IsRead() {
    QrvidAloneReads.assertReads(2, Category.BLURRED, 14);
  }
}
