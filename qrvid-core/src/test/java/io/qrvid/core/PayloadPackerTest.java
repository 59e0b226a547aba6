package io.qrvid.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PayloadPackerTest {
  @Test
  void packsChunksIntoFullSymbolsAndReassemblesThemExactly() {
    List<byte[]> symbols = new ArrayList<>();
    int capacity = 1000;
    PayloadPacker packer = new PayloadPacker(capacity, 42, true, symbols::add);
    Random r = new Random(1);
    List<byte[]> chunks = new ArrayList<>();
    List<PayloadPacker.Placement> placements = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      byte[] plain = i % 3 == 0 ? randomBytes(r, 50 + r.nextInt(3000)) // incompressible, often split
          : ("chunk " + i + " text ").repeat(1 + r.nextInt(200)).getBytes(StandardCharsets.UTF_8);
      chunks.add(plain);
      placements.add(packer.add(i / 10, i, plain));
    }
    int count = packer.finish();
    assertThat(symbols).hasSize(count);
    assertThat(symbols).allSatisfy(s -> assertThat(s.length).isLessThanOrEqualTo(capacity));
    // All but the last symbol are nearly full: at most a too-short remainder is left.
    for (int i = 0; i < symbols.size() - 1; i++) {
      assertThat(capacity - symbols.get(i).length).isLessThan(FramePayload.HEADER_BYTES + PayloadPacker.MIN_SPLIT_BYTES);
    }
    Map<Integer, List<FramePayload>> parts = new HashMap<>();
    for (int s = 0; s < symbols.size(); s++) {
      for (FramePayload p : FramePayload.parseSymbol(symbols.get(s))) {
        assertThat(p.videoId()).isEqualTo(42);
        PayloadPacker.Placement pl = placements.get(p.chunkIndex());
        assertThat(s).isBetween(pl.firstSymbol(), pl.lastSymbol());
        parts.computeIfAbsent(p.chunkIndex(), k -> new ArrayList<>()).add(p);
      }
    }
    for (int i = 0; i < chunks.size(); i++) {
      assertThat(FramePayload.reassemble(parts.get(i))).isEqualTo(chunks.get(i));
      assertThat(parts.get(i)).hasSize(placements.get(i).parts());
    }
    assertThat(placements.get(1).deflated()).isTrue();
    assertThat(placements.get(1).compression()).isEqualTo(ChunkCompression.DEFLATE);
    assertThat(placements.get(0).deflated()).isFalse();
  }

  @Test
  void detectsCorruptionMissingPartsAndForeignBytes() {
    List<byte[]> symbols = new ArrayList<>();
    PayloadPacker packer = new PayloadPacker(200, 7, false, symbols::add);
    byte[] plain = randomBytes(new Random(2), 500);
    packer.add(0, 0, plain);
    packer.finish();
    List<FramePayload> parts = new ArrayList<>();
    symbols.forEach(s -> parts.addAll(FramePayload.parseSymbol(s)));
    assertThat(parts.size()).isGreaterThan(1);
    assertThatThrownBy(() -> FramePayload.reassemble(parts.subList(1, parts.size())))
        .isInstanceOf(PayloadFormatException.class).hasMessageContaining("missing part 0");
    FramePayload p0 = parts.get(0);
    byte[] bad = p0.data();
    bad[3] ^= 1;
    List<FramePayload> corrupt = new ArrayList<>(parts);
    corrupt.set(0, new FramePayload(p0.flags(), p0.videoId(), p0.documentId(), 0, 0, p0.partCount(), p0.crc32c(), bad));
    assertThatThrownBy(() -> FramePayload.reassemble(corrupt)).isInstanceOf(PayloadFormatException.class)
        .hasMessageContaining("CRC32C");
    assertThatThrownBy(() -> FramePayload.parseSymbol("hello world, not a payload".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(PayloadFormatException.class).hasMessageContaining("magic");
    byte[] truncated = java.util.Arrays.copyOf(symbols.get(0), symbols.get(0).length - 1);
    assertThatThrownBy(() -> FramePayload.parseSymbol(truncated)).isInstanceOf(PayloadFormatException.class);
  }

  @Test
  void rejectsTinyCapacity() {
    assertThatThrownBy(() -> new PayloadPacker(50, 0, true, s -> {})).isInstanceOf(IllegalArgumentException.class);
  }

  static byte[] randomBytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }
}
