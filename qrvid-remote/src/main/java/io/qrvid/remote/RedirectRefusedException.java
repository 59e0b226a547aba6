package io.qrvid.remote;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the client refuses to follow a redirect: a job-creating submit answered with any 3xx (a 307/308 would
 * make the client send the paid POST again, so it is never followed, never retried), a {@code Location} that is not
 * an absolute http(s) URL, or more than {@value #MAX_HOPS} hops. Never retried.
 */
public class RedirectRefusedException extends RemoteVideoException {
  private static final long serialVersionUID = 1L;

  /** The most redirect hops the client follows for one request. */
  public static final int MAX_HOPS = 10;

  /** The redirect target without its query, or null. */
  private final @Nullable String location;

  /**
   * Creates an exception.
   *
   * @param message what was refused
   * @param statusCode the redirect status (3xx)
   * @param location the redirect target, without its query, if there was one
   * @param operationId the operation id, if known
   */
  public RedirectRefusedException(String message, int statusCode, @Nullable String location,
      @Nullable String operationId) {
    super(message, statusCode, null, operationId, null);
    this.location = location;
  }

  /** {@return the redirect target without its query, if the response named one} */
  public java.util.Optional<String> location() {
    return java.util.Optional.ofNullable(location);
  }
}
