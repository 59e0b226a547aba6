package io.qrvid.remote;

/** What the client does when a valid request asks for something the chosen provider cannot do. */
public enum CapabilityPolicy {
  /** Fail with {@link IllegalArgumentException} naming the unsupported value (the default). */
  REJECT,
  /**
   * Snap to the nearest supported value (duration, aspect ratio by orientation, resolution) and drop unsupported
   * optional fields (seed, audio, negative prompt) with a WARN log.
   */
  SNAP
}
