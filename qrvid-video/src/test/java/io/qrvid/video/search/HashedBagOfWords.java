package io.qrvid.video.search;

import java.util.Locale;

/**
 * A deterministic test embedder: lower-cased words hashed into {@code dimension} buckets, counts normalised to unit
 * length. Texts sharing words get similar vectors; no model involved.
 */
final class HashedBagOfWords implements Embedder {
  private final int dimension;

  HashedBagOfWords(int dimension) {
    this.dimension = dimension;
  }

  @Override
  public float[] embed(String text) {
    float[] v = new float[dimension];
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (w.length() > 2) {
        v[Math.floorMod(w.hashCode(), dimension)] += 1;
      }
    }
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    if (norm > 0) {
      for (int i = 0; i < v.length; i++) {
        v[i] /= (float) Math.sqrt(norm);
      }
    }
    return v;
  }

  @Override
  public String name() {
    return "hashed-bag-of-words-" + dimension;
  }
}
