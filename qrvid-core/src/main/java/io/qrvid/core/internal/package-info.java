/** Not API: implementation details of qrvid; may change without notice. */
@NullMarked
package io.qrvid.core.internal;

import org.jspecify.annotations.NullMarked;
