package io.qrvid.core;

/** UTF-8 length arithmetic without encoding. */
final class Utf8 {
  private Utf8() {}

  /** The number of UTF-8 bytes of {@code s[from, to)}; an unpaired surrogate counts as 3 bytes, as Java encodes '?'. */
  static long length(CharSequence s, int from, int to) {
    long n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
