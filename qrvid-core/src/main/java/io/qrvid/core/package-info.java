/**
 * qrvid core: text chunking ({@link io.qrvid.core.TextChunker}), the frame payload format
 * ({@link io.qrvid.core.FramePayload}), QR symbol encoding and frame rendering
 * ({@link io.qrvid.core.QrFrameGenerator}) and bulk QR generation.
 *
 * <p>Nothing in this package needs native libraries; it depends on ZXing core and Jackson only.
 */
@NullMarked
package io.qrvid.core;

import org.jspecify.annotations.NullMarked;
