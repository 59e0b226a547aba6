/**
 * Search over what a QR video stores: a Lucene index next to the video ({@code <video>.qrvid-search/}) holding
 * postings, norms, chunk ids and optional vectors, but never the text. Hits are read from the video by random access
 * and verified by CRC32C, so the video stays the only copy of the text.
 *
 * <ul>
 *   <li>{@link io.qrvid.video.search.SearchIndexWriter} builds the index while {@link io.qrvid.video.QrVideoEncoder}
 *       encodes (the default), or afterwards from a video alone.
 *   <li>{@link io.qrvid.video.QrVideoReader#search(String, int)} and
 *       {@link io.qrvid.video.QrVideoCorpus#search(String, int)} answer queries with {@link io.qrvid.video.search.SearchHit}s;
 *       {@link io.qrvid.video.search.VideoSearcher} is the long-lived form.
 *   <li>Full-text ranking is BM25 over a language's Lucene analyzer ({@link io.qrvid.video.search.SearchLanguage},
 *       English by default, or a caller's {@link org.apache.lucene.analysis.Analyzer}); with a caller's
 *       {@link io.qrvid.video.search.Embedder}, chunk vectors go into the same index (HNSW) and queries are ranked by
 *       reciprocal rank fusion of BM25 and vector similarity.
 * </ul>
 */
@NullMarked
package io.qrvid.video.search;

import org.jspecify.annotations.NullMarked;
