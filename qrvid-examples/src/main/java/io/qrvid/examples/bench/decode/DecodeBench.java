package io.qrvid.examples.bench.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrvid.examples.bench.synthetic.Category;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Runs decoders over suites one image at a time on one thread, all decoders on the same image before the next
 * (side by side in one run: machine noise hits them alike), and prints per row: codes, reads, misreads, mean, p95
 * and max milliseconds per image, and per table the slowest image of each decoder (a single slow image hides in a
 * mean and a p95). Image loading and rotation happen before the clock starts. Not thread-safe.
 */
public final class DecodeBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<BenchDecoder> decoders;
  private final int warmup;
  private final PrintStream out;
  private final PrintStream progress;
  private final boolean json;
  /** suite -> row key -> decoder -> stat. */
  private final Map<String, Map<String, Map<String, Stat>>> stats = new LinkedHashMap<>();
  private final Map<String, Suite> suites = new LinkedHashMap<>();
  private final Set<String> decoderNames = new LinkedHashSet<>();
  private final List<String> failures = new ArrayList<>();
  private final List<String> misreads = new ArrayList<>();

  DecodeBench(List<BenchDecoder> decoders, int warmup, PrintStream out, PrintStream progress, boolean json) {
    this.decoders = List.copyOf(decoders);
    this.warmup = warmup;
    this.out = out;
    this.progress = progress;
    this.json = json;
    decoders.forEach(d -> decoderNames.add(d.name()));
  }

  private static String snippet(String text) {
    String t = text.replaceAll("\\p{Cntrl}", "\u00b7");
    return t.length() <= 40 ? t : t.substring(0, 37) + "...";
  }

  /** Each misread: suite, image, rotation, decoder and the texts decoded (listed on stderr by the command). */
  List<String> misreads() {
    return misreads;
  }

  /** Images that could not be read (named on stderr by the command). */
  List<String> failures() {
    return failures;
  }

  void run(Suite suite) {
    suites.put(suite.name, suite);
    Map<String, Map<String, Stat>> rows = stats.computeIfAbsent(suite.name, k -> new LinkedHashMap<>());
    for (String key : suite.byRow().keySet()) {
      rows.computeIfAbsent(key, k -> new LinkedHashMap<>());
    }
    int warm = Math.min(warmup, suite.cases.size());
    for (int i = 0; i < warm; i++) {
      try {
        BenchCase.Loaded l = suite.cases.get(i).load();
        for (BenchDecoder d : decoders) {
          for (BufferedImage img : d.asScanned() ? l.asScanned() : l.images()) {
            d.decode(img, suite.cases.get(i).all);
          }
        }
      } catch (IOException | RuntimeException e) {
        // reported when the case is measured
      }
    }
    int done = 0;
    for (BenchCase c : suite.cases) {
      BenchCase.Loaded loaded;
      try {
        loaded = c.load();
      } catch (IOException | RuntimeException e) {
        failures.add(c.name + ": " + e.getMessage());
        continue;
      }
      Map<String, Stat> row = rows.get(c.group + "@" + c.rotation);
      for (BenchDecoder d : decoders) {
        List<List<Read>> perImage = new ArrayList<>();
        long t0 = System.nanoTime();
        for (BufferedImage img : d.asScanned() ? loaded.asScanned() : loaded.images()) {
          perImage.add(d.decode(img, c.all));
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        BenchCase.Score s = BenchCase.score(perImage, loaded.truths(), c.concatenate);
        if (s.misread() > 0) {
          StringBuilder texts = new StringBuilder();
          perImage.forEach(l -> l.forEach(r -> texts.append(" \"").append(snippet(r.text())).append('"')));
          misreads.add(String.format(Locale.ROOT, "%s %s @ %d: %s misread %d of%s", suite.name, c.name, c.rotation,
              d.name(), s.misread(), texts));
        }
        row.computeIfAbsent(d.name(), k -> new Stat()).add(c.codes(), s, ms, c.name + " @ " + c.rotation);
      }
      done++;
      if (progress != null && (done % 25 == 0 || done == suite.cases.size())) {
        progress.printf("\r%s: %d/%d images", suite.name, done, suite.cases.size());
        if (done == suite.cases.size()) {
          progress.println();
        }
      }
    }
  }

  /**
   * Adds rows measured elsewhere: JSON lines with suite, group, rotation, decoder, images, codes, read, misread,
   * meanMs, p95Ms, optionally maxMs (what {@code bench/zxing-wasm} prints); summary rows in the file are ignored
   * (they are recomputed).
   *
   * @throws IOException if the file cannot be read or a line is not such an object
   */
  void addResults(Path file) throws IOException {
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = JSON.readTree(line);
      if (!n.hasNonNull("suite") || !n.hasNonNull("decoder") || !n.hasNonNull("group")
          || n.path("summary").asBoolean(false)) {
        continue;
      }
      String key = n.path("group").asText() + "@" + n.path("rotation").asInt(0);
      Map<String, Stat> row = stats.computeIfAbsent(n.path("suite").asText(), k -> new LinkedHashMap<>())
          .computeIfAbsent(key, k -> new LinkedHashMap<>());
      String decoder = n.path("decoder").asText();
      decoderNames.add(decoder);
      row.put(decoder, Stat.given(n.path("images").asInt(), n.path("codes").asInt(), n.path("read").asInt(),
          n.path("misread").asInt(), n.path("meanMs").asDouble(Double.NaN), n.path("p95Ms").asDouble(Double.NaN),
          n.path("maxMs").asDouble(Double.NaN)));
    }
  }

  /**
   * Runs a whole benchmark: generates or writes the synthetic set, reads the folders, decodes, prints.
   *
   * @return the exit code: 0 measured, 1 some images could not be read (named on {@code err}), 3 bad input
   */
  public static int run(DecodeBenchOptions o, PrintStream out, PrintStream err) {
    if (o.longSide < 0) {
      err.println("--long-side must be 0 (as generated) or a positive number of pixels: " + o.longSide);
      return 2;
    }
    Map<Category, Integer> counts = new LinkedHashMap<>();
    Set<Category> wanted = new LinkedHashSet<>();
    for (String c : o.categories) {
      try {
        wanted.add(Category.of(c));
      } catch (IllegalArgumentException e) {
        if (o.synthetic || o.write != null || o.folders.isEmpty()) {
          err.println(e.getMessage());
          return 2;
        }
      }
    }
    for (Category c : Category.values()) {
      if (wanted.isEmpty() || wanted.contains(c)) {
        int n = c == Category.NEGATIVE ? o.negatives
            : c == Category.OVER_DAMAGE ? o.overDamage : o.count;
        if (n > 0) {
          counts.put(c, n);
        }
      }
    }
    if (o.write != null) {
      try {
        int written = Suite.write(o.seed, counts, o.workers, o.longSide, o.write);
        out.printf("wrote %d images with labels to %s (seed %d)%n", written, o.write, o.seed);
        return 0;
      } catch (IOException e) {
        err.println("cannot write " + o.write + ": " + e.getMessage());
        return 3;
      }
    }
    if (java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .anyMatch(a -> a.startsWith("-XX:SharedArchiveFile"))) {
      err.println("bench decode: this JVM maps a class-data sharing archive; once (2026-11-25) qrvid's archive made "
          + "image conversion (BufferedImage.getRGB) 10-50x slower, starving the chain's time budget. For numbers "
          + "to compare, run QRVID_CDS=0 ./qrvid bench decode ...");
    }
    List<BenchDecoder> decoders = new ArrayList<>();
    for (String d : o.decoders) {
      switch (d.trim().toLowerCase(Locale.ROOT)) {
        case "zxing":
          decoders.add(BenchDecoder.zxing());
          break;
        case "zxing-hard":
          decoders.add(BenchDecoder.zxingTryHarder());
          break;
        case "boofcv":
          decoders.add(BenchDecoder.boofcv());
          break;
        case "chain":
          decoders.add(BenchDecoder.chain(o.budget));
          break;
        default:
          err.println("unknown decoder '" + d + "' (zxing, zxing-hard, boofcv, chain)");
          return 2;
      }
    }
    List<Suite> suites = new ArrayList<>();
    try {
      for (Path dir : o.folders) {
        Thresholds th = switch (o.thresholds) {
          case "zxing" -> Thresholds.ZXING;
          case "zxing-cpp" -> Thresholds.ZXING_CPP;
          case "none" -> Thresholds.NONE;
          default -> Thresholds.forFolder(dir.toAbsolutePath().normalize().getFileName().toString());
        };
        Suite s = Suite.folder(dir, o.rotations, th);
        if (!o.categories.isEmpty()) {
          Set<String> keep = new LinkedHashSet<>();
          wanted.forEach(c -> keep.add(c.id()));
          o.categories.forEach(c -> keep.add(c.trim()));
          s = new Suite(s.name, s.categories, s.thresholds, s.cases.stream().filter(c -> keep.contains(c.group))
              .toList(), s.description + ", groups " + keep);
        }
        if (s.cases.isEmpty()) {
          err.println("no labelled images under " + dir);
          return 3;
        }
        suites.add(s);
      }
    } catch (IOException e) {
      err.println(e.getMessage());
      return 3;
    }
    if (o.synthetic) {
      suites.add(0, Suite.synthetic(o.seed, counts, o.workers, o.longSide));
    }
    if (suites.isEmpty()) {
      err.println("nothing to measure: give a folder or --synthetic");
      return 2;
    }
    DecodeBench bench = new DecodeBench(decoders, o.warmup, out, o.quiet || System.console() == null ? null : err,
        o.json);
    for (Suite s : suites) {
      bench.run(s);
    }
    try {
      for (Path p : o.withResults) {
        bench.addResults(p);
      }
    } catch (IOException e) {
      err.println("cannot read results " + e.getMessage());
      return 3;
    }
    bench.print();
    for (String m : bench.misreads()) {
      err.println("misread: " + m);
    }
    for (String f : bench.failures()) {
      err.println("not measured: " + f);
    }
    return bench.failures().isEmpty() ? 0 : 1;
  }

  /** Prints every suite's table (or JSON lines). */
  void print() {
    for (Map.Entry<String, Map<String, Map<String, Stat>>> e : stats.entrySet()) {
      Suite suite = suites.get(e.getKey());
      boolean categories = suite == null ? e.getValue().keySet().stream().noneMatch(k -> !k.endsWith("@0"))
          : suite.categories;
      Thresholds th = suite == null ? Thresholds.forFolder(e.getKey()) : suite.thresholds;
      if (json) {
        printJson(e.getKey(), e.getValue(), categories);
      } else {
        printTable(e.getKey(), suite == null ? "" : suite.description, e.getValue(), categories, th);
      }
    }
  }

  private List<String> names() {
    return new ArrayList<>(decoderNames);
  }

  private void printTable(String name, String description, Map<String, Map<String, Stat>> rows, boolean categories,
      Thresholds th) {
    List<String> names = names();
    out.printf("%n== %s%s%n", name, description.isEmpty() ? "" : " (" + description + ")");
    out.println("per image: codes = labelled symbols; read = codes whose label holds a decoded symbol's centre "
        + "with the same text; mis = decoded symbols with a text no label around them has; ms = decode time");
    StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-26s", categories ? "category (codes)"
        : "set @ rotation (codes)"));
    if (th != Thresholds.NONE) {
      h.append(String.format(Locale.ROOT, " %7s", th == Thresholds.ZXING_CPP ? "fast/slw" : "must"));
    }
    for (String d : names) {
      h.append(String.format(Locale.ROOT, " | %-10s %4s %7s %7s %7s", d, "mis", "mean ms", "p95 ms", "max ms"));
    }
    out.println(h);
    Map<String, Stat> pooled = new LinkedHashMap<>();
    Map<String, double[]> average = new LinkedHashMap<>();
    Map<Integer, Map<String, Stat>> perRotation = new LinkedHashMap<>();
    int photoRows = 0;
    for (Map.Entry<String, Map<String, Stat>> r : rows.entrySet()) {
      String group = r.getKey().substring(0, r.getKey().lastIndexOf('@'));
      int rotation = Integer.parseInt(r.getKey().substring(r.getKey().lastIndexOf('@') + 1));
      int codes = r.getValue().values().stream().mapToInt(s -> s.codes).max().orElse(0);
      int images = r.getValue().values().stream().mapToInt(s -> s.images).max().orElse(0);
      String label = categories ? group : group + " @ " + rotation;
      label += codes == 0 ? " (" + images + " images)" : " (" + codes + ")";
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-26s", label));
      OptionalInt must = th.fast(group, rotation);
      if (th != Thresholds.NONE) {
        OptionalInt slow = th.slow(group, rotation);
        line.append(String.format(Locale.ROOT, " %7s", must.isEmpty() ? "" : th == Thresholds.ZXING_CPP
            ? must.getAsInt() + "/" + slow.getAsInt() : String.valueOf(must.getAsInt())));
      }
      boolean photo = categories && Suite.photoGroup(group) && codes > 0;
      if (photo) {
        photoRows++;
      }
      for (String d : names) {
        Stat s = r.getValue().get(d);
        line.append(cell(s, must, codes == 0));
        if (s != null && photo) {
          pooled.computeIfAbsent(d, k -> new Stat()).addAll(s);
          double[] a = average.computeIfAbsent(d, k -> new double[2]);
          a[0] += s.fraction();
          a[1]++;
        }
        if (s != null && !categories) {
          perRotation.computeIfAbsent(rotation, k -> new LinkedHashMap<>()).computeIfAbsent(d, k -> new Stat())
              .addAll(s);
        }
      }
      out.println(line);
    }
    if (categories && photoRows > 0) {
      StringBuilder p = new StringBuilder(String.format(Locale.ROOT, "%-26s", "pooled"));
      StringBuilder a = new StringBuilder(String.format(Locale.ROOT, "%-26s", "category average"));
      if (th != Thresholds.NONE) {
        p.append(String.format(Locale.ROOT, " %7s", ""));
        a.append(String.format(Locale.ROOT, " %7s", ""));
      }
      for (String d : names) {
        Stat s = pooled.get(d);
        p.append(s == null ? blank() : String.format(Locale.ROOT, " | %-10s %4d %7s %7s %7s",
            String.format(Locale.ROOT, "%.1f%%", 100 * s.fraction()), s.misread, ms(s.mean()), ms(s.p95()),
            ms(s.max())));
        double[] av = average.get(d);
        a.append(av == null ? blank() : String.format(Locale.ROOT, " | %-10s %4s %7s %7s %7s",
            String.format(Locale.ROOT, "%.1f%%", 100 * av[0] / av[1]), "", "", "", ""));
      }
      out.println(p);
      out.println(a);
    }
    if (!categories && perRotation.size() > 0) {
      for (Map.Entry<Integer, Map<String, Stat>> r : perRotation.entrySet()) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-26s", "total @ " + r.getKey()));
        int must = 0;
        boolean any = false;
        for (String key : rows.keySet()) {
          if (key.endsWith("@" + r.getKey())) {
            OptionalInt m = th.fast(key.substring(0, key.lastIndexOf('@')), r.getKey());
            if (m.isPresent()) {
              must += m.getAsInt();
              any = true;
            }
          }
        }
        if (th != Thresholds.NONE) {
          line.append(String.format(Locale.ROOT, " %7s", any ? String.valueOf(must) : ""));
        }
        for (String d : names) {
          line.append(cell(r.getValue().get(d), any ? OptionalInt.of(must) : OptionalInt.empty(), false));
        }
        out.println(line);
      }
    }
    // the slowest image of the table per decoder, named: one slow image hides in a mean and a p95
    StringBuilder slowest = new StringBuilder();
    for (String d : names) {
      Stat all = new Stat();
      for (Map<String, Stat> r : rows.values()) {
        if (r.get(d) != null) {
          all.addAll(r.get(d));
        }
      }
      if (!Double.isNaN(all.max()) && !all.slowest().isEmpty()) {
        slowest.append(slowest.length() == 0 ? "slowest image: " : "; ")
            .append(String.format(Locale.ROOT, "%s %s ms %s", d, ms(all.max()), all.slowest()));
      }
    }
    if (slowest.length() > 0) {
      out.println(slowest);
    }
  }

  private static String ms(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String blank() {
    return String.format(Locale.ROOT, " | %-10s %4s %7s %7s %7s", "-", "", "", "", "");
  }

  /** "read/codes" (a '!' marks a count below the threshold), misreads, mean, p95 and max ms. */
  private static String cell(Stat s, OptionalInt must, boolean negative) {
    if (s == null) {
      return blank();
    }
    String read = negative ? "-" : s.read + "/" + s.codes
        + (must.isPresent() && s.read < must.getAsInt() ? "!" : "");
    return String.format(Locale.ROOT, " | %-10s %4d %7s %7s %7s", read, s.misread, ms(s.mean()), ms(s.p95()),
        ms(s.max()));
  }

  private void printJson(String suite, Map<String, Map<String, Stat>> rows, boolean categories) {
    Map<String, Stat> pooled = new LinkedHashMap<>();
    Map<String, double[]> average = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Stat>> r : rows.entrySet()) {
      String group = r.getKey().substring(0, r.getKey().lastIndexOf('@'));
      int rotation = Integer.parseInt(r.getKey().substring(r.getKey().lastIndexOf('@') + 1));
      for (Map.Entry<String, Stat> e : r.getValue().entrySet()) {
        Stat s = e.getValue();
        ObjectNode n = line(suite, group, rotation, e.getKey(), s);
        Thresholds th = suites.containsKey(suite) ? suites.get(suite).thresholds : Thresholds.forFolder(suite);
        th.fast(group, rotation).ifPresent(v -> n.put("threshold", v));
        out.println(n);
        if (categories && Suite.photoGroup(group) && s.codes > 0) {
          pooled.computeIfAbsent(e.getKey(), k -> new Stat()).addAll(s);
          double[] a = average.computeIfAbsent(e.getKey(), k -> new double[2]);
          a[0] += s.fraction();
          a[1]++;
        }
      }
    }
    for (Map.Entry<String, Stat> e : pooled.entrySet()) {
      ObjectNode n = line(suite, "pooled", 0, e.getKey(), e.getValue());
      n.put("summary", true);
      n.put("fraction", e.getValue().fraction());
      out.println(n);
      double[] a = average.get(e.getKey());
      ObjectNode avg = JSON.createObjectNode();
      avg.put("suite", suite);
      avg.put("group", "category-average");
      avg.put("decoder", e.getKey());
      avg.put("summary", true);
      avg.put("fraction", a[0] / a[1]);
      out.println(avg);
    }
  }

  private static ObjectNode line(String suite, String group, int rotation, String decoder, Stat s) {
    ObjectNode n = JSON.createObjectNode();
    n.put("suite", suite);
    n.put("group", group);
    n.put("rotation", rotation);
    n.put("decoder", decoder);
    n.put("images", s.images);
    n.put("codes", s.codes);
    n.put("read", s.read);
    n.put("misread", s.misread);
    if (!Double.isNaN(s.mean())) {
      n.put("meanMs", Math.round(s.mean() * 100) / 100.0);
    }
    if (!Double.isNaN(s.p95())) {
      n.put("p95Ms", Math.round(s.p95() * 100) / 100.0);
    }
    if (!Double.isNaN(s.max())) {
      n.put("maxMs", Math.round(s.max() * 100) / 100.0);
      if (!s.slowest().isEmpty()) {
        n.put("slowest", s.slowest());
      }
    }
    return n;
  }
}
