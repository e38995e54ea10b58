package dev.trainflow.api.runs;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.trainflow.activities.persistence.TestSplitMetrics;

/** The final model's row of the training history: its test-split metrics and the epoch it came from. */
record TestMetricsView(
    int epoch,
    Double loss,
    @JsonProperty("recall_at_5") Double recallAt5,
    @JsonProperty("recall_at_10") Double recallAt10,
    @JsonProperty("recall_at_50") Double recallAt50,
    @JsonProperty("recall_at_100") Double recallAt100,
    Double rmse,
    Double mae) {

  static TestMetricsView of(TestSplitMetrics m) {
    return new TestMetricsView(m.epoch(), m.loss(), m.recallAt5(), m.recallAt10(), m.recallAt50(), m.recallAt100(), m.rmse(), m.mae());
  }
}
