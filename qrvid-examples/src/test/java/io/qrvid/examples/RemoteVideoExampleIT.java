package io.qrvid.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrvid.remote.GenerationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's remote quick start ({@link RemoteVideoExample#generate}) runs against a {@link LocalGeminiServer}.
 * {@code QuickStartDriftTest} checks that the README shows it verbatim.
 */
class RemoteVideoExampleIT {
  @TempDir Path tmp;

  @Test
  void theQuickStartGeneratesAVideoAgainstAGeminiShapedServer() throws Exception {
    byte[] video = new byte[50_000];
    new Random(5).nextBytes(video);
    try (LocalGeminiServer server = LocalGeminiServer.start("k", video)) {
      GenerationResult r = RemoteVideoExample.generate(server.baseUrl(), "k", tmp);

      assertThat(Files.readAllBytes(r.video())).isEqualTo(video);
      assertThat(r.video().getParent()).isEqualTo(tmp);
      assertThat(tmp.resolve("generations.mv.db")).exists();
      assertThat(server.requests()).isGreaterThanOrEqualTo(4); // submit, two polls, download
    }
  }

  @Test
  void aWrongKeyFailsTheGeneration() throws Exception {
    try (LocalGeminiServer server = LocalGeminiServer.start("k", new byte[10])) {
      assertThatThrownBy(() -> RemoteVideoExample.generate(server.baseUrl(), "wrong", tmp))
          .isInstanceOf(CompletionException.class).hasMessageContaining("401");
    }
  }
}
