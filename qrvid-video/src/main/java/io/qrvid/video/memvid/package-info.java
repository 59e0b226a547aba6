/**
 * memvid v0.1.x libraries (a QR video plus {@code <name>_index.json} and {@code <name>_index.faiss}): open and
 * verify them chunk by chunk ({@link io.qrvid.video.memvid.MemvidLibrary}, {@link io.qrvid.video.memvid.MemvidVerdict}),
 * migrate them to qrvid, and write libraries that memvid's retriever reads.
 *
 * <p>The format facts (payload JSON, {@code GZ:} compression, QR settings, codecs, index keys) are those of memvid
 * v0.1.3 (github Olow304/memvid at a8c0516), collected in the project's research notes; no memvid code is used.
 */
@NullMarked
package io.qrvid.video.memvid;

import org.jspecify.annotations.NullMarked;
