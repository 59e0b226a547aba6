package io.qrvid.remote;

/**
 * One progress report of a generation. Within one generation, {@code fraction} never decreases.
 *
 * @param generationId the local generation id (the store key)
 * @param phase the lifecycle phase
 * @param fraction progress as a fraction from 0.0 to 1.0 (see {@link GenerationPhase} for the range of each phase)
 * @param bytes bytes downloaded so far ({@link GenerationPhase#DOWNLOADING} and later), else 0
 * @param totalBytes the expected size in bytes, or -1 if unknown
 */
public record ProgressEvent(String generationId, GenerationPhase phase, double fraction, long bytes,
    long totalBytes) {}
