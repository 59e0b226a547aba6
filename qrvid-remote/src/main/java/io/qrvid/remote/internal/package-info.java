/**
 * Implementation of the remote text-to-video client: lifecycle orchestration, HTTP retry, download. Not API; may
 * change without notice.
 */
@NullMarked
package io.qrvid.remote.internal;

import org.jspecify.annotations.NullMarked;
