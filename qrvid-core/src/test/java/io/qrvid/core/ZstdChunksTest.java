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

/** Payload format 2: zstd chunks with and without a corpus dictionary, format 1 still read, bounded output. */
class ZstdChunksTest {
  /** English-like text whose chunks share words, as a corpus does. */
  static List<byte[]> corpusChunks(int count, long seed) {
    String[] words = ("the quick brown fox jumps over a lazy dog while vim users edit text files with commands "
        + "such as insert delete yank put undo redo search replace buffer window register macro").split(" ");
    Random r = new Random(seed);
    List<byte[]> chunks = new ArrayList<>();
    for (int c = 0; c < count; c++) {
      StringBuilder sb = new StringBuilder();
      while (sb.length() < 4000) {
        sb.append(words[r.nextInt(words.length)]).append(r.nextInt(9) == 0 ? ".\n" : " ");
      }
      chunks.add(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
    return chunks;
  }

  private static Map<Integer, List<FramePayload>> parse(List<byte[]> symbols) {
    Map<Integer, List<FramePayload>> parts = new HashMap<>();
    for (byte[] s : symbols) {
      for (FramePayload p : FramePayload.parseSymbol(s)) {
        parts.computeIfAbsent(p.chunkIndex(), k -> new ArrayList<>()).add(p);
      }
    }
    return parts;
  }

  private static long pack(List<byte[]> chunks, ChunkCompression method, CompressionDictionary dict,
      List<byte[]> symbols) {
    long stored = 0;
    try (PayloadPacker packer = PayloadPacker.builder(2953, 5, symbols::add).compression(method).dictionary(dict)
        .build()) {
      for (int i = 0; i < chunks.size(); i++) {
        PayloadPacker.Placement p = packer.add(0, i, chunks.get(i));
        assertThat(p.compression()).isEqualTo(method);
        stored += p.storedBytes();
      }
      packer.finish();
    }
    return stored;
  }

  @Test
  void zstdWithATrainedDictionaryRoundTripsAndBeatsDeflateAndPlainZstd() {
    List<byte[]> chunks = corpusChunks(40, 1);
    CompressionDictionary dict = CompressionDictionary.train(chunks, 16 * 1024).orElseThrow();
    assertThat(dict.size()).isBetween(1024, 16 * 1024);
    List<byte[]> withDict = new ArrayList<>();
    long zd = pack(chunks, ChunkCompression.ZSTD, dict, withDict);
    long z = pack(chunks, ChunkCompression.ZSTD, null, new ArrayList<>());
    long d = pack(chunks, ChunkCompression.DEFLATE, null, new ArrayList<>());
    assertThat(zd).isLessThan(z).isLessThan(d);
    Map<Integer, List<FramePayload>> parts = parse(withDict);
    for (int i = 0; i < chunks.size(); i++) {
      assertThat(parts.get(i)).allSatisfy(p -> {
        assertThat(p.formatVersion()).isEqualTo(2);
        assertThat(p.compression()).isEqualTo(ChunkCompression.ZSTD);
      });
      assertThat(FramePayload.reassemble(parts.get(i), chunks.get(i).length, dict)).isEqualTo(chunks.get(i));
    }
    // Without the dictionary (or with another one) the chunk cannot be read: a typed error, never wrong bytes.
    CompressionDictionary other = CompressionDictionary.train(corpusChunks(40, 2), 16 * 1024).orElseThrow();
    assertThatThrownBy(() -> FramePayload.reassemble(parts.get(3), 8000)).isInstanceOf(PayloadFormatException.class);
    assertThatThrownBy(() -> FramePayload.reassemble(parts.get(3), 8000, other))
        .isInstanceOf(PayloadFormatException.class);
  }

  @Test
  void outputIsBoundedByTheExpectedSize() {
    byte[] plain = "a".repeat(200_000).getBytes(StandardCharsets.US_ASCII);
    List<byte[]> symbols = new ArrayList<>();
    try (PayloadPacker packer = PayloadPacker.builder(2953, 1, symbols::add).build()) {
      PayloadPacker.Placement p = packer.add(0, 0, plain);
      assertThat(p.storedBytes()).isLessThan(100);
      packer.finish();
    }
    List<FramePayload> parts = parse(symbols).get(0);
    assertThat(FramePayload.reassemble(parts, plain.length)).isEqualTo(plain);
    assertThatThrownBy(() -> FramePayload.reassemble(parts, plain.length - 1))
        .isInstanceOf(PayloadFormatException.class).hasMessageContaining("beyond");
  }

  @Test
  void corruptTruncatedAndTrailingZstdDataAreTypedErrors() {
    List<byte[]> chunks = corpusChunks(1, 3);
    List<byte[]> symbols = new ArrayList<>();
    pack(chunks, ChunkCompression.ZSTD, null, symbols);
    FramePayload p = parse(symbols).get(0).get(0);
    byte[] data = p.data();
    byte[] truncated = java.util.Arrays.copyOf(data, data.length - 5);
    byte[] trailing = java.util.Arrays.copyOf(data, data.length + 3);
    byte[] flipped = data.clone();
    flipped[data.length / 2] ^= 0x5A;
    for (byte[] bad : List.of(truncated, trailing, flipped)) {
      FramePayload q = new FramePayload(2, p.flags(), p.videoId(), 0, 0, 0, 1, p.crc32c(), bad);
      assertThatThrownBy(() -> FramePayload.reassemble(List.of(q), 8000)).isInstanceOf(PayloadFormatException.class);
    }
  }

  @Test
  void formatVersionOneIsStillReadAndRefusesZstd() {
    List<byte[]> chunks = corpusChunks(3, 4);
    List<byte[]> symbols = new ArrayList<>();
    try (PayloadPacker packer = PayloadPacker.builder(2953, 9, symbols::add).compression(ChunkCompression.DEFLATE)
        .formatVersion(1).build()) {
      for (int i = 0; i < chunks.size(); i++) {
        packer.add(0, i, chunks.get(i));
      }
      packer.finish();
    }
    assertThat(symbols.get(0)[2]).isEqualTo((byte) 1);
    Map<Integer, List<FramePayload>> parts = parse(symbols);
    for (int i = 0; i < chunks.size(); i++) {
      assertThat(parts.get(i).get(0).formatVersion()).isEqualTo(1);
      assertThat(FramePayload.reassemble(parts.get(i), chunks.get(i).length)).isEqualTo(chunks.get(i));
    }
    assertThatThrownBy(() -> PayloadPacker.builder(2953, 9, s -> {}).compression(ChunkCompression.ZSTD)
        .formatVersion(1).build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new FramePayload(1, FramePayload.FLAG_ZSTD, 0, 0, 0, 0, 1, 0, new byte[1]))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] unknownVersion = symbols.get(0).clone();
    unknownVersion[2] = 3;
    assertThatThrownBy(() -> FramePayload.parseSymbol(unknownVersion)).isInstanceOf(PayloadFormatException.class)
        .hasMessageContaining("version 3");
  }

  @Test
  void dictionaryStoredFormRoundTripsAndIsChecked() {
    CompressionDictionary dict = CompressionDictionary.train(corpusChunks(40, 5), 8192).orElseThrow();
    byte[] stored = dict.storedForm();
    assertThat(stored.length).isLessThan(dict.size());
    assertThat(CompressionDictionary.fromStoredForm(stored, dict.size(), dict.sha256())).isEqualTo(dict);
    assertThatThrownBy(() -> CompressionDictionary.fromStoredForm(stored, dict.size() + 1, dict.sha256()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CompressionDictionary.fromStoredForm(stored, dict.size(), Sha256.of(new byte[1])))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SHA-256");
    byte[] corrupt = stored.clone();
    corrupt[corrupt.length / 2] ^= 0x40;
    assertThatThrownBy(() -> CompressionDictionary.fromStoredForm(corrupt, dict.size(), dict.sha256()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CompressionDictionary.of("not a dictionary".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sizeRuleAndTooFewSamples() {
    assertThat(CompressionDictionary.sizeFor(1000)).isZero();
    assertThat(CompressionDictionary.sizeFor(100_000)).isEqualTo(33_333);
    assertThat(CompressionDictionary.sizeFor(10_000_000)).isEqualTo(CompressionDictionary.MAX_TRAINED_BYTES);
    assertThat(CompressionDictionary.train(corpusChunks(2, 6), 4096)).isEmpty();
  }
}
