/**
 * Document ingestion: {@link io.qrvid.video.ingest.DocumentIngester} takes any file's bytes, decides how they are
 * stored (as UTF-8 text, chunked by characters, or as bytes, chunked by bytes) and extracts searchable text with
 * page numbers and titles from PDF (Apache PDFBox), EPUB and HTML (jsoup) and Markdown (commonmark). The stored bytes
 * are always the original file, so a document is restored byte for byte; the extracted text only feeds search and
 * chunk metadata.
 */
@NullMarked
package io.qrvid.video.ingest;

import org.jspecify.annotations.NullMarked;
