package io.qrvid.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * qrvid-remote depends on neither Humble Video nor any computer-vision library: a full generation (submit, poll,
 * download, store) runs with none of them on the test classpath.
 */
class NoNativeOrVisionClasspathTest {
  @Test
  void generatesAVideoWithHumbleVideoAbsentFromTheClasspath(@TempDir Path out) throws Exception {
    assertThatThrownBy(() -> Class.forName("io.humble.video.Global")).isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("boofcv.factory.fiducial.FactoryFiducial"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("com.google.zxing.qrcode.QRCodeWriter"))
        .isInstanceOf(ClassNotFoundException.class);

    try (FakeVideoServer s = new FakeVideoServer(new ProviderFixture.Gemini());
        JdbcGenerationStore store = JdbcGenerationStore.h2(out.resolve("db"));
        TextToVideoClient client = TextToVideoClient.builder().provider(s.provider()).outputFolder(out)
            .store(store).pollInterval(java.time.Duration.ofMillis(10)).build()) {
      GenerationResult r = client.generate(GenerationRequest.builder("no natives needed").build())
          .get(10, TimeUnit.SECONDS);
      assertThat(Files.readAllBytes(r.video())).isEqualTo(s.video);
      assertThat(store.find(r.generationId()).orElseThrow().status()).isEqualTo(GenerationStatus.COMPLETED);
    }
  }
}
