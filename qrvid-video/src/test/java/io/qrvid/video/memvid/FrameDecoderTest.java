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
  /**
   * A frame the way FFmpeg 5.1 makes memvid's dithered frames: the 5 px/module source scaled by swscale's bicubic
   * (B = 0, C = 0.6, stretched by the reduction factor, written out here as a plain two-pass resampling), each
   * pixel set white when its grey exceeds the ordered-dither threshold at its position, then a fraction
   * {@code flips} of the pixels inverted (the codec's damage) and the result put in limited range.
   */
  private static byte[] ditheredFrame(String payload, int version, long seed, double flips) throws Exception {
    int n = 17 + 4 * version;
    int src = (n + 6) * 5;
    BitMatrix m = new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE, src, src,
        Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.QR_VERSION, version,
            EncodeHintType.MARGIN, 3));
    int side = 256;
    double f = (double) src / side;
    double[][] rows = new double[src][side];
    for (int y = 0; y < src; y++) {
      int yy = y;
      for (int x = 0; x < side; x++) {
        rows[y][x] = resample(i -> m.get(Math.max(0, Math.min(src - 1, i)), yy) ? 0 : 255, x, f);
      }
    }
    byte[] luma = new byte[side * side];
    Random rnd = new Random(seed);
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        int xx = x;
        double grey = resample(i -> rows[Math.max(0, Math.min(src - 1, i))][xx], y, f);
        boolean white = grey > DitherEqualiser.DITHER[y & 7][x & 7];
        if (rnd.nextDouble() < flips) {
          white = !white;
        }
        luma[y * side + x] = (byte) (white ? 235 : 16);
      }
    }
    return luma;
  }

  private static double resample(java.util.function.IntToDoubleFunction source, int x, double f) {
    double centre = (x + 0.5) * f - 0.5;
    double sum = 0;
    double weights = 0;
    for (int i = (int) Math.floor(centre - 2 * f); i <= (int) Math.ceil(centre + 2 * f); i++) {
      double t = Math.abs(i - centre) / f;
      double k = t < 1 ? 1.4 * t * t * t - 2.4 * t * t + 1 : t < 2 ? -0.6 * t * t * t + 3 * t * t - 4.8 * t + 2.4 : 0;
      sum += k * source.applyAsDouble(i);
      weights += k;
    }
    return sum / weights;
  }

  @Test
  void readsFramesDitheredToOneBitThroughTheDitherModel() throws Exception {
    Random rnd = new Random(4);
    for (int version : new int[] {36, 40}) {
      StringBuilder text = new StringBuilder();
      while (text.length() < 1200) {
        text.append(Long.toString(rnd.nextLong(), 36)).append(' ');
      }
      String payload = MemvidPayload.format(version, text.toString(), version);
      byte[] luma = ditheredFrame(payload, version, version, 0.002);
      Luma img = new Luma(luma, 256, 256);
      assertThat(DitherEqualiser.looksDithered(img)).isTrue();
      // centre sampling cannot read it
      SymbolGrid grid = GridLocator.locate(img).orElseThrow();
      float[] naive = new Deconvolver(img, grid).sampleCentres();
      assertThat(FrameDecoder.soft(naive, version, c -> true)).as("version %d sampled", version).isEmpty();
      Optional<FrameDecoder.Read> r = read(luma, 256);
      assertThat(r).as("version %d", version).isPresent();
      assertThat(r.get().method).isEqualTo(MemvidFrame.Method.DITHER_MODEL);
      assertThat(new String(r.get().content, StandardCharsets.US_ASCII)).isEqualTo(payload);
    }
  }

  @Test
  void greyFramesAreNotTakenForDitheredOnes() throws Exception {
    byte[] luma = memvidFrame(MemvidPayload.format(0, "x".repeat(800), 0), 38, 256, 3, 2);
    assertThat(DitherEqualiser.looksDithered(new Luma(luma, 256, 256))).isFalse();
  }
}
