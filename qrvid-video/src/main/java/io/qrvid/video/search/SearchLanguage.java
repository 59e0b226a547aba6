package io.qrvid.video.search;

import java.util.Locale;
import java.util.function.Supplier;
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
  ENGLISH("en", EnglishAnalyzer::new),
  /** German: {@link GermanAnalyzer}. */
  GERMAN("de", GermanAnalyzer::new),
  /** French: {@link FrenchAnalyzer}. */
  FRENCH("fr", FrenchAnalyzer::new),
  /** Spanish: {@link SpanishAnalyzer}. */
  SPANISH("es", SpanishAnalyzer::new),
  /** Italian: {@link ItalianAnalyzer}. */
  ITALIAN("it", ItalianAnalyzer::new),
  /** Portuguese: {@link PortugueseAnalyzer}. */
  PORTUGUESE("pt", PortugueseAnalyzer::new),
  /** Dutch: {@link DutchAnalyzer}. */
  DUTCH("nl", DutchAnalyzer::new),
  /** Swedish: {@link SwedishAnalyzer}. */
  SWEDISH("sv", SwedishAnalyzer::new),
  /** Danish: {@link DanishAnalyzer}. */
  DANISH("da", DanishAnalyzer::new),
  /** Norwegian: {@link NorwegianAnalyzer}. */
  NORWEGIAN("no", NorwegianAnalyzer::new),
  /** Finnish: {@link FinnishAnalyzer}. */
  FINNISH("fi", FinnishAnalyzer::new),
  /** Russian: {@link RussianAnalyzer}. */
  RUSSIAN("ru", RussianAnalyzer::new),
  /** Czech: {@link CzechAnalyzer}. */
  CZECH("cs", CzechAnalyzer::new),
  /** Turkish: {@link TurkishAnalyzer}. */
  TURKISH("tr", TurkishAnalyzer::new),
  /** Greek: {@link GreekAnalyzer}. */
  GREEK("el", GreekAnalyzer::new),
  /** Arabic: {@link ArabicAnalyzer}. */
  ARABIC("ar", ArabicAnalyzer::new),
  /** Hindi: {@link HindiAnalyzer}. */
  HINDI("hi", HindiAnalyzer::new),
  /** Chinese, Japanese and Korean: {@link CJKAnalyzer} (overlapping bigrams). */
  CJK("cjk", CJKAnalyzer::new),
  /** Any language: {@link StandardAnalyzer} without stop words (Unicode word segmentation, lower-casing). */
  STANDARD("standard", () -> new StandardAnalyzer(org.apache.lucene.analysis.CharArraySet.EMPTY_SET));

  private final String code;
  private final Supplier<Analyzer> factory;

  SearchLanguage(String code, Supplier<Analyzer> factory) {
    this.code = code;
    this.factory = factory;
  }

  /** {@return the code recorded in an index: the ISO 639-1 code, or {@code cjk} or {@code standard}} */
  public String code() {
    return code;
  }

  /** {@return a new analyzer for this language (the caller closes it)} */
  public Analyzer analyzer() {
    return factory.get();
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
