package io.qrvid.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrvid.core.FrameValidation.Kind;
import io.qrvid.core.FrameValidation.Report;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameValidationTest {
  @TempDir Path dir;

  private static final List<String> TEXTS = List.of("one", "two", "three", "four");

  private Path writeFrames(List<String> texts) throws IOException {
    Path folder = dir.resolve("frames");
    try (QrFrameGenerator gen = QrFrameGenerator.builder().version(2).modulePixels(3).quietZone(4).workers(2)
        .build()) {
      GenerationStats stats = gen.writeTextFolder(texts, folder);
      assertThat(stats.allSucceeded()).isTrue();
    }
    return folder;
  }

  private static FrameValidation decoding(List<String> texts) {
    return FrameValidation.builder().expectedTexts(texts).build();
  }

  @Test
  void aGeneratedFolderIsValidAndEveryFrameDecodesToItsPayload() throws IOException {
    Path folder = writeFrames(TEXTS);
    try (var files = Files.list(folder)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(
          "frame_000000.png", "frame_000001.png", "frame_000002.png", "frame_000003.png");
    }
    Report r = decoding(TEXTS).validate(folder);
    assertThat(r.problems()).isEmpty();
    assertThat(r.valid()).isTrue();
    assertThat(r.frameCount()).isEqualTo(4);
    assertThat(r.decodedFrames()).isEqualTo(4);
  }

  @Test
  void reportsAMissingFolder() {
    Report r = FrameValidation.defaults().validate(dir.resolve("nope"));
    assertThat(r.valid()).isFalse();
    assertThat(r.problems()).extracting(FrameValidation.Problem::kind).containsExactly(Kind.FOLDER_MISSING);
  }

  @Test
  void reportsAFileInsteadOfAFolder() throws IOException {
    Path file = Files.writeString(dir.resolve("file.txt"), "x");
    assertThat(FrameValidation.defaults().validate(file).problems())
        .extracting(FrameValidation.Problem::kind).containsExactly(Kind.NOT_A_FOLDER);
  }

  @Test
  void reportsAnUnexpectedCount() throws IOException {
    Path folder = writeFrames(TEXTS);
    Report r = FrameValidation.builder().expectedCount(5).build().validate(folder);
    assertThat(r.problems(Kind.COUNT_MISMATCH)).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("4 frames, expected 5"));
    // the fifth frame is missing from the sequence too
    assertThat(r.problems(Kind.MISSING_INDEX)).extracting(FrameValidation.Problem::index).containsExactly(4);
    assertThat(FrameValidation.builder().expectedCount(4).build().validate(folder).valid()).isTrue();
  }

  @Test
  void reportsFilesThatBreakTheNamingConvention() throws IOException {
    Path folder = writeFrames(TEXTS);
    Files.copy(folder.resolve("frame_000000.png"), folder.resolve("frame_1.png"));
    Files.copy(folder.resolve("frame_000000.png"), folder.resolve("Frame_000009.PNG"));
    Report r = FrameValidation.defaults().validate(folder);
    assertThat(r.problems(Kind.BAD_NAME)).extracting(FrameValidation.Problem::file)
        .containsExactly("Frame_000009.PNG", "frame_1.png");
    assertThat(r.frameCount()).isEqualTo(4);
  }

  @Test
  void reportsAGapInTheSequence() throws IOException {
    Path folder = writeFrames(TEXTS);
    Files.delete(folder.resolve("frame_000001.png"));
    Report r = FrameValidation.defaults().validate(folder);
    assertThat(r.problems()).extracting(FrameValidation.Problem::kind).containsExactly(Kind.MISSING_INDEX);
    assertThat(r.problems().get(0).index()).isEqualTo(1);
  }

  @Test
  void reportsAnEmptyFile() throws IOException {
    Path folder = writeFrames(TEXTS);
    Files.write(folder.resolve("frame_000002.png"), new byte[0]);
    Report r = decoding(TEXTS).validate(folder);
    assertThat(r.problems()).extracting(FrameValidation.Problem::kind).containsExactly(Kind.EMPTY_FILE);
    assertThat(r.problems().get(0).index()).isEqualTo(2);
    assertThat(r.decodedFrames()).isEqualTo(3);
  }

  @Test
  void reportsAFileThatIsNotAnImage() throws IOException {
    Path folder = writeFrames(TEXTS);
    Files.writeString(folder.resolve("frame_000001.png"), "not a png");
    Report r = decoding(TEXTS).validate(folder);
    assertThat(r.problems()).extracting(FrameValidation.Problem::kind).containsExactly(Kind.UNREADABLE_IMAGE);
  }

  @Test
  void reportsAFrameWithoutADecodableSymbol() throws IOException {
    Path folder = writeFrames(TEXTS);
    BufferedImage blank = new BufferedImage(100, 100, BufferedImage.TYPE_BYTE_GRAY);
    ImageIO.write(blank, "png", folder.resolve("frame_000003.png").toFile());
    Report decodeOnly = FrameValidation.builder().decode(true).build().validate(folder);
    assertThat(decodeOnly.problems()).extracting(FrameValidation.Problem::kind).containsExactly(Kind.NOT_DECODED);
    assertThat(decodeOnly.problems().get(0).index()).isEqualTo(3);
    // structure alone does not look inside the files
    assertThat(FrameValidation.defaults().validate(folder).valid()).isTrue();
  }

  @Test
  void reportsAFrameThatDecodesToAnotherPayload() throws IOException {
    Path folder = writeFrames(TEXTS);
    List<String> expected = new ArrayList<>(TEXTS);
    expected.set(2, "THREE");
    Report r = FrameValidation.builder().expectedTexts(expected).workers(1).build().validate(folder);
    assertThat(r.problems()).extracting(FrameValidation.Problem::kind).containsExactly(Kind.PAYLOAD_MISMATCH);
    assertThat(r.problems().get(0).index()).isEqualTo(2);
    assertThat(r.decodedFrames()).isEqualTo(3);
  }

  @Test
  void decodesTiledFramesInReadingOrder() throws IOException {
    Path folder = dir.resolve("tiled");
    List<byte[]> payloads = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      payloads.add(("symbol number " + i).getBytes(StandardCharsets.UTF_8));
    }
    try (QrFrameGenerator gen = QrFrameGenerator.builder().version(3).modulePixels(3).quietZone(4)
        .grid(2, 2).build()) {
      assertThat(gen.writeFolder(payloads, folder).totalFrames()).isEqualTo(2);
    }
    FrameValidation v = FrameValidation.builder().symbolsPerFrame(4).expectedPayloads(payloads).build();
    assertThat(v.expectedCount()).isEqualTo(2);
    assertThat(v.validate(folder).problems()).isEmpty();
  }

  @Test
  void cleanDeletesOnlyFrameFiles() throws IOException {
    Path folder = writeFrames(TEXTS);
    Files.writeString(folder.resolve("notes.txt"), "keep");
    Files.writeString(folder.resolve(".frame_000007.png.abc123.tmp"), "leftover");
    assertThat(FrameFolder.clean(folder)).isEqualTo(5);
    try (var files = Files.list(folder)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("notes.txt");
    }
    assertThat(FrameFolder.clean(dir.resolve("absent"))).isZero();
  }

  @Test
  void namesFramesWithSixDigitIndices() {
    assertThat(FrameFolder.fileName(0)).isEqualTo("frame_000000.png");
    assertThat(FrameFolder.fileName(1_234_567)).isEqualTo("frame_1234567.png");
    assertThat(FrameFolder.indexOf("frame_000042.png")).hasValue(42);
    assertThat(FrameFolder.indexOf("frame_42.png")).isEmpty();
    assertThat(FrameFolder.indexOf("frame_0000042.png")).isEmpty();
  }

  @Test
  void writesPlainStringsToAFolderOfStandardQrCodes() throws IOException {
    Path folder = dir.resolve("plain");
    List<String> texts = List.of("https://example.org/a", "héllo wörld ✓", "1234567890");
    GenerationStats stats = QrFrameGenerator.textsToFolder(texts, folder);
    assertThat(stats.successfulFrames()).isEqualTo(3);
    assertThat(decoding(texts).validate(folder).problems()).isEmpty();
  }
}
