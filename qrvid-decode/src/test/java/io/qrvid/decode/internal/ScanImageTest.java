package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ScanImageTest {
  private static ScanImage random(int w, int h, long seed) {
    byte[] px = new byte[w * h];
    new Random(seed).nextBytes(px);
    return new ScanImage(new Gray(px, w, h));
  }

  @Test
  void reducedViewSharesThePyramidAndMapsBackToThePhoto() {
    ScanImage photo = random(1280, 960, 1);
    LumaLevel third = photo.level(3);
    ScanImage view = photo.reduced(2);

    assertThat(view.reduction()).isEqualTo(4);
    assertThat(view.gray().width).isEqualTo(320);
    assertThat(view.gray().height).isEqualTo(240);
    assertThat(view.full().px).isSameAs(photo.level(2).px);
    assertThat(view.full().scale).isEqualTo(1);
    assertThat(view.level(1).px).isSameAs(third.px);
    assertThat(view.level(1).scale).isEqualTo(2);
    // a level made after the view: made again from the view's own, the same pixels
    assertThat(view.level(2).px).isEqualTo(photo.level(4).px).isNotSameAs(photo.level(4).px);
    assertThat(view.level(2).scale).isEqualTo(4);
    double[] p = {10, 20};
    view.gray().toOriginal.transform(p, 0, p, 0, 1);
    assertThat(p).containsExactly(40, 80);
  }

  @Test
  void reducedByNothingOrBeyondThePyramidIsThePhotoItself() {
    ScanImage photo = random(200, 150, 2);
    assertThat(photo.reduced(0)).isSameAs(photo);
    assertThat(photo.reduced(8)).isSameAs(photo);
    assertThat(photo.reduction()).isEqualTo(1);
  }

  @Test
  void readsNotedInThePhotosPixelsLandInTheViewsPixels() {
    ScanImage photo = random(640, 480, 3);
    ScanImage view = photo.reduced(2);
    double[] quad = {40, 40, 80, 40, 80, 80, 40, 80};

    view.addReadOriginal(quad);
    photo.addReadOriginal(quad);

    assertThat(view.insideRead(15, 15)).isTrue();
    assertThat(view.insideRead(25, 15)).isFalse();
    assertThat(photo.insideRead(60, 60)).isTrue();
    assertThat(photo.insideRead(15, 15)).isFalse();
  }

  @Test
  void imagesUpToTheFullScanSizeAreNeverReduced() {
    // 1600 x 1200 is under ScanImage.FULL_SCAN_PIXELS: no finder search is needed to say so
    ScanImage photo = random(1600, 1200, 4);
    assertThat(photo.workingReduction(Deadline.when(() -> {
      throw new AssertionError("searched");
    }))).isZero();
  }
}
