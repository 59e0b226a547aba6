package io.qrvid.examples.bench.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrvid.decode.QrDecodeChain;
import io.qrvid.decode.QrDecoderType;
import io.qrvid.decode.QrScanResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Symbols of the development set under glare that qrvid's reader reads only with the second darkness estimates
 * (the module levels as planes across each window, and the 3x3 blur equaliser): with one dark and one light level
 * per window, the dark modules washed out on a highlight's bright side are read as light (docs/decode.md,
 * "issue 9, ninth pass"). The images are made by the generator, not stored: image {@code i} of a category depends
 * only on the seed, the category and {@code i}.
 */
class GlareReadsTest {
  private static final QrDecodeChain QRVID_ALONE = QrDecodeChain.builder().level1(QrDecoderType.QRVID).level2()
      .timeBudget(Duration.ofSeconds(30)).workers(1).build();

  @Test
  void glare7IsRead() throws Exception {
    readsSeed1Glare(7);
  }

  @Test
  void glare18IsRead() throws Exception {
    readsSeed1Glare(18);
  }

  private static void readsSeed1Glare(int index) throws Exception {
    SyntheticImage img = new HardImageGenerator(1).generate(Category.GLARE, index);
    String text = img.labels().get(0).text();
    List<QrScanResult> read = QRVID_ALONE.scanAll(img.encoded());
    assertThat(read).as("seed 1 glare " + index).anyMatch(r -> r.text().orElse("").equals(text));
    assertThat(read).as("seed 1 glare " + index + ": nothing else").allMatch(r -> r.text().orElse("").equals(text));
  }
}
