package io.qrvid.examples.quickstart;

import io.qrvid.video.memvid.MemvidChunk;
import io.qrvid.video.memvid.MemvidCodec;
import io.qrvid.video.memvid.MemvidLibrary;
import io.qrvid.video.memvid.MemvidVerdict;
import io.qrvid.video.memvid.MemvidWriteResult;
import io.qrvid.video.memvid.MemvidWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The memvid quick starts of {@code docs/memvid.md} ({@code io.qrvid.video.memvid}), as a program that compiles
 * against {@code qrvid-video} alone and checks what each one produced.
 *
 * <p>Each {@code README-BEGIN name} / {@code README-END name} region is shown verbatim in the documentation (the
 * {@code QuickStartDriftTest} of {@code qrvid-examples} keeps them equal). Run {@link #main} in an empty folder: it
 * writes a small memvid library {@code lib.mp4} (memvid's own codec) with {@code lib_index.json} and
 * {@code lib_index.faiss}, verifies it as the documentation does, exports the same chunks as {@code lib.mkv}, and
 * fails with an {@link IllegalStateException} when a result is not what the documentation says.
 */
public final class MemvidQuickStart {
  private MemvidQuickStart() {}

  /**
   * Runs the memvid quick starts in the working directory.
   *
   * @param args ignored
   * @throws IOException if a file cannot be written or read
   * @throws IllegalStateException if a quick start did not produce what the documentation says
   */
  public static void main(String[] args) throws IOException {
    List<String> chunks = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      chunks.add("Chunk " + i + ": memvid keeps one chunk per frame; qrvid checks that the video really holds it. "
          + "\u00e9t\u00e9 \u65e5\u672c " + "x".repeat(40 * i));
    }
    MemvidWriter.builder().codec(MemvidCodec.MP4V).build().write(chunks, Path.of("lib.mp4"));
    Map<MemvidVerdict, Integer> counts = verify();
    check(counts.getOrDefault(MemvidVerdict.VERIFIED, 0) == chunks.size(), "docs/memvid.md verify: " + counts);

    MemvidWriteResult r = export(chunks);
    check(!r.searchable() && Files.size(Path.of("lib.mkv")) > 0 && Files.exists(Path.of("lib_index.faiss")),
        "docs/memvid.md export: " + r);
    check(MemvidLibrary.open(Path.of("lib.mkv"), Path.of("lib_index.json")).counts()
        .getOrDefault(MemvidVerdict.VERIFIED, 0) == chunks.size(), "docs/memvid.md export: lib.mkv does not verify");
    System.out.println("qrvid-video memvid quick starts: OK");
  }

  private static Map<MemvidVerdict, Integer> verify() throws IOException {
    // README-BEGIN memvid verify
    MemvidLibrary lib = MemvidLibrary.open(Path.of("lib.mp4"), Path.of("lib_index.json"));
    lib.counts();                       // {VERIFIED=431, INDEX_ONLY=0, VIDEO_ONLY=0, MISMATCH=0}
    for (MemvidChunk c : lib.chunks()) {
      if (c.verdict() != MemvidVerdict.VERIFIED) System.out.println(c);   // id, frame, verdict, why
    }
    // README-END memvid verify
    return lib.counts();
  }

  private static MemvidWriteResult export(List<String> chunks) throws IOException {
    // README-BEGIN memvid export
    MemvidWriteResult r = MemvidWriter.builder().build().write(chunks, Path.of("lib.mkv"));
    // lib.mkv, lib_index.json, lib_index.faiss; r.searchable() == false without an Embedder
    MemvidWriter.builder().embedder(myModel::embed, "all-MiniLM-L6-v2").build();   // a searchable library
    // README-END memvid export
    return r;
  }

  /** A stand-in for a caller's embedding model (qrvid ships none): one fixed-length vector per text. */
  private static final class Model {
    float[] embed(String text) {
      float[] v = new float[384];
      v[Math.floorMod(text.hashCode(), v.length)] = 1f;
      return v;
    }
  }

  private static final Model myModel = new Model();

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("quick start failed: " + what);
    }
  }
}
