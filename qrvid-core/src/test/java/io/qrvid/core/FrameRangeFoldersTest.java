package io.qrvid.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrvid.core.FrameRanges.Range;
import io.qrvid.core.FrameValidation.Kind;
import io.qrvid.core.FrameValidation.Problem;
import io.qrvid.core.FrameValidation.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Frame folders written and validated by range: the same files and problems as whole-folder calls. */
class FrameRangeFoldersTest {
  @TempDir Path dir;

  private static List<String> texts(int n) {
    List<String> t = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      t.add("payload number " + i + " of " + n);
    }
    return t;
  }

  private static QrFrameGenerator generator() {
    return QrFrameGenerator.builder().version(3).modulePixels(2).quietZone(4).maskPolicy(MaskPolicy.fixed(2))
        .grid(2, 1).sequential(true).build();
  }

  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void rangesWrittenInParallelGiveTheSameFilesAsOneWholeWrite() throws IOException {
    List<String> payloads = texts(41); // 21 frames of two symbols, the last one half full
    Path whole = dir.resolve("whole");
    Path ranged = dir.resolve("ranged");
    try (QrFrameGenerator gen = generator()) {
      assertThat(gen.writeTextFolder(payloads, whole).totalFrames()).isEqualTo(21);
      FrameBatch.Summary<GenerationStats> s = FrameBatch.builder(0, 20,
              (range, context) -> gen.writeTextFolder(payloads, range, ranged))
          .workers(3).ranges(4).build().run();
      assertThat(s.succeeded()).isTrue();
      assertThat(s.results()).extracting(GenerationStats::totalFrames).containsExactly(6, 5, 5, 5);
    }
    assertThat(names(ranged)).isEqualTo(names(whole)).hasSize(21).contains("frame_000020.png");
    for (String name : names(whole)) {
      assertThat(Files.readAllBytes(ranged.resolve(name))).as(name).isEqualTo(Files.readAllBytes(whole.resolve(name)));
    }
  }

  @Test
  void aRangeWritesOnlyItsFramesNamedByAbsoluteNumber() throws IOException {
    Path folder = dir.resolve("part");
    try (QrFrameGenerator gen = generator()) {
      GenerationStats st = gen.writeTextFolder(texts(40), new Range(7, 9), folder);
      assertThat(st.totalFrames()).isEqualTo(3);
      assertThat(st.allSucceeded()).isTrue();
    }
    assertThat(names(folder)).containsExactly("frame_000007.png", "frame_000008.png", "frame_000009.png");
    Report r = FrameValidation.builder().expectedTexts(texts(40)).symbolsPerFrame(2).build()
        .validate(folder, new Range(7, 9));
    assertThat(r.problems()).isEmpty();
    assertThat(r.decodedFrames()).isEqualTo(3);
  }

  @Test
  void aFailedFrameIsReportedByItsAbsoluteNumber() throws IOException {
    List<String> payloads = new ArrayList<>(texts(10));
    payloads.set(7, "x".repeat(500)); // too long for a version-3 symbol: frame 3, slot 1
    try (QrFrameGenerator gen = generator()) {
      GenerationStats st = gen.writeTextFolder(payloads, new Range(2, 4), dir.resolve("f"));
      assertThat(st.failures()).singleElement().satisfies(f -> assertThat(f.index()).isEqualTo(3));
      assertThat(st.successfulFrames()).isEqualTo(2);
    }
  }

  @Test
  void rejectsRangesBeyondThePayloads() {
    try (QrFrameGenerator gen = generator()) {
      assertThatThrownBy(() -> gen.writeTextFolder(texts(10), new Range(3, 5), dir))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..4");
      assertThatThrownBy(() -> FrameValidation.builder().expectedTexts(texts(10)).symbolsPerFrame(2).build()
          .validate(dir, new Range(0, 5))).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("5 expected frames");
    }
  }

  @Test
  void rangeValidationFindsTheRangesProblemsOnlyAndTheRangesTogetherFindThemAll() throws IOException {
    List<String> payloads = texts(30);
    Path folder = dir.resolve("v");
    try (QrFrameGenerator gen = generator()) {
      gen.writeTextFolder(payloads, folder);
    }
    Files.delete(folder.resolve("frame_000004.png"));
    Files.write(folder.resolve("frame_000009.png"), new byte[0]);
    Files.copy(folder.resolve("frame_000000.png"), folder.resolve("frame_000012.png"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    FrameValidation v = FrameValidation.builder().expectedTexts(payloads).symbolsPerFrame(2).workers(1).build();

    Report first = v.validate(folder, new Range(0, 7));
    assertThat(first.problems()).extracting(Problem::kind, Problem::index)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.MISSING_INDEX, 4));
    assertThat(first.frameCount()).isEqualTo(7);
    assertThat(first.decodedFrames()).isEqualTo(7);

    FrameBatch.Summary<Report> all = FrameBatch.builder(0, 14, (range, context) -> v.validate(folder, range))
        .workers(2).ranges(3).build().run();
    List<Problem> problems = all.results().stream().flatMap(r -> r.problems().stream()).toList();
    // The whole-folder validation also reports the count (a folder-level check ranges leave to it).
    List<Problem> wholeFolder = v.validate(folder).problems().stream().filter(p -> p.index() >= 0).toList();
    assertThat(v.validate(folder).problems(Kind.COUNT_MISMATCH)).hasSize(1);
    assertThat(problems).extracting(Problem::kind, Problem::index).containsExactlyElementsOf(
        wholeFolder.stream().map(p -> org.assertj.core.groups.Tuple.tuple(p.kind(), p.index())).toList());
    assertThat(problems).extracting(Problem::kind).containsExactly(Kind.MISSING_INDEX, Kind.EMPTY_FILE,
        Kind.PAYLOAD_MISMATCH);
  }

  @Test
  void rangeValidationReportsAMissingFolder() {
    assertThat(FrameValidation.defaults().validate(dir.resolve("none"), new Range(0, 3)).problems())
        .extracting(Problem::kind).containsExactly(Kind.FOLDER_MISSING);
  }
}
