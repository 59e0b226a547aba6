package io.qrvid.decode.internal;

import com.google.zxing.qrcode.decoder.Version;
import io.qrvid.core.internal.SoftSymbolDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * qrvid's own symbol reader: from three finder patterns to decoded content.
 *
 * <ol>
 *   <li>Module size along each leg from the finder patterns' own edges, then the dimension from the finder spacing
 *       (ISO/IEC 18004:2015, 12 step 3), snapped to 17 + 4 version.
 *   <li>The bottom-right alignment pattern searched around its affine prediction, giving a four-point homography.
 *       For a foreshortened triple (module sizes along a leg differing by more than {@link #FORESHORTENED}), first
 *       the least-squares homography through the 12 outer corners of the three finder patterns ({@link
 *       FinderCorners}, {@link #cornerFit}): the whole projective map from the symbol itself, no fourth corner
 *       guessed; it also takes part in the timing-pattern tests.
 *   <li>The timing patterns (ISO/IEC 18004:2015, 6.3.5) checked before any grid is sampled: colour changes at the
 *       finder patterns' threshold, or, where blur or a highlight's gradient leaves none, the alternation of the
 *       module centres against their neighbours ({@link TimingAlternation}); a group that shows neither is not read.
 *   <li>For versions 7 and up, the version information (18-bit BCH code, annex D) read from both copies and
 *       decoded to the nearest valid codeword (up to 3 bit errors), which fixes the dimension.
 *   <li>Every alignment pattern located in turn (its position predicted from already located neighbours), then a
 *       piecewise projective grid with one homography per region between neighbouring alignment-pattern rows and
 *       columns, so that curved or creased symbols are sampled at their module centres.
 *   <li>Module centres sampled from the grey image and normalised locally: each module's darkness is its grey level
 *       placed between the mean dark and mean light level of the modules around it (a two-class split of a window
 *       of modules), which follows glare, shadows and gradients across the symbol. When the first grid or its
 *       refinement does not decode so, two second estimates on it ({@link ModuleLevels}): a 3x3 blur equaliser
 *       fitted to the symbol, and the dark and light levels as planes across each window (a highlight's gradient).
 *   <li>The darkness estimates handed to qrvid-core's {@code SoftSymbolDecoder}: format information by nearest
 *       valid code, codewords with reliabilities, errors-and-erasures Reed-Solomon with a margin against misreads,
 *       mirrored symbols too.
 * </ol>
 *
 * <p>Not thread-safe (reuses buffers); one per scan.
 */
final class SymbolReader {
  private static final int[] VERSION_CODES = versionCodes();

  private final LumaLevel img;

  /** The image this reader samples (for tests). */
  LumaLevel image() {
    return img;
  }

  private final double[] p = new double[2];
  /**
   * Positions of the alignment-pattern lattice nodes hidden under the three finder patterns (module (6.5, 6.5) and
   * its mirrors), stepped from each finder centre by its own module vectors: x, y for top-left, top-right,
   * bottom-left; NaN when a finder's module size along an axis was not measured.
   */
  private final double[] finderNodes = new double[6];

  /** Whether the last {@link #read} found the timing patterns of a symbol (so a failure there is a real loss). */
  boolean plausible;
  /** The dimension of the last plausible group. */
  int lastDimension;

  /**
   * Whether a group is decoded on its first candidate dimension's first grid only, with the 3-module normalisation
   * window, and on that grid's refinement (no later grid, no wider window, no alternative dimension): the reader's
   * effort on preprocessed images ({@link QrvidDetector.Effort#firstGridOnly}).
   */
  private final boolean firstGridOnly;

  SymbolReader(LumaLevel fullResolution) {
    this(fullResolution, false);
  }

  SymbolReader(LumaLevel fullResolution, boolean firstGridOnly) {
    this.img = fullResolution;
    this.firstGridOnly = firstGridOnly;
  }

  /** What one successful read produced. */
  static final class Read {
    final SoftSymbolDecoder.Result result;
    final int dimension;
    final double[] corners;
    final boolean mirrored;
    final boolean piecewise;

    Read(SoftSymbolDecoder.Result result, int dimension, double[] corners, boolean mirrored, boolean piecewise) {
      this.result = result;
      this.dimension = dimension;
      this.corners = corners;
      this.mirrored = mirrored;
      this.piecewise = piecewise;
    }

    int version() {
      return (dimension - 17) / 4;
    }
  }

  /** A fitted grid plus the contrast reference of the symbol, for sampling. */
  static final class Fit {
    final ModuleGrid grid;
    final double contrast;

    Fit(ModuleGrid grid, double contrast) {
      this.grid = grid;
      this.contrast = contrast;
    }
  }

  @Nullable Read read(FinderGrouper.Triple t, Deadline deadline) {
    plausible = false;
    double ux = t.tr.x - t.tl.x;
    double uy = t.tr.y - t.tl.y;
    double vx = t.bl.x - t.tl.x;
    double vy = t.bl.y - t.tl.y;
    double lu = Math.hypot(ux, uy);
    double lv = Math.hypot(vx, vy);
    ux /= lu;
    uy /= lu;
    vx /= lv;
    vy /= lv;
    // module sizes along the symbol's two axes at each finder pattern
    double tlU = finderModuleAlong(t.tl, ux, uy);
    double trU = finderModuleAlong(t.tr, -ux, -uy);
    double tlV = finderModuleAlong(t.tl, vx, vy);
    double blV = finderModuleAlong(t.bl, -vx, -vy);
    double msTop = mean(tlU, trU, (t.tl.moduleSize + t.tr.moduleSize) / 2);
    double msLeft = mean(tlV, blV, (t.tl.moduleSize + t.bl.moduleSize) / 2);
    double trV0 = finderModuleAlong(t.tr, vx, vy);
    double blU0 = finderModuleAlong(t.bl, ux, uy);
    setNode(0, t.tl, tlU, tlV, ux, uy, vx, vy, 1, 1);
    setNode(1, t.tr, trU, trV0, ux, uy, vx, vy, -1, 1);
    setNode(2, t.bl, blU0, blV, ux, uy, vx, vy, 1, -1);
    foreshortened = ratio(tlU, trU) > FORESHORTENED || ratio(tlV, blV) > FORESHORTENED;
    double est = (lu / msTop + lv / msLeft) / 2 + 7;
    int dim = snap(est);
    // the finder corners only where they are used (about as many samples as one grid of version 6)
    cornerFitDim = 0;
    cornerFitLast = null;
    finderCorners = null;
    cornersSought = foreshortened;
    cornerArgs = new double[] {ux, uy, vx, vy, tlU > 0 ? tlU : msTop, tlV > 0 ? tlV : msLeft, trU > 0 ? trU : msTop,
        trV0 > 0 ? trV0 : msLeft, blU0 > 0 ? blU0 : msTop, blV > 0 ? blV : msLeft};
    if (foreshortened) {
      findFinderCorners(t, ux, uy, vx, vy, tlU > 0 ? tlU : msTop, tlV > 0 ? tlV : msLeft, trU > 0 ? trU : msTop,
          trV0 > 0 ? trV0 : msLeft, blU0 > 0 ? blU0 : msTop, blV > 0 ? blV : msLeft);
    }
    List<Integer> dims = new ArrayList<>();
    int confirmed = 0;
    if (est >= 36) {
      // the version information beside the top-right and bottom-left finder patterns, read with those patterns'
      // own module vectors, gives the dimension without trusting the spacing (curved and tilted symbols)
      double trV = trV0;
      double blU = blU0;
      int v = localVersion(t, ux, uy, vx, vy, trU > 0 ? trU : msTop, trV > 0 ? trV : msLeft,
          blU > 0 ? blU : msTop, blV > 0 ? blV : msLeft, est);
      if (v > 0) {
        dims.add(17 + 4 * v);
        confirmed = 17 + 4 * v;
      }
    }
    if (dim >= 21 && dim <= 177 && !dims.contains(dim)) {
      dims.add(dim);
    }
    // the neighbouring size the spacing allows; at 45 modules too, where the spacing is the only estimate of a version
    // 6 (no version information below version 7; a version 6 on a cylinder measures 45 modules between its finder
    // patterns on the development set, seed 2 curved 9, seed 1 curved 6)
    if (dim <= 45) {
      int alt = est > dim ? dim + 4 : dim - 4;
      if (alt >= 21 && !dims.contains(alt)) {
        dims.add(alt);
      }
    }
    for (int d : dims) {
      if (deadline.expired()) {
        return null;
      }
      Read r = readWithDimension(t, d, d == confirmed, deadline);
      if (r != null || firstGridOnly) {
        return r;
      }
    }
    return null;
  }

  /**
   * Ratio of module sizes along one leg, at its two finder patterns, above which the symbol counts as
   * foreshortened (tilted away from the camera), so that {@link #local} is tried.
   */
  static final double FORESHORTENED = 1.15;

  /** Whether the last triple's module sizes differ along a leg by more than {@link #FORESHORTENED}. */
  private boolean foreshortened;

  private static double ratio(double a, double b) {
    return a > 0 && b > 0 ? Math.max(a / b, b / a) : 1;
  }

  private void setNode(int k, FinderCandidate f, double mu, double mv, double ux, double uy, double vx, double vy,
      int su, int sv) {
    if (mu <= 0 || mv <= 0) {
      finderNodes[2 * k] = Double.NaN;
      finderNodes[2 * k + 1] = Double.NaN;
      return;
    }
    finderNodes[2 * k] = f.x + 3 * su * mu * ux + 3 * sv * mv * vx;
    finderNodes[2 * k + 1] = f.y + 3 * su * mu * uy + 3 * sv * mv * vy;
  }

  private static double mean(double a, double b, double fallback) {
    if (a > 0 && b > 0) {
      return (a + b) / 2;
    }
    return a > 0 ? a : b > 0 ? b : fallback;
  }

  /**
   * Reads the two version-information blocks (ISO/IEC 18004:2015, 7.10) at their fixed offsets from the top-right
   * and bottom-left finder patterns, stepping by those patterns' own module vectors; returns the version whose BCH
   * codeword is within 3 bits of a block, if its size is plausible against the spacing estimate {@code est}, else 0.
   */
  private int localVersion(FinderGrouper.Triple t, double ux, double uy, double vx, double vy, double trU,
      double trV, double blU, double blV, double est) {
    int a = 0;
    double ta = t.tr.threshold();
    for (int dv = 2; dv >= -3; dv--) {
      for (int du = -5; du >= -7; du--) {
        double x = t.tr.x + du * trU * ux + dv * trV * vx;
        double y = t.tr.y + du * trU * uy + dv * trV * vy;
        a = (a << 1) | (sampleOrLight(x, y) < ta ? 1 : 0);
      }
    }
    int b = 0;
    double tb = t.bl.threshold();
    for (int du = 2; du >= -3; du--) {
      for (int dv = -5; dv >= -7; dv--) {
        double x = t.bl.x + du * blU * ux + dv * blV * vx;
        double y = t.bl.y + du * blU * uy + dv * blV * vy;
        b = (b << 1) | (sampleOrLight(x, y) < tb ? 1 : 0);
      }
    }
    int va = nearestVersion(a);
    int vb = nearestVersion(b);
    int v;
    double tolerance;
    if (va > 0 && va == vb) {
      v = va;
      tolerance = Math.max(12, 0.35 * est);
    } else {
      v = va > 0 && (vb == 0 || distance(a, va) <= distance(b, vb)) ? va : vb;
      tolerance = Math.max(8, 0.25 * est);
    }
    return v > 0 && Math.abs(17 + 4 * v - est) <= tolerance ? v : 0;
  }

  private double sampleOrLight(double x, double y) {
    return x < 0 || y < 0 || x >= img.width || y >= img.height ? 255 : img.bilinear(x, y);
  }

  private static int distance(int bits, int version) {
    return Integer.bitCount(bits ^ VERSION_CODES[version]);
  }

  private static int nearestVersion(int bits) {
    int best = 0;
    int bestDist = 4;
    for (int v = 7; v <= 40; v++) {
      int d = distance(bits, v);
      if (d < bestDist) {
        bestDist = d;
        best = v;
      }
    }
    return best;
  }

  /**
   * Reads the symbol assuming {@code dim} modules per side; {@code confirmed} when the version information beside
   * the finder patterns already gave that size (then the timing-pattern check, which a single homography cannot
   * pass on a strongly curved symbol, is skipped).
   */
  private @Nullable Read readWithDimension(FinderGrouper.Triple t, int dim, boolean confirmed, Deadline deadline) {
    formatDistance = NOT_DECODED;
    formatAgreement = NOT_DECODED;
    blocks = BLOCKS_UNKNOWN;
    unmeasured.clear();
    double contrast = ((t.tl.light - t.tl.dark) + (t.tr.light - t.tr.dark) + (t.bl.light - t.bl.dark)) / 3;
    if (contrast < 4) {
      return null;
    }
    double threshold = (t.tl.threshold() + t.tr.threshold() + t.bl.threshold()) / 3;
    // the timing patterns run between the finder patterns, where the three-point (affine) map is good: a cheap
    // test before the alignment-pattern search
    Homography affine = parallelogram(t, dim);
    if (affine == null) {
      return null;
    }
    double transitions = timingTransitions(affine, dim, threshold);
    if (transitions < 0.7 && !confirmed) {
      Homography local = local(t, dim);
      if (local != null) {
        transitions = Math.max(transitions, timingTransitions(local, dim, threshold));
      }
    }
    if (transitions < 0.7 && !confirmed) {
      Homography fit = foreshortenedCornerFit(dim);
      if (fit != null) {
        transitions = Math.max(transitions, timingTransitions(fit, dim, threshold));
      }
    }
    // blur and a highlight's gradient can leave no change at the finder patterns' threshold: then the timing
    // patterns judged on the module centres' own local levels (TimingAlternation)
    if (transitions < 0.7 && !confirmed
        && !TimingAlternation.passes(img, dim, affine, local(t, dim), foreshortenedCornerFit(dim))) {
      return null;
    }
    double timing = 0;
    List<Homography> corners = cornerHomographies(t, dim, contrast);
    if (corners.isEmpty()) {
      return null;
    }
    Homography h = corners.get(0);
    for (Homography c : corners) {
      timing = Math.max(timing, timingScore(c, dim, threshold));
    }
    // no homography shows the timing patterns: only the cylinder grid (both timing patterns followed to the far
    // finder patterns, every control point within a module of one cylinder) or the warped grid (level 1 only), or
    // the timing patterns alternating on a homography's module centres' own levels (TimingAlternation) can admit
    // the group
    ModuleGrid warped = null;
    List<ModuleGrid> cylinder = List.of();
    boolean cylinderTried = false;
    if (timing < 0.62 && !confirmed) {
      warped = firstGridOnly ? null : timingWarped(t, corners, dim, false);
      cylinder = firstGridOnly ? List.of() : cylinderGrids(t, h, dim, contrast, deadline);
      cylinderTried = !firstGridOnly;
      if (warped == null && cylinder.isEmpty()
          && !TimingAlternation.passes(img, dim, corners.toArray(new Homography[0]))) {
        return null;
      }
    }
    boolean warpedFirst = warped != null || !cylinder.isEmpty();
    // a group that only the warped grid admits does not count as a symbol lost (the failure budgets and the
    // regions level 2 works on are for groups that showed their timing patterns to a homography)
    plausible = !warpedFirst;
    lastDimension = dim;
    if (dim >= 45 && !confirmed) {
      int v = readVersion(t, h, dim);
      if (v == 0) {
        return null;
      }
      if (v > 0) {
        int vdim = 17 + 4 * v;
        if (vdim != dim) {
          if (Math.abs(vdim - dim) > 16) {
            return null;
          }
          dim = vdim;
          warped = null;
          cylinder = List.of();
          corners = cornerHomographies(t, dim, contrast);
          if (corners.isEmpty()) {
            return null;
          }
          h = corners.get(0);
        }
      }
    }
    List<ModuleGrid> grids = new ArrayList<>();
    if (warpedFirst) {
      grids.addAll(cylinder);
      if (warped != null) {
        grids.add(warped);
      }
    }
    if (dim >= 45) {
      grids.addAll(alignmentGrids(t, h, dim, contrast, deadline));
    }
    for (Homography c : corners) {
      grids.add(ModuleGrid.single(dim, c));
    }
    // the grid through the searched fourth corner comes last, so it is searched only when every grid before it has
    // failed (the search is a pure function of the triple, the dimension and the last corner map: the same grid as
    // when it was searched before the loop)
    boolean searchCorner = dim <= FOURTH_CORNER_MAX_DIMENSION && foreshortened;
    ModuleGrid first = null;
    List<double[]> decoded = new ArrayList<>();
    for (int gi = 0; gi < grids.size() + (searchCorner ? 1 : 0); gi++) {
      ModuleGrid g;
      if (gi < grids.size()) {
        g = grids.get(gi);
      } else {
        Homography searched = searchFourthCorner(t, dim, corners.get(corners.size() - 1));
        if (searched == null) {
          break;
        }
        g = ModuleGrid.single(dim, searched);
      }
      double[] grey = sampleNew(g, decoded);
      if (grey == null) {
        continue;
      }
      boolean firstGrid = first == null;
      if (firstGrid) {
        first = g;
      }
      // the wider normalisation window only on the first grid: on the synthetic development set (seed 1, 20 per
      // category) it read one symbol, on the first grid, of the 484 qrvid's reader read, while a group that fails
      // was decoded twice per grid (docs/decode.md, "issue 9, fourth pass")
      double[] first3 = null;
      for (int radius : firstGrid && !firstGridOnly ? RADII : RADII_LATER_GRIDS) {
        if (deadline.expired()) {
          return null;
        }
        double[] dark = normalise(grey, dim, radius, contrast);
        Read r;
        if (radius == 3) {
          first3 = dark;
          r = decodeFirstEstimate(dark, g);
        } else if (!nearSymbol()) {
          // the first grid's wider window only near a symbol (FORMAT_DISTANCE_CUT, FORMAT_AGREEMENT_CUT,
          // BLOCK_FAILURE_CUT)
          break;
        } else {
          r = decode(dark, g);
        }
        if (r != null) {
          return r;
        }
      }
      // blur and glare: the second estimates, on the first grid (like the wider window) and its refinement, at
      // level 1, near a symbol (FORMAT_DISTANCE_CUT, FORMAT_AGREEMENT_CUT, BLOCK_FAILURE_CUT)
      if (firstGrid && !firstGridOnly && first3 != null && nearSymbol()) {
        if (deadline.expired()) {
          return null;
        }
        Read r = decodeSecondEstimates(grey, first3, g, contrast, deadline);
        if (r != null) {
          return r;
        }
      }
      if (firstGridOnly) {
        break;
      }
    }
    // the refinement near a symbol only (FORMAT_DISTANCE_CUT, FORMAT_AGREEMENT_CUT, BLOCK_FAILURE_CUT)
    if (first != null && dim <= 57 && nearSymbol() && !deadline.expired()) {
      ModuleGrid refined = refine(first);
      double[] grey = sameAsDecoded(refined, decoded) ? null : sample(refined);
      if (grey != null) {
        double[] refined3 = normalise(grey, dim, 3, contrast);
        Read r = decodeFirstEstimate(refined3, refined);
        if (r == null && !firstGridOnly && nearSymbol() && !deadline.expired()) {
          r = decodeSecondEstimates(grey, refined3, refined, contrast, deadline);
        }
        if (r != null) {
          return r;
        }
      }
    }
    // the warped grid and the cylinder grid last, only once every other grid has failed (most symbols read on the
    // first grid)
    if (!warpedFirst && !firstGridOnly && (dim < 45 || timing < 0.62) && !deadline.expired()) {
      // the warped grid near a symbol only (FORMAT_DISTANCE_CUT, FORMAT_AGREEMENT_CUT, BLOCK_FAILURE_CUT); the
      // cylinder grids always (they read after a format distance of 2 in the trace, 48 reads against the warped
      // grid's 4, at two thirds its time per run; and after every block of 4 to 8 had failed)
      ModuleGrid w = nearSymbol() ? timingWarped(t, corners, dim, true) : null;
      double[] grey = w == null ? null : sampleNew(w, decoded);
      if (grey != null) {
        Read r = decodeFirstEstimate(normalise(grey, dim, 3, contrast), w);
        if (r != null) {
          return r;
        }
      }
      // (a group that the timing alternation admitted has had its cylinder grids fitted already, none found)
      for (ModuleGrid c : cylinderTried ? cylinder : cylinderGrids(t, h, dim, contrast, deadline)) {
        if (deadline.expired()) {
          return null;
        }
        double[] cg = sampleNew(c, decoded);
        if (cg != null) {
          Read r = decodeFirstEstimate(normalise(cg, dim, 3, contrast), c);
          if (r != null) {
            return r;
          }
        }
      }
    }
    return null;
  }

  /**
   * A grid for a symbol on a curved surface (a label on a bottle or a can), which no homography and, below
   * version 7, no alignment-pattern grid follows. Four steps, each from the symbol itself:
   * <ol>
   *   <li>Both timing patterns (ISO/IEC 18004:2015, 6.3.5) are followed module by module ({@link #trackTiming})
   *       under each of {@code corners} in turn; where a module centre lies along the line, against where the
   *       homography puts it, gives a separable remap of each axis (a cylinder whose axis runs along one symbol
   *       axis compresses the other towards its sides, the same in every row).
   *   <li>The fourth corner of the homography through the three finder centres is searched as in
   *       {@link #searchFourthCorner}, on the remapped grid ({@link #warpedFourthCorner}).
   *   <li>The lines across the curvature (the columns when the rows are compressed) are moved across, each by an
   *       offset found on the timing pattern and a slope fitted per strip of 4 lines ({@link #fitStrips}): on a
   *       cylinder seen from above or below its middle, rows project to arcs, and the scale across changes with
   *       the distance from the camera faster than a homography follows.
   * </ol>
   * When a homography passed the timing test, the grid is tried last, after every other grid and the refinement
   * (most symbols read on the first grid, and this one costs a few hundred samples per candidate); when none did,
   * it is tried first and alone, if both timing patterns were followed (such a group does not count as a plausible
   * symbol for the failure budgets). Level 1 only: never on level 2's preprocessed images.
   *
   * <p>Why: on the synthetic development set's {@code curved} photos (seed 2, 20 photos) all 11 symbols the chain
   * missed had their three finder patterns found and grouped, and were then rejected by the timing test or sampled
   * with 39-216 wrong codewords, while the same symbols sampled on their labelled outlines (a Coons patch) decoded
   * with no codeword wrong (docs/decode.md, "issue 9, seventh pass"). With this grid qrvid's reader alone reads 9
   * instead of 8 of that set's 20 curved symbols and 12 instead of 10 on the seed-1 set; the chain reads one more
   * in each of the four synthetic sets measured, with the same reads elsewhere and no misread.
   *
   * @param either whether one followed timing pattern suffices (the other axis is then not remapped): when a
   *     homography already passed the timing test or the version information confirmed the size
   * @return the grid under the first homography whose timing patterns were followed, or null
   */
  private @Nullable ModuleGrid timingWarped(FinderGrouper.Triple t, List<Homography> corners, int dim,
      boolean either) {
    for (Homography h : corners) {
      if (h == cornerFitLast) {
        // the warped grid starts from the centre-based maps, as before the corner fit existed: from the corner fit,
        // seed 1's curved symbol 7 was no longer read (CurvedReadsTest)
        continue;
      }
      double[] du = trackTiming(h, dim, true);
      if (du == null && !either) {
        // both tracks are needed and the first failed: the second would be followed and dropped (issue 9,
        // eleventh pass; the same grids)
        continue;
      }
      double[] dv = trackTiming(h, dim, false);
      if (du == null && dv == null || !either && (du == null || dv == null)) {
        continue;
      }
      double[] su = du == null ? new double[dim] : du;
      double[] sv = dv == null ? new double[dim] : dv;
      // the lines across the curvature bow: rows when the u axis is compressed, columns when the v axis is
      boolean rowsBow = maxAbs(su) >= maxAbs(sv);
      double[] shift = new double[2 * dim * dim];
      for (int j = 0; j < dim; j++) {
        for (int i = 0; i < dim; i++) {
          shift[2 * (j * dim + i)] = su[i];
          shift[2 * (j * dim + i) + 1] = sv[j];
        }
      }
      // the fourth corner, then each strip across the curvature, where the module centres' grey levels are most
      // spread out
      Homography base = warpedFourthCorner(t, dim, h, shift);
      if (base == null) {
        return null;
      }
      ModuleGrid single = ModuleGrid.single(dim, base);
      fitStrips(single, shift, rowsBow, dim);
      return ModuleGrid.shifted(single, shift);
    }
    return null;
  }

  /**
   * Grids for a symbol on a cylinder ({@link CylinderGrid}), fitted to control points found on the symbol itself:
   * both timing patterns followed module by module ({@link CylinderGrid#track}, started beside the top-left finder
   * pattern on the map through its own four corners, or {@code h} where they are not found), the three
   * finder-pattern centres and their 12 outer corners, then the alignment patterns (versions 2 and up), each looked
   * for within {@value #CYLINDER_AP_REACH} modules of where the fit so far puts it, nearest to the fitted points
   * first, and the fit repeated with each one found. The group is refused (empty list) when a
   * timing pattern is not followed to its end or a control point lies more than {@value #CYLINDER_FIT_MODULES}
   * module from the fit: a track that slipped, or a dimension that is wrong, leaves the far finder
   * pattern two modules or more off the curve its own timing pattern draws, while the points of a true cylinder
   * fit to within 0.8 module (docs/decode.md, "issue 9, tenth pass"). Returns the fitted grid and that grid
   * refined by the spread of grey ({@link #refine}; it reads no curved symbol more on the development set, but one
   * version-1 symbol tilted 60 degrees, seed 1's {@code perspective} 1, that no other grid reads).
   */
  private List<ModuleGrid> cylinderGrids(FinderGrouper.Triple t, Homography h, int dim, double contrast,
      Deadline deadline) {
    int first = 8;
    int last = dim - 9;
    if (last - first < 2) {
      return List.of();
    }
    // the tracks start beside the top-left finder pattern, on the map through its own four corners where they are
    // found (a homography through the three centres can be a third of a module per module off there on a cylinder)
    if (!cornersSought) {
      cornersSought = true;
      double[] a = cornerArgs;
      findFinderCorners(t, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9]);
    }
    double[] fcs = finderCorners;
    Homography start = fcs == null ? null
        : Homography.fromQuad(0, 0, fcs[0], fcs[1], 7, 0, fcs[2], fcs[3], 7, 7, fcs[4], fcs[5], 0, 7, fcs[6], fcs[7]);
    if (start == null) {
      start = h;
    }
    double[] seedsRow = new double[6];
    double[] seedsCol = new double[6];
    for (int k = 0; k < 3; k++) {
      start.map(5.5 + k, 6.5, p);
      seedsRow[2 * k] = p[0];
      seedsRow[2 * k + 1] = p[1];
      start.map(6.5, 5.5 + k, p);
      seedsCol[2 * k] = p[0];
      seedsCol[2 * k + 1] = p[1];
    }
    double[] er = moduleVectors(start, 7.5, 6.5);
    double[] ec = moduleVectors(start, 6.5, 7.5);
    double[] row = CylinderGrid.track(img, seedsRow, first, last, er[2], er[3]);
    double[] col = row == null ? null : CylinderGrid.track(img, seedsCol, first, last, ec[0], ec[1]);
    if (col == null || deadline.expired()) {
      return List.of();
    }
    int[] ap = dim >= 25 ? Version.getVersionForNumber((dim - 17) / 4).getAlignmentPatternCenters() : new int[0];
    int cap = 3 + 12 + 2 * (last - first + 1) + ap.length * ap.length;
    double[] uv = new double[2 * cap];
    double[] xy = new double[2 * cap];
    int n = 0;
    double[][] fc = {{3.5, 3.5, t.tl.x, t.tl.y}, {dim - 3.5, 3.5, t.tr.x, t.tr.y}, {3.5, dim - 3.5, t.bl.x, t.bl.y}};
    for (double[] f : fc) {
      uv[2 * n] = f[0];
      uv[2 * n + 1] = f[1];
      xy[2 * n] = f[2];
      xy[2 * n + 1] = f[3];
      n++;
    }
    if (fcs != null) {
      double f = dim - 7;
      double[] cuv = {0, 0, 7, 0, 7, 7, 0, 7, f, 0, dim, 0, dim, 7, f, 7, 0, f, 7, f, 7, dim, 0, dim};
      for (int k = 0; k < 12; k++) {
        uv[2 * n] = cuv[2 * k];
        uv[2 * n + 1] = cuv[2 * k + 1];
        xy[2 * n] = fcs[2 * k];
        xy[2 * n + 1] = fcs[2 * k + 1];
        n++;
      }
    }
    for (int k = 0; k <= last - first; k++) {
      uv[2 * n] = first + k + 0.5;
      uv[2 * n + 1] = 6.5;
      xy[2 * n] = row[2 * k];
      xy[2 * n + 1] = row[2 * k + 1];
      n++;
      uv[2 * n] = 6.5;
      uv[2 * n + 1] = first + k + 0.5;
      xy[2 * n] = col[2 * k];
      xy[2 * n + 1] = col[2 * k + 1];
      n++;
    }
    double module = (t.tl.moduleSize + t.tr.moduleSize + t.bl.moduleSize) / 3;
    CylinderGrid fit = CylinderGrid.fit(dim, uv, xy, n);
    if (fit == null || fit.worst > CYLINDER_FIT_MODULES * module) {
      return List.of();
    }
    // the alignment patterns (not those that overlap a finder pattern), nearest to the timing patterns first
    if (ap.length > 0) {
      java.util.List<int[]> order = new ArrayList<>();
      for (int j = 0; j < ap.length; j++) {
        for (int i = 0; i < ap.length; i++) {
          boolean finder = (i == 0 && j == 0) || (i == 0 && j == ap.length - 1) || (j == 0 && i == ap.length - 1);
          if (!finder) {
            order.add(new int[] {ap[i], ap[j]});
          }
        }
      }
      order.sort(java.util.Comparator.comparingInt(a -> Math.min(a[0], a[1]) * 1000 + a[0] + a[1]));
      double[] q = new double[2];
      double[] q1 = new double[2];
      double[] q2 = new double[2];
      for (int[] a : order) {
        if (deadline.expired()) {
          return List.of();
        }
        double u = a[0] + 0.5;
        double v = a[1] + 0.5;
        if (!fit.mapChecked(u, v, q) || !fit.mapChecked(u + 1, v, q1) || !fit.mapChecked(u, v + 1, q2)) {
          return List.of();
        }
        double[] c = findAlignment(q[0], q[1], q1[0] - q[0], q1[1] - q[1], q2[0] - q[0], q2[1] - q[1],
            CYLINDER_AP_REACH, contrast);
        if (c == null) {
          continue;
        }
        uv[2 * n] = u;
        uv[2 * n + 1] = v;
        xy[2 * n] = c[0];
        xy[2 * n + 1] = c[1];
        CylinderGrid next = CylinderGrid.fit(dim, uv, xy, n + 1);
        // an alignment pattern that does not fit with the rest is noise, not the pattern: left out
        if (next != null && next.worst <= CYLINDER_FIT_MODULES * module) {
          n++;
          fit = next;
        }
      }
    }
    ModuleGrid g = fit.grid(h);
    if (g == null) {
      return List.of();
    }
    return List.of(g, refine(g));
  }

  /**
   * Largest distance of a {@link #cylinderGrids} control point from the fit, in modules: half a module, so that a
   * timing track that slipped one module, or a wrong dimension, cannot fit (as {@link #CORNER_FIT_MODULES}).
   */
  static final double CYLINDER_FIT_MODULES = 1;
  /** How far from the fitted position {@link #cylinderGrids} looks for an alignment pattern, in modules. */
  private static final double CYLINDER_AP_REACH = 2;

  /** Width of the strips {@link #fitStrips} fits, in modules. */
  private static final int STRIP = 4;
  /**
   * Slopes {@link #fitStrips} tries, in modules across per module across: -max..max in steps (0.3 moves the far
   * edge of a version-5 symbol by 9 modules; the steepest needed on the development set's cylinders was about 0.15).
   */
  private static final double STRIP_SLOPE_MAX = 0.3;
  private static final double STRIP_SLOPE_STEP = 0.025;

  /**
   * Moves the modules across the curvature ({@code v} when {@code rowsBow}, else {@code u}): each line across gets
   * the offset at which its timing module lies ({@link #timingOffsets}) plus a slope times its distance from the
   * timing pattern; the slope is fitted per strip of {@value #STRIP} lines as the one whose module centres sample the
   * most spread-out grey levels (a checkerboard of them, finder patterns left out), then a median over neighbouring
   * strips against outliers, interpolated linearly between strip centres. The result is added to {@code shift}.
   * With the offset pinned at the timing pattern, a slope that puts the far edge one whole module off puts the
   * middle half a module off and loses, so the fit is not fooled by whole-module shifts the way {@link #refine}'s
   * small blocks can be; the offset itself is found on the timing pattern, which the rows beside it do not mimic.
   */
  private void fitStrips(ModuleGrid g, double[] shift, boolean rowsBow, int dim) {
    // each line's offset across at the timing pattern, where the timing modules around it alternate best
    double[] off = timingOffsets(g, shift, rowsBow, dim);
    if (off == null) {
      return;
    }
    int strips = (dim + STRIP - 1) / STRIP;
    double[] slope = new double[strips];
    for (int k = 0; k < strips; k++) {
      double best = -1;
      for (double sl = -STRIP_SLOPE_MAX; sl <= STRIP_SLOPE_MAX + 1e-9; sl += STRIP_SLOPE_STEP) {
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (int a = k * STRIP; a < Math.min(dim, k * STRIP + STRIP); a++) {
          for (int c = a & 1; c < dim; c += 2) {
            int i = rowsBow ? a : c;
            int j = rowsBow ? c : a;
            if ((i < 8 && j < 8) || (i >= dim - 8 && j < 8) || (i < 8 && j >= dim - 8)) {
              continue;
            }
            int m = 2 * (j * dim + i);
            double d = off[a] + sl * (c - 6);
            g.map(i + 0.5 + shift[m] + (rowsBow ? 0 : d), j + 0.5 + shift[m + 1] + (rowsBow ? d : 0), p);
            double v = img.bilinear(p[0], p[1]);
            sum += v;
            sq += v * v;
            n++;
          }
        }
        if (n == 0) {
          continue;
        }
        double mean = sum / n;
        // a small preference for no slope, so that strips without contrast stay put
        double spread = sq / n - mean * mean - 50 * sl * sl;
        if (spread > best) {
          best = spread;
          slope[k] = sl;
        }
      }
    }
    double[] ms = median3(slope);
    for (int a = 0; a < dim; a++) {
      double f = (a + 0.5) / STRIP - 0.5;
      int k0 = Math.max(0, Math.min(strips - 1, (int) Math.floor(f)));
      int k1 = Math.min(strips - 1, k0 + 1);
      double w = Math.max(0, Math.min(1, f - k0));
      double sl = ms[k0] * (1 - w) + ms[k1] * w;
      for (int c = 0; c < dim; c++) {
        int i = rowsBow ? a : c;
        int j = rowsBow ? c : a;
        shift[2 * (j * dim + i) + (rowsBow ? 1 : 0)] += off[a] + sl * (c - 6);
      }
    }
  }

  /** Half-width of the window of timing modules {@link #timingOffsets} scores, in modules. */
  private static final int TIMING_WINDOW = 2;
  /** Largest offset across the timing pattern {@link #timingOffsets} searches, in modules. */
  private static final double TIMING_OFFSET_MAX = 1;

  /**
   * For every line across the curvature (column {@code a} when {@code rowsBow}), the offset across, in modules, at
   * which the timing pattern lies: for each timing module, the offset within {@value #TIMING_OFFSET_MAX} module whose
   * samples of the timing modules within {@value #TIMING_WINDOW} of it alternate with the most contrast (the rows
   * beside the timing pattern hold data, which does not alternate, so a whole-module error cannot pass), then a
   * median of five against outliers; 0 at the finder centres, linear between them and the nearest timing module.
   * Null when the symbol is too small to have a timing module on each side of a window.
   */
  private double @Nullable [] timingOffsets(ModuleGrid g, double[] shift, boolean rowsBow, int dim) {
    int lo = 8;
    int hi = dim - 9;
    if (hi - lo < 2 * TIMING_WINDOW) {
      return null;
    }
    double[] raw = new double[dim];
    double[] vals = new double[2 * TIMING_WINDOW + 1];
    for (int a = lo; a <= hi; a++) {
      double best = Double.NEGATIVE_INFINITY;
      for (double o = -TIMING_OFFSET_MAX; o <= TIMING_OFFSET_MAX + 1e-9; o += 0.125) {
        int n = 0;
        double mean = 0;
        for (int b = Math.max(lo, a - TIMING_WINDOW); b <= Math.min(hi, a + TIMING_WINDOW); b++) {
          int i = rowsBow ? b : 6;
          int j = rowsBow ? 6 : b;
          int m = 2 * (j * dim + i);
          g.map(i + 0.5 + shift[m] + (rowsBow ? 0 : o), j + 0.5 + shift[m + 1] + (rowsBow ? o : 0), p);
          vals[n] = img.bilinear(p[0], p[1]);
          mean += vals[n++];
        }
        mean /= n;
        double agree = 0;
        for (int q = 0, b = Math.max(lo, a - TIMING_WINDOW); q < n; q++, b++) {
          agree += (b & 1) == 0 ? mean - vals[q] : vals[q] - mean;
        }
        // a small preference for no offset among equals
        agree = agree / n - 0.01 * Math.abs(o);
        if (agree > best) {
          best = agree;
          raw[a] = o;
        }
      }
    }
    double[] off = new double[dim];
    double[] w = new double[5];
    for (int a = lo; a <= hi; a++) {
      int n = 0;
      for (int b = Math.max(lo, a - 2); b <= Math.min(hi, a + 2); b++) {
        w[n++] = raw[b];
      }
      java.util.Arrays.sort(w, 0, n);
      off[a] = w[n / 2];
    }
    for (int a = 0; a < lo; a++) {
      double c = a + 0.5;
      off[a] = c <= 3.5 ? 0 : off[lo] * (c - 3.5) / (lo + 0.5 - 3.5);
    }
    for (int a = hi + 1; a < dim; a++) {
      double c = a + 0.5;
      off[a] = c >= dim - 3.5 ? 0 : off[hi] * (dim - 3.5 - c) / (dim - 3.5 - (hi + 0.5));
    }
    return off;
  }

  /** The median of each run of three (two at the ends). */
  private static double[] median3(double[] a) {
    double[] out = new double[a.length];
    for (int k = 0; k < a.length; k++) {
      double x = a[Math.max(0, k - 1)];
      double y = a[k];
      double z = a[Math.min(a.length - 1, k + 1)];
      out[k] = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    }
    return out;
  }

  private static double maxAbs(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  /**
   * The homography through the three finder centres and a fourth corner point (module {@code (dim - 3.5, dim -
   * 3.5)}) moved over 4 modules each way around where {@code h} puts it, in one-module then quarter-module steps,
   * whose grid, warped by {@code shift}, samples the most spread-out grey levels (as {@link #searchFourthCorner}).
   */
  private @Nullable Homography warpedFourthCorner(FinderGrouper.Triple t, int dim, Homography h, double[] shift) {
    double[] uv = shiftedCheckerboard(dim, shift);
    return fourthCorner(t, dim, h, c -> spread(c, uv, false));
  }

  /**
   * The module centres of a checkerboard of the symbol outside the finder patterns and their separators (every
   * other module, row by row; u, v pairs), each plus its own module's {@code shift} when one is given (module units,
   * u then v per module, row-major): the coordinates at which {@code ModuleGrid.shifted(ModuleGrid.single(dim, c),
   * shift)} maps those centres through {@code c}. They are the same for every candidate corner of {@link #warpedFourthCorner}, so
   * they are computed once instead of once per candidate (130 per call) through two grid objects per candidate
   * (issue 9, eleventh pass; the same sums in the same order, so the same scores: {@code WarpedSpreadTest}). The
   * 130 candidates' spreads take 0.57x the time of the grid objects' (versions 1-8, alternated in one JVM).
   */
  static double[] shiftedCheckerboard(int dim, double @Nullable [] shift) {
    double[] uv = new double[dim * dim + 1];
    int n = 0;
    for (int j = 0; j < dim; j++) {
      for (int i = j & 1; i < dim; i += 2) {
        if ((i < 8 && j < 8) || (i >= dim - 8 && j < 8) || (i < 8 && j >= dim - 8)) {
          continue;
        }
        if (shift == null) {
          uv[n++] = i + 0.5;
          uv[n++] = j + 0.5;
        } else {
          int k = 2 * (j * dim + i);
          uv[n++] = i + 0.5 + shift[k];
          uv[n++] = j + 0.5 + shift[k + 1];
        }
      }
    }
    return java.util.Arrays.copyOf(uv, n);
  }

  /**
   * Follows one timing pattern module by module from the first separator: each module's centre is looked for
   * within {@value #TRACK_REACH} module of where the previous centre and the current step predict it (the darkest
   * point for a dark module, the lightest for a light one, nearer ones preferred), and the step is updated from
   * the centres found. Returns, per module index along the line, the apparent minus nominal coordinate along it in
   * {@code h}'s module units; null when the modules found do not alternate (fewer than
   * {@value #TRACK_AGREE} of them on the right side of the middle grey) or the last one ends more than a module
   * from where {@code h} puts it (the far finder pattern anchors it).
   */
  private double @Nullable [] trackTiming(Homography h, int dim, boolean row) {
    int first = 8;
    int last = dim - 9;
    if (last - first < 2) {
      return null;
    }
    int n = last - first + 1;
    double[] px = new double[n];
    double[] py = new double[n];
    double[] val = new double[n];
    double[] e = row ? moduleVectors(h, 7.5, 6.5) : moduleVectors(h, 6.5, 7.5);
    double sx = row ? e[0] : e[2];
    double sy = row ? e[1] : e[3];
    double cx = row ? e[2] : e[0];
    double cy = row ? e[3] : e[1];
    if (row) {
      h.map(7.5, 6.5, p);
    } else {
      h.map(6.5, 7.5, p);
    }
    double x = p[0];
    double y = p[1];
    for (int k = 0; k < n; k++) {
      boolean dark = ((first + k) & 1) == 0;
      double ex = x + sx;
      double ey = y + sy;
      double best = Double.NEGATIVE_INFINITY;
      double bx = ex;
      double by = ey;
      double bv = 0;
      for (double a = -TRACK_REACH; a <= TRACK_REACH + 1e-9; a += 0.125) {
        for (double c = -TRACK_REACH; c <= TRACK_REACH + 1e-9; c += 0.125) {
          double qx = ex + a * sx + c * cx;
          double qy = ey + a * sy + c * cy;
          if (qx < 0 || qy < 0 || qx >= img.width || qy >= img.height) {
            return null;
          }
          double v = img.bilinear(qx, qy);
          double score = (dark ? -v : v) - TRACK_PULL * (a * a + c * c);
          if (score > best) {
            best = score;
            bx = qx;
            by = qy;
            bv = v;
          }
        }
      }
      px[k] = bx;
      py[k] = by;
      val[k] = bv;
      // the step follows the centres found, slowly (a module's extreme may lie anywhere in its flat middle)
      sx = 0.7 * sx + 0.3 * (bx - x);
      sy = 0.7 * sy + 0.3 * (by - y);
      x = bx;
      y = by;
    }
    if (!alternates(val, first)) {
      return null;
    }
    double[] out = new double[dim];
    for (int k = 0; k < n; k++) {
      int i = first + k;
      double u = row ? i + 0.5 : 6.5;
      double v = row ? 6.5 : i + 0.5;
      h.map(u, v, p);
      double[] m = moduleVectors(h, u, v);
      double dx = px[k] - p[0];
      double dy = py[k] - p[1];
      double det = m[0] * m[3] - m[1] * m[2];
      double du = (dx * m[3] - dy * m[2]) / det;
      double dv = (m[0] * dy - m[1] * dx) / det;
      out[i] = row ? du : dv;
    }
    if (Math.abs(out[last]) > 1) {
      return null;
    }
    // the modules beside the finder patterns: linearly to 0 at the finder centres
    for (int i = 0; i < first; i++) {
      double c = i + 0.5;
      out[i] = c <= 3.5 ? 0 : out[first] * (c - 3.5) / (first + 0.5 - 3.5);
    }
    for (int i = last + 1; i < dim; i++) {
      double c = i + 0.5;
      out[i] = c >= dim - 3.5 ? 0 : out[last] * (dim - 3.5 - c) / (dim - 3.5 - (last + 0.5));
    }
    return out;
  }

  /**
   * How far from its prediction {@link #trackTiming} (and {@link CylinderGrid#track}) looks for a module centre, in
   * modules each way: less than half a module, so that it cannot step onto the next module of the same colour. The
   * three constants are chosen from the geometry, not fitted to the development set (each was run once as
   * written).
   */
  static final double TRACK_REACH = 0.375;
  /**
   * Grey levels per squared module that {@link #trackTiming} charges for moving away from its prediction (5.6 grey
   * levels at the reach: a module's flat middle does not pull the track about).
   */
  static final double TRACK_PULL = 40;
  /** Least fraction of tracked timing modules on the right side of their mean grey. */
  static final double TRACK_AGREE = 0.9;

  /**
   * Whether the grey levels {@code val} tracked along a timing pattern, entry {@code k} at module index
   * {@code first + k} (dark at even indices, ISO/IEC 18004:2015, 6.3.5), alternate: at least {@value #TRACK_AGREE}
   * of them on their colour's side of their mean. Used by {@link #trackTiming} and {@link CylinderGrid#track}.
   */
  static boolean alternates(double[] val, int first) {
    int n = val.length;
    double mean = 0;
    for (double v : val) {
      mean += v;
    }
    mean /= n;
    int agree = 0;
    for (int k = 0; k < n; k++) {
      boolean dark = ((first + k) & 1) == 0;
      if (dark == val[k] < mean) {
        agree++;
      }
    }
    return agree >= TRACK_AGREE * n;
  }

  /**
   * Largest distance, in modules, between a candidate grid's module centres and those of a grid already decoded
   * for it to be skipped as the same grid: every sample then lies within a tenth of a module of one already
   * decoded, inside the same module's flat middle, so its darkness estimates (a five-point mean over +-0.2 module)
   * barely differ. On the synthetic development set (seed 1, 20 per category) skipping such grids lost no read
   * (docs/decode.md, "issue 9, fifth pass").
   */
  static final double SAME_GRID_MODULES = 0.1;

  /**
   * The grey levels of grid {@code g} ({@link #sample(ModuleGrid)}) unless it is the same as a grid already
   * decoded ({@link #sameAsDecoded}) or leaves the image (null then); a grid sampled is added to {@code decoded}
   * with its module centres, taken from the sampling's own maps ({@link #sample(ModuleGrid, double[])}, the values
   * {@link #centres} gives).
   */
  private double @Nullable [] sampleNew(ModuleGrid g, List<double[]> decoded) {
    if (sameAsDecoded(g, decoded)) {
      return null;
    }
    double[] centres = new double[2 * g.dimension * g.dimension];
    double[] grey = sample(g, centres);
    if (grey != null) {
      decoded.add(centres);
    }
    return grey;
  }

  /** Module centres (x, y per module, row by row) of a grid in image pixels. */
  static double[] centres(ModuleGrid g) {
    int dim = g.dimension;
    double[] out = new double[2 * dim * dim];
    double[] q = new double[2];
    for (int j = 0, k = 0; j < dim; j++) {
      for (int i = 0; i < dim; i++, k += 2) {
        g.mapInModule(i, j, i + 0.5, j + 0.5, q);
        out[k] = q[0];
        out[k + 1] = q[1];
      }
    }
    return out;
  }

  /**
   * Whether every module centre of {@code g} lies within {@link #SAME_GRID_MODULES} modules of the same module's
   * centre in one of the grids already decoded (their centres as {@link #centres} gives them).
   *
   * <p>Exact and lazy: each module centre of {@code g} is mapped (as {@link #centres} maps it) only while some grid
   * of the same size still agrees on every module before it, so a grid that differs from every decoded one early
   * costs a few maps instead of {@code dim * dim}; the answer is the same ({@code SameGridTest} compares it with
   * the straightforward form, all centres first, on random grids).
   */
  static boolean sameAsDecoded(ModuleGrid g, List<double[]> decoded) {
    int dim = g.dimension;
    int n = 2 * dim * dim;
    boolean[] open = new boolean[decoded.size()];
    int left = 0;
    for (int m = 0; m < open.length; m++) {
      open[m] = decoded.get(m).length == n;
      left += open[m] ? 1 : 0;
    }
    if (left == 0) {
      return false;
    }
    double tol = SAME_GRID_MODULES * moduleSpan(g);
    double tol2 = tol * tol;
    double[] q = new double[2];
    for (int j = 0, k = 0; j < dim; j++) {
      for (int i = 0; i < dim; i++, k += 2) {
        g.mapInModule(i, j, i + 0.5, j + 0.5, q);
        for (int m = 0; m < open.length; m++) {
          if (open[m]) {
            double[] d = decoded.get(m);
            double dx = q[0] - d[k];
            double dy = q[1] - d[k + 1];
            if (!(dx * dx + dy * dy <= tol2)) {
              open[m] = false;
              if (--left == 0) {
                return false;
              }
            }
          }
        }
      }
    }
    return true;
  }

  /**
   * The smallest format-information distance ({@link SoftSymbolDecoder#formatDistance}, both copies, the symbol and
   * its mirror image) of the first darkness estimates (3-module window) of the grids decoded so far for the current
   * dimension, or {@link #NOT_DECODED}.
   */
  private int formatDistance;

  /** {@link #formatDistance} before any grid of the current dimension was decoded. */
  private static final int NOT_DECODED = Integer.MAX_VALUE;

  /**
   * The format-information distance from which a group is taken to be no symbol the later stages read: the first
   * grid's wider window and second estimates, the refinement and its second estimates, and the late warped grid run
   * only while {@link #formatDistance} is below it (not when no grid was decoded: every grid left the image).
   *
   * <p>Traced (docs/decode.md, "issue 9, twelfth pass"): every group {@code SymbolReader} tried on the synthetic sets
   * of seed 2 (460 images) and seed 1 at 10 per category (300), with {@code scanAll} and a 60 s budget, and on
   * ZXing's blackbox and zxing-cpp's sample photos at 0/90/180/270 degrees with {@code scan} and 20 s, all levels:
   * of the 66 reads those stages made, 64 came after a smallest distance of 0 and 2 after 1, none after 2 or more
   * or after no decoded grid, while most of their runs on groups never read came after 2 or 3 (a random word is
   * within 3 bits of one of the 32 codes about half of the time). 3 keeps one bit of margin above the largest
   * distance read; on the traced scans it skips 15 % of the reader's time on seed 2, 12 % on the count-10 set and
   * 6 % on the sample photos.
   */
  static final int FORMAT_DISTANCE_CUT = 3;

  /**
   * The smallest format agreement ({@link SoftSymbolDecoder#formatAgreement}: both copies' distances to one valid
   * code, summed; the symbol and its mirror image) of the first darkness estimates decoded so far for the current
   * dimension, or {@link #NOT_DECODED}.
   */
  private int formatAgreement;

  /**
   * The format agreement from which a group whose {@link #formatDistance} is 2 (below {@link #FORMAT_DISTANCE_CUT},
   * above every distance the later stages read at) is taken to be no symbol either: the stages {@link
   * #FORMAT_DISTANCE_CUT} gates run only while the distance is at most 1 or the agreement is below this.
   *
   * <p>Traced (docs/decode.md, "issue 9, fifteenth pass"): every dimension attempt {@code SymbolReader} made on the
   * synthetic sets of seed 2 (460 images) and seed 1 at 10 per category (300), with {@code scanAll}, a 60 s budget
   * and {@code workers(1)}, and on ZXing's blackbox and zxing-cpp's sample photos at 0/90/180/270 degrees with
   * qrvid's reader alone ({@code scan}, 60 s), all levels: the first grid's wider window and second estimates, the
   * refinement and the late warped grid read 47 times, always after a distance of 0 or 1 and an agreement of at most
   * 7 (never after a distance of 2); 9 keeps 2 above the largest agreement read at. Of those stages' runs on groups
   * never read, the ones at distance 2 and agreement 9 or more took 5 % of the reader's time on the photo
   * categories, 6.5 % on the negatives, 5 % on the over-damaged symbols and on the sample photos.
   */
  static final int FORMAT_AGREEMENT_CUT = 9;

  /**
   * Whether the grids decoded so far for the current dimension came near a symbol's format information: {@link
   * #formatDistance} below {@link #FORMAT_DISTANCE_CUT}, and below 2 or with {@link #formatAgreement} below {@link
   * #FORMAT_AGREEMENT_CUT}; and not with every Reed-Solomon block beyond correction ({@link #blocks}, {@link
   * #BLOCK_FAILURE_CUT}).
   */
  private boolean nearSymbol() {
    return formatDistance < FORMAT_DISTANCE_CUT && (formatDistance < 2 || formatAgreement < FORMAT_AGREEMENT_CUT)
        && blocks() != BLOCKS_HOPELESS;
  }

  /**
   * {@link #blocks}, after measuring the first estimates not yet measured, oldest first, until one is not hopeless
   * (measured here, when a gated stage asks, rather than as each estimate fails: the same estimates in the same
   * order give the same answer, and attempts that reach no gated stage measure nothing).
   */
  private int blocks() {
    for (int i = 0; i < unmeasured.size() && blocks != BLOCKS_OPEN; i++) {
      float[] f = unmeasured.get(i);
      blocks = SoftSymbolDecoder.everyBlockFails(f, dimensionOf(f), BLOCK_FAILURE_CUT) ? BLOCKS_HOPELESS
          : BLOCKS_OPEN;
    }
    unmeasured.clear();
    return blocks;
  }

  private static int dimensionOf(float[] darkness) {
    return (int) Math.round(Math.sqrt(darkness.length));
  }

  /**
   * The first estimates of the current dimension that did not decode and had a format code within 3 of a copy, in
   * the order decoded, not yet folded into {@link #blocks}.
   */
  private final List<float[]> unmeasured = new ArrayList<>();

  /**
   * What the Reed-Solomon blocks of the first darkness estimates decoded so far for the current dimension say:
   * {@link #BLOCKS_UNKNOWN} (none measured yet), {@link #BLOCKS_HOPELESS} (on every one measured, {@link
   * SoftSymbolDecoder#blockFailures} found every block failing, {@link #BLOCK_FAILURE_CUT} or more: {@link
   * SoftSymbolDecoder#everyBlockFails}) or {@link #BLOCKS_OPEN} (some estimate did not).
   */
  private int blocks;

  private static final int BLOCKS_UNKNOWN = 0;
  private static final int BLOCKS_HOPELESS = 1;
  private static final int BLOCKS_OPEN = 2;

  /**
   * The fewest Reed-Solomon blocks of a symbol whose first estimates, when every block fails on each of them, mark
   * it as beyond what the stages {@link #nearSymbol} gates read (the first grid's wider window and second estimates,
   * the refinement and its second estimates, the late warped grid): those stages run only while {@link #blocks} is
   * not {@link #BLOCKS_HOPELESS}. The later grids and the cylinder grids still run (they read after every block of
   * 4 to 11 had failed: another grid's geometry, not a better estimate of the same modules).
   *
   * <p>Traced (docs/decode.md, "issue 9, sixteenth pass"): every dimension attempt {@code SymbolReader} made on the
   * synthetic sets of seed 2 (460 images) and seed 1 at 10 per category (300), with {@code scanAll}, a 60 s budget
   * and {@code workers(1)}, and on ZXing's blackbox and zxing-cpp's sample photos at 0/90/180/270 degrees with
   * qrvid's reader alone ({@code scan}, 60 s), all levels, with {@link SoftSymbolDecoder#blockFailures} on every
   * first estimate that did not decode: of the 47 reads those stages made, the 37 that came after every block had
   * failed came with 1 block (32) or 2 (5, in 273 runs with 2 blocks all failed); with 4 or more blocks (no QR
   * symbol has 3) those stages ran 231 times on the photos, the sample photos and the negatives and 1,250 times on
   * the over-damaged symbols, and never read (on symbols of at most {@link #BLOCK_FAILURE_MAX_DIMENSION} modules,
   * where it is measured: 116 and 1,248 times). What it skips on the trace: 30 % of the reader's time on the
   * over-damaged symbols, 3 % on the photo categories, 1 % on the negatives and on the sample photos.
   */
  static final int BLOCK_FAILURE_CUT = 4;

  /**
   * The largest symbol (modules per side; version 10) whose first estimates are measured for {@link
   * #BLOCK_FAILURE_CUT}: the size up to which the refinement runs, the costly stage the cut skips. On larger
   * symbols (up to 81 blocks, each corrected in full for every format candidate when all fail) the measure costs
   * more than the wider window and the second estimates it would skip, which stop at the first failed block:
   * measured on seed 2's negatives, 15 measures of grids of 65 to 141 modules took 12 to 90 ms each.
   */
  static final int BLOCK_FAILURE_MAX_DIMENSION = 57;

  /** Normalisation windows (in modules each way) tried on the first grid that samples, in order. */
  private static final int[] RADII = {3, 6};
  /** The same on every further grid. */
  private static final int[] RADII_LATER_GRIDS = {3};

  /**
   * The second darkness estimates of a grid whose first estimate (window of 3 modules) did not decode, in order,
   * each after a deadline check: the 3x3 blur equaliser on {@code first3}, then the levels as planes ({@link
   * ModuleLevels}).
   */
  private static @Nullable Read decodeSecondEstimates(double[] grey, double[] first3, ModuleGrid g, double contrast,
      Deadline deadline) {
    int dim = g.dimension;
    double[] equalised = ModuleLevels.equalised(first3, dim);
    Read r = equalised == first3 ? null : decode(equalised, g);
    if (r == null && !deadline.expired()) {
      r = decode(ModuleLevels.planeLevels(grey, dim, 3, contrast), g);
    }
    return r;
  }

  private static @Nullable Read decode(double[] darkness, ModuleGrid g) {
    return decode(floats(darkness), g);
  }

  /**
   * Decodes a grid's first darkness estimate (the 3-module window) and, when it does not decode, lowers {@link
   * #formatDistance} and {@link #formatAgreement} to its format information's and, until some estimate was not,
   * measures whether its blocks are all beyond correction ({@link #blocks}; only where a format code is within 3 of
   * a copy, else {@link SoftSymbolDecoder#decode} has no candidate to measure, and on symbols of at most {@link
   * #BLOCK_FAILURE_MAX_DIMENSION} modules; measured when a gated stage asks, {@link #blocks()}).
   */
  private @Nullable Read decodeFirstEstimate(double[] darkness, ModuleGrid g) {
    float[] f = floats(darkness);
    Read r = decode(f, g);
    if (r == null) {
      int distance = SoftSymbolDecoder.formatDistance(f, g.dimension);
      formatDistance = Math.min(formatDistance, distance);
      formatAgreement = Math.min(formatAgreement, SoftSymbolDecoder.formatAgreement(f, g.dimension));
      if (blocks != BLOCKS_OPEN && distance <= 3 && g.dimension <= BLOCK_FAILURE_MAX_DIMENSION) {
        unmeasured.add(f);
      }
    }
    return r;
  }

  private static float[] floats(double[] darkness) {
    float[] f = new float[darkness.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) darkness[i];
    }
    return f;
  }

  private static @Nullable Read decode(float[] f, ModuleGrid g) {
    int dim = g.dimension;
    Optional<SoftSymbolDecoder.Result> r = SoftSymbolDecoder.decode(f, dim);
    if (r.isEmpty()) {
      return null;
    }
    return new Read(r.get(), dim, g.corners(), r.get().mirrored(), g.piecewise());
  }

  // ---- geometry ------------------------------------------------------------------------------------------------

  static int snap(double estimate) {
    int v = (int) Math.round((estimate - 17) / 4);
    return 17 + 4 * v;
  }

  /**
   * Module size of a finder pattern along a direction, by fitting the finder's 1:1:3:1:1 profile (dark centre of
   * 3 modules, light ring, dark ring, light separator) to the grey levels sampled along the line through its centre:
   * the scale whose template separates the samples into the darkest "dark" and lightest "light" sets wins. Unlike
   * edge positions at a threshold, the fit survives blur that leaves the one-module rings barely below any
   * threshold. Returns -1 when no scale gives contrast.
   */
  private double finderModuleAlong(FinderCandidate f, double dx, double dy) {
    double ms0 = f.moduleSize;
    double step = Math.max(0.25, ms0 / 6);
    double reach = 4.5 * 2.0 * ms0;
    int half = (int) Math.ceil(reach / step);
    int n = 2 * half + 1;
    double[] val = new double[n];
    for (int i = 0; i < n; i++) {
      double t = (i - half) * step;
      double x = f.x + dx * t;
      double y = f.y + dy * t;
      val[i] = x < 0 || y < 0 || x >= img.width || y >= img.height ? Double.NaN : img.bilinear(x, y);
    }
    return profileScale(val, half, step, ms0, 0.3 * (f.light - f.dark));
  }

  /**
   * The scale fit of {@link #finderModuleAlong}: {@code val[i]} is the grey level (NaN outside the image) at
   * distance {@code |i - half| * step} pixels from the finder's centre; scales from {@code ms0 / 2} to
   * {@code 2 ms0} by factors of 1.08, then around the best by factors of 1.01; a sample at {@code a} modules from
   * the centre counts as dark when {@code a < 1.5} or {@code 2.5 <= a < 3.5}, as light below 4.5. Returns the scale
   * whose light mean exceeds its dark mean most, when that exceeds {@code minContrast}, else -1.
   *
   * <p>An optimised form of {@code ProfileScaleTest.profileScaleReference} with bit-identical results: {@code a = (k
   * step) / s} is monotone in the distance index {@code k} (a correctly rounded division by a positive number is
   * monotone), so each scale's four class boundaries are the first {@code k} at which that exact quotient reaches 1.5,
   * 2.5, 3.5 and 4.5 (found from an estimate and checked with the same division), and every sample is classed by
   * comparing its index, with no division; the sums run in the reference's order.
   */
  static double profileScale(double[] val, int half, double step, double ms0, double minContrast) {
    int n = 2 * half + 1;
    double best = 0;
    double bestS = -1;
    double lo = 0.5 * ms0;
    double hi = 2.0 * ms0;
    double factor = 1.08;
    for (int pass = 0; pass < 2; pass++) {
      if (pass == 1) {
        if (bestS < 0) {
          break;
        }
        lo = bestS / 1.08;
        hi = bestS * 1.08;
        factor = 1.01;
      }
      for (double s = lo; s <= hi; s *= factor) {
        int k1 = firstAtLeast(1.5, s, step, half);
        int k2 = firstAtLeast(2.5, s, step, half);
        int k3 = firstAtLeast(3.5, s, step, half);
        int k4 = firstAtLeast(4.5, s, step, half);
        double dark = 0;
        double light = 0;
        int nd = 0;
        int nl = 0;
        for (int i = 0; i < n; i++) {
          int k = Math.abs(i - half);
          double v = val[i];
          if (k >= k4 || Double.isNaN(v)) {
            continue;
          }
          if (k < k1 || (k >= k2 && k < k3)) {
            dark += v;
            nd++;
          } else {
            light += v;
            nl++;
          }
        }
        if (nd == 0 || nl == 0) {
          continue;
        }
        double c = light / nl - dark / nd;
        if (c > best) {
          best = c;
          bestS = s;
        }
      }
    }
    return best > minContrast ? bestS : -1;
  }

  /** The least {@code k} in {@code [0, half + 1]} with {@code (k * step) / s >= threshold}; half + 1 when none. */
  private static int firstAtLeast(double threshold, double s, double step, int half) {
    double guess = threshold * s / step;
    int k = guess >= half + 1 ? half + 1 : guess <= 0 ? 0 : (int) guess;
    while (k > 0 && ((double) (k - 1) * step) / s >= threshold) {
      k--;
    }
    while (k <= half && ((double) k * step) / s < threshold) {
      k++;
    }
    return k;
  }

  /**
   * Homographies for a symbol of {@code dim} modules, in the order they are tried: the finder-corner fit of a
   * foreshortened triple ({@link #foreshortenedCornerFit}), the one through the three finder centres and the
   * bottom-right alignment pattern when it is found, the parallelogram through the centres (always), and the local
   * least-squares one of a foreshortened triple ({@link #local}).
   */
  private List<Homography> cornerHomographies(FinderGrouper.Triple t, int dim, double contrast) {
    List<Homography> out = new ArrayList<>(3);
    Homography fit = foreshortenedCornerFit(dim);
    if (fit != null) {
      out.add(fit);
    }
    double n = dim - 7;
    double exx = (t.tr.x - t.tl.x) / n;
    double exy = (t.tr.y - t.tl.y) / n;
    double eyx = (t.bl.x - t.tl.x) / n;
    double eyy = (t.bl.y - t.tl.y) / n;
    double hi = dim - 3.5;
    if (dim > 21) {
      double c = dim - 6.5;
      double px = t.tl.x + (c - 3.5) * (exx + eyx);
      double py = t.tl.y + (c - 3.5) * (exy + eyy);
      double radius = Math.max(3, Math.min(8, 0.12 * dim));
      double[] ap = findAlignment(px, py, exx, exy, eyx, eyy, radius, contrast);
      if (ap != null) {
        Homography h = Homography.fromQuad(3.5, 3.5, t.tl.x, t.tl.y, hi, 3.5, t.tr.x, t.tr.y, c, c, ap[0], ap[1],
            3.5, hi, t.bl.x, t.bl.y);
        if (h != null) {
          out.add(h);
        }
      }
    }
    Homography affine = parallelogram(t, dim);
    if (affine != null) {
      out.add(affine);
    }
    Homography local = local(t, dim);
    if (local != null) {
      out.add(local);
    }
    return out;
  }

  /**
   * The least-squares homography through the three finder centres and the three lattice nodes stepped from them
   * with each pattern's own module vectors ({@link #finderNodes}, module (6.5, 6.5) and its mirrors): where a
   * symbol is tilted strongly, its modules near the top-left pattern may be half again as tall as near the
   * bottom-left one, and the parallelogram through the centres alone then misses the timing patterns by more
   * than half a module. Null when a pattern's module size was not measured, or when the module sizes along each leg
   * agree within {@link #FORESHORTENED} (there the parallelogram serves, and one more map would only let more
   * symbol-shaped noise pass the timing test).
   */
  private @Nullable Homography local(FinderGrouper.Triple t, int dim) {
    return foreshortened ? localFit(t, dim) : null;
  }

  /** {@link #local}'s least-squares homography whatever the foreshortening; null when a module size is missing. */
  private @Nullable Homography localFit(FinderGrouper.Triple t, int dim) {
    double[] fn = finderNodes;
    for (double v : fn) {
      if (Double.isNaN(v)) {
        return null;
      }
    }
    double[] uv = {3.5, 3.5, dim - 3.5, 3.5, 3.5, dim - 3.5, 6.5, 6.5, dim - 6.5, 6.5, 6.5, dim - 6.5};
    double[] xy = {t.tl.x, t.tl.y, t.tr.x, t.tr.y, t.bl.x, t.bl.y, fn[0], fn[1], fn[2], fn[3], fn[4], fn[5]};
    return Homography.fit(uv, xy, 6);
  }

  /**
   * The outer corners of the last triple's three finder patterns ({@link FinderCorners}), x, y of top-left's
   * four, then top-right's, then bottom-left's (each in the order of {@link FinderCorners#find}); null when a
   * pattern's corners were not found.
   */
  private double @Nullable [] finderCorners;
  /** Whether {@link #findFinderCorners} ran for the current triple; its arguments, kept for a later call. */
  private boolean cornersSought;
  private double[] cornerArgs = new double[10];

  private void findFinderCorners(FinderGrouper.Triple t, double ux, double uy, double vx, double vy, double tlU,
      double tlV, double trU, double trV, double blU, double blV) {
    // the top-left pattern's axes run exactly towards the other two centres (rows and columns through the centres
    // are straight lines in any projective view); the top-right's columns and the bottom-left's rows are first
    // taken parallel to the top-left's, then FinderCorners' second pass follows the sides it found
    double[] a = FinderCorners.find(img, t.tl, ux, uy, tlU, vx, vy, tlV);
    double[] b = a == null ? null : FinderCorners.find(img, t.tr, ux, uy, trU, vx, vy, trV);
    double[] c = b == null ? null : FinderCorners.find(img, t.bl, ux, uy, blU, vx, vy, blV);
    if (c == null) {
      return;
    }
    finderCorners = new double[24];
    System.arraycopy(a, 0, finderCorners, 0, 8);
    System.arraycopy(b, 0, finderCorners, 8, 8);
    System.arraycopy(c, 0, finderCorners, 16, 8);
  }

  /**
   * Largest distance, in modules, between a finder corner and where {@link #cornerFit} maps its module point,
   * above which the fit is refused: an edge taken from a neighbouring module or a stain moves its corner by a
   * module or more, while the corners of a true projective view fit to a fraction of a pixel.
   */
  static final double CORNER_FIT_MODULES = 0.5;

  /**
   * The least-squares homography through the 12 outer corners of the three finder patterns (the whole projective
   * map, no fourth corner guessed), for a symbol of {@code dim} modules; null when the corners were not found or
   * one of them lies more than {@link #CORNER_FIT_MODULES} from the fit.
   */
  @Nullable Homography cornerFit(int dim) {
    double[] xy = finderCorners;
    if (xy == null) {
      return null;
    }
    double f = dim - 7;
    double[] uv = {0, 0, 7, 0, 7, 7, 0, 7,
        f, 0, dim, 0, dim, 7, f, 7,
        0, f, 7, f, 7, dim, 0, dim};
    Homography h = Homography.fit(uv, xy, 12);
    if (h == null) {
      return null;
    }
    for (int k = 0; k < 12; k++) {
      double u = uv[2 * k];
      double v = uv[2 * k + 1];
      if (h.w(u, v) <= 0) {
        return null;
      }
      double[] e = moduleVectors(h, u, v);
      double dx = xy[2 * k] - h.x(u, v);
      double dy = xy[2 * k + 1] - h.y(u, v);
      double det = e[0] * e[3] - e[1] * e[2];
      if (Math.abs(det) < 1e-9) {
        return null;
      }
      double du = (dx * e[3] - dy * e[2]) / det;
      double dv = (e[0] * dy - e[1] * dx) / det;
      if (du * du + dv * dv > CORNER_FIT_MODULES * CORNER_FIT_MODULES) {
        return null;
      }
    }
    return h;
  }

  /**
   * {@link #cornerFit} for a foreshortened triple (module sizes along a leg differing by more than
   * {@link #FORESHORTENED}), else null: where the parallelogram serves, one more map would only let more
   * symbol-shaped noise pass the timing test and cost a grid per failed group.
   */
  private @Nullable Homography foreshortenedCornerFit(int dim) {
    if (!foreshortened) {
      return null;
    }
    if (cornerFitDim != dim) {
      cornerFitDim = dim;
      cornerFitLast = cornerFit(dim);
    }
    return cornerFitLast;
  }

  private int cornerFitDim;
  private @Nullable Homography cornerFitLast;

  /** Largest dimension (version 6) whose fourth corner {@link #searchFourthCorner} looks for. */
  static final int FOURTH_CORNER_MAX_DIMENSION = 41;

  /**
   * The fourth corner of a small foreshortened symbol (see {@link #FORESHORTENED}) found from the image: the
   * symbol's bottom-right corner point (module {@code (dim - 3.5, dim - 3.5)}, where a fourth finder pattern would
   * sit) is moved over a square of 4 modules each way around where the best three-point map puts it, in one-module
   * steps, then quarter-module steps within 0.75 modules of the best,
   * and the homography through it and the three finder centres is kept whose samples at the module centres are
   * most spread out (their variance; sampling across module edges pulls grey levels to the middle). Strong
   * perspective (a tilt of 40-65 degrees) moves that corner by several modules, and a symbol up to version 6 has at
   * most one alignment pattern to show it, often too small or too blurred to find. The idea is the one of
   * {@link #refine}, applied to the one free corner of the projective map. Null when no candidate is usable.
   */
  private @Nullable Homography searchFourthCorner(FinderGrouper.Triple t, int dim, Homography affine) {
    double[] uv = shiftedCheckerboard(dim, null);
    return fourthCorner(t, dim, affine, h -> spread(h, uv, true));
  }

  /**
   * The coarse-to-fine search shared by {@link #searchFourthCorner} and {@link #warpedFourthCorner}: the fourth
   * corner point (module {@code (dim - 3.5, dim - 3.5)}) moved over 4 modules each way around where {@code start}
   * puts it in one-module steps, then within 0.75 modules of the best in quarter-module steps; the homography
   * through it and the three finder centres with the highest {@code score} is returned, null when none is usable.
   */
  private @Nullable Homography fourthCorner(FinderGrouper.Triple t, int dim, Homography start,
      ToDoubleFunction<Homography> score) {
    double hi = dim - 3.5;
    start.map(hi, hi, p);
    double bx = p[0];
    double by = p[1];
    double[] e = moduleVectors(start, hi, hi);
    double best = -1;
    double bu = 0;
    double bv = 0;
    Homography bestH = null;
    for (int pass = 0; pass < 2; pass++) {
      double step = pass == 0 ? 1 : 0.25;
      double reach = pass == 0 ? 4 : 0.75;
      double cu = bu;
      double cv = bv;
      for (double dv = cv - reach; dv <= cv + reach + 1e-9; dv += step) {
        for (double du = cu - reach; du <= cu + reach + 1e-9; du += step) {
          double x = bx + du * e[0] + dv * e[2];
          double y = by + du * e[1] + dv * e[3];
          Homography h = Homography.fromQuad(3.5, 3.5, t.tl.x, t.tl.y, hi, 3.5, t.tr.x, t.tr.y, hi, hi, x, y,
              3.5, hi, t.bl.x, t.bl.y);
          if (h == null) {
            continue;
          }
          double value = score.applyAsDouble(h);
          if (value > best) {
            best = value;
            bu = du;
            bv = dv;
            bestH = h;
          }
        }
      }
    }
    return bestH;
  }

  /**
   * Variance of the grey levels at the module coordinates {@code uv} (u, v pairs, as {@link #shiftedCheckerboard}
   * gives them) mapped through {@code h}; -1 when one falls off the image or, with {@code inFront}, behind the camera
   * ({@code h}'s w not positive). The same points, sums and order as mapping the checkerboard's centres one by one.
   */
  double spread(Homography h, double[] uv, boolean inFront) {
    double sum = 0;
    double sq = 0;
    int n = 0;
    for (int k = 0; k < uv.length; k += 2) {
      if (inFront && h.w(uv[k], uv[k + 1]) <= 0) {
        return -1;
      }
      h.map(uv[k], uv[k + 1], p);
      if (p[0] < 0 || p[1] < 0 || p[0] >= img.width || p[1] >= img.height) {
        return -1;
      }
      double v = img.bilinear(p[0], p[1]);
      sum += v;
      sq += v * v;
      n++;
    }
    double mean = sum / n;
    return sq / n - mean * mean;
  }

  /** The affine map through the three finder centres (the fourth corner completing the parallelogram). */
  private @Nullable Homography parallelogram(FinderGrouper.Triple t, int dim) {
    if (lastParallelogram != null && lastTriple == t && lastDim == dim) {
      return lastParallelogram;
    }
    double hi = dim - 3.5;
    double brx = t.tr.x + t.bl.x - t.tl.x;
    double bry = t.tr.y + t.bl.y - t.tl.y;
    lastParallelogram = Homography.fromQuad(3.5, 3.5, t.tl.x, t.tl.y, hi, 3.5, t.tr.x, t.tr.y, hi, hi, brx, bry,
        3.5, hi, t.bl.x, t.bl.y);
    lastTriple = t;
    lastDim = dim;
    return lastParallelogram;
  }

  private @Nullable Homography lastParallelogram;
  private FinderGrouper.@Nullable Triple lastTriple;
  private int lastDim;

  private static final double[][] AP_LIGHT = {{-1, -1}, {0, -1}, {1, -1}, {-1, 0}, {1, 0}, {-1, 1}, {0, 1}, {1, 1}};
  private static final double[][] AP_DARK = {{-2, -2}, {-1, -2}, {0, -2}, {1, -2}, {2, -2}, {-2, 2}, {-1, 2},
      {0, 2}, {1, 2}, {2, 2}, {-2, -1}, {-2, 0}, {-2, 1}, {2, -1}, {2, 0}, {2, 1}};

  /** How much (p) looks like an alignment pattern centre, in grey levels (light ring minus darker of the others). */
  private double apScore(double x, double y, double exx, double exy, double eyx, double eyy) {
    double centre = img.bilinear(x, y);
    double light = 0;
    for (double[] o : AP_LIGHT) {
      light += img.bilinear(x + o[0] * exx + o[1] * eyx, y + o[0] * exy + o[1] * eyy);
    }
    light /= AP_LIGHT.length;
    double dark = 0;
    for (double[] o : AP_DARK) {
      dark += img.bilinear(x + o[0] * exx + o[1] * eyx, y + o[0] * exy + o[1] * eyy);
    }
    dark /= AP_DARK.length;
    return Math.min(light - centre, light - dark);
  }

  /**
   * Searches a square of {@code radius} modules around a predicted alignment-pattern centre, coarse (half-module
   * steps) then fine (eighth-module steps).
   *
   * @return the centre in pixels, or null when nothing scores at least a quarter of the finders' contrast
   */
  private double @Nullable [] findAlignment(double px, double py, double exx, double exy, double eyx, double eyy,
      double radius, double contrast) {
    if (px < 0 || py < 0 || px >= img.width || py >= img.height) {
      return null;
    }
    double best = Double.NEGATIVE_INFINITY;
    double bu = 0;
    double bv = 0;
    double coarse = 0.5;
    for (double v = -radius; v <= radius; v += coarse) {
      for (double u = -radius; u <= radius; u += coarse) {
        double x = px + u * exx + v * eyx;
        double y = py + u * exy + v * eyy;
        // prefer the nearer of equal peaks
        double s = apScore(x, y, exx, exy, eyx, eyy) - 0.01 * contrast * (Math.abs(u) + Math.abs(v));
        if (s > best) {
          best = s;
          bu = u;
          bv = v;
        }
      }
    }
    double cu = bu;
    double cv = bv;
    for (double v = cv - coarse; v <= cv + coarse; v += 0.125) {
      for (double u = cu - coarse; u <= cu + coarse; u += 0.125) {
        double x = px + u * exx + v * eyx;
        double y = py + u * exy + v * eyy;
        double s = apScore(x, y, exx, exy, eyx, eyy);
        if (s > best) {
          best = s;
          bu = u;
          bv = v;
        }
      }
    }
    if (best < 0.25 * contrast) {
      return null;
    }
    return new double[] {px + bu * exx + bv * eyx, py + bu * exy + bv * eyy};
  }

  // ---- version information -------------------------------------------------------------------------------------

  private static int[] versionCodes() {
    int[] codes = new int[41];
    for (int v = 7; v <= 40; v++) {
      int rem = v << 12;
      for (int bit = 17; bit >= 12; bit--) {
        if ((rem & (1 << bit)) != 0) {
          rem ^= 0x1F25 << (bit - 12);
        }
      }
      codes[v] = (v << 12) | rem;
    }
    return codes;
  }

  /** The version read from either version-information block (nearest BCH codeword, at most 3 errors), or 0. */
  private int readVersion(FinderGrouper.Triple t, Homography h, int dim) {
    int a = 0;
    int b = 0;
    double ta = t.tr.threshold();
    double tb = t.bl.threshold();
    for (int j = 5; j >= 0; j--) {
      for (int i = dim - 9; i >= dim - 11; i--) {
        a = (a << 1) | (grey(h, i + 0.5, j + 0.5) < ta ? 1 : 0);
      }
    }
    for (int i = 5; i >= 0; i--) {
      for (int j = dim - 9; j >= dim - 11; j--) {
        b = (b << 1) | (grey(h, i + 0.5, j + 0.5) < tb ? 1 : 0);
      }
    }
    int best = 0;
    int bestDist = 4;
    for (int v = 7; v <= 40; v++) {
      int d = Math.min(Integer.bitCount(a ^ VERSION_CODES[v]), Integer.bitCount(b ^ VERSION_CODES[v]));
      if (d < bestDist) {
        bestDist = d;
        best = v;
      }
    }
    return best;
  }

  private double grey(Homography h, double u, double v) {
    h.map(u, v, p);
    return img.bilinear(p[0], p[1]);
  }

  // ---- alignment-pattern grid ----------------------------------------------------------------------------------

  /**
   * Locates every alignment pattern and builds the piecewise grid; element 1 is a single least-squares homography
   * over all located patterns and the finder centres (or null).
   */
  private List<ModuleGrid> alignmentGrids(FinderGrouper.Triple t, Homography h, int dim, double contrast,
      Deadline deadline) {
    int[] ap = Version.getVersionForNumber((dim - 17) / 4).getAlignmentPatternCenters();
    int n = ap.length;
    double[][] ax = new double[n][n];
    double[][] ay = new double[n][n];
    boolean[][] found = new boolean[n][n];
    boolean[][] known = new boolean[n][n];
    // the three finder corners: anchor at the finder centres (module 3.5), not at an alignment position
    double[][] au = new double[n][n];
    double[][] av = new double[n][n];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        au[j][i] = ap[i] + 0.5;
        av[j][i] = ap[j] + 0.5;
      }
    }
    // the lattice nodes under the finder patterns, stepped from the finder centres (or the centres themselves)
    double[] fn = finderNodes;
    if (Double.isNaN(fn[0]) || Double.isNaN(fn[2]) || Double.isNaN(fn[4])) {
      setAnchor(ax, ay, au, av, found, known, 0, 0, t.tl.x, t.tl.y, 3.5, 3.5);
      setAnchor(ax, ay, au, av, found, known, 0, n - 1, t.tr.x, t.tr.y, dim - 3.5, 3.5);
      setAnchor(ax, ay, au, av, found, known, n - 1, 0, t.bl.x, t.bl.y, 3.5, dim - 3.5);
    } else {
      setAnchor(ax, ay, au, av, found, known, 0, 0, fn[0], fn[1], 6.5, 6.5);
      setAnchor(ax, ay, au, av, found, known, 0, n - 1, fn[2], fn[3], dim - 6.5, 6.5);
      setAnchor(ax, ay, au, av, found, known, n - 1, 0, fn[4], fn[5], 6.5, dim - 6.5);
    }
    int located = 0;
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        if (known[j][i]) {
          continue;
        }
        if (deadline.expired()) {
          return List.of();
        }
        double px;
        double py;
        if (i > 0 && j > 0 && known[j][i - 1] && known[j - 1][i] && known[j - 1][i - 1]
            && au[j][i - 1] == au[j - 1][i - 1] && av[j - 1][i] == av[j - 1][i - 1]) {
          // parallelogram from three located neighbours (exact for an affine neighbourhood)
          px = ax[j][i - 1] + ax[j - 1][i] - ax[j - 1][i - 1];
          py = ay[j][i - 1] + ay[j - 1][i] - ay[j - 1][i - 1];
        } else {
          h.map(au[j][i], av[j][i], p);
          px = p[0];
          py = p[1];
          double[] corr = neighbourResidual(h, ax, ay, au, av, found, j, i);
          px += corr[0];
          py += corr[1];
        }
        double[] e = moduleVectors(h, au[j][i], av[j][i]);
        double[] pos = findAlignment(px, py, e[0], e[1], e[2], e[3], 2, contrast);
        if (pos != null) {
          ax[j][i] = pos[0];
          ay[j][i] = pos[1];
          found[j][i] = true;
          known[j][i] = true;
          located++;
        }
      }
    }
    // a global least-squares homography over every anchor, to fill the gaps and as an alternative grid
    int count = 0;
    double[] uv = new double[2 * n * n];
    double[] xy = new double[2 * n * n];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        if (found[j][i]) {
          uv[2 * count] = au[j][i];
          uv[2 * count + 1] = av[j][i];
          xy[2 * count] = ax[j][i];
          xy[2 * count + 1] = ay[j][i];
          count++;
        }
      }
    }
    Homography global = count >= 5 ? Homography.fit(uv, xy, count) : null;
    Homography fill = global != null ? global : h;
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        if (!found[j][i]) {
          fill.map(au[j][i], av[j][i], p);
          double[] corr = neighbourResidual(fill, ax, ay, au, av, found, j, i);
          ax[j][i] = p[0] + corr[0];
          ay[j][i] = p[1] + corr[1];
        }
      }
    }
    List<ModuleGrid> out = new ArrayList<>(3);
    if (located == 0) {
      if (global != null) {
        out.add(ModuleGrid.single(dim, global));
      }
      return out;
    }
    // region (ci, cj) spans alignment columns ci..ci+1 and rows cj..cj+1
    int regions = n - 1;
    int[] rb = new int[regions + 1];
    rb[0] = 0;
    for (int k = 1; k < regions; k++) {
      rb[k] = ap[k];
    }
    rb[regions] = dim;
    Homography[] cells = new Homography[regions * regions];
    for (int cj = 0; cj < regions; cj++) {
      for (int ci = 0; ci < regions; ci++) {
        Homography c = Homography.fromQuad(
            au[cj][ci], av[cj][ci], ax[cj][ci], ay[cj][ci],
            au[cj][ci + 1], av[cj][ci + 1], ax[cj][ci + 1], ay[cj][ci + 1],
            au[cj + 1][ci + 1], av[cj + 1][ci + 1], ax[cj + 1][ci + 1], ay[cj + 1][ci + 1],
            au[cj + 1][ci], av[cj + 1][ci], ax[cj + 1][ci], ay[cj + 1][ci]);
        if (c == null) {
          c = fill;
        }
        cells[cj * regions + ci] = c;
      }
    }
    out.add(ModuleGrid.piecewise(dim, rb, cells));
    if (global != null) {
      // residuals over the global fit at every alignment position (a finder pattern's residual stands in for the
      // alignment position next to it), interpolated by splines
      double[] nodes = new double[n];
      for (int i = 0; i < n; i++) {
        nodes[i] = ap[i] + 0.5;
      }
      double[][] rx = new double[n][n];
      double[][] ry = new double[n][n];
      for (int j = 0; j < n; j++) {
        for (int i = 0; i < n; i++) {
          global.map(au[j][i], av[j][i], p);
          rx[j][i] = ax[j][i] - p[0];
          ry[j][i] = ay[j][i] - p[1];
        }
      }
      out.add(ModuleGrid.spline(dim, global, nodes, rx, ry));
      out.add(ModuleGrid.single(dim, global));
    }
    return out;
  }

  private static void setAnchor(double[][] ax, double[][] ay, double[][] au, double[][] av, boolean[][] found,
      boolean[][] known, int j, int i, double x, double y, double u, double v) {
    ax[j][i] = x;
    ay[j][i] = y;
    au[j][i] = u;
    av[j][i] = v;
    found[j][i] = true;
    known[j][i] = true;
  }

  /** Mean offset between located neighbours (8-neighbourhood) and where {@code h} puts them. */
  private double[] neighbourResidual(Homography h, double[][] ax, double[][] ay, double[][] au, double[][] av,
      boolean[][] found, int j, int i) {
    int n = ax.length;
    double sx = 0;
    double sy = 0;
    int k = 0;
    for (int dj = -1; dj <= 1; dj++) {
      for (int di = -1; di <= 1; di++) {
        int jj = j + dj;
        int ii = i + di;
        if ((dj == 0 && di == 0) || jj < 0 || ii < 0 || jj >= n || ii >= n || !found[jj][ii]) {
          continue;
        }
        h.map(au[jj][ii], av[jj][ii], p);
        sx += ax[jj][ii] - p[0];
        sy += ay[jj][ii] - p[1];
        k++;
      }
    }
    return k == 0 ? new double[2] : new double[] {sx / k, sy / k};
  }

  /** Pixel vectors of one module step along u and along v at module coordinates (u, v). */
  private double[] moduleVectors(Homography h, double u, double v) {
    h.map(u, v, p);
    double x0 = p[0];
    double y0 = p[1];
    h.map(u + 1, v, p);
    double ux = p[0] - x0;
    double uy = p[1] - y0;
    h.map(u, v + 1, p);
    return new double[] {ux, uy, p[0] - x0, p[1] - y0};
  }

  // ---- sampling ------------------------------------------------------------------------------------------------

  /**
   * Grey level at every module centre (row-major, dim x dim): bilinear at the centre, averaged with four points a
   * fifth of a module away when modules are at least 3 pixels wide; null when the grid leaves the image.
   */
  double @Nullable [] sample(ModuleGrid g) {
    return sample(g, null);
  }

  /**
   * {@link #sample(ModuleGrid)}, also writing each module's centre in image pixels (x, y per module, row by row,
   * the same values {@link #centres} computes: the same map of the same point) into {@code centres} when it is not
   * null ({@code 2 * dim * dim} values; left partly written when the grid leaves the image).
   */
  double @Nullable [] sample(ModuleGrid g, double @Nullable [] centres) {
    int dim = g.dimension;
    double[] out = new double[dim * dim];
    double[] q = new double[2];
    boolean spread = moduleSpan(g) >= 3;
    boolean projective = g.projectiveOnly();
    double margin = 2;
    // every point sampled for module (i, j) lies inside it (centre +- 0.2), so its transform, shift or residual is
    // looked up once by index (ModuleGrid.mapInModule: the same arithmetic as map)
    for (int j = 0; j < dim; j++) {
      for (int i = 0; i < dim; i++) {
        double u = i + 0.5;
        double v = j + 0.5;
        if (projective && g.cell(i, j).w(u, v) <= 0) {
          return null;
        }
        g.mapInModule(i, j, u, v, q);
        if (q[0] < -margin || q[1] < -margin || q[0] > img.width + margin || q[1] > img.height + margin) {
          return null;
        }
        if (centres != null) {
          centres[2 * (j * dim + i)] = q[0];
          centres[2 * (j * dim + i) + 1] = q[1];
        }
        double s = img.bilinear(q[0], q[1]);
        if (spread) {
          double acc = 2 * s;
          g.mapInModule(i, j, u - 0.2, v - 0.2, q);
          acc += img.bilinear(q[0], q[1]);
          g.mapInModule(i, j, u + 0.2, v - 0.2, q);
          acc += img.bilinear(q[0], q[1]);
          g.mapInModule(i, j, u - 0.2, v + 0.2, q);
          acc += img.bilinear(q[0], q[1]);
          g.mapInModule(i, j, u + 0.2, v + 0.2, q);
          acc += img.bilinear(q[0], q[1]);
          s = acc / 6;
        }
        out[j * dim + i] = s;
      }
    }
    return out;
  }

  /**
   * Refines a grid from the image itself: for each 4x4-module block, the shift (up to half a module each way, in
   * eighths) at which the block's sampled grey levels are most spread out (sampling at module centres gives the
   * extremes; sampling across module edges pulls values to the middle), then a median over neighbouring blocks
   * against outliers and bilinear interpolation between block centres. Corrects what the fitted grid gets wrong
   * between its anchors (curvature, creases, a misplaced alignment pattern) by up to half a module.
   *
   * <p>An optimised form of {@code RefineTest.refineReference} with bit-identical results: every point the 81 shifts of
   * every module sample lies on the lattice of eighths of a module (module {@code i}'s centre shifted by {@code di / 8}
   * is lattice column {@code 8 i + 4 + di}; all these coordinates are multiples of 1/8 below 2^10, so exact in
   * {@code double} whichever way they are summed), and adjacent shifts, modules and blocks share lattice points. So
   * the image is sampled once per lattice point, a strip of {@code 8 * 4 + 1} lattice rows per block row (the
   * strip's last row is the next strip's first), {@code (8 dim + 1)^2} map and bilinear calls instead of
   * {@code 81 dim^2} (0.79x); the spread of each shift is then summed from the strip in the reference's order (module
   * by module, row-major; mean, then squared deviations), the nine shifts of one row side by side so that their sums
   * do not wait on each other. Alone, 0.26-0.57x the reference's time on a shifted grid (a scratch loop at load
   * 13-24, indicative); the chain on seed 2 0.98x, its over-damaged symbols 0.96x (docs/decode.md, issue 9's
   * eleventh pass).
   */
  ModuleGrid refine(ModuleGrid g) {
    int dim = g.dimension;
    int b = REFINE_BLOCK;
    int nb = (dim + b - 1) / b;
    double[] su = new double[nb * nb];
    double[] sv = new double[nb * nb];
    int cols = 8 * dim + 1;
    int stripRows = 8 * b + 1;
    double[] strip = new double[stripRows * cols];
    double[] xy = new double[2 * cols];
    double[] dev = new double[81];
    for (int bj = 0; bj < nb; bj++) {
      int j0 = bj * b;
      int h = Math.min(dim, j0 + b) - j0;
      int rows = 8 * h + 1;
      // lattice row r of this strip is v = j0 + r / 8; row 0 is the previous strip's row 8 b
      int from = 0;
      if (bj > 0) {
        System.arraycopy(strip, (stripRows - 1) * cols, strip, 0, cols);
        from = 1;
      }
      for (int r = from; r < rows; r++) {
        int row = r * cols;
        g.mapEighths(j0 + r / 8.0, cols, xy);
        for (int c = 0; c < cols; c++) {
          strip[row + c] = img.bilinear(xy[2 * c], xy[2 * c + 1]);
        }
      }
      for (int bi = 0; bi < nb; bi++) {
        int i0 = bi * b;
        int w = Math.min(dim, i0 + b) - i0;
        int n = w * h;
        for (int dj = 0; dj < 9; dj++) {
          shiftSpreads(strip, 8 * i0 + dj * cols, cols, w, h, n, dev, 9 * dj);
        }
        double best = -1;
        double bu = 0;
        double bv = 0;
        for (int dj = -4; dj <= 4; dj++) {
          for (int di = -4; di <= 4; di++) {
            double du = di / 8.0;
            double dv = dj / 8.0;
            // a small preference for no shift, so that flat blocks stay put
            double var = dev[9 * (dj + 4) + di + 4] / n - 0.5 * (du * du + dv * dv);
            if (var > best) {
              best = var;
              bu = du;
              bv = dv;
            }
          }
        }
        su[bj * nb + bi] = bu;
        sv[bj * nb + bi] = bv;
      }
    }
    return ModuleGrid.shifted(g, interpolateShifts(dim, nb, su, sv));
  }

  /**
   * The summed squared deviations from their mean of one block's module samples, for the nine shifts of one row of
   * shifts: shift {@code di} of module {@code (il, jl)} is {@code strip[at + 8 jl cols + 8 il + di]}; into
   * {@code dev[out + di]}. The sums run module by module in row-major order, as in {@code RefineTest.refineReference};
   * the nine shifts' sums are separate locals so that they do not wait on each other.
   */
  private static void shiftSpreads(double[] strip, int at, int cols, int w, int h, int n, double[] dev, int out) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    double s5 = 0;
    double s6 = 0;
    double s7 = 0;
    double s8 = 0;
    for (int jl = 0; jl < h; jl++) {
      for (int il = 0; il < w; il++) {
        int k = at + 8 * jl * cols + 8 * il;
        s0 += strip[k];
        s1 += strip[k + 1];
        s2 += strip[k + 2];
        s3 += strip[k + 3];
        s4 += strip[k + 4];
        s5 += strip[k + 5];
        s6 += strip[k + 6];
        s7 += strip[k + 7];
        s8 += strip[k + 8];
      }
    }
    double m0 = s0 / n;
    double m1 = s1 / n;
    double m2 = s2 / n;
    double m3 = s3 / n;
    double m4 = s4 / n;
    double m5 = s5 / n;
    double m6 = s6 / n;
    double m7 = s7 / n;
    double m8 = s8 / n;
    s0 = 0;
    s1 = 0;
    s2 = 0;
    s3 = 0;
    s4 = 0;
    s5 = 0;
    s6 = 0;
    s7 = 0;
    s8 = 0;
    for (int jl = 0; jl < h; jl++) {
      for (int il = 0; il < w; il++) {
        int k = at + 8 * jl * cols + 8 * il;
        double d0 = strip[k] - m0;
        double d1 = strip[k + 1] - m1;
        double d2 = strip[k + 2] - m2;
        double d3 = strip[k + 3] - m3;
        double d4 = strip[k + 4] - m4;
        double d5 = strip[k + 5] - m5;
        double d6 = strip[k + 6] - m6;
        double d7 = strip[k + 7] - m7;
        double d8 = strip[k + 8] - m8;
        s0 += d0 * d0;
        s1 += d1 * d1;
        s2 += d2 * d2;
        s3 += d3 * d3;
        s4 += d4 * d4;
        s5 += d5 * d5;
        s6 += d6 * d6;
        s7 += d7 * d7;
        s8 += d8 * d8;
      }
    }
    dev[out] = s0;
    dev[out + 1] = s1;
    dev[out + 2] = s2;
    dev[out + 3] = s3;
    dev[out + 4] = s4;
    dev[out + 5] = s5;
    dev[out + 6] = s6;
    dev[out + 7] = s7;
    dev[out + 8] = s8;
  }

  /** Side, in modules, of {@link #refine}'s blocks. */
  static final int REFINE_BLOCK = 4;

  /**
   * Each module's shift (u then v, row-major) from the best shift of every block ({@code su}, {@code sv}, nb x nb):
   * the median of each block's 3x3 neighbourhood, interpolated bilinearly between block centres.
   */
  static double[] interpolateShifts(int dim, int nb, double[] su, double[] sv) {
    int b = REFINE_BLOCK;
    double[] mu = median3(su, nb);
    double[] mv = median3(sv, nb);
    double[] shift = new double[2 * dim * dim];
    for (int j = 0; j < dim; j++) {
      double fy = (j + 0.5) / b - 0.5;
      int y0 = Math.max(0, Math.min(nb - 1, (int) Math.floor(fy)));
      int y1 = Math.min(nb - 1, y0 + 1);
      double ay = Math.max(0, Math.min(1, fy - y0));
      for (int i = 0; i < dim; i++) {
        double fx = (i + 0.5) / b - 0.5;
        int x0 = Math.max(0, Math.min(nb - 1, (int) Math.floor(fx)));
        int x1 = Math.min(nb - 1, x0 + 1);
        double ax = Math.max(0, Math.min(1, fx - x0));
        int k = 2 * (j * dim + i);
        shift[k] = bilerp(mu, nb, x0, x1, y0, y1, ax, ay);
        shift[k + 1] = bilerp(mv, nb, x0, x1, y0, y1, ax, ay);
      }
    }
    return shift;
  }

  static double bilerp(double[] a, int n, int x0, int x1, int y0, int y1, double ax, double ay) {
    return (a[y0 * n + x0] * (1 - ax) + a[y0 * n + x1] * ax) * (1 - ay)
        + (a[y1 * n + x0] * (1 - ax) + a[y1 * n + x1] * ax) * ay;
  }

  /** The median of each 3x3 neighbourhood (clipped at the borders). */
  static double[] median3(double[] a, int n) {
    double[] out = new double[a.length];
    double[] w = new double[9];
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        int k = 0;
        for (int yy = Math.max(0, y - 1); yy <= Math.min(n - 1, y + 1); yy++) {
          for (int xx = Math.max(0, x - 1); xx <= Math.min(n - 1, x + 1); xx++) {
            w[k++] = a[yy * n + xx];
          }
        }
        java.util.Arrays.sort(w, 0, k);
        out[y * n + x] = w[k / 2];
      }
    }
    return out;
  }

  private static double moduleSpan(ModuleGrid g) {
    double[] a = new double[2];
    double[] b = new double[2];
    double c = g.dimension / 2.0;
    g.map(c, c, a);
    g.map(c + 1, c, b);
    return Math.hypot(b[0] - a[0], b[1] - a[1]);
  }

  /**
   * Side, in modules, of the blocks at whose centres {@link #normalise} and {@link ModuleLevels#planeLevels} place
   * their windows (levels interpolated in between).
   */
  static final int LEVEL_BLOCK = 3;

  /** The module, along one axis, at the centre of block {@code k} of {@link #LEVEL_BLOCK} modules. */
  static int blockCentre(int k, int dim) {
    return Math.min(dim - 1, k * LEVEL_BLOCK + LEVEL_BLOCK / 2);
  }

  /** Mean of the module grey levels in columns {@code i0..i1} and rows {@code j0..j1} (inclusive), row by row. */
  static double windowMean(double[] grey, int dim, int i0, int i1, int j0, int j1) {
    double sum = 0;
    for (int y = j0; y <= j1; y++) {
      int row = y * dim;
      for (int x = i0; x <= i1; x++) {
        sum += grey[row + x];
      }
    }
    return sum / ((j1 - j0 + 1) * (i1 - i0 + 1));
  }

  /**
   * Darkness in [0, 1] per module (1 = surely dark): each grey sample placed between the mean dark and mean light
   * level of the modules within {@code radius} modules (the window's samples split at their mean). The levels are
   * computed at the centres of 3x3-module blocks and interpolated bilinearly in between, which costs a ninth of a
   * per-module window. Where a window holds too little contrast (a third of the finder patterns'), that contrast
   * sets the scale around the window's mean.
   */
  static double[] normalise(double[] grey, int dim, int radius, double contrast) {
    int b = LEVEL_BLOCK;
    int nb = (dim + b - 1) / b;
    double[] blo = new double[nb * nb];
    double[] bhi = new double[nb * nb];
    double minSpread = 0.3 * contrast;
    for (int bj = 0; bj < nb; bj++) {
      int cj = blockCentre(bj, dim);
      int j0 = Math.max(0, cj - radius);
      int j1 = Math.min(dim - 1, cj + radius);
      for (int bi = 0; bi < nb; bi++) {
        int ci = blockCentre(bi, dim);
        int i0 = Math.max(0, ci - radius);
        int i1 = Math.min(dim - 1, ci + radius);
        double mean = windowMean(grey, dim, i0, i1, j0, j1);
        double lo = 0;
        double hi = 0;
        int nlo = 0;
        // without a branch (the split is a coin toss on data modules): adding +0.0 leaves a sum's bits as they are,
        // so each class's sum is the same as adding only its own samples
        for (int y = j0; y <= j1; y++) {
          int row = y * dim;
          for (int x = i0; x <= i1; x++) {
            double v = grey[row + x];
            boolean below = v < mean;
            lo += below ? v : 0.0;
            hi += below ? 0.0 : v;
            nlo += below ? 1 : 0;
          }
        }
        int nhi = (i1 - i0 + 1) * (j1 - j0 + 1) - nlo;
        lo = nlo == 0 ? mean : lo / nlo;
        hi = nhi == 0 ? mean : hi / nhi;
        if (hi - lo < minSpread) {
          double mid = (hi + lo) / 2;
          lo = mid - minSpread / 2;
          hi = mid + minSpread / 2;
        }
        blo[bj * nb + bi] = lo;
        bhi[bj * nb + bi] = hi;
      }
    }
    double[] out = new double[grey.length];
    // the interpolation along x is the same in every row: its blocks and weights once per column
    int[] cx0 = new int[dim];
    int[] cx1 = new int[dim];
    double[] cax = new double[dim];
    for (int i = 0; i < dim; i++) {
      double fx = (i - b / 2) / (double) b;
      cx0[i] = Math.max(0, Math.min(nb - 1, (int) Math.floor(fx)));
      cx1[i] = Math.min(nb - 1, cx0[i] + 1);
      cax[i] = Math.max(0, Math.min(1, fx - cx0[i]));
    }
    for (int j = 0; j < dim; j++) {
      double fy = (j - b / 2) / (double) b;
      int y0 = Math.max(0, Math.min(nb - 1, (int) Math.floor(fy)));
      int y1 = Math.min(nb - 1, y0 + 1);
      double ay = Math.max(0, Math.min(1, fy - y0));
      for (int i = 0; i < dim; i++) {
        int x0 = cx0[i];
        int x1 = cx1[i];
        double ax = cax[i];
        double lo = (blo[y0 * nb + x0] * (1 - ax) + blo[y0 * nb + x1] * ax) * (1 - ay)
            + (blo[y1 * nb + x0] * (1 - ax) + blo[y1 * nb + x1] * ax) * ay;
        double hi = (bhi[y0 * nb + x0] * (1 - ax) + bhi[y0 * nb + x1] * ax) * (1 - ay)
            + (bhi[y1 * nb + x0] * (1 - ax) + bhi[y1 * nb + x1] * ax) * ay;
        double d = (hi - grey[j * dim + i]) / (hi - lo);
        out[j * dim + i] = d < 0 ? 0 : d > 1 ? 1 : d;
      }
    }
    return out;
  }

  /**
   * Colour changes along each timing pattern (sampled every half module between the separators), relative to the
   * number a timing pattern has: about 1 for a real one whatever the perspective (which shifts the phase of the
   * alternation along the line but not how often it alternates), about 0.5 across random data. The larger of the
   * two lines.
   */
  private double timingTransitions(Homography h, int dim, double threshold) {
    int expected = dim - 16;
    if (expected < 4) {
      return 1;
    }
    double best = 0;
    for (int line = 0; line < 2; line++) {
      int changes = 0;
      boolean prev = false;
      boolean first = true;
      for (double k = 8.25; k <= dim - 8.25; k += 0.5) {
        double g = line == 0 ? grey(h, k, 6.5) : grey(h, 6.5, k);
        boolean dark = g < threshold;
        if (!first && dark != prev) {
          changes++;
        }
        prev = dark;
        first = false;
      }
      best = Math.max(best, changes / (double) expected);
    }
    return best;
  }

  /**
   * Fraction of the timing-pattern modules (row 6 and column 6 between the separators, ISO/IEC 18004:2015, 6.3.5)
   * whose colour under {@code h} matches the alternating pattern; about 0.5 for a false group of finder patterns.
   */
  private double timingScore(Homography h, int dim, double threshold) {
    int good = 0;
    int n = 0;
    for (int k = 8; k <= dim - 9; k++) {
      boolean wantDark = (k & 1) == 0;
      if ((grey(h, k + 0.5, 6.5) < threshold) == wantDark) {
        good++;
      }
      if ((grey(h, 6.5, k + 0.5) < threshold) == wantDark) {
        good++;
      }
      n += 2;
    }
    return n == 0 ? 1 : good / (double) n;
  }
}
