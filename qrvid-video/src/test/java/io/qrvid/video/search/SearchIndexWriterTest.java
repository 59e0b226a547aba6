package io.qrvid.video.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's background indexing thread: order, results and failures as if indexing ran in the caller. */
class SearchIndexWriterTest {
  @TempDir Path dir;

  private List<Path> listing() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  @Test
  void manyChunksAreIndexedInOrderAndPublished() throws IOException {
    Path video = dir.resolve("v.mp4");
    int n = 300; // more than the queue holds: add waits for room
    try (SearchIndexWriter w = SearchIndexWriter.create(video, SearchOptions.defaults())) {
      for (int i = 0; i < n; i++) {
        w.add(i, "chunk number " + i + (i == 137 ? " zeppelin" : ""), i % 2 == 0 ? "title " + i : null);
      }
      assertThat(w.chunks()).isEqualTo(n);
      w.finishAdding();
      w.finishAdding(); // idempotent
      assertThatThrownBy(() -> w.add(n, "late", null)).isInstanceOf(IllegalStateException.class);
      assertThat(w.publish(7)).isEqualTo(SearchIndexWriter.pathFor(video));
    }
    assertThat(listing()).containsExactly(SearchIndexWriter.pathFor(video));
    try (FSDirectory d = FSDirectory.open(SearchIndexWriter.pathFor(video));
        DirectoryReader r = DirectoryReader.open(d)) {
      assertThat(r.numDocs()).isEqualTo(n);
      assertThat(r.getIndexCommit().getUserData()).containsEntry(SearchFields.KEY_VIDEO_ID, "7")
          .containsEntry(SearchFields.KEY_CHUNKS, Integer.toString(n));
      var hits = new IndexSearcher(r).search(new TermQuery(new Term(SearchFields.TEXT, "zeppelin")), 10);
      assertThat(hits.scoreDocs).hasSize(1);
      assertThat(hits.scoreDocs[0].doc).isEqualTo(137); // documents in the order of the calls
    }
  }

  @Test
  void aFailureOfTheIndexingThreadIsThrownByPrepareAndNothingIsLeft() throws IOException {
    Path video = dir.resolve("v.mp4");
    SearchIndexWriter w = SearchIndexWriter.create(video, SearchOptions.defaults());
    try {
      w.add(0, "some text", null);
      for (Path p : listing()) { // the hidden build folder turns into a file under the writer
        for (int attempt = 0; ; attempt++) {
          try { // the indexing thread may still be creating files in it: retry until it is a file
            SearchFields.deleteTree(p);
            Files.writeString(p, "not a folder");
            break;
          } catch (IOException e) {
            if (attempt == 200) {
              throw e;
            }
            sleep(10);
          }
        }
      }
      assertThatThrownBy(() -> w.prepare(1)).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> w.add(1, "more", null)).isInstanceOf(IOException.class);
    } finally {
      w.close(); // the failure was reported: close does not throw it again
    }
    assertThat(listing()).isEmpty();
    assertThat(SearchIndexWriter.pathFor(video)).doesNotExist();
  }

  @Test
  void closeWithoutPublishDeletesTheBuildFolder() throws IOException {
    Path video = dir.resolve("v.mp4");
    try (SearchIndexWriter w = SearchIndexWriter.create(video, SearchOptions.defaults())) {
      w.add(0, "text that is never published", null);
    }
    assertThat(listing()).isEmpty();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
