package io.qrvid.remote;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The outcome of a successful generation.
 *
 * @param generationId the local generation id (the store key)
 * @param operationId the provider's operation (job) id
 * @param provider the provider name
 * @param model the model used
 * @param video the final MP4 file (complete: written to a {@code .part} file, length-checked, then moved)
 * @param sizeBytes the size of {@code video}
 * @param elapsed time from start (or resume) to completion, by the client's clock
 */
public record GenerationResult(String generationId, String operationId, String provider, String model, Path video,
    long sizeBytes, Duration elapsed) {}
