package io.qrvid.decode.internal;

import java.util.List;

/** A level-1 decoder: reads symbols from a luminance image. Implementations are thread-safe. */
public interface SymbolDecoder {
  /** Stable name reported in results, e.g. {@code zxing-hybrid}. */
  String id();

  /**
   * Decodes symbols; never throws for "nothing found". The deadline is checked between the decoder's own steps
   * (ZXing: finder-pattern groups; qrvid: groups and finder-search rows; BoofCV: only before it starts, its
   * detector having no way to stop), so a decoder stops at most one such step after it expires, having read what
   * it read by then; an already expired deadline reads nothing.
   *
   * @param g the image
   * @param all when false, the decoder may stop after the first symbol
   * @param deadline when to stop starting new work
   * @return the symbols read, possibly empty
   */
  List<Symbol> decode(Gray g, boolean all, Deadline deadline);

  /**
   * {@link #decode(Gray, boolean, Deadline)} with no deadline.
   *
   * @param g the image
   * @param all when false, the decoder may stop after the first symbol
   * @return the symbols read, possibly empty
   */
  default List<Symbol> decode(Gray g, boolean all) {
    return decode(g, all, Deadline.none());
  }
}
