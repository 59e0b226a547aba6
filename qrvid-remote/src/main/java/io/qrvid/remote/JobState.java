package io.qrvid.remote;

/** Normalised provider job state (Veo {@code done}, OpenAI {@code status}, generic status strings). */
public enum JobState {
  /** Accepted, not yet running (Veo {@code done:false}, OpenAI {@code queued}). */
  QUEUED,
  /** Running (OpenAI {@code in_progress}). */
  RUNNING,
  /** Finished with output. */
  SUCCEEDED,
  /** Finished without usable output. */
  FAILED,
  /** Cancelled on the provider side. */
  CANCELLED;

  /** {@return true for SUCCEEDED, FAILED and CANCELLED} */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
