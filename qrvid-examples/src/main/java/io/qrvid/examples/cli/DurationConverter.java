package io.qrvid.examples.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Parses a CLI duration: numbers with units, {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, also combined
 * ({@code 1m30s}) and with decimals ({@code 1.5s}), as docs/VOCABULARY.md asks. A bare number is a usage error (exit
 * 2): the unit is never guessed. The one duration converter of the CLI: use it with
 * {@code @Option(converter = DurationConverter.class)}.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  private static final Pattern PART = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,9})?)(ms|s|m|h)");

  /** Creates the converter (picocli instantiates it). */
  public DurationConverter() {}

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  /**
   * Parses {@code value}.
   *
   * @param value the option's text
   * @return the duration
   * @throws CommandLine.TypeConversionException if it is not one or more number-unit pairs
   */
  static Duration parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    Matcher m = PART.matcher(v);
    double nanos = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      double n = Double.parseDouble(m.group(1));
      switch (m.group(2)) {
        case "ms":
          nanos += n * 1e6;
          break;
        case "s":
          nanos += n * 1e9;
          break;
        case "m":
          nanos += n * 60e9;
          break;
        default:
          nanos += n * 3600e9;
          break;
      }
      end = m.end();
    }
    if (end == 0 || end != v.length()) {
      throw new CommandLine.TypeConversionException("'" + value
          + "' is not a duration: give a number with a unit, e.g. 500ms, 30s, 2m, 1h");
    }
    if (nanos > Long.MAX_VALUE / 2.0) {
      throw new CommandLine.TypeConversionException("'" + value + "' is too long a duration");
    }
    return Duration.ofNanos(Math.round(nanos));
  }
}
