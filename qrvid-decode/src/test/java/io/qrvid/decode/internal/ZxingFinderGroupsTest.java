package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.detector.FinderPattern;
import com.google.zxing.qrcode.detector.FinderPatternFinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link ZxingFinderGroups#scanRows} walks runs instead of pixels and finds the same centres. */
class ZxingFinderGroupsTest {
  /** The row scan before issue 9's twelfth pass: ZXing's state machine fed pixel by pixel. */
  @SuppressWarnings("deprecation")
  static final class PerPixel extends FinderPatternFinder {
    PerPixel(BitMatrix image) {
      super(image);
    }

    void scanRows(boolean tryHarder) {
      BitMatrix image = getImage();
      int height = image.getHeight();
      int width = image.getWidth();
      int rowStep = tryHarder ? MIN_SKIP : Math.max(MIN_SKIP, 3 * height / (4 * MAX_MODULES));
      int[] runs = new int[5];
      for (int y = rowStep - 1; y < height; y += rowStep) {
        clearCounts(runs);
        int run = 0;
        for (int x = 0; x < width; x++) {
          if (image.get(x, y)) {
            if ((run & 1) == 1) {
              run++;
            }
            runs[run]++;
          } else if ((run & 1) == 1) {
            runs[run]++;
          } else if (run < 4) {
            runs[++run]++;
          } else if (foundPatternCross(runs) && handlePossibleCenter(runs, y, x)) {
            run = 0;
            clearCounts(runs);
          } else {
            shiftCounts2(runs);
            run = 3;
          }
        }
        if (foundPatternCross(runs)) {
          handlePossibleCenter(runs, y, width);
        }
      }
    }

    List<FinderPattern> centres() {
      return getPossibleCenters();
    }
  }

  private static List<String> described(List<FinderPattern> centres) {
    List<String> out = new ArrayList<>();
    for (FinderPattern f : centres) {
      out.add(f.getX() + "," + f.getY() + " " + f.getEstimatedModuleSize() + " x" + f.getCount());
    }
    return out;
  }

  @Test
  void runWalkFindsTheCentresOfThePixelWalk() throws Exception {
    Random rnd = new Random(912);
    int centres = 0;
    for (int i = 0; i < 150; i++) {
      Gray g = RandomScenes.scene(rnd);
      BitMatrix m = new HybridBinarizer(
          new PlanarYUVLuminanceSource(g.px, g.width, g.height, 0, 0, g.width, g.height, false)).getBlackMatrix();
      if (i % 10 == 0) {
        // also rows whose last run reaches the edge, and single-pixel runs everywhere
        for (int y = 0; y < m.getHeight(); y += 2) {
          for (int x = y % 3; x < m.getWidth(); x += 3) {
            m.flip(x, y);
          }
        }
      }
      for (boolean tryHarder : new boolean[] {true, false}) {
        PerPixel reference = new PerPixel(m);
        reference.scanRows(tryHarder);
        ZxingFinderGroups runs = new ZxingFinderGroups(m);
        assertThat(runs.scanRows(tryHarder, Deadline.none())).isTrue();
        assertThat(described(runs.centres())).as("scene %d, try harder %s", i, tryHarder)
            .isEqualTo(described(reference.centres()));
        centres += reference.centres().size();
      }
    }
    // the scenes hold finder patterns, so the comparison covers found centres, not only empty lists
    assertThat(centres).isGreaterThan(300);
  }

  @Test
  void expiredDeadlineScansNoRow() {
    BitMatrix m = new BitMatrix(50, 50);
    assertThat(new ZxingFinderGroups(m).scanRows(true, Deadline.when(() -> true))).isFalse();
  }
}
