package io.qrvid.examples.bench.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrvid.decode.QrDecodeChain;
import io.qrvid.decode.QrDecoderType;
import io.qrvid.decode.QrScanResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Symbols on cylinders of the development set that qrvid's reader reads only through its warped grid (the timing
 * patterns followed module by module, lines across the curvature fitted per strip): before it, qrvid's reader alone
 * read none of these three (docs/decode.md, "issue 9, seventh pass"). The images are made by the generator, not
 * stored: image {@code i} of a category depends only on the seed, the category and {@code i}.
 */
class CurvedReadsTest {
  private static final QrDecodeChain QRVID_ALONE = QrDecodeChain.builder().level1(QrDecoderType.QRVID).level2()
      .timeBudget(Duration.ofSeconds(30)).workers(1).build();

  @Test
  void cylinderSymbolsThatNoHomographyFollowsAreRead() throws Exception {
    long[][] cases = {{2, 3}, {1, 3}, {1, 7}};
    for (long[] c : cases) {
      SyntheticImage img = new HardImageGenerator(c[0]).generate(Category.CURVED, (int) c[1]);
      String text = img.labels().get(0).text();
      List<QrScanResult> read = QRVID_ALONE.scanAll(img.encoded());
      assertThat(read).as("seed %d curved %d", c[0], c[1]).anyMatch(r -> r.text().orElse("").equals(text));
      assertThat(read).as("seed %d curved %d: nothing else", c[0], c[1]).allMatch(r -> r.text().orElse("").equals(text));
    }
  }
}
