package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A reduced view ({@link ScanImage#reduced}) takes the photo's finder scans of the levels they share instead of
 * scanning them again ({@link FinderDetector#scan(LumaLevel, int, int, Deadline, boolean)}, issue 9's thirteenth
 * pass): its candidates must be exactly those of a fresh search of a copy of its pixels, which shares nothing.
 */
class FinderScanSharingTest {
  @Test
  void reducedViewFindsExactlyWhatAFreshSearchOfItsPixelsFinds() {
    Random rnd = new Random(1326);
    int shared = 0;
    int candidates = 0;
    for (int round = 0; round < 6; round++) {
      ScanImage photo = new ScanImage(scene(1280, 960, rnd));
      List<FinderCandidate> photoFinders = photo.finders(Deadline.none());
      List<FinderCandidate> photoSecond = photo.secondLookFinders(Deadline.none());
      assertThat(photoFinders).isNotEmpty();
      assertThat(photoSecond).isNotEmpty();
      for (int k = 1; k <= 2; k++) {
        ScanImage view = photo.reduced(k);
        assertThat(view.full().derived).isSameAs(photo.level(k).derived);
        shared += photo.level(k).derived.scans.size();
        LumaLevel l = photo.level(k);
        ScanImage fresh = new ScanImage(new Gray(l.px.clone(), l.width, l.height));
        List<FinderCandidate> expected = fresh.finders(Deadline.none());
        assertSame(view.finders(Deadline.none()), expected);
        assertSame(view.secondLookFinders(Deadline.none()), fresh.secondLookFinders(Deadline.none()));
        candidates += expected.size();
      }
    }
    // the views took scans from the photo (not only scanned themselves), and there was something to compare
    assertThat(shared).isGreaterThan(12);
    assertThat(candidates).isGreaterThan(30);
  }

  /** A scan asked again of the same level returns new candidates equal to the first, which callers may change. */
  @Test
  void repeatedScanReturnsEqualNewCandidates() {
    LumaLevel level = new LumaLevel(scene(640, 480, new Random(5)).px, 640, 480, 1);
    List<FinderCandidate> first = FinderDetector.scan(level, 1, FinderDetector.RADIUS, Deadline.none());
    assertThat(first).isNotEmpty();
    List<FinderCandidate> kept = FinderDetector.scan(level, 1, FinderDetector.RADIUS, Deadline.none());
    for (FinderCandidate c : first) {
      c.x += 1000;
      c.hits += 7;
    }
    List<FinderCandidate> again = FinderDetector.scan(level, 1, FinderDetector.RADIUS, Deadline.none());
    assertSame(again, kept);
    assertThat(again.get(0)).isNotSameAs(kept.get(0));
    assertThat(again.get(0).x).isEqualTo(first.get(0).x - 1000);
  }

  private static void assertSame(List<FinderCandidate> actual, List<FinderCandidate> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      FinderCandidate a = actual.get(i);
      FinderCandidate e = expected.get(i);
      String what = i + ": " + a + " / " + e;
      assertThat(a.x).as(what).isEqualTo(e.x);
      assertThat(a.y).as(what).isEqualTo(e.y);
      assertThat(a.moduleSize).as(what).isEqualTo(e.moduleSize);
      assertThat(a.moduleX).as(what).isEqualTo(e.moduleX);
      assertThat(a.moduleY).as(what).isEqualTo(e.moduleY);
      assertThat(a.dark).as(what).isEqualTo(e.dark);
      assertThat(a.light).as(what).isEqualTo(e.light);
      assertThat(a.hits).as(what).isEqualTo(e.hits);
      assertThat(a.scale).as(what).isEqualTo(e.scale);
      assertThat(a.used).as(what).isEqualTo(e.used);
    }
  }

  /**
   * A light, shaded image with noise, dark clutter and 14 finder patterns of 2 to 24-pixel modules (some on
   * top of each other), 2x2 supersampled.
   */
  static Gray scene(int w, int h, Random rnd) {
    int n = 14;
    double[][] fp = new double[n][];
    for (int i = 0; i < n; i++) {
      double ms = 2 + rnd.nextDouble() * 22;
      fp[i] = new double[] {rnd.nextDouble() * (w - 7 * ms), rnd.nextDouble() * (h - 7 * ms), ms};
    }
    int[][] clutter = new int[20][];
    for (int i = 0; i < clutter.length; i++) {
      clutter[i] = new int[] {rnd.nextInt(w), rnd.nextInt(h), 2 + rnd.nextInt(40), 2 + rnd.nextInt(40)};
    }
    byte[] px = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int dark = 0;
        for (int s = 0; s < 4; s++) {
          double u = x + 0.25 + 0.5 * (s & 1);
          double v = y + 0.25 + 0.5 * (s >> 1);
          boolean d = false;
          for (double[] f : fp) {
            int i = (int) Math.floor((u - f[0]) / f[2]);
            int j = (int) Math.floor((v - f[1]) / f[2]);
            if (i >= 0 && j >= 0 && i <= 6 && j <= 6) {
              d = Math.min(Math.min(i, j), Math.min(6 - i, 6 - j)) != 1;
              break;
            }
          }
          for (int[] c : clutter) {
            d |= u >= c[0] && u < c[0] + c[2] && v >= c[1] && v < c[1] + c[3];
          }
          dark += d ? 1 : 0;
        }
        int light = 150 + 80 * x / w;
        int grey = light - (light - 35) * dark / 4 + rnd.nextInt(15) - 7;
        px[y * w + x] = (byte) Math.max(0, Math.min(255, grey));
      }
    }
    return new Gray(px, w, h);
  }
}
