package io.qrvid.remote;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One stored generation: what was asked, where it is, and how it ended. Immutable; change it with
 * {@link #newBuilder()}.
 */
public final class GenerationRecord {
  private final String id;
  private final String prompt;
  private final String model;
  private final String provider;
  private final String config;
  private final GenerationStatus status;
  private final @Nullable String operationId;
  private final @Nullable String videoPath;
  private final Instant createdAt;
  private final Instant updatedAt;
  private final @Nullable Instant submittedAt;
  private final @Nullable Instant finishedAt;
  private final @Nullable String errorType;
  private final @Nullable String errorMessage;
  private final int attempts;

  private GenerationRecord(Builder b) {
    id = Objects.requireNonNull(b.id, "id == null");
    prompt = Objects.requireNonNull(b.prompt, "prompt == null");
    model = Objects.requireNonNull(b.model, "model == null");
    provider = Objects.requireNonNull(b.provider, "provider == null");
    config = b.config;
    status = b.status;
    operationId = b.operationId;
    videoPath = b.videoPath;
    createdAt = Objects.requireNonNull(b.createdAt, "createdAt == null");
    updatedAt = b.updatedAt == null ? createdAt : b.updatedAt;
    submittedAt = b.submittedAt;
    finishedAt = b.finishedAt;
    errorType = b.errorType;
    errorMessage = b.errorMessage;
    attempts = b.attempts;
  }

  /** {@return an empty builder (id, prompt, model, provider and createdAt are required)} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder initialised with this record} */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** {@return the local generation id (a UUID)} */
  public String id() {
    return id;
  }

  /** {@return the prompt as submitted (after capability checks)} */
  public String prompt() {
    return prompt;
  }

  /** {@return the model} */
  public String model() {
    return model;
  }

  /** {@return the provider name} */
  public String provider() {
    return provider;
  }

  /** {@return the request configuration as JSON (duration, aspect ratio, resolution, optional fields)} */
  public String config() {
    return config;
  }

  /** {@return the status} */
  public GenerationStatus status() {
    return status;
  }

  /** {@return the provider operation id, once the submit was acknowledged} */
  public Optional<String> operationId() {
    return Optional.ofNullable(operationId);
  }

  /** {@return the final video path, set when the download starts and meaningful once COMPLETED} */
  public Optional<Path> videoPath() {
    return Optional.ofNullable(videoPath).map(Path::of);
  }

  /** {@return when the record was created} */
  public Instant createdAt() {
    return createdAt;
  }

  /** {@return when the record was last changed} */
  public Instant updatedAt() {
    return updatedAt;
  }

  /** {@return when the provider accepted the job} */
  public Optional<Instant> submittedAt() {
    return Optional.ofNullable(submittedAt);
  }

  /** {@return when the generation reached a terminal status} */
  public Optional<Instant> finishedAt() {
    return Optional.ofNullable(finishedAt);
  }

  /** {@return the simple class name of the failure, for FAILED and CANCELLED records} */
  public Optional<String> errorType() {
    return Optional.ofNullable(errorType);
  }

  /** {@return the failure message, for FAILED and CANCELLED records} */
  public Optional<String> errorMessage() {
    return Optional.ofNullable(errorMessage);
  }

  /** {@return how many HTTP requests were sent for this generation, retries included} */
  public int attempts() {
    return attempts;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof GenerationRecord)) {
      return false;
    }
    GenerationRecord r = (GenerationRecord) o;
    return attempts == r.attempts && id.equals(r.id) && prompt.equals(r.prompt) && model.equals(r.model)
        && provider.equals(r.provider) && config.equals(r.config) && status == r.status
        && Objects.equals(operationId, r.operationId) && Objects.equals(videoPath, r.videoPath)
        && createdAt.equals(r.createdAt) && updatedAt.equals(r.updatedAt)
        && Objects.equals(submittedAt, r.submittedAt) && Objects.equals(finishedAt, r.finishedAt)
        && Objects.equals(errorType, r.errorType) && Objects.equals(errorMessage, r.errorMessage);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, status, operationId, updatedAt);
  }

  /** Describes the record without the prompt text. */
  @Override
  public String toString() {
    return "GenerationRecord{" + id + ", " + provider + "/" + model + ", " + status
        + (operationId == null ? "" : ", op=" + operationId) + (errorType == null ? "" : ", " + errorType) + "}";
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private @Nullable String id;
    private @Nullable String prompt;
    private @Nullable String model;
    private @Nullable String provider;
    private String config = "{}";
    private GenerationStatus status = GenerationStatus.PENDING;
    private @Nullable String operationId;
    private @Nullable String videoPath;
    private @Nullable Instant createdAt;
    private @Nullable Instant updatedAt;
    private @Nullable Instant submittedAt;
    private @Nullable Instant finishedAt;
    private @Nullable String errorType;
    private @Nullable String errorMessage;
    private int attempts;

    private Builder() {}

    private Builder(GenerationRecord r) {
      id = r.id;
      prompt = r.prompt;
      model = r.model;
      provider = r.provider;
      config = r.config;
      status = r.status;
      operationId = r.operationId;
      videoPath = r.videoPath;
      createdAt = r.createdAt;
      updatedAt = r.updatedAt;
      submittedAt = r.submittedAt;
      finishedAt = r.finishedAt;
      errorType = r.errorType;
      errorMessage = r.errorMessage;
      attempts = r.attempts;
    }

    /**
     * Sets the id.
     *
     * @param id the local generation id (a UUID in records the client writes)
     * @return this builder
     * @throws NullPointerException if {@code id} is null
     */
    public Builder id(String id) {
      this.id = Objects.requireNonNull(id, "id == null");
      return this;
    }

    /**
     * Sets the prompt.
     *
     * @param prompt the prompt as submitted
     * @return this builder
     * @throws NullPointerException if {@code prompt} is null
     */
    public Builder prompt(String prompt) {
      this.prompt = Objects.requireNonNull(prompt, "prompt == null");
      return this;
    }

    /**
     * Sets the model.
     *
     * @param model the model name
     * @return this builder
     * @throws NullPointerException if {@code model} is null
     */
    public Builder model(String model) {
      this.model = Objects.requireNonNull(model, "model == null");
      return this;
    }

    /**
     * Sets the provider name.
     *
     * @param provider the provider name ({@link VideoProvider#name()})
     * @return this builder
     * @throws NullPointerException if {@code provider} is null
     */
    public Builder provider(String provider) {
      this.provider = Objects.requireNonNull(provider, "provider == null");
      return this;
    }

    /**
     * Sets the configuration JSON.
     *
     * @param config the request configuration as a JSON object (default {@code {}})
     * @return this builder
     * @throws NullPointerException if {@code config} is null
     */
    public Builder config(String config) {
      this.config = Objects.requireNonNull(config, "config == null");
      return this;
    }

    /**
     * Sets the status.
     *
     * @param status the status (default {@link GenerationStatus#PENDING})
     * @return this builder
     * @throws NullPointerException if {@code status} is null
     */
    public Builder status(GenerationStatus status) {
      this.status = Objects.requireNonNull(status, "status == null");
      return this;
    }

    /**
     * Sets the operation id.
     *
     * @param operationId the provider's operation id, or null before the submit is acknowledged
     * @return this builder
     */
    public Builder operationId(@Nullable String operationId) {
      this.operationId = operationId;
      return this;
    }

    /**
     * Sets the video path.
     *
     * @param videoPath the downloaded video, or null while there is none
     * @return this builder
     */
    public Builder videoPath(@Nullable Path videoPath) {
      this.videoPath = videoPath == null ? null : videoPath.toString();
      return this;
    }

    /**
     * Sets the creation time.
     *
     * @param t when the generation was created
     * @return this builder
     * @throws NullPointerException if {@code t} is null
     */
    public Builder createdAt(Instant t) {
      this.createdAt = Objects.requireNonNull(t, "createdAt == null");
      return this;
    }

    /**
     * Sets the last change time (defaults to the creation time).
     *
     * @param t when the record last changed, or null for the creation time
     * @return this builder
     */
    public Builder updatedAt(@Nullable Instant t) {
      this.updatedAt = t;
      return this;
    }

    /**
     * Sets when the job was accepted.
     *
     * @param t when the provider accepted the job, or null if it has not
     * @return this builder
     */
    public Builder submittedAt(@Nullable Instant t) {
      this.submittedAt = t;
      return this;
    }

    /**
     * Sets when the generation reached a terminal status.
     *
     * @param t when the generation reached a terminal status, or null if it has not
     * @return this builder
     */
    public Builder finishedAt(@Nullable Instant t) {
      this.finishedAt = t;
      return this;
    }

    /**
     * Sets the error type (a simple class name).
     *
     * @param errorType the simple class name of the failure, or null
     * @return this builder
     */
    public Builder errorType(@Nullable String errorType) {
      this.errorType = errorType;
      return this;
    }

    /**
     * Sets the error message.
     *
     * @param errorMessage the failure's message, or null
     * @return this builder
     */
    public Builder errorMessage(@Nullable String errorMessage) {
      this.errorMessage = errorMessage;
      return this;
    }

    /**
     * Sets the number of HTTP requests sent.
     *
     * @param attempts the count, 0 or more (default 0)
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder attempts(int attempts) {
      if (attempts < 0) {
        throw new IllegalArgumentException("attempts < 0");
      }
      this.attempts = attempts;
      return this;
    }

    /**
     * Builds the record.
     *
     * @return the immutable record; the builder can be reused
     * @throws NullPointerException if id, prompt, model, provider or createdAt is missing
     */
    public GenerationRecord build() {
      return new GenerationRecord(this);
    }
  }
}
