package io.qrvid.video.memvid;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Frames made like memvid's (a symbol at 5 px/module, border 3, scaled to 256 x 256), without a video codec. */
class FrameDecoderTest {
  private static byte[] memvidFrame(String payload, int version, int side, long noiseSeed, double noise) throws Exception {
    int n = 17 + 4 * version;
    int src = (n + 6) * 5;
    BitMatrix m = new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE, src, src,
        Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.QR_VERSION, version,
            EncodeHintType.MARGIN, 3));
    BufferedImage big = new BufferedImage(src, src, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < src; y++) {
      for (int x = 0; x < src; x++) {
        big.getRaster().setSample(x, y, 0, m.get(x, y) ? 0 : 255);
      }
    }
    BufferedImage small = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = small.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(big, 0, 0, side, side, null);
    g.dispose();
    byte[] luma = new byte[side * side];
    Random rnd = new Random(noiseSeed);
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        double v = 16 + small.getRaster().getSample(x, y, 0) * 219.0 / 255 + rnd.nextGaussian() * noise;
        luma[y * side + x] = (byte) Math.max(0, Math.min(255, Math.round(v)));
      }
    }
    return luma;
  }

  private static Optional<FrameDecoder.Read> read(byte[] luma, int side) {
    return new FrameDecoder().read(new Luma(luma, side, side), c -> {
      try {
        MemvidPayload.parse(c);
        return true;
      } catch (MemvidPayload.Invalid e) {
        return false;
      }
    });
  }

  @Test
  void readsMemvidGeometryAtEveryVersionFrom35To40() throws Exception {
    Random rnd = new Random(1);
    for (int version = 35; version <= 40; version++) {
      StringBuilder text = new StringBuilder();
      while (text.length() < 900) {
        text.append(Long.toString(rnd.nextLong(), 36)).append(' ');
      }
      String payload = MemvidPayload.format(version, text.toString(), version);
      byte[] luma = memvidFrame(payload, version, 256, version, 6);
      Optional<FrameDecoder.Read> r = read(luma, 256);
      assertThat(r).as("version %d", version).isPresent();
      assertThat(r.get().version).isEqualTo(version);
      assertThat(new String(r.get().content, StandardCharsets.US_ASCII)).isEqualTo(payload);
    }
  }

  @Test
  void locatesTheGridThatFillsTheFrame() throws Exception {
    byte[] luma = memvidFrame(MemvidPayload.format(0, "x".repeat(800), 0), 36, 256, 3, 0);
    SymbolGrid g = GridLocator.locate(new Luma(luma, 256, 256)).orElseThrow();
    assertThat(g.version).isEqualTo(36);
    assertThat(g.pitchX).isCloseTo(256.0 / (17 + 4 * 36 + 6), org.assertj.core.data.Offset.offset(0.01));
    assertThat(g.originX).isCloseTo(3 * 256.0 / (17 + 4 * 36 + 6), org.assertj.core.data.Offset.offset(0.2));
  }

  @Test
  void aFrameWithoutASymbolIsNotRead() {
    byte[] grey = new byte[256 * 256];
    java.util.Arrays.fill(grey, (byte) 128);
    assertThat(read(grey, 256)).isEmpty();
    byte[] noise = new byte[256 * 256];
    new Random(2).nextBytes(noise);
    assertThat(read(noise, 256)).isEmpty();
  }
}
