package io.qrvid.decode.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** A minimal multipart/form-data reader: finds the first file part (or the part named image/file). */
public final class Multipart {
  private Multipart() {}

  /** The boundary from a Content-Type header, or null when it is not multipart. */
  public static @Nullable String boundary(@Nullable String contentType) {
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
      return null;
    }
    for (String param : contentType.split(";")) {
      String p = param.trim();
      if (p.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
        String b = p.substring("boundary=".length());
        if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
          b = b.substring(1, b.length() - 1);
        }
        return b.isEmpty() ? null : b;
      }
    }
    return null;
  }

  /** The body of the chosen part, or null when the body holds no part. */
  public static byte @Nullable [] firstFile(byte[] body, String boundary) {
    byte[] delim = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int pos = indexOf(body, delim, 0);
    byte[] fallback = null;
    while (pos >= 0) {
      int headerStart = pos + delim.length;
      if (headerStart + 2 <= body.length && body[headerStart] == '-' && body[headerStart + 1] == '-') {
        break; // closing delimiter
      }
      headerStart = skipCrlf(body, headerStart);
      int headerEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headerStart);
      if (headerEnd < 0) {
        break;
      }
      String headers = new String(body, headerStart, headerEnd - headerStart, StandardCharsets.ISO_8859_1)
          .toLowerCase(Locale.ROOT);
      int dataStart = headerEnd + 4;
      int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1), dataStart);
      if (next < 0) {
        break;
      }
      byte[] data = java.util.Arrays.copyOfRange(body, dataStart, next);
      if (headers.contains("filename=") || headers.contains("name=\"image\"") || headers.contains("name=\"file\"")) {
        return data;
      }
      if (fallback == null) {
        fallback = data;
      }
      pos = next + 2;
    }
    return fallback;
  }

  private static int skipCrlf(byte[] b, int i) {
    if (i + 1 < b.length && b[i] == '\r' && b[i + 1] == '\n') {
      return i + 2;
    }
    return i;
  }

  static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
