/**
 * Asynchronous remote text-to-video generation: {@link io.qrvid.remote.TextToVideoClient} submits a prompt to
 * a provider ({@link io.qrvid.remote.GeminiVeoProvider}, {@link io.qrvid.remote.VertexVeoProvider},
 * {@link io.qrvid.remote.OpenAiVideosProvider} or a configurable
 * {@link io.qrvid.remote.GenericJobProvider}), polls the job, reports progress, downloads the video atomically
 * and records every generation in a {@link io.qrvid.remote.GenerationStore}.
 *
 * <p>The {@code qrvid-remote} module needs OkHttp, Failsafe, Jackson and SLF4J only (H2 is optional, for
 * {@link io.qrvid.remote.JdbcGenerationStore#h2}); it carries no native code and no computer vision. Logger name:
 * {@code io.qrvid.remote}. Prompts and API keys are never logged.
 */
@NullMarked
package io.qrvid.remote;

import org.jspecify.annotations.NullMarked;
