package dev.trainflow.worker.tabular;

/** A tree-model library behind one contract, so CV, metrics and importance work the same for all. */
public interface TabularTrainer {
  /** {@code xgboost}, {@code random_forest}, {@code lightgbm}. */
  String name();

  /**
   * @param classes the number of classes (classification), ignored for regression
   */
  TabularModel fit(EncodedData train, TabularTask task, int classes, TrainerParams params);

  /**
   * The same, telling {@code progress} after every boosting round (where a training activity
   * heartbeats and notices cancellation). Forests grow in one library call: they report nothing.
   */
  default TabularModel fit(EncodedData train, TabularTask task, int classes, TrainerParams params, BoostingProgress progress) {
    return fit(train, task, classes, params);
  }

  /** Whether {@link #fit(EncodedData, TabularTask, int, TrainerParams, byte[], BoostingProgress)} continues a checkpoint. */
  default boolean resumes() {
    return false;
  }

  /**
   * Continues from a checkpoint the progress handed out, to the model an uninterrupted fit grows;
   * a trainer that cannot ({@link #resumes()} false) starts over.
   */
  default TabularModel fit(
      EncodedData train, TabularTask task, int classes, TrainerParams params, byte[] resumeFrom, BoostingProgress progress) {
    return fit(train, task, classes, params, progress);
  }
}
