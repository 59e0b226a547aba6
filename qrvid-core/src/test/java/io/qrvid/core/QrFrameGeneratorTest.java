package io.qrvid.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.EncodeHintType;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import io.qrvid.core.internal.FastSymbolEncoder;
import io.qrvid.core.internal.ModuleGridDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QrFrameGeneratorTest {
  @Test
  void capacityMatchesTheStandardTable() {
    assertThat(FrameLayout.capacity(40, ErrorCorrection.L)).isEqualTo(2953);
    assertThat(FrameLayout.capacity(40, ErrorCorrection.H)).isEqualTo(1273);
    assertThat(FrameLayout.capacity(15, ErrorCorrection.M)).isEqualTo(412);
    assertThat(FrameLayout.capacity(1, ErrorCorrection.L)).isEqualTo(17);
  }

  @Test
  void rendersWholePixelModulesThatDecodeBackExactly() {
    FrameLayout layout = FrameLayout.builder().version(20).modulePixels(3).quietZone(2).grid(2, 1).build();
    QrFrameGenerator gen = QrFrameGenerator.builder().layout(layout).maskPolicy(MaskPolicy.fixed(3)).build();
    Random r = new Random(5);
    List<byte[]> contents = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      byte[] c = new byte[layout.symbolCapacity() - i * 100];
      r.nextBytes(c);
      contents.add(c);
    }
    byte[] luma = gen.renderFrame(contents);
    assertThat(luma).hasSize(layout.frameWidth() * layout.frameHeight());
    assertThat(layout.frameWidth() % 16).isZero();
    for (byte b : luma) {
      assertThat(b == 0 || b == (byte) 255).isTrue();
    }
    // Every pixel of a module has the module's value: whole pixels per module.
    int px = layout.modulePixels();
    for (int my = 0; my < layout.symbolModules(); my += 7) {
      for (int mx = 0; mx < layout.symbolModules(); mx += 5) {
        int p = (layout.symbolY(1) + my * px) * layout.frameWidth() + layout.symbolX(1) + mx * px;
        for (int dy = 0; dy < px; dy++) {
          for (int dx = 0; dx < px; dx++) {
            assertThat(luma[p + dy * layout.frameWidth() + dx]).isEqualTo(luma[p]);
          }
        }
      }
    }
    for (int slot = 0; slot < 2; slot++) {
      assertThat(ModuleGridDecoder.decode(luma, 0, layout.frameWidth(), layout, slot)).contains(contents.get(slot));
    }
  }

  @Test
  void defaultMaskPolicyGivesZxingsBestMaskSymbolForByteAndTextContents() throws Exception {
    Random r = new Random(11);
    for (int version : new int[] {1, 8, 15, 27, 40}) {
      for (ErrorCorrection level : ErrorCorrection.values()) {
        QrFrameGenerator gen = QrFrameGenerator.builder().version(version).errorCorrection(level).build();
        assertThat(gen.maskPolicy()).isEqualTo(MaskPolicy.searchBest());
        byte[] bytes = new byte[Math.min(300, FrameLayout.capacity(version, level))];
        r.nextBytes(bytes);
        byte[] digits = "0123456789".getBytes(StandardCharsets.ISO_8859_1); // numeric mode: ZXing
        for (byte[] content : List.of(bytes, digits)) {
          Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
          hints.put(EncodeHintType.QR_VERSION, version);
          ByteMatrix expected = Encoder.encode(new String(content, StandardCharsets.ISO_8859_1),
              FrameLayout.zxingLevel(level), hints).getMatrix();
          assertThat(gen.encodeModules(content)).as("v%d-%s", version, level)
              .isEqualTo(FastSymbolEncoder.toModules(expected));
        }
      }
    }
  }

  @Test
  void renderIntoAPaddedPlaneHonoursStride() {
    FrameLayout layout = FrameLayout.builder().version(5).modulePixels(2).build();
    QrFrameGenerator gen = QrFrameGenerator.builder().layout(layout).build();
    int stride = layout.frameWidth() + 32;
    byte[] plane = new byte[stride * layout.frameHeight() + 5];
    byte[] content = "qv payload bytes".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    gen.renderFrame(List.of(content), plane, 5, stride);
    assertThat(ModuleGridDecoder.decode(plane, 5, stride, layout, 0)).contains(content);
    assertThat(plane[5 + layout.frameWidth()]).isEqualTo((byte) 0); // padding untouched
  }

  @Test
  void numericAndAlphanumericSymbolsDecodeToTheirText() {
    FrameLayout layout = FrameLayout.builder().version(3).modulePixels(2).build();
    QrFrameGenerator gen = QrFrameGenerator.builder().layout(layout).maskPolicy(MaskPolicy.fixed(2)).build();
    for (String text : new String[] {"0123456789", "HELLO QRVID 42"}) {
      byte[] content = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      byte[] luma = gen.renderFrame(List.of(content));
      assertThat(ModuleGridDecoder.decode(luma, 0, layout.frameWidth(), layout, 0)).contains(content);
    }
  }

  @Test
  void tooLargeContentIsATypedError() {
    FrameLayout layout = FrameLayout.builder().version(2).build();
    QrFrameGenerator gen = QrFrameGenerator.builder().layout(layout).build();
    assertThatThrownBy(() -> gen.encodeModules(new byte[layout.symbolCapacity() + 1]))
        .isInstanceOf(QrEncodingException.class).hasMessageContaining("capacity");
    assertThatThrownBy(() -> gen.renderFrame(List.of(new byte[1], new byte[1])))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
