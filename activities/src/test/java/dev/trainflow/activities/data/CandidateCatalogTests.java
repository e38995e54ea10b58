package dev.trainflow.activities.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trainflow.workflows.spec.FeatureConfig;
import dev.trainflow.workflows.spec.FeatureSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class CandidateCatalogTests {
  @Test
  void shouldKeepOneRowPerCandidateFromItsFirstOccurrenceSortedById() {
    CsvTable interactions =
        new CsvTable(
            List.of("user", "item", "genre", "year"),
            List.of(
                new String[] {"u1", "i9", "drama", "1999"},
                new String[] {"u2", "i10", "comedy", "2001"},
                new String[] {"u3", "i9", "horror", "2005"},
                new String[] {"u4", "", "comedy", "2001"},
                new String[] {"u5", "i2", "war", "1980"}));
    FeatureConfig features =
        new FeatureConfig(
            "user",
            "item",
            List.of(new FeatureSpec(null, "user", "string", "embedding", null, null)),
            List.of(
                new FeatureSpec(null, "item", "string", "embedding", null, null),
                new FeatureSpec(null, "genre", "string", "embedding", null, null),
                new FeatureSpec("genre_again", "genre", "string", "embedding", null, null)),
            null);

    CsvTable catalog = CandidateCatalog.build(interactions, features);

    assertThat(catalog.header()).containsExactly("item", "genre");
    assertThat(catalog.rows())
        .containsExactly(new String[] {"i10", "comedy"}, new String[] {"i2", "war"}, new String[] {"i9", "drama"});
  }
}
