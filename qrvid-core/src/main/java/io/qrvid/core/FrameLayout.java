package io.qrvid.core;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.decoder.Version;
import java.util.Objects;

/**
 * The geometry of a QR frame: one symbol version and error-correction level, a whole number of pixels per module,
 * a quiet zone, and a grid of {@code columns x rows} symbols per frame.
 *
 * <p>Each symbol occupies a cell of {@code (size + 2 * quietZone) * modulePixels} pixels square, where
 * {@code size = 17 + 4 * version} modules (ISO/IEC 18004:2015, section 5.3). The frame is the grid of cells, padded
 * with white on the right and bottom to {@link Builder#frameAlignment(int) a multiple of the alignment} (16 by
 * default, the H.264 macroblock size). Symbols are numbered row-major within a frame ("slots").
 *
 * <p>Defaults: version 40, error correction {@link ErrorCorrection#L L}, 2 pixels per module, quiet zone 2
 * modules, 1 x 1 symbol per frame. Immutable and thread-safe.
 */
public final class FrameLayout {
  private final int version;
  private final ErrorCorrection errorCorrection;
  private final int modulePixels;
  private final int quietZone;
  private final int columns;
  private final int rows;
  private final int alignment;

  private FrameLayout(Builder b) {
    version = b.version;
    errorCorrection = b.errorCorrection;
    modulePixels = b.modulePixels;
    quietZone = b.quietZone;
    columns = b.columns;
    rows = b.rows;
    alignment = b.alignment;
  }

  /** {@return a builder with the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the layout with the defaults} */
  public static FrameLayout defaults() {
    return builder().build();
  }

  /** {@return a builder initialised from this layout} */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** {@return the QR version, 1..40} */
  public int version() {
    return version;
  }

  /** {@return the error-correction level} */
  public ErrorCorrection errorCorrection() {
    return errorCorrection;
  }

  /** {@return pixels per module side, a whole number} */
  public int modulePixels() {
    return modulePixels;
  }

  /** {@return quiet-zone width in modules on each side of each symbol} */
  public int quietZone() {
    return quietZone;
  }

  /** {@return symbols per frame row} */
  public int columns() {
    return columns;
  }

  /** {@return symbols per frame column} */
  public int rows() {
    return rows;
  }

  /** {@return the frame-size alignment in pixels} */
  public int frameAlignment() {
    return alignment;
  }

  /** {@return symbols per frame: {@code columns * rows}} */
  public int symbolsPerFrame() {
    return columns * rows;
  }

  /** {@return the symbol's side in modules, {@code 17 + 4 * version}, without the quiet zone} */
  public int symbolModules() {
    return 17 + 4 * version;
  }

  /** {@return the side of one symbol's cell in pixels, quiet zone included} */
  public int cellPixels() {
    return (symbolModules() + 2 * quietZone) * modulePixels;
  }

  /** {@return the frame width in pixels (even, a multiple of the alignment)} */
  public int frameWidth() {
    return align(columns * cellPixels());
  }

  /** {@return the frame height in pixels (even, a multiple of the alignment)} */
  public int frameHeight() {
    return align(rows * cellPixels());
  }

  /**
   * The x pixel coordinate of the top-left module (not the quiet zone) of the symbol in {@code slot}.
   *
   * @param slot the symbol's position in the frame, row by row from 0
   * @return the x coordinate in pixels
   * @throws IndexOutOfBoundsException unless {@code 0 <= slot < symbolsPerFrame()}
   */
  public int symbolX(int slot) {
    Objects.checkIndex(slot, symbolsPerFrame());
    return (slot % columns) * cellPixels() + quietZone * modulePixels;
  }

  /**
   * The y pixel coordinate of the top-left module of the symbol in {@code slot}.
   *
   * @param slot the symbol's position in the frame, row by row from 0
   * @return the y coordinate in pixels
   * @throws IndexOutOfBoundsException unless {@code 0 <= slot < symbolsPerFrame()}
   */
  public int symbolY(int slot) {
    Objects.checkIndex(slot, symbolsPerFrame());
    return (slot / columns) * cellPixels() + quietZone * modulePixels;
  }

  /**
   * {@return how many content bytes one symbol holds in QR byte mode: the data codewords of this version and level,
   * less the 4-bit mode indicator and the 8- or 16-bit character count (ISO/IEC 18004:2015, table 7 and 3)} Version
   * 40-L holds 2953.
   */
  public int symbolCapacity() {
    return capacity(version, errorCorrection);
  }

  /**
   * Byte-mode capacity of a symbol of {@code version} at {@code level}; see {@link #symbolCapacity()}.
   *
   * @param version the QR version, 1..40
   * @param level the error-correction level
   * @return the capacity in bytes
   * @throws IllegalArgumentException if {@code version} is not in 1..40
   * @throws NullPointerException if {@code level} is null
   */
  public static int capacity(int version, ErrorCorrection level) {
    Version v = Version.getVersionForNumber(version);
    int dataCodewords = v.getTotalCodewords() - v.getECBlocksForLevel(zxingLevel(level)).getTotalECCodewords();
    int countBits = version < 10 ? 8 : 16;
    return (dataCodewords * 8 - 4 - countBits) / 8;
  }

  static ErrorCorrectionLevel zxingLevel(ErrorCorrection level) {
    return ErrorCorrectionLevel.valueOf(level.name());
  }

  private int align(int pixels) {
    return (pixels + alignment - 1) / alignment * alignment;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FrameLayout)) {
      return false;
    }
    FrameLayout l = (FrameLayout) o;
    return version == l.version && errorCorrection == l.errorCorrection && modulePixels == l.modulePixels
        && quietZone == l.quietZone && columns == l.columns && rows == l.rows && alignment == l.alignment;
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, errorCorrection, modulePixels, quietZone, columns, rows, alignment);
  }

  @Override
  public String toString() {
    return "FrameLayout{v" + version + "-" + errorCorrection + ", " + modulePixels + " px/module, quiet "
        + quietZone + ", " + columns + "x" + rows + " symbols, " + frameWidth() + "x" + frameHeight() + "}";
  }

  /** Configures a {@link FrameLayout}. Mutable and not thread-safe. */
  public static final class Builder {
    private int version = 40;
    private ErrorCorrection errorCorrection = ErrorCorrection.L;
    private int modulePixels = 2;
    private int quietZone = 2;
    private int columns = 1;
    private int rows = 1;
    private int alignment = 16;

    private Builder() {}

    private Builder(FrameLayout l) {
      version = l.version;
      errorCorrection = l.errorCorrection;
      modulePixels = l.modulePixels;
      quietZone = l.quietZone;
      columns = l.columns;
      rows = l.rows;
      alignment = l.alignment;
    }

    /**
     * The QR version (default 40).
     *
     * @param version the QR version, 1..40
     * @return this builder
     * @throws IllegalArgumentException unless 1..40
     */
    public Builder version(int version) {
      if (version < 1 || version > 40) {
        throw new IllegalArgumentException("version not in 1..40: " + version);
      }
      this.version = version;
      return this;
    }

    /**
     * The error-correction level (default L).
     *
     * @param level the error-correction level
     * @return this builder
     * @throws NullPointerException if {@code level} is null
     */
    public Builder errorCorrection(ErrorCorrection level) {
      this.errorCorrection = Objects.requireNonNull(level, "level == null");
      return this;
    }

    /**
     * Whole pixels per module side (default 2).
     *
     * @param pixels the module side in pixels, 1..64
     * @return this builder
     * @throws IllegalArgumentException unless 1..64
     */
    public Builder modulePixels(int pixels) {
      if (pixels < 1 || pixels > 64) {
        throw new IllegalArgumentException("modulePixels not in 1..64: " + pixels);
      }
      this.modulePixels = pixels;
      return this;
    }

    /**
     * Quiet-zone width in modules around each symbol (default 2). The standard asks for 4 for camera scanning;
     * qrvid's reader knows the geometry and needs less.
     *
     * @param modules the quiet-zone width in modules, 0..16
     * @return this builder
     * @throws IllegalArgumentException unless 0..16
     */
    public Builder quietZone(int modules) {
      if (modules < 0 || modules > 16) {
        throw new IllegalArgumentException("quietZone not in 0..16: " + modules);
      }
      this.quietZone = modules;
      return this;
    }

    /**
     * Symbols per frame as a grid (default 1 x 1).
     *
     * @param columns symbols per frame row, 1..16
     * @param rows symbols per frame column, 1..16
     * @return this builder
     * @throws IllegalArgumentException unless both are 1..16
     */
    public Builder grid(int columns, int rows) {
      if (columns < 1 || columns > 16 || rows < 1 || rows > 16) {
        throw new IllegalArgumentException("grid not in 1..16: " + columns + "x" + rows);
      }
      this.columns = columns;
      this.rows = rows;
      return this;
    }

    /**
     * Rounds the frame size up to a multiple of this (default 16).
     *
     * @param pixels the alignment in pixels, even, 2..64
     * @return this builder
     * @throws IllegalArgumentException unless even, 2..64
     */
    public Builder frameAlignment(int pixels) {
      if (pixels < 2 || pixels > 64 || pixels % 2 != 0) {
        throw new IllegalArgumentException("frameAlignment must be even, 2..64: " + pixels);
      }
      this.alignment = pixels;
      return this;
    }

    /**
     * Builds the layout.
     *
     * @return the immutable layout; the builder can be reused
     * @throws IllegalStateException if the frame would be larger than 8192 pixels on a side
     */
    public FrameLayout build() {
      FrameLayout l = new FrameLayout(this);
      if (l.frameWidth() > 8192 || l.frameHeight() > 8192) {
        throw new IllegalStateException("frame " + l.frameWidth() + "x" + l.frameHeight() + " is larger than 8192");
      }
      return l;
    }
  }
}
