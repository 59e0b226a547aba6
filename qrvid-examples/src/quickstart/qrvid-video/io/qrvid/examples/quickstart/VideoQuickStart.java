package io.qrvid.examples.quickstart;

import io.qrvid.video.EncodeResult;
import io.qrvid.video.FrameRangeRead;
import io.qrvid.video.QrVideoCorpus;
import io.qrvid.video.QrVideoEncoder;
import io.qrvid.video.QrVideoReader;
import io.qrvid.video.search.SearchHit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The README's {@code qrvid-video} quick start (text to QR video to text), as a program that compiles against
 * {@code qrvid-video} alone and checks that every document came back byte for byte.
 *
 * <p>The {@code README-BEGIN video} / {@code README-END video} region is shown verbatim in the README (the
 * {@code QuickStartDriftTest} of {@code qrvid-examples} keeps them equal). Run {@link #main} in an empty folder: it
 * writes two text files ({@code usr_01.txt}, {@code usr_02.txt}, about 12 KB each, so that the video holds more than
 * four 4,000-character chunks), encodes them into {@code manual.mp4} with its index, reads them back and restores
 * them into {@code restored/}; it fails with an {@link IllegalStateException} when anything differs. Needs Humble
 * Video's native library for this platform (Linux x86_64 ships with {@code qrvid-video}).
 */
public final class VideoQuickStart {
  private VideoQuickStart() {}

  /**
   * Runs the quick start in the working directory.
   *
   * @param args ignored
   * @throws IOException if a file cannot be written or read, or the video cannot be decoded completely
   * @throws IllegalStateException if a document did not come back byte for byte
   */
  public static void main(String[] args) throws IOException {
    Files.writeString(Path.of("usr_01.txt"), text(1), StandardCharsets.UTF_8);
    Files.writeString(Path.of("usr_02.txt"), text(2), StandardCharsets.UTF_8);
    EncodeResult encoded = readme();
    for (String name : List.of("usr_01.txt", "usr_02.txt")) {
      check(Arrays.equals(Files.readAllBytes(Path.of("restored", name)), Files.readAllBytes(Path.of(name))),
          "restored/" + name + " differs from " + name);
    }
    check(encoded.documents() == 2 && encoded.chunks() > 3, "encode: " + encoded);
    System.out.println("qrvid-video quick start: OK (" + encoded.chunks() + " chunks, " + encoded.frames()
        + " frames, " + Files.size(Path.of("manual.mp4")) + " bytes of video)");
  }

  private static EncodeResult readme() throws IOException {
    // README-BEGIN video
    QrVideoEncoder encoder = QrVideoEncoder.builder()   // DENSE profile: FFV1, zstd + dictionary, 4000-character chunks
        .parity(20, 2)                                   // optional: 2 parity symbols per 20 rebuild any 2 lost ones
        .build();
    EncodeResult r = encoder.encode(List.of(Path.of("usr_01.txt"), Path.of("usr_02.txt")), Path.of("manual.mp4"));

    try (QrVideoReader reader = QrVideoReader.open(Path.of("manual.mp4"))) {   // reads manual.mp4.qrvid.json
      Map<String, byte[]> docs = reader.readAll();     // exact bytes, or QrDecodeException naming missing chunks
      byte[] one = reader.chunk(3);                     // random access: seeks, decodes a few frames, LRU cache
      reader.restoreTo(Path.of("restored"));            // atomic writes of verified documents only
      for (SearchHit hit : reader.search("visual block", 5)) {   // Lucene BM25 over manual.mp4.qrvid-search/
        System.out.println(hit.document() + ": " + hit.snippet());  // hit text read from the video, CRC-checked
      }
    }
    // README-END video
    return r;
  }

  /**
   * The search quick start of {@code docs/search.md}: compiled as written, not run by {@link #main} (it needs a
   * PDF, a Markdown file, a photo and a corpus manifest in the working directory).
   *
   * @throws IOException if a file cannot be read or written, or a hit cannot be read from the video
   */
  static void searchQuickStart() throws IOException {
    // README-BEGIN search
    QrVideoEncoder encoder = QrVideoEncoder.builder().build();        // search index on, English analyzer
    encoder.encode(List.of(Path.of("manual.pdf"), Path.of("notes.md"), Path.of("photo.jpg")), Path.of("lib.mp4"));

    try (QrVideoReader reader = QrVideoReader.open(Path.of("lib.mp4"))) {
      for (SearchHit hit : reader.search("der decoding", 5)) {          // BM25; text read from the video
        System.out.printf("%s p.%s %s: %s%n", hit.document(), hit.page().orElse(null),
            hit.title().orElse(""), hit.snippet());                      // snippet: matches between « and »
      }
      reader.restoreTo(Path.of("restored"));                            // manual.pdf, notes.md, photo.jpg, exact
    }
    List<SearchHit> all = QrVideoCorpus.open(Path.of("lib.qrvid-manifest.json")).search("der decoding", 5);
    // README-END search
  }

  /** About 12 KB of varied text: sentences of random words, some non-ASCII, in paragraphs. */
  private static String text(long seed) {
    String[] words = {"video", "symbol", "module", "frame", "chunk", "index", "parity", "codec", "quiet", "zone",
        "caf\u00e9", "na\u00efve", "\u00fcber", "\u65e5\u672c\u8a9e", "\u0436\u0443\u0440\u043d\u0430\u043b", "x264"};
    Random random = new Random(seed);
    StringBuilder sb = new StringBuilder();
    while (sb.length() < 12_000) {
      int n = 5 + random.nextInt(12);
      for (int i = 0; i < n; i++) {
        sb.append(i == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
      }
      sb.append(random.nextInt(8) == 0 ? ".\n\n" : ". ");
    }
    return sb.toString();
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("quick start failed: " + what);
    }
  }

  /**
   * docs/ranges.md: frames {@code 20,000..29,999} of a long video read in parallel ranges. Compiled, not run by
   * {@link #main} (the quick start's video is far shorter; {@code RangeReadIT} of qrvid-video tests the same calls).
   *
   * @throws IOException if the video or its index cannot be read
   */
  static void readFrames(Path video) throws IOException {
    // README-BEGIN ranges read
    try (QrVideoReader reader = QrVideoReader.builder(video).workers(4).build()) {
      FrameRangeRead r = reader.readFrames(20_000, 29_999);
      r.chunks();         // chunk index -> exact bytes (CRC32C verified), for chunks whose frames all lie in the range
      r.cutChunks();      // chunks with frames on both sides of an end of the range: never returned in part
      r.missingChunks();  // chunks inside the range that could not be recovered
      r.documents();      // documents whose every chunk lies in the range, SHA-256 verified
      reader.lastRanges().ifPresent(System.out::println);   // the FrameBatch summary of the read
    }
    // README-END ranges read
  }
}
