package io.qrvid.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeFilesTest {
  @TempDir Path tmp;

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void rejectsEveryNameThatIsNotAPlainFileName() {
    String longest = "é".repeat(127) + "x"; // 255 bytes
    assertThat(SafeFiles.nameProblem(longest)).isEmpty();
    assertThat(SafeFiles.nameProblem("usr_01.txt")).isEmpty();
    assertThat(SafeFiles.nameProblem("..hidden")).isEmpty();
    for (String bad : new String[] {"", ".", "..", "./usr_01.txt", "../x", "a/b", "a\\b", "/etc/passwd", "x\0y",
        "line\nbreak", "esc\u001b[2J", "del\u007f", "c1\u0085", "lone\ud800", "\udc00x", longest + "y", null}) {
      assertThat(SafeFiles.nameProblem(bad)).as(String.valueOf(bad)).isPresent();
    }
    assertThatThrownBy(() -> SafeFiles.resolve(tmp, "../x")).isInstanceOf(SafeFiles.InvalidNameException.class)
        .hasMessageContaining("path separator");
  }

  @Test
  void quoteEscapesControlCharactersAndBidiOverrides() {
    assertThat(SafeFiles.quote("a\u001b[31mb\nc\u202ed\\")).isEqualTo("'a\\u001b[31mb\\u000ac\\u202ed\\u005c'");
    assertThat(SafeFiles.quote("x".repeat(500))).hasSizeLessThan(230).contains("(500 chars)");
  }

  @Test
  void writeReplacesAtomicallyAndLeavesNoTemporaryFile() throws IOException {
    Files.writeString(tmp.resolve("doc.txt"), "old");
    Path p = SafeFiles.write(tmp, "doc.txt", "new".getBytes(StandardCharsets.UTF_8));
    assertThat(p).isEqualTo(tmp.resolve("doc.txt"));
    assertThat(Files.readString(p)).isEqualTo("new");
    assertThat(names(tmp)).containsExactly("doc.txt");
  }

  @Test
  void longestNamesHaveRoomForTheirTemporaryFile() throws IOException {
    String longest = "d".repeat(251) + ".txt";
    SafeFiles.write(tmp, longest, new byte[] {1, 2, 3});
    assertThat(names(tmp)).containsExactly(longest);
  }

  @Test
  void aSymbolicLinkAtTheTargetIsReplacedNeverWrittenThrough() throws IOException {
    Path outside = Files.createDirectories(tmp.resolve("outside")).resolve("victim");
    Files.writeString(outside, "precious");
    Path dir = Files.createDirectories(tmp.resolve("dir"));
    Files.createSymbolicLink(dir.resolve("doc.txt"), outside);
    SafeFiles.write(dir, "doc.txt", "restored".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.readString(outside)).isEqualTo("precious");
    assertThat(Files.isSymbolicLink(dir.resolve("doc.txt"))).isFalse();
    assertThat(Files.readString(dir.resolve("doc.txt"))).isEqualTo("restored");
  }

  @Test
  void anAbandonedStageLeavesNothingAndTheTargetUnchanged() throws IOException {
    Files.writeString(tmp.resolve("v.mp4"), "old video");
    try (SafeFiles.Staged s = SafeFiles.stage(tmp, "v.mp4")) {
      s.write(new byte[1000]);
      assertThat(s.temp().getParent()).isEqualTo(tmp);
      assertThat(s.temp().getFileName().toString()).startsWith(".v.mp4.").endsWith(".part");
      assertThat(Files.isRegularFile(s.temp(), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }
    assertThat(names(tmp)).containsExactly("v.mp4");
    assertThat(Files.readString(tmp.resolve("v.mp4"))).isEqualTo("old video");
  }

  @Test
  void aPairIsCommittedTogetherOrNotAtAll() throws IOException {
    Files.writeString(tmp.resolve("v.mp4"), "old video");
    Files.writeString(tmp.resolve("v.mp4.qrvid.json"), "old index");
    SafeFiles.Staged video = SafeFiles.stage(tmp, "v.mp4");
    SafeFiles.Staged index = SafeFiles.stage(tmp, "v.mp4.qrvid.json");
    video.write("new video".getBytes(StandardCharsets.UTF_8));
    index.write("new index".getBytes(StandardCharsets.UTF_8));
    // The index's move will fail: a non-empty folder has taken its name since the old index was read.
    Files.delete(tmp.resolve("v.mp4.qrvid.json"));
    Files.createDirectories(tmp.resolve("v.mp4.qrvid.json").resolve("inside"));
    assertThatThrownBy(() -> SafeFiles.commitAll(List.of(video, index))).isInstanceOf(IOException.class);
    assertThat(Files.readString(tmp.resolve("v.mp4"))).isEqualTo("old video");
    assertThat(names(tmp)).containsExactly("v.mp4", "v.mp4.qrvid.json");

    Files.delete(tmp.resolve("v.mp4.qrvid.json").resolve("inside"));
    Files.delete(tmp.resolve("v.mp4.qrvid.json"));
    try (SafeFiles.Staged v = SafeFiles.stage(tmp, "v.mp4"); SafeFiles.Staged i = SafeFiles.stage(tmp,
        "v.mp4.qrvid.json")) {
      v.write("new video".getBytes(StandardCharsets.UTF_8));
      i.write("new index".getBytes(StandardCharsets.UTF_8));
      SafeFiles.commitAll(List.of(v, i));
    }
    assertThat(Files.readString(tmp.resolve("v.mp4"))).isEqualTo("new video");
    assertThat(Files.readString(tmp.resolve("v.mp4.qrvid.json"))).isEqualTo("new index");
    assertThat(names(tmp)).containsExactly("v.mp4", "v.mp4.qrvid.json");
  }

  @Test
  void aFileOrLinkPlantedUnderATemporaryNameIsNeverOpened() throws IOException {
    // Temporary names are random, so a planted one is simply never used; a stale one from a crash is left as is.
    Path outside = Files.writeString(tmp.resolve("victim"), "precious");
    Path dir = Files.createDirectories(tmp.resolve("dir"));
    Files.createSymbolicLink(dir.resolve(".doc.txt.part"), outside);
    Files.writeString(dir.resolve("doc.txt.part"), "user's own file");
    SafeFiles.write(dir, "doc.txt", "restored".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.readString(outside)).isEqualTo("precious");
    assertThat(Files.readString(dir.resolve("doc.txt.part"))).isEqualTo("user's own file");
    assertThat(names(dir)).containsExactly(".doc.txt.part", "doc.txt", "doc.txt.part");
  }
}
