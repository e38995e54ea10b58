package dev.trainflow.worker.model;

/**
 * One batch of examples for a training or evaluation step.
 *
 * @param logSamplingProbabilities log p(c) of each row's candidate (retrieval; see {@link InBatchSoftmax})
 * @param catalogPositions each row's candidate in the catalog (for the candidate bias), or null
 * @param labels each row's label (ranking), or null
 */
public record TrainingBatch(
    TowerInput queries,
    TowerInput candidates,
    float[] logSamplingProbabilities,
    int[] catalogPositions,
    float[] labels) {

  public TrainingBatch {
    int rows = queries.rows();
    if (candidates.rows() != rows
        || (logSamplingProbabilities != null && logSamplingProbabilities.length != rows)
        || (catalogPositions != null && catalogPositions.length != rows)
        || (labels != null && labels.length != rows)) {
      throw new IllegalArgumentException("every part of a batch needs " + rows + " rows");
    }
  }

  /** A retrieval batch: queries, their candidates and the candidates' log sampling probabilities. */
  public static TrainingBatch retrieval(TowerInput queries, TowerInput candidates, float[] logSamplingProbabilities) {
    return new TrainingBatch(queries, candidates, logSamplingProbabilities, null, null);
  }

  public int rows() {
    return queries.rows();
  }
}
