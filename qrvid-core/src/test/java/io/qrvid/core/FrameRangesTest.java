package io.qrvid.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrvid.core.FrameRanges.Range;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameRangesTest {
  @Test
  void spreadsTheRemainderOverTheFirstRanges() {
    assertThat(FrameRanges.split(0, 9, 3)).containsExactly(new Range(0, 3), new Range(4, 6), new Range(7, 9));
    assertThat(FrameRanges.split(1, 10, 4)).containsExactly(new Range(1, 3), new Range(4, 6), new Range(7, 8),
        new Range(9, 10));
  }

  @Test
  void evenSplitsHaveEqualSizes() {
    assertThat(FrameRanges.split(100, 199, 4)).extracting(Range::size).containsOnly(25L);
  }

  @Test
  void neverReturnsMoreRangesThanItems() {
    assertThat(FrameRanges.split(5, 7, 10)).containsExactly(new Range(5, 5), new Range(6, 6), new Range(7, 7));
    assertThat(FrameRanges.split(4, 4, 3)).containsExactly(new Range(4, 4));
  }

  @Test
  void oneRangeCoversEverything() {
    assertThat(FrameRanges.split(-3, 3, 1)).containsExactly(new Range(-3, 3));
  }

  @Test
  void handlesExtremeBounds() {
    List<Range> r = FrameRanges.split(Long.MAX_VALUE - 4, Long.MAX_VALUE, 2);
    assertThat(r).containsExactly(new Range(Long.MAX_VALUE - 4, Long.MAX_VALUE - 2),
        new Range(Long.MAX_VALUE - 1, Long.MAX_VALUE));
    assertThatThrownBy(() -> FrameRanges.split(Long.MIN_VALUE, Long.MAX_VALUE, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsFirstAfterLast() {
    assertThatThrownBy(() -> FrameRanges.split(5, 4, 2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("first 5 > last 4");
  }

  @Test
  void rejectsFewerThanOneRange() {
    assertThatThrownBy(() -> FrameRanges.split(0, 4, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("n < 1: 0");
    assertThatThrownBy(() -> FrameRanges.split(0, 4, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void randomSplitsAreContiguousCompleteAndBalanced() {
    Random rnd = new Random(7);
    for (int t = 0; t < 500; t++) {
      long first = rnd.nextInt(2000) - 1000;
      long last = first + rnd.nextInt(300);
      int n = 1 + rnd.nextInt(40);
      List<Range> ranges = FrameRanges.split(first, last, n);
      long items = last - first + 1;
      assertThat(ranges).hasSize((int) Math.min(n, items));
      assertThat(ranges.get(0).first()).isEqualTo(first);
      assertThat(ranges.get(ranges.size() - 1).last()).isEqualTo(last);
      long min = Long.MAX_VALUE;
      long max = 0;
      for (int i = 0; i < ranges.size(); i++) {
        if (i > 0) {
          assertThat(ranges.get(i).first()).isEqualTo(ranges.get(i - 1).last() + 1);
          assertThat(ranges.get(i).size()).isLessThanOrEqualTo(ranges.get(i - 1).size());
        }
        min = Math.min(min, ranges.get(i).size());
        max = Math.max(max, ranges.get(i).size());
      }
      assertThat(max - min).isLessThanOrEqualTo(1);
    }
  }

  @Test
  void parsesTheCliForm() {
    assertThat(FrameRanges.parse("0..99")).isEqualTo(new Range(0, 99));
    assertThat(FrameRanges.parse(" 7 .. 7 ")).isEqualTo(new Range(7, 7));
    assertThatThrownBy(() -> FrameRanges.parse("9..3")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("first 9 > last 3");
    for (String bad : new String[] {"", "5", "-1..3", "1...3", "a..b", "1..", "1-3", "99999999999999999999..1"}) {
      assertThatThrownBy(() -> FrameRanges.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("A..B");
    }
  }

  @Test
  void rangesAreValuesThatContainNumbersAndRanges() throws Exception {
    Range r = new Range(10, 19);
    assertThat(r.contains(10)).isTrue();
    assertThat(r.contains(19)).isTrue();
    assertThat(r.contains(20)).isFalse();
    assertThat(r.contains(new Range(12, 19))).isTrue();
    assertThat(r.contains(new Range(9, 12))).isFalse();
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(r);
    }
    try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
        new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(r);
    }
  }
}
