package io.qrvid.remote;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The future of one generation, which also knows the generation's id from the start (the record is saved before
 * {@link TextToVideoClient#generate} returns), so a caller can {@linkplain TextToVideoClient#cancel(String) cancel}
 * or later {@linkplain TextToVideoClient#resume(String, ProgressListener) resume} it by id. Cancelling this future
 * cancels the generation. Derived stages ({@code thenApply} and so on) are plain {@link CompletableFuture}s.
 */
public final class GenerationFuture extends CompletableFuture<GenerationResult> {
  private final String generationId;

  /**
   * Creates an incomplete future for {@code generationId} (the client does this).
   *
   * @param generationId the local generation id (the store key)
   * @throws NullPointerException if {@code generationId} is null
   */
  public GenerationFuture(String generationId) {
    this.generationId = Objects.requireNonNull(generationId, "generationId == null");
  }

  /** {@return the local generation id (the store key)} */
  public String generationId() {
    return generationId;
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new CompletableFuture<>();
  }
}
