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

  private static String part(String body, String boundary) {
    return new String(Multipart.imagePart(ascii(body), boundary), StandardCharsets.ISO_8859_1);
  }

  @Test
  void readsBoundaryIncludingQuotedForm() {
    assertThat(Multipart.boundary("multipart/form-data; boundary=abc")).isEqualTo("abc");
    assertThat(Multipart.boundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b\"")).isEqualTo("a b");
    assertThat(Multipart.boundary("multipart/form-data; boundary=" + "x".repeat(70))).hasSize(70);
    assertThat(Multipart.isMultipart("image/png")).isFalse();
    assertThat(Multipart.isMultipart(null)).isFalse();
    assertThat(Multipart.isMultipart(" multipart/form-data; boundary=a")).isTrue();
  }

  @Test
  void rejectsBoundariesRfc2046Forbids() {
    assertThatThrownBy(() -> Multipart.boundary("multipart/form-data"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without a boundary");
    assertThatThrownBy(() -> Multipart.boundary("multipart/form-data; boundary=" + "x".repeat(71)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("71 characters");
    assertThatThrownBy(() -> Multipart.boundary("multipart/form-data; boundary=" + "b".repeat(10240)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10240 characters");
    assertThatThrownBy(() -> Multipart.boundary("multipart/form-data; boundary=\"a{b\""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{");
    assertThatThrownBy(() -> Multipart.boundary("multipart/form-data; boundary=\"ab \""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void picksTheFilePartOverOtherFields() {
    assertThat(part("--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nfield\r\n"
        + "--b\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"q.png\"\r\n\r\nPNG\r\nDATA\r\n--b--\r\n",
        "b")).isEqualTo("PNG\r\nDATA");
    assertThat(part("preamble\r\n--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nfield\r\n"
        + "--b\r\ncontent-disposition: form-data; name=image\r\nContent-Type: image/png\r\n\r\nIMG\r\n--b--",
        "b")).isEqualTo("IMG");
    // a quoted ';' and an escaped quote inside the name do not confuse the parameters
    assertThat(part("--b\r\nContent-Disposition: form-data; name=\"a;\\\"b\"\r\n\r\none\r\n"
        + "--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\ntwo\r\n--b--\r\n", "b")).isEqualTo("two");
  }

  @Test
  void fallsBackToFirstPartAndAllowsEmptyParts() {
    assertThat(part("--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nonly\r\n--b--\r\n", "b"))
        .isEqualTo("only");
    assertThat(part("--b\r\n\r\nno headers\r\n--b--", "b")).isEqualTo("no headers");
    assertThat(part("--b\r\nContent-Disposition: form-data; name=\"image\"\r\n\r\n\r\n--b--", "b")).isEmpty();
    // content resembling the delimiter without being it (no CRLF before, LF only, one dash)
    assertThat(part("--b\r\nContent-Disposition: form-data; name=\"image\"\r\n\r\nx--b y\n--b\r\n-b\r\n--b--", "b"))
        .isEqualTo("x--b y\n--b\r\n-b");
  }

  @Test
  void malformedBodiesAreRejectedWithAReason() {
    assertThatThrownBy(() -> part("no parts at all", "b")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("without its boundary");
    assertThatThrownBy(() -> part("--b\r\nbroken", "b")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("end of its headers");
    assertThatThrownBy(() -> part("--b\r\n\r\ndata without end", "b")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("closing boundary");
    assertThatThrownBy(() -> part("--bX\r\n\r\n", "b")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CRLF");
    assertThatThrownBy(() -> part("--b--\r\n", "b")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("without a part");
    assertThatThrownBy(() -> part("--b\r\nX: " + "h".repeat(9000) + "\r\n\r\nd\r\n--b--", "b"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("headers longer than");
    StringBuilder many = new StringBuilder();
    for (int i = 0; i <= Multipart.MAX_PARTS; i++) {
      many.append("--b\r\nContent-Disposition: form-data; name=\"f").append(i).append("\"\r\n\r\nv\r\n");
    }
    many.append("--b--");
    assertThatThrownBy(() -> part(many.toString(), "b")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than 100 parts");
  }

  /**
   * The delimiter search is Knuth-Morris-Pratt: it finds every occurrence a naive search finds, on random bodies
   * over a two-letter alphabet with self-overlapping patterns (the cases where a wrong failure function breaks).
   */
  @Test
  void searchAgreesWithANaiveSearch() {
    java.util.Random random = new java.util.Random(42);
    for (int trial = 0; trial < 2000; trial++) {
      byte[] p = new byte[1 + random.nextInt(6)];
      for (int i = 0; i < p.length; i++) {
        p[i] = (byte) ('a' + random.nextInt(2));
      }
      byte[] t = new byte[random.nextInt(40)];
      for (int i = 0; i < t.length; i++) {
        t[i] = (byte) ('a' + random.nextInt(2));
      }
      int from = t.length == 0 ? 0 : random.nextInt(t.length);
      int expected = -1;
      outer:
      for (int i = from; i + p.length <= t.length; i++) {
        for (int j = 0; j < p.length; j++) {
          if (t[i + j] != p[j]) {
            continue outer;
          }
        }
        expected = i;
        break;
      }
      assertThat(Multipart.search(t, from, t.length, p, Multipart.failure(p)))
          .as(new String(p, StandardCharsets.US_ASCII) + " in " + new String(t, StandardCharsets.US_ASCII))
          .isEqualTo(expected);
    }
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

  @Test
  void errorBodiesCarryTheStatus() {
    assertThat(JsonErrorHandler.body(404, null)).isEqualTo("{\"error\":\"Not Found\",\"status\":404}");
    assertThat(JsonErrorHandler.body(400, "bad \"x\"")).isEqualTo("{\"error\":\"bad \\\"x\\\"\",\"status\":400}");
  }
}
