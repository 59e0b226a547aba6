package io.qrvid.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qrvid.video.internal.HumbleRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadInputIT {
  @TempDir Path tmp;

  @BeforeAll
  static void natives() {
    assumeTrue(HumbleRuntime.isAvailable(), "Humble Video natives not available here");
  }

  private static String text(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; sb.length() < n; i++) {
      sb.append("Sentence number ").append(i).append(" of a test document, with ümlauts and 漢字. ");
    }
    return sb.toString();
  }

  private List<Path> outputsIn(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !p.getFileName().toString().endsWith(".txt")).toList();
    }
  }

  @Test
  void emptyInputFileIsRejectedAndWritesNothing() throws IOException {
    Path empty = Files.createFile(tmp.resolve("empty.txt"));
    Path ok = Files.writeString(tmp.resolve("ok.txt"), "fine");
    assertThatThrownBy(() -> QrVideoEncoder.builder().build().encode(List.of(ok, empty), tmp.resolve("o.mp4")))
        .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("empty.txt").hasMessageContaining("empty");
    assertThat(outputsIn(tmp)).isEmpty();
  }

  @Test
  void missingInputFileIsRejectedAndWritesNothing() {
    assertThatThrownBy(() -> QrVideoEncoder.builder().build().encode(List.of(tmp.resolve("nope.txt")),
        tmp.resolve("o.mp4"))).isInstanceOf(NoSuchFileException.class).hasMessageContaining("nope.txt");
    assertThat(tmp.resolve("o.mp4")).doesNotExist();
  }

  @Test
  void nonUtf8InputIsStoredAsBytesAndRestoredExactly() throws IOException {
    // Before issue 12 the encoder rejected non-UTF-8 input; now any file's bytes are stored and restored.
    byte[] latin1Bytes = "caf\u00e9 cr\u00e8me br\u00fbl\u00e9e".getBytes(StandardCharsets.ISO_8859_1);
    Path latin1 = Files.write(tmp.resolve("latin1.txt"), latin1Bytes);
    Path video = tmp.resolve("o.mp4");
    QrVideoEncoder.builder().build().encode(List.of(latin1), video);
    VideoIndex.Document d = VideoIndex.read(VideoIndex.pathFor(video)).documents().get(0);
    assertThat(d.storage()).isEqualTo(VideoIndex.Storage.BYTES);
    assertThat(d.mediaType()).isEqualTo("application/octet-stream");
    try (QrVideoReader reader = QrVideoReader.open(video)) {
      assertThat(reader.readAll().get("latin1.txt")).isEqualTo(latin1Bytes);
    }
  }

  @Test
  void duplicateNamesAreRejected() throws IOException {
    Path a = Files.createDirectories(tmp.resolve("a")).resolve("same.txt");
    Path b = Files.createDirectories(tmp.resolve("b")).resolve("same.txt");
    Files.writeString(a, "one");
    Files.writeString(b, "two");
    assertThatThrownBy(() -> QrVideoEncoder.builder().build().encode(List.of(a, b), tmp.resolve("o.mp4")))
        .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("same file name");
    assertThat(tmp.resolve("o.mp4")).doesNotExist();
  }

  @Test
  void unwritableOutputIsAClearErrorBeforeAnyWork() throws IOException {
    Path in = Files.writeString(tmp.resolve("in.txt"), text(5000));
    assertThatThrownBy(() -> QrVideoEncoder.builder().build().encode(List.of(in), tmp.resolve("no/such/o.mp4")))
        .isInstanceOf(NoSuchFileException.class).hasMessageContaining("folder does not exist");
    Path dirAsOutput = Files.createDirectories(tmp.resolve("adir"));
    assertThatThrownBy(() -> QrVideoEncoder.builder().build().encode(List.of(in), dirAsOutput))
        .isInstanceOf(IOException.class).hasMessageContaining("is a directory");
  }

  @Test
  void missingIndexIsATypedError() throws IOException {
    Path video = encode("v.mp4", text(20_000));
    Files.delete(VideoIndex.pathFor(video));
    assertThatThrownBy(() -> QrVideoReader.open(video)).isInstanceOf(VideoIndexException.class)
        .hasMessageContaining("index not found");
  }

  @Test
  void indexOfAnotherVideoIsDetected() throws IOException {
    Path one = encode("one.mp4", text(20_000));
    Path two = encode("two.mp4", text(21_000));
    try (QrVideoReader reader = QrVideoReader.builder(one).index(VideoIndex.pathFor(two)).build()) {
      assertThatThrownBy(reader::readAll).isInstanceOf(VideoIndexException.class)
          .hasMessageContaining("belongs to another video");
    }
  }

  @Test
  void garbageIndexIsATypedError() throws IOException {
    Path video = encode("g.mp4", text(5_000));
    Files.writeString(VideoIndex.pathFor(video), "{\"not\": \"an index\"");
    assertThatThrownBy(() -> QrVideoReader.open(video)).isInstanceOf(VideoIndexException.class)
        .hasMessageContaining("not a qrvid index");
  }

  @Test
  void truncatedVideoNamesEveryLostChunkAndWritesNoIncompleteDocument() throws IOException {
    Path video = tmp.resolve("t.mp4");
    QrVideoEncoder.builder().build().encodeTexts(Map.of("big.txt", text(150_000)), video);
    byte[] all = Files.readAllBytes(video);
    Files.write(video, Arrays.copyOf(all, all.length / 2));
    Path out = tmp.resolve("restored");
    try (QrVideoReader reader = QrVideoReader.open(video)) {
      assertThatThrownBy(() -> reader.restoreTo(out)).isInstanceOfSatisfying(QrDecodeException.class, e -> {
        assertThat(e.missingChunks()).isNotEmpty();
        assertThat(e.incompleteDocuments()).containsExactly("big.txt");
        assertThat(e.recovered()).isEmpty();
        assertThat(e.getMessage()).contains("truncated");
      });
    }
    assertThat(out.resolve("big.txt")).doesNotExist();
  }

  @Test
  void failedEncodeLeavesNoPartialVideo() throws IOException {
    Path in = Files.writeString(tmp.resolve("in.txt"), text(5000));
    CodecProfile broken = CodecProfile.builder().codec("no-such-encoder").build();
    assertThatThrownBy(() -> QrVideoEncoder.builder().profile(broken).build().encode(List.of(in),
        tmp.resolve("o.mp4"))).isInstanceOf(VideoEncodingException.class).hasMessageContaining("no-such-encoder");
    assertThat(outputsIn(tmp)).isEmpty();
  }

  private Path encode(String name, String text) throws IOException {
    Path video = tmp.resolve(name);
    QrVideoEncoder.builder().build().encodeTexts(Map.of("doc.txt", text), video);
    return video;
  }
}
