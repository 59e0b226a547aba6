package io.qrvid.video;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Top-level ISO BMFF boxes of an MP4 file (ISO/IEC 14496-12 section 4.2: 32-bit size, type, 64-bit size if 1). */
final class Mp4Boxes {
  private Mp4Boxes() {}

  /** Each top-level box as {start, end, type as int}; stops at the first box that does not fit. */
  static List<long[]> boxes(byte[] file) {
    List<long[]> out = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(file);
    long at = 0;
    while (at + 8 <= file.length) {
      long size = Integer.toUnsignedLong(b.getInt((int) at));
      int type = b.getInt((int) at + 4);
      if (size == 1 && at + 16 <= file.length) {
        size = b.getLong((int) at + 8);
      } else if (size == 0) {
        size = file.length - at;
      }
      if (size < 8 || at + size > file.length) {
        break;
      }
      out.add(new long[] {at, at + size, type});
      at += size;
    }
    return out;
  }

  /** Each movie fragment (a {@code moof} box and the {@code mdat} after it) as {start, end}. */
  static List<long[]> fragments(byte[] file) {
    List<long[]> boxes = boxes(file);
    List<long[]> out = new ArrayList<>();
    for (int i = 0; i + 1 < boxes.size(); i++) {
      if (boxes.get(i)[2] == type("moof") && boxes.get(i + 1)[2] == type("mdat")) {
        out.add(new long[] {boxes.get(i)[0], boxes.get(i + 1)[1]});
      }
    }
    return out;
  }

  static int type(String fourcc) {
    return ByteBuffer.wrap(fourcc.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).getInt();
  }
}
