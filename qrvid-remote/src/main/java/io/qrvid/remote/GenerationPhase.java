package io.qrvid.remote;

/** The lifecycle phase a {@link ProgressEvent} reports. */
public enum GenerationPhase {
  /** 0 %: the record exists and the request is about to be sent. */
  STARTED,
  /** 10 %: the provider accepted the job; the operation id is known and stored. */
  SUBMITTED,
  /** 20-80 %: waiting for the provider; from its own progress when it reports one, else from elapsed time. */
  POLLING,
  /** 90-99 %: downloading the video; events carry byte counts. */
  DOWNLOADING,
  /** 100 %: the video is in its final place and the record is COMPLETED. */
  COMPLETED
}
