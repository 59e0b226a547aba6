package io.qrvid.core;

/** Hexadecimal text checks shared by the checksum types. */
final class Hex {
  private Hex() {}

  static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0 || s.charAt(i) > 'f') {
        return false;
      }
    }
    return true;
  }

  /** At most 70 characters of {@code s}, for error messages about untrusted text. */
  static String abbreviate(String s) {
    return s.length() <= 70 ? s : s.substring(0, 67) + "...";
  }
}
