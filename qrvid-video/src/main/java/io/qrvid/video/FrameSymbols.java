package io.qrvid.video;

import io.qrvid.core.FrameLayout;
import io.qrvid.core.FramePayload;
import io.qrvid.core.ParityPayload;
import io.qrvid.core.PayloadFormatException;
import io.qrvid.core.internal.ModuleGridDecoder;
import io.qrvid.decode.QrDecodeChain;
import io.qrvid.decode.QrScanResult;
import io.qrvid.video.internal.HumbleDecoderSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the symbols of one decoded frame of a QR video: first by sampling the module grid the index describes
 * (no finder-pattern search), then, for a symbol that fails, by the decode chain; parses the payloads and adds
 * them to a {@link ScanState}. Stateless apart from its configuration; thread-safe (the chain is).
 */
final class FrameSymbols {
  private static final Logger log = LoggerFactory.getLogger(QrVideoReader.class);
  private final VideoIndex index;
  private final FrameLayout layout;
  private final QrDecodeChain chain;
  private final int threshold;

  FrameSymbols(VideoIndex index, FrameLayout layout, QrDecodeChain chain) {
    this.index = index;
    this.layout = layout;
    this.chain = chain;
    this.threshold = (index.geometry().darkLevel() + index.geometry().lightLevel() + 1) / 2;
  }

  /**
   * Reads every symbol of {@code frame} into {@code state}.
   *
   * @param luma the frame's luma plane, {@code width} bytes per row
   * @return the frame's own payloads (those of this index's video), for the frame cache
   */
  List<FramePayload> read(long frame, byte[] luma, int width, ScanState state) {
    int spf = index.symbolsPerFrame();
    long totalSymbols = index.video().symbols();
    List<FramePayload> framePayloads = new ArrayList<>(spf * 2);
    for (int slot = 0; slot < spf; slot++) {
      long position = frame * spf + slot;
      if (position >= totalSymbols) {
        break;
      }
      byte[] content;
      try {
        content = ModuleGridDecoder.decode(luma, 0, width, layout, slot, threshold).orElse(null);
      } catch (RuntimeException e) {
        log.debug("frame {} slot {}: grid sampling failed: {}", frame, slot, e.toString());
        content = null;
      }
      if (content != null) {
        state.byGrid.incrementAndGet();
      } else {
        content = scanWithChainSafely(luma, width, slot);
        if (content == null) {
          state.unreadable.incrementAndGet();
          state.unreadablePositions.add(position);
          continue;
        }
        state.byChain.incrementAndGet();
      }
      if (ParityPayload.isParity(content)) {
        if (state.keepContents) {
          state.contents.put(position, content); // checked against video id and group on repair
        }
        continue;
      }
      try {
        List<FramePayload> payloads = FramePayload.parseSymbol(content);
        if (state.keepContents && payloads.stream().allMatch(p -> p.videoId() == index.videoId())
            && ParityRepair.belongsAt(index, state.parityLayout, position, payloads)) {
          state.contents.put(position, content); // only where the index places it
        }
        for (FramePayload p : payloads) {
          if (p.videoId() != index.videoId()) {
            state.foreign.incrementAndGet();
            if (state.foreignIds.size() < 4) {
              state.foreignIds.add(p.videoId());
            }
            continue;
          }
          state.own.incrementAndGet();
          framePayloads.add(p);
          state.parts.computeIfAbsent(p.chunkIndex(), k -> new CopyOnWriteArrayList<>()).add(p);
        }
      } catch (PayloadFormatException e) {
        state.unreadable.incrementAndGet();
        state.unreadablePositions.add(position);
      }
    }
    state.framesRead.incrementAndGet();
    return framePayloads;
  }

  /**
   * Whether a decoded frame should be read: false for a frame the index does not know (damaged or crafted
   * timestamps), and for a frame of the wrong size, whose symbols are then noted as unreadable in {@code state}.
   */
  boolean accept(long frame, int width, int height, ScanState state) {
    if (frame >= index.video().frames() || frame < 0) {
      return false;
    }
    if (width != layout.frameWidth() || height != layout.frameHeight()) {
      int spf = index.symbolsPerFrame();
      for (int slot = 0; slot < spf && frame * spf + slot < index.video().symbols(); slot++) {
        state.unreadable.incrementAndGet();
        state.unreadablePositions.add(frame * spf + slot);
      }
      return false;
    }
    return true;
  }

  /** @throws VideoIndexException if the session's frames are not the size the index describes */
  void checkFrameSize(HumbleDecoderSession session) {
    if (session.width() != layout.frameWidth() || session.height() != layout.frameHeight()) {
      throw new VideoIndexException("the video's frames are " + session.width() + "x" + session.height()
          + " but the index describes " + layout.frameWidth() + "x" + layout.frameHeight()
          + ": the index belongs to another video", null);
    }
  }

  private byte[] scanWithChainSafely(byte[] luma, int width, int slot) {
    try {
      return scanWithChain(luma, width, slot);
    } catch (RuntimeException e) {
      log.debug("slot {}: the decode chain failed: {}", slot, e.toString());
      return null;
    }
  }

  private byte[] scanWithChain(byte[] luma, int width, int slot) {
    int cell = layout.cellPixels();
    int x0 = layout.symbolX(slot) - layout.quietZone() * layout.modulePixels();
    int y0 = layout.symbolY(slot) - layout.quietZone() * layout.modulePixels();
    byte[] crop;
    int cw;
    int ch;
    if (layout.symbolsPerFrame() == 1) {
      crop = luma;
      cw = width;
      ch = luma.length / width;
    } else {
      // Crop the slot's cell with a white margin, so that the chain sees one symbol with a quiet zone.
      int margin = 4 * layout.modulePixels();
      cw = cell + 2 * margin;
      ch = cell + 2 * margin;
      crop = new byte[cw * ch];
      Arrays.fill(crop, (byte) 255);
      for (int y = 0; y < cell; y++) {
        System.arraycopy(luma, (y0 + y) * width + x0, crop, (y + margin) * cw + margin, cell);
      }
    }
    QrScanResult r = chain.scanLuma(crop, cw, ch);
    return r.found() ? r.rawBytes() : null;
  }
}
