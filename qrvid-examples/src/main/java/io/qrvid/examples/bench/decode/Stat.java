package io.qrvid.examples.bench.decode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Counts and per-image times of one decoder on one row (or a summary of rows). Not thread-safe. */
final class Stat {
  int images;
  int codes;
  int read;
  int misread;
  private final List<Double> ms = new ArrayList<>();
  /** Total milliseconds over {@link #images} (from per-image times or from given means). */
  private double sumMs;
  /** Whether every image's time is in {@link #ms} (else only the mean is known, and p95 only for a given row). */
  private boolean complete = true;
  private double givenP95 = Double.NaN;
  /** The longest time of one image (NaN when unknown), and that image's name ({@code case @ rotation}). */
  private double maxMs = Double.NaN;
  private String slowest = "";

  void add(int codes, BenchCase.Score s, double millis, String image) {
    images++;
    this.codes += codes;
    read += s.read();
    misread += s.misread();
    ms.add(millis);
    sumMs += millis;
    if (Double.isNaN(maxMs) || millis > maxMs) {
      maxMs = millis;
      slowest = image;
    }
  }

  void addAll(Stat o) {
    images += o.images;
    codes += o.codes;
    read += o.read;
    misread += o.misread;
    ms.addAll(o.ms);
    sumMs += o.sumMs;
    complete &= o.complete;
    givenP95 = Double.NaN;
    if (!Double.isNaN(o.maxMs) && (Double.isNaN(maxMs) || o.maxMs > maxMs)) {
      maxMs = o.maxMs;
      slowest = o.slowest;
    }
  }

  /** A row measured elsewhere (e.g. by bench/zxing-wasm), with its own mean, p95 and max (NaN when not given). */
  static Stat given(int images, int codes, int read, int misread, double mean, double p95, double max) {
    Stat s = new Stat();
    s.images = images;
    s.codes = codes;
    s.read = read;
    s.misread = misread;
    s.sumMs = mean * images;
    s.complete = false;
    s.givenP95 = p95;
    s.maxMs = max;
    return s;
  }

  /** Mean milliseconds per image (NaN without images). */
  double mean() {
    return images == 0 ? Double.NaN : sumMs / images;
  }

  /** The 95th percentile (nearest rank); NaN when only means were given for some of the rows summed. */
  double p95() {
    if (!complete || ms.isEmpty()) {
      return givenP95;
    }
    List<Double> s = new ArrayList<>(ms);
    Collections.sort(s);
    return s.get((int) Math.max(0, Math.ceil(s.size() * 0.95) - 1));
  }

  /**
   * The longest time of one image, in milliseconds (NaN when unknown): a single slow image hides in the mean and
   * the p95 (one 20-second photo among 536 adds 37 ms to the mean).
   */
  double max() {
    return maxMs;
  }

  /** {@return the name of the image that took {@link #max()}, empty when unknown} */
  String slowest() {
    return slowest;
  }

  double fraction() {
    return codes == 0 ? Double.NaN : (double) read / codes;
  }
}
