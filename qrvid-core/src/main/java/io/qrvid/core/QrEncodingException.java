package io.qrvid.core;

/** Thrown when a symbol cannot be encoded, typically because its content exceeds the symbol's capacity. */
public class QrEncodingException extends QrvidException {
  private static final long serialVersionUID = 1L;
  /** The number of the symbol that failed, or -1 when not known. */
  private final int symbolNumber;

  /**
   * Creates the exception.
   *
   * @param symbolNumber the number of the symbol that failed, or -1 when not known
   * @param message what failed, for people
   * @param cause the encoder's failure
   */
  public QrEncodingException(String message, int symbolNumber, Throwable cause) {
    super(message, cause);
    this.symbolNumber = symbolNumber;
  }

  /** {@return the number of the symbol that failed, or -1 when not known} */
  public int symbolNumber() {
    return symbolNumber;
  }
}
