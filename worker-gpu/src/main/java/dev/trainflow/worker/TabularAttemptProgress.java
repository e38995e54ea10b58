package dev.trainflow.worker;

import java.util.List;
import java.util.Map;

/**
 * What a tabular training attempt has done so far, sent as its heartbeat details: the next attempt
 * (after a lost worker or a timeout) reads them, skips the folds already measured and continues the
 * final fit from its last checkpoint.
 *
 * @param phase what the attempt is doing, for people reading the heartbeat in the Temporal UI
 * @param folds the metrics of each finished cross-validation fold, in order
 * @param checkpointUri the final fit's latest checkpoint (XGBoost only), or null
 * @param checkpointRounds the boosting rounds that checkpoint holds
 */
public record TabularAttemptProgress(
    String phase, List<Map<String, Double>> folds, String checkpointUri, Integer checkpointRounds) {

  public static TabularAttemptProgress start() {
    return new TabularAttemptProgress("starting", List.of(), null, null);
  }

  TabularAttemptProgress phase(String now) {
    return new TabularAttemptProgress(now, folds, checkpointUri, checkpointRounds);
  }

  TabularAttemptProgress fold(Map<String, Double> metrics) {
    List<Map<String, Double>> more = new java.util.ArrayList<>(folds);
    more.add(metrics);
    return new TabularAttemptProgress(phase, List.copyOf(more), checkpointUri, checkpointRounds);
  }

  TabularAttemptProgress checkpoint(String uri, int rounds) {
    return new TabularAttemptProgress(phase, folds, uri, rounds);
  }
}
