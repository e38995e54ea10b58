package dev.trainflow.deploy.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficSplitTests {

  @Test
  void shouldGiveAFirstRevisionEverything() {
    assertThat(TrafficSplit.afterDeploy(Map.of(), "run-1", 30)).isEqualTo(Map.of("run-1", 100));
  }

  @Test
  void shouldSplitARolloutWithTheRevisionThatServed() {
    assertThat(TrafficSplit.afterDeploy(Map.of("run-1", 100), "run-2", 50)).isEqualTo(Map.of("run-1", 50, "run-2", 50));
    assertThat(TrafficSplit.afterDeploy(Map.of("run-1", 100), "run-2", 100)).isEqualTo(Map.of("run-2", 100));
  }

  @Test
  void shouldRollOutAgainstTheLargerSideOfAnUnfinishedRollout() {
    Map<String, Integer> current = new LinkedHashMap<>();
    current.put("run-1", 70);
    current.put("run-2", 30);

    assertThat(TrafficSplit.afterDeploy(current, "run-3", 10)).isEqualTo(Map.of("run-1", 90, "run-3", 10));
  }

  @Test
  void shouldChangeOnlyTheShareWhenTheRevisionAlreadyServes() {
    assertThat(TrafficSplit.afterDeploy(Map.of("run-1", 50, "run-2", 50), "run-2", 50))
        .isEqualTo(Map.of("run-1", 50, "run-2", 50));
    assertThat(TrafficSplit.afterDeploy(Map.of("run-1", 50, "run-2", 50), "run-2", 80))
        .isEqualTo(Map.of("run-1", 20, "run-2", 80));
  }

  @Test
  void shouldRefuseSplitsThatDoNotSumToAHundred() {
    assertThatThrownBy(() -> TrafficSplit.validated(Map.of("run-1", 60))).hasMessageContaining("sum to 100, got 60");
    assertThatThrownBy(() -> TrafficSplit.validated(Map.of("run-1", 120, "run-2", -20)))
        .hasMessageContaining("between 0 and 100");
    assertThatThrownBy(() -> TrafficSplit.validated(Map.of())).hasMessageContaining("at least one revision");
    assertThatThrownBy(() -> TrafficSplit.afterDeploy(Map.of(), "run-1", 0)).hasMessageContaining("between 1 and 100");
    assertThat(TrafficSplit.validated(Map.of("run-1", 100, "run-2", 0))).isEqualTo(Map.of("run-1", 100));
  }
}
