package io.qrvid.examples.bench.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrvid.decode.QrDecodeChain;
import io.qrvid.decode.QrDecoderType;
import io.qrvid.decode.QrScanResult;
import java.time.Duration;
import java.util.List;

/**
 * The check the development-set read tests share: one image made by the generator (image {@code i} of a category
 * depends only on the seed, the category and {@code i}) read by qrvid's own reader alone, at levels 1 and 2, with a
 * 30 s budget so that the machine's load decides nothing.
 */
final class QrvidAloneReads {
  private static final QrDecodeChain QRVID_ALONE = QrDecodeChain.builder().level1(QrDecoderType.QRVID).level2()
      .timeBudget(Duration.ofSeconds(30)).workers(1).build();

  private QrvidAloneReads() {}

  /** Asserts that qrvid's reader alone reads image {@code i}'s symbol, and nothing else. */
  static void assertReads(long seed, Category category, int i) {
    SyntheticImage img = new HardImageGenerator(seed).generate(category, i);
    String text = img.labels().get(0).text();
    List<QrScanResult> read = QRVID_ALONE.scanAll(img.encoded());
    String what = "seed " + seed + " " + category.id() + " " + i;
    assertThat(read).as(what).anyMatch(r -> r.text().orElse("").equals(text));
    assertThat(read).as(what + ": nothing else").allMatch(r -> r.text().orElse("").equals(text));
  }
}
