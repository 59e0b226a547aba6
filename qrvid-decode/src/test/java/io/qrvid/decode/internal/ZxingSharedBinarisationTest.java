package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.NotFoundException;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The ZXing decoders of one image share its hybrid binarisation ({@link ZxingDecoder#hybridMatrix}): the same
 * matrix as a fresh binarizer's, never changed by the decoders, and the same symbols as when every decoder
 * binarises the image itself (the form before issue 9's twelfth pass).
 */
class ZxingSharedBinarisationTest {
  private static final ZxingDecoder.Mode[] ORDER = {ZxingDecoder.Mode.PURE, ZxingDecoder.Mode.HYBRID,
      ZxingDecoder.Mode.GLOBAL_HISTOGRAM, ZxingDecoder.Mode.TRY_HARDER, ZxingDecoder.Mode.INVERTED};

  private static BitMatrix fresh(Gray g) throws NotFoundException {
    return new HybridBinarizer(
        new PlanarYUVLuminanceSource(g.px, g.width, g.height, 0, 0, g.width, g.height, false)).getBlackMatrix();
  }

  /** What a decoder reports, in a comparable form: decoder, text, raw bytes, corners, version, level. */
  private static List<String> described(List<Symbol> symbols) {
    List<String> out = new ArrayList<>();
    for (Symbol s : symbols) {
      out.add(s.decoder + " " + s.text + " " + java.util.Arrays.toString(s.raw) + " "
          + java.util.Arrays.toString(s.points) + " " + s.version + " " + s.ecLevel);
    }
    return out;
  }

  @Test
  void sharedMatrixIsTheFreshBinarizersAndDecodersReadTheSameAsAlone() throws Exception {
    Random rnd = new Random(20261126);
    int read = 0;
    for (int i = 0; i < 120; i++) {
      Gray g = RandomScenes.scene(rnd);
      boolean all = i % 2 == 0;
      Gray shared = new Gray(g.px.clone(), g.width, g.height);
      for (ZxingDecoder.Mode mode : ORDER) {
        // alone: a fresh image (no cached matrix), so this decoder binarises it itself
        Gray alone = new Gray(g.px.clone(), g.width, g.height);
        List<String> expected = described(new ZxingDecoder(mode).decode(alone, all));
        List<String> actual = described(new ZxingDecoder(mode).decode(shared, all));
        assertThat(actual).as("scene %d, %s", i, mode).isEqualTo(expected);
        read += expected.size();
      }
      assertThat(shared.px).as("pixels unchanged").isEqualTo(g.px);
      // the pure, hybrid and try-harder decoders ran: the matrix they shared is still the binarizer's
      assertThat(shared.hybridBits()).as("scene %d", i).isNotNull().isEqualTo(fresh(g));
    }
    // the scenes hold readable symbols, so the comparison covers decoded results, not only empty ones
    assertThat(read).isGreaterThan(100);
  }

  @Test
  void hybridMatrixIsMadeOnceAndReused() throws Exception {
    Gray g = RandomScenes.scene(new Random(7));
    PlanarYUVLuminanceSource source =
        new PlanarYUVLuminanceSource(g.px, g.width, g.height, 0, 0, g.width, g.height, false);
    BitMatrix first = ZxingDecoder.hybridMatrix(g, source);
    assertThat(ZxingDecoder.hybridMatrix(g, source)).isSameAs(first);
    assertThat(first).isEqualTo(fresh(g));
    // another image with the same pixels has its own
    assertThat(ZxingDecoder.hybridMatrix(new Gray(g.px, g.width, g.height), source)).isNotSameAs(first);
  }
}
