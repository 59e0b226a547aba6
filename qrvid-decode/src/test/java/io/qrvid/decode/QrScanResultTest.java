package io.qrvid.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class QrScanResultTest {
  @Test
  void foundResultKeepsEveryFieldAndCopiesBytes() {
    byte[] raw = {1, 2, 3};
    QrScanResult r = QrScanResult.builder("t", raw, "boofcv").level(2).preprocessing(List.of("grey", "clahe"))
        .rotationDegrees(90).corners(List.of(new QrPoint(1, 2))).version(7).errorCorrectionLevel("Q")
        .processingTimeMs(12).build();
    raw[0] = 9;
    r.rawBytes()[1] = 9;
    assertThat(r.rawBytes()).containsExactly(1, 2, 3);
    assertThat(r.level()).isEqualTo(2);
    assertThat(r.preprocessing()).containsExactly("grey", "clahe");
    assertThat(r.rotationDegrees()).isEqualTo(90);
    assertThat(r.version()).hasValue(7);
    assertThat(r.errorCorrectionLevel()).contains("Q");
    assertThat(r.withProcessingTimeMs(40).processingTimeMs()).isEqualTo(40);
    assertThat(r.withProcessingTimeMs(40).preprocessing()).containsExactly("grey", "clahe");
  }

  @Test
  void notFoundHasNoContentAndLevelZero() {
    QrScanResult r = QrScanResult.notFound(5);
    assertThat(r.found()).isFalse();
    assertThat(r.text()).isEmpty();
    assertThat(r.decoder()).isEmpty();
    assertThat(r.rawBytes()).isEmpty();
    assertThat(r.level()).isZero();
    assertThat(r.version()).isEmpty();
    assertThat(r.toJson()).startsWith("{\"found\":false,\"text\":null,");
  }

  @Test
  void builderRejectsBadValues() {
    QrScanResult.Builder b = QrScanResult.builder("t", new byte[0], "x");
    assertThatThrownBy(() -> b.level(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.version(41)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.errorCorrectionLevel("X")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.processingTimeMs(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> QrScanResult.notFound(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> QrScanResult.builder("t", null, "x")).isInstanceOf(NullPointerException.class);
  }
}
