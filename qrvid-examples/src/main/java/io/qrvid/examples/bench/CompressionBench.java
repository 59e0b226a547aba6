package io.qrvid.examples.bench;

import io.qrvid.core.Chunk;
import io.qrvid.core.ChunkCompression;
import io.qrvid.core.CompressionDictionary;
import io.qrvid.core.FramePayload;
import io.qrvid.core.PayloadPacker;
import io.qrvid.core.TextChunker;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;

/**
 * The compression half of {@code qrvid bench video}: every method compresses each chunk (or each unit of chunks) on
 * its own, as random access needs, on the same chunks in one run. Columns: compressed chunks / text, the
 * dictionary's stored form / text (as the index stores it: Base64, 4/3 of its bytes), their sum, and compress and
 * decompress throughput in MB of text per second on one thread (zstd's dictionary training included in compress). Benchmark code, not API.
 */
public final class CompressionBench {
  private CompressionBench() {}

  /** One method's result. */
  private record Row(String name, long chunkBytes, long dictionaryChars, double compressSeconds,
      double decompressSeconds) {}

  /** Runs every method on the chunks of {@code files} and prints the table. */
  public static void run(PrintWriter out, List<Path> files, int chunkSize) throws IOException {
    TextChunker chunker = TextChunker.builder().chunkSize(chunkSize).build();
    List<byte[]> chunks = new ArrayList<>();
    long text = 0;
    int doc = 0;
    for (Path f : files) {
      String t = Files.readString(f, StandardCharsets.UTF_8);
      for (Chunk c : chunker.chunk(doc, f.getFileName().toString(), t, chunks.size())) {
        chunks.add(c.bytes());
        text += c.bytes().length;
      }
      doc++;
    }
    List<byte[]> units = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i += 4) {
      java.io.ByteArrayOutputStream u = new java.io.ByteArrayOutputStream();
      for (int j = i; j < Math.min(chunks.size(), i + 4); j++) {
        u.writeBytes(chunks.get(j));
      }
      units.add(u.toByteArray());
    }
    int ruleSize = CompressionDictionary.sizeFor(text);
    out.printf("compression of %d chunks of %d characters, each on its own (%,d bytes of text):%n", chunks.size(),
        chunkSize, text);
    out.printf("  %-34s %8s %8s %8s %10s %10s%n", "method", "chunks", "dict", "total", "comp MB/s", "dec MB/s");
    List<Row> rows = new ArrayList<>();
    rows.add(deflate("deflate per chunk (before)", chunks, new byte[0]));
    long t0 = System.nanoTime();
    byte[] preset = PresetDictionary.build(chunks, PresetDictionary.MAX_BYTES);
    double buildSeconds = (System.nanoTime() - t0) / 1e9;
    Row d = deflate("deflate + preset dict " + preset.length / 1024 + "K", chunks, preset);
    rows.add(new Row(d.name, d.chunkBytes, d.dictionaryChars, d.compressSeconds + buildSeconds,
        d.decompressSeconds));
    rows.add(zstd("zstd-19, no dict", chunks, 0, 19));
    if (ruleSize >= 256) {
      rows.add(zstd("zstd-19 + dict " + ruleSize / 1024 + "K (default)", chunks, ruleSize, 19));
      rows.add(zstd("zstd-9 + dict " + ruleSize / 1024 + "K", chunks, ruleSize, 9));
      if (ruleSize / 2 >= 256) {
        rows.add(zstd("zstd-19 + dict " + ruleSize / 2 / 1024 + "K", chunks, ruleSize / 2, 19));
      }
      rows.add(zstd("zstd-19 + dict, units of 4 chunks", units, ruleSize, 19));
    }
    for (Row r : rows) {
      out.printf("  %-34s %8.3f %8.3f %8.3f %10.2f %10.2f%n", r.name, (double) r.chunkBytes / text,
          (double) r.dictionaryChars / text, (double) (r.chunkBytes + r.dictionaryChars) / text,
          text / 1e6 / r.compressSeconds, text / 1e6 / r.decompressSeconds);
    }
    out.println("  (dict = the dictionary as an index stores it, Base64 of its compressed form; comp includes "
        + "training or building the dictionary; units of 4 chunks = a chunk read decompresses its whole unit)");
    out.flush();
  }

  private static Row deflate(String name, List<byte[]> chunks, byte[] dictionary) {
    long t0 = System.nanoTime();
    List<byte[]> packed = new ArrayList<>(chunks.size());
    long bytes = 0;
    for (byte[] c : chunks) {
      byte[] p = PresetDictionary.deflate(c, dictionary);
      packed.add(p);
      bytes += p.length;
    }
    double comp = (System.nanoTime() - t0) / 1e9;
    long t1 = System.nanoTime();
    try {
      for (int i = 0; i < chunks.size(); i++) {
        if (!Arrays.equals(PresetDictionary.inflate(packed.get(i), dictionary, chunks.get(i).length),
            chunks.get(i))) {
          throw new IllegalStateException(name + ": chunk " + i + " does not round-trip");
        }
      }
    } catch (DataFormatException e) {
      throw new IllegalStateException(name + ": " + e.getMessage(), e);
    }
    double dec = (System.nanoTime() - t1) / 1e9;
    long dictChars = dictionary.length == 0 ? 0 : base64(PresetDictionary.deflate(dictionary, new byte[0]).length);
    return new Row(name, bytes, dictChars, comp, dec);
  }

  private static Row zstd(String name, List<byte[]> chunks, int dictionarySize, int level) {
    long t0 = System.nanoTime();
    CompressionDictionary dict = dictionarySize == 0 ? null
        : CompressionDictionary.train(chunks, dictionarySize).orElse(null);
    List<byte[]> symbols = new ArrayList<>();
    long bytes = 0;
    int capacity = 1 << 16;
    try (PayloadPacker packer = PayloadPacker.builder(capacity, 1, symbols::add).compression(ChunkCompression.ZSTD)
        .dictionary(dict).level(level).build()) {
      for (int i = 0; i < chunks.size(); i++) {
        bytes += packer.add(0, i, chunks.get(i)).storedBytes();
      }
      packer.finish();
    }
    double comp = (System.nanoTime() - t0) / 1e9;
    List<List<FramePayload>> parts = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i++) {
      parts.add(new ArrayList<>());
    }
    for (byte[] s : symbols) {
      for (FramePayload p : FramePayload.parseSymbol(s)) {
        parts.get(p.chunkIndex()).add(p);
      }
    }
    long t1 = System.nanoTime();
    for (int i = 0; i < chunks.size(); i++) {
      if (!Arrays.equals(FramePayload.reassemble(parts.get(i), chunks.get(i).length, dict), chunks.get(i))) {
        throw new IllegalStateException(name + ": chunk " + i + " does not round-trip");
      }
    }
    double dec = (System.nanoTime() - t1) / 1e9;
    long dictChars = dict == null ? 0 : base64(dict.storedForm().length);
    return new Row(name, bytes, dictChars, comp, dec);
  }

  private static long base64(long bytes) {
    return 4 * ((bytes + 2) / 3);
  }
}
