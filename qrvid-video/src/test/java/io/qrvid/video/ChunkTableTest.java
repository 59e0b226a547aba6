package io.qrvid.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrvid.core.Crc32c;
import io.qrvid.core.FrameLayout;
import io.qrvid.core.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Index format 2: the compact chunk table round-trips every field, and any damage is a typed error naming it. */
class ChunkTableTest {
  @TempDir Path tmp;

  /** Entries as an encoder makes them, with overlaps, pages, repeated titles, uncompressed chunks and parity gaps. */
  static List<VideoIndex.ChunkEntry> entries(int n, long seed, int spf) {
    Random r = new Random(seed);
    List<VideoIndex.ChunkEntry> out = new ArrayList<>();
    int doc = 0;
    int charEnd = 0;
    long byteEnd = 0;
    long symbol = 0;
    for (int i = 0; i < n; i++) {
      if (i > 0 && r.nextInt(6) == 0) {
        doc++;
        charEnd = 0;
        byteEnd = 0;
      }
      int overlap = charEnd > 50 && r.nextBoolean() ? r.nextInt(50) : 0;
      int charStart = charEnd - overlap;
      int chars = 1 + r.nextInt(5000);
      long byteStart = byteEnd - overlap;
      long bytes = chars + r.nextInt(300);
      long first = symbol + r.nextInt(3);
      long last = first + r.nextInt(3);
      symbol = last;
      out.add(new VideoIndex.ChunkEntry(i, doc, charStart, charStart + chars, byteStart, byteStart + bytes,
          first / spf, (int) (first % spf), first, last, (int) (last - first + 1), new Crc32c(r.nextInt()),
          1 + r.nextInt(3000), r.nextInt(5) != 0, r.nextInt(3) == 0 ? r.nextInt(900) : null,
          r.nextInt(3) == 0 ? "Section " + r.nextInt(4) + " ✓" : null));
      charEnd = charStart + chars;
      byteEnd = byteStart + bytes;
    }
    return out;
  }

  @Test
  void roundTripsEveryFieldInAFewBytesPerChunk() {
    for (int spf : new int[] {1, 9}) {
      List<VideoIndex.ChunkEntry> in = entries(500, spf, spf);
      byte[] table = ChunkTable.encode(in);
      assertThat(ChunkTable.decode(table, spf, "t")).isEqualTo(in);
      assertThat(table.length).isLessThan(500 * 16);
    }
    assertThat(ChunkTable.decode(ChunkTable.encode(List.of()), 1, "t")).isEmpty();
  }

  @Test
  void anyDamageIsATypedErrorOrAnotherTableNeverAnotherException() {
    List<VideoIndex.ChunkEntry> in = entries(60, 7, 1);
    byte[] table = ChunkTable.encode(in);
    Random r = new Random(3);
    for (int trial = 0; trial < 3000; trial++) {
      byte[] bad = table.clone();
      switch (trial % 3) {
        case 0 -> bad[r.nextInt(bad.length)] ^= (byte) (1 << r.nextInt(8));
        case 1 -> bad = java.util.Arrays.copyOf(bad, r.nextInt(bad.length));
        default -> {
          bad = java.util.Arrays.copyOf(bad, bad.length + 1 + r.nextInt(4));
          bad[bad.length - 1] = (byte) r.nextInt();
        }
      }
      byte[] damaged = bad;
      try {
        ChunkTable.decode(damaged, 1, "t");
      } catch (VideoIndexException e) {
        assertThat(e.field()).hasValue("chunkTable");
      }
    }
  }

  @Test
  void rawTablesWithLiesAboutCountsAndLengthsAreRefused() {
    // count larger than the bytes, a title running past the end, an unknown flag, trailing bytes
    assertThatThrownBy(() -> ChunkTable.decode(deflate(new byte[] {1, (byte) 0xFF, (byte) 0xFF, 0x7F}), 1, "t"))
        .isInstanceOf(VideoIndexException.class).hasMessageContaining("counts");
    assertThatThrownBy(() -> ChunkTable.decode(deflate(new byte[] {1, 0, 1, 50, 'a'}), 1, "t"))
        .isInstanceOf(VideoIndexException.class);
    assertThatThrownBy(() -> ChunkTable.decode(deflate(new byte[] {2, 0, 0}), 1, "t"))
        .isInstanceOf(VideoIndexException.class).hasMessageContaining("table version 2");
    assertThatThrownBy(() -> ChunkTable.decode(deflate(new byte[] {1, 0, 0, 9}), 1, "t"))
        .isInstanceOf(VideoIndexException.class).hasMessageContaining("after its last field");
    byte[] tenBytes = {1, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
        (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01};
    assertThatThrownBy(() -> ChunkTable.decode(deflate(tenBytes), 1, "t")).isInstanceOf(VideoIndexException.class);
  }

  private static byte[] deflate(byte[] raw) {
    java.util.zip.Deflater d = new java.util.zip.Deflater(9, true);
    d.setInput(raw);
    d.finish();
    byte[] out = new byte[raw.length + 64];
    int n = d.deflate(out);
    d.end();
    return java.util.Arrays.copyOf(out, n);
  }

  /** A valid format-2 index: three chunks of two documents, zstd without a dictionary. */
  static VideoIndex valid() {
    FrameLayout l = FrameLayout.builder().version(40).modulePixels(1).frameAlignment(4).build();
    return new VideoIndex(2, "test", 42, new VideoIndex.VideoFile("v.mov", 10_000, 2, 2, 2),
        new VideoIndex.Codec("DENSE", "ffv1", "mov", "PIX_FMT_YUV410P", 30, Map.of("g", "1")),
        new VideoIndex.Geometry(l.frameWidth(), l.frameHeight(), 40, "L", 1, l.quietZone(), 1, 1,
            l.frameAlignment(), "0", "zstd", 2, 0, 0, 0, 255),
        List.of(new VideoIndex.Document(0, "a.txt", 150, Sha256.of(new byte[150]), 0, 2),
            new VideoIndex.Document(1, "b.txt", 80, Sha256.of(new byte[80]), 2, 1)),
        List.of(chunk(0, 0, 0, 100, 0), chunk(1, 0, 100, 150, 0), chunk(2, 1, 0, 80, 1)), null);
  }

  private static VideoIndex.ChunkEntry chunk(int index, int doc, long from, long to, long symbol) {
    return new VideoIndex.ChunkEntry(index, doc, (int) from, (int) to, from, to, symbol, 0, symbol, symbol, 1,
        Crc32c.of(new byte[(int) (to - from)]), 20, true, null, null);
  }

  private VideoIndex read(Consumer<ObjectNode> mutation) throws IOException {
    ObjectNode json = (ObjectNode) IndexJson.Mapper.MAPPER.readTree(valid().toBytes());
    mutation.accept(json);
    Path p = tmp.resolve("v.mov" + VideoIndex.SUFFIX);
    Files.write(p, IndexJson.Mapper.MAPPER.writeValueAsBytes(json));
    return VideoIndex.read(p);
  }

  private void rejects(String field, Consumer<ObjectNode> mutation) {
    assertThatThrownBy(() -> read(mutation)).as(field).isInstanceOfSatisfying(VideoIndexException.class,
        e -> assertThat(e.field()).as(e.getMessage()).hasValue(field));
  }

  @Test
  void format2IndexRoundTripsAndItsNewFieldsAreValidated() throws IOException {
    assertThat(read(j -> { })).isEqualTo(valid());
    rejects("chunkTable", j -> j.remove("chunkTable"));
    rejects("chunkTable", j -> j.put("chunkTable", "not base64 !"));
    rejects("chunkTable", j -> j.put("chunkTable", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3})));
    rejects("geometry.compression", j -> ((ObjectNode) j.get("geometry")).put("compression", "brotli"));
    rejects("geometry.payloadFormatVersion", j -> ((ObjectNode) j.get("geometry")).put("payloadFormatVersion", 1));
    rejects("geometry.columns", j -> ((ObjectNode) j.get("geometry")).put("columns", 0));
    rejects("formatVersion", j -> j.put("formatVersion", 3));
    // zstd in a format-1 index, and a dictionary beside Deflate chunks
    rejects("geometry.compression", j -> {
      j.put("formatVersion", 1);
      ((ObjectNode) j.get("geometry")).put("payloadFormatVersion", 1);
      j.set("chunks", IndexJson.Mapper.MAPPER.valueToTree(valid().chunks()));
      j.remove("chunkTable");
    });
    ObjectNode dict = IndexJson.Mapper.MAPPER.createObjectNode().put("codec", "zstd").put("bytes", 4096)
        .put("sha256", Sha256.of(new byte[1]).toString()).put("data", "AAAA");
    rejects("dictionary", j -> {
      j.set("dictionary", dict);
      ((ObjectNode) j.get("geometry")).put("compression", "deflate");
    });
    rejects("dictionary.codec", j -> j.set("dictionary", dict.deepCopy().put("codec", "brotli")));
    rejects("dictionary.bytes", j -> j.set("dictionary", dict.deepCopy().put("bytes", 1 << 21)));
    rejects("dictionary.data", j -> j.set("dictionary", dict.deepCopy().put("data", "A".repeat(8000))));
    rejects("chunks[0].byteEnd", j -> {
      // a zstd chunk claiming more than zstd's largest ratio
      List<VideoIndex.ChunkEntry> c = new ArrayList<>(valid().chunks());
      VideoIndex.ChunkEntry e = c.get(0);
      c.set(0, new VideoIndex.ChunkEntry(0, 0, 0, 40_000, 0, 40_000, 0, 0, 0, 0, 1, e.crc32c(), 1, true, null,
          null));
      j.put("chunkTable", Base64.getEncoder().encodeToString(ChunkTable.encode(c)));
    });
  }
}
