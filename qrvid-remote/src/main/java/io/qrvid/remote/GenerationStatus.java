package io.qrvid.remote;

/** Status of a stored {@link GenerationRecord}. */
public enum GenerationStatus {
  /** Recorded; the submit has not been acknowledged (no operation id yet). */
  PENDING,
  /** The provider accepted the job; the operation id is stored. Resumable. */
  PROCESSING,
  /** The video is in its final place. */
  COMPLETED,
  /** Failed; see the error type and message. */
  FAILED,
  /** Cancelled by the caller or the provider. */
  CANCELLED;

  /** {@return true for COMPLETED, FAILED and CANCELLED} */
  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }
}
