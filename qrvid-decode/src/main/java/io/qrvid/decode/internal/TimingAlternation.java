package io.qrvid.decode.internal;

import org.jspecify.annotations.Nullable;

/**
 * The timing test judged on the symbol's own local levels: whether the module centres along both timing patterns
 * alternate as ISO/IEC 18004:2015, 6.3.5 requires, each module compared with its two neighbours along the line
 * rather than with one threshold for the whole symbol.
 *
 * <p>Row 6 and column 6 alternate dark, light, dark... from the finder pattern's outer ring (module 6, dark) over the
 * separator (module 7, light) and the timing pattern (8 to {@code dim - 9}) to the far separator ({@code dim - 8})
 * and ring ({@code dim - 7}). For every module {@code k} from 7 to {@code dim - 8} the second difference
 * {@code g(k) - (g(k - 1) + g(k + 1)) / 2} of the grey levels at the module centres must be negative for a dark
 * module and positive for a light one. That sign is what the symbol's local levels say about the module:
 * <ul>
 *   <li>a highlight's gradient or a shadow's edge adds a level that changes slowly along the line: linear over
 *       three modules, it cancels in the second difference (a global threshold puts whole stretches on one side);
 *   <li>blur wider than a module shrinks the alternation towards the local mean but, for a symmetric point-spread
 *       function, never inverts it (the period-2 component of the line is attenuated, not shifted), so the signs
 *       survive where a threshold between the finder patterns' dark and light levels sees no change at all;
 *   <li>a grid half a module off samples module edges, whose second differences are noise (random signs), and a
 *       wrong dimension drifts the samples' phase by whole modules along the line, so each stretch alternates
 *       with the wrong parity: both score about one half, as random data does.
 * </ul>
 *
 * <p>The score is the share of signs that agree, over both lines: a real timing pattern scores near 1 whatever the
 * blur or the lighting, false or misplaced grids near 0.5. {@link #PASS} is set from that binomial null (see its
 * comment), not fitted to photos. qrvid's own code: the timing test is part of qrvid's symbol reader (the decode
 * chain's product).
 *
 * <p>Stateless; thread-safe as long as {@code img} is not modified.
 */
final class TimingAlternation {
  /**
   * Least share of agreeing signs for a pass. Under the null (a grid that does not sit on a timing pattern, where
   * each sign agrees with probability one half), the chance of reaching it is 0.65 % for the smallest symbol
   * (version 1: 7 signs per line, 14 in all, at least 12 agreeing: 106 / 16384) and falls fast with the version
   * (version 2: 22 signs, at least 19: 0.04 %). Where the finder patterns are real but the grid is not (a wrong
   * dimension), the 4 signs beside the separators agree anyway, so the chance is that of the others: version 1, 8
   * of 10, 5.5 %; version 2, 15 of 18, 0.4 %. On a clean timing pattern every sign agrees, so it leaves room for
   * two wrong signs in fourteen on blurred or noisy symbols. The test only decides which groups are sampled (their
   * cost); what is decoded is judged by {@code SoftSymbolDecoder}'s false-decode bound.
   */
  static final double PASS = 0.85;

  private TimingAlternation() {}

  /**
   * Whether the timing patterns alternate ({@link #score} at least {@link #PASS}) under any of {@code maps}
   * (null entries skipped).
   */
  static boolean passes(LumaLevel img, int dim, @Nullable Homography... maps) {
    for (Homography h : maps) {
      if (h != null && score(img, h, dim) >= PASS) {
        return true;
      }
    }
    return false;
  }

  /**
   * Share, in [0, 1], of the modules 7 to {@code dim - 8} of row 6 and column 6 (module coordinates under
   * {@code h}, centres at {@code k + 0.5}) whose second difference along the line has the timing pattern's sign;
   * 0 when a module centre lies outside the image or the symbol is smaller than version 1.
   *
   * @param img the grey image the symbol is sampled from
   * @param h the map from module coordinates (0 to {@code dim}) to image pixels
   * @param dim modules per side
   */
  static double score(LumaLevel img, Homography h, int dim) {
    int last = dim - 7;
    if (last - 6 < 4) {
      return 0;
    }
    int n = last - 6 + 1;
    double[] row = new double[n];
    double[] col = new double[n];
    double[] q = new double[2];
    for (int k = 6; k <= last; k++) {
      h.map(k + 0.5, 6.5, q);
      if (!inside(img, q)) {
        return 0;
      }
      row[k - 6] = img.bilinear(q[0], q[1]);
      h.map(6.5, k + 0.5, q);
      if (!inside(img, q)) {
        return 0;
      }
      col[k - 6] = img.bilinear(q[0], q[1]);
    }
    int agree = agreeing(row) + agreeing(col);
    return agree / (2.0 * (n - 2));
  }

  /**
   * Signs that agree along one line of grey levels whose first entry is module 6 (dark): entry {@code i} is dark
   * when {@code i} is even.
   */
  static int agreeing(double[] line) {
    int agree = 0;
    for (int i = 1; i < line.length - 1; i++) {
      double d = line[i] - (line[i - 1] + line[i + 1]) / 2;
      boolean dark = (i & 1) == 0;
      if (dark ? d < 0 : d > 0) {
        agree++;
      }
    }
    return agree;
  }

  private static boolean inside(LumaLevel img, double[] q) {
    return q[0] >= 0 && q[1] >= 0 && q[0] <= img.width - 1 && q[1] <= img.height - 1;
  }
}
