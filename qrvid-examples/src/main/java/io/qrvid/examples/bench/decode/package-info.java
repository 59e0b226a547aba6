/**
 * {@code qrvid bench decode}: ZXing alone, BoofCV alone and the qrvid chain, side by side in one run, on the
 * synthetic development set ({@link io.qrvid.examples.bench.synthetic}), on labelled folders (qrvid label files,
 * BoofCV's detection benchmark layout) and on ZXing's and zxing-cpp's blackbox sample sets with their own pass
 * thresholds. Entry point: {@link io.qrvid.examples.bench.decode.DecodeBench#run}. Not API.
 */
@NullMarked
package io.qrvid.examples.bench.decode;

import org.jspecify.annotations.NullMarked;
