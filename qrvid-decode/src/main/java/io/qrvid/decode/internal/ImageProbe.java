package io.qrvid.decode.internal;

import io.qrvid.decode.ImageFormat;
import io.qrvid.decode.ImageHeader;
import io.qrvid.decode.QrImageException;
import io.qrvid.decode.QrImageException.Reason;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.stream.ImageInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads what an image declares about itself from its header, before any reader plugin sees the bytes: format,
 * width, height, samples per pixel, bits per sample, frames and (JPEG) EXIF orientation. Every length, count and
 * offset read from the input is checked against the input's real length before it is followed, and every loop is
 * bounded by that length, so the probe costs O(header) for PNG, baseline JPEG, BMP, WebP and TIFF and at most one
 * linear pass for GIF (frame count) and progressive JPEG (scan count).
 *
 * <p>qrvid's own code, not a library's: this is the gate in front of the JDK's and TwelveMonkeys' readers, and it
 * must not depend on what they allocate while reading a header. Field layouts come from the format specifications:
 * PNG (ISO/IEC 15948 section 11.2.2, IHDR; APNG acTL), JPEG (ITU-T T.81 annex B.2.2, frame header; EXIF 2.32
 * section 4.6.4, IFD0 tag 0x0112), GIF89a (sections 18 and 20), BMP (BITMAPCOREHEADER/BITMAPINFOHEADER), WebP
 * (RFC 9649 sections 2.5-2.7), TIFF 6.0 (sections 2 and 8).
 */
public final class ImageProbe {
  /**
   * The most scans a progressive JPEG may declare. Decoding cost grows with scans times pixels, and a crafted
   * progressive JPEG with thousands of tiny scans is a known CPU exhaustion (libjpeg-turbo's {@code TJPARAM_SCANLIMIT}
   * and djpeg's {@code -maxscans} exist for it; its fuzz targets use 500). Real encoders write about 10 (libjpeg's
   * {@code jpeg_simple_progression}).
   */
  public static final int MAX_JPEG_SCANS = 500;
  /** The most TIFF pages (IFDs) the probe walks to count them. */
  static final int MAX_TIFF_PAGES = 65_536;
  /** The most PNG chunks before IDAT the probe walks (to find acTL and tRNS). */
  static final int MAX_PNG_CHUNKS = 10_000;
  /** The most directory entries a TIFF IFD may declare (TIFF 6.0 has about 75 tags; extensions a few hundred). */
  static final int MAX_TIFF_ENTRIES = 4096;

  private ImageProbe() {}

  /**
   * Probes the stream from position 0 and leaves its position unspecified.
   *
   * @param in a seekable stream whose {@link ImageInputStream#length()} is known
   * @return the header
   * @throws QrImageException UNSUPPORTED_FORMAT for unknown bytes, UNREADABLE for a truncated or inconsistent
   *     header, TOO_LARGE for a progressive JPEG with more than {@link #MAX_JPEG_SCANS} scans
   * @throws IOException if the stream fails
   */
  public static ImageHeader probe(ImageInputStream in) throws IOException {
    long length = in.length();
    if (length < 0) {
      throw new IllegalArgumentException("stream length unknown");
    }
    in.seek(0);
    byte[] m = new byte[12];
    int n = 0;
    while (n < m.length) {
      int r = in.read(m, n, m.length - n);
      if (r < 0) {
        break;
      }
      n += r;
    }
    try {
      if (n >= 8 && (m[0] & 0xff) == 0x89 && m[1] == 'P' && m[2] == 'N' && m[3] == 'G' && m[4] == 0x0d
          && m[5] == 0x0a && m[6] == 0x1a && m[7] == 0x0a) {
        return png(in, length);
      }
      if (n >= 3 && (m[0] & 0xff) == 0xff && (m[1] & 0xff) == 0xd8 && (m[2] & 0xff) == 0xff) {
        return jpeg(in, length);
      }
      if (n >= 6 && m[0] == 'G' && m[1] == 'I' && m[2] == 'F' && m[3] == '8' && (m[4] == '7' || m[4] == '9')
          && m[5] == 'a') {
        return gif(in, length);
      }
      if (n >= 2 && m[0] == 'B' && m[1] == 'M') {
        return bmp(in, length);
      }
      if (n >= 12 && m[0] == 'R' && m[1] == 'I' && m[2] == 'F' && m[3] == 'F' && m[8] == 'W' && m[9] == 'E'
          && m[10] == 'B' && m[11] == 'P') {
        return webp(in, length);
      }
      if (n >= 4 && ((m[0] == 'I' && m[1] == 'I' && m[2] == 42 && m[3] == 0)
          || (m[0] == 'M' && m[1] == 'M' && m[2] == 0 && m[3] == 42))) {
        return tiff(in, length, m[0] == 'I');
      }
    } catch (EOFException e) {
      throw unreadable("truncated image header", e);
    } finally {
      in.setByteOrder(ByteOrder.BIG_ENDIAN);
    }
    if (n >= 4 && ((m[0] == 'I' && m[1] == 'I' && m[2] == 43) || (m[0] == 'M' && m[1] == 'M' && m[3] == 43))) {
      throw new QrImageException(Reason.UNSUPPORTED_FORMAT, "BigTIFF is not supported", -1, -1, null);
    }
    throw new QrImageException(Reason.UNSUPPORTED_FORMAT,
        "not an image in a supported format (PNG, JPEG, GIF, BMP, WebP, TIFF)", -1, -1, null);
  }

  // ---------------------------------------------------------------- PNG

  private static ImageHeader png(ImageInputStream in, long length) throws IOException {
    in.setByteOrder(ByteOrder.BIG_ENDIAN);
    in.seek(8);
    long ihdrLength = in.readUnsignedInt();
    int type = in.readInt();
    if (type != 0x49484452 || ihdrLength != 13) {
      throw unreadable("PNG whose first chunk is not a 13-byte IHDR", null);
    }
    long w = in.readUnsignedInt();
    long h = in.readUnsignedInt();
    int depth = in.readUnsignedByte();
    int colorType = in.readUnsignedByte();
    if (w < 1 || h < 1 || w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
      throw new QrImageException(Reason.UNREADABLE, "PNG declares " + w + "x" + h + " pixels", -1, -1, null);
    }
    int bands;
    boolean depthOk;
    switch (colorType) {
      case 0:
        bands = 1;
        depthOk = depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
        break;
      case 2:
        bands = 3;
        depthOk = depth == 8 || depth == 16;
        break;
      case 3:
        bands = 1;
        depthOk = depth == 1 || depth == 2 || depth == 4 || depth == 8;
        break;
      case 4:
        bands = 2;
        depthOk = depth == 8 || depth == 16;
        break;
      case 6:
        bands = 4;
        depthOk = depth == 8 || depth == 16;
        break;
      default:
        throw unreadable("PNG colour type " + colorType + " is not defined", null);
    }
    if (!depthOk) {
      throw unreadable("PNG bit depth " + depth + " is not allowed with colour type " + colorType, null);
    }
    // Walk the chunks before the image data: acTL (APNG frame count) and tRNS (the JDK adds an alpha band to grey
    // and RGB images that have one).
    int frames = 1;
    long pos = 8 + 8 + 13 + 4;
    for (int i = 0; i < MAX_PNG_CHUNKS && pos + 8 <= length; i++) {
      in.seek(pos);
      long chunkLength = in.readUnsignedInt();
      int chunkType = in.readInt();
      if (chunkType == 0x49444154 /* IDAT */ || chunkType == 0x49454e44 /* IEND */) {
        break;
      }
      if (chunkType == 0x6163544c /* acTL */ && chunkLength >= 8 && pos + 16 <= length) {
        long declared = in.readUnsignedInt();
        frames = (int) Math.max(1, Math.min(Integer.MAX_VALUE, declared));
      } else if (chunkType == 0x74524e53 /* tRNS */ && (colorType == 0 || colorType == 2)) {
        bands++;
      }
      pos += 12 + chunkLength;
    }
    return new ImageHeader(ImageFormat.PNG, (int) w, (int) h, bands, depth, frames, 1);
  }

  // ---------------------------------------------------------------- JPEG

  private static ImageHeader jpeg(ImageInputStream in, long length) throws IOException {
    in.setByteOrder(ByteOrder.BIG_ENDIAN);
    long pos = 2;
    int width = -1;
    int height = -1;
    int components = 0;
    int precision = 0;
    int frames = 0;
    boolean progressive = false;
    int orientation = 1;
    boolean exifSeen = false;
    int scans = 0;
    try {
      while (pos < length) {
        in.seek(pos);
        if (in.read() != 0xff) {
          throw unreadable("JPEG marker expected at byte " + pos, null);
        }
        int marker;
        do {
          marker = in.read();
        } while (marker == 0xff);
        if (marker < 0) {
          break;
        }
        if (marker == 0xd9) { // EOI
          break;
        }
        if (marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { // no length
          pos = in.getStreamPosition();
          continue;
        }
        int segmentLength = in.readUnsignedShort();
        if (segmentLength < 2) {
          throw unreadable("JPEG segment length " + segmentLength + " at byte " + pos, null);
        }
        long body = in.getStreamPosition();
        long next = body + segmentLength - 2;
        if (next > length) {
          throw unreadable("JPEG segment runs past the end of the data", null);
        }
        boolean sof = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
        if (sof) {
          frames++;
          if (frames == 1) {
            if (segmentLength < 8) {
              throw unreadable("JPEG frame header too short", null);
            }
            precision = in.readUnsignedByte();
            height = in.readUnsignedShort();
            width = in.readUnsignedShort();
            components = in.readUnsignedByte();
            if (segmentLength < 8 + 3 * components) {
              throw unreadable("JPEG frame header shorter than its " + components + " components", null);
            }
            progressive = marker == 0xc2 || marker == 0xc6 || marker == 0xca || marker == 0xce;
          }
        } else if (marker == 0xe1 && !exifSeen && segmentLength >= 2 + 6 + 8) {
          byte[] id = new byte[6];
          in.readFully(id);
          if (id[0] == 'E' && id[1] == 'x' && id[2] == 'i' && id[3] == 'f' && id[4] == 0 && id[5] == 0) {
            exifSeen = true;
            orientation = exifOrientation(in, body + 6, next);
            in.setByteOrder(ByteOrder.BIG_ENDIAN);
          }
        } else if (marker == 0xda) { // SOS
          scans++;
          if (frames == 0) {
            throw unreadable("JPEG scan before the frame header", null);
          }
          if (!progressive) {
            break; // sequential: every component is coded once; the header is complete
          }
          if (scans > MAX_JPEG_SCANS) {
            throw new QrImageException(Reason.TOO_LARGE, "progressive JPEG with more than " + MAX_JPEG_SCANS
                + " scans", width, height, null);
          }
          next = nextMarker(in, next, length);
        }
        pos = next;
      }
    } catch (EOFException e) {
      if (frames == 0) {
        throw unreadable("truncated JPEG header", e);
      }
    }
    if (frames == 0) {
      throw unreadable("JPEG without a frame header (SOF)", null);
    }
    if (width < 1 || height < 1) {
      throw new QrImageException(Reason.UNREADABLE, "JPEG declares " + width + "x" + height
          + " pixels (a height set later by a DNL segment is not supported)", width, height, null);
    }
    if (components < 1 || precision < 2 || precision > 16) {
      throw new QrImageException(Reason.UNREADABLE, "JPEG declares " + components + " components of " + precision
          + " bits", width, height, null);
    }
    return new ImageHeader(ImageFormat.JPEG, width, height, components, precision, frames, orientation);
  }

  /** The position of the next marker (0xFF followed by neither 0x00, 0xFF nor RSTn) after entropy-coded data. */
  private static long nextMarker(ImageInputStream in, long from, long length) throws IOException {
    byte[] buf = new byte[65536];
    long pos = from;
    in.seek(pos);
    boolean pendingFf = false;
    while (pos < length) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, length - pos));
      if (r <= 0) {
        break;
      }
      for (int i = 0; i < r; i++) {
        int b = buf[i] & 0xff;
        if (pendingFf) {
          if (b != 0x00 && b != 0xff && (b < 0xd0 || b > 0xd7)) {
            return pos + i - 1;
          }
          pendingFf = b == 0xff;
        } else {
          pendingFf = b == 0xff;
        }
      }
      pos += r;
    }
    return length;
  }

  /** The orientation from an EXIF TIFF structure at {@code base}..{@code end}; 1 when absent or out of range. */
  private static int exifOrientation(ImageInputStream in, long base, long end) throws IOException {
    in.seek(base);
    int b0 = in.read();
    int b1 = in.read();
    if (b0 == 'I' && b1 == 'I') {
      in.setByteOrder(ByteOrder.LITTLE_ENDIAN);
    } else if (b0 == 'M' && b1 == 'M') {
      in.setByteOrder(ByteOrder.BIG_ENDIAN);
    } else {
      return 1;
    }
    if (in.readUnsignedShort() != 42) {
      return 1;
    }
    long ifd = base + in.readUnsignedInt();
    if (ifd < base + 8 || ifd + 2 > end) {
      return 1;
    }
    in.seek(ifd);
    int entries = in.readUnsignedShort();
    long max = (end - ifd - 2) / 12;
    for (int i = 0; i < Math.min(entries, max); i++) {
      in.seek(ifd + 2 + 12L * i);
      int tag = in.readUnsignedShort();
      int type = in.readUnsignedShort();
      long count = in.readUnsignedInt();
      if (tag == 0x0112 && type == 3 && count >= 1) {
        int v = in.readUnsignedShort();
        return v >= 1 && v <= 8 ? v : 1;
      }
    }
    return 1;
  }

  // ---------------------------------------------------------------- GIF

  private static ImageHeader gif(ImageInputStream in, long length) throws IOException {
    in.setByteOrder(ByteOrder.LITTLE_ENDIAN);
    in.seek(6);
    int screenWidth = in.readUnsignedShort();
    int screenHeight = in.readUnsignedShort();
    int packed = in.readUnsignedByte();
    in.readUnsignedByte(); // background colour index
    in.readUnsignedByte(); // pixel aspect ratio
    long pos = in.getStreamPosition();
    if ((packed & 0x80) != 0) {
      pos += 3L * (1 << ((packed & 7) + 1));
    }
    int frames = 0;
    int frameWidth = 0;
    int frameHeight = 0;
    while (pos < length) {
      in.seek(pos);
      int block = in.read();
      if (block == 0x21) { // extension: label, then data sub-blocks
        in.readUnsignedByte();
        pos = skipSubBlocks(in, in.getStreamPosition(), length);
      } else if (block == 0x2c) { // image descriptor
        in.readUnsignedShort(); // left
        in.readUnsignedShort(); // top
        int w = in.readUnsignedShort();
        int h = in.readUnsignedShort();
        int flags = in.readUnsignedByte();
        long p = in.getStreamPosition();
        if ((flags & 0x80) != 0) {
          p += 3L * (1 << ((flags & 7) + 1));
        }
        p += 1; // LZW minimum code size
        pos = skipSubBlocks(in, p, length);
        if (frames == 0) {
          frameWidth = w;
          frameHeight = h;
        }
        frames++;
      } else {
        break; // trailer (0x3b), end of data, or garbage after the last frame
      }
    }
    if (frames == 0) {
      throw unreadable("GIF without an image", null);
    }
    int w = Math.max(screenWidth, frameWidth);
    int h = Math.max(screenHeight, frameHeight);
    if (frameWidth < 1 || frameHeight < 1) {
      throw new QrImageException(Reason.UNREADABLE, "GIF frame of " + frameWidth + "x" + frameHeight + " pixels",
          frameWidth, frameHeight, null);
    }
    return new ImageHeader(ImageFormat.GIF, w, h, 1, 8, frames, 1);
  }

  private static long skipSubBlocks(ImageInputStream in, long pos, long length) throws IOException {
    while (pos < length) {
      in.seek(pos);
      int size = in.read();
      if (size <= 0) {
        return pos + 1;
      }
      pos += 1 + size;
    }
    return length;
  }

  // ---------------------------------------------------------------- BMP

  private static ImageHeader bmp(ImageInputStream in, long length) throws IOException {
    in.setByteOrder(ByteOrder.LITTLE_ENDIAN);
    in.seek(14);
    long headerSize = in.readUnsignedInt();
    long w;
    long h;
    int bitCount;
    long compression = 0;
    if (headerSize == 12) { // BITMAPCOREHEADER (OS/2 1.x)
      w = in.readUnsignedShort();
      h = in.readUnsignedShort();
      in.readUnsignedShort(); // planes
      bitCount = in.readUnsignedShort();
    } else if (headerSize >= 40 && headerSize <= 124) { // BITMAPINFOHEADER and its V2-V5 extensions
      w = in.readInt();
      h = Math.abs((long) in.readInt()); // negative: top-down rows
      in.readUnsignedShort(); // planes
      bitCount = in.readUnsignedShort();
      compression = in.readUnsignedInt();
    } else {
      throw unreadable("BMP header size " + headerSize + " is not supported", null);
    }
    if (w < 1 || h < 1 || w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
      throw new QrImageException(Reason.UNREADABLE, "BMP declares " + w + "x" + h + " pixels", -1, -1, null);
    }
    if (compression == 4 || compression == 5) {
      throw new QrImageException(Reason.UNSUPPORTED_FORMAT, "BMP with an embedded JPEG or PNG is not supported",
          (int) w, (int) h, null);
    }
    int bands;
    int bits;
    switch (bitCount) {
      case 1:
      case 4:
      case 8:
        bands = 1;
        bits = bitCount;
        break;
      case 16:
        bands = 3;
        bits = 6;
        break;
      case 24:
        bands = 3;
        bits = 8;
        break;
      case 32:
        bands = 4;
        bits = 8;
        break;
      default:
        throw new QrImageException(Reason.UNREADABLE, "BMP with " + bitCount + " bits per pixel", (int) w, (int) h,
            null);
    }
    return new ImageHeader(ImageFormat.BMP, (int) w, (int) h, bands, bits, 1, 1);
  }

  // ---------------------------------------------------------------- WebP

  private static ImageHeader webp(ImageInputStream in, long length) throws IOException {
    in.setByteOrder(ByteOrder.LITTLE_ENDIAN);
    in.seek(4);
    long riffEnd = Math.min(length, 8 + in.readUnsignedInt());
    long pos = 12;
    int canvasWidth = 0;
    int canvasHeight = 0;
    int width = 0;
    int height = 0;
    boolean alpha = false;
    boolean extended = false;
    int frames = 0;
    boolean bitstream = false;
    while (pos + 8 <= riffEnd) {
      in.seek(pos);
      int fourcc = in.readInt();
      long size = in.readUnsignedInt();
      long body = pos + 8;
      if (body + size > riffEnd) {
        throw unreadable("WebP chunk runs past the end of the data", null);
      }
      if (fourcc == fourcc("VP8X") && pos == 12) {
        if (size < 10) {
          throw unreadable("WebP VP8X chunk too short", null);
        }
        int flags = in.readUnsignedByte();
        in.skipBytes(3);
        canvasWidth = readU24(in) + 1;
        canvasHeight = readU24(in) + 1;
        alpha = (flags & 0x10) != 0;
        extended = true;
      } else if (fourcc == fourcc("ANMF")) {
        if (size < 16) {
          throw unreadable("WebP ANMF chunk too short", null);
        }
        readU24(in); // x / 2
        readU24(in); // y / 2
        int w = readU24(in) + 1;
        int h = readU24(in) + 1;
        if (frames == 0) {
          width = w;
          height = h;
        }
        frames++;
      } else if (fourcc == fourcc("VP8 ") && !bitstream) {
        if (size < 10) {
          throw unreadable("WebP VP8 chunk too short", null);
        }
        in.skipBytes(3); // frame tag
        if (in.readUnsignedByte() != 0x9d || in.readUnsignedByte() != 0x01 || in.readUnsignedByte() != 0x2a) {
          throw unreadable("WebP VP8 key frame start code missing", null);
        }
        width = Math.max(width, in.readUnsignedShort() & 0x3fff);
        height = Math.max(height, in.readUnsignedShort() & 0x3fff);
        bitstream = true;
      } else if (fourcc == fourcc("VP8L") && !bitstream) {
        if (size < 5) {
          throw unreadable("WebP VP8L chunk too short", null);
        }
        if (in.readUnsignedByte() != 0x2f) {
          throw unreadable("WebP VP8L signature missing", null);
        }
        long bits = in.readUnsignedInt();
        width = Math.max(width, (int) (bits & 0x3fff) + 1);
        height = Math.max(height, (int) ((bits >>> 14) & 0x3fff) + 1);
        alpha |= ((bits >>> 28) & 1) != 0;
        bitstream = true;
      }
      pos = body + size + (size & 1);
    }
    if (!bitstream && frames == 0) {
      throw unreadable("WebP without image data", null);
    }
    int w = Math.max(canvasWidth, width);
    int h = Math.max(canvasHeight, height);
    if (w < 1 || h < 1) {
      throw new QrImageException(Reason.UNREADABLE, "WebP declares " + w + "x" + h + " pixels", w, h, null);
    }
    int bands = alpha || (extended && frames > 0) ? 4 : 3;
    return new ImageHeader(ImageFormat.WEBP, w, h, bands, 8, Math.max(1, frames), 1);
  }

  private static int fourcc(String s) {
    return (s.charAt(0)) | (s.charAt(1) << 8) | (s.charAt(2) << 16) | (s.charAt(3) << 24);
  }

  private static int readU24(ImageInputStream in) throws IOException {
    int a = in.readUnsignedByte();
    int b = in.readUnsignedByte();
    int c = in.readUnsignedByte();
    return a | (b << 8) | (c << 16);
  }

  // ---------------------------------------------------------------- TIFF

  private static final int SHORT = 3;
  private static final int LONG = 4;

  private static ImageHeader tiff(ImageInputStream in, long length, boolean littleEndian) throws IOException {
    in.setByteOrder(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    in.seek(4);
    long ifd = in.readUnsignedInt();
    long width = -1;
    long height = -1;
    long samples = 1;
    long bits = 1;
    long tileWidth = 0;
    long tileLength = 0;
    int pages = 0;
    Set<Long> seen = new HashSet<>();
    while (ifd != 0 && pages < MAX_TIFF_PAGES) {
      if (ifd < 8 || ifd + 2 > length || !seen.add(ifd)) {
        if (pages == 0) {
          throw unreadable("TIFF directory offset " + ifd + " outside the data", null);
        }
        break; // a broken or looping chain after the first page: count what was found
      }
      in.seek(ifd);
      int entries = in.readUnsignedShort();
      if (entries > MAX_TIFF_ENTRIES || ifd + 2 + 12L * entries + 4 > length) {
        if (pages == 0) {
          throw unreadable("TIFF directory with " + entries + " entries runs past the end of the data", null);
        }
        break;
      }
      if (pages == 0) {
        for (int i = 0; i < entries; i++) {
          long entry = ifd + 2 + 12L * i;
          in.seek(entry);
          int tag = in.readUnsignedShort();
          int type = in.readUnsignedShort();
          long count = in.readUnsignedInt();
          int size = typeSize(type);
          if (size == 0) {
            continue; // unknown type: readers skip it
          }
          long bytes = count * size;
          long valueAt = entry + 8;
          if (bytes > 4) {
            valueAt = in.readUnsignedInt();
            if (count > length || valueAt + bytes > length) {
              throw unreadable("TIFF tag " + tag + " declares " + count + " values past the end of the data", null);
            }
          }
          switch (tag) {
            case 256:
              width = firstValue(in, valueAt, type, count);
              break;
            case 257:
              height = firstValue(in, valueAt, type, count);
              break;
            case 258: // BitsPerSample: one value per sample
              bits = maxValue(in, valueAt, type, count);
              break;
            case 277:
              samples = firstValue(in, valueAt, type, count);
              break;
            case 322:
              tileWidth = firstValue(in, valueAt, type, count);
              break;
            case 323:
              tileLength = firstValue(in, valueAt, type, count);
              break;
            case 279: // StripByteCounts
            case 325: // TileByteCounts
              long largest = maxValue(in, valueAt, type, count);
              if (largest > length) {
                throw unreadable("TIFF strip or tile of " + largest + " bytes in " + length + " bytes of data", null);
              }
              break;
            default:
              break;
          }
        }
      }
      pages++;
      in.seek(ifd + 2 + 12L * entries);
      ifd = in.readUnsignedInt();
    }
    if (width < 1 || height < 1 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
      throw new QrImageException(Reason.UNREADABLE, "TIFF declares " + width + "x" + height + " pixels", -1, -1,
          null);
    }
    if (samples < 1 || samples > 65535 || bits < 1 || bits > 64) {
      throw new QrImageException(Reason.UNREADABLE, "TIFF declares " + samples + " samples of " + bits + " bits",
          (int) width, (int) height, null);
    }
    // A tile or strip buffer is allocated whole: a tile larger than the image counts as the image's size.
    long w = width;
    long h = height;
    if (tileWidth > 0 || tileLength > 0) {
      if (tileWidth < 1 || tileLength < 1 || tileWidth > Integer.MAX_VALUE || tileLength > Integer.MAX_VALUE) {
        throw new QrImageException(Reason.UNREADABLE, "TIFF tile of " + tileWidth + "x" + tileLength + " pixels",
            (int) width, (int) height, null);
      }
      if (tileWidth * tileLength > w * h) {
        w = tileWidth;
        h = tileLength;
      }
    }
    // RowsPerStrip above the height is legal (one strip) and readers clamp it to the height: nothing to add.
    return new ImageHeader(ImageFormat.TIFF, (int) w, (int) h, (int) samples, (int) bits, Math.max(1, pages), 1);
  }

  private static int typeSize(int type) {
    switch (type) {
      case 1: // BYTE
      case 2: // ASCII
      case 6: // SBYTE
      case 7: // UNDEFINED
        return 1;
      case SHORT:
      case 8: // SSHORT
        return 2;
      case LONG:
      case 9: // SLONG
      case 11: // FLOAT
      case 13: // IFD
        return 4;
      case 5: // RATIONAL
      case 10: // SRATIONAL
      case 12: // DOUBLE
      case 16: // LONG8 (BigTIFF)
        return 8;
      default:
        return 0;
    }
  }

  private static long firstValue(ImageInputStream in, long at, int type, long count) throws IOException {
    if (count < 1) {
      return -1;
    }
    in.seek(at);
    return read(in, type);
  }

  private static long maxValue(ImageInputStream in, long at, int type, long count) throws IOException {
    long max = -1;
    in.seek(at);
    for (long i = 0; i < count; i++) {
      max = Math.max(max, read(in, type));
    }
    return max;
  }

  private static long read(ImageInputStream in, int type) throws IOException {
    switch (type) {
      case 1:
      case 7:
        return in.readUnsignedByte();
      case SHORT:
        return in.readUnsignedShort();
      case LONG:
        return in.readUnsignedInt();
      default:
        return -1; // not a valid type for a size: treated as absent
    }
  }

  private static QrImageException unreadable(String message, @Nullable Throwable cause) {
    return new QrImageException(Reason.UNREADABLE, message, -1, -1, cause);
  }
}
