package io.qrvid.remote;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link GenerationStore} in a concurrent map; lost when the process ends. Thread-safe. The client's default. */
public final class InMemoryGenerationStore implements GenerationStore {
  private final ConcurrentHashMap<String, GenerationRecord> records = new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public InMemoryGenerationStore() {}

  @Override
  public void save(GenerationRecord record) {
    Objects.requireNonNull(record, "record == null");
    records.put(record.id(), record);
  }

  @Override
  public Optional<GenerationRecord> find(String id) {
    return Optional.ofNullable(records.get(id));
  }

  @Override
  public List<GenerationRecord> list() {
    List<GenerationRecord> all = new ArrayList<>(records.values());
    all.sort(Comparator.comparing(GenerationRecord::createdAt).reversed().thenComparing(GenerationRecord::id));
    return all;
  }
}
