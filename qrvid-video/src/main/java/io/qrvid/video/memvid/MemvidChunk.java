package io.qrvid.video.memvid;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * One chunk of a memvid library with its {@link MemvidVerdict}: the index's copy of the text, the video's copy, or
 * both, never one silently standing in for the other. Immutable and thread-safe.
 */
public final class MemvidChunk {
  private final int id;
  private final int frame;
  private final MemvidVerdict verdict;
  private final @Nullable String indexText;
  private final @Nullable String videoText;
  private final long videoPosition;
  private final Map<String, Object> metadata;
  private final String detail;

  /**
   * Creates a chunk (for callers that build libraries by other means; {@link MemvidLibrary} makes them).
   *
   * @param id the chunk id (the index entry's {@code "id"}, or the payload's for {@link MemvidVerdict#VIDEO_ONLY})
   * @param frame the frame number the index gives (the payload's for {@code VIDEO_ONLY})
   * @param verdict the verdict
   * @param indexText the index's text, null when the index has none
   * @param videoText the text read from the video, null when none was read
   * @param videoPosition the position in the video of the frame the text was read from, or -1
   * @param metadata the index entry's other keys (such as {@code "length"}) as plain Java values
   * @param detail why the verdict is what it is
   * @throws IllegalArgumentException if the texts present do not fit the verdict
   */
  public MemvidChunk(int id, int frame, MemvidVerdict verdict, @Nullable String indexText, @Nullable String videoText,
      long videoPosition, Map<String, ?> metadata, String detail) {
    this.id = id;
    this.frame = frame;
    this.verdict = Objects.requireNonNull(verdict, "verdict == null");
    this.indexText = indexText;
    this.videoText = videoText;
    this.videoPosition = videoPosition;
    this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    this.detail = Objects.requireNonNull(detail, "detail == null");
    boolean ok;
    switch (verdict) {
      case VERIFIED:
        ok = indexText != null && indexText.equals(videoText);
        break;
      case MISMATCH:
        ok = indexText != null && videoText != null && !indexText.equals(videoText);
        break;
      case INDEX_ONLY:
        ok = indexText != null && videoText == null;
        break;
      default:
        ok = indexText == null && videoText != null;
    }
    if (!ok) {
      throw new IllegalArgumentException("texts do not fit verdict " + verdict);
    }
  }

  /** {@return the chunk id} */
  public int id() {
    return id;
  }

  /** {@return the frame number the index gives for the chunk (for {@link MemvidVerdict#VIDEO_ONLY}, the payload's)} */
  public int frame() {
    return frame;
  }

  /** {@return the verdict} */
  public MemvidVerdict verdict() {
    return verdict;
  }

  /** {@return the index's copy of the text; empty for {@link MemvidVerdict#VIDEO_ONLY}} */
  public Optional<String> indexText() {
    return Optional.ofNullable(indexText);
  }

  /** {@return the text read from the video; empty for {@link MemvidVerdict#INDEX_ONLY}} */
  public Optional<String> videoText() {
    return Optional.ofNullable(videoText);
  }

  /**
   * {@return the text the video confirms: present for {@link MemvidVerdict#VERIFIED} and {@link
   * MemvidVerdict#VIDEO_ONLY}, empty otherwise}
   */
  public Optional<String> verifiedText() {
    return verdict == MemvidVerdict.VERIFIED || verdict == MemvidVerdict.VIDEO_ONLY
        ? Optional.ofNullable(videoText) : Optional.empty();
  }

  /**
   * Where in the video the text was read: the frame's position, which differs from {@link #frame()} when frames are
   * missing or out of place (memvid's retriever seeks by position and would then return another chunk's text).
   *
   * @return the zero-based frame position, or empty when the chunk was not found in the video
   */
  public OptionalLong videoPosition() {
    return videoPosition >= 0 ? OptionalLong.of(videoPosition) : OptionalLong.empty();
  }

  /** {@return true when the chunk was read at a position other than the frame number the index gives} */
  public boolean displaced() {
    return videoPosition >= 0 && videoPosition != frame;
  }

  /** {@return the index entry's keys other than {@code id}, {@code text} and {@code frame}, as plain Java values} */
  public Map<String, Object> metadata() {
    return metadata;
  }

  /** {@return why the verdict is what it is (the frame read, the first differing character, why the frame failed)} */
  public String detail() {
    return detail;
  }

  @Override
  public String toString() {
    return "chunk " + id + " (frame " + frame + "): " + verdict + ", " + detail;
  }
}
