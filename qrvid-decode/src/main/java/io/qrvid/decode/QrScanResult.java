package io.qrvid.decode;

import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of scanning one image: either a decoded symbol (its text, its raw bytes, which decoder read it and
 * how long it took) or "not found".
 *
 * <p>Immutable and thread-safe. {@link #rawBytes()} returns a copy.
 */
public final class QrScanResult {
  private final boolean found;
  private final @Nullable String text;
  private final byte @Nullable [] rawBytes;
  private final @Nullable String decoder;
  private final long processingTimeMs;

  private QrScanResult(boolean found, @Nullable String text, byte @Nullable [] rawBytes, @Nullable String decoder,
      long processingTimeMs) {
    this.found = found;
    this.text = text;
    this.rawBytes = rawBytes;
    this.decoder = decoder;
    this.processingTimeMs = processingTimeMs;
  }

  /**
   * A found symbol.
   *
   * @param text the content as text, as the decoder interpreted it
   * @param rawBytes the content bytes exactly as stored in the symbol's byte-mode segments (copied)
   * @param decoder the name of the decoder that read it, e.g. {@code "zxing-pure"}
   * @param processingTimeMs wall time spent on this image, in milliseconds
   */
  public static QrScanResult found(String text, byte[] rawBytes, String decoder, long processingTimeMs) {
    return new QrScanResult(true, text, rawBytes.clone(), decoder, processingTimeMs);
  }

  /** "No QR found" after {@code processingTimeMs} milliseconds of trying. */
  public static QrScanResult notFound(long processingTimeMs) {
    return new QrScanResult(false, null, null, null, processingTimeMs);
  }

  /** True when a symbol was decoded. */
  public boolean found() {
    return found;
  }

  /** The decoded content as text, or empty when nothing was found. */
  public Optional<String> text() {
    return Optional.ofNullable(text);
  }

  /**
   * The decoded content bytes exactly as stored in the symbol (byte-mode segments concatenated; for a symbol
   * without byte segments, the text in ISO-8859-1), or an empty array when nothing was found.
   */
  public byte[] rawBytes() {
    return rawBytes == null ? new byte[0] : rawBytes.clone();
  }

  /** The name of the decoder that read the symbol, or empty when nothing was found. */
  public Optional<String> decoder() {
    return Optional.ofNullable(decoder);
  }

  /** Wall time spent scanning this image, in milliseconds. */
  public long processingTimeMs() {
    return processingTimeMs;
  }

  @Override
  public String toString() {
    return found
        ? "QrScanResult{found, decoder=" + decoder + ", bytes=" + Arrays.hashCode(rawBytes) + ", " + processingTimeMs + " ms}"
        : "QrScanResult{not found, " + processingTimeMs + " ms}";
  }
}
