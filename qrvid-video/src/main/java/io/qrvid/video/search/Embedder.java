package io.qrvid.video.search;

/**
 * Turns text into a vector for semantic search. qrvid ships no model: the caller supplies one (an ONNX model, a
 * remote embedding API, a hashed bag of words for tests) and must use the same embedder, with the same
 * {@link #name()}, to build an index and to query it.
 *
 * <p>Every vector of one index has the same length, and all its components are finite. Implementations must be
 * thread-safe if one instance serves concurrent searches.
 */
@FunctionalInterface
public interface Embedder {
  /**
   * The vector of {@code text}: a chunk's text while indexing, a query while searching.
   *
   * @param text the text to embed
   * @return a vector of the embedder's fixed dimension (1 to 1024 components, the limit of Lucene 9's HNSW format)
   */
  float[] embed(String text);

  /**
   * A name for the model and its settings, recorded in the index so that a query is never embedded by another
   * model than the chunks were (default: the implementing class's name).
   *
   * @return the name recorded in the index
   */
  default String name() {
    return getClass().getName();
  }
}
