package io.qrvid.video.memvid;

/**
 * Turns a chunk's text into a vector for memvid's semantic search. qrvid ships no model: supply one (for example a
 * sentence-transformers model run through ONNX) to make {@link MemvidWriter} write a searchable FAISS index.
 *
 * <p>memvid's retriever embeds each query with the sentence-transformers model named in the index's config
 * ({@code embedding.model}, set by {@link MemvidWriter.Builder#embedder(Embedder, String)}), so the vectors must
 * come from that same model for search to mean anything. memvid's own encoder L2-normalises its vectors
 * ({@code normalize_embeddings=True}); do the same for parity. Implementations may be called from several threads
 * only if they say they are thread-safe; {@link MemvidWriter} calls it from one thread.
 */
@FunctionalInterface
public interface Embedder {
  /**
   * Embeds one chunk.
   *
   * @return the vector; every call must return the same length, and no NaN or infinite value
   * @param text the chunk's text
   */
  float[] embed(String text);
}
