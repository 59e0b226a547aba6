package io.qrvid.video.memvid;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * What reading one frame of a memvid video gave: the frame's position, and either the payload's chunk id, frame
 * field and how the symbol was read, or why nothing was read. Immutable and thread-safe.
 */
public final class MemvidFrame {
  /** How a frame's symbol was read, cheapest first. */
  public enum Method {
    /** Module centres sampled on the located grid, hard decisions, Reed-Solomon decoding. */
    GRID,
    /** Modules estimated by least-squares deconvolution on the located grid, hard decisions. */
    DECONVOLVED,
    /** Module darkness estimates decoded with erasures for uncertain modules (soft decisions). */
    SOFT,
    /**
     * Modules estimated by inverting FFmpeg's scale filter and 1-bit ordered dither (frames memvid's H.265 command
     * dithered), decoded with hard decisions, then with erasures.
     */
    DITHER_MODEL,
    /** Plain ZXing on the whole frame (its own symbol detection). */
    ZXING
  }

  private final long position;
  private final @Nullable Method method;
  private final int version;
  private final int errorsCorrected;
  private final @Nullable Integer payloadId;
  private final @Nullable Integer payloadFrame;
  private final boolean compressed;
  private final String detail;

  MemvidFrame(long position, @Nullable Method method, int version, int errorsCorrected, @Nullable Integer payloadId,
      @Nullable Integer payloadFrame, boolean compressed, String detail) {
    this.position = position;
    this.method = method;
    this.version = version;
    this.errorsCorrected = errorsCorrected;
    this.payloadId = payloadId;
    this.payloadFrame = payloadFrame;
    this.compressed = compressed;
    this.detail = Objects.requireNonNull(detail, "detail == null");
  }

  /** {@return the frame's position in the video, from 0 (display order; derived from its timestamp)} */
  public long position() {
    return position;
  }

  /** {@return true if a memvid payload was read from this frame} */
  public boolean read() {
    return method != null;
  }

  /** {@return how the symbol was read; empty if it was not} */
  public Optional<Method> method() {
    return Optional.ofNullable(method);
  }

  /** {@return the QR version of the symbol read (1-40), or empty when unknown or unread} */
  public OptionalInt version() {
    return version > 0 ? OptionalInt.of(version) : OptionalInt.empty();
  }

  /**
   * Codeword errors the Reed-Solomon decoder corrected (a measure of how close the frame came to failing), or empty
   * when unknown.
   *
   * @return the number of codewords corrected, or empty when unknown
   */
  public OptionalInt errorsCorrected() {
    return errorsCorrected >= 0 ? OptionalInt.of(errorsCorrected) : OptionalInt.empty();
  }

  /** {@return the payload's {@code "id"}, if read} */
  public OptionalInt payloadId() {
    return payloadId == null ? OptionalInt.empty() : OptionalInt.of(payloadId);
  }

  /** {@return the payload's {@code "frame"}, if read} */
  public OptionalInt payloadFrame() {
    return payloadFrame == null ? OptionalInt.empty() : OptionalInt.of(payloadFrame);
  }

  /** {@return true if the payload was stored as {@code "GZ:" + base64(gzip(JSON))}} */
  public boolean compressed() {
    return compressed;
  }

  /** {@return a short explanation: how it was read, or why it was not} */
  public String detail() {
    return detail;
  }

  @Override
  public String toString() {
    return "frame " + position + ": " + detail;
  }
}
