package io.qrvid.core;

import io.qrvid.core.internal.OrderedPipeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * The frames of a generation, in index order, rendered ahead by the generator's workers within a bounded window
 * ({@link QrFrameGenerator.Builder#inFlightFrames(int)}), so memory stays bounded whatever the input size: frames
 * are streamed, never collected. Frames that fail are skipped and reported in {@link #stats()} with their index
 * and reason; the others are still delivered.
 *
 * <pre>{@code
 * try (FrameStream frames = generator.frames(payloads)) {
 *   frames.stream().forEach(f -> sink.accept(f.index(), f.luma()));
 *   GenerationStats stats = frames.stats();
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one consumer thread. {@link #close()} stops rendering ahead: queued frames that have not
 * started are skipped, frames being rendered finish and are dropped.
 */
public final class FrameStream implements Iterator<QrFrame>, AutoCloseable {
  private final OrderedPipeline<List<byte[]>, Object> pipeline;
  private final FrameProgressListener listener;
  private final long expectedFrames;
  private final long startNanos = System.nanoTime();
  private final List<FrameFailure> failures = new ArrayList<>();
  private long endNanos = -1;
  private int done;
  private int succeeded;
  private int maxInFlight;
  private @Nullable QrFrame next;

  FrameStream(OrderedPipeline<List<byte[]>, Object> pipeline, FrameProgressListener listener, long expectedFrames) {
    this.pipeline = pipeline;
    this.listener = listener;
    this.expectedFrames = expectedFrames;
  }

  @Override
  public boolean hasNext() {
    while (next == null && pipeline.hasNext()) {
      maxInFlight = Math.max(maxInFlight, pipeline.inFlight());
      Object r;
      try {
        r = pipeline.next();
      } catch (CompletionException e) {
        // Not expected: frame tasks catch their own failures. Count it rather than lose the frame.
        r = new FrameFailure(done, String.valueOf(e.getCause()));
      }
      done++;
      if (r instanceof QrFrame) {
        succeeded++;
        next = (QrFrame) r;
      } else {
        failures.add((FrameFailure) r);
      }
      listener.onProgress(done, expectedFrames);
    }
    if (next == null && endNanos < 0) {
      endNanos = System.nanoTime();
    }
    return next != null;
  }

  /** The next successfully rendered frame, in index order. @throws NoSuchElementException at the end */
  @Override
  public QrFrame next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    QrFrame f = next;
    next = null;
    return f;
  }

  /** {@return this stream as an ordered, sequential {@link Stream}; closing it closes this} */
  public Stream<QrFrame> stream() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
        false).onClose(this::close);
  }

  /**
   * {@return statistics so far: when the stream is exhausted they cover the whole input, and the processing time ends
   * at the last frame; before that they cover the frames consumed so far}
   */
  public GenerationStats stats() {
    long end = endNanos >= 0 ? endNanos : System.nanoTime();
    return new GenerationStats(done, succeeded, Duration.ofNanos(end - startNanos), failures);
  }

  /** {@return the largest number of frames that were in flight at once; never more than the configured window} */
  public int maxInFlight() {
    return maxInFlight;
  }

  /** Stops rendering ahead. Idempotent. */
  @Override
  public void close() {
    pipeline.close();
  }
}
