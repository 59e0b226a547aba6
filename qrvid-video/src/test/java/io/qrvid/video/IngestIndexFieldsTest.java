package io.qrvid.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index fields issue 12 added (media type, storage, text layer) are validated like the others. */
class IngestIndexFieldsTest {
  @TempDir Path tmp;

  private VideoIndex read(Consumer<ObjectNode> mutation) throws IOException {
    ObjectNode json = (ObjectNode) IndexJson.Mapper.MAPPER.readTree(VideoIndexValidationTest.valid().toBytes());
    mutation.accept(json);
    Path p = tmp.resolve("v.mp4" + VideoIndex.SUFFIX);
    Files.write(p, IndexJson.Mapper.MAPPER.writeValueAsBytes(json));
    return VideoIndex.read(p);
  }

  private static ObjectNode doc(ObjectNode root, int i) {
    return (ObjectNode) root.get("documents").get(i);
  }

  private static ObjectNode chunk(ObjectNode root, int i) {
    return (ObjectNode) root.get("chunks").get(i);
  }

  private void rejects(String field, Consumer<ObjectNode> mutation) {
    assertThatThrownBy(() -> read(mutation)).as(field).isInstanceOfSatisfying(VideoIndexException.class,
        e -> assertThat(e.field()).as(e.getMessage()).hasValue(field));
  }

  @Test
  void indexesWithoutTheFieldsReadAsTextDocuments() throws IOException {
    VideoIndex ix = read(j -> { });
    assertThat(ix.documents()).allSatisfy(d -> {
      assertThat(d.storageOrText()).isEqualTo(VideoIndex.Storage.TEXT);
      assertThat(d.textLayer()).isFalse();
    });
    assertThat(ix.storedDocuments()).hasSize(2);
    assertThat(IndexJson.Mapper.MAPPER.readTree(ix.toBytes()).get("documents").get(0).has("storage")).isFalse();
  }

  @Test
  void aTextLayerAndABinaryDocumentAreAccepted() throws IOException {
    VideoIndex ix = read(j -> {
      doc(j, 0).put("storage", "BYTES").put("mediaType", "application/pdf");
      chunk(j, 0).put("charStart", 0).put("charEnd", 0);
      chunk(j, 1).put("charStart", 0).put("charEnd", 0);
      doc(j, 1).put("storage", "TEXT").put("textOf", 0).put("name", "a.txt#text");
    });
    assertThat(ix.storedDocuments()).extracting(VideoIndex.Document::name).containsExactly("a.txt");
    assertThat(ix.document(1).orElseThrow().textOf()).isEqualTo(0);
    assertThat(ix.document(0).orElseThrow().storage()).isEqualTo(VideoIndex.Storage.BYTES);
  }

  @Test
  void inconsistentFieldsAreTypedErrorsNamingTheField() {
    rejects("documents[1].textOf", j -> doc(j, 1).put("textOf", 1));       // itself
    rejects("documents[1].textOf", j -> doc(j, 1).put("textOf", 7));       // no such document
    rejects("documents[1].textOf", j -> doc(j, 1).put("textOf", -1));
    rejects("documents[1].storage", j -> {
      doc(j, 1).put("textOf", 0).put("storage", "BYTES");
      chunk(j, 2).put("charEnd", 0);
    });
    rejects("documents[0].mediaType", j -> doc(j, 0).put("mediaType", "x".repeat(300)));
    rejects("chunks[0].charEnd", j -> doc(j, 0).put("storage", "BYTES"));  // bytes keep character offsets at 0
    rejects("chunks[0].charEnd", j -> chunk(j, 0).put("charEnd", 0));      // text chunks are not empty
    rejects("documents[0].storage", j -> doc(j, 0).put("storage", "SOMETHING"));
  }
}
