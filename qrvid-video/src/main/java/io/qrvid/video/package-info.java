/**
 * QR video: {@link io.qrvid.video.QrVideoEncoder} stores documents as QR symbols in a video (H.264/MP4 through
 * Humble Video by default) with a JSON {@link io.qrvid.video.VideoIndex}; {@link io.qrvid.video.QrVideoReader}
 * reads them back byte for byte or names every chunk it could not recover.
 *
 * <p>Every Humble Video type stays inside {@code io.qrvid.video.internal}. Humble is an optional dependency of this
 * module: the remote client in {@code io.qrvid.video.remote} runs without it.
 */
@NullMarked
package io.qrvid.video;

import org.jspecify.annotations.NullMarked;
