package io.qrvid.examples.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Parses a CLI duration: a number with a unit, {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h} (decimals allowed,
 * {@code 1.5s}), as docs/VOCABULARY.md asks. A bare number is a usage error (exit 2): the unit is never guessed.
 * Use it with {@code @Option(converter = DurationConverter.class)}.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");

  /** Creates the converter (picocli instantiates it). */
  public DurationConverter() {}

  @Override
  public Duration convert(String value) {
    Matcher m = FORMAT.matcher(value.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new CommandLine.TypeConversionException("'" + value
          + "' is not a duration: give a number with a unit, e.g. 500ms, 30s, 2m, 1h");
    }
    double n = Double.parseDouble(m.group(1));
    double millis;
    switch (m.group(2)) {
      case "ms":
        millis = n;
        break;
      case "s":
        millis = n * 1_000;
        break;
      case "m":
        millis = n * 60_000;
        break;
      default:
        millis = n * 3_600_000;
        break;
    }
    if (millis > Long.MAX_VALUE / 2) {
      throw new CommandLine.TypeConversionException("'" + value + "' is too long a duration");
    }
    return Duration.ofNanos(Math.round(millis * 1_000_000));
  }
}
