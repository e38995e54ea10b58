package dev.trainflow.worker.model;

/**
 * The summed losses of one batch: the in-batch softmax (retrieval), the squared and absolute
 * errors of the predicted label (ranking); zero for a head the model lacks.
 */
public record BatchLosses(double retrieval, double squaredError, double absoluteError) {

  /** The model's objective summed over the batch's rows: w_r · retrieval + w_k · squared error. */
  public double weighted(TwoTowerArchitecture architecture) {
    return architecture.retrievalWeight() * retrieval + architecture.rankingWeight() * squaredError;
  }

  public BatchLosses plus(BatchLosses other) {
    return new BatchLosses(retrieval + other.retrieval, squaredError + other.squaredError, absoluteError + other.absoluteError);
  }
}
