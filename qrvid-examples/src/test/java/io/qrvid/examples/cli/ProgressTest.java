package io.qrvid.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The CLI's progress bar: shown only on a terminal, plain ASCII, and never through a JLine terminal. */
class ProgressTest {
  private final PrintStream stderr = System.err;
  private final String told = System.getProperty(Progress.STDERR_TERMINAL);

  @AfterEach
  void restore() {
    System.setErr(stderr);
    if (told == null) {
      System.clearProperty(Progress.STDERR_TERMINAL);
    } else {
      System.setProperty(Progress.STDERR_TERMINAL, told);
    }
  }

  private static String run(boolean quiet) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try (Progress p = new Progress("encode", 100, quiet)) {
      for (int i = 0; i <= 100; i += 10) {
        p.onProgress(i, 100);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void drawsAPlainAsciiBarOnATerminalWithoutOpeningAJLineTerminal() throws Exception {
    System.setProperty(Progress.STDERR_TERMINAL, "true");
    String shown = run(false);
    assertThat(shown).contains("encode").contains("100/100 frames").contains("\r");
    assertThat(shown).doesNotContain("\u001b"); // no ANSI colour or cursor movement
    assertThat(java.util.Arrays.stream(shown.split("[\r\n]")).mapToInt(String::length).max().orElse(0))
        .isLessThanOrEqualTo(Progress.width());
    // progressbar keeps the JLine terminal it opens in TerminalUtils.terminal; opening one resets SIGINT handling.
    Field terminal = Class.forName("me.tongfei.progressbar.TerminalUtils").getDeclaredField("terminal");
    terminal.setAccessible(true);
    assertThat(terminal.get(null)).as("JLine terminal opened by progressbar").isNull();
  }

  @Test
  void drawsNothingWhenQuietOrWhenStandardErrorIsNotATerminal() {
    System.setProperty(Progress.STDERR_TERMINAL, "true");
    assertThat(run(true)).isEmpty();
    System.setProperty(Progress.STDERR_TERMINAL, "false");
    assertThat(run(false)).isEmpty();
    assertThat(Progress.stderrIsTerminal()).isFalse();
  }

  @Test
  void closingTwiceEndsTheLineOnce() {
    System.setProperty(Progress.STDERR_TERMINAL, "true");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    Progress p = new Progress("decode", 3, false);
    p.onProgress(3, 3);
    p.close();
    p.close();
    p.onProgress(3, 3);
    String shown = bytes.toString(StandardCharsets.UTF_8);
    assertThat(shown).endsWith(System.lineSeparator());
    assertThat(shown.split(System.lineSeparator(), -1)).hasSize(2);
  }
}
