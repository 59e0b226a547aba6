package io.qrvid.remote;

/**
 * One progress report of a generation. Within one generation, {@code percent} never decreases.
 *
 * @param generationId the local generation id (the store key)
 * @param phase the lifecycle phase
 * @param percent 0..100
 * @param bytes bytes downloaded so far ({@link GenerationPhase#DOWNLOADING} and later), else 0
 * @param totalBytes the expected size in bytes, or -1 if unknown
 */
public record ProgressEvent(String generationId, GenerationPhase phase, double percent, long bytes,
    long totalBytes) {}
