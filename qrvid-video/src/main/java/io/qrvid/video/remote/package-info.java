/**
 * Asynchronous remote text-to-video generation: {@link io.qrvid.video.remote.TextToVideoClient} submits a prompt to
 * a provider ({@link io.qrvid.video.remote.GeminiVeoProvider}, {@link io.qrvid.video.remote.VertexVeoProvider},
 * {@link io.qrvid.video.remote.OpenAiVideosProvider} or a configurable
 * {@link io.qrvid.video.remote.GenericJobProvider}), polls the job, reports progress, downloads the video atomically
 * and records every generation in a {@link io.qrvid.video.remote.GenerationStore}.
 *
 * <p>Nothing in this package references Humble Video; it needs OkHttp, Failsafe, Jackson, SLF4J and (for
 * {@link io.qrvid.video.remote.JdbcGenerationStore} with the default database) H2 only. Logger name:
 * {@code io.qrvid.video.remote}. Prompts and API keys are never logged.
 */
@NullMarked
package io.qrvid.video.remote;

import org.jspecify.annotations.NullMarked;
