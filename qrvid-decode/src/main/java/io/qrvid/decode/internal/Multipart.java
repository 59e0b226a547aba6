package io.qrvid.decode.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.eclipse.jetty.http.MultiPart;
import org.jspecify.annotations.Nullable;

/**
 * The decode service's {@code multipart/form-data} reader (RFC 7578 on RFC 2046 section 5.1): finds the part that
 * holds the image in a body already in memory.
 *
 * <p>qrvid's own parser, because it is measurably better than the server's: Jetty 12.1.14's
 * {@code MultiPartFormData.Parser} searches for the delimiter with Boyer-Moore-Horspool, whose worst case is
 * (boundary length) x (body length) byte comparisons; on a 20 MiB part of {@code 'a'} bytes with a 70-character
 * boundary of {@code 'a'} it took 4.0-6.1 s of CPU on this project's 2-core build machine, against 1-5 ms for an
 * ordinary 20 MiB part; this reader took 69-94 ms and 17-33 ms on the same two bodies (after warm-up, measured side
 * by side in one JVM; {@code qrvid bench serve} repeats the comparison). This reader searches with the Knuth-Morris-Pratt automaton (Knuth,
 * Morris, Pratt, "Fast pattern matching in strings", SIAM J. Comput. 6(2), 1977): every body byte is examined a
 * bounded number of times whatever the boundary and the content, so the whole body is parsed in one linear pass.
 * The boundary is also checked against RFC 2046 (1 to 70 characters from its {@code bchars} set) before any body
 * byte is read, at most {@link #MAX_PARTS} parts are accepted, and part headers are limited to
 * {@link #MAX_PART_HEADER_BYTES}.
 */
public final class Multipart {
  /** RFC 2046 section 5.1.1: a boundary has 1 to 70 characters. */
  public static final int MAX_BOUNDARY_LENGTH = 70;
  /** Most parts in a body. */
  public static final int MAX_PARTS = 100;
  /** Most bytes of headers per part. */
  public static final int MAX_PART_HEADER_BYTES = 8192;

  private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

  private Multipart() {}

  /**
   * Whether a Content-Type is multipart.
   *
   * @param contentType the header value, or null
   * @return true for {@code multipart/...}
   */
  public static boolean isMultipart(@Nullable String contentType) {
    return contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/");
  }

  /**
   * The boundary of a multipart Content-Type, checked against RFC 2046 section 5.1.1 (1 to 70 characters from the
   * {@code bchars} set, not ending in a space).
   *
   * @param contentType a multipart Content-Type header value
   * @return the boundary
   * @throws IllegalArgumentException with a message for people when the boundary is missing or invalid
   */
  public static String boundary(String contentType) {
    String b = MultiPart.extractBoundary(contentType);
    if (b == null || b.isEmpty()) {
      throw new IllegalArgumentException("multipart Content-Type without a boundary");
    }
    if (b.length() > MAX_BOUNDARY_LENGTH) {
      throw new IllegalArgumentException("multipart boundary of " + b.length() + " characters (RFC 2046 allows "
          + MAX_BOUNDARY_LENGTH + ")");
    }
    if (b.endsWith(" ")) {
      throw new IllegalArgumentException("multipart boundary ends with a space (RFC 2046)");
    }
    for (int i = 0; i < b.length(); i++) {
      char c = b.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
          || "'()+_,-./:=? ".indexOf(c) >= 0;
      if (!ok) {
        throw new IllegalArgumentException("multipart boundary with a character RFC 2046 does not allow: "
            + (c < 0x20 || c > 0x7e ? String.format("U+%04X", (int) c) : String.valueOf(c)));
      }
    }
    return b;
  }

  /**
   * The content of the part that holds the image: the first part with a file name or named {@code image} or
   * {@code file}, else the first part.
   *
   * @param body the whole request body
   * @param boundary a boundary checked by {@link #boundary(String)}
   * @return a copy of the part's content
   * @throws IllegalArgumentException with a message for people when the body is not a well-formed multipart body
   *     (no delimiter, no closing delimiter, a part without a header end, too many parts, oversized part headers)
   */
  public static byte[] imagePart(byte[] body, String boundary) {
    byte[] dashBoundary = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
    byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
    int[] delimiterTable = failure(delimiter);
    int[] headerEndTable = failure(HEADER_END);
    // The first delimiter may open the body (no preamble) or follow a preamble and CRLF.
    int d;
    if (startsWith(body, 0, dashBoundary)) {
      d = 0;
    } else {
      int at = search(body, 0, body.length, delimiter, delimiterTable);
      if (at < 0) {
        throw new IllegalArgumentException("multipart body without its boundary");
      }
      d = at + 2;
    }
    int firstStart = -1;
    int firstEnd = -1;
    for (int parts = 0; ; parts++) {
      int pos = d + dashBoundary.length;
      if (pos + 2 <= body.length && body[pos] == '-' && body[pos + 1] == '-') {
        break; // close delimiter
      }
      if (parts == MAX_PARTS) {
        throw new IllegalArgumentException("multipart body with more than " + MAX_PARTS + " parts");
      }
      while (pos < body.length && (body[pos] == ' ' || body[pos] == '\t')) {
        pos++; // transport padding
      }
      if (pos + 2 > body.length || body[pos] != '\r' || body[pos + 1] != '\n') {
        throw new IllegalArgumentException("multipart delimiter not followed by CRLF");
      }
      int headersStart = pos + 2;
      int headersEnd;
      if (startsWith(body, headersStart, new byte[] {'\r', '\n'})) {
        headersEnd = headersStart; // no headers
      } else {
        int limit = (int) Math.min(body.length, (long) headersStart + MAX_PART_HEADER_BYTES + HEADER_END.length);
        headersEnd = search(body, headersStart, limit, HEADER_END, headerEndTable);
        if (headersEnd < 0) {
          throw new IllegalArgumentException(limit < body.length
              ? "multipart part headers longer than " + MAX_PART_HEADER_BYTES + " bytes"
              : "multipart part without the end of its headers");
        }
        headersEnd += 2; // keep the last header's CRLF inside the headers
      }
      int dataStart = headersEnd + 2;
      int next = search(body, dataStart, body.length, delimiter, delimiterTable);
      if (next < 0) {
        throw new IllegalArgumentException("multipart body ends before its closing boundary");
      }
      String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.ISO_8859_1);
      if (isImagePart(headers)) {
        return Arrays.copyOfRange(body, dataStart, next);
      }
      if (firstStart < 0) {
        firstStart = dataStart;
        firstEnd = next;
      }
      d = next + 2;
    }
    if (firstStart < 0) {
      throw new IllegalArgumentException("multipart body without a part");
    }
    return Arrays.copyOfRange(body, firstStart, firstEnd);
  }

  /** Whether a part's headers name a file, or the field {@code image} or {@code file}. */
  static boolean isImagePart(String headers) {
    for (String line : headers.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon < 0 || !line.substring(0, colon).trim().equalsIgnoreCase("Content-Disposition")) {
        continue;
      }
      String name = null;
      boolean file = false;
      for (String param : splitParameters(line.substring(colon + 1))) {
        int eq = param.indexOf('=');
        if (eq < 0) {
          continue;
        }
        String key = param.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        String value = unquote(param.substring(eq + 1).trim());
        if (key.equals("name")) {
          name = value;
        } else if (key.equals("filename") || key.equals("filename*")) {
          file = true;
        }
      }
      return file || "image".equals(name) || "file".equals(name);
    }
    return false;
  }

  /** Splits {@code a; b="x;y"; c} on semicolons outside quotes. */
  private static String[] splitParameters(String s) {
    java.util.List<String> out = new java.util.ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '\\' && quoted && i + 1 < s.length()) {
        cur.append(c).append(s.charAt(++i));
        continue;
      }
      if (c == ';' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out.toArray(new String[0]);
  }

  private static String unquote(String v) {
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
      StringBuilder b = new StringBuilder();
      for (int i = 1; i < v.length() - 1; i++) {
        char c = v.charAt(i);
        if (c == '\\' && i + 1 < v.length() - 1) {
          c = v.charAt(++i);
        }
        b.append(c);
      }
      return b.toString();
    }
    return v;
  }

  private static boolean startsWith(byte[] b, int at, byte[] prefix) {
    if (at < 0 || at + prefix.length > b.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** The Knuth-Morris-Pratt failure function: {@code f[i]} is the longest proper border of {@code p[0..i]}. */
  static int[] failure(byte[] p) {
    int[] f = new int[p.length];
    int k = 0;
    for (int i = 1; i < p.length; i++) {
      while (k > 0 && p[i] != p[k]) {
        k = f[k - 1];
      }
      if (p[i] == p[k]) {
        k++;
      }
      f[i] = k;
    }
    return f;
  }

  /**
   * The first index in {@code [from, to)} where {@code p} starts, or -1: Knuth-Morris-Pratt, at most
   * {@code 2 * (to - from)} byte comparisons.
   */
  static int search(byte[] text, int from, int to, byte[] p, int[] f) {
    int k = 0;
    for (int i = Math.max(0, from); i < to; i++) {
      while (k > 0 && text[i] != p[k]) {
        k = f[k - 1];
      }
      if (text[i] == p[k]) {
        k++;
        if (k == p.length) {
          return i - p.length + 1;
        }
      }
    }
    return -1;
  }
}
