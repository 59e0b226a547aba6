package io.qrvid.examples.bench.synthetic;

import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.decoder.Version;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Random symbol contents of the kinds people put in QR codes: URLs, plain ASCII text, UTF-8 text in several
 * scripts (Latin with accents, Cyrillic, Greek, Japanese, emoji), digits only (numeric mode), upper-case
 * alphanumeric (alphanumeric mode), vCard-like multi-line records and binary bytes (byte mode, ISO-8859-1 ECI).
 * Package-private; deterministic for a given {@link SplittableRandom}.
 */
final class Contents {
  private static final String[] WORDS = {"alpha", "river", "stone", "paper", "order", "ticket", "lamp", "market",
      "garden", "window", "signal", "harbor", "coffee", "meter", "station", "invoice", "parcel", "label", "museum",
      "battery", "yellow", "quiet", "north", "seven", "carbon", "linen", "orbit", "pixel", "velvet", "zebra"};
  private static final String[] UNICODE = {"Größe", "café", "naïve", "żółć", "Привет", "мир", "Ελλάδα", "日本語",
      "東京", "テスト", "こんにちは", "😀", "✓", "€100", "São Paulo", "Ærø", "İstanbul", "한국어"};
  private static final String ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

  private Contents() {}

  /** A content kind and its byte-mode character set. */
  enum Kind {
    URL(StandardCharsets.UTF_8), ASCII_TEXT(StandardCharsets.UTF_8), UTF8_TEXT(StandardCharsets.UTF_8),
    NUMERIC(StandardCharsets.UTF_8), ALPHANUMERIC(StandardCharsets.UTF_8), RECORD(StandardCharsets.UTF_8),
    BINARY(StandardCharsets.ISO_8859_1);

    final Charset charset;

    Kind(Charset charset) {
      this.charset = charset;
    }
  }

  static Kind randomKind(SplittableRandom r) {
    double p = r.nextDouble();
    if (p < 0.30) {
      return Kind.URL;
    } else if (p < 0.45) {
      return Kind.ASCII_TEXT;
    } else if (p < 0.62) {
      return Kind.UTF8_TEXT;
    } else if (p < 0.72) {
      return Kind.NUMERIC;
    } else if (p < 0.82) {
      return Kind.ALPHANUMERIC;
    } else if (p < 0.90) {
      return Kind.RECORD;
    }
    return Kind.BINARY;
  }

  /** About {@code length} characters (bytes for binary) of content of the given kind. */
  static String text(Kind kind, int length, SplittableRandom r) {
    StringBuilder b = new StringBuilder();
    switch (kind) {
      case URL:
        b.append(r.nextBoolean() ? "https://" : "http://").append(word(r)).append(r.nextBoolean() ? ".com" : ".org")
            .append('/');
        while (b.length() < length) {
          b.append(word(r)).append(r.nextInt(4) == 0 ? "?id=" + r.nextInt(100000) + "&" : "/");
        }
        break;
      case ASCII_TEXT:
        while (b.length() < length) {
          b.append(word(r)).append(r.nextInt(6) == 0 ? ". " : " ");
        }
        break;
      case UTF8_TEXT:
        while (b.length() < length) {
          b.append(r.nextInt(3) == 0 ? word(r) : UNICODE[r.nextInt(UNICODE.length)]).append(' ');
        }
        break;
      case NUMERIC:
        while (b.length() < length) {
          b.append((char) ('0' + r.nextInt(10)));
        }
        break;
      case ALPHANUMERIC:
        while (b.length() < length) {
          b.append(ALNUM.charAt(r.nextInt(ALNUM.length())));
        }
        break;
      case RECORD:
        b.append("BEGIN:VCARD\nVERSION:3.0\nN:").append(cap(word(r))).append(';').append(cap(word(r)))
            .append("\nTEL:+").append(1000000000L + r.nextInt(999999999)).append("\nNOTE:");
        while (b.length() < length) {
          b.append(word(r)).append(' ');
        }
        b.append("\nEND:VCARD");
        break;
      case BINARY:
        for (int i = 0; i < Math.max(1, length); i++) {
          b.append((char) r.nextInt(256));
        }
        break;
      default:
        throw new AssertionError(kind);
    }
    return kind == Kind.BINARY ? b.toString() : b.toString().strip();
  }

  private static String word(SplittableRandom r) {
    return WORDS[r.nextInt(WORDS.length)];
  }

  private static String cap(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /**
   * A random symbol of {@code version} (0: a random small one, 1-6) at {@code ec}, with a random mask and content
   * filling {@code fill} (0..1) of the version's capacity; contents are shortened until they fit.
   */
  static QrSymbol symbol(SplittableRandom r, int version, ErrorCorrectionLevel ec, double fill) {
    Kind kind = randomKind(r);
    int v = version > 0 ? version : 1 + r.nextInt(6);
    Version ver = Version.getVersionForNumber(v);
    int dataBytes = ver.getTotalCodewords() - ver.getECBlocksForLevel(ec).getTotalECCodewords();
    double perChar = kind == Kind.NUMERIC ? 0.42 : kind == Kind.ALPHANUMERIC ? 0.69
        : kind == Kind.UTF8_TEXT ? 2.0 : 1.0;
    int length = Math.max(1, (int) ((dataBytes - 4) * fill / perChar));
    String text = text(kind, length, r);
    int mask = r.nextInt(4) == 0 ? -1 : r.nextInt(8);
    // ZXing's minimal encoder mixes numeric, alphanumeric and byte segments; for other scripts it may choose Kanji
    // mode under a UTF-8 ECI, which decoders read differently (zxing-cpp applies the ECI to Kanji segments), so only
    // ASCII content gets it
    boolean compact = r.nextInt(5) == 0 && kind != Kind.UTF8_TEXT && kind != Kind.BINARY;
    WriterException last = null;
    for (int attempt = 0; attempt < 40; attempt++) {
      try {
        QrSymbol q = QrSymbol.encode(text, kind.charset, ec, v, mask, compact);
        if (q.version() == v) {
          return q;
        }
        compact = false; // ZXing's minimal encoder chooses its own version
        attempt--;
      } catch (WriterException e) {
        last = e;
        if (compact) {
          compact = false; // ZXing's minimal encoder fails on some content (e.g. surrogate pairs)
          continue;
        }
        int cut = Math.max(1, (int) (text.codePointCount(0, text.length()) * 0.85));
        text = text.substring(0, text.offsetByCodePoints(0, cut));
        if (kind != Kind.BINARY) {
          text = text.strip().isEmpty() ? "x" : text.strip();
        }
      }
    }
    throw new IllegalStateException("no " + kind + " content fits version " + v + " " + ec + ": '" + text + "'",
        last);
  }

  static ErrorCorrectionLevel randomEc(SplittableRandom r) {
    ErrorCorrectionLevel[] all = {ErrorCorrectionLevel.L, ErrorCorrectionLevel.M, ErrorCorrectionLevel.Q,
        ErrorCorrectionLevel.H};
    return all[r.nextInt(all.length)];
  }
}
