package io.qrvid.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrvid.core.QrvidException;
import io.qrvid.video.internal.HumbleRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property suite for issue 13: random index mutations and random video corruptions of a plain, a parity and an
 * interleaved-parity video, each restored into a fresh
 * folder under a deadline. Whatever the damage, every case must end in success or a typed error
 * ({@link QrvidException} or {@link IOException}), within the deadline, with every file written holding exactly the
 * bytes of an original document (its own, when only the video is damaged), nothing written outside the output
 * folder, and no temporary file left.
 *
 * <p>CI runs a small budget ({@value #DEFAULT_CASES} cases of each kind, seed 13). By hand, for longer:
 * <pre>
 * ./mvnw -B verify -pl qrvid-video -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=VideoFuzzIT -Dqrvid.fuzz.cases=300 -Dqrvid.fuzz.seed=$RANDOM
 * </pre>
 * ({@code -Dqrvid.fuzz.deadline=60s} changes the per-case deadline; a failing case prints its seed and mutation.)
 */
class VideoFuzzIT {
  static final int DEFAULT_CASES = 8;
  static final int CASES = Integer.getInteger("qrvid.fuzz.cases", DEFAULT_CASES);
  static final long SEED = Long.getLong("qrvid.fuzz.seed", 13L);
  static final Duration DEADLINE = Duration.ofSeconds(
      Long.parseLong(System.getProperty("qrvid.fuzz.deadline", "60s").replace("s", "")));

  @TempDir static Path fixtures;
  @TempDir Path tmp;
  static final Map<String, String> DOCS = new LinkedHashMap<>();
  static Path plain;
  static Path parity;
  static Path interleaved;
  static final Map<String, Integer> OUTCOMES = new java.util.concurrent.ConcurrentSkipListMap<>();

  @BeforeAll
  static void encode() throws IOException {
    assumeTrue(HumbleRuntime.isAvailable(), "Humble Video natives not available here");
    Random r = new Random(7);
    for (int d = 0; d < 4; d++) {
      DOCS.put("doc" + d + ".txt", Issue13VideoIT.text(r, 3000 + 1500 * d));
    }
    plain = fixtures.resolve("plain.mp4");
    Issue13VideoIT.encoder().encodeTexts(DOCS, plain);
    parity = fixtures.resolve("parity.mp4");
    Issue13VideoIT.encoder().newBuilder().parity(8, 2).build().encodeTexts(DOCS, parity);
    interleaved = fixtures.resolve("interleaved.mp4");
    Issue13VideoIT.encoder().newBuilder().parity(8, 2).parityInterleave(3).build().encodeTexts(DOCS, interleaved);
    System.out.printf("VideoFuzzIT: %d cases of each kind, seed %d, deadline %s%n", CASES, SEED, DEADLINE);
  }

  @AfterAll
  static void summary() {
    System.out.println("VideoFuzzIT outcomes: " + OUTCOMES);
  }

  // Index mutations ----------------------------------------------------------------------------------------------

  @TestFactory
  Stream<DynamicTest> randomIndexMutations() {
    return IntStream.range(0, CASES).mapToObj(i -> DynamicTest.dynamicTest("index mutation " + i, () -> {
      Random r = new Random(SEED * 1_000_003 + i);
      Path source = pick(r);
      ObjectNode json = (ObjectNode) IndexJson.Mapper.MAPPER.readTree(Files.readAllBytes(VideoIndex.pathFor(source)));
      List<String> done = new ArrayList<>();
      int n = 1 + r.nextInt(3);
      for (int k = 0; k < n; k++) {
        done.add(mutate(json, r));
      }
      runCase("seed " + SEED + " case " + i + " " + source.getFileName() + ": " + done,
          Files.readAllBytes(source), IndexJson.Mapper.MAPPER.writeValueAsBytes(json), false);
    }));
  }

  private static Path pick(Random r) {
    return switch (r.nextInt(3)) {
      case 0 -> plain;
      case 1 -> parity;
      default -> interleaved;
    };
  }

  /** One random change to the JSON tree; returns what it did. */
  static String mutate(ObjectNode root, Random r) {
    List<Object[]> slots = new ArrayList<>(); // {parent, key or index, path}
    collect(root, "", slots);
    Object[] slot = slots.get(r.nextInt(slots.size()));
    JsonNode parent = (JsonNode) slot[0];
    Object key = slot[1];
    String path = (String) slot[2];
    JsonNode old = key instanceof String s ? parent.get(s) : parent.get((Integer) key);
    JsonNodeFactory f = JsonNodeFactory.instance;
    JsonNode value;
    String what;
    int choice = r.nextInt(10);
    if (choice == 0) {
      if (parent instanceof ObjectNode o) {
        o.remove((String) key);
      } else {
        ((ArrayNode) parent).remove((Integer) key);
      }
      return "remove " + path;
    } else if (choice == 1 && parent instanceof ArrayNode a) {
      a.insert((Integer) key, old.deepCopy());
      return "duplicate " + path;
    } else if (choice == 2 && parent instanceof ArrayNode a && a.size() > 1) {
      int other = r.nextInt(a.size());
      JsonNode tmp = a.get(other);
      a.set(other, old);
      a.set((Integer) key, tmp);
      return "swap " + path + " with [" + other + "]";
    } else if (choice == 3) {
      value = f.nullNode();
      what = "null";
    } else if (old.isNumber()) {
      long[] specials = {-1, 0, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1L << 62, Long.MAX_VALUE, Long.MIN_VALUE,
          old.asLong() + 1, old.asLong() - 1, old.asLong() * 2, r.nextInt(1000)};
      value = f.numberNode(specials[r.nextInt(specials.length)]);
      what = value.toString();
    } else if (old.isTextual()) {
      String[] specials = {"", ".", "..", "./doc1.txt", "../doc1.txt", "../../etc/x", "a/b", "a\\b", "/tmp/x",
          "x\u0000y", "esc\u001b[2J", "doc1.txt", "doc2.txt", "DOC1.TXT", "n".repeat(260), "\ud800",
          HexFormat.of().formatHex(new byte[] {(byte) r.nextInt(), 1, 2, 3}), "L", "H", "libx264",
          old.asText() + "x"};
      value = f.textNode(specials[r.nextInt(specials.length)]);
      what = IndexJson.Mapper.MAPPER.valueToTree(value.asText()).toString();
    } else if (old.isBoolean()) {
      value = f.booleanNode(!old.asBoolean());
      what = value.toString();
    } else {
      value = r.nextBoolean() ? f.objectNode() : f.arrayNode();
      what = value.toString();
    }
    if (parent instanceof ObjectNode o) {
      o.set((String) key, value);
    } else {
      ((ArrayNode) parent).set((Integer) key, value);
    }
    return path + "=" + (what.length() > 40 ? what.substring(0, 40) + "..." : what);
  }

  private static void collect(JsonNode node, String path, List<Object[]> slots) {
    if (node instanceof ObjectNode o) {
      for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        String p = path.isEmpty() ? k : path + "." + k;
        slots.add(new Object[] {o, k, p});
        collect(o.get(k), p, slots);
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        String p = path + "[" + i + "]";
        slots.add(new Object[] {a, i, p});
        collect(a.get(i), p, slots);
      }
    }
  }

  // Video corruptions --------------------------------------------------------------------------------------------

  @TestFactory
  Stream<DynamicTest> randomVideoCorruptions() {
    return IntStream.range(0, CASES).mapToObj(i -> DynamicTest.dynamicTest("video corruption " + i, () -> {
      Random r = new Random(SEED * 2_000_003 + i);
      Path source = pick(r);
      byte[] video = Files.readAllBytes(source);
      StringBuilder what = new StringBuilder();
      byte[] damaged = corrupt(video, r, what);
      runCase("seed " + SEED + " case " + i + " " + source.getFileName() + ": " + what, damaged,
          Files.readAllBytes(VideoIndex.pathFor(source)), true);
    }));
  }

  static byte[] corrupt(byte[] v, Random r, StringBuilder what) {
    List<long[]> fragments = Mp4Boxes.fragments(v);
    List<long[]> boxes = Mp4Boxes.boxes(v);
    switch (r.nextInt(7)) {
      case 0 -> {
        byte[] out = v.clone();
        int n = 1 + r.nextInt(20);
        for (int k = 0; k < n; k++) {
          int at = r.nextInt(out.length);
          out[at] ^= (byte) (1 << r.nextInt(8));
        }
        what.append(n).append(" bit flips");
        return out;
      }
      case 1 -> {
        int len = r.nextInt(v.length);
        what.append("truncated to ").append(len).append(" of ").append(v.length);
        return Arrays.copyOf(v, len);
      }
      case 2 -> {
        long[] f = fragments.get(r.nextInt(fragments.size()));
        what.append("fragment ").append(f[0]).append("..").append(f[1]).append(" cut out");
        return concat(slice(v, 0, f[0]), slice(v, f[1], v.length));
      }
      case 3 -> {
        int a = r.nextInt(fragments.size());
        int b = r.nextInt(fragments.size());
        long[] fa = fragments.get(Math.min(a, b));
        long[] fb = fragments.get(Math.max(a, b));
        what.append("fragments ").append(Math.min(a, b)).append(" and ").append(Math.max(a, b)).append(" swapped");
        if (fa == fb) {
          return v.clone();
        }
        return concat(slice(v, 0, fa[0]), slice(v, fb[0], fb[1]), slice(v, fa[1], fb[0]), slice(v, fa[0], fa[1]),
            slice(v, fb[1], v.length));
      }
      case 4 -> {
        long[] f = fragments.get(r.nextInt(fragments.size()));
        what.append("fragment ").append(f[0]).append("..").append(f[1]).append(" repeated");
        return concat(slice(v, 0, f[1]), slice(v, f[0], f[1]), slice(v, f[1], v.length));
      }
      case 5 -> {
        byte[] out = v.clone();
        int at = r.nextInt(out.length);
        int len = Math.min(out.length - at, 1 + r.nextInt(4096));
        boolean zeros = r.nextBoolean();
        for (int k = at; k < at + len; k++) {
          out[k] = zeros ? 0 : (byte) r.nextInt();
        }
        what.append(len).append(zeros ? " zero" : " random").append(" bytes at ").append(at);
        return out;
      }
      default -> {
        int a = r.nextInt(Math.min(3, boxes.size()));
        int b = a + 1 + r.nextInt(boxes.size() - a - 1);
        long[] ba = boxes.get(a);
        long[] bb = boxes.get(b);
        what.append("top-level boxes ").append(a).append(" and ").append(b).append(" swapped");
        return concat(slice(v, 0, ba[0]), slice(v, bb[0], bb[1]), slice(v, ba[1], bb[0]), slice(v, ba[0], ba[1]),
            slice(v, bb[1], v.length));
      }
    }
  }

  private static byte[] slice(byte[] v, long from, long to) {
    return Arrays.copyOfRange(v, (int) from, (int) to);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  // The properties -----------------------------------------------------------------------------------------------

  private void runCase(String description, byte[] video, byte[] index, boolean sameNames) throws IOException {
    Path root = Files.createDirectories(tmp.resolve("a").resolve("b"));
    Path v = Files.write(root.resolve("v.mp4"), video);
    Files.write(VideoIndex.pathFor(v), index);
    Path out = root.resolve("out");
    Throwable[] outcome = new Throwable[1];
    assertTimeoutPreemptively(DEADLINE, () -> {
      try (QrVideoReader reader = QrVideoReader.open(v)) {
        reader.restoreTo(out);
      } catch (QrvidException | IOException e) {
        outcome[0] = e;
      }
    }, description);
    OUTCOMES.merge((sameNames ? "video " : "index ")
        + (outcome[0] == null ? "restored" : outcome[0].getClass().getSimpleName()), 1, Integer::sum);
    // Nothing outside the output folder: the tree holds exactly the inputs and the output folder's files.
    try (Stream<Path> all = Files.walk(tmp)) {
      Set<Path> outside = all.filter(p -> !p.startsWith(out) && !p.equals(v) && !p.equals(VideoIndex.pathFor(v)))
          .filter(Files::isRegularFile).collect(Collectors.toSet());
      assertThat(outside).as(description + ": files written outside the output folder").isEmpty();
    }
    if (!Files.exists(out)) {
      return;
    }
    try (Stream<Path> written = Files.list(out)) {
      for (Path p : written.toList()) {
        String name = p.getFileName().toString();
        assertThat(Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
            .as(description + ": " + name + " is a regular file").isTrue();
        assertThat(name).as(description + ": a temporary file was left").doesNotEndWith(".part");
        byte[] bytes = Files.readAllBytes(p);
        if (sameNames) {
          assertThat(DOCS).as(description).containsKey(name);
          assertThat(new String(bytes, StandardCharsets.UTF_8)).as(description + ": bytes of " + name)
              .isEqualTo(DOCS.get(name));
        } else {
          assertThat(DOCS.values()).as(description + ": bytes of " + name + " are some original document's")
              .contains(new String(bytes, StandardCharsets.UTF_8));
        }
      }
    }
    if (outcome[0] instanceof RestoreException e) {
      assertThat(e.written().size() + e.unwritten().size() + e.incompleteDocuments().size())
          .as(description + ": every document is accounted for").isGreaterThanOrEqualTo(1);
    }
  }
}
