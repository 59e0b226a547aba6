package io.qrvid.video;

import io.qrvid.core.ErasureCode;
import io.qrvid.core.FramePayload;
import io.qrvid.core.ParityPayload;
import io.qrvid.core.PayloadFormatException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds lost or unreadable data symbols of a parity-protected video from the symbols read, group by group
 * ({@link ParityLayout}). Only a group with at least one symbol read can be repaired (at most {@code m} of its
 * symbols may be missing), so the work visits the blocks of the symbols actually read: it is bounded by the video,
 * never by a count from the index. Not thread-safe; one repair per read.
 */
final class ParityRepair {
  private static final Logger log = LoggerFactory.getLogger(ParityRepair.class);

  private ParityRepair() {}

  /**
   * Whether a data symbol read at {@code position} holds exactly the chunk parts the index places there. A frame
   * shown at the wrong place (a decoder's error concealment repeating a frame, a repeated or swapped fragment)
   * must not pose as the symbol the parity code expects at that position.
   */
  static boolean belongsAt(VideoIndex index, ParityLayout pl, long position, List<FramePayload> payloads) {
    long d = pl.dataIndexAt(position);
    if (d < 0 || payloads.isEmpty()) {
      return false;
    }
    List<VideoIndex.ChunkEntry> chunks = index.chunks();
    for (FramePayload p : payloads) {
      int c = p.chunkIndex();
      if (c < 0 || c >= chunks.size()) {
        return false;
      }
      VideoIndex.ChunkEntry e = chunks.get(c);
      if (position < e.firstSymbol() || position > e.lastSymbol()) {
        return false;
      }
      long first = pl.dataIndexAt(e.firstSymbol());
      if (first < 0 || d - first != p.part()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Repairs what it can.
   *
   * @param index the validated index
   * @param symbolCapacity the layout's symbol capacity in bytes
   * @param contents symbol contents read, by video position (data symbols as read, parity symbols unparsed)
   * @param rebuiltPayloads receives the payloads of every rebuilt data symbol that belong to this video
   * @return data symbols rebuilt
   */
  static long repair(VideoIndex index, int symbolCapacity, Map<Long, byte[]> contents,
      Consumer<FramePayload> rebuiltPayloads) {
    VideoIndex.Geometry g = index.geometry();
    int m = g.parityShards();
    ParityLayout pl = new ParityLayout(g.parityData(), m, g.interleave(), index.video().dataSymbols());
    int shardBytes = symbolCapacity - ParityPayload.HEADER_BYTES;
    TreeSet<Long> blocks = new TreeSet<>();
    for (long position : contents.keySet()) {
      long b = pl.blockOf(position);
      if (b < pl.blocks()) {
        blocks.add(b);
      }
    }
    long rebuilt = 0;
    for (long b : blocks) {
      for (int c = 0; c < pl.groupsIn(b); c++) {
        rebuilt += repairGroup(index, pl, b, c, m, shardBytes, contents, rebuiltPayloads);
      }
    }
    return rebuilt;
  }

  private static long repairGroup(VideoIndex index, ParityLayout pl, long b, int c, int m, int shardBytes,
      Map<Long, byte[]> contents, Consumer<FramePayload> out) {
    int kg = pl.dataShards(b, c);
    long group = pl.group(b, c);
    byte[][] shards = new byte[kg + m][];
    boolean[] present = new boolean[kg + m];
    int missing = 0;
    boolean dataMissing = false;
    for (int i = 0; i < kg + m; i++) {
      byte[] s;
      if (i < kg) {
        s = contents.get(pl.dataShardPosition(b, c, i));
      } else {
        s = contents.get(pl.parityShardPosition(b, c, i - kg));
        if (s != null) {
          try {
            ParityPayload pp = ParityPayload.parse(s);
            s = pp.videoId() == index.videoId() && pp.group() == group && pp.index() == i - kg ? pp.shard() : null;
          } catch (PayloadFormatException e) {
            s = null;
          }
        }
      }
      if (s != null && s.length <= shardBytes) {
        shards[i] = Arrays.copyOf(s, shardBytes);
        present[i] = true;
      } else {
        missing++;
        dataMissing |= i < kg;
      }
    }
    if (!dataMissing || missing > m) {
      return 0;
    }
    ErasureCode.of(kg, m).reconstruct(shards, present);
    long rebuilt = 0;
    for (int i = 0; i < kg; i++) {
      if (present[i]) {
        continue;
      }
      try {
        for (FramePayload p : FramePayload.parseSymbol(shards[i])) {
          if (p.videoId() == index.videoId()) {
            out.accept(p);
          }
        }
        rebuilt++;
      } catch (PayloadFormatException e) {
        log.debug("rebuilt symbol {} of group {} is not a valid payload: {}", i, group, e.getMessage());
      }
    }
    return rebuilt;
  }
}
