package io.qrvid.decode.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FinderCandidateTest {
  /**
   * {@link FinderCandidate#near} (axis distances tested before the hypot) answers as its straightforward form,
   * {@link FinderCandidate#nearByHypot}, on random pairs: spread over a photo, close together, and on and around
   * the limit along an axis and along diagonals, where the early answer must not differ from the hypot's.
   */
  @Test
  void nearAnswersAsTheHypotForm() {
    Random rnd = new Random(13);
    int near = 0;
    int far = 0;
    for (int i = 0; i < 2_000_000; i++) {
      double ms = 0.5 + rnd.nextDouble() * 20;
      double ms2 = ms * (0.5 + rnd.nextDouble() * 1.5);
      FinderCandidate a = new FinderCandidate(rnd.nextDouble() * 4000, rnd.nextDouble() * 3000, ms, 40, 200, 1);
      double limit = 1.75 * Math.max(ms, ms2);
      double dx;
      double dy;
      switch (i % 4) {
        case 0 -> {
          dx = (rnd.nextDouble() - 0.5) * 400;
          dy = (rnd.nextDouble() - 0.5) * 400;
        }
        case 1 -> {
          dx = (rnd.nextDouble() - 0.5) * 4 * limit;
          dy = (rnd.nextDouble() - 0.5) * 4 * limit;
        }
        case 2 -> {
          // on the limit along one axis, give or take a few ulps, the other axis zero or tiny
          dx = limit + (rnd.nextInt(9) - 4) * Math.ulp(limit);
          dy = rnd.nextBoolean() ? 0 : (rnd.nextDouble() - 0.5) * 1e-6;
          if (rnd.nextBoolean()) {
            double t = dx;
            dx = dy;
            dy = -t;
          }
        }
        default -> {
          // on the circle of radius limit
          double angle = rnd.nextDouble() * 2 * Math.PI;
          dx = limit * Math.cos(angle);
          dy = limit * Math.sin(angle);
        }
      }
      FinderCandidate b = new FinderCandidate(a.x + dx, a.y + dy, ms2, 40, 200, 1);
      boolean expected = a.nearByHypot(b);
      assertThat(a.near(b)).as("pair %d: %s %s", i, a, b).isEqualTo(expected);
      assertThat(b.near(a)).as("pair %d reversed", i).isEqualTo(b.nearByHypot(a));
      if (expected) {
        near++;
      } else {
        far++;
      }
    }
    // both answers occur often, so the comparison means something
    assertThat(near).isGreaterThan(100_000);
    assertThat(far).isGreaterThan(100_000);
  }
}
