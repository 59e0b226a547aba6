package io.qrvid.remote;

import java.time.Duration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GenerationRequestTest {
  @Test
  void rejectsBlankAndOverlongPrompts() {
    assertThatThrownBy(() -> GenerationRequest.builder("  ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GenerationRequest.builder("x".repeat(2001)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2001");
    assertThat(GenerationRequest.builder("x".repeat(2000)).build().prompt()).hasSize(2000);
    // 2000 emoji are 4000 UTF-16 units but 2000 code points: accepted
    assertThat(GenerationRequest.builder("\uD83E\uDD8A".repeat(2000)).build().prompt()).hasSize(4000);
  }

  @Test
  void rejectsDurationsOutside2To60Seconds() {
    assertThatThrownBy(() -> GenerationRequest.builder("p").duration(Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GenerationRequest.builder("p").duration(Duration.ofSeconds(61)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GenerationRequest.builder("p").duration(Duration.ofMillis(4500)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole seconds");
    assertThat(GenerationRequest.builder("p").duration(Duration.ofSeconds(2)).build().duration())
        .isEqualTo(Duration.ofSeconds(2));
    assertThat(GenerationRequest.builder("p").duration(Duration.ofSeconds(60)).build().duration())
        .isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void parsesOnlyTheFourAspectRatiosAndResolutions() {
    assertThat(AspectRatio.parse("4:3")).isEqualTo(AspectRatio.CLASSIC_4_3);
    assertThat(Resolution.parse("4K")).isEqualTo(Resolution.UHD_4K);
    assertThatThrownBy(() -> AspectRatio.parse("21:9")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Resolution.parse("1440p")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsSeedsOutsideUint32AndOddModelNames() {
    assertThatThrownBy(() -> GenerationRequest.builder("p").seed(-1L)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GenerationRequest.builder("p").seed(1L << 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GenerationRequest.builder("p").model("../x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void neverPrintsThePrompt() {
    GenerationRequest r = GenerationRequest.builder("secret launch plan").seed(5L).build();
    assertThat(r.toString()).doesNotContain("secret").contains("seed=5");
  }
}
