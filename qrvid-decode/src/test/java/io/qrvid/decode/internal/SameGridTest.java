package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SymbolReader#sameAsDecoded}: which candidate grids the reader skips as already decoded. */
class SameGridTest {
  private static final int DIM = 25;

  /** A version-2 grid at 4 pixels per module, its corners moved by the given pixel offsets (x, y per corner). */
  private static ModuleGrid grid(double... d) {
    double s = 4 * DIM;
    Homography h = Homography.fromQuad(0, 0, 10 + d[0], 20 + d[1], DIM, 0, 10 + s + d[2], 20 + d[3], DIM, DIM,
        10 + s + d[4], 20 + s + d[5], 0, DIM, 10 + d[6], 20 + s + d[7]);
    return ModuleGrid.single(DIM, h);
  }

  @Test
  void aGridWithinATenthOfAModuleOfADecodedOneIsTheSame() {
    List<double[]> decoded = List.of(SymbolReader.centres(grid(0, 0, 0, 0, 0, 0, 0, 0)));
    // 0.3 pixel = 0.075 module at every corner, in different directions
    assertThat(SymbolReader.sameAsDecoded(grid(0.3, 0, 0, -0.3, -0.3, 0.2, 0.2, 0.3), decoded)).isTrue();
  }

  @Test
  void aGridOneCornerOfWhichMovedAQuarterModuleIsNot() {
    List<double[]> decoded = List.of(SymbolReader.centres(grid(0, 0, 0, 0, 0, 0, 0, 0)));
    // the bottom-right corner 1 pixel (a quarter module) off: the modules near it move by up to about that much
    assertThat(SymbolReader.sameAsDecoded(grid(0, 0, 0, 0, 1, 1, 0, 0), decoded)).isFalse();
    // every module half a module off
    assertThat(SymbolReader.sameAsDecoded(grid(2, 0, 2, 0, 2, 0, 2, 0), decoded)).isFalse();
  }

  @Test
  void nothingDecodedYetOrAnotherSizeIsNeverTheSame() {
    assertThat(SymbolReader.sameAsDecoded(grid(0, 0, 0, 0, 0, 0, 0, 0), List.of())).isFalse();
    Homography h = Homography.fromQuad(0, 0, 10, 20, 29, 0, 110, 20, 29, 29, 110, 120, 0, 29, 10, 120);
    List<double[]> decoded = List.of(SymbolReader.centres(ModuleGrid.single(29, h)));
    assertThat(SymbolReader.sameAsDecoded(grid(0, 0, 0, 0, 0, 0, 0, 0), decoded)).isFalse();
  }
}
