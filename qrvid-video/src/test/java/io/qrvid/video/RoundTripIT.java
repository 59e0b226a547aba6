package io.qrvid.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qrvid.video.internal.HumbleRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundTripIT {
  @TempDir Path tmp;

  @BeforeAll
  static void natives() {
    assumeTrue(HumbleRuntime.isAvailable(), "Humble Video natives not available here");
  }

  static Path vimManual() {
    return Path.of(System.getProperty("qrvid.shared.dir", "../shared"), "corpus", "vim-user-manual");
  }

  @Test
  void wholeVimManualRoundTripsByteForByteWithDefaults() throws IOException {
    Path dir = vimManual();
    assumeTrue(Files.isDirectory(dir), "shared corpus not found at " + dir);
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().matches("usr_.*\\.txt")).sorted().toList();
    }
    assertThat(files).hasSize(36);
    Path video = tmp.resolve("vim.mp4");
    EncodeResult r = QrVideoEncoder.builder().build().encode(files, video);
    assertThat(r.documents()).isEqualTo(36);
    assertThat(video).exists();
    assertThat(VideoIndex.pathFor(video)).exists();
    assertThat(Files.readString(VideoIndex.pathFor(video))).doesNotContain("Vim is the Vi IMproved");

    Path out = tmp.resolve("restored");
    try (QrVideoReader reader = QrVideoReader.open(video)) {
      List<Path> written = reader.restoreTo(out);
      assertThat(written).hasSize(36);
      assertThat(reader.lastStats().symbolsUnreadable()).isZero();
    }
    for (Path f : files) {
      assertThat(Files.readAllBytes(out.resolve(f.getFileName().toString())))
          .as(f.getFileName().toString()).isEqualTo(Files.readAllBytes(f));
    }
    System.out.printf("vim manual: text %d B, video %d B, index %d B, ratio %.3f, encode %.2f MB/s%n",
        r.textBytes(), r.videoBytes(), r.indexBytes(), r.storageRatio(), r.megabytesPerSecond());
  }

  @Test
  void multiByteTextWithOverlapAndSmallChunksRoundTrips() throws IOException {
    StringBuilder sb = new StringBuilder();
    Random rnd = new Random(11);
    String[] pieces = {"漢字かな交じり文。", "😀🎉 emoji ", "Ünïcödé ", "plain ASCII words. ", "\r\n", "\n\n", "한국어 "};
    while (sb.length() < 300_000) {
      sb.append(pieces[rnd.nextInt(pieces.length)]);
    }
    Map<String, String> docs = new LinkedHashMap<>();
    docs.put("mixed.txt", sb.toString());
    docs.put("tiny.txt", "x");
    Path video = tmp.resolve("mixed.mp4");
    QrVideoEncoder.builder()
        .chunker(io.qrvid.core.TextChunker.builder().chunkSize(700).overlap(50).build())
        .build().encodeTexts(docs, video);
    try (QrVideoReader reader = QrVideoReader.open(video)) {
      Map<String, byte[]> back = reader.readAll();
      assertThat(back.keySet()).containsExactly("mixed.txt", "tiny.txt");
      assertThat(back.get("mixed.txt")).isEqualTo(docs.get("mixed.txt").getBytes(StandardCharsets.UTF_8));
      assertThat(new String(back.get("tiny.txt"), StandardCharsets.UTF_8)).isEqualTo("x");
      int last = reader.index().chunks().size() - 1;
      VideoIndex.ChunkEntry e = reader.index().chunks().get(last / 2);
      byte[] all = docs.get("mixed.txt").getBytes(StandardCharsets.UTF_8);
      assertThat(reader.chunk(e.index())).isEqualTo(Arrays.copyOfRange(all, (int) e.byteStart(), (int) e.byteEnd()));
    }
  }

  @Test
  void everyProfileRoundTripsIncompressibleTextInTiledSymbols() throws IOException {
    byte[] random = new byte[30_000];
    new Random(3).nextBytes(random);
    String text = new String(random, StandardCharsets.ISO_8859_1); // incompressible, all code points < 256
    for (CodecProfile profile : List.of(CodecProfile.dense(), CodecProfile.fast(), CodecProfile.lossless(),
        CodecProfile.lossy())) {
      Path video = tmp.resolve(profile.name() + (profile.container().equals("matroska") ? ".mkv" : ".mp4"));
      QrVideoEncoder.builder()
          .layout(profile.layout().newBuilder().version(10).grid(3, 2).build())
          .profile(profile)
          .build().encodeTexts(Map.of("latin1.txt", text), video);
      try (QrVideoReader reader = QrVideoReader.open(video)) {
        assertThat(reader.readAll().get("latin1.txt")).as(profile.name())
            .isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        assertThat(reader.index().geometry().columns()).isEqualTo(3);
        assertThat(reader.index().codec().codec()).isEqualTo(profile.codec());
        assertThat(reader.lastStats().symbolsByChain()).isZero();
      }
    }
  }

  @Test
  void outputNameMustMatchTheProfilesContainer() {
    assertThatThrownBy(() -> QrVideoEncoder.builder().profile(CodecProfile.lossless()).build()
        .encodeTexts(Map.of("a.txt", "text"), tmp.resolve("x.mp4")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".mkv");
  }
}
