package io.qrvid.examples;

import io.qrvid.video.QrVideoEncoder;
import io.qrvid.video.QrVideoReader;
import io.qrvid.video.search.SearchHit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores documents of any kind (text, Markdown, PDF, EPUB, HTML, binaries) in a QR video with its search index,
 * then answers a query with hits read back from the video.
 *
 * <pre>
 * java -cp ... io.qrvid.examples.SearchExample OUT.mp4 "QUERY" FILE...
 * </pre>
 */
public final class SearchExample {
  private SearchExample() {}

  /**
   * Entry point.
   *
   * @param args the video to write, the query, then the files to store
   * @throws IOException if a file cannot be read or the video written
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: SearchExample OUT.mp4 QUERY FILE...");
      System.exit(2);
    }
    List<Path> files = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      files.add(Path.of(args[i]));
    }
    for (SearchHit hit : storeAndSearch(files, Path.of(args[0]), args[1], 5)) {
      System.out.printf("%d. %s%s: %s%n", hit.rank(), hit.document(),
          hit.page().map(p -> ", page " + p).orElse(""), hit.snippet());
    }
  }

  /**
   * Encodes {@code files} into {@code video} (with {@code video.qrvid-search/}) and returns the {@code k} best hits
   * for {@code query}, their text read from the video.
   *
   * @throws IOException if a file cannot be read or the video written or read
   */
  static List<SearchHit> storeAndSearch(List<Path> files, Path video, String query, int k) throws IOException {
    QrVideoEncoder.builder().build().encode(files, video);      // any files; the search index is built too
    try (QrVideoReader reader = QrVideoReader.open(video)) {
      return reader.search(query, k);                            // BM25; each hit's text read and CRC-checked
    }
  }
}
