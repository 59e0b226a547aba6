package io.qrvid.decode;

import io.qrvid.decode.internal.Json;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of scanning one image: either a decoded symbol (its text, its raw bytes, which decoder read it, at
 * which level, after which preprocessing, where it is and how long it took) or "not found".
 *
 * <p>Immutable and thread-safe. {@link #rawBytes()} returns a copy.
 */
public final class QrScanResult {
  private final boolean found;
  private final @Nullable String text;
  private final byte @Nullable [] rawBytes;
  private final @Nullable String decoder;
  private final long processingTimeMs;
  private final int level;
  private final List<String> preprocessing;
  private final double rotationDegrees;
  private final List<QrPoint> corners;
  private final int version;
  private final @Nullable String errorCorrectionLevel;

  private QrScanResult(Builder b, boolean found) {
    this.found = found;
    this.text = b.text;
    this.rawBytes = b.rawBytes;
    this.decoder = b.decoder;
    this.processingTimeMs = b.processingTimeMs;
    this.level = found ? b.level : 0;
    this.preprocessing = List.copyOf(b.preprocessing);
    this.rotationDegrees = b.rotationDegrees;
    this.corners = List.copyOf(b.corners);
    this.version = b.version;
    this.errorCorrectionLevel = b.errorCorrectionLevel;
  }

  /**
   * A found symbol read at level 1 with no preprocessing.
   *
   * @param text the content as text, as the decoder interpreted it
   * @param rawBytes the content bytes exactly as stored in the symbol's byte-mode segments (copied)
   * @param decoder the name of the decoder that read it, e.g. {@code "zxing-pure"}
   * @param processingTimeMs wall time spent on this image, in milliseconds
   * @throws NullPointerException if an argument is null
   */
  public static QrScanResult found(String text, byte[] rawBytes, String decoder, long processingTimeMs) {
    return builder(text, rawBytes, decoder).processingTimeMs(processingTimeMs).build();
  }

  /**
   * A builder for a found symbol, for decoders outside this module (such as a remote service's answer).
   *
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(String text, byte[] rawBytes, String decoder) {
    return new Builder(text, rawBytes, decoder);
  }

  /**
   * "No QR found" after {@code processingTimeMs} milliseconds of trying.
   *
   * @throws IllegalArgumentException if {@code processingTimeMs} is negative
   */
  public static QrScanResult notFound(long processingTimeMs) {
    Builder b = new Builder();
    b.processingTimeMs(processingTimeMs);
    return new QrScanResult(b, false);
  }

  /** A copy of this result with another processing time (milliseconds, not negative). */
  public QrScanResult withProcessingTimeMs(long ms) {
    Builder b = found ? toBuilder() : new Builder();
    b.processingTimeMs(ms);
    return new QrScanResult(b, found);
  }

  /** A builder initialised from this found result. */
  Builder toBuilder() {
    Builder b = new Builder(Objects.requireNonNull(text), Objects.requireNonNull(rawBytes), Objects.requireNonNull(decoder));
    b.processingTimeMs = processingTimeMs;
    b.level = level;
    b.preprocessing = preprocessing;
    b.rotationDegrees = rotationDegrees;
    b.corners = corners;
    b.version = version;
    b.errorCorrectionLevel = errorCorrectionLevel;
    return b;
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

  /** The name of the decoder that read the symbol ({@link QrDecoderType#id()}, or the remote's name), or empty. */
  public Optional<String> decoder() {
    return Optional.ofNullable(decoder);
  }

  /** Wall time spent scanning this image, in milliseconds. */
  public long processingTimeMs() {
    return processingTimeMs;
  }

  /**
   * The chain level that read the symbol: 1 (a decoder on the image as given), 2 (after preprocessing), 3 (the
   * remote fallback); 0 when nothing was found.
   */
  public int level() {
    return level;
  }

  /**
   * The preprocessing steps applied before the successful decode, in order, e.g. {@code ["grey", "resize-1280",
   * "clahe"]}; empty when none (or when nothing was found).
   */
  public List<String> preprocessing() {
    return preprocessing;
  }

  /**
   * The rotation, in degrees clockwise (0 to 360), that the chain applied to the image before the successful decode
   * (0 when none). The symbol's own orientation is given by {@link #corners()}.
   */
  public double rotationDegrees() {
    return rotationDegrees;
  }

  /**
   * The symbol's four outer corners in the scanned image's pixel coordinates, in symbol order: top-left,
   * top-right, bottom-right, bottom-left. BoofCV measures them; for ZXing they are extrapolated from the three
   * finder-pattern centres and the version (an affine estimate, slightly off under strong perspective). Empty when
   * nothing was found or the decoder gave no geometry.
   */
  public List<QrPoint> corners() {
    return corners;
  }

  /** The symbol version (1..40) when known. */
  public OptionalInt version() {
    return version >= 1 && version <= 40 ? OptionalInt.of(version) : OptionalInt.empty();
  }

  /** The error-correction level ({@code "L"}, {@code "M"}, {@code "Q"} or {@code "H"}) when known. */
  public Optional<String> errorCorrectionLevel() {
    return Optional.ofNullable(errorCorrectionLevel);
  }

  /**
   * This result as one line of JSON: {@code found}, {@code text}, {@code rawBytesBase64}, {@code decoder},
   * {@code processingTimeMs}, {@code level}, {@code preprocessing}, {@code rotationDegrees}, {@code corners}
   * ({@code [{"x":..,"y":..}]}), {@code version} and {@code errorCorrectionLevel} (absent fields are null).
   */
  public String toJson() {
    return Json.write(this);
  }

  @Override
  public String toString() {
    return found
        ? "QrScanResult{found, decoder=" + decoder + ", level=" + level + ", preprocessing=" + preprocessing
            + ", bytes=" + Arrays.hashCode(rawBytes) + ", " + processingTimeMs + " ms}"
        : "QrScanResult{not found, " + processingTimeMs + " ms}";
  }

  /** Builds a found {@link QrScanResult}. Mutable, not thread-safe. */
  public static final class Builder {
    private @Nullable String text;
    private byte @Nullable [] rawBytes;
    private @Nullable String decoder;
    private long processingTimeMs;
    private int level = 1;
    private List<String> preprocessing = List.of();
    private double rotationDegrees;
    private List<QrPoint> corners = List.of();
    private int version;
    private @Nullable String errorCorrectionLevel;

    private Builder() {}

    private Builder(String text, byte[] rawBytes, String decoder) {
      this.text = Objects.requireNonNull(text, "text == null");
      this.rawBytes = Objects.requireNonNull(rawBytes, "rawBytes == null").clone();
      this.decoder = Objects.requireNonNull(decoder, "decoder == null");
    }

    /**
     * Wall time in milliseconds.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder processingTimeMs(long ms) {
      if (ms < 0) {
        throw new IllegalArgumentException("processingTimeMs < 0: " + ms);
      }
      this.processingTimeMs = ms;
      return this;
    }

    /**
     * The chain level (1, 2 or 3; default 1).
     *
     * @throws IllegalArgumentException if not 1, 2 or 3
     */
    public Builder level(int level) {
      if (level < 1 || level > 3) {
        throw new IllegalArgumentException("level not in 1..3: " + level);
      }
      this.level = level;
      return this;
    }

    /**
     * The preprocessing steps applied (copied; default none).
     *
     * @throws NullPointerException if the list or an element is null
     */
    public Builder preprocessing(List<String> steps) {
      this.preprocessing = List.copyOf(steps);
      return this;
    }

    /** The rotation in degrees the chain applied before decoding (default 0). */
    public Builder rotationDegrees(double degrees) {
      this.rotationDegrees = degrees;
      return this;
    }

    /**
     * The symbol's corners (copied; default none).
     *
     * @throws NullPointerException if the list or an element is null
     */
    public Builder corners(List<QrPoint> corners) {
      this.corners = List.copyOf(corners);
      return this;
    }

    /**
     * The symbol version, 1..40, or 0 for unknown (default).
     *
     * @throws IllegalArgumentException if outside 0..40
     */
    public Builder version(int version) {
      if (version < 0 || version > 40) {
        throw new IllegalArgumentException("version not in 0..40: " + version);
      }
      this.version = version;
      return this;
    }

    /**
     * The error-correction level, one of L, M, Q, H, or null for unknown (default).
     *
     * @throws IllegalArgumentException if not one of L, M, Q, H
     */
    public Builder errorCorrectionLevel(@Nullable String level) {
      if (level != null && !List.of("L", "M", "Q", "H").contains(level)) {
        throw new IllegalArgumentException("not an error-correction level: " + level);
      }
      this.errorCorrectionLevel = level;
      return this;
    }

    /** Builds the immutable result. */
    public QrScanResult build() {
      return new QrScanResult(this, true);
    }
  }
}
