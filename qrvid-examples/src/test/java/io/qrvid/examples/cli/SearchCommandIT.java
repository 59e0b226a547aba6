package io.qrvid.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrvid.video.internal.HumbleRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchCommandIT {
  @TempDir Path tmp;

  @BeforeAll
  static void natives() {
    assumeTrue(HumbleRuntime.isAvailable(), "Humble Video natives not available here");
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(tmp.resolve(name), text);
  }

  @Test
  void encodeBuildsTheIndexAndSearchPrintsRankedHitsAsTextOrJson() throws IOException {
    Path a = write("tides.txt", "The moon pulls the oceans and raises the tides twice a day.\n\n".repeat(3));
    Path b = write("bread.md", "# Baking\n\nKnead the dough, let the yeast rise, then bake the bread.\n");
    Path video = tmp.resolve("lib.mp4");
    CliIT.Run enc = CliIT.run("encode", a.toString(), b.toString(), "-o", video.toString(), "-q");
    assertThat(enc.exit()).as(enc.err()).isZero();
    assertThat(enc.out()).contains("search index");

    CliIT.Run text = CliIT.run("search", video.toString(), "yeast dough");
    assertThat(text.exit()).as(text.err()).isZero();
    assertThat(text.out()).startsWith("1. bread.md, \"Baking\"").contains("«yeast»").contains("«dough»");

    CliIT.Run json = CliIT.run("search", video.toString(), "moon tides", "-k", "1", "--json");
    assertThat(json.exit()).as(json.err()).isZero();
    List<String> lines = Arrays.stream(json.out().split("\n")).filter(l -> !l.isBlank()).toList();
    assertThat(lines).hasSize(1);
    JsonNode hit = new ObjectMapper().readTree(lines.get(0));
    assertThat(hit.get("document").asText()).isEqualTo("tides.txt");
    assertThat(hit.get("rank").asInt()).isEqualTo(1);
    String hitText = hit.get("text").asText();
    byte[] source = Files.readAllBytes(a);
    assertThat(Arrays.copyOfRange(source, hit.get("byteStart").asInt(), hit.get("byteEnd").asInt()))
        .isEqualTo(hitText.getBytes(StandardCharsets.UTF_8));

    CliIT.Run none = CliIT.run("search", video.toString(), "volcano");
    assertThat(none.exit()).isZero();
    assertThat(none.out()).contains("no hits");

    CliIT.Run inspect = CliIT.run("inspect", video.toString());
    assertThat(inspect.out()).contains("search    ").contains("chunks indexed").contains("analyzer en");
  }

  @Test
  void aVideoWithoutAnIndexIsABadInputUntilTheIndexIsBuilt() throws IOException {
    Path a = write("notes.txt", "Photosynthesis turns light into sugar in the chloroplasts.\n");
    Path video = tmp.resolve("plain.mp4");
    assertThat(CliIT.run("encode", a.toString(), "-o", video.toString(), "-q", "--no-search-index").exit()).isZero();
    CliIT.Run missing = CliIT.run("search", video.toString(), "chloroplasts");
    assertThat(missing.exit()).isEqualTo(QrvidCli.EXIT_INPUT);
    assertThat(missing.err()).contains("no search index");
    CliIT.Run built = CliIT.run("search", video.toString(), "chloroplasts", "--build-index");
    assertThat(built.exit()).as(built.err()).isZero();
    assertThat(built.out()).contains("notes.txt").contains("«chloroplasts»");
    assertThat(CliIT.run("search", tmp.resolve("nope.mp4").toString(), "x").exit()).isEqualTo(QrvidCli.EXIT_INPUT);
    assertThat(CliIT.run("search", video.toString(), "x", "-k", "0").exit()).isEqualTo(2);
  }

  @Test
  void appendKeepsTheCorpusSearchable() throws IOException {
    Path manifest = tmp.resolve("lib.qrvid-manifest.json");
    Path one = write("one.txt", "Glaciers carve valleys over thousands of years.\n");
    Path two = write("two.txt", "Volcanoes build islands from cooling lava.\n");
    assertThat(CliIT.run("append", manifest.toString(), one.toString()).exit()).isZero();
    assertThat(CliIT.run("append", manifest.toString(), two.toString()).exit()).isZero();
    CliIT.Run r = CliIT.run("search", manifest.toString(), "glaciers lava", "-k", "5");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("one.txt").contains("two.txt").contains("lib-00000.mp4").contains("lib-00001.mp4");
  }
}
