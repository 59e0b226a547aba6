package io.qrvid.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextChunkerTest {
  @Test
  void chunksConcatenateBackToTheDocumentWithoutOverlap() {
    String text = "First sentence. Second one! A third?\n\nNew paragraph here.\n".repeat(200);
    List<Chunk> chunks = TextChunker.builder().chunkSize(300).build().chunk(3, "doc.txt", text, 10);
    StringBuilder rebuilt = new StringBuilder();
    chunks.forEach(c -> rebuilt.append(c.text()));
    assertThat(rebuilt.toString()).isEqualTo(text);
    assertThat(chunks).allSatisfy(c -> assertThat(c.text().length()).isLessThanOrEqualTo(300));
    assertThat(chunks.get(0).index()).isEqualTo(10);
    assertThat(chunks.get(1).indexInDocument()).isEqualTo(1);
    assertThat(chunks.get(0).documentId()).isEqualTo(3);
  }

  @Test
  void prefersParagraphThenSentenceBoundaries() {
    String text = "Alpha beta gamma. Delta epsilon.\n\nZeta eta theta iota kappa lambda mu nu xi omicron.";
    List<Chunk> chunks = TextChunker.builder().chunkSize(60).boundaryWindow(0.5).build().chunk(0, "d", text, 0);
    assertThat(chunks.get(0).text()).isEqualTo("Alpha beta gamma. Delta epsilon.\n\n");
    String noParagraph = "One two three. Four five six seven eight nine ten eleven twelve";
    assertThat(TextChunker.builder().chunkSize(30).boundaryWindow(0.6).build().chunk(0, "d", noParagraph, 0)
        .get(0).text()).isEqualTo("One two three. ");
  }

  @Test
  void neverSplitsSurrogatePairsAndTracksUtf8Offsets() {
    StringBuilder sb = new StringBuilder();
    Random r = new Random(7);
    for (int i = 0; i < 3000; i++) {
      switch (r.nextInt(4)) {
        case 0 -> sb.append("\uD83D\uDE00");       // emoji, 4 UTF-8 bytes
        case 1 -> sb.append('漢');                  // CJK, 3 bytes
        case 2 -> sb.append('é');                   // 2 bytes
        default -> sb.append(' ');
      }
    }
    String text = sb.toString();
    byte[] all = text.getBytes(StandardCharsets.UTF_8);
    for (int overlap : new int[] {0, 7}) {
      List<Chunk> chunks = TextChunker.builder().chunkSize(101).overlap(overlap).build().chunk(0, "d", text, 0);
      for (Chunk c : chunks) {
        assertThat(Character.isLowSurrogate(text.charAt(c.charStart()))).isFalse();
        assertThat(c.text()).isEqualTo(text.substring(c.charStart(), c.charEnd()));
        byte[] expected = java.util.Arrays.copyOfRange(all, (int) c.byteStart(), (int) c.byteEnd());
        assertThat(c.bytes()).isEqualTo(expected);
      }
      assertThat(chunks.get(chunks.size() - 1).byteEnd()).isEqualTo(all.length);
      if (overlap > 0) {
        assertThat(chunks.get(1).charStart()).isLessThan(chunks.get(0).charEnd());
      }
    }
  }

  @Test
  void emptyTextGivesNoChunks() {
    assertThat(TextChunker.defaults().chunk(0, "d", "", 0)).isEmpty();
  }

  @Test
  void rejectsBadSettings() {
    assertThatThrownBy(() -> TextChunker.builder().chunkSize(1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TextChunker.builder().overlap(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TextChunker.builder().chunkSize(100).overlap(50).build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void sectionsBoundChunksAndLabelThem() {
    String intro = "Preface without a title. ".repeat(3);
    String one = "Page one text. ".repeat(30);
    String two = "Page two, with \uD83D\uDE00 emoji. ".repeat(20);
    String text = intro + one + two;
    int a = intro.length();
    int b = a + one.length();
    List<TextSection> sections = List.of(TextSection.page(a, 1, "Chapter 1"), TextSection.page(b, 2, null));
    byte[] all = text.getBytes(StandardCharsets.UTF_8);
    for (int overlap : new int[] {0, 9}) {
      List<Chunk> chunks = TextChunker.builder().chunkSize(100).overlap(overlap).build()
          .chunk(1, "d.pdf", text, 5, sections);
      for (Chunk c : chunks) {
        assertThat(c.text()).isEqualTo(text.substring(c.charStart(), c.charEnd()));
        assertThat(c.bytes()).isEqualTo(java.util.Arrays.copyOfRange(all, (int) c.byteStart(), (int) c.byteEnd()));
        boolean inIntro = c.charEnd() <= a;
        boolean inOne = c.charStart() >= a && c.charEnd() <= b;
        boolean inTwo = c.charStart() >= b;
        assertThat(inIntro || inOne || inTwo).as("chunk %s crosses a section start", c).isTrue();
        if (inIntro) {
          assertThat(c.page()).isEmpty();
          assertThat(c.title()).isEmpty();
        } else if (inOne) {
          assertThat(c.page()).contains(1);
          assertThat(c.title()).contains("Chapter 1");
        } else {
          assertThat(c.page()).contains(2);
          assertThat(c.title()).isEmpty();
        }
      }
      assertThat(chunks).extracting(Chunk::index).startsWith(5, 6, 7);
      assertThat(chunks.get(chunks.size() - 1).charEnd()).isEqualTo(text.length());
      if (overlap == 0) {
        StringBuilder rebuilt = new StringBuilder();
        chunks.forEach(c -> rebuilt.append(c.text()));
        assertThat(rebuilt.toString()).isEqualTo(text);
      }
    }
  }

  @Test
  void noSectionsGivesTheUnsectionedChunksAndBadSectionsAreRejected() {
    String text = "Some words here. ".repeat(100);
    TextChunker chunker = TextChunker.builder().chunkSize(120).build();
    assertThat(chunker.chunk(0, "d", text, 0, List.of())).extracting(Chunk::text)
        .isEqualTo(chunker.chunk(0, "d", text, 0).stream().map(Chunk::text).toList());
    assertThat(chunker.chunk(0, "d", text, 0, List.of(TextSection.titled(0, "T"), TextSection.titled(0, "U"))))
        .allSatisfy(c -> assertThat(c.title()).contains("U"));
    assertThatThrownBy(() -> chunker.chunk(0, "d", text, 0, List.of(TextSection.titled(10, "a"),
        TextSection.titled(5, "b")))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("order");
    assertThatThrownBy(() -> chunker.chunk(0, "d", text, 0, List.of(TextSection.titled(text.length() + 1, "a"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> chunker.chunk(0, "d", "a\uD83D\uDE00b", 0, List.of(TextSection.titled(2, "x"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("surrogate");
    assertThatThrownBy(() -> TextSection.page(0, 0, null)).isInstanceOf(IllegalArgumentException.class);
  }
}
