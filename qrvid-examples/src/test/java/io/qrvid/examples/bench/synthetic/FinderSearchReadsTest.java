package io.qrvid.examples.bench.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrvid.decode.QrDecodeChain;
import io.qrvid.decode.QrDecoderType;
import io.qrvid.decode.QrScanResult;
import java.time.Duration;
import java.util.List;
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
  private static final QrDecodeChain QRVID_ALONE = QrDecodeChain.builder().level1(QrDecoderType.QRVID).level2()
      .timeBudget(Duration.ofSeconds(30)).workers(1).build();

  @Test
  void anOverExposedSymbolIsFoundEdgeToEdge() throws Exception {
    reads(2, Category.BRIGHTNESS, 13);
  }

  @Test
  void symbolsPrintedAsDotsAreFoundOnSmoothedLevels() throws Exception {
    reads(2, Category.NONCOMPLIANT, 1);
    reads(2, Category.NONCOMPLIANT, 7);
    reads(1, Category.NONCOMPLIANT, 5);
  }

  private static void reads(long seed, Category category, int i) throws Exception {
    SyntheticImage img = new HardImageGenerator(seed).generate(category, i);
    String text = img.labels().get(0).text();
    List<QrScanResult> read = QRVID_ALONE.scanAll(img.encoded());
    String what = "seed " + seed + " " + category + " " + i;
    assertThat(read).as(what).anyMatch(r -> r.text().orElse("").equals(text));
    assertThat(read).as(what + ": nothing else").allMatch(r -> r.text().orElse("").equals(text));
  }
}
