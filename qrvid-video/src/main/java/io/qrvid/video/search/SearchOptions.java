package io.qrvid.video.search;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.jspecify.annotations.Nullable;

/**
 * How a search index is built and queried: the analyzer (a {@link SearchLanguage}, English by default, or a caller's
 * {@link Analyzer} under a name), an optional {@link Embedder} for vectors, the title field's weight, and how
 * snippets are cut and marked.
 *
 * <pre>{@code
 * SearchOptions german = SearchOptions.builder().language(SearchLanguage.GERMAN).build();
 * SearchOptions hybrid = SearchOptions.builder().embedder(myEmbedder).build();
 * }</pre>
 *
 * <p>An index records the analyzer's code and the embedder's name; a searcher opening it uses the recorded language,
 * and needs a custom analyzer or an embedder of the same name when the index was built with one. Defaults: English,
 * no embedder, cosine similarity, title weight 0.5 (a chunk's text weighs 1), snippets of up to 2 passages of about
 * 160 characters with matches between {@code «} and {@code »}. Immutable and thread-safe (the embedder and the
 * analyzer factory must be too).
 */
public final class SearchOptions {
  private final SearchLanguage language;
  private final @Nullable String analyzerName;
  private final @Nullable Supplier<Analyzer> analyzerFactory;
  private final @Nullable Embedder embedder;
  private final VectorSimilarityFunction similarity;
  private final float titleWeight;
  private final String highlightStart;
  private final String highlightEnd;
  private final int snippetPassages;
  private final int passageChars;

  private SearchOptions(Builder b) {
    language = b.language;
    analyzerName = b.analyzerName;
    analyzerFactory = b.analyzerFactory;
    embedder = b.embedder;
    similarity = b.similarity;
    titleWeight = b.titleWeight;
    highlightStart = b.highlightStart;
    highlightEnd = b.highlightEnd;
    snippetPassages = b.snippetPassages;
    passageChars = b.passageChars;
  }

  /** {@return a builder with the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the defaults: English BM25, no vectors} */
  public static SearchOptions defaults() {
    return builder().build();
  }

  /** {@return a builder initialised from these options} */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** {@return the language, when no custom analyzer is set} */
  public SearchLanguage language() {
    return language;
  }

  /** {@return the code recorded in an index for the analyzer: the language's code, or {@code custom:NAME}} */
  public String analyzerCode() {
    return analyzerName != null ? "custom:" + analyzerName : language.code();
  }

  /** {@return a new analyzer (the caller closes it)} */
  public Analyzer newAnalyzer() {
    return analyzerFactory != null ? analyzerFactory.get() : language.analyzer();
  }

  /** {@return the embedder, if any} */
  public Optional<Embedder> embedder() {
    return Optional.ofNullable(embedder);
  }

  /** {@return the vector similarity for new indexes (default cosine)} */
  public VectorSimilarityFunction similarity() {
    return similarity;
  }

  /** {@return the weight of a match in a chunk's title relative to one in its text (1)} */
  public float titleWeight() {
    return titleWeight;
  }

  /** {@return the text written before each highlighted match in a snippet} */
  public String highlightStart() {
    return highlightStart;
  }

  /** {@return the text written after each highlighted match in a snippet} */
  public String highlightEnd() {
    return highlightEnd;
  }

  /** {@return the most passages in a snippet} */
  public int snippetPassages() {
    return snippetPassages;
  }

  /** {@return the length a snippet passage aims at, in characters} */
  public int passageChars() {
    return passageChars;
  }

  /** Configures {@link SearchOptions}. Mutable and not thread-safe. */
  public static final class Builder {
    private SearchLanguage language = SearchLanguage.ENGLISH;
    private @Nullable String analyzerName;
    private @Nullable Supplier<Analyzer> analyzerFactory;
    private @Nullable Embedder embedder;
    private VectorSimilarityFunction similarity = VectorSimilarityFunction.COSINE;
    private float titleWeight = 0.5f;
    private String highlightStart = "«";
    private String highlightEnd = "»";
    private int snippetPassages = 2;
    private int passageChars = 160;

    private Builder() {}

    private Builder(SearchOptions o) {
      language = o.language;
      analyzerName = o.analyzerName;
      analyzerFactory = o.analyzerFactory;
      embedder = o.embedder;
      similarity = o.similarity;
      titleWeight = o.titleWeight;
      highlightStart = o.highlightStart;
      highlightEnd = o.highlightEnd;
      snippetPassages = o.snippetPassages;
      passageChars = o.passageChars;
    }

    /**
     * The language whose standard analyzer is used (default English); clears a custom analyzer.
     *
     * @param language the language
     * @return this builder
     * @throws NullPointerException if {@code language} is null
     */
    public Builder language(SearchLanguage language) {
      this.language = Objects.requireNonNull(language, "language == null");
      this.analyzerName = null;
      this.analyzerFactory = null;
      return this;
    }

    /**
     * A caller's analyzer instead of a language's, recorded in the index as {@code custom:NAME}; searching such an
     * index needs options with an analyzer of the same name.
     *
     * @param name identifies the analyzer and its settings (letters, digits, {@code .-_}, 1-100 characters)
     * @param factory makes a new analyzer on each call
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name is not allowed
     */
    public Builder analyzer(String name, Supplier<Analyzer> factory) {
      Objects.requireNonNull(name, "name == null");
      if (!name.matches("[A-Za-z0-9._-]{1,100}")) {
        throw new IllegalArgumentException("analyzer name must be 1-100 of [A-Za-z0-9._-]: " + name);
      }
      this.analyzerName = name;
      this.analyzerFactory = Objects.requireNonNull(factory, "factory == null");
      return this;
    }

    /**
     * The embedder for vector and hybrid search (default none: BM25 only).
     *
     * @param embedder the embedder; indexing and searching must use the same one
     * @return this builder
     * @throws NullPointerException if {@code embedder} is null
     */
    public Builder embedder(Embedder embedder) {
      this.embedder = Objects.requireNonNull(embedder, "embedder == null");
      return this;
    }

    /**
     * The vector similarity of new indexes (default {@link VectorSimilarityFunction#COSINE}).
     *
     * @param similarity Lucene's similarity function for the chunk vectors
     * @return this builder
     * @throws NullPointerException if {@code similarity} is null
     */
    public Builder similarity(VectorSimilarityFunction similarity) {
      this.similarity = Objects.requireNonNull(similarity, "similarity == null");
      return this;
    }

    /**
     * The weight of title matches relative to text matches (default 0.5; 0 ignores titles).
     *
     * @param weight the title weight
     * @return this builder
     * @throws IllegalArgumentException unless {@code 0 <= weight <= 100}
     */
    public Builder titleWeight(float weight) {
      if (!(weight >= 0 && weight <= 100)) {
        throw new IllegalArgumentException("titleWeight not in [0, 100]: " + weight);
      }
      this.titleWeight = weight;
      return this;
    }

    /**
     * The marks around each match in a snippet (default {@code «} and {@code »}).
     *
     * @param start the text written before each match
     * @param end the text written after each match
     * @return this builder
     * @throws NullPointerException if an argument is null
     */
    public Builder highlight(String start, String end) {
      this.highlightStart = Objects.requireNonNull(start, "start == null");
      this.highlightEnd = Objects.requireNonNull(end, "end == null");
      return this;
    }

    /**
     * Snippet shape: at most {@code passages} passages of about {@code chars} characters each (defaults 2 and 160).
     *
     * @param passages the most passages in a snippet
     * @param chars the length a passage aims at, in characters
     * @return this builder
     * @throws IllegalArgumentException unless {@code 1 <= passages <= 20} and {@code 20 <= chars <= 10000}
     */
    public Builder snippet(int passages, int chars) {
      if (passages < 1 || passages > 20 || chars < 20 || chars > 10_000) {
        throw new IllegalArgumentException("snippet passages 1..20 and chars 20..10000: " + passages + ", " + chars);
      }
      this.snippetPassages = passages;
      this.passageChars = chars;
      return this;
    }

    /** {@return new options with this builder's settings} */
    public SearchOptions build() {
      return new SearchOptions(this);
    }
  }
}
