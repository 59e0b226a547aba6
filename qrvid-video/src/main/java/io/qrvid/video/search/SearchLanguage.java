package io.qrvid.video.search;

import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cz.CzechAnalyzer;
import org.apache.lucene.analysis.da.DanishAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.el.GreekAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fi.FinnishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.hi.HindiAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.analysis.tr.TurkishAnalyzer;

/**
 * The languages with a standard Lucene analyzer (lucene-analysis-common: tokenizer, lower-casing, the language's stop
 * words and stemmer), by ISO 639-1 code, plus {@link #CJK} (bigrams of Han, Hiragana, Katakana and Hangul) and
 * {@link #STANDARD} (Unicode word segmentation and lower-casing only, for any other language or a mix).
 *
 * <p>An index records its language's {@link #code()}, and searches analyse queries the same way.
 */
public enum SearchLanguage {
  /** English: {@link EnglishAnalyzer} (Porter stemming, English stop words). The default. */
  ENGLISH("en"),
  /** German: {@link GermanAnalyzer}. */
  GERMAN("de"),
  /** French: {@link FrenchAnalyzer}. */
  FRENCH("fr"),
  /** Spanish: {@link SpanishAnalyzer}. */
  SPANISH("es"),
  /** Italian: {@link ItalianAnalyzer}. */
  ITALIAN("it"),
  /** Portuguese: {@link PortugueseAnalyzer}. */
  PORTUGUESE("pt"),
  /** Dutch: {@link DutchAnalyzer}. */
  DUTCH("nl"),
  /** Swedish: {@link SwedishAnalyzer}. */
  SWEDISH("sv"),
  /** Danish: {@link DanishAnalyzer}. */
  DANISH("da"),
  /** Norwegian: {@link NorwegianAnalyzer}. */
  NORWEGIAN("no"),
  /** Finnish: {@link FinnishAnalyzer}. */
  FINNISH("fi"),
  /** Russian: {@link RussianAnalyzer}. */
  RUSSIAN("ru"),
  /** Czech: {@link CzechAnalyzer}. */
  CZECH("cs"),
  /** Turkish: {@link TurkishAnalyzer}. */
  TURKISH("tr"),
  /** Greek: {@link GreekAnalyzer}. */
  GREEK("el"),
  /** Arabic: {@link ArabicAnalyzer}. */
  ARABIC("ar"),
  /** Hindi: {@link HindiAnalyzer}. */
  HINDI("hi"),
  /** Chinese, Japanese and Korean: {@link CJKAnalyzer} (overlapping bigrams). */
  CJK("cjk"),
  /** Any language: {@link StandardAnalyzer} without stop words (Unicode word segmentation, lower-casing). */
  STANDARD("standard");

  private final String code;

  SearchLanguage(String code) {
    this.code = code;
  }

  /** {@return the code recorded in an index: the ISO 639-1 code, or {@code cjk} or {@code standard}} */
  public String code() {
    return code;
  }

  /** {@return a new analyzer for this language (the caller closes it)} */
  public Analyzer analyzer() {
    // A switch rather than a factory per constant: 19 constructor references were linked (and their classes loaded)
    // by this enum's initialiser, about 4 ms of every cold encode and decode, for the one analyzer a run uses.
    return switch (this) {
      case ENGLISH -> new EnglishAnalyzer();
      case GERMAN -> new GermanAnalyzer();
      case FRENCH -> new FrenchAnalyzer();
      case SPANISH -> new SpanishAnalyzer();
      case ITALIAN -> new ItalianAnalyzer();
      case PORTUGUESE -> new PortugueseAnalyzer();
      case DUTCH -> new DutchAnalyzer();
      case SWEDISH -> new SwedishAnalyzer();
      case DANISH -> new DanishAnalyzer();
      case NORWEGIAN -> new NorwegianAnalyzer();
      case FINNISH -> new FinnishAnalyzer();
      case RUSSIAN -> new RussianAnalyzer();
      case CZECH -> new CzechAnalyzer();
      case TURKISH -> new TurkishAnalyzer();
      case GREEK -> new GreekAnalyzer();
      case ARABIC -> new ArabicAnalyzer();
      case HINDI -> new HindiAnalyzer();
      case CJK -> new CJKAnalyzer();
      case STANDARD -> new StandardAnalyzer(org.apache.lucene.analysis.CharArraySet.EMPTY_SET);
    };
  }

  /**
   * The language with {@code code} ({@link #code()}, case-insensitive) or enum name.
   *
   * @param code an ISO 639-1 code, {@code cjk}, {@code standard}, or an enum name; surrounding spaces are ignored
   * @return the language
   * @throws IllegalArgumentException if there is none
   */
  public static SearchLanguage of(String code) {
    String c = code.trim().toLowerCase(Locale.ROOT);
    for (SearchLanguage l : values()) {
      if (l.code.equals(c) || l.name().toLowerCase(Locale.ROOT).equals(c)) {
        return l;
      }
    }
    throw new IllegalArgumentException("no search language '" + code + "'; known: "
        + java.util.Arrays.stream(values()).map(SearchLanguage::code).toList());
  }
}
