package io.qrvid.decode.internal;

import io.qrvid.core.internal.SoftSymbolDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * qrvid's own detector as a decoder: finder-pattern candidates over the scan's pyramid ({@link FinderDetector}),
 * grouped into symbols ({@link FinderGrouper}), each group read by a {@link SymbolReader} on the full-resolution
 * image. Groups are tried best first; the patterns of a decoded symbol are not reused, so many symbols per photo
 * are read in one pass. Stateless; thread-safe.
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
  public List<Symbol> decode(Gray g, boolean all) {
    return decode(new ScanImage(g), all, Deadline.none());
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
    List<Symbol> cached = image.qrvidSymbols(all);
    if (cached != null) {
      return cached;
    }
    List<Symbol> out = read(image, all, deadline, soft, softNone);
    image.qrvidSymbols(all, out);
    return out;
  }

  private List<Symbol> read(ScanImage image, boolean all, Deadline deadline, Deadline soft, Deadline softNone) {
    List<FinderCandidate> finders = image.finders(deadline);
    for (FinderCandidate f : finders) {
      f.used = false;
    }
    List<FinderGrouper.Triple> triples = FinderGrouper.group(finders);
    SymbolReader reader = new SymbolReader(image.full());
    List<Symbol> out = new ArrayList<>();
    long failed = 0;
    for (FinderGrouper.Triple t : triples) {
      if (t.anyUsed() || deadline.expired()) {
        continue;
      }
      if (failed >= FAILURE_BUDGET || (out.isEmpty() ? softNone : soft).expired()) {
        break;
      }
      SymbolReader.Read r = reader.read(t, deadline);
      if (r == null) {
        if (reader.plausible) {
          image.addUnread(t);
          failed += (long) reader.lastDimension * reader.lastDimension;
        }
        continue;
      }
      t.tl.used = true;
      t.tr.used = true;
      t.bl.used = true;
      double[] c = r.corners;
      if (r.mirrored) {
        // the symbol's own top-right is the corner we called bottom-left
        c = new double[] {c[0], c[1], c[6], c[7], c[4], c[5], c[2], c[3]};
      }
      image.addRead(r.corners);
      SoftSymbolDecoder.Result d = r.result;
      out.add(new Symbol(d.text(), d.bytes(), ID, c, image.gray().toOriginal, d.version(),
          d.errorCorrection().name()));
      if (!all) {
        break;
      }
    }
    return out;
  }
}
