/**
 * The layered QR decode chain: {@link io.qrvid.decode.QrDecodeChain} scans an image with fast decoders first and
 * returns a {@link io.qrvid.decode.QrScanResult}; "no QR found" is a result, never an exception.
 */
@NullMarked
package io.qrvid.decode;

import org.jspecify.annotations.NullMarked;
