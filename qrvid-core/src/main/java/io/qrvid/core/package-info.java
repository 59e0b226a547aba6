/**
 * qrvid core: text chunking ({@link io.qrvid.core.TextChunker}), the frame payload format
 * ({@link io.qrvid.core.FramePayload}), QR symbol encoding and frame rendering
 * ({@link io.qrvid.core.QrFrameGenerator}) and bulk QR generation: frame streams and PNG frame folders
 * ({@link io.qrvid.core.FrameStream}, {@link io.qrvid.core.GenerationStats}), their validation
 * ({@link io.qrvid.core.FrameValidation}, {@link io.qrvid.core.FrameFolder}), range splitting for parallel batches
 * ({@link io.qrvid.core.FrameRanges}), standalone QR images ({@link io.qrvid.core.QrImageWriter}) and background
 * bulk jobs ({@link io.qrvid.core.QrBatchJob}).
 *
 * <p>Nothing in this package needs native libraries; it depends on ZXing core and Jackson only.
 */
@NullMarked
package io.qrvid.core;

import org.jspecify.annotations.NullMarked;
