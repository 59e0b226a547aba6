package io.qrvid.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrvid.remote.internal.FileNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileNamesTest {
  private static final LocalDateTime T = LocalDateTime.of(2026, 11, 21, 5, 4, 3);

  @Test
  void namesFilesByTimeAndFirstWords() {
    assertThat(FileNames.baseName(T, "A red fox, running through snow!"))
        .isEqualTo("20261121_050403_a_red_fox_running_through_snow");
  }

  @Test
  void keepsOnlyPortableCharacters() {
    assertThat(FileNames.baseName(T, "Café über naïve")).isEqualTo("20261121_050403_cafe_uber_naive");
    assertThat(FileNames.baseName(T, "../../etc/passwd CON: <x>|?*")).isEqualTo("20261121_050403_etc_passwd_con_x");
    assertThat(FileNames.baseName(T, "日本語 ✨")).isEqualTo("20261121_050403_video");
    String longName = FileNames.baseName(T, "supercalifragilisticexpialidocious ".repeat(5));
    assertThat(longName).matches("[0-9]{8}_[0-9]{6}_[a-z0-9_]{1,40}");
  }

  @Test
  void reservesDistinctNamesForTheSamePromptAndSecond(@TempDir Path dir) throws Exception {
    Path a = FileNames.reserve(dir, "20261121_050403_x");
    Path b = FileNames.reserve(dir, "20261121_050403_x");
    Files.createFile(dir.resolve("20261121_050403_x_3.part"));
    Path c = FileNames.reserve(dir, "20261121_050403_x");
    assertThat(a.getFileName().toString()).isEqualTo("20261121_050403_x.mp4");
    assertThat(b.getFileName().toString()).isEqualTo("20261121_050403_x_2.mp4");
    assertThat(c.getFileName().toString()).isEqualTo("20261121_050403_x_4.mp4");
    assertThat(FileNames.partOf(a).getFileName().toString()).isEqualTo("20261121_050403_x.part");
    FileNames.release(a);
    FileNames.release(b);
    FileNames.release(c);
  }
}
