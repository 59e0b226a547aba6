/**
 * QR video: {@link io.qrvid.video.QrVideoEncoder} stores documents as QR symbols in a video (H.264/MP4 through
 * Humble Video by default) with a JSON {@link io.qrvid.video.VideoIndex}; {@link io.qrvid.video.QrVideoReader}
 * reads them back byte for byte or names every chunk it could not recover.
 *
 * <p>Every Humble Video type stays inside {@code io.qrvid.video.internal}. Humble is a normal dependency of this
 * module; where its natives cannot load on a platform, the encoder and reader throw
 * {@link io.qrvid.video.NativeLibraryUnavailableException}.
 */
@NullMarked
package io.qrvid.video;

import org.jspecify.annotations.NullMarked;
