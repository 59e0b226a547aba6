package io.qrvid.video.memvid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class MemvidPayloadTest {
  @Test
  void formatsLikePythonJsonDumps() {
    // expected: python3 -c 'import json; print(json.dumps({"id": 3, "text": ..., "frame": 3}))'
    String text = "Caf\u00e9 \"q\" back\\slash\n\t\u2028\uD83D\uDE00 \u007f/";
    assertThat(MemvidPayload.format(3, text, 3)).isEqualTo(
        "{\"id\": 3, \"text\": \"Caf\\u00e9 \\\"q\\\" back\\\\slash\\n\\t\\u2028\\ud83d\\ude00 \\u007f/\", \"frame\": 3}");
  }

  @Test
  void compressesAbove100Characters() throws Exception {
    String shortText = "x".repeat(100 - "{\"id\": 0, \"text\": \"\", \"frame\": 0}".length());
    assertThat(MemvidPayload.format(0, shortText, 0)).startsWith("{").hasSize(100);
    String p = MemvidPayload.format(0, shortText + "y", 0);
    assertThat(p).startsWith("GZ:");
    MemvidPayload parsed = MemvidPayload.parse(p.getBytes(StandardCharsets.US_ASCII));
    assertThat(parsed.text).isEqualTo(shortText + "y");
    assertThat(parsed.compressed).isTrue();
    assertThat(parsed.id).isZero();
    assertThat(parsed.frame).isZero();
  }

  @Test
  void parsesPlainAndCompressedPayloadsWithNonAscii() throws Exception {
    String text = "Z\u00fcrich \u6771\u4eac \uD83D\uDE00";
    MemvidPayload plain = MemvidPayload.parse(("{\"id\": 7, \"text\": \"" + text + "\", \"frame\": 9}")
        .getBytes(StandardCharsets.UTF_8));
    assertThat(plain.text).isEqualTo(text);
    assertThat(plain.id).isEqualTo(7);
    assertThat(plain.frame).isEqualTo(9);
    assertThat(plain.compressed).isFalse();
    MemvidPayload escaped = MemvidPayload.parse(MemvidPayload.format(1, text + " ".repeat(90), 1)
        .getBytes(StandardCharsets.US_ASCII));
    assertThat(escaped.text).isEqualTo(text + " ".repeat(90));
  }

  @Test
  void rejectsDamagedPayloads() throws Exception {
    String good = MemvidPayload.format(0, "a fairly long text ".repeat(10), 0);
    byte[] gz = Base64.getDecoder().decode(good.substring(3));
    gz[gz.length - 6] ^= 0x40;   // a bit of the CRC-32 trailer: gzip notices
    String damaged = "GZ:" + Base64.getEncoder().encodeToString(gz);
    assertThatThrownBy(() -> MemvidPayload.parse(damaged.getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(MemvidPayload.Invalid.class).hasMessageContaining("gzip");
    assertThatThrownBy(() -> MemvidPayload.parse("GZ:***".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(MemvidPayload.Invalid.class).hasMessageContaining("base64");
    assertThatThrownBy(() -> MemvidPayload.parse("{\"id\": 1}".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(MemvidPayload.Invalid.class).hasMessageContaining("text");
    assertThatThrownBy(() -> MemvidPayload.parse("[1, 2]".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(MemvidPayload.Invalid.class).hasMessageContaining("object");
    assertThatThrownBy(() -> MemvidPayload.parse(new byte[] {'{', (byte) 0xC3, '}'}))
        .isInstanceOf(MemvidPayload.Invalid.class).hasMessageContaining("UTF-8");
  }

  @Test
  void refusesGzipBombs() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
      gz.write("{\"text\": \"".getBytes(StandardCharsets.US_ASCII));
      byte[] zeros = new byte[1 << 20];
      java.util.Arrays.fill(zeros, (byte) 'a');
      for (int i = 0; i < 5; i++) {
        gz.write(zeros);
      }
    }
    String bomb = "GZ:" + Base64.getEncoder().encodeToString(b.toByteArray());
    assertThatThrownBy(() -> MemvidPayload.parse(bomb.getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(MemvidPayload.Invalid.class).hasMessageContaining("expands");
  }
}
