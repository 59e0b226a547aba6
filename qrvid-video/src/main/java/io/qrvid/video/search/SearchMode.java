package io.qrvid.video.search;

/** How a query is ranked. */
public enum SearchMode {
  /** {@link #HYBRID} when the index has vectors and the searcher an embedder, else {@link #TEXT}. */
  AUTO,
  /** BM25 over the chunks' terms (and titles). */
  TEXT,
  /** Nearest chunk vectors to the query's vector (HNSW); needs vectors and an embedder. */
  VECTOR,
  /**
   * Reciprocal rank fusion of {@link #TEXT} and {@link #VECTOR}: each chunk scores the sum over both rankings of
   * 1 / (60 + rank), rank from 1 (Cormack, Clarke and Buettcher, "Reciprocal Rank Fusion outperforms Condorcet and
   * individual Rank Learning Methods", SIGIR 2009, which found the constant 60 robust).
   */
  HYBRID
}
