package io.qrvid.examples.bench.decode;

import io.qrvid.examples.bench.synthetic.SymbolLabel;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One scored unit of a suite: usually one image at one rotation with the labels of its symbols; for zxing-cpp's
 * structured-append set, several images whose texts are joined in file order and compared with one expected text.
 */
final class BenchCase {
  /** Loads an image (decoding its file); called once per case, outside the timed region. */
  interface Source {
    BufferedImage load() throws IOException;

    /**
     * The image as {@code qrvid scan} loads it, for the chain (a JPEG's luma plane); by default {@link #load()}.
     * ZXing and BoofCV alone get {@link #load()}, the colour image their users decode.
     */
    default BufferedImage loadAsScanned() throws IOException {
      return load();
    }

    /** A source whose {@link #load()} is {@code colour}'s and whose {@link #loadAsScanned()} is {@code scanned}'s. */
    static Source of(Source colour, Source scanned) {
      return new Source() {
        @Override
        public BufferedImage load() throws IOException {
          return colour.load();
        }

        @Override
        public BufferedImage loadAsScanned() throws IOException {
          return scanned.load();
        }
      };
    }
  }

  /**
   * A label, whether its text is known (BoofCV's detection labels give only an outline), and other texts that are
   * not misreads there though they do not read the label (another real symbol at the same place, e.g. the outer
   * symbol of a "double QR").
   */
  record Truth(SymbolLabel label, boolean textKnown, List<String> alsoAccept) {
    Truth(SymbolLabel label, boolean textKnown) {
      this(label, textKnown, List.of());
    }
  }

  /** The images of a case, rotated, and its labels mapped the same way. */
  /** The images as decoded from their files, the same as {@code qrvid scan} loads them, and the labels. */
  record Loaded(List<BufferedImage> images, List<BufferedImage> asScanned, List<Truth> truths) {}

  final String suite;
  final String group;
  final String name;
  final int rotation;
  final List<Source> sources;
  final List<Truth> truths;
  /** Whether the decoders look for every symbol ({@code scanAll}) or the first ({@code scan}). */
  final boolean all;
  final boolean concatenate;

  BenchCase(String suite, String group, String name, int rotation, List<Source> sources, List<Truth> truths,
      boolean all, boolean concatenate) {
    this.suite = suite;
    this.group = group;
    this.name = name;
    this.rotation = rotation;
    this.sources = List.copyOf(sources);
    this.truths = List.copyOf(truths);
    this.all = all;
    this.concatenate = concatenate;
  }

  /** Symbols to read in this case (the codes column). */
  int codes() {
    return concatenate ? 1 : truths.size();
  }

  Loaded load() throws IOException {
    List<BufferedImage> images = new ArrayList<>();
    List<BufferedImage> asScanned = new ArrayList<>();
    List<Truth> mapped = new ArrayList<>(truths);
    for (Source s : sources) {
      BufferedImage img = s.load();
      if (img == null) {
        throw new IOException(name + ": no ImageIO reader for this image");
      }
      BufferedImage scanned = s.loadAsScanned();
      asScanned.add(scanned == img ? null : Rotations.rotate(scanned, rotation));
      if (rotation % 360 != 0 && images.isEmpty()) {
        mapped.clear();
        for (Truth t : truths) {
          SymbolLabel l = t.label();
          List<Point2D.Double> o = Rotations.rotate(l.outline(), img.getWidth(), img.getHeight(), rotation);
          mapped.add(new Truth(new SymbolLabel(l.text(), l.bytes(), o, l.version(), l.ec(), l.mask(), l.notes()),
              t.textKnown(), t.alsoAccept()));
        }
      }
      images.add(Rotations.rotate(img, rotation));
    }
    for (int i = 0; i < asScanned.size(); i++) {
      if (asScanned.get(i) == null) {
        asScanned.set(i, images.get(i));
      }
    }
    return new Loaded(images, asScanned, mapped);
  }

  /** Reads and misreads of one decoder on this case. */
  record Score(int read, int misread) {}

  /**
   * Scores the reads of each image: a label is read when a decoded symbol whose centre lies inside its outline has
   * its text (or, for byte-mode content, its bytes); a decoded symbol is a misread when no label it lies in has its
   * text (or an also-accepted text), including when it lies in none. Structured append: read when every image gave a symbol and the joined
   * texts equal the expected text, misread when they differ.
   */
  static Score score(List<List<Read>> perImage, List<Truth> truths, boolean concatenate) {
    if (concatenate) {
      StringBuilder joined = new StringBuilder();
      for (List<Read> reads : perImage) {
        if (reads.isEmpty()) {
          return new Score(0, 0);
        }
        joined.append(reads.get(0).text());
      }
      boolean ok = truths.stream().anyMatch(t -> !t.textKnown() || t.label().text().contentEquals(joined));
      boolean other = truths.stream().anyMatch(t -> t.alsoAccept().contains(joined.toString()));
      return new Score(ok ? 1 : 0, ok || other ? 0 : 1);
    }
    List<Read> reads = perImage.get(0);
    int read = 0;
    for (Truth t : truths) {
      for (Read r : reads) {
        if (lies(r, t) && matches(r, t)) {
          read++;
          break;
        }
      }
    }
    int misread = 0;
    for (Read r : reads) {
      boolean good = false;
      for (Truth t : truths) {
        if (lies(r, t) && (matches(r, t) || t.alsoAccept().contains(r.text()))) {
          good = true;
          break;
        }
      }
      if (!good) {
        misread++;
      }
    }
    return new Score(read, misread);
  }

  private static boolean lies(Read r, Truth t) {
    return !r.located() || t.label().contains(r.x(), r.y());
  }

  private static boolean matches(Read r, Truth t) {
    if (!t.textKnown()) {
      return true;
    }
    byte[] bytes = t.label().bytes();
    return r.text().equals(t.label().text()) || (bytes.length > 0 && Arrays.equals(bytes, r.raw()));
  }
}
