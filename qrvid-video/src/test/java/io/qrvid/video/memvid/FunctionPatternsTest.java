package io.qrvid.video.memvid;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.EncodeHintType;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionPatternsTest {
  @Test
  void knownModulesMatchZxingSymbolsOfEveryVersion() throws Exception {
    for (int v = 1; v <= 40; v++) {
      FunctionPatterns fp = FunctionPatterns.of(v);
      for (int mask = 0; mask < 8; mask += 3) {
        ByteMatrix m = Encoder.encode("memvid " + v, ErrorCorrectionLevel.M,
            Map.of(EncodeHintType.QR_VERSION, v, EncodeHintType.QR_MASK_PATTERN, mask)).getMatrix();
        assertThat(m.getWidth()).isEqualTo(fp.size);
        for (int i : fp.knownIndexes) {
          assertThat(m.get(i % fp.size, i / fp.size) == 1).as("version %d module %d", v, i).isEqualTo(fp.dark[i]);
        }
      }
    }
  }

  @Test
  void versionInformationIsTheStandardsBchCode() {
    // ISO/IEC 18004 annex D, table D.1
    assertThat(FunctionPatterns.versionInformation(7)).isEqualTo(0x07C94);
    assertThat(FunctionPatterns.versionInformation(8)).isEqualTo(0x085BC);
    assertThat(FunctionPatterns.versionInformation(40)).isEqualTo(0x28C69);
  }

  @Test
  void countsDataModules() {
    FunctionPatterns fp = FunctionPatterns.of(35);
    int data = 0;
    for (int r = 0; r < fp.size; r++) {
      for (int c = 0; c < fp.size; c++) {
        data += fp.isData(r, c) ? 1 : 0;
      }
    }
    // version 35: 2876 codewords of 8 modules, no remainder bits (ISO/IEC 18004 table 1)
    assertThat(data).isEqualTo(2876 * 8);
  }
}
