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
}
