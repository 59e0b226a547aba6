package io.qrvid.decode;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Small files whose headers declare huge images, one per declared dimension and format (issue 13 item 11): each
 * is a few hundred bytes and would make a reader allocate gigabytes if its header were believed.
 */
final class ImageBombs {
  private ImageBombs() {}

  /**
   * The TIFF: 190 bytes declaring 1000x1000 pixels of 1000 samples of 32 bits (4 GB decoded), one
   * uncompressed strip of 4 bytes.
   */
  static byte[] tiffSamples() {
    return tiff(1000, 1000, 1000, 32, 0, 0, 4);
  }

  /** A TIFF of 100x100 grey pixels whose single tile is declared 60000x60000 (a 3.6 GB tile buffer). */
  static byte[] tiffTile() {
    return tiff(100, 100, 1, 8, 60_000, 60_000, 4);
  }

  /** A TIFF whose single strip declares 2,000,000,000 bytes in a 190-byte file. */
  static byte[] tiffStripBytes() {
    return tiff(100, 100, 1, 8, 0, 0, 2_000_000_000L);
  }

  /**
   * A little-endian baseline TIFF, padded to 190 bytes. A tile size of 0 writes strips.
   */
  static byte[] tiff(long width, long height, int samples, int bits, long tileWidth, long tileLength,
      long dataBytes) {
    ByteBuffer b = ByteBuffer.allocate(190).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
    boolean tiled = tileWidth > 0;
    int entries = tiled ? 11 : 10;
    b.putShort((short) entries);
    int dataAt = 8 + 2 + 12 * entries + 4;
    entry(b, 256, 4, 1, width);
    entry(b, 257, 4, 1, height);
    entry(b, 258, 3, 1, bits);
    entry(b, 259, 3, 1, 1); // no compression
    entry(b, 262, 3, 1, 1); // black is zero
    if (tiled) {
      entry(b, 277, 3, 1, samples);
      entry(b, 284, 3, 1, 1);
      entry(b, 322, 4, 1, tileWidth);
      entry(b, 323, 4, 1, tileLength);
      entry(b, 324, 4, 1, dataAt); // TileOffsets
      entry(b, 325, 4, 1, dataBytes); // TileByteCounts
    } else {
      entry(b, 273, 4, 1, dataAt); // StripOffsets
      entry(b, 277, 3, 1, samples);
      entry(b, 278, 4, 1, height); // RowsPerStrip
      entry(b, 279, 4, 1, dataBytes); // StripByteCounts
      entry(b, 284, 3, 1, 1);
    }
    b.putInt(0); // no next IFD
    return b.array();
  }

  private static void entry(ByteBuffer b, int tag, int type, int count, long value) {
    b.putShort((short) tag).putShort((short) type).putInt(count);
    if (type == 3) {
      b.putShort((short) value).putShort((short) 0);
    } else {
      b.putInt((int) value);
    }
  }

  /** A PNG with a real IHDR and a tiny IDAT: {@code width x height} of the given depth and colour type. */
  static byte[] png(int width, int height, int depth, int colorType) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer ihdr = ByteBuffer.allocate(13);
    ihdr.putInt(width).putInt(height).put((byte) depth).put((byte) colorType).put((byte) 0).put((byte) 0)
        .put((byte) 0);
    pngChunk(out, "IHDR", ihdr.array());
    pngChunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
    pngChunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void pngChunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(t);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  /** A JPEG frame header (baseline or progressive) for {@code width x height} with {@code components}, no data. */
  static byte[] jpeg(int width, int height, int components, boolean progressive, int scans) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xd8});
    ByteBuffer sof = ByteBuffer.allocate(2 + 2 + 6 + 3 * components);
    sof.put((byte) 0xff).put((byte) (progressive ? 0xc2 : 0xc0)).putShort((short) (8 + 3 * components));
    sof.put((byte) 8).putShort((short) height).putShort((short) width).put((byte) components);
    for (int c = 1; c <= components; c++) {
      sof.put((byte) c).put((byte) 0x11).put((byte) 0);
    }
    out.writeBytes(sof.array());
    for (int s = 0; s < scans; s++) {
      // SOS for component 1, spectral selection 0..0, then one byte of entropy-coded data.
      out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xda, 0, 8, 1, 1, 0, 0, 0, 0, 0x55});
    }
    out.writeBytes(new byte[] {(byte) 0xff, (byte) 0xd9});
    return out.toByteArray();
  }

  /** A GIF whose logical screen and first frame are {@code width x height}, with a 1-byte image. */
  static byte[] gif(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    b.put("GIF89a".getBytes(StandardCharsets.US_ASCII)).putShort((short) width).putShort((short) height);
    b.put((byte) 0x80).put((byte) 0).put((byte) 0); // global colour table of 2 entries
    b.put(new byte[] {0, 0, 0, (byte) 255, (byte) 255, (byte) 255});
    b.put((byte) 0x2c).putShort((short) 0).putShort((short) 0).putShort((short) width).putShort((short) height)
        .put((byte) 0);
    b.put((byte) 2).put((byte) 2).put((byte) 0x4c).put((byte) 0x01).put((byte) 0).put((byte) 0x3b);
    return Arrays.copyOf(b.array(), b.position());
  }

  /** A BMP header for {@code width x height} at {@code bitCount} bits per pixel, with 16 bytes of pixels. */
  static byte[] bmp(int width, int height, int bitCount) {
    ByteBuffer b = ByteBuffer.allocate(14 + 40 + 16).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'B').put((byte) 'M').putInt(b.capacity()).putInt(0).putInt(54);
    b.putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) bitCount).putInt(0)
        .putInt(0).putInt(2835).putInt(2835).putInt(0).putInt(0);
    return b.array();
  }

  /** An extended WebP (VP8X) declaring a {@code width x height} canvas around a 1x1 lossless image. */
  static byte[] webpCanvas(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(12 + 18 + 8 + 6).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(b.capacity() - 8)
        .put("WEBP".getBytes(StandardCharsets.US_ASCII));
    b.put("VP8X".getBytes(StandardCharsets.US_ASCII)).putInt(10).put((byte) 0).put(new byte[3]);
    u24(b, width - 1);
    u24(b, height - 1);
    b.put("VP8L".getBytes(StandardCharsets.US_ASCII)).putInt(5).put((byte) 0x2f).putInt(0);
    b.put((byte) 0); // padding to an even chunk size
    return b.array();
  }

  /** A lossless WebP (VP8L) declaring {@code width x height} (at most 16384 each). */
  static byte[] webpLossless(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(12 + 8 + 6).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(b.capacity() - 8)
        .put("WEBP".getBytes(StandardCharsets.US_ASCII));
    b.put("VP8L".getBytes(StandardCharsets.US_ASCII)).putInt(5).put((byte) 0x2f)
        .putInt((width - 1) | ((height - 1) << 14));
    b.put((byte) 0);
    return b.array();
  }

  private static void u24(ByteBuffer b, int v) {
    b.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
  }
}
