package io.qrvid.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code qrvid demo} clears its output folder only when the demo wrote what is in it. */
class DemoCommandTest {
  @TempDir Path dir;

  @Test
  void refusesAFolderHoldingSomethingElseAndLeavesItAlone() throws IOException {
    Path mine = dir.resolve("mine");
    Files.createDirectories(mine.resolve("input"));
    Path notes = Files.writeString(mine.resolve("notes.txt"), "keep me");

    String[] r = CliVocabularyTest.run("demo", "-q", "-o", mine.toString());

    assertThat(r[0]).isEqualTo("3");
    assertThat(r[2]).contains(mine.toString()).contains("notes.txt");
    assertThat(Files.readString(notes)).isEqualTo("keep me");
    assertThat(mine.resolve("input")).isDirectory();
  }

  @Test
  void acceptsAMissingAnEmptyOrAnEarlierDemosFolder() throws IOException {
    assertThat(DemoCommand.refusal(dir.resolve("new"))).isNull();
    assertThat(DemoCommand.refusal(dir)).isNull();
    Files.createDirectories(dir.resolve("input"));
    Files.createDirectories(dir.resolve("restored"));
    Files.writeString(dir.resolve("demo.mp4"), "");
    Files.writeString(dir.resolve("demo.mp4.qrvid.json"), "");
    Files.writeString(dir.resolve(".demo.mp4.x1y2.part"), "");
    assertThat(DemoCommand.refusal(dir)).isNull();

    Path file = Files.writeString(dir.resolve("demo.mp4.qrvid.json"), "{}");
    assertThat(DemoCommand.refusal(file)).contains("not a folder");
  }
}
