/** The {@code qrvid} command line (picocli). Not API: the commands' options are the interface, not these classes. */
@NullMarked
package io.qrvid.examples.cli;

import org.jspecify.annotations.NullMarked;
