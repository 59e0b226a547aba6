package io.qrvid.video.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs in the {@code remote-without-humble} surefire execution, whose classpath excludes {@code io.humble:*}: a full
 * generation (submit, poll, download, store) must work without Humble Video.
 */
class NoHumbleClasspathTest {
  @Test
  void generatesAVideoWithHumbleVideoAbsentFromTheClasspath(@TempDir Path out) throws Exception {
    assumeTrue(Boolean.getBoolean("qrvid.test.noHumble"), "only in the remote-without-humble execution");
    assertThatThrownBy(() -> Class.forName("io.humble.video.Global")).isInstanceOf(ClassNotFoundException.class);

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
