package io.qrvid.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Clean synthetic version-15 symbols with random byte payloads (what qrvid's own frames look like): plain ZXing's
 * hybrid path misses about 2% of them (its finder-pattern search picks wrong candidates), so the chain must read all
 * of them through its other paths, byte for byte, even with the pure-barcode shortcut switched off.
 */
class CleanVersion15Test {
  @Test
  void chainReadsEveryCleanVersion15SymbolExactly() throws Exception {
    QrDecodeChain hybridOnly = QrDecodeChain.builder().level1(QrDecoderType.ZXING_HYBRID).level2().build();
    QrDecodeChain withoutPure = QrDecodeChain.builder()
        .level1(QrDecoderType.ZXING_HYBRID, QrDecoderType.BOOFCV, QrDecoderType.ZXING_GLOBAL_HISTOGRAM).build();
    QrDecodeChain defaults = QrDecodeChain.defaults();
    Random random = new Random(42);
    int n = 150;
    int hybrid = 0;
    for (int i = 0; i < n; i++) {
      byte[] payload = new byte[300 + random.nextInt(100)];
      random.nextBytes(payload);
      BufferedImage img = render(payload);
      if (java.util.Arrays.equals(hybridOnly.scan(img).rawBytes(), payload)) {
        hybrid++;
      }
      QrScanResult r = withoutPure.scan(img);
      assertThat(r.rawBytes()).as("symbol %d without pure", i).isEqualTo(payload);
      assertThat(r.version()).hasValue(15);
      assertThat(defaults.scan(img).rawBytes()).as("symbol %d with defaults", i).isEqualTo(payload);
    }
    System.out.printf("clean version-15 symbols: ZXing hybrid alone read %d of %d; the chain read %d%n", hybrid, n, n);
  }

  private static BufferedImage render(byte[] payload) throws Exception {
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    hints.put(EncodeHintType.QR_VERSION, 15);
    hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
    hints.put(EncodeHintType.CHARACTER_SET, "ISO-8859-1");
    hints.put(EncodeHintType.MARGIN, 4);
    BitMatrix m = new QRCodeWriter().encode(new String(payload, StandardCharsets.ISO_8859_1), BarcodeFormat.QR_CODE,
        0, 0, hints);
    int px = 3;
    BufferedImage img = new BufferedImage(m.getWidth() * px, m.getHeight() * px, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        img.getRaster().setSample(x, y, 0, m.get(x / px, y / px) ? 0 : 255);
      }
    }
    return img;
  }
}
