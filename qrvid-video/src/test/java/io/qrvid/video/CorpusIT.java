package io.qrvid.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qrvid.video.internal.HumbleRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusIT {
  @TempDir Path tmp;

  @Test
  void appendAddsASegmentWithoutTouchingTheExistingOnes() throws IOException {
    assumeTrue(HumbleRuntime.isAvailable(), "Humble Video natives not available here");
    Path a = Files.writeString(tmp.resolve("a.txt"), "First document. ".repeat(800));
    Path b = Files.writeString(tmp.resolve("b.txt"), "Second document, appended later. ".repeat(900));
    Path manifest = tmp.resolve("lib" + QrVideoCorpus.SUFFIX);
    QrVideoCorpus corpus = QrVideoCorpus.open(manifest);
    corpus.append(List.of(a));
    Path first = corpus.segmentVideos().get(0);
    byte[] firstBytes = Files.readAllBytes(first);
    FileTime firstTime = Files.getLastModifiedTime(first);

    QrVideoCorpus reopened = QrVideoCorpus.open(manifest);
    reopened.append(List.of(b));
    assertThat(reopened.segmentVideos()).hasSize(2);
    assertThat(Files.readAllBytes(first)).isEqualTo(firstBytes);
    assertThat(Files.getLastModifiedTime(first)).isEqualTo(firstTime);

    Map<String, byte[]> all = QrVideoCorpus.open(manifest).readAll();
    assertThat(all.keySet()).containsExactly("a.txt", "b.txt");
    assertThat(all.get("a.txt")).isEqualTo(Files.readAllBytes(a));
    assertThat(all.get("b.txt")).isEqualTo(Files.readAllBytes(b));

    Path out = tmp.resolve("restored");
    assertThat(QrVideoCorpus.open(manifest).restoreTo(out)).containsExactly(out.toAbsolutePath().resolve("a.txt"),
        out.toAbsolutePath().resolve("b.txt"));
    assertThat(Files.readAllBytes(out.resolve("b.txt"))).isEqualTo(Files.readAllBytes(b));

    assertThatThrownBy(() -> reopened.append(List.of(a))).isInstanceOf(InvalidDocumentException.class)
        .hasMessageContaining("already in the corpus");
    assertThat(QrVideoCorpus.open(manifest).segmentVideos()).hasSize(2);
  }
}
