package io.qrvid.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrvid.core.FrameLayout;
import io.qrvid.core.TextChunker;
import io.qrvid.video.internal.HumbleRuntime;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 13, items 1-9: one regression test per defect class on real videos (the index-only classes are also in
 * {@link VideoIndexValidationTest}).
 */
class Issue13VideoIT {
  @TempDir static Path shared;
  @TempDir Path tmp;
  static final Map<String, String> DOCS = new LinkedHashMap<>();
  static Path video;

  /** Small symbols and short GOPs: about 40 frames in 7 fragments, so that damage can hit one fragment. */
  static QrVideoEncoder encoder() {
    return QrVideoEncoder.builder().profile(CodecProfile.dense().newBuilder().gop(6).build())
        .layout(FrameLayout.builder().version(15).modulePixels(1).build())
        .chunker(TextChunker.builder().chunkSize(1500).build()).build();
  }

  static String text(Random r, int chars) {
    StringBuilder sb = new StringBuilder();
    while (sb.length() < chars) {
      sb.append(Long.toString(r.nextLong() & Long.MAX_VALUE, 36)).append(r.nextInt(9) == 0 ? ".\n" : " ");
    }
    return sb.toString();
  }

  @BeforeAll
  static void encodeOnce() throws IOException {
    assumeTrue(HumbleRuntime.isAvailable(), "Humble Video natives not available here");
    Random r = new Random(13);
    for (int d = 0; d < 5; d++) {
      DOCS.put("usr_0" + d + ".txt", text(r, 5000 + 1000 * d));
    }
    video = shared.resolve("v.mp4");
    encoder().encodeTexts(DOCS, video);
  }

  private Path copy(String name) throws IOException {
    Path v = tmp.resolve(name);
    Files.copy(video, v);
    Files.copy(VideoIndex.pathFor(video), VideoIndex.pathFor(v));
    return v;
  }

  private static void editIndex(Path v, java.util.function.Consumer<ObjectNode> edit) throws IOException {
    Path ix = VideoIndex.pathFor(v);
    ObjectNode json = (ObjectNode) IndexJson.Mapper.MAPPER.readTree(Files.readAllBytes(ix));
    edit.accept(json);
    Files.write(ix, IndexJson.Mapper.MAPPER.writeValueAsBytes(json));
  }

  private static List<String> list(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  // Item 1 -------------------------------------------------------------------------------------------------------

  @Test
  void item1DuplicateNamesInAnIndexAreRefusedBeforeAnythingIsWritten() throws IOException {
    Path v = copy("dup.mp4");
    editIndex(v, j -> ((ObjectNode) j.get("documents").get(0)).put("name", "usr_01.txt"));
    Path out = tmp.resolve("out");
    assertThatThrownBy(() -> QrVideoReader.open(v).restoreTo(out)).isInstanceOfSatisfying(
        VideoIndexException.class, e -> assertThat(e.field()).hasValue("documents[1].name"));
    assertThat(list(out)).isEmpty();
  }

  @Test
  void item1ACorpusJoiningTwoSegmentsWithTheSameNameIsRefusedBeforeAnythingIsWritten() throws IOException {
    Map<String, String> one = Map.of("notes.txt", DOCS.get("usr_00.txt"));
    Map<String, String> two = Map.of("notes.txt", DOCS.get("usr_01.txt"));
    encoder().encodeTexts(one, tmp.resolve("lib-00000.mp4"));
    encoder().encodeTexts(two, tmp.resolve("lib-00001.mp4"));
    Path manifest = tmp.resolve("lib" + QrVideoCorpus.SUFFIX);
    Files.writeString(manifest, "{\"formatVersion\":1,\"segments\":["
        + "{\"video\":\"lib-00000.mp4\",\"videoId\":1,\"documents\":[\"notes.txt\"],\"textBytes\":1},"
        + "{\"video\":\"lib-00001.mp4\",\"videoId\":2,\"documents\":[\"notes.txt\"],\"textBytes\":1}]}");
    assertThatThrownBy(() -> QrVideoCorpus.open(manifest)).isInstanceOfSatisfying(VideoIndexException.class,
        e -> assertThat(e.field()).hasValue("segments[1].documents[0]"));
    // A manifest that hides the clash behind another name is caught by comparing each segment with its index.
    Files.writeString(manifest, Files.readString(manifest).replaceFirst("notes.txt\"],\"textBytes\":1}]",
        "other.txt\"],\"textBytes\":1}]"));
    QrVideoCorpus corpus = QrVideoCorpus.open(manifest);
    Path out = tmp.resolve("out");
    assertThatThrownBy(() -> corpus.restoreTo(out)).isInstanceOfSatisfying(VideoIndexException.class,
        e -> assertThat(e.field()).hasValue("segments[1].documents"));
    assertThat(list(out)).isEmpty();
  }

  // Items 2 and 3 ------------------------------------------------------------------------------------------------

  @Test
  void item2NamesThatLeaveTheFolderAreRefused() throws IOException {
    for (String evil : List.of("./usr_01.txt", "../usr_01.txt", "sub/x.txt", "/tmp/x.txt")) {
      Path v = copy("evil" + Math.abs(evil.hashCode()) + ".mp4");
      editIndex(v, j -> ((ObjectNode) j.get("documents").get(1)).put("name", evil));
      Path out = Files.createDirectories(tmp.resolve("o" + Math.abs(evil.hashCode())).resolve("dir"));
      assertThatThrownBy(() -> QrVideoReader.open(v)).as(evil).isInstanceOfSatisfying(VideoIndexException.class,
          e -> assertThat(e.field()).hasValue("documents[1].name"));
      assertThat(list(out.getParent())).containsExactly("dir");
      assertThat(list(out)).isEmpty();
    }
  }

  @Test
  void item3LinksPlantedInTheOutputFolderAreNeverFollowed() throws IOException {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Path victim = Files.writeString(outside.resolve("victim"), "precious");
    Path dir = Files.createDirectories(tmp.resolve("dir"));
    Files.createSymbolicLink(dir.resolve("usr_01.txt"), victim);
    Files.createSymbolicLink(dir.resolve(".usr_02.txt.part"), victim);
    Files.createSymbolicLink(dir.resolve("usr_03.txt.part"), victim);
    try (QrVideoReader reader = QrVideoReader.open(video)) {
      reader.restoreTo(dir);
    }
    assertThat(Files.readString(victim)).isEqualTo("precious");
    assertThat(list(outside)).containsExactly("victim");
    for (Map.Entry<String, String> d : DOCS.entrySet()) {
      assertThat(Files.isSymbolicLink(dir.resolve(d.getKey()))).isFalse();
      assertThat(Files.readString(dir.resolve(d.getKey()))).isEqualTo(d.getValue());
    }
  }

  // Item 4 -------------------------------------------------------------------------------------------------------

  @Test
  void item4InconsistentParityIsATypedErrorNotALoop() throws IOException {
    Path v = copy("parity.mp4");
    editIndex(v, j -> ((ObjectNode) j.get("geometry")).put("parityShards", 4).put("parityData", 0));
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(() -> QrVideoReader.open(v))
        .isInstanceOfSatisfying(VideoIndexException.class,
            e -> assertThat(e.field()).hasValue("geometry.parityData")));
  }

  // Item 5 -------------------------------------------------------------------------------------------------------

  @Test
  void item5AFragmentedMp4CutInsideAFragmentRestoresTheCompleteFragmentsAndNamesTheRest() throws Exception {
    byte[] all = Files.readAllBytes(video);
    List<long[]> fragments = Mp4Boxes.fragments(all);
    assertThat(fragments).hasSizeGreaterThan(3);
    ListAppender<ILoggingEvent> logged = captureLogs();
    int cuts = 0;
    for (long[] f : fragments.subList(1, fragments.size())) {
      int cut = (int) (f[0] + (f[1] - f[0]) / 2); // inside this fragment's mdat
      Path v = tmp.resolve("cut" + cut + ".mp4");
      Files.write(v, Arrays.copyOf(all, cut));
      Files.copy(VideoIndex.pathFor(video), VideoIndex.pathFor(v));
      Path out = tmp.resolve("cut" + cut);
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        try (QrVideoReader reader = QrVideoReader.open(v)) {
          assertThatThrownBy(() -> reader.restoreTo(out)).isInstanceOfSatisfying(RestoreException.class, e -> {
            assertThat(e.missingChunks()).isNotEmpty();
            assertThat(e.getMessage()).contains("truncated");
            assertThat(e.written()).hasSize(DOCS.size() - e.incompleteDocuments().size());
          });
        }
      });
      for (String name : list(out)) {
        assertThat(Files.readString(out.resolve(name))).as(name).isEqualTo(DOCS.get(name));
      }
      if (f == fragments.get(fragments.size() - 1)) {
        assertThat(list(out)).as("a cut in the last fragment keeps the documents before it").isNotEmpty();
      }
      cuts++;
    }
    assertThat(cuts).isGreaterThan(2);
    assertThat(logged.list).as("FFmpeg and Humble lines at WARN or above")
        .noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN)
            && (e.getLoggerName().startsWith("org.ffmpeg") || e.getLoggerName().startsWith("io.humble")));
  }

  private static ListAppender<ILoggingEvent> captureLogs() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    root.addAppender(appender);
    return appender;
  }

  // Item 6 -------------------------------------------------------------------------------------------------------

  /** A channel that fails like a full disk once {@code limit} bytes have been written through all channels. */
  static final class FullDisk implements SeekableByteChannel {
    private final SeekableByteChannel in;
    private final AtomicInteger budget;

    FullDisk(SeekableByteChannel in, AtomicInteger budget) {
      this.in = in;
      this.budget = budget;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      if (budget.addAndGet(-src.remaining()) < 0) {
        throw new IOException("No space left on device");
      }
      return in.write(src);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      return in.read(dst);
    }

    @Override
    public long position() throws IOException {
      return in.position();
    }

    @Override
    public SeekableByteChannel position(long p) throws IOException {
      in.position(p);
      return this;
    }

    @Override
    public long size() throws IOException {
      return in.size();
    }

    @Override
    public SeekableByteChannel truncate(long size) throws IOException {
      in.truncate(size);
      return this;
    }

    @Override
    public boolean isOpen() {
      return in.isOpen();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  @Test
  void item6AFullDiskDuringEncodeOrIndexWriteLeavesThePreviousPairIntact() throws IOException {
    Path v = copy("pair.mp4");
    Files.createDirectories(tmp.resolve("scratch"));
    byte[] oldVideo = Files.readAllBytes(v);
    byte[] oldIndex = Files.readAllBytes(VideoIndex.pathFor(v));
    Map<String, String> next = Map.of("new.txt", DOCS.get("usr_04.txt"));
    long videoBytes = encoder().encodeTexts(next, tmp.resolve("scratch/s.mp4")).videoBytes();
    for (long budget : new long[] {0, 5_000, videoBytes / 2, videoBytes + 100}) { // the last fails in the index
      AtomicInteger left = new AtomicInteger((int) budget);
      QrVideoEncoder full = encoder().newBuilder().channelFilter(ch -> new FullDisk(ch, left)).build();
      assertThatThrownBy(() -> full.encodeTexts(next, v)).as("budget " + budget)
          .satisfies(e -> assertThat(rootCause(e)).hasMessageContaining("No space left on device"));
      assertThat(Files.readAllBytes(v)).isEqualTo(oldVideo);
      assertThat(Files.readAllBytes(VideoIndex.pathFor(v))).isEqualTo(oldIndex);
      assertThat(list(tmp)).containsExactly("pair.mp4", "pair.mp4.qrvid.json", "scratch");
    }
    encoder().encodeTexts(next, v); // with room, the new pair replaces the old one (with its search index)
    try (QrVideoReader reader = QrVideoReader.open(v)) {
      assertThat(reader.readAll()).containsOnlyKeys("new.txt");
    }
    assertThat(list(tmp)).containsExactly("pair.mp4", "pair.mp4.qrvid-search", "pair.mp4.qrvid.json", "scratch");
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  // Item 7 -------------------------------------------------------------------------------------------------------

  @Test
  void item7LongestNamesRestoreAndOneBadDocumentDoesNotStopTheOthers() throws IOException {
    Map<String, String> docs = new LinkedHashMap<>();
    docs.put("a".repeat(251) + ".txt", DOCS.get("usr_00.txt")); // 255 bytes
    docs.put("é".repeat(125) + ".txt", DOCS.get("usr_01.txt")); // 254 bytes
    docs.put("blocked.txt", DOCS.get("usr_02.txt"));
    docs.put("last.txt", DOCS.get("usr_03.txt"));
    Path v = tmp.resolve("long.mp4");
    encoder().encodeTexts(docs, v);
    Path out = Files.createDirectories(tmp.resolve("out"));
    Files.createDirectories(out.resolve("blocked.txt").resolve("a folder in the way"));
    try (QrVideoReader reader = QrVideoReader.open(v)) {
      assertThatThrownBy(() -> reader.restoreTo(out)).isInstanceOfSatisfying(RestoreException.class, e -> {
        assertThat(e.unwritten()).containsOnlyKeys("blocked.txt");
        assertThat(e.missingChunks()).isEmpty();
        assertThat(e.written()).hasSize(3);
        assertThat(e.getMessage()).contains("blocked.txt");
      });
    }
    for (Map.Entry<String, String> d : docs.entrySet()) {
      if (!d.getKey().equals("blocked.txt")) {
        assertThat(Files.readString(out.resolve(d.getKey()))).isEqualTo(d.getValue());
      }
    }
    assertThat(list(out)).hasSize(4); // no temporary file left
    assertThatThrownBy(() -> encoder().encodeTexts(Map.of("b".repeat(252) + ".txt", "x"), tmp.resolve("n.mp4")))
        .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("256 bytes");
  }

  // Item 9 -------------------------------------------------------------------------------------------------------

  @Test
  void item9AnEncodeNeverReplacesItsInputOrAStrayPartFile() throws IOException {
    Path x = Files.writeString(tmp.resolve("x.mp4"), DOCS.get("usr_00.txt"));
    assertThatThrownBy(() -> encoder().encode(List.of(x), x)).isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("output video");
    assertThat(Files.readString(x)).isEqualTo(DOCS.get("usr_00.txt"));

    Path o = tmp.resolve("o.mp4");
    Path likeIndex = Files.writeString(VideoIndex.pathFor(o), DOCS.get("usr_01.txt"));
    assertThatThrownBy(() -> encoder().encode(List.of(x, likeIndex), o))
        .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("index");
    assertThat(Files.readString(likeIndex)).isEqualTo(DOCS.get("usr_01.txt"));
    assertThat(o).doesNotExist();

    Path p = tmp.resolve("p.mp4");
    Path part = Files.writeString(tmp.resolve("p.mp4.part"), "someone's file");
    Path hiddenPart = Files.writeString(tmp.resolve(".p.mp4.part"), "someone else's file");
    encoder().encode(List.of(x), p);
    assertThat(Files.readString(part)).isEqualTo("someone's file");
    assertThat(Files.readString(hiddenPart)).isEqualTo("someone else's file");
    try (QrVideoReader reader = QrVideoReader.open(p)) {
      assertThat(reader.readAll().get("x.mp4")).isEqualTo(utf8(DOCS.get("usr_00.txt")));
    }
    List<String> names = new ArrayList<>(list(tmp));
    assertThat(names).containsExactlyInAnyOrder("x.mp4", "o.mp4.qrvid.json", "p.mp4", "p.mp4.qrvid.json",
        "p.mp4.qrvid-search", "p.mp4.part", ".p.mp4.part");
  }
}
