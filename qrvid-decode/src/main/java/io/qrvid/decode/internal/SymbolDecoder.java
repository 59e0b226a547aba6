package io.qrvid.decode.internal;

import java.util.List;

/** A level-1 decoder: reads symbols from a luminance image. Implementations are thread-safe. */
public interface SymbolDecoder {
  /** Stable name reported in results, e.g. {@code zxing-hybrid}. */
  String id();

  /**
   * Decodes symbols; never throws for "nothing found".
   *
   * @param all when false, the decoder may stop after the first symbol
   * @return the symbols read, possibly empty
   */
  List<Symbol> decode(Gray g, boolean all);
}
