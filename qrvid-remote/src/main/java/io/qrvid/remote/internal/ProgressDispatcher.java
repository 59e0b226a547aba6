package io.qrvid.remote.internal;

import io.qrvid.remote.ProgressEvent;
import io.qrvid.remote.ProgressListener;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers progress events on a dedicated serial executor; listener failures are logged and ignored. Not API. */
public final class ProgressDispatcher {
  private static final Logger log = LoggerFactory.getLogger("io.qrvid.remote");

  private final Executor serial;

  /** Creates a dispatcher on a single-threaded (serial) executor. */
  public ProgressDispatcher(Executor serial) {
    this.serial = serial;
  }

  /** Queues {@code event} for {@code listener}. */
  public void dispatch(ProgressListener listener, ProgressEvent event) {
    if (listener == ProgressListener.NONE) {
      return;
    }
    try {
      serial.execute(() -> {
        try {
          listener.onProgress(event);
        } catch (RuntimeException e) {
          log.warn("progress listener failed for {}", event.generationId(), e);
        }
      });
    } catch (RejectedExecutionException e) {
      log.debug("progress event dropped: client closed");
    }
  }
}
