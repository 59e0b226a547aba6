package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.geom.AffineTransform;
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

  /**
   * A crop is made once per level and pixel rectangle and shared by every later call that clamps to the same
   * rectangle; its pixels and transform are those of the straightforward copy ({@link #cropReference}, the form
   * before the thirteenth pass) on random rectangles, clamped ones included; a scaled level is made once as well.
   */
  @Test
  void cropsAreMadeOncePerRectangleWithTheStraightforwardCopysPixels() {
    Random rnd = new Random(13);
    for (int round = 0; round < 40; round++) {
      int w = 60 + rnd.nextInt(400);
      int h = 60 + rnd.nextInt(300);
      ScanImage image = random(w, h, round);
      for (int i = 0; i < 25; i++) {
        int k = rnd.nextInt(4);
        LumaLevel l = image.level(k) == null ? image.full() : image.level(k);
        int s = l.scale;
        // from 20 pixels left of and above the image to its last level pixel (a crop must start inside)
        double x0 = rnd.nextDouble() * ((l.width - 1) * s + 20) - 20;
        double y0 = rnd.nextDouble() * ((l.height - 1) * s + 20) - 20;
        double x1 = x0 + 1 + rnd.nextDouble() * w;
        double y1 = y0 + 1 + rnd.nextDouble() * h;
        Gray crop = image.crop(k, x0, y0, x1, y1);
        Gray expected = cropReference(image, k, x0, y0, x1, y1);
        assertThat(crop.width).isEqualTo(expected.width);
        assertThat(crop.height).isEqualTo(expected.height);
        assertThat(crop.px).isEqualTo(expected.px);
        assertThat(crop.toOriginal).isEqualTo(expected.toOriginal);
        assertThat(image.crop(k, x0, y0, x1, y1)).isSameAs(crop);
        // the same pixel rectangle from other full-resolution bounds (inside the same level pixels)
        double ix0 = Math.max(0, Math.floor(x0 / s)) * s;
        double iy0 = Math.max(0, Math.floor(y0 / s)) * s;
        assertThat(image.crop(k, ix0, iy0, x1, y1)).isSameAs(crop);
        Gray other = image.crop(k, x0, y0, x1 + 2 * s, y1 + 2 * s);
        if (other.width != crop.width || other.height != crop.height) {
          assertThat(other).isNotSameAs(crop);
        }
      }
      for (int k = 1; k < 4; k++) {
        if (image.hasLevel(k)) {
          Gray scaled = image.scaled(k);
          assertThat(image.scaled(k)).isSameAs(scaled);
          assertThat(scaled.px).isSameAs(image.level(k).px);
          AffineTransform t = new AffineTransform(image.gray().toOriginal);
          t.scale(1 << k, 1 << k);
          assertThat(scaled.toOriginal).isEqualTo(t);
        }
      }
      assertThat(image.scaled(0)).isSameAs(image.gray());
    }
  }

  /** {@link ScanImage#crop} as it was before the thirteenth pass: a new copy per call. */
  private static Gray cropReference(ScanImage image, int k, double x0, double y0, double x1, double y1) {
    LumaLevel l = image.level(k);
    if (l == null) {
      l = image.full();
    }
    int s = l.scale;
    int cx0 = Math.max(0, (int) Math.floor(x0 / s));
    int cy0 = Math.max(0, (int) Math.floor(y0 / s));
    int cx1 = Math.min(l.width, (int) Math.ceil(x1 / s));
    int cy1 = Math.min(l.height, (int) Math.ceil(y1 / s));
    int w = Math.max(1, cx1 - cx0);
    int h = Math.max(1, cy1 - cy0);
    byte[] out = new byte[w * h];
    for (int y = 0; y < h; y++) {
      System.arraycopy(l.px, (cy0 + y) * l.width + cx0, out, y * w, Math.min(w, l.width - cx0));
    }
    AffineTransform t = new AffineTransform(image.gray().toOriginal);
    t.scale(s, s);
    t.translate(cx0, cy0);
    return new Gray(out, w, h, t);
  }
}
