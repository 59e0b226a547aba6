package io.qrvid.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParityLayoutTest {
  /** Every position, mapped to "group/shard", from the layout's own per-group functions. */
  private static Map<Long, String> owners(ParityLayout pl, int m) {
    Map<Long, String> owner = new HashMap<>();
    for (long b = 0; b < pl.blocks(); b++) {
      for (int c = 0; c < pl.groupsIn(b); c++) {
        for (int i = 0; i < pl.dataShards(b, c); i++) {
          assertThat(owner.put(pl.dataShardPosition(b, c, i), pl.group(b, c) + "/" + i)).isNull();
        }
        for (int j = 0; j < m; j++) {
          assertThat(owner.put(pl.parityShardPosition(b, c, j), pl.group(b, c) + "/p" + j)).isNull();
        }
      }
    }
    return owner;
  }

  @Test
  void everyPositionBelongsToExactlyOneShardAndDataKeepsItsOrder() {
    for (int k : new int[] {1, 3, 20}) {
      for (int m : new int[] {1, 4}) {
        for (int depth : new int[] {1, 2, 7, 15}) {
          for (long n : new long[] {1, 2, 19, 20, 21, 139, 300, 301}) {
            ParityLayout pl = new ParityLayout(k, m, depth, n);
            Map<Long, String> owner = owners(pl, m);
            assertThat(owner.keySet()).hasSize((int) pl.symbols());
            assertThat(owner.keySet().stream().mapToLong(Long::longValue).max().orElseThrow())
                .isEqualTo(pl.symbols() - 1);
            long last = -1;
            for (long d = 0; d < n; d++) {
              long p = pl.dataPosition(d);
              assertThat(p).isGreaterThan(last);
              assertThat(owner.get(p)).doesNotContain("/p");
              last = p;
            }
          }
        }
      }
    }
  }

  @Test
  void depthOneIsTheLayoutOfOldIndexes() {
    ParityLayout pl = new ParityLayout(20, 4, 1, 1000);
    for (long d = 0; d < 1000; d++) {
      assertThat(pl.dataPosition(d)).isEqualTo(d + (d / 20) * 4);
    }
    assertThat(pl.symbols()).isEqualTo(1000 + 50 * 4);
    assertThat(new ParityLayout(20, 4, 1, 1001).symbols()).isEqualTo(1001 + 51 * 4);
  }

  @Test
  void aRunOfLostPositionsCostsEachGroupAtMostItsShareOfTheRun() {
    int k = 20;
    int m = 4;
    int depth = 15; // ceil(60 / 4): a 60-frame GOP of one symbol per frame
    ParityLayout pl = new ParityLayout(k, m, depth, 20 * 15 * 6 + 77);
    Map<Long, String> owner = owners(pl, m);
    for (long start = 0; start + 60 <= pl.symbols(); start++) {
      Map<String, Integer> perGroup = new HashMap<>();
      for (long p = start; p < start + 60; p++) {
        String group = owner.get(p).split("/")[0];
        perGroup.merge(group, 1, Integer::sum);
      }
      assertThat(perGroup.values()).as("run from " + start).allMatch(lost -> lost <= m);
    }
  }
}
