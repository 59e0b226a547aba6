package io.qrvid.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrvid.core.ErrorCorrection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class QrScanResultTest {
  @Test
  void foundResultKeepsEveryFieldAndCopiesBytes() {
    byte[] raw = {1, 2, 3};
    QrScanResult r = QrScanResult.builder("t", raw, QrDecoderType.BOOFCV).level(2)
        .preprocessing(List.of(Preprocessing.GREY, Preprocessing.CLAHE)).rotationDegrees(90)
        .corners(List.of(new QrPoint(1, 2))).version(7).errorCorrection(ErrorCorrection.Q)
        .processingTime(Duration.ofMillis(12)).build();
    raw[0] = 9;
    r.rawBytes()[1] = 9;
    assertThat(r.rawBytes()).containsExactly(1, 2, 3);
    assertThat(r.level()).isEqualTo(2);
    assertThat(r.preprocessing()).containsExactly(Preprocessing.GREY, Preprocessing.CLAHE);
    assertThat(r.rotationDegrees()).isEqualTo(90);
    assertThat(r.version()).hasValue(7);
    assertThat(r.errorCorrection()).contains(ErrorCorrection.Q);
    assertThat(r.decoder()).contains(QrDecoderType.BOOFCV);
    assertThat(r.processingTime()).isEqualTo(Duration.ofMillis(12));
    QrScanResult later = r.withProcessingTime(Duration.ofMillis(40));
    assertThat(later.processingTime()).isEqualTo(Duration.ofMillis(40));
    assertThat(later.preprocessing()).containsExactly(Preprocessing.GREY, Preprocessing.CLAHE);
    assertThat(r.toJson()).contains("\"decoder\":\"boofcv\"", "\"processingTimeMs\":12",
        "\"preprocessing\":[\"grey\",\"clahe\"]", "\"errorCorrectionLevel\":\"Q\"");
  }

  @Test
  void notFoundHasNoContentAndLevelZero() {
    QrScanResult r = QrScanResult.notFound(Duration.ofMillis(5));
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
    QrScanResult.Builder b = QrScanResult.builder("t", new byte[0], QrDecoderType.QRVID);
    assertThatThrownBy(() -> b.level(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.version(41)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.processingTime(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.processingTime(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> QrScanResult.notFound(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> QrScanResult.builder("t", null, QrDecoderType.QRVID))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> QrScanResult.builder("t", new byte[0], null))
        .isInstanceOf(NullPointerException.class);
  }
}
