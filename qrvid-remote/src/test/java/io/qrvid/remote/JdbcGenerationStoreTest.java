package io.qrvid.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcGenerationStoreTest {
  private static GenerationRecord record(String id, Instant created) {
    return GenerationRecord.builder().id(id).prompt("a \"quoted\" prompt; DROP TABLE x").model("veo-3.1")
        .provider("gemini-veo").config("{\"durationSeconds\":8}").createdAt(created).build();
  }

  @Test
  void createsTheSchemaOnFirstUseAndPersistsAcrossReopen(@TempDir Path dir) {
    Instant t = Instant.parse("2026-11-21T05:00:00.123Z");
    GenerationRecord done = record("g1", t).newBuilder().status(GenerationStatus.COMPLETED).operationId("op/1")
        .videoPath(dir.resolve("v.mp4")).submittedAt(t.plusSeconds(1)).finishedAt(t.plusSeconds(9))
        .updatedAt(t.plusSeconds(9)).attempts(4).build();
    try (JdbcGenerationStore store = JdbcGenerationStore.h2(dir.resolve("db"))) {
      assertThat(store.list()).isEmpty();
      store.save(record("g1", t));
      store.save(done); // replaces
      store.save(record("g2", t.plusSeconds(5)).newBuilder().status(GenerationStatus.FAILED)
          .errorType("QuotaExceededException").errorMessage("quota").build());
    }
    try (JdbcGenerationStore reopened = JdbcGenerationStore.h2(dir.resolve("db"))) {
      assertThat(reopened.find("g1")).contains(done);
      assertThat(reopened.list()).extracting(GenerationRecord::id).containsExactly("g2", "g1");
      assertThat(reopened.list(GenerationStatus.FAILED)).extracting(GenerationRecord::errorType)
          .containsExactly(java.util.Optional.of("QuotaExceededException"));
      assertThat(reopened.find("nope")).isEmpty();
    }
  }

  @Test
  void worksWithAnyDataSource() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:anyds;DB_CLOSE_DELAY=-1");
    JdbcGenerationStore store = new JdbcGenerationStore(ds);
    GenerationRecord r = record("x", Instant.parse("2026-01-01T00:00:00Z"));
    store.save(r);
    assertThat(store.find("x")).contains(r);
    store.close();
    store.close(); // idempotent
  }
}
