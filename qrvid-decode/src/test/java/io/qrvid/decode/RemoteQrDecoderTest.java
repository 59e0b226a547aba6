package io.qrvid.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RemoteQrDecoderTest {
  private MockWebServer server;
  private final AtomicLong clock = new AtomicLong();

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  private RemoteQrDecoder.Builder remote() {
    return RemoteQrDecoder.builder(URI.create(server.url("/qr/decode").toString()))
        .retryDelay(Duration.ZERO).readTimeout(Duration.ofSeconds(2)).nanoClock(clock::get);
  }

  @Test
  void parsesQrvidAnswerAndPostsImage() throws Exception {
    server.enqueue(new MockResponse().setBody("{\"found\":true,\"text\":\"hi\",\"rawBytesBase64\":\"aGk=\","
        + "\"decoder\":\"boofcv\",\"version\":3,\"errorCorrectionLevel\":\"M\",\"corners\":[{\"x\":1,\"y\":2}]}"));
    try (RemoteQrDecoder r = remote().build()) {
      QrScanResult result = r.decode(new byte[] {1, 2, 3}, "image/jpeg");
      assertThat(result.found()).isTrue();
      assertThat(result.text()).contains("hi");
      assertThat(result.rawBytes()).containsExactly('h', 'i');
      assertThat(result.level()).isEqualTo(3);
      assertThat(result.decoder()).contains(QrDecoderType.REMOTE);
      assertThat(result.version()).hasValue(3);
      assertThat(result.corners()).containsExactly(new QrPoint(1, 2));
      RecordedRequest req = server.takeRequest(1, TimeUnit.SECONDS);
      assertThat(req.getMethod()).isEqualTo("POST");
      assertThat(req.getHeader("Content-Type")).startsWith("image/jpeg");
      assertThat(req.getBody().readByteArray()).containsExactly(1, 2, 3);
    }
  }

  @Test
  void acceptsResultsArrayAndDataField() {
    server.enqueue(new MockResponse().setBody("{\"results\":[{\"data\":\"from python\"}]}"));
    try (RemoteQrDecoder r = remote().build()) {
      assertThat(r.decode(new byte[] {1}, "image/png").text()).contains("from python");
    }
  }

  @Test
  void notFoundAnswerIsNotAFailure() {
    for (int i = 0; i < 5; i++) {
      server.enqueue(new MockResponse().setResponseCode(404).setBody("{\"found\":false}"));
    }
    try (RemoteQrDecoder r = remote().failureThreshold(1).build()) {
      for (int i = 0; i < 5; i++) {
        assertThat(r.decode(new byte[] {1}, "image/png").found()).isFalse();
      }
      assertThat(r.circuitState()).isEqualTo(RemoteQrDecoder.CircuitState.CLOSED);
      assertThat(server.getRequestCount()).isEqualTo(5);
    }
  }

  @Test
  void retriesOnceAfterServerError() {
    server.enqueue(new MockResponse().setResponseCode(503));
    server.enqueue(new MockResponse().setBody("{\"text\":\"second try\"}"));
    try (RemoteQrDecoder r = remote().build()) {
      assertThat(r.decode(new byte[] {1}, "image/png").text()).contains("second try");
      assertThat(server.getRequestCount()).isEqualTo(2);
    }
  }

  @Test
  void circuitOpensAfterThresholdAndCostsNothingUntilTrial() {
    try (RemoteQrDecoder r = remote().retries(0).failureThreshold(3).openDuration(Duration.ofSeconds(30))
        .build()) {
      for (int i = 0; i < 3; i++) {
        server.enqueue(new MockResponse().setResponseCode(500));
        assertThat(r.decode(new byte[] {1}, "image/png").found()).isFalse();
      }
      assertThat(r.circuitState()).isEqualTo(RemoteQrDecoder.CircuitState.OPEN);
      for (int i = 0; i < 10; i++) {
        assertThat(r.decode(new byte[] {1}, "image/png").found()).isFalse();
      }
      assertThat(server.getRequestCount()).isEqualTo(3);
      clock.addAndGet(Duration.ofSeconds(31).toNanos());
      assertThat(r.circuitState()).isEqualTo(RemoteQrDecoder.CircuitState.HALF_OPEN);
      server.enqueue(new MockResponse().setBody("{\"text\":\"back\"}"));
      assertThat(r.decode(new byte[] {1}, "image/png").text()).contains("back");
      assertThat(r.circuitState()).isEqualTo(RemoteQrDecoder.CircuitState.CLOSED);
    }
  }

  @Test
  void timeoutAndGarbageCountAsFailures() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    server.enqueue(new MockResponse().setBody("not json"));
    try (RemoteQrDecoder r = remote().retries(0).failureThreshold(2).readTimeout(Duration.ofMillis(300)).build()) {
      assertThat(r.decode(new byte[] {1}, "image/png").found()).isFalse();
      assertThat(r.decode(new byte[] {1}, "image/png").found()).isFalse();
      assertThat(r.circuitState()).isEqualTo(RemoteQrDecoder.CircuitState.OPEN);
    }
  }

  @Test
  void chainUsesRemoteAsLevelThreeOnlyWhenLocalLevelsFail() {
    server.enqueue(new MockResponse().setBody("{\"text\":\"remote read it\"}"));
    try (RemoteQrDecoder r = remote().build()) {
      QrDecodeChain chain = QrDecodeChain.builder().level2().remoteFallback(r).build();
      java.awt.image.BufferedImage blank = new java.awt.image.BufferedImage(50, 50,
          java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
      QrScanResult result = chain.scan(blank);
      assertThat(result.level()).isEqualTo(3);
      assertThat(result.text()).contains("remote read it");
      QrScanResult local = chain.scan(TestImages.qr("local", com.google.zxing.qrcode.decoder.ErrorCorrectionLevel.M,
          3));
      assertThat(local.level()).isEqualTo(1);
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void rejectsNonHttpEndpoint() {
    assertThatThrownBy(() -> RemoteQrDecoder.builder(URI.create("file:///x")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
