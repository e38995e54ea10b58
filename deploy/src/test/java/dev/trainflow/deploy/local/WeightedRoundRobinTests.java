package dev.trainflow.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeightedRoundRobinTests {

  @Test
  void shouldPickEachTargetItsShareOfEveryHundred() {
    WeightedRoundRobin<String> rr = new WeightedRoundRobin<>(List.of("a", "b", "c"), List.of(70, 20, 10));
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 200; i++) {
      counts.merge(rr.next(), 1, Integer::sum);
    }
    assertThat(counts).isEqualTo(Map.of("a", 140, "b", 40, "c", 20));
  }

  @Test
  void shouldAlternateAnEvenSplit() {
    WeightedRoundRobin<String> rr = new WeightedRoundRobin<>(List.of("a", "b"), List.of(50, 50));
    String first = rr.next();
    String second = rr.next();
    assertThat(second).isNotEqualTo(first);
    assertThat(rr.next()).isEqualTo(first);
  }
}
