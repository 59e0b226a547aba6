/**
 * A seeded generator of hard QR images with known content (issue 9's development set): {@link
 * io.qrvid.examples.bench.synthetic.HardImageGenerator} makes one group of images per {@link
 * io.qrvid.examples.bench.synthetic.Category}, each with {@link io.qrvid.examples.bench.synthetic.SymbolLabel}s
 * (content and outline), and {@link io.qrvid.examples.bench.synthetic.LabelFiles} writes and reads them as a folder.
 *
 * <p>It lives in qrvid-examples (never deployed) beside the bench that uses it, {@code qrvid bench decode
 * --synthetic}; it depends only on ZXing's encoder and the JDK, so it can move to a test-jar of its own if
 * qrvid-decode's tests ever need it (they cannot depend on qrvid-examples, which depends on them). Not API.
 */
@NullMarked
package io.qrvid.examples.bench.synthetic;

import org.jspecify.annotations.NullMarked;
