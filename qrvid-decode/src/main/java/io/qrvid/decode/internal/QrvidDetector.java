package io.qrvid.decode.internal;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.decoder.Version;
import io.qrvid.core.internal.SoftSymbolDecoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * qrvid's own detector as a decoder: finder-pattern candidates over the scan's pyramid ({@link FinderDetector}),
 * grouped into symbols ({@link FinderGrouper}), each group read by a {@link SymbolReader} on the full-resolution
 * image. Groups are tried best first; the patterns of a decoded symbol are not reused, so many symbols per photo
 * are read in one pass. When nothing was read, a second look for finder patterns ({@link
 * ScanImage#secondLookFinders}: modules printed as dots, dark rings thinned by over-exposure) offers the groups
 * holding what only it found, strongly foreshortened triples are measured again on their patterns' corners
 * ({@link FinderGrouper#byCorners}), and symbols with one finder pattern lost are completed from the other two
 * (the lost-finder recovery). Stateless; thread-safe.
 */
public final class QrvidDetector implements SymbolDecoder {
  public static final String ID = "qrvid";
  /**
   * Modules (dimension squared, summed) of the groups that showed timing patterns but did not decode, after which
   * the reader stops trying further groups: each such failure costs grid fitting, sampling and decoding in
   * proportion to its modules, and symbol-shaped noise can offer hundreds of groups. About twenty version-5
   * symbols, or one of version 40.
   */
  static final int FAILURE_BUDGET = 30_000;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<Symbol> decode(Gray g, boolean all, Deadline deadline) {
    return decode(new ScanImage(g), all, deadline);
  }

  /** Reads the symbols whose three finder patterns are visible. */
  public List<Symbol> decode(ScanImage image, boolean all, Deadline deadline) {
    return decode(image, all, deadline, deadline, deadline);
  }

  /**
   * Reads the symbols whose three finder patterns are visible, starting no further group once {@code soft} has
   * expired and at least one symbol was read, or {@code softNone} has expired and none was: the groups left untried
   * keep their finder patterns unused, so the chain gives the regions around them to the other decoders (cheap,
   * small images) instead of spending the whole budget here. {@code deadline} bounds everything.
   */
  public List<Symbol> decode(ScanImage image, boolean all, Deadline deadline, Deadline soft, Deadline softNone) {
    return decode(image, all, deadline, soft, softNone, Effort.FULL);
  }

  /**
   * As {@link #decode(ScanImage, boolean, Deadline, Deadline, Deadline)}, with the work spent on groups that fail
   * bounded by {@code effort}.
   */
  public List<Symbol> decode(ScanImage image, boolean all, Deadline deadline, Deadline soft, Deadline softNone,
      Effort effort) {
    List<Symbol> cached = image.qrvidSymbols(all);
    if (cached != null) {
      return cached;
    }
    List<Symbol> out = read(image, all, deadline, soft, softNone, effort);
    image.qrvidSymbols(all, out);
    return out;
  }

  /**
   * How much qrvid's reader spends on groups of finder patterns that do not decode, per image. Immutable.
   *
   * @param failedGroups groups that showed timing patterns but did not decode, after which no further group is
   *     tried (the lost-finder recovery still runs)
   * @param failureModules modules (dimension squared, summed) of such groups, after which nothing further is tried
   *     (see {@link #FAILURE_BUDGET})
   * @param hypotheses predicted third finder patterns tried by the lost-finder recovery
   * @param firstGridOnly whether each group (and each completed lost-finder triple) is decoded only on its first
   *     candidate dimension's first grid with the 3-module normalisation window and on that grid's refinement,
   *     instead of on every candidate grid (alignment, corner variants, fourth corner) and also with the 6-module
   *     window
   */
  public record Effort(int failedGroups, long failureModules, int hypotheses, boolean firstGridOnly) {
    /** The chain's level 1: the reader's first look at the image. */
    public static final Effort FULL = new Effort(Integer.MAX_VALUE, FAILURE_BUDGET, MAX_HYPOTHESES, false);
    /**
     * The chain's level 2, on each preprocessed image (up to about 140 of them per photo): the groups and pairs of
     * finder patterns are mostly those level 1 already tried on the original image. On the synthetic development
     * set (seed 1, 10 per category) every level-2 read by qrvid's reader came from the first group that showed
     * timing patterns, or from the lost-finder recovery's first 4 hypotheses, while on photos nobody reads qrvid's
     * reader took 60 % of level 2's time (docs/decode.md, "issue 9, fourth pass"). Each group is decoded on its
     * first grid and that grid's refinement only: on the synthetic development set (seed 1, 20 per category, 40
     * negatives, 100 over-damaged symbols, no time limit) all 20 reads qrvid's reader made on preprocessed images
     * came from the first dimension's first grid with the 3-module window, and on ZXing's and zxing-cpp's sample
     * photos one ({@code qrcode-4/13}, version 3) from its refinement, while a group that fails was decoded on up
     * to six grids, the first twice; at level 1, which keeps every grid, 447 of the reader's 456 reads on that set
     * came from those two (docs/decode.md, "issue 9, sixth pass").
     */
    public static final Effort RETRY = new Effort(RETRY_FAILED_GROUPS, FAILURE_BUDGET, RETRY_HYPOTHESES, true);
  }

  /** {@link Effort#RETRY}'s failed groups: every level-2 read came from the first (see {@link Effort#RETRY}). */
  static final int RETRY_FAILED_GROUPS = 1;
  /**
   * {@link Effort#RETRY}'s hypotheses: twice the most any read through a predicted finder pattern needed on the
   * synthetic set (the 6th, on the 20-per-category set; level-2 reads needed the 2nd and the 4th).
   */
  static final int RETRY_HYPOTHESES = 12;

  private List<Symbol> read(ScanImage image, boolean all, Deadline deadline, Deadline soft, Deadline softNone,
      Effort effort) {
    List<FinderCandidate> finders = image.finders(deadline);
    for (FinderCandidate f : finders) {
      f.used = false;
    }
    SymbolReader reader = new SymbolReader(image.full(), effort.firstGridOnly());
    List<Symbol> out = new ArrayList<>();
    // modules and groups that showed timing patterns but did not decode, and such groups since the last read
    long[] failed = {0, 0, 0};
    List<FinderGrouper.Triple> legMisses = effort.firstGridOnly() ? null : new ArrayList<>();
    readTriples(image, FinderGrouper.group(finders, deadline, legMisses), reader, out, all, failed, effort, deadline,
        soft, softNone);
    if ((all || out.isEmpty()) && failed[0] < effort.failureModules() && failed[1] < effort.failedGroups()
        && !(out.isEmpty() ? softNone : soft).expired() && needsFullResolution(image, finders, out)) {
      List<FinderCandidate> fine = FinderDetector.scan(image.full(), FULL_RESOLUTION_ROW_STEP,
          FinderDetector.SMALL_RADIUS, deadline);
      for (FinderCandidate f : fine) {
        f.hits *= FULL_RESOLUTION_ROW_STEP;
      }
      finders = FinderDetector.mergeLevels(List.of(finders, fine));
      if (legMisses != null) {
        legMisses.clear();
      }
      readTriples(image, FinderGrouper.group(finders, deadline, legMisses), reader, out, all, failed, effort,
          deadline, soft, softNone);
    }
    if (out.isEmpty() && legMisses != null && !legMisses.isEmpty() && failed[0] < effort.failureModules()
        && !softNone.expired()) {
      readTriples(image, byCorners(image, legMisses, deadline), reader, out, all, failed.clone(), effort, deadline,
          soft, softNone, false);
    }
    if (out.isEmpty() && !effort.firstGridOnly() && failed[0] < effort.failureModules()
        && failed[1] < effort.failedGroups() && !softNone.expired()) {
      List<FinderCandidate> fresh = unseen(finders, image.secondLookFinders(deadline), deadline);
      if (!fresh.isEmpty()) {
        finders = new ArrayList<>(finders);
        finders.addAll(fresh);
        // its own copy of the failure counters, and its unread groups not recorded for the chain's regions: what
        // the second look tries must not take the lost-finder recovery's budget or level 2's regions (recording
        // them lost seed 3's damaged_0016, read by qrvid's reader at level 2 on an equalised image)
        readTriples(image, withAny(FinderGrouper.group(finders, deadline), fresh), reader, out, all, failed.clone(),
            effort, deadline, soft, softNone, false);
      }
    }
    if ((all || out.isEmpty()) && failed[0] < effort.failureModules()
        && !(out.isEmpty() ? softNone : soft).expired()) {
      recoverLostFinders(image, finders, reader, out, all, failed[0], effort, deadline,
          out.isEmpty() ? softNone : soft);
    }
    return out;
  }

  /**
   * The candidates of {@code extra} that are not {@linkplain FinderCandidate#near near} any of {@code known}: the
   * finder patterns only the second look ({@link ScanImage#secondLookFinders}: dotted modules, thinned dark rings)
   * found. That search runs at level 1 when nothing else was read (before the lost-finder recovery, which then also
   * pairs its patterns), and its groups are read only when they hold such a pattern: the others were offered to the
   * reader already. Stops (returning what it has) once the deadline has expired, checked every 64 candidates.
   */
  static List<FinderCandidate> unseen(List<FinderCandidate> known, List<FinderCandidate> extra, Deadline deadline) {
    List<FinderCandidate> out = new ArrayList<>();
    for (int i = 0; i < extra.size(); i++) {
      if ((i & 63) == 63 && deadline.expired()) {
        break;
      }
      FinderCandidate c = extra.get(i);
      boolean seen = false;
      for (FinderCandidate k : known) {
        if (k.near(c)) {
          seen = true;
          break;
        }
      }
      if (!seen) {
        out.add(c);
      }
    }
    return out;
  }

  /** Most {@link FinderGrouper#byCorners} measurements per image (see {@link #byCorners}). */
  static final int CORNER_TRIPLES = 16;

  /**
   * The strongly foreshortened triples among {@code legMisses} (best score first, at most {@value #CORNER_TRIPLES}
   * measured) whose legs agree in modules once measured on the patterns' own corners ({@link
   * FinderGrouper#byCorners}), best first. Level 1 only, when nothing was read: each measurement finds the corners
   * of three patterns (the 16 took 0.31 ms per negative image of seed 2 and 2.1 ms per over-damaged symbol, timed
   * alone), and on seeds 1 and 2 of the synthetic set the two symbols it adds
   * (seed 2's {@code perspective} 1 and 11, read with no codeword wrong once grouped) had their scan-row module
   * sizes off by up to 2x. The cap bounds the cost on clutter, whose look-alike triples fail here by the dozen; the
   * deadline is checked before each measurement.
   */
  private static List<FinderGrouper.Triple> byCorners(ScanImage image, List<FinderGrouper.Triple> legMisses,
      Deadline deadline) {
    List<FinderGrouper.Triple> sorted = new ArrayList<>(legMisses);
    sorted.sort(java.util.Comparator.comparingDouble(t -> t.score));
    List<FinderGrouper.Triple> out = new ArrayList<>();
    int measured = 0;
    for (FinderGrouper.Triple t : sorted) {
      if (measured >= CORNER_TRIPLES || deadline.expired()) {
        break;
      }
      if (t.anyUsed() || insideRead(image, t)) {
        continue;
      }
      measured++;
      FinderGrouper.Triple c = FinderGrouper.byCorners(image.full(), t);
      if (c != null) {
        out.add(c);
      }
    }
    out.sort(java.util.Comparator.comparingDouble(t -> t.score));
    return out;
  }

  /** The triples that hold at least one of {@code some} (by identity), in their order. */
  private static List<FinderGrouper.Triple> withAny(List<FinderGrouper.Triple> triples, List<FinderCandidate> some) {
    Set<FinderCandidate> set = Collections.newSetFromMap(new IdentityHashMap<>());
    set.addAll(some);
    List<FinderGrouper.Triple> out = new ArrayList<>();
    for (FinderGrouper.Triple t : triples) {
      if (set.contains(t.tl) || set.contains(t.tr) || set.contains(t.bl)) {
        out.add(t);
      }
    }
    return out;
  }

  private static void readTriples(ScanImage image, List<FinderGrouper.Triple> triples, SymbolReader reader,
      List<Symbol> out, boolean all, long[] failed, Effort effort, Deadline deadline, Deadline soft,
      Deadline softNone) {
    readTriples(image, triples, reader, out, all, failed, effort, deadline, soft, softNone, true);
  }

  /**
   * Reads the triples in order within the budgets; {@code recordUnread}: whether a group that showed timing
   * patterns but did not decode is handed to the chain ({@link ScanImage#addUnread}) as a region for its other
   * decoders.
   */
  private static void readTriples(ScanImage image, List<FinderGrouper.Triple> triples, SymbolReader reader,
      List<Symbol> out, boolean all, long[] failed, Effort effort, Deadline deadline, Deadline soft,
      Deadline softNone, boolean recordUnread) {
    if (!all && !out.isEmpty()) {
      return;
    }
    for (FinderGrouper.Triple t : triples) {
      if (t.anyUsed() || deadline.expired() || insideRead(image, t)) {
        continue;
      }
      if (failed[0] >= effort.failureModules() || failed[1] >= effort.failedGroups()
          || (out.isEmpty() ? softNone : soft).expired()) {
        break;
      }
      if (weakAfterFailures(t, failed[2])) {
        continue;
      }
      SymbolReader.Read r = reader.read(t, deadline);
      if (r == null) {
        if (reader.plausible) {
          if (recordUnread) {
            image.addUnread(t);
          }
          failed[0] += (long) reader.lastDimension * reader.lastDimension;
          failed[1]++;
          failed[2]++;
        }
        continue;
      }
      failed[2] = 0;
      t.tl.used = true;
      t.tr.used = true;
      t.bl.used = true;
      add(image, out, r);
      if (!all) {
        break;
      }
    }
  }

  /**
   * Most scan rows that confirmed the weakest finder pattern of a group that {@link #weakAfterFailures} leaves
   * unread: 4, the confirmation below which the chain counts no loose finder-pattern candidate as evidence of a
   * symbol ({@link UnreadGroup#loose}).
   */
  static final int WEAK_HITS = 4;
  /**
   * Groups that showed timing patterns but did not decode, since the last read of the same call, after which a
   * group with a weak finder pattern ({@value #WEAK_HITS} scan rows or fewer) is not read (see {@link
   * #weakAfterFailures}).
   */
  static final int WEAK_AFTER_FAILURES = 3;

  /**
   * Whether the group {@code t} is left unread because one of its finder patterns was confirmed on at most
   * {@value #WEAK_HITS} scan rows ({@link FinderCandidate#hits}) and {@code failuresSinceRead}, the groups that
   * showed timing patterns but did not decode since the reader's last read on this image (or its start), are
   * {@value #WEAK_AFTER_FAILURES} or more. Such a group is then mostly look-alikes around a symbol that the
   * reader has already failed on (blurred, over-damaged, glare) and costs a grid fit and a decode each time.
   * Traced (issue 9, sixteenth pass: every group qrvid's reader tried, with a 60 s budget and {@code workers(1)},
   * on the synthetic seed 2 and count-10 seed-1 sets, the count-10 set's 160 photos up-scaled to about 12
   * megapixels, and ZXing's blackbox and zxing-cpp's samples at 0/90/180/270 degrees): of the 1,838 level-1 reads
   * from grouped triples, every one whose weakest pattern had {@value #WEAK_HITS} rows or fewer came at most 1
   * failure after the previous read (or the start), and the two reads after 2 or more had patterns confirmed on 15
   * and 42 rows; the 8,648 groups this leaves unread (none read) took 32 % of the reader's time on groups at level
   * 1 there (34.4 of 107.5 s, and 63.3 of 197.2 s in a second run under more load). Groups so skipped are not
   * counted as failures, nor recorded as regions for the chain's other decoders ({@link ScanImage#addUnread}): 798
   * of the 814 that showed timing patterns lay inside the region of a group recorded before them.
   */
  static boolean weakAfterFailures(FinderGrouper.Triple t, long failuresSinceRead) {
    return failuresSinceRead >= WEAK_AFTER_FAILURES
        && Math.min(t.tl.hits, Math.min(t.tr.hits, t.bl.hits)) <= WEAK_HITS;
  }

  /**
   * Whether a finder pattern of the group lies inside a symbol already read: a real symbol's finder pattern cannot,
   * so the group is made of look-alikes among that symbol's data modules. In photos of one high-version symbol such
   * groups are many and large: after the symbol was read, qrvid's reader went on to spend its whole failure budget
   * on them (100-200 ms per image on the synthetic set's {@code high_version}; docs/decode.md, "issue 9, fourth
   * pass").
   */
  private static boolean insideRead(ScanImage image, FinderGrouper.Triple t) {
    return image.insideRead(t.tl.x, t.tl.y) || image.insideRead(t.tr.x, t.tr.y) || image.insideRead(t.bl.x, t.bl.y);
  }

  /** Row step of the extra full-resolution finder search ({@link #needsFullResolution}). */
  static final int FULL_RESOLUTION_ROW_STEP = 3;
  /** Finder patterns with modules below this many full-resolution pixels make the search worth its cost. */
  static final double SMALL_MODULE = 4.5;

  /**
   * Whether the finder-pattern search should also run at full resolution (every {@value #FULL_RESOLUTION_ROW_STEP}rd
   * row, small threshold window, on the full image's integral image): only where the scan's own search started at
   * half resolution (large images, {@link ScanImage#FULL_SCAN_PIXELS}), and there only when that search found
   * nothing readable or left unused finder patterns with modules under {@value #SMALL_MODULE} pixels. At half
   * resolution such modules are 1.5-2.2 pixels, where antialiasing and blur make the 1:1:3:1:1 runs unreliable:
   * a test symbol with 3-pixel modules, turned and blurred a little in a 4000 x 3000 image, was missed without it.
   * The new candidates are merged with the old (a pattern seen at both scales keeps the finer position) and every
   * group not yet read is tried again.
   */
  static boolean needsFullResolution(ScanImage image, List<FinderCandidate> finders, List<Symbol> out) {
    LumaLevel full = image.full();
    if ((long) full.width * full.height <= ScanImage.FULL_SCAN_PIXELS) {
      return false;
    }
    if (out.isEmpty()) {
      return true;
    }
    for (FinderCandidate f : finders) {
      if (!f.used && f.moduleSize < SMALL_MODULE) {
        return true;
      }
    }
    return false;
  }

  /** Most finder-pattern candidates (best confirmed first) whose pairs are tried for a lost third pattern. */
  static final int PAIR_CANDIDATES = 120;
  /**
   * Fewest modules between a pair's centres in the lost-finder search: a version-1 symbol's side is 14 modules, and
   * a pattern's module size from its runs is off by up to the pair's own size tolerance (1.5x between its two
   * patterns, so about 15 % on their mean): 14 / 1.15 = 12. At 14 the side of a version 1 was rejected whenever the
   * two patterns' mean module size came out above the true one (seed 2's {@code bright_spots_0000}: 14.0 modules
   * measured at 4.5 % too large).
   */
  static final double MIN_PAIR_MODULES = 12;
  /** Nearest partners per candidate in the lost-finder search. */
  private static final int PAIR_PARTNERS = 6;
  /**
   * Most hypotheses (a predicted third finder pattern) tried per image at level 1: ten times the most any read
   * needed on the synthetic development set (seed 1, 20 per category: the 13 reads through a predicted pattern
   * came from hypotheses 1 to 6, pairs being tried best confirmed first); 600 before, which cost up to 180 ms on
   * images with nothing left to read.
   */
  static final int MAX_HYPOTHESES = 60;

  /**
   * Lost-finder recovery: symbols with two visible finder patterns whose third is lost to glare, a bright spot,
   * damage or blur. For each pair of unused candidates confirmed on at least two scan rows, of similar module size
   * and {@value #MIN_PAIR_MODULES} to 175 modules apart, the third pattern is predicted where a square symbol puts
   * it (the pair as one side: the corners of the squares on both sides next to either end; the pair as the diagonal:
   * the two other corners).
   * A prediction within 3 modules of any candidate is dropped (the grouper offered that triple whole, so an
   * over-damaged symbol is not tried twice), and in a pair with exactly one such prediction the others are read only
   * where the template places a pattern ({@link #completions}: traced, issue 9, fifteenth pass); the rest are placed
   * on the best match of the finder template within 3 modules ({@link #locateFinder}; perspective moves the corner
   * by a module or two), or, where the pattern is too faint for its contrast test, by the correlation of its ring
   * structure and of both timing patterns with what must be there ({@link LostFinderPlacer}, level 1 only; for side
   * and diagonal pairs; dropped when no place scores above {@link LostFinderPlacer#FLOOR}), and the {@link
   * SymbolReader} reads the completed triple as usual: its timing-pattern tests reject most hypotheses after a few
   * dozen samples, and the soft-decision decoder judges the rest, with its margin against misreads. At most {@link
   * Effort#hypotheses} hypotheses per image ({@value #MAX_HYPOTHESES} at level 1), within the reader's deadlines
   * and failure budget.
   *
   * <p>Measured on the synthetic development set (seed 1, 20 images per category, qrvid's reader alone): the
   * symbols it left unread had exactly two finder patterns found in 11 of 12 cases in {@code bright_spots}, 8 of 11
   * in {@code damaged}, 18 of 25 in {@code lots}; with this recovery the reader alone reads 425 of 548 codes instead
   * of 399 (bright_spots 8 to 12, damaged 9 to 15, lots 223 to 236), with no misread there, on 40 negatives or on
   * 300 over-damaged symbols.
   */
  private void recoverLostFinders(ScanImage image, List<FinderCandidate> finders, SymbolReader reader,
      List<Symbol> out, boolean all, long failed, Effort effort, Deadline deadline, Deadline soft) {
    List<FinderCandidate> c = new ArrayList<>();
    for (FinderCandidate f : finders) {
      if (!f.used && f.hits >= 2 && !image.insideRead(f.x, f.y)) {
        c.add(f);
      }
    }
    if (c.size() < 2) {
      return;
    }
    c.sort((a, b) -> Integer.compare(b.hits, a.hits));
    if (c.size() > PAIR_CANDIDATES) {
      c = new ArrayList<>(c.subList(0, PAIR_CANDIDATES));
    }
    int n = c.size();
    java.util.Set<Long> seen = new java.util.HashSet<>();
    List<FinderCandidate[]> pairs = new ArrayList<>();
    double[] dist = new double[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      FinderCandidate a = c.get(i);
      int m = 0;
      for (int j = 0; j < n; j++) {
        FinderCandidate b = c.get(j);
        double ratio = a.moduleSize / b.moduleSize;
        if (j == i || ratio > 1.5 || ratio < 1 / 1.5) {
          continue;
        }
        double ms = (a.moduleSize + b.moduleSize) / 2;
        double d = Math.hypot(a.x - b.x, a.y - b.y);
        if (d < MIN_PAIR_MODULES * ms || d > 175 * ms) {
          continue;
        }
        dist[j] = d;
        order[m++] = j;
      }
      java.util.Arrays.sort(order, 0, m, java.util.Comparator.comparingDouble(j -> dist[j]));
      for (int k = 0; k < Math.min(m, PAIR_PARTNERS); k++) {
        int j = order[k];
        if (seen.add((long) Math.min(i, j) * n + Math.max(i, j))) {
          pairs.add(new FinderCandidate[] {a, c.get(j)});
        }
      }
    }
    pairs.sort((p, q) -> Integer.compare(q[0].hits + q[1].hits, p[0].hits + p[1].hits));
    int hypotheses = 0;
    for (FinderCandidate[] pr : pairs) {
      FinderCandidate a = pr[0];
      FinderCandidate b = pr[1];
      if (a.used || b.used) {
        continue;
      }
      double[][] third = thirdPlaces(a, b);
      double ms = (a.moduleSize + b.moduleSize) / 2;
      boolean[] seenAt = new boolean[third.length];
      // one pattern seen where the pair puts a third (its triple was offered whole): the pair's other places are
      // read only where the template finds a pattern (traced, see completions)
      boolean completed = completions(finders, third, ms, seenAt) == 1;
      for (int h = 0; h < third.length; h++) {
        double[] q = third[h];
        if (hypotheses++ >= effort.hypotheses() || failed >= effort.failureModules() || deadline.expired()
            || soft.expired()) {
          return;
        }
        if (seenAt[h]) {
          // a pattern was seen there: the grouper offered that triple whole
          continue;
        }
        // the pattern's axes: towards the nearer known pattern, and across
        FinderCandidate k = Math.hypot(a.x - q[0], a.y - q[1]) < Math.hypot(b.x - q[0], b.y - q[1]) ? a : b;
        double kl = Math.hypot(k.x - q[0], k.y - q[1]);
        double ex = (k.x - q[0]) / kl * ms;
        double ey = (k.y - q[1]) / kl * ms;
        double[] at = locateFinder(image.full(), q[0], q[1], ex, ey, 0.5 * (a.light - a.dark + b.light - b.dark) / 2);
        double[] first;
        LostFinderPlacer.Placement placement = null;
        if (at != null) {
          first = at;
        } else if (completed) {
          // neither placed by correlation nor read at the bare prediction: see completions
          continue;
        } else if (!effort.firstGridOnly()) {
          // the pattern is too faint for the template's contrast test: placed by the correlation of its ring
          // structure and of the timing patterns with what must be there (h < 4: the pair is a side whose corner
          // is the pattern nearer the prediction; else the diagonal); one or two places, each read in turn, the
          // second searched only when it is read
          placement = h < 4
              ? LostFinderPlacer.placement(image.full(), h < 2 ? a : b, h < 2 ? b : a, q, false, ms, deadline)
              : LostFinderPlacer.placement(image.full(), a, b, q, true, ms, deadline);
          if (placement == null) {
            // no place scores above LostFinderPlacer.FLOOR (or the deadline expired): no placement at or below it
            // was ever read on the development and sample sets (issue 9, twelfth pass), so none is read
            continue;
          }
          first = placement.first;
        } else {
          first = q;
        }
        SymbolReader.Read r = null;
        for (int pi = 0; pi < 2; pi++) {
          if (deadline.expired()) {
            return;
          }
          double[] p = pi == 0 ? first : placement == null ? null : placement.second();
          if (p == null) {
            break;
          }
          FinderCandidate lost = new FinderCandidate(p[0], p[1], ms,
              (a.dark + b.dark) / 2, (a.light + b.light) / 2, Math.min(a.scale, b.scale));
          lost.hits = 0;
          FinderGrouper.Triple t = FinderGrouper.evaluate(a, b, lost);
          if (t == null) {
            continue;
          }
          r = reader.read(t, deadline);
          if (r == null && reader.plausible) {
            failed += (long) reader.lastDimension * reader.lastDimension;
          }
          if (r != null && sureEnough(r.result)) {
            break;
          }
          if (r == null) {
            // the second place (within a module and a half of the first) corrects a placement near enough to
            // decode, only beyond RECOVERY_EC_SHARE; it is not read after a first read that did not decode. Traced
            // (issue 9, twelfth pass; s2, ds4, both sample sets at four rotations): the 3 reads through a second
            // place all followed such a decode (5 second reads after one), none of the 783 above the floor after a
            // first read that showed the timing patterns but did not decode (18.9 s of reading); after one that did
            // not show them it was not read before either (the tenth pass's cut)
            break;
          }
          r = null;
        }
        if (r == null) {
          continue;
        }
        a.used = true;
        b.used = true;
        add(image, out, r);
        if (!all) {
          return;
        }
        break;
      }
    }
  }

  /**
   * Searches a square of 3 modules each way around a predicted finder-pattern centre for the best match of the
   * finder's 7x7-module template (3x3 dark centre, light ring, dark ring; ISO/IEC 18004:2015, 6.3.3) sampled with
   * module vectors {@code (ex, ey)} and {@code (-ey, ex)}: half-module steps, then eighth-module steps around the
   * best. Returns the best centre when its score (mean light minus mean dark sample) reaches {@code minScore},
   * else null (the pattern is too damaged to place; the prediction stands).
   */
  static double @Nullable [] locateFinder(LumaLevel img, double px, double py, double ex, double ey,
      double minScore) {
    double best = Double.NEGATIVE_INFINITY;
    double bu = 0;
    double bv = 0;
    for (int pass = 0; pass < 2; pass++) {
      double step = pass == 0 ? 0.5 : 0.125;
      double reach = pass == 0 ? 3 : 0.5;
      double cu = bu;
      double cv = bv;
      for (double v = cv - reach; v <= cv + reach + 1e-9; v += step) {
        for (double u = cu - reach; u <= cu + reach + 1e-9; u += step) {
          double s = finderScore(img, px + u * ex - v * ey, py + u * ey + v * ex, ex, ey)
              - (pass == 0 ? 0.02 * minScore * (Math.abs(u) + Math.abs(v)) : 0);
          if (s > best) {
            best = s;
            bu = u;
            bv = v;
          }
        }
      }
    }
    if (best < minScore) {
      return null;
    }
    return new double[] {px + bu * ex - bv * ey, py + bu * ey + bv * ex};
  }

  /** Mean light minus mean dark grey level of the finder template's 49 module centres at (x, y). */
  private static double finderScore(LumaLevel img, double x, double y, double ex, double ey) {
    double dark = 0;
    double light = 0;
    int nd = 0;
    int nl = 0;
    for (int j = -3; j <= 3; j++) {
      for (int i = -3; i <= 3; i++) {
        double sx = x + i * ex - j * ey;
        double sy = y + i * ey + j * ex;
        if (sx < 0 || sy < 0 || sx >= img.width || sy >= img.height) {
          return Double.NEGATIVE_INFINITY;
        }
        double g = img.bilinear(sx, sy);
        int ring = Math.max(Math.abs(i), Math.abs(j));
        if (ring == 2) {
          light += g;
          nl++;
        } else {
          dark += g;
          nd++;
        }
      }
    }
    return light / nl - dark / nd;
  }

  /**
   * Share of a symbol's error-correction codewords that a read through a predicted finder pattern may spend
   * ({@code (2 x errors + erasures) / EC codewords}, over all blocks). Recovery tries up to
   * {@value #MAX_HYPOTHESES} geometries per image, each a fresh chance for over-damaged or symbol-shaped noise to
   * decode, so it keeps a wider margin than the decoder's own per-block limit: on the synthetic development set
   * (seed 1) real recovered reads spent 0 to 0.42 of it but for three damaged symbols (0.77 to 0.82), and the one
   * false read (a version-3-H "symbol" with empty content among the finder-pattern look-alikes of a negative image)
   * spent 0.91.
   */
  static final double RECOVERY_EC_SHARE = 0.6;

  /** Whether a read through a predicted finder pattern is sure enough to report (see {@link #RECOVERY_EC_SHARE}). */
  static boolean sureEnough(SoftSymbolDecoder.Result r) {
    if (r.bytes().length == 0) {
      return false;
    }
    int ec = Version.getVersionForNumber(r.version())
        .getECBlocksForLevel(ErrorCorrectionLevel.valueOf(r.errorCorrection().name())).getTotalECCodewords();
    return 2 * r.errorsCorrected() + r.erasuresUsed() <= RECOVERY_EC_SHARE * ec;
  }

  /**
   * Where a symbol puts the third finder pattern of the pair {@code a}, {@code b} ({@code {x, y}} in pixels, six
   * places): the pair as one side, the third one side length away, perpendicular, from either end, on either side
   * (indices 0-3: from {@code a}, then from {@code b}); the pair as the diagonal, half of it away from the midpoint,
   * on either side (4 and 5).
   */
  static double[][] thirdPlaces(FinderCandidate a, FinderCandidate b) {
    double dx = b.x - a.x;
    double dy = b.y - a.y;
    return new double[][] {
        {a.x - dy, a.y + dx}, {a.x + dy, a.y - dx}, {b.x - dy, b.y + dx}, {b.x + dy, b.y - dx},
        {(a.x + b.x - dy) / 2, (a.y + b.y + dx) / 2}, {(a.x + b.x + dy) / 2, (a.y + b.y - dx) / 2}};
  }

  /**
   * How many of a pair's predicted third patterns {@code third} (the six places of {@link #thirdPlaces}, in pixels)
   * have a finder-pattern candidate of {@code finders} within 3 modules of {@code ms} pixels ({@link #seenNear});
   * {@code seen[h]} is set to whether the {@code h}-th has. In a pair with exactly one, the recovery reads the other
   * places only where the finder template finds a pattern ({@link #locateFinder}): that one candidate completes the
   * pair into a symbol's three, the grouper offered the triple whole and it was not read (else the pair would be
   * used), and a faint pattern placed by correlation ({@link LostFinderPlacer}) or a bare prediction (level 2)
   * beside it was never read.
   * Traced (issue 9, fifteenth pass; every hypothesis of the recovery recorded with which of its pair's six places
   * were seen, on seed 2 ({@code /tmp/s2-syn}) and the count-10 seed-1 set ({@code /tmp/ds4-syn}) with a 60 s
   * budget, and on ZXing's blackbox and zxing-cpp's samples at 0/90/180/270 degrees with 20 s): of the 20,031
   * hypotheses, the 12,651 so dropped (10,861 of them on over-damaged symbols) took 4.18 s of the recovery's
   * 10.05 s of CPU and none was read; all 18 reads came from pairs with no seen place. The template's places are
   * kept: on seed 3's {@code damaged_0015} (held out) the only read is such a place, at level 2, of a pair whose one
   * seen place is not the symbol's pattern (dropping them lost it).
   */
  static int completions(List<FinderCandidate> finders, double[][] third, double ms, boolean[] seen) {
    int n = 0;
    for (int h = 0; h < third.length; h++) {
      seen[h] = seenNear(finders, third[h][0], third[h][1], ms);
      if (seen[h]) {
        n++;
      }
    }
    return n;
  }

  /** Whether a finder-pattern candidate was seen within 3 modules of (x, y). */
  private static boolean seenNear(List<FinderCandidate> finders, double x, double y, double ms) {
    double r = 3 * ms;
    for (FinderCandidate f : finders) {
      if (Math.abs(f.x - x) < r && Math.abs(f.y - y) < r && Math.hypot(f.x - x, f.y - y) < r) {
        return true;
      }
    }
    return false;
  }

  private static void add(ScanImage image, List<Symbol> out, SymbolReader.Read r) {
    double[] c = r.corners;
    if (r.mirrored) {
      // the symbol's own top-right is the corner we called bottom-left
      c = new double[] {c[0], c[1], c[6], c[7], c[4], c[5], c[2], c[3]};
    }
    image.addRead(r.corners);
    SoftSymbolDecoder.Result d = r.result;
    out.add(new Symbol(d.text(), d.bytes(), ID, c, image.gray().toOriginal, d.version(),
        d.errorCorrection().name()));
  }
}
