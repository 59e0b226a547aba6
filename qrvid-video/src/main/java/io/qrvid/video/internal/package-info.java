/** Not API: implementation details of qrvid-video (Humble Video sessions, JSON codec); may change without notice. */
@NullMarked
package io.qrvid.video.internal;

import org.jspecify.annotations.NullMarked;
