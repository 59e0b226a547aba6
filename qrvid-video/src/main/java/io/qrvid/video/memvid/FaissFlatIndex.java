package io.qrvid.video.memvid;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * FAISS's serialized {@code IndexIDMap} over an {@code IndexFlatL2}, the index memvid writes by default, in the
 * layout of faiss {@code impl/index_write.cpp} / {@code index_read.cpp} (little-endian, as FAISS writes on x86 and
 * ARM):
 *
 * <pre>
 * "IxMp"  header(d, ntotal)                      IndexIDMap
 *   "IxF2"  header(d, ntotal)  u64 n*d  n*d x f32  IndexFlatL2 and its vectors (codes as float32)
 * u64 ntotal  ntotal x i64                       the id of each vector
 *
 * header = i32 d, i64 ntotal, i64 2^20, i64 2^20 (unused), u8 is_trained = 1, i32 metric (1 = L2)
 * </pre>
 *
 * Written by qrvid's own code (no FAISS library in Java); checked byte for byte against a file written by faiss
 * 1.15 ({@code faiss.write_index}) in the tests.
 */
final class FaissFlatIndex {
  private static final int METRIC_L2 = 1;
  private static final long DUMMY = 1L << 20;

  private FaissFlatIndex() {}

  /** The contents of a file: dimension, vectors (row-major) and ids. */
  static final class Contents {
    final int dimension;
    final float[][] vectors;
    final long[] ids;

    Contents(int dimension, float[][] vectors, long[] ids) {
      this.dimension = dimension;
      this.vectors = vectors;
      this.ids = ids;
    }
  }

  /**
   * Writes {@code vectors} (each {@code dimension} long) with {@code ids}.
   *
   * @throws IllegalArgumentException if the counts or lengths disagree
   */
  static void write(Path file, int dimension, float[][] vectors, long[] ids) throws IOException {
    if (vectors.length != ids.length) {
      throw new IllegalArgumentException(vectors.length + " vectors for " + ids.length + " ids");
    }
    if (dimension < 1 || dimension > (1 << 20)) {
      throw new IllegalArgumentException("dimension not in 1..2^20: " + dimension);
    }
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      long n = vectors.length;
      out.write(header("IxMp", dimension, n));
      out.write(header("IxF2", dimension, n));
      out.write(le(8).putLong(n * dimension).array());
      ByteBuffer row = le(4 * dimension);
      for (float[] v : vectors) {
        if (v.length != dimension) {
          throw new IllegalArgumentException("vector of " + v.length + " floats, expected " + dimension);
        }
        row.clear();
        for (float f : v) {
          row.putFloat(f);
        }
        out.write(row.array());
      }
      out.write(le(8).putLong(n).array());
      ByteBuffer id = le(8);
      for (long i : ids) {
        id.clear();
        out.write(id.putLong(i).array());
      }
    }
  }

  private static byte[] header(String fourcc, int d, long n) {
    ByteBuffer b = le(4 + 4 + 8 + 8 + 8 + 1 + 4);
    b.put(fourcc.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    b.putInt(d).putLong(n).putLong(DUMMY).putLong(DUMMY).put((byte) 1).putInt(METRIC_L2);
    return b.array();
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * Reads a file of exactly this layout.
   *
   * @throws IOException if it is another kind of FAISS index, or truncated or inconsistent
   */
  static Contents read(Path file) throws IOException {
    long size = Files.size(file);
    if (size > Integer.MAX_VALUE) {
      throw new IOException(file + ": FAISS file too large to read here (" + size + " bytes)");
    }
    ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      while (b.hasRemaining() && ch.read(b) >= 0) {
        // fill
      }
    }
    b.flip();
    try {
      int[] dn = readHeader(b, "IxMp", file);
      int[] dn2 = readHeader(b, "IxF2", file);
      long n = dn[1];
      if (dn[0] != dn2[0] || dn[1] != dn2[1]) {
        throw new IOException(file + ": IndexIDMap and its IndexFlatL2 disagree on dimension or count");
      }
      long codes = b.getLong();
      if (codes != n * dn[0]) {
        throw new IOException(file + ": " + codes + " floats for " + n + " vectors of " + dn[0]);
      }
      float[][] vectors = new float[(int) n][dn[0]];
      for (float[] v : vectors) {
        for (int i = 0; i < v.length; i++) {
          v[i] = b.getFloat();
        }
      }
      long idCount = b.getLong();
      if (idCount != n) {
        throw new IOException(file + ": " + idCount + " ids for " + n + " vectors");
      }
      long[] ids = new long[(int) n];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = b.getLong();
      }
      if (b.hasRemaining()) {
        throw new IOException(file + ": " + b.remaining() + " bytes after the id map");
      }
      return new Contents(dn[0], vectors, ids);
    } catch (java.nio.BufferUnderflowException e) {
      throw new IOException(file + ": truncated FAISS file", e);
    }
  }

  private static int[] readHeader(ByteBuffer b, String fourcc, Path file) throws IOException {
    byte[] h = new byte[4];
    b.get(h);
    String got = new String(h, java.nio.charset.StandardCharsets.ISO_8859_1);
    if (!got.equals(fourcc)) {
      throw new IOException(file + ": not a FAISS IndexIDMap(IndexFlatL2) file (found '" + got + "', expected '"
          + fourcc + "')");
    }
    int d = b.getInt();
    long n = b.getLong();
    b.getLong();
    b.getLong();
    b.get();
    int metric = b.getInt();
    if (metric != METRIC_L2) {
      throw new IOException(file + ": metric " + metric + " is not L2");
    }
    if (d < 1 || d > (1 << 20) || n < 0 || n > Integer.MAX_VALUE) {
      throw new IOException(file + ": dimension " + d + " or count " + n + " out of range");
    }
    return new int[] {d, (int) n};
  }
}
