package io.qrvid.video.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;

class QueryParsingTest {
  private static Query parse(String q) {
    Map<String, Float> fields = new LinkedHashMap<>();
    fields.put("text", 1f);
    SimpleQueryParser p = new SimpleQueryParser(new EnglishAnalyzer(), fields);
    p.setDefaultOperator(BooleanClause.Occur.SHOULD);
    return VideoSearcher.hoistNegations(p.parse(q));
  }

  @Test
  void exclusionsBecomeProhibitedClauses() {
    assertThat(parse("fold -marker")).hasToString("text:fold -text:marker");
    assertThat(parse("-marker fold zc")).hasToString("-text:marker text:fold text:zc");
    assertThat(parse("\"visual block\" -insert")).hasToString("text:\"visual block\" -text:insert");
    assertThat(parse("(fold | zo) -marker")).hasToString("(text:fold text:zo) -text:marker");
  }

  @Test
  void queriesWithNothingToMatchAreNull() {
    assertThat(parse("-marker")).isNull();
    assertThat(parse("the of")).isNull();
    assertThat(parse("")).isNull();
    assertThat(parse("fold")).hasToString("text:fold");
  }
}
