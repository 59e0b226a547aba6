package io.qrvid.examples.bench;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A Deflate preset dictionary (RFC 1950 section 2.2, {@link Deflater#setDictionary}) built from a corpus's frequent
 * substrings with the JDK only, to compare against zstd's trained dictionaries in {@code qrvid bench video}.
 *
 * <p>The builder is a greedy cover in the spirit of zstd's COVER trainer (Liao, Petri, Moffat, Wirth, "Effective
 * construction of relative Lempel-Ziv dictionaries", WWW 2016): every 8-byte substring ("d-mer") is counted once per
 * sample it occurs in; the samples are cut into 64-byte segments scored by the counts of their d-mers that occur in
 * at least two samples; segments are taken best first, each d-mer counting only until a taken segment covers it,
 * until the dictionary is full. The best segments go last, nearest to the data, where Deflate's distances are
 * cheapest. Deflate can reach back 32 KiB, so larger dictionaries gain nothing. Benchmark code, not API.
 */
public final class PresetDictionary {
  private static final int D = 8;
  private static final int SEGMENT = 64;
  /** Deflate's window. */
  public static final int MAX_BYTES = 32 * 1024;

  private PresetDictionary() {}

  /** Builds a dictionary of at most {@code size} bytes (at most {@value #MAX_BYTES}) from {@code samples}. */
  public static byte[] build(List<byte[]> samples, int size) {
    size = Math.min(size, MAX_BYTES);
    Map<Long, Integer> docFreq = new HashMap<>();
    for (byte[] s : samples) {
      Set<Long> seen = new HashSet<>();
      for (int i = 0; i + D <= s.length; i++) {
        long k = dmer(s, i);
        if (seen.add(k)) {
          docFreq.merge(k, 1, Integer::sum);
        }
      }
    }
    record Segment(byte[] sample, int at, long score) {}
    PriorityQueue<Segment> queue = new PriorityQueue<>((a, b) -> Long.compare(b.score, a.score));
    for (byte[] s : samples) {
      for (int at = 0; at + SEGMENT <= s.length; at += SEGMENT / 2) {
        queue.add(new Segment(s, at, score(s, at, docFreq, Set.of())));
      }
    }
    Set<Long> covered = new HashSet<>();
    List<byte[]> chosen = new ArrayList<>();
    int total = 0;
    while (!queue.isEmpty() && total + SEGMENT <= size) {
      Segment top = queue.poll();
      long now = score(top.sample, top.at, docFreq, covered);
      if (!queue.isEmpty() && now < queue.peek().score) {
        queue.add(new Segment(top.sample, top.at, now)); // lazy greedy: rescore, try again
        continue;
      }
      if (now <= 0) {
        break;
      }
      chosen.add(Arrays.copyOfRange(top.sample, top.at, top.at + SEGMENT));
      total += SEGMENT;
      for (int i = top.at; i + D <= top.at + SEGMENT; i++) {
        covered.add(dmer(top.sample, i));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(total);
    for (int i = chosen.size() - 1; i >= 0; i--) {
      out.writeBytes(chosen.get(i));
    }
    return out.toByteArray();
  }

  private static long score(byte[] s, int at, Map<Long, Integer> docFreq, Set<Long> covered) {
    long score = 0;
    Set<Long> counted = new HashSet<>();
    for (int i = at; i + D <= at + SEGMENT; i++) {
      long k = dmer(s, i);
      int f = docFreq.getOrDefault(k, 0);
      if (f >= 2 && !covered.contains(k) && counted.add(k)) {
        score += f;
      }
    }
    return score;
  }

  private static long dmer(byte[] s, int i) {
    long k = 0;
    for (int j = 0; j < D; j++) {
      k = k << 8 | (s[i + j] & 0xFF);
    }
    return k;
  }

  /** Raw Deflate (level 9) of {@code plain} with {@code dictionary} preset (none when empty). */
  public static byte[] deflate(byte[] plain, byte[] dictionary) {
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
    try {
      if (dictionary.length > 0) {
        d.setDictionary(dictionary);
      }
      d.setInput(plain);
      d.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 2 + 64);
      byte[] buf = new byte[8192];
      while (!d.finished()) {
        out.write(buf, 0, d.deflate(buf));
      }
      return out.toByteArray();
    } finally {
      d.end();
    }
  }

  /** Inverse of {@link #deflate}. */
  public static byte[] inflate(byte[] deflated, byte[] dictionary, int plainBytes) throws DataFormatException {
    Inflater in = new Inflater(true);
    try {
      if (dictionary.length > 0) {
        in.setDictionary(dictionary);
      }
      in.setInput(deflated);
      byte[] out = new byte[plainBytes];
      int n = 0;
      while (n < plainBytes && !in.finished()) {
        int k = in.inflate(out, n, plainBytes - n);
        if (k == 0 && in.needsInput()) {
          throw new DataFormatException("truncated");
        }
        n += k;
      }
      return out;
    } finally {
      in.end();
    }
  }
}
