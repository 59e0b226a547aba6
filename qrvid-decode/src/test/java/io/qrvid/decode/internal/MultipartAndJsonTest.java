package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrvid.core.ErrorCorrection;
import io.qrvid.decode.QrDecoderType;
import io.qrvid.decode.QrScanResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MultipartAndJsonTest {
  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void readsBoundaryIncludingQuotedForm() {
    assertThat(Multipart.boundary("multipart/form-data; boundary=abc")).isEqualTo("abc");
    assertThat(Multipart.boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b\"")).isEqualTo("a b");
    assertThat(Multipart.boundary("image/png")).isNull();
    assertThat(Multipart.boundary(null)).isNull();
  }

  @Test
  void picksTheFilePartOverOtherFields() {
    byte[] body = ascii("--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nfield\r\n"
        + "--b\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"q.png\"\r\n\r\nPNG\r\nDATA\r\n--b--\r\n");
    assertThat(new String(Multipart.firstFile(body, "b"), StandardCharsets.ISO_8859_1)).isEqualTo("PNG\r\nDATA");
  }

  @Test
  void fallsBackToFirstPartAndReturnsNullWithoutParts() {
    byte[] body = ascii("--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nonly\r\n--b--\r\n");
    assertThat(new String(Multipart.firstFile(body, "b"), StandardCharsets.ISO_8859_1)).isEqualTo("only");
    assertThat(Multipart.firstFile(ascii("no parts at all"), "b")).isNull();
    assertThat(Multipart.firstFile(ascii("--b\r\nbroken"), "b")).isNull();
  }

  @Test
  void parsesRemoteShapes() throws IOException {
    assertThat(Json.parseRemote(ascii("[{\"text\":\"a\"}]"), "r").text()).contains("a");
    assertThat(Json.parseRemote(ascii("[]"), "r")).isNull();
    assertThat(Json.parseRemote(ascii("{\"results\":[]}"), "r")).isNull();
    assertThat(Json.parseRemote(ascii("{\"found\":false,\"text\":\"ignored\"}"), "r")).isNull();
    QrScanResult bytesOnly = Json.parseRemote(ascii("{\"rawBytesBase64\":\"/w==\"}"), "r");
    assertThat(bytesOnly.rawBytes()).containsExactly((byte) 0xff);
    assertThat(bytesOnly.decoder()).contains(QrDecoderType.REMOTE);
    assertThatThrownBy(() -> Json.parseRemote(ascii("\"just a string\""), "r")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> Json.parseRemote(ascii("{\"rawBytesBase64\":\"***\"}"), "r"))
        .isInstanceOf(IOException.class);
  }

  @Test
  void roundTripsOwnJson() throws IOException {
    QrScanResult r = QrScanResult.builder("héllo", "héllo".getBytes(StandardCharsets.UTF_8), QrDecoderType.BOOFCV)
        .version(2).errorCorrection(ErrorCorrection.H).build();
    QrScanResult back = Json.parseRemote(r.toJson().getBytes(StandardCharsets.UTF_8), "remote");
    assertThat(back.text()).contains("héllo");
    assertThat(back.rawBytes()).isEqualTo(r.rawBytes());
    assertThat(back.version()).hasValue(2);
    assertThat(back.errorCorrection()).contains(ErrorCorrection.H);
    assertThat(back.decoder()).contains(QrDecoderType.REMOTE);
    assertThat(back.level()).isEqualTo(3);
  }
}
