package io.qrvid.remote;

import java.util.List;
import java.util.Optional;

/**
 * Persists {@link GenerationRecord}s so that a restarted process can list, inspect and
 * {@link TextToVideoClient#resume(String, ProgressListener) resume} generations. Implementations must be thread-safe
 * and make each call atomic: a reader sees a record either before or after a {@link #save} call, never half of it.
 *
 * <p>Built-in: {@link InMemoryGenerationStore}, {@link JdbcGenerationStore}.
 */
public interface GenerationStore extends AutoCloseable {
  /**
   * Inserts or replaces the record with {@code record.id()}.
   *
   * @param record the record to store
   * @throws RemoteVideoException if the store cannot be written
   */
  void save(GenerationRecord record);

  /**
   * {@return the record with {@code id}, if any}
   *
   * @param id the local generation id
   * @throws RemoteVideoException if the store cannot be read
   */
  Optional<GenerationRecord> find(String id);

  /**
   * {@return all records, newest first}
   *
   * @throws RemoteVideoException if the store cannot be read
   */
  List<GenerationRecord> list();

  /**
   * {@return the records with {@code status}, newest first}
   *
   * @param status the status to keep
   * @throws RemoteVideoException if the store cannot be read
   */
  default List<GenerationRecord> list(GenerationStatus status) {
    return list().stream().filter(r -> r.status() == status).collect(java.util.stream.Collectors.toList());
  }

  /** Releases resources; idempotent. The default does nothing. */
  @Override
  default void close() {}
}
