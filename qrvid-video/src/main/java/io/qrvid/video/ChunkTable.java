package io.qrvid.video;

import io.qrvid.core.Crc32c;
import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The compact chunk table of index format 2: the {@link VideoIndex.ChunkEntry} list as columns of variable-length
 * integers, raw Deflate (RFC 1951) over the whole, Base64 in the JSON ({@code "chunkTable"}). On the Vim manual the
 * JSON objects of format 1 cost about 270 bytes per chunk, this table about 10 (most of it the CRC32C).
 *
 * <p>Layout before Deflate (all integers unsigned LEB128 varints unless noted; "zigzag" maps a signed delta to an
 * unsigned one, as in Protocol Buffers):
 * <pre>
 * u8      table version (1)
 * varint  n, the number of chunks
 * varint  t, the number of distinct titles, then t titles: varint length + UTF-8 bytes
 * n x zigzag  document - previous document (previous starts at 0)
 * n x zigzag  charStart - previous charEnd of the same document (0 at a document's first chunk)
 * n x varint  charEnd - charStart
 * n x zigzag  byteStart - previous byteEnd of the same document (0 at a document's first chunk)
 * n x varint  byteEnd - byteStart
 * n x zigzag  firstSymbol - previous lastSymbol (previous starts at 0)
 * n x varint  lastSymbol - firstSymbol
 * n x varint  parts
 * n x varint  storedBytes
 * n x varint  flags: bit 0 stored compressed, bit 1 has a page, bit 2 has a title
 * n x u32     CRC32C, big-endian
 * p x varint  page, for each chunk with a page, in order
 * q x varint  title number (0-based into the titles), for each chunk with a title, in order
 * </pre>
 * {@code frame} and {@code slot} are not stored: they follow from {@code firstSymbol} and the symbols per frame.
 *
 * <p>Reading is bounded: the inflated table may not exceed {@link VideoIndex#MAX_INDEX_BYTES}, counts may not exceed
 * the bytes left, every varint has at most 10 bytes, every sum is checked for overflow, and the table must end exactly
 * after its last field. Anything else is a {@link VideoIndexException} naming {@code chunkTable}.
 */
final class ChunkTable {
  static final String FIELD = "chunkTable";
  private static final int VERSION = 1;
  private static final int COMPRESSED = 1;
  private static final int HAS_PAGE = 2;
  private static final int HAS_TITLE = 4;

  private ChunkTable() {}

  /** The table's bytes (Deflate-compressed) for {@code chunks}. */
  static byte[] encode(List<VideoIndex.ChunkEntry> chunks) {
    Out out = new Out();
    out.u8(VERSION);
    int n = chunks.size();
    out.varint(n);
    Map<String, Integer> titleNumbers = new HashMap<>();
    List<String> titles = new ArrayList<>();
    for (VideoIndex.ChunkEntry c : chunks) {
      if (c.title() != null && !titleNumbers.containsKey(c.title())) {
        titleNumbers.put(c.title(), titles.size());
        titles.add(c.title());
      }
    }
    out.varint(titles.size());
    for (String t : titles) {
      byte[] b = t.getBytes(StandardCharsets.UTF_8);
      out.varint(b.length);
      out.bytes(b);
    }
    long prev = 0;
    for (VideoIndex.ChunkEntry c : chunks) {
      out.zigzag(c.document() - prev);
      prev = c.document();
    }
    for (int i = 0; i < n; i++) {
      VideoIndex.ChunkEntry c = chunks.get(i);
      out.zigzag(c.charStart() - (sameDocument(chunks, i) ? chunks.get(i - 1).charEnd() : 0L));
    }
    for (VideoIndex.ChunkEntry c : chunks) {
      out.varint((long) c.charEnd() - c.charStart());
    }
    for (int i = 0; i < n; i++) {
      VideoIndex.ChunkEntry c = chunks.get(i);
      out.zigzag(c.byteStart() - (sameDocument(chunks, i) ? chunks.get(i - 1).byteEnd() : 0L));
    }
    for (VideoIndex.ChunkEntry c : chunks) {
      out.varint(c.byteEnd() - c.byteStart());
    }
    prev = 0;
    for (VideoIndex.ChunkEntry c : chunks) {
      out.zigzag(c.firstSymbol() - prev);
      prev = c.lastSymbol();
    }
    for (VideoIndex.ChunkEntry c : chunks) {
      out.varint(c.lastSymbol() - c.firstSymbol());
    }
    for (VideoIndex.ChunkEntry c : chunks) {
      out.varint(c.parts());
    }
    for (VideoIndex.ChunkEntry c : chunks) {
      out.varint(c.storedBytes());
    }
    for (VideoIndex.ChunkEntry c : chunks) {
      out.varint((c.compressed() ? COMPRESSED : 0) | (c.page() != null ? HAS_PAGE : 0)
          | (c.title() != null ? HAS_TITLE : 0));
    }
    for (VideoIndex.ChunkEntry c : chunks) {
      out.u32(c.crc32c().value());
    }
    for (VideoIndex.ChunkEntry c : chunks) {
      if (c.page() != null) {
        out.varint(c.page());
      }
    }
    for (VideoIndex.ChunkEntry c : chunks) {
      if (c.title() != null) {
        out.varint(titleNumbers.get(c.title()));
      }
    }
    return deflate(out.toByteArray());
  }

  private static boolean sameDocument(List<VideoIndex.ChunkEntry> chunks, int i) {
    return i > 0 && chunks.get(i - 1).document() == chunks.get(i).document();
  }

  /**
   * Reads a table.
   *
   * @param symbolsPerFrame the geometry's symbols per frame (1 or more), to derive frame and slot
   * @throws VideoIndexException naming {@value #FIELD} if the table is corrupt, truncated, too large or has bytes
   *     left over
   */
  static List<VideoIndex.ChunkEntry> decode(byte[] deflated, int symbolsPerFrame, String source) {
    byte[] raw = inflate(deflated, source);
    In in = new In(raw, source);
    int version = in.u8();
    if (version != VERSION) {
      throw in.fail("has table version " + version + "; this library reads " + VERSION);
    }
    int n = in.count("chunks");
    int t = in.count("titles");
    String[] titles = new String[t];
    for (int i = 0; i < t; i++) {
      titles[i] = in.utf8(in.count("title bytes"));
    }
    long[] document = new long[n];
    long prev = 0;
    for (int i = 0; i < n; i++) {
      prev = in.add(prev, in.zigzag());
      document[i] = prev;
    }
    long[] charStart = new long[n];
    long[] charEnd = new long[n];
    long[] d = in.zigzags(n);
    long[] len = in.varints(n);
    for (int i = 0; i < n; i++) {
      long base = i > 0 && document[i - 1] == document[i] ? charEnd[i - 1] : 0;
      charStart[i] = in.add(base, d[i]);
      charEnd[i] = in.add(charStart[i], len[i]);
    }
    long[] byteStart = new long[n];
    long[] byteEnd = new long[n];
    d = in.zigzags(n);
    len = in.varints(n);
    for (int i = 0; i < n; i++) {
      long base = i > 0 && document[i - 1] == document[i] ? byteEnd[i - 1] : 0;
      byteStart[i] = in.add(base, d[i]);
      byteEnd[i] = in.add(byteStart[i], len[i]);
    }
    long[] firstSymbol = new long[n];
    long[] lastSymbol = new long[n];
    d = in.zigzags(n);
    len = in.varints(n);
    prev = 0;
    for (int i = 0; i < n; i++) {
      firstSymbol[i] = in.add(prev, d[i]);
      lastSymbol[i] = in.add(firstSymbol[i], len[i]);
      prev = lastSymbol[i];
    }
    long[] parts = in.varints(n);
    long[] stored = in.varints(n);
    long[] flags = in.varints(n);
    int[] crc = new int[n];
    for (int i = 0; i < n; i++) {
      crc[i] = in.u32();
    }
    List<VideoIndex.ChunkEntry> out = new ArrayList<>(n);
    Integer[] page = new Integer[n];
    for (int i = 0; i < n; i++) {
      if ((flags[i] & ~(long) (COMPRESSED | HAS_PAGE | HAS_TITLE)) != 0) {
        throw in.fail("has unknown flags " + flags[i] + " for chunk " + i);
      }
      if ((flags[i] & HAS_PAGE) != 0) {
        page[i] = in.toInt(in.varint(), "page of chunk " + i);
      }
    }
    String[] title = new String[n];
    for (int i = 0; i < n; i++) {
      if ((flags[i] & HAS_TITLE) != 0) {
        long k = in.varint();
        if (k >= t) {
          throw in.fail("gives chunk " + i + " title number " + k + " of " + t);
        }
        title[i] = titles[(int) k];
      }
    }
    in.end();
    for (int i = 0; i < n; i++) {
      out.add(new VideoIndex.ChunkEntry(i, in.toInt(document[i], "document of chunk " + i),
          in.toInt(charStart[i], "charStart of chunk " + i), in.toInt(charEnd[i], "charEnd of chunk " + i),
          byteStart[i], byteEnd[i], firstSymbol[i] / symbolsPerFrame, (int) (firstSymbol[i] % symbolsPerFrame),
          firstSymbol[i], lastSymbol[i], in.toInt(parts[i], "parts of chunk " + i), new Crc32c(crc[i]),
          in.toInt(stored[i], "storedBytes of chunk " + i), (flags[i] & COMPRESSED) != 0, page[i], title[i]));
    }
    return out;
  }

  private static byte[] deflate(byte[] raw) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    try {
      deflater.setInput(raw);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
      byte[] buf = new byte[8192];
      while (!deflater.finished()) {
        int n = deflater.deflate(buf);
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  private static byte[] inflate(byte[] deflated, String source) {
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(deflated);
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(1 << 20, deflated.length * 4 + 64));
      byte[] buf = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new VideoIndexException("invalid index " + source + ": " + FIELD + " is truncated Deflate data",
              FIELD, null);
        }
        if (out.size() + (long) n > VideoIndex.MAX_INDEX_BYTES) {
          throw new VideoIndexException("invalid index " + source + ": " + FIELD + " inflates beyond "
              + VideoIndex.MAX_INDEX_BYTES + " bytes", FIELD, null);
        }
        out.write(buf, 0, n);
      }
      if (inflater.getRemaining() > 0) {
        throw new VideoIndexException("invalid index " + source + ": " + FIELD + " has "
            + inflater.getRemaining() + " bytes after its Deflate data", FIELD, null);
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new VideoIndexException("invalid index " + source + ": " + FIELD + " is corrupt Deflate data: "
          + e.getMessage(), FIELD, e);
    } finally {
      inflater.end();
    }
  }

  /** A growing byte buffer with varint writers. */
  private static final class Out extends ByteArrayOutputStream {
    Out() {
      super(4096);
    }

    void u8(int v) {
      write(v);
    }

    void u32(int v) {
      write(v >>> 24);
      write(v >>> 16);
      write(v >>> 8);
      write(v);
    }

    void bytes(byte[] b) {
      write(b, 0, b.length);
    }

    void varint(long v) {
      if (v < 0) {
        throw new IllegalArgumentException("negative value in the chunk table: " + v);
      }
      while ((v & ~0x7FL) != 0) {
        write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      write((int) v);
    }

    void zigzag(long v) {
      varint((v << 1) ^ (v >> 63));
    }
  }

  /** A bounded reader over the inflated table; every failure names the field. */
  private static final class In {
    private final byte[] b;
    private final String source;
    private int pos;

    In(byte[] b, String source) {
      this.b = b;
      this.source = source;
    }

    VideoIndexException fail(String problem) {
      return new VideoIndexException("invalid index " + source + ": " + FIELD + " " + problem, FIELD, null);
    }

    int u8() {
      if (pos >= b.length) {
        throw fail("ends early at byte " + pos);
      }
      return b[pos++] & 0xFF;
    }

    int u32() {
      return u8() << 24 | u8() << 16 | u8() << 8 | u8();
    }

    long varint() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int x = u8();
        v |= (long) (x & 0x7F) << shift;
        if ((x & 0x80) == 0) {
          if (shift == 63 && x > 1) {
            break;
          }
          return v;
        }
      }
      throw fail("has a varint longer than 64 bits at byte " + pos);
    }

    long zigzag() {
      long v = varint();
      return (v >>> 1) ^ -(v & 1);
    }

    /** A count that cannot exceed the bytes left (each counted item takes at least one byte). */
    int count(String what) {
      long v = varint();
      if (v < 0 || v > b.length - pos) {
        throw fail("counts " + v + " " + what + " in " + (b.length - pos) + " bytes");
      }
      return (int) v;
    }

    long[] varints(int n) {
      long[] v = new long[n];
      for (int i = 0; i < n; i++) {
        v[i] = varint();
        if (v[i] < 0) {
          throw fail("has a value beyond 2^63 at byte " + pos);
        }
      }
      return v;
    }

    long[] zigzags(int n) {
      long[] v = new long[n];
      for (int i = 0; i < n; i++) {
        v[i] = zigzag();
      }
      return v;
    }

    String utf8(int length) {
      if (length > b.length - pos) {
        throw fail("ends inside a title at byte " + pos);
      }
      try {
        String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(java.nio.ByteBuffer.wrap(b, pos, length)).toString();
        pos += length;
        return s;
      } catch (CharacterCodingException e) {
        throw fail("has a title that is not UTF-8 at byte " + pos);
      }
    }

    long add(long a, long delta) {
      try {
        return Math.addExact(a, delta);
      } catch (ArithmeticException e) {
        throw fail("has a value that overflows at byte " + pos);
      }
    }

    int toInt(long v, String what) {
      if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
        throw fail("gives " + what + " as " + v + ", beyond an int");
      }
      return (int) v;
    }

    void end() {
      if (pos != b.length) {
        throw fail("has " + (b.length - pos) + " bytes after its last field");
      }
    }
  }
}
