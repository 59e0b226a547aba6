package io.qrvid.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A SHA-256 digest (FIPS 180-4): the check value of a whole document in a video's index.
 *
 * <p>Its text form, {@link #toString()}, is exactly 64 lower-case hexadecimal digits (the form written in JSON);
 * {@link #parse(String)} reads it back. Immutable and thread-safe; {@link #bytes()} returns a copy.
 */
public final class Sha256 {
  /** Digest length in bytes. */
  public static final int BYTES = 32;

  private final byte[] digest;

  private Sha256(byte[] digest) {
    this.digest = digest;
  }

  /**
   * The digest of {@code bytes}.
   *
   * @param bytes the bytes to hash; not modified
   * @return their digest
   * @throws NullPointerException if {@code bytes} is null
   */
  public static Sha256 of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes == null");
    try {
      return new Sha256(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * Parses the text form.
   *
   * @param hex exactly 64 hexadecimal digits (either case)
   * @return the digest
   * @throws IllegalArgumentException if {@code hex} is not 64 hexadecimal digits
   * @throws NullPointerException if {@code hex} is null
   */
  public static Sha256 parse(String hex) {
    Objects.requireNonNull(hex, "hex == null");
    if (hex.length() != 2 * BYTES || !Hex.isHex(hex)) {
      throw new IllegalArgumentException("a SHA-256 is 64 hexadecimal digits: '" + Hex.abbreviate(hex) + "'");
    }
    return new Sha256(HexFormat.of().parseHex(hex));
  }

  /** {@return a copy of the 32 digest bytes} */
  public byte[] bytes() {
    return digest.clone();
  }

  /**
   * Whether this is the digest of {@code bytes}.
   *
   * @param bytes the bytes to hash; not modified
   * @return true if their digest equals this one
   * @throws NullPointerException if {@code bytes} is null
   */
  public boolean matches(byte[] bytes) {
    return MessageDigest.isEqual(of(bytes).digest, digest);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sha256 s && Arrays.equals(digest, s.digest);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(digest);
  }

  /** The 64 lower-case hexadecimal digits. */
  @Override
  public String toString() {
    return HexFormat.of().formatHex(digest);
  }
}
