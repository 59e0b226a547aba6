package io.qrvid.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChecksumsTest {
  private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

  @Test
  void crc32cOfTheStandardCheckStringIsE3069283() {
    // RFC 3720 B.4 / the CRC catalogue's check value for CRC-32C
    assertThat(Crc32c.of(CHECK).toString()).isEqualTo("e3069283");
    assertThat(Crc32c.of(CHECK).value()).isEqualTo(FramePayload.crc32c(CHECK));
    assertThat(Crc32c.parse("E3069283")).isEqualTo(Crc32c.of(CHECK));
    assertThat(Crc32c.of(CHECK).matches(CHECK)).isTrue();
    assertThat(new Crc32c(0x0000ab).toString()).isEqualTo("000000ab");
  }

  @Test
  void crc32cTextMustBeEightHexDigits() {
    for (String bad : new String[] {"", "e306928", "e30692830", "e306928g", "-3069283", "\uff10\uff10\uff10\uff10\uff10\uff10\uff10\uff10"}) {
      assertThatThrownBy(() -> Crc32c.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void sha256OfAbcIsTheFipsExample() {
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
    String hex = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; // FIPS 180-4 example
    assertThat(Sha256.of(abc).toString()).isEqualTo(hex);
    assertThat(Sha256.parse(hex.toUpperCase())).isEqualTo(Sha256.of(abc)).hasSameHashCodeAs(Sha256.of(abc));
    assertThat(Sha256.parse(hex).matches(abc)).isTrue();
    assertThat(Sha256.parse(hex).matches(CHECK)).isFalse();
    assertThatThrownBy(() -> Sha256.parse(hex.substring(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Sha256.parse(hex.substring(1) + "z")).isInstanceOf(IllegalArgumentException.class);
  }
}
