package io.qrvid.core;

import java.util.Objects;

/**
 * A frame that could not be generated, by index, with a human-readable reason (for example a payload that exceeds
 * the symbol capacity, or an I/O error while writing its file).
 *
 * @param index the zero-based frame index
 * @param reason why it failed
 */
public record FrameFailure(int index, String reason) {
  /**
   * Validates the components.
   *
   * @param index the zero-based frame index
   * @param reason why it failed
   * @throws NullPointerException if {@code reason} is null
   */
  public FrameFailure {
    Objects.requireNonNull(reason, "reason == null");
  }
}
