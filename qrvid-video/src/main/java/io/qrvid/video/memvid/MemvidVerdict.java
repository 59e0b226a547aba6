package io.qrvid.video.memvid;

/**
 * What the video says about a chunk of a memvid library, compared with the index. memvid's own retriever returns
 * the index's copy of a chunk whenever its frame fails to decode, without saying so; these verdicts say which
 * chunks the video really holds.
 */
public enum MemvidVerdict {
  /** The frame was read and its text equals the index's text. */
  VERIFIED,
  /** The text is only in the index: the chunk's frame is missing from the video or could not be read. */
  INDEX_ONLY,
  /** The video holds the chunk but the index has no entry for its frame. */
  VIDEO_ONLY,
  /** Both hold the chunk and the texts differ; both are kept. */
  MISMATCH
}
