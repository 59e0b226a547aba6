package io.qrvid.remote.internal;

import io.qrvid.remote.GenerationStore;
import io.qrvid.remote.VideoProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * Everything a {@link GenerationRun} needs from its client. Not API.
 *
 * @param provider the provider
 * @param caller the HTTP caller
 * @param downloadClient a client with redirects disabled
 * @param store the store
 * @param clock the clock (timeouts, elapsed-time progress, file names)
 * @param progress the progress dispatcher
 * @param pollInterval default poll interval
 * @param timeout overall submit-to-done timeout
 * @param downloadTimeout timeout of one download attempt
 * @param outputFolder where videos go
 */
public record RunEnv(VideoProvider provider, HttpCaller caller, OkHttpClient downloadClient, GenerationStore store,
    Clock clock, ProgressDispatcher progress, Duration pollInterval, Duration timeout, Duration downloadTimeout,
    Path outputFolder) {}
