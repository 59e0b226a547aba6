package io.qrvid.remote;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when the provider finished the job without a usable video: it reported a failure, filtered the result
 * (Veo's {@code raiMediaFilteredCount > 0}, which looks like success without samples), or returned something the
 * client cannot use.
 */
public class GenerationFailedException extends RemoteVideoException {
  private static final long serialVersionUID = 1L;

  /** Why the generation failed. */
  public enum Kind {
    /** The provider's safety filter removed the result (Veo RAI filter). Re-submitting may succeed. */
    CONTENT_FILTERED,
    /** The provider reported a failed job with its own code and message. */
    PROVIDER_ERROR,
    /** The job finished but its output could not be used (no video reference, unsupported URI). */
    INVALID_OUTPUT
  }

  /** Why the generation failed. */
  private final Kind kind;
  /** The provider's error code, or null. */
  private final @Nullable String providerCode;
  /** The provider's error message, or null. */
  private final @Nullable String providerMessage;
  /** The content-filter reasons. */
  private final List<String> filterReasons;

  /**
   * Creates an exception.
   *
   * @param kind why the generation failed
   * @param providerCode the provider's error code, if any
   * @param providerMessage the provider's error message, if any
   * @param filterReasons the provider's content-filter reasons (empty unless {@link Kind#CONTENT_FILTERED})
   * @param operationId the operation id
   */
  public GenerationFailedException(Kind kind, @Nullable String providerCode, @Nullable String providerMessage,
      List<String> filterReasons, @Nullable String operationId) {
    super("generation failed (" + kind + (providerCode == null ? "" : ", code " + providerCode) + ")"
        + (providerMessage == null ? "" : ": " + providerMessage), -1, null, operationId, null);
    this.kind = kind;
    this.providerCode = providerCode;
    this.providerMessage = providerMessage;
    this.filterReasons = List.copyOf(filterReasons);
  }

  /** {@return why the generation failed} */
  public Kind kind() {
    return kind;
  }

  /** {@return the provider's error code, if it sent one} */
  public Optional<String> providerCode() {
    return Optional.ofNullable(providerCode);
  }

  /** {@return the provider's error message, if it sent one} */
  public Optional<String> providerMessage() {
    return Optional.ofNullable(providerMessage);
  }

  /** {@return the content-filter reasons the provider gave; empty if none} */
  public List<String> filterReasons() {
    return filterReasons;
  }
}
