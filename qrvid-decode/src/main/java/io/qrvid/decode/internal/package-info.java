/**
 * Implementation of the qrvid decode chain: luminance images, preprocessing filters, decoder adapters for ZXing
 * and BoofCV, the remote client's JSON mapping and the HTTP service's handlers.
 *
 * <p><b>Not API; may change without notice.</b>
 */
@NullMarked
package io.qrvid.decode.internal;

import org.jspecify.annotations.NullMarked;
