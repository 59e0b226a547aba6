package io.qrvid.examples.bench.decode;

import io.qrvid.decode.ImageLoader;
import io.qrvid.examples.bench.synthetic.Category;
import io.qrvid.examples.bench.synthetic.HardImageGenerator;
import io.qrvid.examples.bench.synthetic.LabelFiles;
import io.qrvid.examples.bench.synthetic.SymbolLabel;
import io.qrvid.examples.bench.synthetic.SyntheticImage;
import java.awt.geom.Point2D;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * A named list of cases to decode: the synthetic set made in memory, or a folder in one of the layouts the bench
 * reads (see {@link #folder}).
 */
final class Suite {
  private static final Pattern IMAGE = Pattern.compile("(?i).*\\.(png|jpe?g|gif|bmp|webp|pgm)$");
  private static final Pattern APPEND_PART = Pattern.compile("(.+)-\\d+$");
  private static final ImageLoader JPEG_LOADER = ImageLoader.builder().lumaPlane(true).build();

  final String name;
  /** "categories": rows per category with pooled and category-average rows; "sets": rows per set and rotation. */
  final boolean categories;
  final Thresholds thresholds;
  final List<BenchCase> cases;
  final String description;

  Suite(String name, boolean categories, Thresholds thresholds, List<BenchCase> cases, String description) {
    this.name = name;
    this.categories = categories;
    this.thresholds = thresholds;
    this.cases = List.copyOf(cases);
    this.description = description;
  }

  /** Whether a group counts in the pooled and category-average rows (not negatives, not the over-damage sweep). */
  static boolean photoGroup(String group) {
    return !group.startsWith("negative") && !group.equals(Category.OVER_DAMAGE.id());
  }

  /**
   * Generates the synthetic set on {@code workers} threads (generation is not timed).
   *
   * @param counts images per category, in the order the rows are printed
   */
  static Suite synthetic(long seed, Map<Category, Integer> counts, int workers, int longSide) {
    List<BenchCase> cases = new ArrayList<>();
    generate(seed, counts, workers, longSide, img -> {
      List<BenchCase.Truth> truths = new ArrayList<>();
      for (SymbolLabel l : img.labels()) {
        truths.add(new BenchCase.Truth(l, true));
      }
      // the chain gets a JPEG as qrvid scan loads it from its file (the luma plane): a set in memory reads as written
      BenchCase.Source source = !img.format().equals("jpg") ? img::image
          : BenchCase.Source.of(img::image, () -> JPEG_LOADER.load(img.encoded()));
      cases.add(new BenchCase("synthetic", img.category().id(), img.name(), 0, List.of(source), truths, true,
          false));
    });
    StringBuilder d = new StringBuilder("seed " + seed + ", images per category:");
    counts.forEach((c, n) -> d.append(' ').append(c.id()).append('=').append(n));
    if (longSide > 0) {
      d.append(", up-scaled to a long side of ").append(longSide).append(" px");
    }
    return new Suite("synthetic", true, Thresholds.NONE, cases, d.toString());
  }

  /**
   * Generates the synthetic set on {@code workers} threads and writes it under {@code dir} (see
   * {@link LabelFiles}).
   *
   * @return the number of images written
   * @throws IOException if a file cannot be written
   */
  static int write(long seed, Map<Category, Integer> counts, int workers, int longSide, Path dir)
      throws IOException {
    int[] written = {0};
    try {
      generate(seed, counts, workers, longSide, img -> {
        try {
          LabelFiles.write(img, dir);
          written[0]++;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return written[0];
  }

  /**
   * Generates in parallel (up-scaled to {@code longSide} when it is positive) and hands the images to {@code sink} on
   * the calling thread, in order.
   */
  private static void generate(long seed, Map<Category, Integer> counts, int workers, int longSide,
      java.util.function.Consumer<SyntheticImage> sink) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, workers), r -> {
      Thread t = new Thread(r, "synthetic-generator");
      t.setDaemon(true);
      return t;
    });
    try {
      HardImageGenerator g = new HardImageGenerator(seed);
      List<Future<SyntheticImage>> futures = new ArrayList<>();
      for (Map.Entry<Category, Integer> e : counts.entrySet()) {
        for (int i = 0; i < e.getValue(); i++) {
          int index = i;
          futures.add(pool.submit(() -> {
            SyntheticImage img = g.generate(e.getKey(), index);
            return longSide > 0 ? img.withLongSide(longSide) : img;
          }));
        }
      }
      for (Future<SyntheticImage> f : futures) {
        sink.accept(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while generating", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("generating the synthetic set failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Reads a folder. Every image under it (PNG, JPEG, GIF, BMP, WebP) is a case when a label sits beside it:
   * <ul>
   *   <li>{@code <name>.json} (qrvid label files, as {@code --synthetic --write} makes them): symbols with text
   *       and outline; all symbols are looked for ({@code scanAll});
   *   <li>{@code <name>.txt} holding {@code SETS} and one line of corner coordinates per symbol, or only numbers
   *       (BoofCV's QR detection benchmark): outlines without text ({@code scanAll}; a read counts by position);
   *   <li>{@code <name>.txt} holding anything else (ZXing's and zxing-cpp's blackbox layout): the expected text of
   *       the one symbol, compared as a string ({@code scan}, the first symbol found); for zxing-cpp's
   *       structured-append set, images {@code <p>-1 ... <p>-n} with {@code <p>.txt} are read in order and joined.
   * </ul>
   * Images without a label under a folder named {@code negative*} are negatives (every symbol found is a misread).
   * Groups are the first folder level under {@code dir}. Expected texts listed in the bench's corrections file
   * (by the image's SHA-256) replace the file's.
   *
   * @throws IOException if the folder cannot be listed or a label file is malformed
   */
  static Suite folder(Path dir, List<Integer> rotations, Thresholds thresholds) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("not a folder: " + dir);
    }
    List<Path> images = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(Files::isRegularFile).filter(p -> IMAGE.matcher(p.getFileName().toString()).matches()).sorted()
          .forEach(images::add);
    }
    Map<String, List<String[]>> corrections = Corrections.load();
    String suite = dir.toAbsolutePath().normalize().getFileName() == null ? dir.toString()
        : dir.toAbsolutePath().normalize().getFileName().toString();
    boolean labelled = false;
    List<BenchCase> cases = new ArrayList<>();
    Map<Path, List<Path>> appendParts = new TreeMap<>();
    for (int rotation : rotations) {
      for (Path img : images) {
        String group = group(dir, img);
        Path json = LabelFiles.labelFileOf(img);
        Path txt = sibling(img, ".txt");
        List<BenchCase.Truth> truths = new ArrayList<>();
        boolean all;
        if (Files.exists(json)) {
          for (SymbolLabel l : LabelFiles.read(json)) {
            truths.add(new BenchCase.Truth(l, true));
          }
          all = true;
          labelled = true;
        } else if (Files.exists(txt)) {
          String content = Files.readString(txt, StandardCharsets.UTF_8);
          List<List<Point2D.Double>> polygons = polygons(content);
          if (polygons != null) {
            for (List<Point2D.Double> p : polygons) {
              truths.add(new BenchCase.Truth(new SymbolLabel("", new byte[0], p, 0, null, -1, List.of()), false));
            }
            all = true;
            labelled = true;
          } else {
            String expected = content;
            List<String> also = new ArrayList<>();
            for (String[] c : corrections.getOrDefault(sha256(img), List.of())) {
              if (c[0].equals("replace")) {
                expected = c[1];
              } else {
                also.add(c[1]);
              }
            }
            truths.add(new BenchCase.Truth(SymbolLabel.textOnly(expected), true, also));
            all = false;
          }
        } else {
          Matcher m = APPEND_PART.matcher(stem(img));
          Path whole = m.matches() ? img.resolveSibling(m.group(1) + ".txt") : null;
          if (whole != null && Files.exists(whole)) {
            if (rotation == rotations.get(0)) {
              appendParts.computeIfAbsent(whole, k -> new ArrayList<>()).add(img);
            }
            continue;
          }
          if (!dir.relativize(img).toString().toLowerCase(Locale.ROOT).contains("negative")) {
            continue;
          }
          all = true;
        }
        cases.add(new BenchCase(suite, group, dir.relativize(img).toString(), rotation, List.of(fileSource(img)),
            truths, all, false));
      }
    }
    for (Map.Entry<Path, List<Path>> e : appendParts.entrySet()) {
      List<BenchCase.Source> sources = new ArrayList<>();
      e.getValue().forEach(p -> sources.add(fileSource(p)));
      String expected = Files.readString(e.getKey(), StandardCharsets.UTF_8);
      cases.add(new BenchCase(suite, group(dir, e.getKey()), dir.relativize(e.getKey()).toString(), 0, sources,
          List.of(new BenchCase.Truth(SymbolLabel.textOnly(expected), true)), false, true));
    }
    cases.sort(java.util.Comparator.comparingInt((BenchCase c) -> c.rotation).thenComparingInt(c -> rank(c.group))
        .thenComparing(c -> c.group).thenComparing(c -> c.name));
    String desc = images.size() + " images under " + dir + (rotations.size() > 1 || rotations.get(0) != 0
        ? ", rotations " + rotations : "");
    return new Suite(suite, labelled, thresholds, cases, desc);
  }

  /** Category folders in table order (as the synthetic set prints them), other folders after them by name. */
  private static int rank(String group) {
    try {
      return Category.of(group).ordinal();
    } catch (IllegalArgumentException e) {
      return Integer.MAX_VALUE;
    }
  }

  /**
   * An image file: through ImageIO (which also reads PGM) for ZXing and BoofCV alone, the colour image their users
   * decode; for the chain a JPEG as {@code qrvid scan} and {@link io.qrvid.decode.QrDecodeChain}'s own loading read
   * it (its luma plane alone, {@link ImageLoader.Builder#lumaPlane(boolean)}), so that the chain's column is what
   * {@code qrvid scan} reads.
   */
  static BenchCase.Source fileSource(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    BenchCase.Source colour = () -> {
      try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(p))) {
        return ImageIO.read(in);
      }
    };
    if (!name.endsWith(".jpg") && !name.endsWith(".jpeg")) {
      return colour;
    }
    return BenchCase.Source.of(colour, () -> JPEG_LOADER.load(p));
  }

  private static String group(Path dir, Path img) {
    Path rel = dir.relativize(img);
    return rel.getNameCount() > 1 ? rel.getName(0).toString() : ".";
  }

  private static String stem(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot < 0 ? n : n.substring(0, dot);
  }

  private static Path sibling(Path img, String ext) {
    return img.resolveSibling(stem(img) + ext);
  }

  /**
   * BoofCV's point-set label format ({@code # comments}, then {@code SETS} and one line of x y pairs per polygon;
   * or only x y lines, one polygon), or null when the text is not made of numbers.
   */
  static List<List<Point2D.Double>> polygons(String content) {
    List<String> lines = new ArrayList<>();
    for (String line : content.split("\\R")) {
      String t = line.strip();
      if (!t.isEmpty() && !t.startsWith("#")) {
        lines.add(t);
      }
    }
    if (lines.isEmpty()) {
      return null;
    }
    boolean sets = lines.get(0).equals("SETS");
    List<List<Point2D.Double>> out = new ArrayList<>();
    List<Point2D.Double> single = new ArrayList<>();
    for (String line : sets ? lines.subList(1, lines.size()) : lines) {
      String[] words = line.split("[\\s,]+");
      if (words.length % 2 != 0) {
        return null;
      }
      List<Point2D.Double> poly = new ArrayList<>();
      try {
        for (int i = 0; i < words.length; i += 2) {
          poly.add(new Point2D.Double(Double.parseDouble(words[i]), Double.parseDouble(words[i + 1])));
        }
      } catch (NumberFormatException e) {
        return null;
      }
      if (sets) {
        if (poly.size() >= 3) {
          out.add(poly);
        }
      } else {
        single.addAll(poly);
      }
    }
    if (!sets) {
      if (single.size() < 3) {
        return null;
      }
      out.add(single);
    }
    return out;
  }

  static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Expected-text corrections shipped with the bench ({@code corrections.tsv} beside this class), keyed by the
   * image's SHA-256 so that a copy anywhere is recognised: {@code replace} gives the right expected text for a wrong
   * expected file; {@code also} names another real symbol at the same place whose text is not a misread.
   */
  static final class Corrections {
    private Corrections() {}

    /** sha256 to (mode, text) pairs; columns: sha256, path (informational), mode, text (\\n \\r \\t \\\\ escapes), why. */
    static Map<String, List<String[]>> load() {
      Map<String, List<String[]>> out = new HashMap<>();
      try (InputStream in = Suite.class.getResourceAsStream("corrections.tsv")) {
        if (in == null) {
          return out;
        }
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          if (line.isBlank() || line.startsWith("#")) {
            continue;
          }
          String[] f = line.split("\t", -1);
          if (f.length < 4 || !(f[2].equals("replace") || f[2].equals("also"))) {
            throw new IllegalStateException("corrections.tsv: bad line: " + line);
          }
          out.computeIfAbsent(f[0].trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
              .add(new String[] {f[2], unescape(f[3])});
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out;
    }

    static String unescape(String s) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '\\' && i + 1 < s.length()) {
          char n = s.charAt(++i);
          b.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n == 't' ? '\t' : n);
        } else {
          b.append(c);
        }
      }
      return b.toString();
    }
  }

  /** Rows in first-seen order: (group, rotation). */
  LinkedHashMap<String, List<BenchCase>> byRow() {
    LinkedHashMap<String, List<BenchCase>> rows = new LinkedHashMap<>();
    for (BenchCase c : cases) {
      rows.computeIfAbsent(c.group + "@" + c.rotation, k -> new ArrayList<>()).add(c);
    }
    return rows;
  }
}
