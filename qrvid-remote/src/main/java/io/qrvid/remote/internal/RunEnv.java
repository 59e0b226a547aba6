package io.qrvid.remote.internal;

import io.qrvid.remote.GenerationStore;
import io.qrvid.remote.VideoProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Everything a {@link GenerationRun} needs from its client. Not API.
 *
 * @param provider the provider
 * @param caller the HTTP caller (and its transport)
 * @param store the store
 * @param clock the clock (timeouts, elapsed-time progress, file names)
 * @param progress the progress dispatcher
 * @param pollInterval default poll interval
 * @param timeout overall timeout of one run (start or resume to the video in place), download included
 * @param maxVideoBytes the size cap of one video
 * @param outputFolder where videos go
 */
public record RunEnv(VideoProvider provider, HttpCaller caller, GenerationStore store, Clock clock,
    ProgressDispatcher progress, Duration pollInterval, Duration timeout, long maxVideoBytes, Path outputFolder) {}
