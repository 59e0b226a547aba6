package io.qrvid.video;

import io.qrvid.core.QrvidException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a video's index (or a corpus manifest) is missing, unreadable, of an unsupported format version,
 * inconsistent, or belongs to another video than the one being read. When one field is at fault,
 * {@link #field()} names it as a path into the JSON, e.g. {@code documents[3].bytes} or {@code geometry.parityData}.
 */
public class VideoIndexException extends QrvidException {
  private static final long serialVersionUID = 1L;
  /** The path of the field at fault in the JSON, or null. */
  private final @Nullable String field;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and in which file
   * @param cause the underlying failure (a JSON parse error, an I/O error), or null
   */
  public VideoIndexException(String message, @Nullable Throwable cause) {
    this(message, null, cause);
  }

  /**
   * Creates the exception for one field.
   *
   * @param field the field's path in the JSON, e.g. {@code chunks[12].parts}, or null when no single field is at
   *     fault
   * @param message what is wrong and in which file
   * @param cause the underlying failure, or null
   */
  public VideoIndexException(String message, @Nullable String field, @Nullable Throwable cause) {
    super(message, cause);
    this.field = field;
  }

  /** {@return the path of the field at fault, e.g. {@code documents[3].bytes}, when one field is} */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }
}
