package io.qrvid.examples.bench.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrvid.decode.QrDecodeChain;
import io.qrvid.decode.QrDecoderType;
import io.qrvid.decode.QrScanResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Strongly foreshortened symbols of the development set whose three finder patterns qrvid's finder search finds
 * but whose triple only the foreshortened grouping admits (an angle past 120 degrees at the top-left pattern, or a
 * top-left pattern that does not face the longest side): before it, qrvid's reader alone read none of these
 * (docs/decode.md, "issue 9, eighth pass"). The images are made by the generator, not stored: image {@code i} of a
 * category depends only on the seed, the category and {@code i}.
 */
class ForeshortenedReadsTest {
  private static final QrDecodeChain QRVID_ALONE = QrDecodeChain.builder().level1(QrDecoderType.QRVID).level2()
      .timeBudget(Duration.ofSeconds(30)).workers(1).build();

  @Test
  void foreshortenedSymbolsAreGroupedAndRead() throws Exception {
    long[][] cases = {{2, 3}, {2, 4}, {2, 12}, {2, 15}};
    for (long[] c : cases) {
      SyntheticImage img = new HardImageGenerator(c[0]).generate(Category.PERSPECTIVE, (int) c[1]);
      String text = img.labels().get(0).text();
      List<QrScanResult> read = QRVID_ALONE.scanAll(img.encoded());
      assertThat(read).as("seed %d perspective %d", c[0], c[1]).anyMatch(r -> r.text().orElse("").equals(text));
      assertThat(read).as("seed %d perspective %d: nothing else", c[0], c[1])
          .allMatch(r -> r.text().orElse("").equals(text));
    }
  }
}
