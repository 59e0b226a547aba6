package io.qrvid.video;

import io.qrvid.core.FramePayload;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * What one read of a video found so far: payloads by chunk, unreadable symbol positions, symbol contents kept for
 * parity repair, and counters. Thread-safe: the frames of a read are processed on several threads (the symbol pool
 * of one decoder session, or several range workers each with its own session).
 */
final class ScanState {
  final Map<Integer, List<FramePayload>> parts = new ConcurrentHashMap<>();
  /** Symbol contents by video position, kept only when {@link #keepContents} (a whole read with parity). */
  final Map<Long, byte[]> contents;
  /** Video positions ({@code frame * symbolsPerFrame + slot}) of symbols that no decoder read. */
  final Set<Long> unreadablePositions;
  final boolean keepContents;
  /** Where parity groups place each symbol, when {@link #keepContents}; else null. */
  final @Nullable ParityLayout parityLayout;
  final AtomicLong framesDecoded = new AtomicLong();
  final AtomicLong framesRead = new AtomicLong();
  final AtomicLong byGrid = new AtomicLong();
  final AtomicLong byChain = new AtomicLong();
  final AtomicLong unreadable = new AtomicLong();
  final AtomicLong foreign = new AtomicLong();
  final AtomicLong own = new AtomicLong();
  final List<Integer> foreignIds = new CopyOnWriteArrayList<>();

  /**
   * @param contents where to keep symbol contents (cleared here)
   * @param unreadablePositions where to note unreadable symbols (cleared here)
   * @param parityLayout the video's parity layout when symbol contents must be kept for parity repair, else null
   */
  ScanState(Map<Long, byte[]> contents, Set<Long> unreadablePositions, @Nullable ParityLayout parityLayout) {
    this.contents = contents;
    this.unreadablePositions = unreadablePositions;
    this.parityLayout = parityLayout;
    this.keepContents = parityLayout != null;
    contents.clear();
    unreadablePositions.clear();
  }

  /** An empty state with maps of its own, to be merged into this one ({@link #mergeInto}) when a range ends. */
  ScanState forRange() {
    return new ScanState(new ConcurrentHashMap<>(), ConcurrentHashMap.newKeySet(), parityLayout);
  }

  /** Adds everything this state found to {@code target}. */
  void mergeInto(ScanState target) {
    parts.forEach((chunk, ps) -> target.parts.computeIfAbsent(chunk, k -> new CopyOnWriteArrayList<>()).addAll(ps));
    target.contents.putAll(contents);
    target.unreadablePositions.addAll(unreadablePositions);
    target.framesDecoded.addAndGet(framesDecoded.get());
    target.framesRead.addAndGet(framesRead.get());
    target.byGrid.addAndGet(byGrid.get());
    target.byChain.addAndGet(byChain.get());
    target.unreadable.addAndGet(unreadable.get());
    target.foreign.addAndGet(foreign.get());
    target.own.addAndGet(own.get());
    for (int id : foreignIds) {
      if (target.foreignIds.size() < 4) {
        target.foreignIds.add(id);
      }
    }
  }

  /** The counters as statistics. */
  ReadStats stats(long framesExpected) {
    return new ReadStats(framesDecoded.get(), framesExpected, byGrid.get() + byChain.get(), byGrid.get(),
        byChain.get(), unreadable.get(), foreign.get(), 0);
  }

  /**
   * Throws when the frames carried payloads of another video only.
   *
   * @throws VideoIndexException if no payload of the index's video and some of another one were found
   */
  void checkOwner(long videoId) {
    if (own.get() == 0 && foreign.get() > 0) {
      throw new VideoIndexException("the video's payloads carry video id(s) " + foreignIds
          + " but the index is for video id " + videoId + ": the index belongs to another video", null);
    }
  }
}
