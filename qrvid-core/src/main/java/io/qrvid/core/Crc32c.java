package io.qrvid.core;

import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * A CRC32C checksum (Castagnoli polynomial, RFC 3720 appendix B.4, as computed by {@link java.util.zip.CRC32C}):
 * the check value of a chunk's plain bytes in {@link FramePayload} headers and in a video's index.
 *
 * <p>Its text form, {@link #toString()}, is exactly 8 lower-case hexadecimal digits (the form written in JSON);
 * {@link #parse(String)} reads it back. Immutable and thread-safe.
 *
 * @param value the 32 checksum bits, as a signed {@code int}
 */
public record Crc32c(int value) {

  /**
   * The checksum of {@code bytes}.
   *
   * @param bytes the bytes to check; not modified
   * @return their checksum
   * @throws NullPointerException if {@code bytes} is null
   */
  public static Crc32c of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes == null");
    CRC32C c = new CRC32C();
    c.update(bytes);
    return new Crc32c((int) c.getValue());
  }

  /**
   * Parses the text form.
   *
   * @param hex exactly 8 hexadecimal digits (either case)
   * @return the checksum
   * @throws IllegalArgumentException if {@code hex} is not 8 hexadecimal digits
   * @throws NullPointerException if {@code hex} is null
   */
  public static Crc32c parse(String hex) {
    Objects.requireNonNull(hex, "hex == null");
    if (hex.length() != 8 || !Hex.isHex(hex)) {
      throw new IllegalArgumentException("a CRC32C is 8 hexadecimal digits: '" + Hex.abbreviate(hex) + "'");
    }
    return new Crc32c(Integer.parseUnsignedInt(hex, 16));
  }

  /**
   * Whether this is the checksum of {@code bytes}.
   *
   * @param bytes the bytes to check; not modified
   * @return true if their checksum equals this one
   * @throws NullPointerException if {@code bytes} is null
   */
  public boolean matches(byte[] bytes) {
    return of(bytes).value == value;
  }

  /** The 8 lower-case hexadecimal digits, e.g. {@code "e3069283"} for the ASCII bytes of "123456789". */
  @Override
  public String toString() {
    return String.format("%08x", value);
  }
}
