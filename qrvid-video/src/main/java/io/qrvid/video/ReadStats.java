package io.qrvid.video;

/**
 * How a read went, symbol by symbol.
 *
 * @param framesDecoded video frames the video decoder delivered for this read (after a seek, this includes the
 *     frames between the keyframe and the first frame wanted)
 * @param framesExpected frames this read wanted, per the index
 * @param symbolsRead symbols whose content was read and parsed
 * @param symbolsByGrid of those, read by search-free sampling of the known module grid
 * @param symbolsByChain of those, read by the fallback decode chain
 * @param symbolsUnreadable symbols that no decoder read, or whose content was not a valid payload
 * @param foreignPayloads payloads from another video (a different video id), ignored
 * @param symbolsRebuilt data symbols rebuilt from parity symbols
 */
public record ReadStats(long framesDecoded, long framesExpected, long symbolsRead, long symbolsByGrid,
    long symbolsByChain, long symbolsUnreadable, long foreignPayloads, long symbolsRebuilt) {}
