package io.qrvid.remote;

/** The lifecycle phase a {@link ProgressEvent} reports. */
public enum GenerationPhase {
  /** 0.0: the record exists and the request is about to be sent. */
  STARTED,
  /** 0.1: the provider accepted the job; the operation id is known and stored. */
  SUBMITTED,
  /** 0.2-0.8: waiting for the provider; from its own progress when it reports one, else from elapsed time. */
  POLLING,
  /** 0.9-0.99: downloading the video; events carry byte counts. */
  DOWNLOADING,
  /** 1.0: the video is in its final place and the record is COMPLETED. */
  COMPLETED
}
