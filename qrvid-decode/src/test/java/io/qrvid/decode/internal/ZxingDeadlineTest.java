package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import com.google.zxing.multi.qrcode.detector.MultiFinderPatternFinder;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.detector.FinderPatternInfo;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * ZXing's multi-symbol path stops at the scan's deadline: the work after it is counted in finder-pattern groups
 * sampled ({@link ZxingDecoder#groupsTried()}), not in milliseconds, so these tests do not depend on the machine.
 */
class ZxingDeadlineTest {
  /**
   * A lattice of identical finder patterns (7x7 modules of 3 pixels, 40 pixels apart) on 640x480: every three
   * lattice points at the corners of an axis-aligned right isosceles triangle look like a symbol to ZXing's
   * multi-symbol finder, which lists 20,050 groups here; {@code QRCodeMultiReader} samples them all (3.7-5.5 s
   * on the development machine).
   */
  static Gray lattice() {
    return lattice(40);
  }

  /** The same lattice with {@code spacing} pixels between patterns. */
  static Gray lattice(int spacing) {
    int w = 640;
    int h = 480;
    int m = 3;
    byte[] px = new byte[w * h];
    java.util.Arrays.fill(px, (byte) 255);
    for (int y0 = 10; y0 + 7 * m < h - 10; y0 += spacing) {
      for (int x0 = 10; x0 + 7 * m < w - 10; x0 += spacing) {
        for (int y = 0; y < 7 * m; y++) {
          for (int x = 0; x < 7 * m; x++) {
            int ring = Math.min(Math.min(x / m, 6 - x / m), Math.min(y / m, 6 - y / m));
            px[(y0 + y) * w + x0 + x] = (byte) (ring == 1 ? 255 : 0);
          }
        }
      }
    }
    return new Gray(px, w, h);
  }

  /** A version-2 symbol of {@code text}, 4 pixels per module, with a 4-module quiet zone. */
  static Gray symbol(String text) throws Exception {
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    hints.put(EncodeHintType.MARGIN, 4);
    BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
    int s = 4;
    int w = m.getWidth() * s;
    int h = m.getHeight() * s;
    byte[] px = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        px[y * w + x] = (byte) (m.get(x / s, y / s) ? 0 : 255);
      }
    }
    return new Gray(px, w, h);
  }

  private static BitMatrix binarized(Gray g) throws NotFoundException {
    return new BinaryBitmap(new HybridBinarizer(
        new PlanarYUVLuminanceSource(g.px, g.width, g.height, 0, 0, g.width, g.height, false))).getBlackMatrix();
  }

  private static String describe(FinderPatternInfo f) {
    return f.getBottomLeft() + "/" + f.getBottomLeft().getEstimatedModuleSize() + " " + f.getTopLeft() + "/"
        + f.getTopLeft().getEstimatedModuleSize() + " " + f.getTopRight() + "/" + f.getTopRight().getEstimatedModuleSize();
  }

  @Test
  void findsExactlyTheGroupsZxingFinds() throws Exception {
    Random rnd = new Random(3);
    byte[] noise = new byte[400 * 300];
    for (int i = 0; i < noise.length; i++) {
      // blocks of 2-6 pixels, dark or light: finder-pattern look-alikes at many module sizes
      noise[i] = (byte) (((i % 400) / (2 + (i / 400) % 5) + rnd.nextInt(2)) % 2 == 0 ? 20 : 230);
    }
    List<Gray> images = List.of(lattice(), symbol("finder groups"), new Gray(noise, 400, 300));
    int groups = 0;
    for (Gray g : images) {
      for (boolean tryHarder : new boolean[] {false, true}) {
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        if (tryHarder) {
          hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        }
        List<String> zxing = new ArrayList<>();
        try {
          for (FinderPatternInfo f : new MultiFinderPatternFinder(binarized(g), null).findMulti(hints)) {
            zxing.add(describe(f));
          }
        } catch (NotFoundException e) {
          // none
        }
        List<String> ours = new ArrayList<>();
        for (FinderPatternInfo f : new ZxingFinderGroups(binarized(g)).find(tryHarder, Deadline.none(),
            Integer.MAX_VALUE)) {
          ours.add(describe(f));
        }
        assertThat(ours).as("%dx%d try-harder %s", g.width, g.height, tryHarder).isEqualTo(zxing);
        groups += ours.size();
        // the bounded search lists the unbounded list's first MAX_TRIPLES, in its order
        List<String> bounded = new ArrayList<>();
        for (FinderPatternInfo f : new ZxingFinderGroups(binarized(g)).find(tryHarder, Deadline.none())) {
          bounded.add(describe(f));
        }
        assertThat(bounded).as("bounded, %dx%d try-harder %s", g.width, g.height, tryHarder)
            .isEqualTo(zxing.subList(0, Math.min(zxing.size(), ZxingFinderGroups.MAX_TRIPLES)));
      }
    }
    assertThat(groups).isGreaterThan(20_000);
  }

  @Test
  void readsWhatQrCodeMultiReaderReads() throws Exception {
    Gray g = symbol("the same symbol, the same metadata");
    Result[] zxing = new QRCodeMultiReader().decodeMultiple(new BinaryBitmap(new HybridBinarizer(
        new PlanarYUVLuminanceSource(g.px, g.width, g.height, 0, 0, g.width, g.height, false))));
    List<Symbol> ours = new ZxingDecoder(ZxingDecoder.Mode.HYBRID).decode(g, true, Deadline.none());
    assertThat(zxing).hasSize(1);
    assertThat(ours).hasSize(1);
    assertThat(ours.get(0).text).isEqualTo(zxing[0].getText()).isEqualTo("the same symbol, the same metadata");
    assertThat(ours.get(0).ecLevel)
        .isEqualTo(String.valueOf(zxing[0].getResultMetadata().get(ResultMetadataType.ERROR_CORRECTION_LEVEL)));
    assertThat(ours.get(0).raw).isEqualTo(ZxingDecoder.rawBytesOf(zxing[0]));
    assertThat(ours.get(0).version).isEqualTo(ZxingDecoder.versionOf(zxing[0].getRawBytes(), ours.get(0).ecLevel));
  }

  @Test
  void theTripleListIsBoundedOnATexture() throws Exception {
    // the lattice lists 20,050 plausible groups unbounded (findsExactlyTheGroupsZxingFinds)
    BitMatrix m = binarized(lattice());
    assertThat(new ZxingFinderGroups(m).find(true, Deadline.none(), Integer.MAX_VALUE))
        .hasSizeGreaterThan(ZxingFinderGroups.MAX_TRIPLES);
    assertThat(new ZxingFinderGroups(m).find(true, Deadline.none())).hasSize(ZxingFinderGroups.MAX_TRIPLES);
  }

  @Test
  void theMultiSymbolPathGivesUpAfterTooManyGroupsInARowReadNothing() {
    for (ZxingDecoder.Mode mode : new ZxingDecoder.Mode[] {ZxingDecoder.Mode.HYBRID, ZxingDecoder.Mode.TRY_HARDER}) {
      long before = ZxingDecoder.groupsTried();
      List<Symbol> read = new ZxingDecoder(mode).decode(lattice(), true, Deadline.none());
      assertThat(read).as("%s", mode).isEmpty();
      assertThat(ZxingDecoder.groupsTried() - before).as("%s", mode)
          .isEqualTo(ZxingDecoder.MAX_MISSES_IN_A_ROW);
    }
  }

  @Test
  void aSymbolBesideATextureIsStillRead() throws Exception {
    // the lattice (20,050 groups, none a symbol) on the left, a real symbol on the right: the bounds on the groups
    // listed and on the groups in a row read nothing still leave the symbol's group, whose patterns are confirmed
    // on more scan rows than the lattice's, among those tried
    Gray lattice = lattice();
    Gray symbol = symbol("read after the lattice");
    int w = lattice.width + symbol.width + 40;
    int h = Math.max(lattice.height, symbol.height);
    byte[] px = new byte[w * h];
    java.util.Arrays.fill(px, (byte) 255);
    for (int y = 0; y < lattice.height; y++) {
      System.arraycopy(lattice.px, y * lattice.width, px, y * w, lattice.width);
    }
    for (int y = 0; y < symbol.height; y++) {
      System.arraycopy(symbol.px, y * symbol.width, px, y * w + lattice.width + 40, symbol.width);
    }
    List<Symbol> read = new ZxingDecoder(ZxingDecoder.Mode.HYBRID).decode(new Gray(px, w, h), true, Deadline.none());
    assertThat(read).extracting(s -> s.text).containsExactly("read after the lattice");
  }

  @Test
  void anExpiredDeadlineSamplesNoGroup() {
    Gray g = lattice();
    for (ZxingDecoder.Mode mode : ZxingDecoder.Mode.values()) {
      long before = ZxingDecoder.groupsTried();
      assertThat(new ZxingDecoder(mode).decode(g, true, Deadline.when(() -> true))).isEmpty();
      assertThat(new ZxingDecoder(mode).decode(g, false, Deadline.when(() -> true))).isEmpty();
      assertThat(ZxingDecoder.groupsTried() - before).as("%s", mode).isZero();
    }
  }

  @Test
  void stopsAtTheFirstGroupAfterTheDeadline() {
    Gray g = lattice();
    for (ZxingDecoder.Mode mode : List.of(ZxingDecoder.Mode.HYBRID, ZxingDecoder.Mode.TRY_HARDER)) {
      long before = ZxingDecoder.groupsTried();
      // expires once 5 groups were sampled: the check before the 6th stops the search
      Deadline deadline = Deadline.when(() -> ZxingDecoder.groupsTried() - before >= 5);
      assertThat(new ZxingDecoder(mode).decode(g, true, deadline)).isEmpty();
      assertThat(ZxingDecoder.groupsTried() - before).as("%s", mode).isEqualTo(5);
    }
  }

  /**
   * ZXing's single-symbol reader tries every triple of its finder-pattern centres with no way to stop (1.7 s on a
   * textured photo with 549 centres): past {@value ZxingDecoder#MAX_SINGLE_CENTRES} centres (336 here, patterns 30
   * pixels apart) the multi-symbol path, bounded by the deadline, reads instead.
   */
  @Test
  void aSingleSymbolScanOfManyCentresIsBoundedByTheDeadline() {
    Gray g = lattice(30);
    for (ZxingDecoder.Mode mode : List.of(ZxingDecoder.Mode.HYBRID, ZxingDecoder.Mode.TRY_HARDER)) {
      long before = ZxingDecoder.groupsTried();
      Deadline deadline = Deadline.when(() -> ZxingDecoder.groupsTried() - before >= 4);
      assertThat(new ZxingDecoder(mode).decode(g, false, deadline)).isEmpty();
      assertThat(ZxingDecoder.groupsTried() - before).as("%s", mode).isEqualTo(4);
    }
    // a clean symbol still reads through the single-symbol reader (3 centres, no group sampled by the multi path)
    long before = ZxingDecoder.groupsTried();
    assertThat(new ZxingDecoder(ZxingDecoder.Mode.HYBRID).decode(symbolUnchecked("single"), false, Deadline.none()))
        .extracting(s -> s.text).containsExactly("single");
    assertThat(ZxingDecoder.groupsTried() - before).isZero();
  }

  private static Gray symbolUnchecked(String text) {
    try {
      return symbol(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
