package dev.trainflow.activities.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainflow.activities.JsonCodec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReproductionComparisonTests {
  private static final Reproduction REPRODUCTION = new Reproduction(8, 7, 0.01);

  @Test
  void shouldCallItReproducedWhenEveryMetricIsWithinToleranceOnTheSameConfigAndData() {
    ReproductionResult result =
        ReproductionComparison.compare(REPRODUCTION, "completed", record(0.40, "cfg", "data"), record(0.405, "cfg", "data"));

    assertThat(result.reproduced()).as(result.reason()).isTrue();
    assertThat(result.metrics().get("recall_at_100").difference()).isCloseTo(0.005, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(result.configMatches()).isTrue();
    assertThat(result.datasetMatches()).isTrue();
  }

  @Test
  void shouldNameTheMetricThatDiffersBeyondTolerance() {
    ReproductionResult result =
        ReproductionComparison.compare(REPRODUCTION, "completed", record(0.40, "cfg", "data"), record(0.43, "cfg", "data"));

    assertThat(result.reproduced()).isFalse();
    assertThat(result.reason()).contains("recall_at_100").contains("0.4 vs 0.43");
    assertThat(result.metrics().get("recall_at_100").withinTolerance()).isFalse();
  }

  @Test
  void shouldRefuseAMatchOverChangedDataOrAFailedReproduction() {
    assertThat(ReproductionComparison.compare(REPRODUCTION, "completed", record(0.4, "cfg", "data"), record(0.4, "cfg", "other")).reason())
        .contains("dataset");
    assertThat(ReproductionComparison.compare(REPRODUCTION, "completed", record(0.4, "cfg", "data"), record(0.4, "changed", "data")).reason())
        .contains("config");
    assertThat(ReproductionComparison.compare(REPRODUCTION, "failed", record(0.4, "cfg", "data"), record(0.4, "cfg", "data")).reproduced())
        .isFalse();
    assertThat(ReproductionComparison.compare(REPRODUCTION, "completed", null, record(0.4, "cfg", "data")).reason())
        .contains("no run_finished");
  }

  private static JsonNode record(double recall, String configSha, String datasetChecksum) {
    return JsonCodec.mapper().valueToTree(Map.of(
        "reproducible_config_sha256", configSha,
        "dataset", Map.of("checksum", datasetChecksum),
        "final_metrics", Map.of("metrics", Map.of("recall_at_100", recall, "loss", 2.5))));
  }
}
