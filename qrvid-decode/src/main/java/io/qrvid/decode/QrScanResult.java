package io.qrvid.decode;

import io.qrvid.core.ErrorCorrection;
import io.qrvid.decode.internal.Json;
import java.time.Duration;
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
  private final @Nullable QrDecoderType decoder;
  private final Duration processingTime;
  private final int level;
  private final List<Preprocessing> preprocessing;
  private final double rotationDegrees;
  private final List<QrPoint> corners;
  private final int version;
  private final @Nullable ErrorCorrection errorCorrection;

  private QrScanResult(Builder b, boolean found) {
    this.found = found;
    this.text = b.text;
    this.rawBytes = b.rawBytes;
    this.decoder = b.decoder;
    this.processingTime = b.processingTime;
    this.level = found ? b.level : 0;
    this.preprocessing = List.copyOf(b.preprocessing);
    this.rotationDegrees = b.rotationDegrees;
    this.corners = List.copyOf(b.corners);
    this.version = b.version;
    this.errorCorrection = b.errorCorrection;
  }

  /**
   * {@return a found symbol read at level 1 with no preprocessing}
   *
   * @param text the content as text, as the decoder interpreted it
   * @param rawBytes the content bytes exactly as stored in the symbol's byte-mode segments (copied)
   * @param decoder the decoder that read it
   * @param processingTime wall time spent on this image
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code processingTime} is negative
   */
  public static QrScanResult found(String text, byte[] rawBytes, QrDecoderType decoder, Duration processingTime) {
    return builder(text, rawBytes, decoder).processingTime(processingTime).build();
  }

  /**
   * A builder for a found symbol, for decoders outside this module (such as a remote service's answer).
   *
   * @param text the decoded content as text
   * @param rawBytes the content bytes exactly as stored in the symbol's byte-mode segments (copied)
   * @param decoder the decoder that read it
   * @return a new builder (level 1, no preprocessing, zero processing time); not thread-safe
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(String text, byte[] rawBytes, QrDecoderType decoder) {
    return new Builder(text, rawBytes, decoder);
  }

  /**
   * "No QR found" after {@code processingTime} of trying.
   *
   * @param processingTime wall time spent on the image
   * @return the "not found" result
   * @throws NullPointerException if {@code processingTime} is null
   * @throws IllegalArgumentException if {@code processingTime} is negative
   */
  public static QrScanResult notFound(Duration processingTime) {
    Builder b = new Builder();
    b.processingTime(processingTime);
    return new QrScanResult(b, false);
  }

  /**
   * A copy of this result with another processing time.
   *
   * @param processingTime wall time spent on the image
   * @return the copy; this result is unchanged
   * @throws NullPointerException if {@code processingTime} is null
   * @throws IllegalArgumentException if {@code processingTime} is negative
   */
  public QrScanResult withProcessingTime(Duration processingTime) {
    Builder b = found ? toBuilder() : new Builder();
    b.processingTime(processingTime);
    return new QrScanResult(b, found);
  }

  /** A builder initialised from this found result. */
  Builder toBuilder() {
    Builder b = new Builder(Objects.requireNonNull(text), Objects.requireNonNull(rawBytes), Objects.requireNonNull(decoder));
    b.processingTime = processingTime;
    b.level = level;
    b.preprocessing = preprocessing;
    b.rotationDegrees = rotationDegrees;
    b.corners = corners;
    b.version = version;
    b.errorCorrection = errorCorrection;
    return b;
  }

  /** {@return true when a symbol was decoded} */
  public boolean found() {
    return found;
  }

  /** {@return the decoded content as text, or empty when nothing was found} */
  public Optional<String> text() {
    return Optional.ofNullable(text);
  }

  /**
   * {@return the decoded content bytes exactly as stored in the symbol (byte-mode segments concatenated; for a symbol
   * without byte segments, the text in ISO-8859-1), or an empty array when nothing was found}
   */
  public byte[] rawBytes() {
    return rawBytes == null ? new byte[0] : rawBytes.clone();
  }

  /** {@return the decoder that read the symbol ({@link QrDecoderType#REMOTE} for the level-3 service), or empty} */
  public Optional<QrDecoderType> decoder() {
    return Optional.ofNullable(decoder);
  }

  /**
   * Wall time spent on this image: reading it (for encoded bytes and files) and every level tried. Results of one
   * {@link QrDecodeChain#scanAll} call share the call's time.
   *
   * @return the wall time, zero or more
   */
  public Duration processingTime() {
    return processingTime;
  }

  /**
   * {@return the chain level that read the symbol: 1 (a decoder on the image as given), 2 (after preprocessing), 3 (the
   * remote fallback); 0 when nothing was found}
   */
  public int level() {
    return level;
  }

  /**
   * {@return the preprocessing steps applied before the successful decode, in order, e.g.
   * {@code [GREY, RESIZE, CLAHE]}; empty when none (or when nothing was found)}
   */
  public List<Preprocessing> preprocessing() {
    return preprocessing;
  }

  /**
   * {@return the rotation, in degrees clockwise (0 to 360), that the chain applied to the image before the
   * successful decode (0 when none)} The symbol's own orientation is given by {@link #corners()}.
   */
  public double rotationDegrees() {
    return rotationDegrees;
  }

  /**
   * {@return the symbol's four outer corners in the scanned image's pixel coordinates, in symbol order: top-left,
   * top-right, bottom-right, bottom-left} BoofCV measures them; for ZXing they are extrapolated from the three
   * finder-pattern centres and the version (an affine estimate, slightly off under strong perspective). Empty when
   * nothing was found or the decoder gave no geometry.
   */
  public List<QrPoint> corners() {
    return corners;
  }

  /** {@return the symbol version (1..40) when known} */
  public OptionalInt version() {
    return version >= 1 && version <= 40 ? OptionalInt.of(version) : OptionalInt.empty();
  }

  /** {@return the symbol's error-correction level when known} */
  public Optional<ErrorCorrection> errorCorrection() {
    return Optional.ofNullable(errorCorrection);
  }

  /**
   * {@return this result as one line of JSON: {@code found}, {@code text}, {@code rawBytesBase64}, {@code decoder}
   * ({@link QrDecoderType#id()}), {@code processingTimeMs} (whole milliseconds), {@code level},
   * {@code preprocessing} (the steps' {@link Preprocessing#id()}s), {@code rotationDegrees}, {@code corners}
   * ({@code [{"x":..,"y":..}]}), {@code version} and {@code errorCorrectionLevel} ({@code "L"} to {@code "H"});
   * absent fields are null}
   */
  public String toJson() {
    return Json.write(this);
  }

  @Override
  public String toString() {
    return found
        ? "QrScanResult{found, decoder=" + decoder + ", level=" + level + ", preprocessing=" + preprocessing
            + ", bytes=" + Arrays.hashCode(rawBytes) + ", " + processingTime.toMillis() + " ms}"
        : "QrScanResult{not found, " + processingTime.toMillis() + " ms}";
  }

  /** Builds a found {@link QrScanResult}. Mutable, not thread-safe. */
  public static final class Builder {
    private @Nullable String text;
    private byte @Nullable [] rawBytes;
    private @Nullable QrDecoderType decoder;
    private Duration processingTime = Duration.ZERO;
    private int level = 1;
    private List<Preprocessing> preprocessing = List.of();
    private double rotationDegrees;
    private List<QrPoint> corners = List.of();
    private int version;
    private @Nullable ErrorCorrection errorCorrection;

    private Builder() {}

    private Builder(String text, byte[] rawBytes, QrDecoderType decoder) {
      this.text = Objects.requireNonNull(text, "text == null");
      this.rawBytes = Objects.requireNonNull(rawBytes, "rawBytes == null").clone();
      this.decoder = Objects.requireNonNull(decoder, "decoder == null");
    }

    /**
     * Wall time spent on the image (default zero).
     *
     * @param processingTime the wall time, zero or more
     * @return this builder
     * @throws NullPointerException if null
     * @throws IllegalArgumentException if negative
     */
    public Builder processingTime(Duration processingTime) {
      Objects.requireNonNull(processingTime, "processingTime == null");
      if (processingTime.isNegative()) {
        throw new IllegalArgumentException("processingTime < 0: " + processingTime);
      }
      this.processingTime = processingTime;
      return this;
    }

    /**
     * The chain level (1, 2 or 3; default 1).
     *
     * @param level 1 (image as given), 2 (after preprocessing) or 3 (remote fallback)
     * @return this builder
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
     * @param steps the steps, in the order applied
     * @return this builder
     * @throws NullPointerException if the list or an element is null
     */
    public Builder preprocessing(List<Preprocessing> steps) {
      this.preprocessing = List.copyOf(steps);
      return this;
    }

    /**
     * The rotation in degrees the chain applied before decoding (default 0).
     *
     * @param degrees the rotation, clockwise, 0 to 360
     * @return this builder
     */
    public Builder rotationDegrees(double degrees) {
      this.rotationDegrees = degrees;
      return this;
    }

    /**
     * The symbol's corners (copied; default none).
     *
     * @param corners the four outer corners in image pixel coordinates: top-left, top-right, bottom-right, bottom-left
     * @return this builder
     * @throws NullPointerException if the list or an element is null
     */
    public Builder corners(List<QrPoint> corners) {
      this.corners = List.copyOf(corners);
      return this;
    }

    /**
     * The symbol version, 1..40, or 0 for unknown (default).
     *
     * @param version the symbol version, 0 for unknown
     * @return this builder
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
     * The error-correction level, or null for unknown (default).
     *
     * @param level the symbol's error-correction level, or null
     * @return this builder
     */
    public Builder errorCorrection(@Nullable ErrorCorrection level) {
      this.errorCorrection = level;
      return this;
    }

    /**
     * Builds the immutable result.
     *
     * @return the result (found); the builder can be reused
     */
    public QrScanResult build() {
      return new QrScanResult(this, true);
    }
  }
}
