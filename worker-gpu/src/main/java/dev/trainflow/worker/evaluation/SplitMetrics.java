package dev.trainflow.worker.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's quality on one split. {@code loss} is the model's objective per example (the weighted
 * sum of its heads' losses); {@code recall} ranks each row's candidate among all catalog
 * candidates (TFRS's top-K categorical accuracy), {@code recallUnseen} among the candidates the
 * row's query did not interact with in the train split (the usual recommender evaluation); RMSE
 * and MAE are of the predicted label. Null where the model type has no such metric (a baseline
 * has no loss).
 */
public record SplitMetrics(
    Double loss, RecallAtK recall, RecallAtK recallUnseen, Double rmse, Double mae, long examples) {

  /** The metrics under the evaluator's names: {@code loss}, {@code recall_at_5}, {@code recall_at_5_unseen}, {@code rmse}, ... */
  public Map<String, Double> toMap() {
    Map<String, Double> map = new LinkedHashMap<>();
    if (loss != null) {
      map.put("loss", loss);
    }
    for (int k = 0; k < RecallAtK.CUTOFFS.length; k++) {
      if (recall != null) {
        map.put("recall_at_" + RecallAtK.CUTOFFS[k], recall.at(k));
      }
    }
    for (int k = 0; k < RecallAtK.CUTOFFS.length; k++) {
      if (recallUnseen != null) {
        map.put("recall_at_" + RecallAtK.CUTOFFS[k] + "_unseen", recallUnseen.at(k));
      }
    }
    if (rmse != null) {
      map.put("rmse", rmse);
    }
    if (mae != null) {
      map.put("mae", mae);
    }
    return map;
  }
}
